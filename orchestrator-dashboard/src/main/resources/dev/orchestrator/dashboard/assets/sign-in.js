// Sign-in: either a one-time link (/sign-in#code=...: the code is posted once and swapped for a
// bearer token, then the address is cleaned) or a token from the team's identity provider, pasted.
import {ApiError, post} from './api.js';
import {field, fill, h} from './dom.js';
import * as session from './session.js';

/** Redeems the code in the address, if any; true when it signed the user in. Leaves no code in the address. */
export async function redeemLink() {
  if (location.pathname !== '/sign-in' || !location.hash.startsWith('#')) return {signedIn: false};
  const params = new URLSearchParams(location.hash.slice(1));
  const code = params.get('code');
  // whatever happens next, the code leaves the address bar and the history entry
  history.replaceState(null, '', '/#/sign-in');
  if (!code) return {signedIn: false};
  try {
    const answer = await post('/sign-in/code', {code});
    session.signIn(answer.token);
    session.setDemo(params.get('demo') === 'true');
    history.replaceState(null, '', '/#/today');
    return {signedIn: true};
  } catch (error) {
    return {signedIn: false, reason: error instanceof ApiError ? error.describe() : error.message};
  }
}

export function render(main, go, reason) {
  const tokenInput = h('textarea', {id: 'token', name: 'token', rows: 4, required: true, autocomplete: 'off', spellcheck: 'false'});
  const error = h('p', {class: 'error', role: 'alert', id: 'sign-in-reason'}, reason || '');
  const form = h('form', {class: 'card sign-in', id: 'sign-in-form'},
    h('h1', null, 'Sign in'),
    error,
    h('p', null, 'Paste a bearer token from your team’s identity provider, or open the one-time link ',
      h('code', null, 'serve --demo'), ' printed.'),
    field('Bearer token', tokenInput, 'Kept in this tab only, until you sign out or close it.'),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Sign in')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
    if (value.split('.').length !== 3) {
      fill(error, 'token: must be a JSON Web Token (three dot-separated parts)');
      return;
    }
    session.signIn(value);
    go('#/today');
  });
  fill(main, form);
  tokenInput.focus();
}
