// Builds the page from data without ever reading data as HTML: every text becomes a text node
// (a customer named "<img src=x onerror=alert(1)>" shows as exactly that), attributes are set one by one.

/** h('button', {type: 'button', onclick: fn}, 'Snooze') */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  add(el, children);
  return el;
}

function add(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what `el` holds. */
export function fill(el, ...children) {
  el.replaceChildren();
  add(el, children);
  return el;
}

let ids = 0;
/** A fresh id for tying a label to its control. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled control: the label names it for screen readers and is clickable. */
export function field(labelText, control, hint) {
  if (!control.id) control.id = uid('field');
  const parts = [h('label', {for: control.id}, labelText), control];
  if (hint) {
    const hintEl = h('small', {id: `${control.id}-hint`, class: 'hint'}, hint);
    control.setAttribute('aria-describedby', hintEl.id);
    parts.push(hintEl);
  }
  return h('div', {class: 'field'}, parts);
}

/** Says something to screen readers and sighted users alike, in the status line under the header. */
export function announce(message) {
  fill(document.getElementById('status'), message || '');
}

const DATE = new Intl.DateTimeFormat('en-GB', {weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC'});
const TIME = new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC'});

/** "Fri, 4 Dec 2026" (UTC, as the API's dates are), or "—". */
export function day(iso) {
  return iso ? DATE.format(new Date(iso)) : '—';
}

export function moment(iso) {
  return iso ? `${TIME.format(new Date(iso))} UTC` : '—';
}

/** The date `days` whole days from now, as the API counts a snooze. */
export function daysFromNow(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

const STATUS = {not_started: 'Not started', underway: 'Underway', snoozed: 'Snoozed', completed: 'Completed', skipped: 'Skipped'};
export function statusText(status) {
  return status ? STATUS[status] || status : 'new';
}

/** A priority explanation ([{rule, points, detail}]) as a list a reader can follow. */
export function explanation(lines) {
  return h('ul', {class: 'explanation'}, (lines || []).map((line) =>
    h('li', null, h('span', {class: 'points'}, `${line.points >= 0 ? '+' : ''}${line.points}`), ' ', line.detail || line.rule)));
}

export function label(labelText, score) {
  const name = labelText || '';
  return h('span', {class: `label label-${name.toLowerCase()}`}, `${name} · ${score ?? '—'}`);
}
