// The queue: the CSM's work (GET /api/orchestrator/executions) filtered, sorted and grouped, each row
// with its explanation; a lane of snoozed work coming back within 3 days; multi-select for bulk
// snooze and skip, and, for managers and admins, bulk reassign to another CSM of the team. With
// `csm_id` (#/queue?csm_id=..., opened from the Team screen) it is that CSM's list. Filters live in the
// address (#/queue?label=high), so a view can be bookmarked. After a bulk action the list shows what
// happened to each selected item (the bulk route's per-item results).
import {ApiError, get, problemText} from './api.js';
import {announce, day, field, fill, h, label, statusText} from './dom.js';
import * as apis from './parallel-apis.js';
import * as pickers from './pickers.js';

const STATUSES = ['not_started', 'underway', 'snoozed'];
const TYPES = ['risk', 'opportunity', 'strategic', 'renewal', 'custom'];
const LABELS = ['critical', 'high', 'medium', 'low'];
const SORTS = [['-priority', 'Highest priority first'], ['priority', 'Lowest priority first'], ['due_at', 'Due soonest'],
  ['snooze_until', 'Back from snooze soonest'], ['created_at', 'Oldest first']];
const GROUPS = [['', 'No grouping'], ['customer', 'Customer'], ['type', 'Workflow type']];
const DUE_SOON_DAYS = 7;
const RESURFACING_DAYS = 3;

function select(name, options, value) {
  return h('select', {name, id: `filter-${name}`}, options.map(([v, text]) => h('option', {value: v, selected: v === value}, text)));
}

const MANAGES = ['manager', 'admin'];
const ACTIONS = {snooze: 'Snoozed', skip: 'Skipped', reassign: 'Reassigned'};

/** `me` is the signed-in profile ({id, role}); `report` the last bulk action's results, shown once. */
export async function render(main, go, params, me, report) {
  const filters = {
    csm_id: params.get('csm_id') || '',
    status: params.getAll('status').length ? params.getAll('status') : ['not_started', 'underway'],
    workflow_type: params.get('workflow_type') || '',
    label: params.get('label') || '',
    q: params.get('q') || '',
    escalated: params.get('escalated') === 'me',
    due_soon: params.get('due_soon') === 'true',
    sort: params.get('sort') || '-priority',
    group: params.get('group') || '',
  };
  const form = h('form', {class: 'filters', id: 'filters', 'aria-label': 'Filters'});
  const statusBoxes = STATUSES.map((s) => h('input', {type: 'checkbox', name: 'status', value: s, id: `status-${s}`,
    checked: filters.status.includes(s)}));
  const q = h('input', {type: 'search', name: 'q', id: 'filter-q', value: filters.q, maxlength: 200});
  const escalated = h('input', {type: 'checkbox', id: 'filter-escalated', checked: filters.escalated});
  const dueSoon = h('input', {type: 'checkbox', id: 'filter-due-soon', checked: filters.due_soon});
  const type = select('workflow_type', [['', 'Any type'], ...TYPES.map((t) => [t, t])], filters.workflow_type);
  const labelSelect = select('label', [['', 'Any label'], ...LABELS.map((l) => [l, l[0].toUpperCase() + l.slice(1)])], filters.label);
  const sort = select('sort', SORTS, filters.sort);
  const group = select('group', GROUPS, filters.group);
  const apply = () => {
    const next = new URLSearchParams();
    if (filters.csm_id) next.set('csm_id', filters.csm_id);
    statusBoxes.filter((b) => b.checked).forEach((b) => next.append('status', b.value));
    if (type.value) next.set('workflow_type', type.value);
    if (labelSelect.value) next.set('label', labelSelect.value);
    if (q.value.trim()) next.set('q', q.value.trim());
    if (escalated.checked) next.set('escalated', 'me');
    if (dueSoon.checked) next.set('due_soon', 'true');
    if (sort.value !== '-priority') next.set('sort', sort.value);
    if (group.value) next.set('group', group.value);
    go(`#/queue?${next}`);
  };
  fill(form,
    h('fieldset', null, h('legend', null, 'Status'), statusBoxes.map((b) => h('span', {class: 'check'}, b,
      h('label', {for: b.id}, statusText(b.value))))),
    field('Type', type), field('Label', labelSelect), field('Customer or workflow', q),
    h('span', {class: 'check'}, escalated, h('label', {for: escalated.id}, 'Escalated to me')),
    h('span', {class: 'check'}, dueSoon, h('label', {for: dueSoon.id}, `Due within ${DUE_SOON_DAYS} days`)),
    field('Sort', sort), field('Group by', group),
    h('button', {type: 'submit'}, 'Apply'));
  form.addEventListener('change', (event) => { if (event.target !== q) apply(); });
  form.addEventListener('submit', (event) => { event.preventDefault(); apply(); });

  const query = {
    status: filters.status, workflow_type: filters.workflow_type, label: filters.label, q: filters.q,
    escalated_to: filters.escalated ? 'me' : '', due_within_days: filters.due_soon ? DUE_SOON_DAYS : '',
    csm_id: filters.csm_id, sort: filters.sort, limit: 100,
  };
  // whole seconds: the API takes an ISO-8601 instant without fractions
  const soon = new Date(Date.now() + RESURFACING_DAYS * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const manages = Boolean(me && MANAGES.includes(me.role));
  let page;
  let lane;
  let team = [];
  try {
    [page, lane, team] = await Promise.all([get('/api/orchestrator/executions', query),
      get('/api/orchestrator/executions', {status: 'snoozed', snoozed_until_before: soon, sort: 'snooze_until',
        csm_id: filters.csm_id, limit: 100}),
      // the people work may be handed to: the caller's team (a CSM has none, and may not reassign)
      manages ? get('/api/orchestrator/team').then((t) => (t.csms || []).map((line) => line.csm)) : []]);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    fill(main, h('h1', null, 'Queue'), form, h('p', {class: 'error', role: 'alert'}, error.describe()));
    return;
  }
  const owner = filters.csm_id && team.find((p) => p.id === filters.csm_id);
  const title = filters.csm_id ? `Work of ${owner ? owner.name : 'another CSM'}` : 'Queue';
  const targets = team.filter((p) => p.id !== filters.csm_id);

  const selected = new Set();
  const count = h('span', {id: 'selected-count'}, '0 selected');
  const bulkSnooze = h('button', {type: 'button', id: 'bulk-snooze', disabled: true}, 'Snooze selected');
  const bulkSkip = h('button', {type: 'button', id: 'bulk-skip', disabled: true}, 'Skip selected');
  const bulkReassign = manages && targets.length
    && h('button', {type: 'button', id: 'bulk-reassign', disabled: true}, 'Reassign selected');
  const changed = () => {
    fill(count, `${selected.size} selected`);
    bulkSnooze.disabled = bulkSkip.disabled = selected.size === 0;
    if (bulkReassign) bulkReassign.disabled = selected.size === 0;
  };
  const items = page.items || [];
  const names = new Map([...items, ...(lane.items || [])].map((item) => [item.id, rowName(item)]));
  const runBulk = async (action, picker) => {
    const ids = [...selected];
    const answer = await picker(`${ids.length} item${ids.length === 1 ? '' : 's'}`, (p) => apis.bulk(action, ids, p));
    if (answer) {
      const failures = answer.results.filter((r) => r.error).map((r) => problemText(r.error));
      announce(`${answer.summary.ok} done, ${answer.summary.failed} failed${failures.length ? `: ${failures.join('; ')}` : ''}`);
      await render(main, go, params, me, {action, answer, names});
    }
  };
  bulkSnooze.addEventListener('click', () => runBulk('snooze', pickers.snooze));
  bulkSkip.addEventListener('click', () => runBulk('skip', pickers.skip));
  if (bulkReassign) bulkReassign.addEventListener('click', () => runBulk('reassign', (what, run) => pickers.reassign(what, targets, run)));

  fill(main,
    h('h1', null, title),
    report && results(report),
    form,
    h('section', {'aria-labelledby': 'lane-title', class: 'lane', id: 'resurfacing'},
      h('h2', {id: 'lane-title'}, `Resurfacing soon (next ${RESURFACING_DAYS} days)`),
      (lane.items || []).length ? h('ul', {class: 'rows'}, lane.items.map((item) => row(item, null)))
        : h('p', null, 'Nothing snoozed comes back in the next 3 days.')),
    h('section', {'aria-labelledby': 'list-title'},
      h('h2', {id: 'list-title'}, `Work (${page.total ?? items.length})`),
      h('div', {class: 'bulk', role: 'group', 'aria-label': 'Bulk actions'}, count, bulkSnooze, bulkSkip, bulkReassign),
      items.length ? groups(items, filters.group).map(([name, rows]) => h('div', {class: 'group'},
        name && h('h3', null, name), h('ul', {class: 'rows', id: name ? undefined : 'queue-rows'}, rows.map((item) => row(item, (on) => {
          if (on) selected.add(item.id); else selected.delete(item.id);
          changed();
        })))))
        : h('p', {id: 'queue-empty'}, 'No work matches these filters.')));
}

/** What the last bulk action did, item by item: how many succeeded, and which failed and why. */
function results({action, answer, names}) {
  const {ok, failed} = answer.summary;
  return h('section', {class: 'card results', id: 'bulk-results', 'aria-labelledby': 'bulk-results-title'},
    h('h2', {id: 'bulk-results-title'}, `${ACTIONS[action] || action}: ${ok} of ${ok + failed} done${failed ? `, ${failed} failed` : ''}`),
    h('ul', {class: 'outcomes'}, answer.results.map((r) => h('li', {'data-execution-id': r.id, class: r.error ? 'failed' : 'ok'},
      h('span', {class: 'outcome'}, r.error ? `Failed (${r.status})` : 'Done'), ' ', names.get(r.id) || r.id,
      r.error && h('span', {class: 'why'}, ` — ${problemText(r.error)}`)))));
}

function rowName(item) {
  return `${(item.workflow_definition || {}).name || 'Workflow'} for ${(item.customer || {}).name || '—'}`;
}

function groups(items, by) {
  if (!by) return [['', items]];
  const key = (item) => (by === 'customer' ? (item.customer || {}).name : (item.workflow_definition || {}).workflow_type) || '—';
  const map = new Map();
  for (const item of items) {
    if (!map.has(key(item))) map.set(key(item), []);
    map.get(key(item)).push(item);
  }
  return [...map.entries()];
}

function row(item, onSelect) {
  const definition = item.workflow_definition || {};
  const title = definition.name || 'Workflow';
  const customer = (item.customer || {}).name || '—';
  const box = onSelect && h('input', {type: 'checkbox', id: `select-${item.id}`, 'aria-label': `Select ${title} for ${customer}`,
    onchange: () => onSelect(box.checked)});
  const why = (item.priority_explanation || []).map((line) => line.detail || line.rule).join(' · ');
  return h('li', {class: 'row', 'data-execution-id': item.id},
    box,
    h('div', {class: 'row-main'},
      h('a', {href: `#/work/${encodeURIComponent(item.id)}`, class: 'row-title'}, title),
      h('span', {class: 'customer'}, customer),
      h('span', {class: 'meta'}, definition.workflow_type, ' · ', statusText(item.status),
        item.snooze_until ? ` · back ${day(item.snooze_until)}` : '', item.due_at ? ` · due ${day(item.due_at)}` : ''),
      h('small', {class: 'why'}, why)),
    label(item.priority_label, item.priority_score));
}
