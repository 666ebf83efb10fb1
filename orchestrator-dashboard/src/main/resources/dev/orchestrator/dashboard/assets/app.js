// The dashboard's entry point: signs in, then routes the address's hash to a screen
// (#/today, #/work/ID, #/queue?..., #/team, #/analytics?..., #/admin, #/jobs, #/sign-in). Every screen reads the public HTTP API only.
import * as admin from './admin.js';
import {ApiError, get, onUnauthorized} from './api.js';
import {announce, fill, h} from './dom.js';
import * as jobs from './jobs.js';
import * as analytics from './analytics.js';
import * as queue from './queue.js';
import * as session from './session.js';
import * as signIn from './sign-in.js';
import * as team from './team.js';
import * as today from './today.js';
import * as work from './work.js';

const main = document.getElementById('main');
let signInReason = '';
let me = null;
// Each route draws into its own view and shows it only if no later route started meanwhile: a slow
// answer for a screen the user already left never paints over the current one.
let generation = 0;

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

onUnauthorized((reason) => {
  signInReason = `Signed out: ${reason}. Sign in again.`;
  me = null;
  go('#/sign-in');
});

async function whoAmI() {
  if (me) return me;
  const id = session.profileId();
  const team = await get('/api/profiles');
  me = (team.items || []).find((p) => p.id === id) || {id, full_name: 'you', role: 'csm'};
  fill(document.getElementById('who'), `${me.full_name} (${me.role})`);
  document.querySelector('[data-screen="jobs"]').hidden = me.role !== 'admin';
  document.querySelector('[data-screen="admin"]').hidden = me.role !== 'admin';
  document.querySelector('[data-screen="team"]').hidden = me.role !== 'manager' && me.role !== 'admin';
  return me;
}

function chrome(signedIn, screen) {
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('sign-out').hidden = !signedIn;
  if (!signedIn) fill(document.getElementById('who'));
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.screen === screen) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function route() {
  const [path, search] = (location.hash.slice(1) || '/today').split('?');
  const parts = path.split('/').filter(Boolean);
  const screen = parts[0] || 'today';
  if (screen === 'sign-in' || !session.token()) {
    chrome(false, 'sign-in');
    generation += 1;
    signIn.render(main, go, signInReason);
    signInReason = '';
    return;
  }
  chrome(true, screen);
  generation += 1;
  const mine = generation;
  const view = h('div', {class: 'view'});
  const show = () => {
    if (mine !== generation) return false;
    main.replaceChildren(view);
    return true;
  };
  try {
    await whoAmI();
    if (screen === 'work' && parts[1]) await work.render(view, go, decodeURIComponent(parts[1]));
    else if (screen === 'queue') await queue.render(view, go, new URLSearchParams(search || ''), me);
    else if (screen === 'team') await team.render(view);
    else if (screen === 'admin') await admin.render(view);
    else if (screen === 'jobs') await jobs.render(view);
    else if (screen === 'analytics') await analytics.render(view, go, new URLSearchParams(search || ''));
    else await today.render(view, go);
    if (!show()) return;
    main.dataset.ready = screen;
    // the moment the screen is usable, for the Navigation Timing measurement (docs/dashboard.md)
    performance.mark(`dashboard:ready:${screen}`);
    document.dispatchEvent(new CustomEvent('dashboard:ready', {detail: screen}));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return; // already on its way to sign-in
    fill(view, h('h1', null, 'Something went wrong'),
      h('p', {class: 'error', role: 'alert'}, error instanceof ApiError ? error.describe() : String(error.message || error)),
      h('p', null, h('a', {href: '#/today'}, 'Back to Today')));
    show();
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  me = null;
  announce('Signed out.');
  go('#/sign-in');
});
// a failed action (a button's call) is said, not lost in the console; a 401 is already on its way to sign-in
window.addEventListener('unhandledrejection', (event) => {
  const error = event.reason;
  if (error instanceof ApiError && error.status === 401) return;
  announce(error instanceof ApiError ? error.describe() : String((error && error.message) || error));
});
window.addEventListener('hashchange', () => {
  delete main.dataset.ready;
  route();
});

(async () => {
  const link = await signIn.redeemLink();
  if (link.reason) signInReason = `That sign-in link did not work: ${link.reason}`;
  if (!location.hash) history.replaceState(null, '', '/#/today');
  await route();
})();
