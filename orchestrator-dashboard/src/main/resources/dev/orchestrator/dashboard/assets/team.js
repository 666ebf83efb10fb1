// Team (managers and admins): each CSM's work as GET /api/orchestrator/team counts it (open work by
// label, underway, resurfacing within 3 days, open escalations and the oldest wait, completed and
// skipped in 7 and 30 days, capacity and load). A CSM's name opens their list (#/queue?csm_id=...), where work can be
// reassigned. The counts are the API's: this screen adds none of its own.
import {ApiError, get} from './api.js';
import {fill, h, moment} from './dom.js';

const LABELS = ['Critical', 'High', 'Medium', 'Low'];

export async function render(main) {
  let answer;
  try {
    answer = await get('/api/orchestrator/team');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403) throw error;
    fill(main, h('h1', null, 'Team'), h('p', null, 'Only managers and admins see the team.'));
    return;
  }
  const csms = answer.csms || [];
  fill(main, h('h1', null, 'Team'),
    h('p', {class: 'meta'}, `${csms.length} CSM${csms.length === 1 ? '' : 's'} · counted at ${moment(answer.as_of)}`),
    csms.length ? h('ul', {class: 'team', id: 'team'}, csms.map(member)) : h('p', null, 'No CSMs report to you.'));
}

function member(line) {
  const byLabel = line.open_by_label || {};
  const wait = line.oldest_escalation_wait_hours;
  const fact = (name, key, value) => [h('dt', null, name), h('dd', {'data-count': key}, String(value))];
  return h('li', {class: 'card member', 'data-csm-id': line.csm.id},
    h('h2', null, h('a', {href: `#/queue?csm_id=${encodeURIComponent(line.csm.id)}`, class: 'member-name'}, line.csm.name)),
    h('p', {class: 'by-label', 'aria-label': 'Open work by label'}, LABELS.map((l) =>
      h('span', {class: `label label-${l.toLowerCase()}`, 'data-count': `open_by_label.${l}`}, `${l} · ${byLabel[l] ?? 0}`))),
    h('dl', {class: 'facts'},
      fact('Open', 'open', line.open),
      fact('Underway', 'underway', line.underway),
      fact('Resurfacing in 3 days', 'resurfacing_3d', line.resurfacing_3d),
      fact('Open escalations', 'escalations_open', line.escalations_open),
      fact('Oldest escalation waits', 'oldest_escalation_wait_hours', wait === null || wait === undefined ? '—' : `${wait} h`),
      fact('Completed (7 / 30 days)', 'completed', `${line.completed_7d} / ${line.completed_30d}`),
      fact('Skipped (7 / 30 days)', 'skipped', `${line.skipped_7d} / ${line.skipped_30d}`),
      // Load is the API's (open work ÷ capacity, as the organization counts it); unlimited has none.
      fact('Capacity (load)', 'load', line.capacity === null || line.capacity === undefined ? 'unlimited'
        : `${line.capacity} (${Math.round(line.load * 100)} %)`)));
}
