// Analytics (every member, over their own scope): how the work went in a period and which rules create
// noise (GET /api/orchestrator/analytics; each metric in words: docs/analytics.md).
import {get} from './api.js';
import {field, fill, h} from './dom.js';

const GROUPS = [['', 'Total only'], ['csm', 'CSM'], ['definition', 'Definition'], ['workflow_type', 'Workflow type'],
  ['week', 'Week']];

// [the API's name, the column's title, how to show it]
const COLUMNS = [
  ['created', 'Created'], ['completed', 'Completed'], ['skipped', 'Skipped'], ['auto_closed', 'Auto-closed'],
  ['snoozed', 'Snoozes'], ['completion_rate', 'Completion rate', 'percent'],
  ['time_to_start_median_seconds', 'To start (median)', 'time'], ['time_to_start_p90_seconds', 'To start (p90)', 'time'],
  ['time_to_complete_median_seconds', 'To complete (median)', 'time'],
  ['time_to_complete_p90_seconds', 'To complete (p90)', 'time'],
  ['snoozes_per_completed', 'Snoozes per completed', 'decimal'], ['escalations', 'Escalations'],
  ['time_to_acknowledge_median_seconds', 'To acknowledge (median)', 'time'], ['overdue', 'Overdue'],
];

/** Seconds as the CLI's table shows them: 45m, 26h, 3.2d; a dash for none. */
export function brief(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (Math.abs(seconds) < 3600) return `${Math.trunc(seconds / 60)}m`;
  if (Math.abs(seconds) < 48 * 3600) return `${Math.trunc(seconds / 3600)}h`;
  return `${(seconds / 86400).toFixed(1)}d`;
}

function shown(value, how) {
  if (value === null || value === undefined) return '–';
  if (how === 'percent') return `${Math.round(value * 100)}%`;
  if (how === 'time') return brief(value);
  if (how === 'decimal') return value.toFixed(2);
  return String(value);
}

export async function render(main, go, params) {
  const query = new URLSearchParams();
  for (const name of ['from', 'to', 'group_by']) if (params.get(name)) query.set(name, params.get(name));
  const report = await get(`/api/orchestrator/analytics${query.toString() ? `?${query}` : ''}`);

  const from = h('input', {type: 'date', name: 'from', value: report.from, required: true});
  const to = h('input', {type: 'date', name: 'to', value: report.to, required: true});
  const groupBy = h('select', {name: 'group_by'}, GROUPS.map(([value, text]) =>
    h('option', {value, selected: (report.group_by || '') === value}, text)));
  const form = h('form', {id: 'analytics-form', class: 'filters', onsubmit: (event) => {
    event.preventDefault();
    const next = new URLSearchParams({from: from.value, to: to.value});
    if (groupBy.value) next.set('group_by', groupBy.value);
    go(`#/analytics?${next}`);
  }}, field('From', from), field('To (included)', to, 'UTC days, at most 366'), field('Group by', groupBy),
  h('button', {type: 'submit'}, 'Show'));

  const lines = [...report.groups, report.total];
  const metrics = h('table', {id: 'analytics-lines'},
    h('caption', null, `${report.scope}, ${report.from} to ${report.to}`),
    h('thead', null, h('tr', null, h('th', {scope: 'col'}, report.group_by ? 'Group' : ''),
      COLUMNS.map(([, title]) => h('th', {scope: 'col'}, title)), h('th', {scope: 'col'}, 'Skipped by reason'))),
    h('tbody', null, lines.map((line) => h('tr', {'data-key': line.key},
      h('th', {scope: 'row'}, line.label),
      COLUMNS.map(([name, , how]) => h('td', {'data-metric': name}, shown(line[name], how))),
      h('td', {'data-metric': 'skipped_by_reason'},
        Object.entries(line.skipped_by_reason || {}).map(([code, n]) => `${code} ${n}`).join(', ') || '–')))));

  const quality = report.rule_quality.length === 0
    ? h('p', {id: 'rule-quality-empty'}, 'No work ended in this period.')
    : h('table', {id: 'rule-quality'},
      h('caption', null, 'Rule quality: the share of each definition\'s ended work that was noise (auto-closed, or skipped as not relevant), worst first'),
      h('thead', null, h('tr', null, ['Definition', 'Ended', 'Noise', 'Noise share', 'Age at skip (median)']
        .map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', null, report.rule_quality.map((q) => h('tr', {'data-definition-id': q.definition.id},
        h('th', {scope: 'row'}, q.definition.name), h('td', {'data-metric': 'ended'}, String(q.ended)),
        h('td', {'data-metric': 'noisy'}, String(q.noisy)),
        h('td', {'data-metric': 'noise_share'}, shown(q.noise_share, 'percent')),
        h('td', {'data-metric': 'noisy_age_median_seconds'}, brief(q.noisy_age_median_seconds))))));

  fill(main, h('h1', null, 'Analytics'), form, h('section', {class: 'card wide-table'}, metrics), h('section', {class: 'card'}, quality));
}
