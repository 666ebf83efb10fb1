// The one way the dashboard calls the HTTP API: the bearer token on every call, JSON in and out,
// problem+json errors as ApiError (with the fields they name), and a 401 back to sign-in with its reason.
import * as session from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** "days: must be a whole number of days from 1 to 90", one per named field, or the detail. */
  describe() {
    return problemText(this.problem, this.message);
  }
}

/** A problem+json as one line: each named field with its reason, else the detail (also a bulk item's `error`). */
export function problemText(problem, fallback) {
  const errors = (problem && problem.errors) || [];
  if (errors.length) return errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return (problem && (problem.detail || problem.title)) || fallback || 'failed';
}

let unauthorized = () => {};
/** What to do on a 401 (the app sends the user to sign-in with the reason). */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

/** Builds a query string; array values repeat the parameter (status=a&status=b); empty values are left out. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') search.append(key, String(v));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export async function call(method, path, body, params) {
  const headers = {Accept: 'application/json, application/problem+json'};
  const bearer = session.token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path + query(params), {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store',
  });
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = {detail: text};
  }
  if (response.ok) return json;
  const problem = json || {title: response.statusText};
  if (response.status === 401) {
    session.signOut();
    unauthorized(problem.detail || 'your sign-in is no longer valid');
  }
  throw new ApiError(response.status, problem);
}

export const get = (path, params) => call('GET', path, undefined, params);
export const post = (path, body) => call('POST', path, body);
export const patch = (path, body) => call('PATCH', path, body);
export const put = (path, body) => call('PUT', path, body);
export const del = (path) => call('DELETE', path);

export const executionPath = (id) => `/api/orchestrator/executions/${encodeURIComponent(id)}`;
