// Admin (admins): the organization's workflow definitions (create, edit, deactivate; every problem the API
// names is shown at its field) and its priority policy with a what-if: each CSM's top 10 before and after
// the change (POST /api/orchestrator/simulations, which writes nothing), then Apply (PUT /api/orchestrator/policies).
import {ApiError, del, get, patch, post, put} from './api.js';
import {announce, field, fill, h, moment} from './dom.js';

const TYPES = ['risk', 'opportunity', 'strategic', 'renewal', 'custom'];
const TOP_N = 10;

export async function render(main) {
  let definitions;
  let policies;
  try {
    [definitions, policies] = await Promise.all([get('/api/orchestrator/definitions'), get('/api/orchestrator/policies')]);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403) throw error;
    fill(main, h('h1', null, 'Admin'), h('p', null, 'Only admins manage definitions and policies.'));
    return;
  }
  const names = await csmNames();
  const definitionsPart = h('section', {class: 'card', id: 'definitions', 'aria-labelledby': 'definitions-title'});
  const policyPart = h('section', {class: 'card', id: 'policies', 'aria-labelledby': 'policies-title'});
  fill(main, h('h1', null, 'Admin'), definitionsPart, policyPart);
  drawDefinitions(definitionsPart, definitions.items || []);
  drawPolicy(policyPart, policies, names);
}

async function csmNames() {
  const team = await get('/api/profiles');
  return new Map((team.items || []).map((p) => [p.id, p.full_name]));
}

// ---- definitions ---------------------------------------------------------------------------------

function drawDefinitions(part, items) {
  const editor = h('div', {id: 'definition-editor'});
  const reload = async (message) => {
    const fresh = await get('/api/orchestrator/definitions');
    drawDefinitions(part, fresh.items || []);
    if (message) announce(message);
  };
  fill(part, h('h2', {id: 'definitions-title'}, 'Workflow definitions'),
    h('table', {class: 'definitions'},
      h('thead', null, h('tr', null, ['Name', 'Type', 'Weight', 'Triggers', 'Active', ''].map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', null, items.filter((d) => !d.is_demo).map((d) => h('tr', {'data-definition-id': d.id},
        h('td', null, d.name), h('td', null, d.workflow_type), h('td', null, String(d.priority_weight)),
        h('td', {class: 'conditions'}, conditionsText(d.trigger_conditions)),
        h('td', null, d.is_active ? 'yes' : 'no'),
        h('td', null, h('button', {type: 'button', onclick: () => edit(editor, d, reload)}, `Edit ${d.name}`)))))),
    h('div', {class: 'actions'}, h('button', {type: 'button', id: 'new-definition', onclick: () => edit(editor, null, reload)},
      'New definition')),
    editor);
}

function conditionsText(conditions) {
  const keys = Object.keys(conditions || {});
  return keys.length ? keys.map((k) => `${k}: ${JSON.stringify(conditions[k])}`).join(', ') : '—';
}

/** The form of one definition (null: a new one); a 400's problems appear under the fields they name. */
function edit(editor, definition, reload) {
  const name = h('input', {type: 'text', name: 'name', value: definition ? definition.name : '', required: true, maxlength: 200});
  const type = h('select', {name: 'workflow_type'}, TYPES.map((t) => h('option', {value: t, selected: definition && definition.workflow_type === t}, t)));
  const weight = h('input', {type: 'number', name: 'priority_weight', step: 1,
    value: definition ? String(definition.priority_weight) : ''});
  const conditions = h('textarea', {name: 'trigger_conditions', rows: 4, spellcheck: 'false'},
    JSON.stringify(definition ? definition.trigger_conditions || {} : {}, null, 1));
  const description = h('input', {type: 'text', name: 'description', value: definition ? definition.description || '' : ''});
  const active = h('input', {type: 'checkbox', name: 'is_active', checked: definition ? definition.is_active : true});
  const controls = {name, workflow_type: type, priority_weight: weight, trigger_conditions: conditions, description, is_active: active};
  const errors = {};
  const wrap = (labelText, key, hint) => {
    errors[key] = h('p', {class: 'error', id: `error-${key}`, 'data-error-for': key});
    const labelled = field(labelText, controls[key], hint);
    // read with the field: its hint, then what is wrong with it
    const described = [controls[key].getAttribute('aria-describedby'), errors[key].id].filter(Boolean).join(' ');
    controls[key].setAttribute('aria-describedby', described);
    return h('div', null, labelled, errors[key]);
  };
  const formError = h('p', {class: 'error', role: 'alert'});
  const form = h('form', {class: 'card', 'aria-label': definition ? `Edit ${definition.name}` : 'New definition'},
    h('h3', null, definition ? `Edit ${definition.name}` : 'New definition'),
    wrap('Name', 'name'), wrap('Workflow type', 'workflow_type'),
    wrap('Priority weight', 'priority_weight', 'Empty: the type\'s tier in the organization\'s priority policy.'),
    wrap('Trigger conditions (JSON)', 'trigger_conditions',
      'For example {"risk_score_min": 6, "cooldown_days": 30}; see the trigger condition keys in the docs.'),
    wrap('Description', 'description'),
    h('div', null, h('label', {class: 'check'}, active, 'Active'), (errors.is_active = h('p', {class: 'error'}))),
    formError,
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary'}, 'Save'),
      definition && definition.is_active ? h('button', {type: 'button', class: 'deactivate', onclick: async () => {
        await del(`/api/orchestrator/definitions/${encodeURIComponent(definition.id)}`);
        await reload(`${definition.name} deactivated: it creates no more work.`);
      }}, 'Deactivate') : null,
      h('button', {type: 'button', onclick: () => fill(editor)}, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    Object.values(errors).forEach((e) => fill(e));
    fill(formError);
    let parsed;
    try {
      parsed = JSON.parse(conditions.value || '{}');
    } catch (e) {
      fill(errors.trigger_conditions, `trigger_conditions: not JSON (${e.message})`);
      conditions.focus();
      return;
    }
    const body = {name: name.value, workflow_type: type.value, trigger_conditions: parsed,
      description: description.value || null, is_active: active.checked};
    if (weight.value !== '') body.priority_weight = Number(weight.value);
    try {
      if (definition) await patch(`/api/orchestrator/definitions/${encodeURIComponent(definition.id)}`, body);
      else await post('/api/orchestrator/definitions', body);
      fill(editor);
      await reload(`${body.name} saved.`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      showProblems(error, errors, formError, controls);
    }
  });
  fill(editor, form);
  name.focus();
}

/** Each named problem under its field (trigger_conditions.risk_score_min under the conditions), the rest on top. */
function showProblems(error, errors, formError, controls) {
  const rest = [];
  let first = null;
  for (const problem of (error.problem && error.problem.errors) || []) {
    const key = Object.keys(errors).find((k) => problem.field === k || problem.field.startsWith(`${k}.`));
    if (key) {
      errors[key].append(h('span', null, `${problem.field}: ${problem.message} `));
      first = first || controls[key];
    } else {
      rest.push(`${problem.field}: ${problem.message}`);
    }
  }
  fill(formError, rest.length ? rest.join('; ') : (first ? '' : error.describe()));
  if (first) first.focus();
}

// ---- the priority policy and its what-if ----------------------------------------------------------

const KNOBS = [
  ['revenue_impact_points_per_tier', 'Points per revenue impact tier'],
  ['churn_risk_points_per_point', 'Points per churn risk point'],
  ['usage_score_divisor', 'Usage score divisor'],
];

function drawPolicy(part, current, names) {
  const priority = current.priority_policy;
  const inputs = {};
  const number = (path, value) => {
    inputs[path] = h('input', {type: 'number', step: 1, name: path, value: String(value), 'data-path': path});
    return inputs[path];
  };
  const problems = h('div', {class: 'error', role: 'alert', id: 'policy-problems'});
  const result = h('div', {id: 'what-if'});
  const churnTypes = TYPES.map((t) => h('input', {type: 'checkbox', value: t, checked: (priority.churn_risk_types || []).includes(t)}));
  const candidate = () => {
    const next = JSON.parse(JSON.stringify(priority));
    for (const t of TYPES) next.type_tiers[t] = Number(inputs[`type_tiers.${t}`].value);
    for (const [key] of KNOBS) next[key] = Number(inputs[key].value);
    for (const l of ['critical', 'high', 'medium']) next.labels[l] = Number(inputs[`labels.${l}`].value);
    next.churn_risk_types = churnTypes.filter((c) => c.checked).map((c) => c.value);
    return {priority_policy: next};
  };
  const fail = (error) => {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    fill(problems, ((error.problem && error.problem.errors) || []).map((e) => h('p', null, `${e.field}: ${e.message}`)));
    for (const e of (error.problem && error.problem.errors) || []) {
      const input = inputs[e.field.replace(/^priority_policy\./, '')];
      if (input) input.setAttribute('aria-invalid', 'true');
    }
  };
  const clear = () => {
    fill(problems);
    Object.values(inputs).forEach((i) => i.removeAttribute('aria-invalid'));
  };
  fill(part, h('h2', {id: 'policies-title'}, 'Priority policy'),
    h('p', {class: 'meta', id: 'policy-version'}, current.version === 0 ? 'Version 0: the standard policy.'
      : `Version ${current.version}, applied ${moment(current.created_at)}.`),
    h('fieldset', null, h('legend', null, 'Type tiers (a new definition\'s default weight)'),
      h('div', {class: 'inline'}, TYPES.map((t) => field(t, number(`type_tiers.${t}`, priority.type_tiers[t]))))),
    h('div', {class: 'inline'}, KNOBS.map(([key, text]) => field(text, number(key, priority[key])))),
    h('fieldset', null, h('legend', null, 'Churn risk counts for'),
      churnTypes.map((c) => h('label', {class: 'check'}, c, c.value))),
    h('fieldset', null, h('legend', null, 'Label thresholds'),
      h('div', {class: 'inline'}, ['critical', 'high', 'medium'].map((l) => field(l, number(`labels.${l}`, priority.labels[l]))))),
    problems,
    h('div', {class: 'actions'},
      h('button', {type: 'button', id: 'what-if-button', onclick: async () => {
        clear();
        fill(result, h('p', null, 'Simulating…'));
        try {
          drawWhatIf(result, await post('/api/orchestrator/simulations', {...candidate(), top_n: TOP_N}), names);
          result.scrollIntoView({block: 'start'});
        } catch (error) {
          fill(result);
          fail(error);
        }
      }}, 'What if?'),
      h('button', {type: 'button', class: 'primary', id: 'apply-policy', onclick: async () => {
        clear();
        try {
          const applied = await put('/api/orchestrator/policies', candidate());
          announce(`Version ${applied.version} applied: ${applied.rescored ? applied.rescored.changed : 0} open items re-scored.`);
          drawPolicy(part, applied, names);
        } catch (error) {
          fail(error);
        }
      }}, 'Apply')),
    result);
}

/** Each CSM's top 10 before and after, side by side, with what enters and leaves; then the label totals. */
function drawWhatIf(result, report, names) {
  const csms = report.csms || [];
  const moved = csms.filter((q) => (q.entering || []).length || (q.leaving || []).length || (q.moved || []).length).length;
  fill(result, h('h3', null, 'What if'),
    h('p', {class: 'meta', id: 'what-if-summary'}, `${moved} of ${csms.length} CSM queues change in their top ${report.top_n}. Nothing was written.`),
    csms.map((q) => {
      const entering = new Set(q.entering || []);
      const leaving = new Set(q.leaving || []);
      const row = (i, after) => h('li', {class: entering.has(i.execution_id) && after ? 'entering'
        : leaving.has(i.execution_id) && !after ? 'leaving' : null},
        `${i.customer_name} · ${i.workflow_definition_name} (${after ? i.score_after : i.score_before})`,
        after && entering.has(i.execution_id) ? ' — enters' : '', !after && leaving.has(i.execution_id) ? ' — leaves' : '');
      return h('section', {class: 'what-if-csm', 'data-csm-id': q.csm_id},
        h('h4', null, names.get(q.csm_id) || q.csm_id),
        h('div', {class: 'signals'},
          h('div', null, h('h5', null, 'Before'), h('ol', {class: 'top-before'}, (q.top_before || []).map((i) => row(i, false)))),
          h('div', null, h('h5', null, 'After'), h('ol', {class: 'top-after'}, (q.top_after || []).map((i) => row(i, true))))));
    }),
    h('table', null, h('caption', null, 'Open work by label'),
      h('thead', null, h('tr', null, ['Label', 'Before', 'After'].map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', null, (report.labels || []).map((l) => h('tr', null, h('td', null, l.label), h('td', null, String(l.before)),
        h('td', null, String(l.after)))))));
}
