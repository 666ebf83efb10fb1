// CSV downloads built in the browser from the numbers a chart draws (no second call, no server export):
// RFC 4180 (fields with a comma, quote or line break quoted, quotes doubled, CRLF line ends), and a
// text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) starts with ' so it stays
// text: a definition named "=HYPERLINK(...)" opens as that name, not a link. Offered as a Blob URL on
// a link with `download`: a download is no fetch, so the CSP's connect-src 'self' does not stand in its way.
import {h} from './dom.js';

const FORMULA = /^[=+\-@\t\r]/;

/** One field: numbers as they are, null as empty, text made safe and quoted when it must be. */
export function cell(value) {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header and rows as one CSV text, every line ended with CRLF. */
export function csv(header, rows) {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

let urls = [];

/** Forgets the Blob URLs handed out so far (the screen that showed them is gone). */
export function revokeAll() {
  urls.forEach((url) => URL.revokeObjectURL(url));
  urls = [];
}

/** A link that downloads `text` as `fileName`; `what` names it for screen readers. */
export function downloadLink(fileName, text, what) {
  const url = URL.createObjectURL(new Blob([text], {type: 'text/csv;charset=utf-8'}));
  urls.push(url);
  return h('a', {href: url, download: fileName, class: 'button', 'data-csv': fileName},
    'Download CSV', h('span', {class: 'visually-hidden'}, ` of ${what}`));
}
