// The bearer token lives in this tab's sessionStorage only: never in a URL, gone when the tab closes.
const TOKEN = 'orchestrator.token';
const DEMO = 'orchestrator.demo';

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function signIn(bearer) {
  sessionStorage.setItem(TOKEN, bearer.trim());
}

export function signOut() {
  sessionStorage.removeItem(TOKEN);
}

/** Demo mode walks the demo sequence (the queue's demo order) on Today. */
export function demo() {
  return sessionStorage.getItem(DEMO) === 'true';
}

export function setDemo(on) {
  sessionStorage.setItem(DEMO, on ? 'true' : 'false');
}

/**
 * The caller's profile id, read from the token's `sub` (not verified here: the API verifies every
 * call; this only says which profile in the team list is "me").
 */
export function profileId() {
  const value = token();
  if (!value) return null;
  try {
    const payload = value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).sub || null;
  } catch {
    return null;
  }
}
