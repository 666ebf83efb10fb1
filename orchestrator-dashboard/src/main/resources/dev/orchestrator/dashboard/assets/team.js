// Team (managers and admins): each CSM's work as GET /api/orchestrator/team counts it (open work by
// label, underway, resurfacing within 3 days, open escalations, the oldest wait and whether it breached
// the acknowledgement target, completed and skipped in 7 and 30 days, capacity and load). A CSM's name,
// and the "Reassign their work" link, open their list (#/queue?csm_id=...), where work is reassigned.
// Rebalance proposes moves from CSMs above capacity (POST /api/orchestrator/team/rebalance?dry_run=true)
// and applies them (dry_run=false), then redraws the counts. The counts and the moves are the API's:
// this screen adds none of its own.
import {ApiError, call, get, problemText} from './api.js';
import {announce, fill, h, moment} from './dom.js';

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
  const meta = h('p', {class: 'meta', id: 'team-meta'});
  const cards = h('ul', {class: 'team', id: 'team'});
  const draw = (team) => {
    const csms = team.csms || [];
    fill(meta, `${csms.length} CSM${csms.length === 1 ? '' : 's'} · counted at ${moment(team.as_of)}`);
    fill(cards, csms.map((line) => member(line, team.escalation_ack_target_hours)));
    cards.hidden = csms.length === 0;
  };
  draw(answer);
  fill(main, h('h1', null, 'Team'), meta,
    (answer.csms || []).length ? rebalance(async () => draw(await get('/api/orchestrator/team'))) : null,
    cards, (answer.csms || []).length ? null : h('p', null, 'No CSMs report to you.'));
}

function member(line, ackTargetHours) {
  const byLabel = line.open_by_label || {};
  const wait = line.oldest_escalation_wait_hours;
  const fact = (name, key, value) => [h('dt', null, name), h('dd', {'data-count': key}, String(value))];
  const list = `#/queue?csm_id=${encodeURIComponent(line.csm.id)}`;
  // The breach is the API's (TeamWindows.breached): said in words and marked, never by colour alone.
  const breached = line.escalation_breached === true;
  return h('li', {class: `card member${breached ? ' breached' : ''}`, 'data-csm-id': line.csm.id},
    h('h2', null, h('a', {href: list, class: 'member-name'}, line.csm.name)),
    breached && h('p', {class: 'breach', 'data-flag': 'escalation_breached'},
      `Escalation breached: waiting longer than the ${ackTargetHours ?? '?'} h target`),
    h('p', {class: 'by-label', 'aria-label': 'Open work by label'}, LABELS.map((l) =>
      h('span', {class: `label label-${l.toLowerCase()}`, 'data-count': `open_by_label.${l}`}, `${l} · ${byLabel[l] ?? 0}`))),
    h('dl', {class: 'facts'},
      fact('Open', 'open', line.open),
      fact('Underway', 'underway', line.underway),
      fact('Resurfacing in 3 days', 'resurfacing_3d', line.resurfacing_3d),
      fact('Open escalations', 'escalations_open', line.escalations_open),
      fact('Oldest escalation waits', 'oldest_escalation_wait_hours', wait === null || wait === undefined ? '—' : `${wait} h`),
      fact(`Escalation past the ${ackTargetHours ?? '?'} h target`, 'escalation_breached', breached ? 'Yes' : 'No'),
      fact('Completed (7 / 30 days)', 'completed', `${line.completed_7d} / ${line.completed_30d}`),
      fact('Skipped (7 / 30 days)', 'skipped', `${line.skipped_7d} / ${line.skipped_30d}`),
      // Load is the API's (open work ÷ capacity, as the organization counts it); unlimited has none.
      fact('Capacity (load)', 'load', line.capacity === null || line.capacity === undefined ? 'unlimited'
        : `${line.capacity} (${Math.round(line.load * 100)} %)`)),
    h('p', {class: 'member-actions'}, h('a', {href: list, class: 'reassign-link'}, 'Reassign their work',
      h('span', {class: 'visually-hidden'}, ` (${line.csm.name})`))));
}

/**
 * The Rebalance card: Propose asks for a dry run and shows each move with its reason; Apply sends the
 * same request with dry_run=false (the server computes the proposal again and applies exactly it, each
 * item only if unchanged since), shows what happened to each item, and redraws the team (`redraw`).
 */
function rebalance(redraw) {
  const output = h('div', {id: 'rebalance-result'});
  const propose = h('button', {type: 'button', id: 'rebalance-propose', class: 'primary'}, 'Propose');
  const run = async (dryRun) => {
    propose.disabled = true;
    try {
      const answer = await call('POST', '/api/orchestrator/team/rebalance', undefined, {dry_run: String(dryRun)});
      fill(output, proposal(answer, () => run(false)));
      if (!dryRun) {
        await redraw();
        const {applied, failed} = answer.summary;
        announce(`Rebalance applied: ${applied} moved, ${failed} failed.`);
      } else {
        announce(answer.moves.length ? `Proposed ${answer.moves.length} move${answer.moves.length === 1 ? '' : 's'}.`
          : 'Nothing to move.');
      }
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 401) throw error;
      fill(output, h('p', {class: 'error', role: 'alert', id: 'rebalance-error'},
        `Rebalance failed (${error.status}): ${error.describe()}`));
    } finally {
      propose.disabled = false;
    }
    const heading = output.querySelector('h3');
    if (heading) heading.focus();
  };
  propose.addEventListener('click', () => run(true));
  return h('section', {class: 'card rebalance', id: 'rebalance', 'aria-labelledby': 'rebalance-title'},
    h('h2', {id: 'rebalance-title'}, 'Rebalance'),
    h('p', {class: 'hint'}, 'Moves not-started work from CSMs above their capacity to CSMs of the same manager with room, '
      + 'lowest priority first. Propose shows the moves and changes nothing; Apply makes them.'),
    h('div', {class: 'actions'}, propose), output);
}

/** A rebalance answer: the summary, each move (and, once applied, its result), the loads, what stays above. */
function proposal(answer, apply) {
  const applied = !answer.dry_run;
  const {moves, applied: done, failed} = answer.summary;
  let title;
  if (!moves) title = 'Nobody is above capacity: nothing to move';
  else if (applied) title = `Applied: ${done} of ${moves} moved${failed ? `, ${failed} failed` : ''}`;
  else title = `Proposal: ${moves} move${moves === 1 ? '' : 's'}`;
  if (!moves && answer.unresolved.length) title = 'Nothing can move';
  const loads = answer.csms || [];
  return h('div', {class: 'results', 'data-dry-run': String(answer.dry_run)},
    h('h3', {id: 'rebalance-summary', tabindex: '-1'}, title),
    moves ? h('ol', {class: 'outcomes moves', id: 'rebalance-moves'}, answer.moves.map((m) => move(m, applied))) : null,
    answer.unresolved.length ? [h('h4', null, 'Still above capacity'),
      h('ul', {id: 'rebalance-unresolved'}, answer.unresolved.map((why) => h('li', null, why)))] : null,
    loads.length ? h('table', {id: 'rebalance-loads'},
      h('caption', null, `Load ${applied ? 'before and after' : 'now and after the moves'} (${answer.load_counting} counting)`),
      h('thead', null, h('tr', null, ['CSM', 'Capacity', 'Load before', 'Load after'].map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', null, loads.map((l) => h('tr', {'data-csm-id': l.csm.id},
        h('th', {scope: 'row'}, l.csm.name), h('td', null, String(l.capacity)),
        h('td', {'data-load': 'before'}, String(l.load_before)), h('td', {'data-load': 'after'}, String(l.load_after)))))) : null,
    !applied && moves ? h('div', {class: 'actions'},
      h('button', {type: 'button', id: 'rebalance-apply', onclick: (event) => {
        event.currentTarget.disabled = true;
        apply();
      }}, `Apply ${moves} move${moves === 1 ? '' : 's'}`),
      h('small', {class: 'hint'}, 'An item changed since this proposal (started, snoozed, moved) is left as it is.')) : null);
}

function move(m, applied) {
  const result = m.result;
  const ok = result && !result.error;
  return h('li', {'data-execution-id': m.execution_id, class: applied ? (ok ? 'ok' : 'failed') : null},
    applied && h('span', {class: 'outcome'}, ok ? 'Moved' : `Failed (${result.status})`), applied && ' ',
    h('span', {class: 'move-customer'}, m.customer.name || m.customer.id), ': ',
    h('span', {class: 'move-from'}, m.from.name || m.from.id), ' → ', h('span', {class: 'move-to'}, m.to.name || m.to.id),
    h('small', {class: 'why move-reason'}, m.reason),
    applied && result.error && h('span', {class: 'why'}, ` — ${problemText(result.error)}`));
}
