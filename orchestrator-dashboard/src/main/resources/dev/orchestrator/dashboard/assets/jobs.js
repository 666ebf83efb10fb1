// Jobs (admins): the daily job's schedule and latest runs, step by step (GET /api/admin/jobs).
import {ApiError, get} from './api.js';
import {fill, h, moment} from './dom.js';

export async function render(main) {
  let answer;
  try {
    answer = await get('/api/admin/jobs');
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== 403 && error.status !== 404)) throw error;
    fill(main, h('h1', null, 'Jobs'), h('p', null, error.status === 403 ? 'Only admins see the jobs.' : 'This server runs no jobs.'));
    return;
  }
  fill(main, h('h1', null, 'Jobs'), (answer.jobs || []).map((job) => h('section', {class: 'card'},
    h('h2', null, job.name), h('p', null, `Schedule: ${job.schedule} · next run ${moment(job.next_run_at)}`),
    (job.last_runs || []).length === 0 ? h('p', {class: 'no-runs'}, 'No runs yet.') : h('table', null, h('caption', null, 'Latest runs'),
      h('thead', null, h('tr', null, ['Started', 'Finished', 'Status', 'Trigger', 'Steps'].map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', null, (job.last_runs || []).map((run) => h('tr', null,
        h('td', null, moment(run.started_at)), h('td', null, moment(run.finished_at)), h('td', null, run.status),
        h('td', null, run.trigger), h('td', null, (run.steps || []).map((s) => `${s.name} ${s.seconds}s`).join(', '),
          run.error ? ` — ${run.error}` : ''))))))));
}
