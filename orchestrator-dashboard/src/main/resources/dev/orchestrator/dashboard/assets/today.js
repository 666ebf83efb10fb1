// Today: the one thing to do next (GET /api/dashboard/today-workflows), as a card with its explained
// priority; Start opens the work view, Snooze / Skip / Escalate act in place and the card moves on.
import {executionPath, get, patch} from './api.js';
import {announce, day, explanation, fill, h, label, statusText} from './dom.js';
import * as apis from './parallel-apis.js';
import * as pickers from './pickers.js';
import * as session from './session.js';

export async function render(main, go) {
  const demo = session.demo();
  const toggle = h('input', {type: 'checkbox', id: 'demo-mode', checked: demo,
    onchange: () => { session.setDemo(toggle.checked); go('#/today'); }});
  const top = await get('/api/dashboard/today-workflows', {demo});
  const progress = demo ? await get('/api/orchestrator/demo/status') : null;
  const heading = h('h1', null, 'Today');
  const mode = h('div', {class: 'mode'}, toggle, h('label', {for: 'demo-mode'}, 'Demo sequence'));
  const progressLine = progress && h('p', {class: 'progress', id: 'demo-progress'},
    `Demo: ${progress.completed} of ${progress.total} completed`);
  if (!top) {
    const none = demo && progress.total === 0;
    fill(main, heading, mode, progressLine, h('section', {class: 'card empty', id: 'today-card'},
      h('h2', null, none ? 'You have no demo sequence' : demo ? 'The demo sequence is complete' : 'Nothing to do right now'),
      h('p', null, none ? 'Untick “Demo sequence” to see your own work.' : demo ? 'Every demo workflow is done.'
        : 'Your queue is empty: new work appears here as it arrives.')));
    return;
  }
  const execution = await get(executionPath(top.execution_id));
  const what = `“${top.title}”`;
  const after = async (done, message) => {
    if (done) {
      announce(message);
      await render(main, go);
    }
  };
  const start = async () => {
    if (execution.status !== 'underway') {
      await patch(`${executionPath(top.execution_id)}/status`, {status: 'underway'});
    }
    go(`#/work/${encodeURIComponent(top.execution_id)}`);
  };
  const escalation = apis.escalationOf(execution);
  const card = h('section', {class: 'card', id: 'today-card', 'aria-labelledby': 'today-title', 'data-execution-id': top.execution_id},
    h('p', {class: 'kicker'}, top.workflow_type),
    h('h2', {id: 'today-title'}, top.title),
    h('dl', {class: 'facts'},
      h('dt', null, 'Customer'), h('dd', {class: 'customer'}, top.customer ? top.customer.name : '—'),
      h('dt', null, 'Priority'), h('dd', null, label(top.priority, top.priority_score)),
      h('dt', null, 'Status'), h('dd', {class: 'state'}, statusText(execution.status)),
      h('dt', null, 'Due'), h('dd', null, day(execution.due_at)),
      escalation && [h('dt', null, 'Escalated to'), h('dd', null, escalation.to ? escalation.to.name : '—')]),
    h('h3', null, 'Why it is first'),
    explanation(execution.priority_explanation),
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'primary', id: 'start', onclick: start},
        execution.status === 'underway' ? 'Continue' : 'Start'),
      h('button', {type: 'button', id: 'snooze', onclick: async () =>
        after(await pickers.snooze(what, (p) => apis.snooze(top.execution_id, p)), `Snoozed ${top.title}`)}, 'Snooze'),
      h('button', {type: 'button', id: 'skip', onclick: async () =>
        after(await pickers.skip(what, (p) => apis.skip(top.execution_id, p)), `Skipped ${top.title}`)}, 'Skip'),
      h('button', {type: 'button', id: 'escalate', onclick: async () =>
        after(await pickers.escalate(what, (u) => apis.escalate(top.execution_id, u)), `Escalated ${top.title}`)}, 'Escalate')));
  fill(main, heading, mode, progressLine, card);
}
