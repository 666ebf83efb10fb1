// Small bar charts drawn as SVG by hand (no library): one row per group, a bar per series, each with
// its value written next to it (so no reading depends on colour or on the bar's length), a title, the
// axis labels and a text alternative; the figure also holds the same numbers as a table. Sized by a
// viewBox, so it shrinks to a 375 px screen; only presentation attributes, never a style attribute,
// which the CSP (style-src 'self') would refuse.
import {h, uid} from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const WIDTH = 320; // a 375 px screen shows it near 1:1, so its 12 px text stays readable
const VALUE_ROOM = 80; // for the value written after the longest bar
const LABEL_LINE = 18;
const BAR = 12;
const GAP = 3;
const ROW_GAP = 8;
const LABEL_CHARS = 46; // what fits on a row's line; the full label is in the table and the text alternative

function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== undefined && value !== null) el.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** 0 and three to five round steps up to at least `max` (1, 2 or 5 times a power of ten). */
export function ticks(max) {
  const top = max > 0 ? max : 1;
  const raw = top / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((m) => m >= raw);
  const out = [];
  for (let t = 0; t < top + step * 0.999; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/**
 * A horizontal bar chart as a figure.
 * - rows: [{label, values: [number|null, ...]}], one value per series (null: nothing to draw).
 * - series: [{name}], in the values' order; more than one gets a legend.
 * - scale: {max, ticks, text(value)}: the axis's end, its ticks, and how a value is written.
 * - table: {head: [...], rows: [[...]]}: the numbers as a table, the chart's fallback.
 * - note: a line under the title saying what is counted; download: the CSV link.
 */
export function barChart({id, title, note, rowsLabel, axisLabel, rows, series, scale, table, download}) {
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  const plot = WIDTH - VALUE_ROOM;
  const legend = series.length > 1 ? 20 : 0;
  const top = 22 + legend;
  const rowHeight = LABEL_LINE + series.length * (BAR + GAP) + ROW_GAP;
  const axisY = top + rows.length * rowHeight;
  const height = axisY + 44;
  const x = (value) => Math.max(0, Math.min(1, value / scale.max)) * plot;

  const words = rows.map((row) => `${row.label}: ${row.values.map((v, i) =>
    `${series.length > 1 ? `${series[i].name} ` : ''}${v === null || v === undefined ? 'none' : scale.text(v)}`).join(', ')}`);
  const svg = s('svg', {viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`,
    class: 'chart-svg', preserveAspectRatio: 'xMinYMin meet'},
  s('title', {id: titleId}, title),
  s('desc', {id: descId}, `${axisLabel} by ${rowsLabel.toLowerCase()}. ${words.join('; ')}.`),
  s('text', {x: 0, y: 14, class: 'axis-label'}, rowsLabel),
  legend ? s('g', {class: 'legend'}, series.map((one, i) => [
    s('rect', {x: i * 110, y: 24, width: 12, height: 12, class: `series-${i}`}),
    s('text', {x: i * 110 + 16, y: 34}, one.name)])) : null,
  // gridlines and ticks first, so the bars draw over them
  scale.ticks.map((t) => s('g', {class: 'tick'},
    s('line', {x1: x(t), x2: x(t), y1: top, y2: axisY, class: 'grid'}),
    s('text', {x: x(t), y: axisY + 14, 'text-anchor': t === 0 ? 'start' : 'middle'}, scale.text(t)))),
  s('line', {x1: 0, x2: plot, y1: axisY, y2: axisY, class: 'axis'}),
  s('text', {x: 0, y: axisY + 36, class: 'axis-label'}, axisLabel),
  rows.map((row, r) => {
    const y = top + r * rowHeight;
    return s('g', {class: 'bar', 'data-label': row.label},
      s('text', {x: 0, y: y + 13, class: 'row-label'},
        row.label.length > LABEL_CHARS ? `${row.label.slice(0, LABEL_CHARS - 1)}…` : row.label),
      row.values.map((value, i) => {
        const barY = y + LABEL_LINE + i * (BAR + GAP);
        const none = value === null || value === undefined;
        const name = series.length > 1 ? `${series[i].name} ` : '';
        return [none ? null : s('rect', {x: 0, y: barY, width: Math.max(x(value), 1), height: BAR,
          class: `bar-value series-${i}`, 'data-value': value}),
        s('text', {x: (none ? 0 : x(value)) + 4, y: barY + BAR - 2, class: 'value'}, `${name}${none ? 'none' : scale.text(value)}`)];
      }));
  }));

  return h('figure', {class: 'card chart', id},
    h('figcaption', null, h('h2', null, title), note && h('p', {class: 'hint'}, note)),
    rows.length ? svg : h('p', {class: 'meta'}, 'Nothing in this period.'),
    h('details', null, h('summary', null, 'The numbers as a table'),
      h('div', {class: 'wide-table'}, h('table', null,
        h('thead', null, h('tr', null, table.head.map((c) => h('th', {scope: 'col'}, c)))),
        h('tbody', null, table.rows.map((cells) => h('tr', null,
          h('th', {scope: 'row'}, cells[0]), cells.slice(1).map((c) => h('td', null, c)))))))),
    h('div', {class: 'actions'}, download));
}
