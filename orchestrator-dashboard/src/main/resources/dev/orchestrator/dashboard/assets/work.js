// The work view of one execution: its next-steps checklist and notes (kept in execution_data, saved
// with PATCH .../status at the current status), its timeline, its customer's signals, and Complete.
// Work made from a definition with template steps shows those first (execution_data.steps, ticked by
// key); Complete is refused by the server while a required one is open, and the reason is shown.
import {ApiError, executionPath, get, patch} from './api.js';
import {announce, day, explanation, field, fill, h, label, moment, statusText} from './dom.js';
import * as apis from './parallel-apis.js';
import * as pickers from './pickers.js';

// Where a checklist starts when the execution has none yet: the first moves of each kind of work.
const FIRST_STEPS = {
  risk: ['Review the risk signals', 'Call the main contact', 'Agree a recovery plan'],
  opportunity: ['Confirm the need with the champion', 'Size the expansion', 'Propose next steps'],
  strategic: ['Review the account plan', 'Meet the executive sponsor', 'Write down the agreed goals'],
  renewal: ['Check usage and value delivered', 'Confirm the decision makers', 'Send the renewal proposal'],
  custom: ['Plan the work'],
};

const ACTIVE = ['not_started', 'underway', 'snoozed'];

export async function render(main, go, id) {
  const [execution, events] = await Promise.all([get(executionPath(id)), get(`${executionPath(id)}/events`, {limit: 100})]);
  let customer = null;
  try {
    customer = await get(`/api/customers/${encodeURIComponent(execution.customer_id)}`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 401) throw error;
  }
  const definition = execution.workflow_definition || {};
  const data = execution.execution_data || {};
  const template = Array.isArray(data.steps) ? data.steps.filter((s) => s && typeof s.key === 'string')
    .map((s) => ({key: s.key, title: String(s.title), done: !!s.done, optional: !!s.optional, due_at: s.due_at})) : [];
  // The template is the checklist when there is one: no made-up first steps beside it.
  const steps = Array.isArray(data.next_steps) ? data.next_steps.map((s) => ({text: String(s.text), done: !!s.done}))
    : template.length ? []
    : (FIRST_STEPS[definition.workflow_type] || FIRST_STEPS.custom).map((text) => ({text, done: false}));
  const progress = () => {
    const value = {next_steps: steps, notes: notes.value};
    if (template.length) value.steps = template.map(({key, done}) => ({key, done}));
    return value;
  };
  const active = ACTIVE.includes(execution.status);
  const saved = h('p', {class: 'saved', role: 'status'});
  const notes = h('textarea', {id: 'notes', rows: 4, maxlength: 5000, disabled: !active});
  notes.value = typeof data.notes === 'string' ? data.notes : '';

  const save = async () => {
    try {
      await patch(`${executionPath(id)}/status`, {status: execution.status, execution_data: progress()});
      fill(saved, `Saved at ${moment(new Date().toISOString())}`);
    } catch (error) {
      fill(saved, error instanceof ApiError ? error.describe() : error.message);
      throw error;
    }
  };
  const list = h('ul', {class: 'checklist', id: 'next-steps'});
  const drawSteps = () => fill(list, template.map((step, i) => {
    const box = h('input', {type: 'checkbox', id: `template-step-${i}`, checked: step.done, disabled: !active,
      onchange: () => { step.done = box.checked; save(); }});
    const extra = [step.optional && 'optional', step.due_at && `due ${day(step.due_at)}`].filter(Boolean).join(', ');
    return h('li', {class: 'template-step', 'data-step-key': step.key}, box, h('label', {for: box.id}, step.title),
      extra ? ` (${extra})` : '');
  }).concat(steps.map((step, i) => {
    const box = h('input', {type: 'checkbox', id: `step-${i}`, checked: step.done, disabled: !active,
      onchange: () => { step.done = box.checked; save(); }});
    return h('li', null, box, h('label', {for: box.id}, step.text));
  })));
  drawSteps();
  const newStep = h('input', {type: 'text', id: 'new-step', maxlength: 200, disabled: !active});
  const addStep = h('form', {class: 'inline', onsubmit: (event) => {
    event.preventDefault();
    const text = newStep.value.trim();
    if (!text) return;
    steps.push({text, done: false});
    newStep.value = '';
    drawSteps();
    save();
  }}, field('Add a step', newStep), h('button', {type: 'submit', disabled: !active}, 'Add'));

  const reload = async (done, message) => {
    if (done) {
      announce(message);
      await render(main, go, id);
    }
  };
  const what = `“${definition.name}”`;
  const actions = h('div', {class: 'actions'},
    (execution.status === 'not_started' || execution.status === 'snoozed') && h('button', {type: 'button', class: 'primary', id: 'start',
      onclick: async () => reload(await patch(`${executionPath(id)}/status`, {status: 'underway'}), 'Started')}, 'Start'),
    execution.status === 'underway' && h('button', {type: 'button', class: 'primary', id: 'complete', onclick: async () => {
      try {
        await patch(`${executionPath(id)}/status`, {status: 'completed', execution_data: progress()});
      } catch (error) {
        // Required template steps still open (409 steps-open): say which, stay on the work.
        if (!(error instanceof ApiError) || error.status !== 409) throw error;
        const open = (error.problem.open_steps || []).map((s) => s.title || s.key);
        fill(saved, open.length ? `Not completed: still to do: ${open.join(', ')}` : error.describe());
        announce(saved.textContent);
        return;
      }
      announce(`Completed ${definition.name}`);
      go('#/today');
    }}, 'Complete'),
    active && h('button', {type: 'button', id: 'snooze', onclick: async () =>
      reload(await pickers.snooze(what, (p) => apis.snooze(id, p)), 'Snoozed')}, 'Snooze'),
    active && h('button', {type: 'button', id: 'skip', onclick: async () =>
      reload(await pickers.skip(what, (p) => apis.skip(id, p)), 'Skipped')}, 'Skip'),
    active && h('button', {type: 'button', id: 'escalate', onclick: async () =>
      reload(await pickers.escalate(what, (u) => apis.escalate(id, u)), 'Escalated')}, 'Escalate'));

  const escalation = apis.escalationOf(execution);
  fill(main,
    h('p', null, h('a', {href: '#/today'}, '← Today'), ' · ', h('a', {href: '#/queue'}, 'Queue')),
    h('h1', {id: 'work-title'}, definition.name),
    h('dl', {class: 'facts'},
      h('dt', null, 'Customer'), h('dd', {class: 'customer'}, execution.customer ? execution.customer.name : '—'),
      h('dt', null, 'Status'), h('dd', {class: 'state', id: 'work-status'}, statusText(execution.status)),
      h('dt', null, 'Priority'), h('dd', null, label(execution.priority_label, execution.priority_score)),
      h('dt', null, 'Due'), h('dd', null, day(execution.due_at)),
      execution.snooze_until && [h('dt', null, 'Snoozed until'), h('dd', null, day(execution.snooze_until))],
      escalation && [h('dt', null, 'Escalated to'), h('dd', null, escalation.to ? escalation.to.name : '—')]),
    actions,
    h('section', {'aria-labelledby': 'steps-title'}, h('h2', {id: 'steps-title'}, 'Next steps'), list, addStep,
      field('Notes', notes), h('button', {type: 'button', id: 'save', disabled: !active, onclick: save}, 'Save notes'), saved),
    h('section', {'aria-labelledby': 'why-title'}, h('h2', {id: 'why-title'}, 'Why this priority'),
      explanation(execution.priority_explanation)),
    h('section', {'aria-labelledby': 'signals-title'}, h('h2', {id: 'signals-title'}, 'Customer signals'), signals(customer)),
    h('section', {'aria-labelledby': 'timeline-title'}, h('h2', {id: 'timeline-title'}, 'Timeline'), timeline(events.items || [])));
}

function signals(customer) {
  if (!customer || !customer.scores) return h('p', null, 'The customer’s signals are not visible to you.');
  const score = (name, s) => h('div', {class: 'signal'}, h('h3', null, `${name}: ${s ? s.score : '—'} / 10`),
    explanation(s ? s.explanation : []));
  return h('div', {class: 'signals'}, score('Opportunity', customer.scores.opportunity), score('Risk', customer.scores.risk));
}

function timeline(events) {
  if (!events.length) return h('p', null, 'No events yet.');
  return h('ol', {class: 'timeline', id: 'timeline'}, events.map((e) => {
    const who = e.actor && e.actor.type === 'profile' ? e.actor.name : 'the system';
    const extra = [e.days && `${e.days} days`, e.reason && `“${e.reason}”`, e.escalation_user && `to ${e.escalation_user.name}`,
      e.to_csm && `to ${e.to_csm.name}`].filter(Boolean).join(', ');
    return h('li', null, h('time', {datetime: e.occurred_at}, moment(e.occurred_at)), ' ',
      h('strong', null, e.action), ` by ${who}: ${statusText(e.from_status)} → ${statusText(e.to_status)}`, extra ? ` (${extra})` : '');
  }));
}
