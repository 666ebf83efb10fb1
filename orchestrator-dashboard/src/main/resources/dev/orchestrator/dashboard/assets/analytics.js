// Analytics (every member, over their own scope): how the work went in a period and which rules create
// noise (GET /api/orchestrator/analytics; each metric in words: docs/analytics.md). Four plots, each
// with its CSV: completion rate by week (group_by=week), time to complete by workflow type as median
// and p90 (group_by=workflow_type: the API reports those two, not a histogram), skips by reason (the
// total's skipped_by_reason) and the noisiest triggers (rule_quality, worst first); then the tables.
// Every number is the API's; the screen only draws and writes them out.
import {get} from './api.js';
import {barChart, ticks} from './charts.js';
import {csv, downloadLink, revokeAll} from './csv.js';
import {field, fill, h} from './dom.js';
import * as apis from './parallel-apis.js';

const GROUPS = [['', 'Total only'], ['csm', 'CSM'], ['definition', 'Definition'], ['workflow_type', 'Workflow type'],
  ['week', 'Week']];

// [the API's name, the column's title, how to show it]
const COLUMNS = [
  ['created', 'Created'], ['completed', 'Completed'], ['skipped', 'Skipped'], ['auto_closed', 'Auto-closed'],
  ['snoozed', 'Snoozes'], ['completion_rate', 'Completion rate', 'percent'],
  ['time_to_start_median_seconds', 'To start (median)', 'time'], ['time_to_start_p90_seconds', 'To start (p90)', 'time'],
  ['time_to_complete_median_seconds', 'To complete (median)', 'time'],
  ['time_to_complete_p90_seconds', 'To complete (p90)', 'time'],
  ['snoozes_per_completed', 'Snoozes per completed', 'decimal'], ['escalations', 'Escalations'],
  ['time_to_acknowledge_median_seconds', 'To acknowledge (median)', 'time'], ['overdue', 'Overdue'],
];

/** Seconds as the CLI's table shows them: 45m, 26h, 3.2d; a dash for none. */
export function brief(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (Math.abs(seconds) < 3600) return `${Math.trunc(seconds / 60)}m`;
  if (Math.abs(seconds) < 48 * 3600) return `${Math.trunc(seconds / 3600)}h`;
  return `${(seconds / 86400).toFixed(1)}d`;
}

function shown(value, how) {
  if (value === null || value === undefined) return '–';
  if (how === 'percent') return `${Math.round(value * 100)}%`;
  if (how === 'time') return brief(value);
  if (how === 'decimal') return value.toFixed(2);
  return String(value);
}

export async function render(main, go, params) {
  const query = new URLSearchParams();
  for (const name of ['from', 'to', 'group_by']) if (params.get(name)) query.set(name, params.get(name));
  const report = await get(`/api/orchestrator/analytics${query.toString() ? `?${query}` : ''}`);
  // the plots' groupings over the same period (the one the API settled on), unless the report is one
  const grouped = (by) => (report.group_by === by ? report
    : get('/api/orchestrator/analytics', {from: report.from, to: report.to, group_by: by}));
  const [weekly, byType, skipReasons] = await Promise.all([grouped('week'), grouped('workflow_type'), apis.reasons('skip')]);
  revokeAll();

  const from = h('input', {type: 'date', name: 'from', value: report.from, required: true});
  const to = h('input', {type: 'date', name: 'to', value: report.to, required: true});
  const groupBy = h('select', {name: 'group_by'}, GROUPS.map(([value, text]) =>
    h('option', {value, selected: (report.group_by || '') === value}, text)));
  const form = h('form', {id: 'analytics-form', class: 'filters', onsubmit: (event) => {
    event.preventDefault();
    const next = new URLSearchParams({from: from.value, to: to.value});
    if (groupBy.value) next.set('group_by', groupBy.value);
    go(`#/analytics?${next}`);
  }}, field('From', from), field('To (included)', to, 'UTC days, at most 366'), field('Group by', groupBy),
  h('button', {type: 'submit'}, 'Show'));

  const lines = [...report.groups, report.total];
  const metrics = h('table', {id: 'analytics-lines'},
    h('caption', null, `${report.scope}, ${report.from} to ${report.to}`),
    h('thead', null, h('tr', null, h('th', {scope: 'col'}, report.group_by ? 'Group' : ''),
      COLUMNS.map(([, title]) => h('th', {scope: 'col'}, title)), h('th', {scope: 'col'}, 'Skipped by reason'))),
    h('tbody', null, lines.map((line) => h('tr', {'data-key': line.key},
      h('th', {scope: 'row'}, line.label),
      COLUMNS.map(([name, , how]) => h('td', {'data-metric': name}, shown(line[name], how))),
      h('td', {'data-metric': 'skipped_by_reason'},
        Object.entries(line.skipped_by_reason || {}).map(([code, n]) => `${code} ${n}`).join(', ') || '–')))));

  const quality = report.rule_quality.length === 0
    ? h('p', {id: 'rule-quality-empty'}, 'No work ended in this period.')
    : h('table', {id: 'rule-quality'},
      h('caption', null, 'Rule quality: the share of each definition\'s ended work that was noise (auto-closed, or skipped as not relevant), worst first'),
      h('thead', null, h('tr', null, ['Definition', 'Ended', 'Noise', 'Noise share', 'Age at skip (median)']
        .map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', null, report.rule_quality.map((q) => h('tr', {'data-definition-id': q.definition.id},
        h('th', {scope: 'row'}, q.definition.name), h('td', {'data-metric': 'ended'}, String(q.ended)),
        h('td', {'data-metric': 'noisy'}, String(q.noisy)),
        h('td', {'data-metric': 'noise_share'}, shown(q.noise_share, 'percent')),
        h('td', {'data-metric': 'noisy_age_median_seconds'}, brief(q.noisy_age_median_seconds))))));

  fill(main, h('h1', null, 'Analytics'), form,
    h('div', {class: 'charts', id: 'analytics-charts'}, completionByWeek(weekly), timeToComplete(byType),
      skipsByReason(report.total, skipReasons), noisiestTriggers(report.rule_quality)),
    h('section', {class: 'card wide-table'}, metrics), h('section', {class: 'card'}, quality));
}

const PERCENT = {max: 100, ticks: [0, 25, 50, 75, 100], text: (v) => `${Math.round(v)}%`};
const percent = (ratio) => (ratio === null || ratio === undefined ? null : ratio * 100);

function completionByWeek(report) {
  const groups = report.groups;
  const header = ['week', 'completion_rate', 'completed', 'skipped', 'auto_closed'];
  const rows = groups.map((g) => [g.key, g.completion_rate, g.completed, g.skipped, g.auto_closed]);
  return barChart({id: 'chart-completion-by-week', title: 'Completion rate by week', rowsLabel: 'Week (from its Monday)',
    note: 'Of the work that ended in the week (completed, skipped or auto-closed), the share completed.',
    axisLabel: 'Completed, % of the work that ended', series: [{name: 'completion rate'}], scale: PERCENT,
    rows: groups.map((g) => ({label: g.label, values: [percent(g.completion_rate)]})),
    table: {head: ['Week', 'Completion rate', 'Completed', 'Skipped', 'Auto-closed'],
      rows: groups.map((g) => [g.label, shown(g.completion_rate, 'percent'), g.completed, g.skipped, g.auto_closed])},
    download: downloadLink('completion-rate-by-week.csv', csv(header, rows), 'completion rate by week')});
}

const UNITS = [['d', 86400, 'days'], ['h', 3600, 'hours'], ['m', 60, 'minutes'], ['s', 1, 'seconds']];

/** Seconds in the unit that suits the longest (days, hours, minutes or, for quick work, seconds). */
function timeScale(max) {
  const [unit, size, name] = UNITS.find(([, size]) => max >= 2 * size) || UNITS[UNITS.length - 1];
  // whole seconds are the API's unit: no tick between them
  const steps = ticks(Math.max(1, max / size)).filter((t) => size > 1 || Number.isInteger(t)).map((t) => t * size);
  const text = (v) => `${Number((v / size).toFixed(1))}${unit}`;
  return {scale: {max: steps[steps.length - 1], ticks: steps, text}, unit: name};
}

function timeToComplete(report) {
  const groups = report.groups;
  const values = groups.flatMap((g) => [g.time_to_complete_median_seconds, g.time_to_complete_p90_seconds]);
  const {scale, unit} = timeScale(Math.max(0, ...values.filter((v) => v !== null && v !== undefined)));
  const header = ['workflow_type', 'completed', 'time_to_complete_median_seconds', 'time_to_complete_p90_seconds'];
  const rows = groups.map((g) => [g.key, g.completed, g.time_to_complete_median_seconds, g.time_to_complete_p90_seconds]);
  return barChart({id: 'chart-time-to-complete', title: 'Time to complete by workflow type (median and p90)',
    note: 'The distribution as the API reports it: its median and 90th percentile.',
    rowsLabel: 'Workflow type', axisLabel: `From creation to completion, in ${unit}`,
    series: [{name: 'median'}, {name: 'p90'}], scale,
    rows: groups.map((g) => ({label: g.label, values: [g.time_to_complete_median_seconds, g.time_to_complete_p90_seconds]})),
    table: {head: ['Workflow type', 'Completed', 'Median', 'p90'],
      rows: groups.map((g) => [g.label, g.completed, brief(g.time_to_complete_median_seconds), brief(g.time_to_complete_p90_seconds)])},
    download: downloadLink('time-to-complete-by-type.csv', csv(header, rows), 'time to complete by workflow type')});
}

function countScale(max) {
  const steps = ticks(Math.max(1, max)).filter((t) => Number.isInteger(t));
  return {max: steps[steps.length - 1], ticks: steps, text: (v) => String(v)};
}

function skipsByReason(total, reasons) {
  const names = new Map((reasons || []).map((r) => [r.code, r.label]));
  const entries = Object.entries(total.skipped_by_reason || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const label = (code) => (names.has(code) ? `${names.get(code)} (${code})` : code);
  return barChart({id: 'chart-skip-reasons', title: 'Skips by reason', rowsLabel: 'Reason',
    axisLabel: 'Work skipped in the period', series: [{name: 'skipped'}], scale: countScale(Math.max(0, ...entries.map((e) => e[1]))),
    rows: entries.map(([code, n]) => ({label: label(code), values: [n]})),
    table: {head: ['Reason', 'Skipped'], rows: entries.map(([code, n]) => [label(code), n])},
    download: downloadLink('skips-by-reason.csv', csv(['reason_code', 'skipped'], entries), 'skips by reason')});
}

const NOISIEST = 10;

function noisiestTriggers(quality) {
  const top = quality.slice(0, NOISIEST);
  const header = ['definition_id', 'definition', 'ended', 'noisy', 'noise_share', 'noisy_age_median_seconds'];
  const rows = quality.map((q) => [q.definition.id, q.definition.name, q.ended, q.noisy, q.noise_share, q.noisy_age_median_seconds]);
  return barChart({id: 'chart-noisiest-triggers', title: `The noisiest triggers (worst ${NOISIEST})`, rowsLabel: 'Definition',
    note: 'Noise: work auto-closed, or skipped as not relevant. The CSV lists every definition.',
    axisLabel: 'Noise, % of its ended work', series: [{name: 'noise'}],
    scale: PERCENT,
    rows: top.map((q) => ({label: `${q.definition.name} (${q.noisy} of ${q.ended})`, values: [percent(q.noise_share)]})),
    table: {head: ['Definition', 'Ended', 'Noisy', 'Noise share'],
      rows: top.map((q) => [q.definition.name, q.ended, q.noisy, shown(q.noise_share, 'percent')])},
    download: downloadLink('noisiest-triggers.csv', csv(header, rows), 'the noisiest triggers')});
}
