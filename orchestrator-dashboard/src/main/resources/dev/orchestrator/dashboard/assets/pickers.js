// The pickers (snooze, escalate, skip, reassign) as modal <dialog>s: the browser traps focus inside,
// Escape cancels, and focus returns to the button that opened them. Each resolves to the API's
// answer, or null when cancelled; an error from the API is shown in the dialog, which stays open.
import {ApiError} from './api.js';
import {announce, day, daysFromNow, field, fill, h} from './dom.js';
import * as apis from './parallel-apis.js';

function dialog(titleText, name, buildBody, submitText, submit) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const error = h('p', {class: 'error', role: 'alert'});
    const form = h('form', {method: 'dialog', class: 'picker', 'data-picker': name});
    const title = h('h2', {id: `${name}-title`}, titleText);
    const box = h('dialog', {'aria-labelledby': title.id}, form);
    let answered = null;
    const finish = () => {
      box.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(answered);
    };
    box.addEventListener('close', finish);
    const submitButton = h('button', {type: 'submit', class: 'primary'}, submitText);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      fill(error);
      submitButton.disabled = true;
      try {
        answered = await submit(fill);
        box.close();
      } catch (problem) {
        fill(error, problem instanceof ApiError ? problem.describe() : problem.message);
      } finally {
        submitButton.disabled = false;
      }
    });
    buildBody().then((body) => {
      fill(form, title, body, error, h('div', {class: 'actions'}, submitButton,
        h('button', {type: 'button', onclick: () => box.close()}, 'Cancel')));
      document.body.append(box);
      box.showModal();
    }, (problem) => {
      // the picker's own data (reasons, people) did not load: say why, open nothing
      announce(problem instanceof ApiError ? problem.describe() : problem.message);
      resolve(null);
    });
  });
}

const PRESETS = [[1, '1 day'], [3, '3 days'], [7, '1 week'], [14, '2 weeks'], [30, '30 days'], [90, '90 days']];

/** The days a snooze input holds, or an Error naming the field and the rule. */
function daysOf(input) {
  const value = input.value.trim();
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1 || days > 90) {
    throw new Error('days: must be a whole number of days from 1 to 90');
  }
  return days;
}

/** Snooze 1..90 days; `run(params)` performs it (one execution or many). */
export function snooze(what, run) {
  const days = h('input', {type: 'number', min: 1, max: 90, step: 1, value: 3, required: true, name: 'days', inputmode: 'numeric'});
  const until = h('output', {for: 'snooze-days', class: 'until', 'aria-live': 'polite'});
  const show = () => {
    try {
      fill(until, `Comes back on ${day(daysFromNow(daysOf(days)))}`);
    } catch (e) {
      fill(until, e.message);
    }
  };
  days.id = 'snooze-days';
  days.addEventListener('input', show);
  let reasonSelect = null;
  const note = h('input', {type: 'text', maxlength: 500, name: 'note'});
  return dialog(`Snooze ${what}`, 'snooze', async () => {
    const codes = await apis.reasons('snooze');
    show();
    const presets = h('div', {class: 'presets', role: 'group', 'aria-label': 'Presets'},
      PRESETS.map(([n, text]) => h('button', {type: 'button', onclick: () => { days.value = n; show(); }}, text)));
    const parts = [field('Days (1–90)', days), presets, until];
    if (codes && codes.length) {
      reasonSelect = h('select', {name: 'reason_code'}, h('option', {value: ''}, 'No reason'),
        codes.map((c) => h('option', {value: c.code}, c.label)));
      parts.push(field('Reason', reasonSelect), field('Note (optional)', note));
    }
    return parts;
  }, 'Snooze', () => run({days: daysOf(days), reasonCode: reasonSelect ? reasonSelect.value || undefined : undefined,
    note: note.value.trim() || undefined}));
}

/** Escalate to one of the organization's managers or admins, chosen by name. */
export function escalate(what, run) {
  const person = h('select', {name: 'escalation_user_id', required: true});
  return dialog(`Escalate ${what}`, 'escalate', async () => {
    const people = await apis.escalationTargets();
    fill(person, h('option', {value: ''}, 'Choose a person'),
      people.map((p) => h('option', {value: p.id}, `${p.name} (${p.role})`)));
    return [field('Escalate to', person)];
  }, 'Escalate', () => {
    if (!person.value) throw new Error('escalation_user_id: choose the manager or admin to escalate to');
    return run(person.value);
  });
}

/** Skip with a reason code and a note (or, while the API has no reason codes, a reason in words). */
export function skip(what, run) {
  const note = h('textarea', {name: 'note', maxlength: 500, rows: 3});
  let reason = null;
  return dialog(`Skip ${what}`, 'skip', async () => {
    const codes = await apis.reasons('skip');
    if (codes && codes.length) {
      reason = h('select', {name: 'reason_code', required: true}, h('option', {value: ''}, 'Choose a reason'),
        codes.map((c) => h('option', {value: c.code}, c.label)));
      return [field('Reason', reason), field('Note (optional)', note)];
    }
    note.setAttribute('required', '');
    return [field('Reason', note, '1 to 500 characters: why this work is not needed')];
  }, 'Skip', () => {
    if (reason) {
      if (!reason.value) throw new Error('reason_code: choose a reason');
      return run({reasonCode: reason.value, note: note.value.trim() || undefined});
    }
    const text = note.value.trim();
    if (!text || text.length > 500) throw new Error('reason: must be 1 to 500 characters');
    return run({text});
  });
}

/** Reassign to another CSM of the team (`people`: [{id, name}]), chosen by name. */
export function reassign(what, people, run) {
  const person = h('select', {name: 'csm_id', required: true}, h('option', {value: ''}, 'Choose a CSM'),
    [...people].sort((a, b) => String(a.name).localeCompare(String(b.name))).map((p) => h('option', {value: p.id}, p.name)));
  return dialog(`Reassign ${what}`, 'reassign', async () => [field('Reassign to', person)], 'Reassign', () => {
    if (!person.value) throw new Error('csm_id: choose the CSM to hand the work to');
    return run({csm_id: person.value});
  });
}
