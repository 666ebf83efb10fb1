// The calls to APIs that were built alongside the dashboard: reason codes, skip and snooze with a
// reason code, and the escalation object (all live now). Each falls back to what an older server has
// when the route is not there (404 or 405), so the screens work either way. Bulk actions are here too,
// since a bulk skip or snooze takes the same reason codes.
import {ApiError, executionPath, get, post} from './api.js';

const absent = (error) => error instanceof ApiError && (error.status === 404 || error.status === 405);

let reasonList;
/**
 * The active reason codes of `kind` ("skip" or "snooze") as [{code, label}], or null when the API has
 * no reason codes yet (then a skip takes a free-text reason, and a snooze none).
 */
export async function reasons(kind) {
  if (reasonList === undefined) {
    try {
      reasonList = (await get('/api/orchestrator/reasons')).items || [];
    } catch (error) {
      if (!absent(error)) throw error;
      reasonList = null;
    }
  }
  return reasonList && reasonList.filter((r) => r.kind === kind && r.active !== false);
}

/** Skips with a reason code and optional note, or (no reason codes) with the free text as `{reason}`. */
export function skip(id, {reasonCode, note, text}) {
  const body = reasonCode ? {reason_code: reasonCode, ...(note ? {note} : {})} : {reason: text};
  return post(`${executionPath(id)}/skip`, body);
}

/** Snoozes for `days` (1..90), with a reason code and note only when the API has reason codes. */
export function snooze(id, {days, reasonCode, note}) {
  const body = {days};
  if (reasonCode) body.reason_code = reasonCode;
  if (reasonCode && note) body.note = note;
  return post(`${executionPath(id)}/snooze`, body);
}

export function escalate(id, userId) {
  return post(`${executionPath(id)}/escalate`, {escalation_user_id: userId});
}

/**
 * The execution's escalation as {state, to: {id, name}, at}: the representation's `escalation`
 * object when the API has it, else built from `escalation_user` and `escalated_at`.
 */
export function escalationOf(execution) {
  if (execution.escalation) return execution.escalation;
  if (!execution.escalation_user) return null;
  return {state: 'open', to: execution.escalation_user, at: execution.escalated_at || null};
}

/** Who work may be escalated to: the organization's managers and admins, by name, as [{id, name, role}]. */
export async function escalationTargets() {
  // the team view (GET /api/orchestrator/team) lists CSMs with their work, not who takes escalations:
  // the profiles are the list of people, for everyone
  const people = ((await get('/api/profiles')).items || []).map((p) => ({id: p.id, name: p.full_name, role: p.role}));
  return people.filter((p) => p.role === 'manager' || p.role === 'admin')
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

/**
 * One action ("snooze", "skip", "reassign", ...) on many executions: `POST .../executions/bulk`, which
 * answers {results: [{id, status, error?}], summary: {ok, failed}}; each item's `status` is the HTTP
 * status its single call would have had, and `error` that call's problem. `params` is the single
 * route's body; the pickers' reason code and free text are put in the API's words here.
 */
export function bulk(action, ids, params) {
  const wire = {...params};
  if (params.reasonCode) wire.reason_code = params.reasonCode;
  if (params.text) wire.reason = params.text;
  delete wire.reasonCode;
  delete wire.text;
  return post('/api/orchestrator/executions/bulk', {action, ids, params: wire});
}
