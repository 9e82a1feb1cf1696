/**
 * A standalone HTML report of data test results (profile, drift, validate, skew): one
 * self-contained file that works offline. Charts are drawn by Chart.js, inlined from
 * node_modules (no CDN); every text from the data is escaped.
 */
import type { ColumnProfile, DatasetProfile } from '../profile-types.js';
import { escapeHtml } from '../../format/html/escape.js';
import { renderReportPage } from '../../format/html/report-page.js';
import type { DistributionSkewResult, KeyedSkewResult, SkewResult } from '../skew.js';
import type { DriftColumnResult, DriftReport, DriftSliceResult, ReportInput, ReportOptions, ValidationReport } from './types.js';

export type { ReportInput, ReportOptions } from './types.js';

/** A Chart.js configuration as plain JSON (no functions). */
interface ChartSpec {
  readonly type: 'bar';
  readonly data: { readonly labels: readonly string[]; readonly datasets: readonly Record<string, unknown>[] };
  readonly options: Record<string, unknown>;
}

interface Card {
  readonly name: string;
  readonly bad: boolean;
  /** Higher is worse; cards are sorted by `bad`, then `score`, descending. */
  readonly score: number;
  readonly badge: string;
  readonly facts: ReadonlyArray<readonly [string, string]>;
  readonly chart?: ChartSpec;
  readonly table?: { readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };
}

interface Section {
  readonly title: string;
  readonly summary: string;
  readonly cards: readonly Card[];
  readonly table?: Card['table'];
}

const REFERENCE = { background: 'rgba(54, 118, 200, 0.45)', border: 'rgb(54, 118, 200)' };
const CURRENT = { background: 'rgba(230, 97, 40, 0.45)', border: 'rgb(230, 97, 40)' };

function fmt(value: number | null | undefined, digits = 4): string {
  if (value === undefined) return '–';
  if (value === null || Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(2);
  return String(Number(value.toPrecision(digits)));
}

const pct = (value: number): string => `${fmt(value * 100, 3)}%`;

function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => (total === 0 ? 0 : count / total));
}

function barChart(labels: readonly string[], series: ReadonlyArray<{ label: string; data: readonly number[]; colors: typeof REFERENCE }>, overlaid: boolean, yTitle: string): ChartSpec {
  return {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((one) => ({
        label: one.label,
        data: one.data,
        backgroundColor: one.colors.background,
        borderColor: one.colors.border,
        borderWidth: 1,
        ...(overlaid ? { grouped: false, barPercentage: 1, categoryPercentage: 1 } : {}),
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: series.length > 1, position: 'bottom' } },
      scales: { y: { beginAtZero: true, title: { display: true, text: yTitle } }, x: { ticks: { maxRotation: 60, autoSkip: true } } },
    },
  };
}

function binLabels(edges: readonly number[]): string[] {
  return edges.slice(0, -1).map((edge, index) => `${fmt(edge, 3)}–${fmt(edges[index + 1], 3)}`);
}

/* ---------- sections ---------- */

function driftScore(column: Pick<DriftColumnResult, 'direction' | 'statistic' | 'threshold'>): number {
  if (column.direction === 'below') return column.statistic <= 0 ? Number.POSITIVE_INFINITY : column.threshold / column.statistic;
  return column.threshold <= 0 ? column.statistic : column.statistic / column.threshold;
}

function driftSection(title: string, result: DriftReport): Section {
  const cards = result.columns.map((column): Card => {
    let chart: ChartSpec | undefined;
    if (column.histogram !== undefined) {
      chart = barChart(
        binLabels(column.histogram.edges),
        [
          { label: `reference (n=${column.referenceSize})`, data: shares(column.histogram.reference), colors: REFERENCE },
          { label: `current (n=${column.currentSize})`, data: shares(column.histogram.current), colors: CURRENT },
        ],
        true,
        'share of rows',
      );
    } else if (column.categories !== undefined) {
      const reference = shares(column.categories.map((category) => category.reference));
      const current = shares(column.categories.map((category) => category.current));
      chart = barChart(
        column.categories.map((category) => category.value),
        [
          { label: `reference (n=${column.referenceSize})`, data: reference, colors: REFERENCE },
          { label: `current (n=${column.currentSize})`, data: current, colors: CURRENT },
        ],
        false,
        'share of rows',
      );
    }
    const comparison = column.direction === 'below' ? '<' : '>';
    return {
      name: column.name,
      bad: column.drifted,
      score: driftScore(column),
      badge: column.drifted ? 'drifted' : 'ok',
      facts: [
        ['kind', column.kind],
        ['method', column.method],
        ['statistic', fmt(column.statistic)],
        ['threshold', `drift when ${comparison} ${fmt(column.threshold)}`],
        ...(column.pValue === undefined ? [] : [['p-value', fmt(column.pValue)] as const]),
        ['sample sizes', `reference ${fmt(column.referenceSize)}, current ${fmt(column.currentSize)}`],
      ],
      ...(chart === undefined ? {} : { chart }),
    };
  });
  const drifted = result.columns.filter((column) => column.drifted).length;
  const slices = result.slices ?? [];
  const sliceNote = slices.length === 0 ? '' : `; ${slices.filter((slice) => slice.drifted).length} of ${slices.length} slice(s) drifted (table: worst slice first)`;
  return {
    title,
    summary: `${drifted} of ${result.columns.length} column(s) drifted — reference ${result.reference}, current ${result.current}${sliceNote}`,
    cards,
    ...(slices.length === 0 ? {} : { table: sliceTable(slices) }),
  };
}

/**
 * Per-slice drift as a slice × column table: each cell is the column's statistic in that slice
 * (✗ drifted, ✓ not), rows ordered worst first: drifted slices, then more drifted columns, then
 * the largest statistic relative to its threshold.
 */
function sliceTable(slices: readonly DriftSliceResult[]): NonNullable<Section['table']> {
  const names = [...new Set(slices.flatMap((slice) => slice.columns.map((column) => column.name)))];
  const worst = (slice: DriftSliceResult): number => Math.max(0, ...slice.columns.map((column) => driftScore(column)));
  const ordered = [...slices].sort(
    (a, b) =>
      Number(b.drifted) - Number(a.drifted) ||
      b.columns.filter((column) => column.drifted).length - a.columns.filter((column) => column.drifted).length ||
      worst(b) - worst(a) ||
      a.key.localeCompare(b.key),
  );
  const rows = ordered.map((slice) => {
    const cells = names.map((name) => {
      const column = slice.columns.find((entry) => entry.name === name);
      return column === undefined ? '–' : `${column.drifted ? '✗' : '✓'} ${fmt(column.statistic, 3)}`;
    });
    const count = slice.columns.filter((column) => column.drifted).length;
    return [slice.key, `${fmt(slice.referenceRows)} → ${fmt(slice.currentRows)}`, slice.drifted ? `DRIFT (${count})` : `ok (${count})`, ...cells];
  });
  return { head: ['slice', 'rows ref → cur', 'verdict (drifted columns)', ...names], rows };
}

function profileCard(column: ColumnProfile): Card {
  let chart: ChartSpec | undefined;
  if (column.numeric !== undefined) {
    chart = barChart(binLabels(column.numeric.histogram.edges), [{ label: 'rows', data: column.numeric.histogram.counts, colors: REFERENCE }], false, 'rows');
  } else if (column.categorical !== undefined) {
    const top = column.categorical.top.slice(0, 20);
    const labels = top.map((category) => category.value);
    const counts = top.map((category) => category.count);
    if (column.categorical.otherCount > 0) {
      labels.push('(other)');
      counts.push(column.categorical.otherCount);
    }
    chart = barChart(labels, [{ label: 'rows', data: counts, colors: REFERENCE }], false, 'rows');
  }
  const bad = column.nulls.share > 0 || (column.numeric !== undefined && column.numeric.nan + column.numeric.infinite > 0);
  const numeric = column.numeric;
  return {
    name: column.name,
    bad,
    score: column.nulls.share + (numeric === undefined || column.count === 0 ? 0 : (numeric.nan + numeric.infinite) / column.count),
    badge: bad ? 'has missing values' : 'complete',
    facts: [
      ['type', `${column.sqlType} (${column.kind})`],
      ['nulls', `${fmt(column.nulls.count)} (${pct(column.nulls.share)})`],
      ['distinct', `${column.distinct.exact ? '' : '≈'}${fmt(column.distinct.value)}`],
      ...(numeric === undefined
        ? []
        : ([
            ['min / mean / max', `${fmt(numeric.min)} / ${fmt(numeric.mean)} / ${fmt(numeric.max)}`],
            ['stddev', fmt(numeric.stddev)],
            ['NaN / infinite', `${fmt(numeric.nan)} / ${fmt(numeric.infinite)}`],
          ] as const)),
    ],
    ...(chart === undefined ? {} : { chart }),
  };
}

function profileSection(title: string, result: DatasetProfile): Section {
  const groups = result.groups ?? [];
  return {
    title,
    summary: `${fmt(result.rows)} rows, ${result.columns.length} column(s) — ${result.source}${groups.length === 0 ? '' : `; ${groups.length} group(s) in the table, in key order`}`,
    cards: result.columns.map(profileCard),
    ...(groups.length === 0 ? {} : { table: groupTable(groups) }),
  };
}

/**
 * Grouped profiles (`--by day|week`, `--slice`) as a group × column table: the rows of each group,
 * and per column its mean (numeric) or most frequent value (others) with the share of nulls;
 * a column entirely null in a group reads "all null", the mark of a feature missing that day.
 */
function groupTable(groups: NonNullable<DatasetProfile['groups']>): NonNullable<Section['table']> {
  const names = [...new Set(groups.flatMap((group) => group.columns.map((column) => column.name)))];
  const rows = groups.map((group) => {
    const key = Object.entries(group.key).map(([name, value]) => `${name}=${value}`).join(', ');
    const cells = names.map((name) => {
      const column = group.columns.find((entry) => entry.name === name);
      if (column === undefined) return '–';
      if (group.rows > 0 && column.nulls.count === group.rows) return 'all null';
      const nulls = column.nulls.count > 0 ? ` (${pct(column.nulls.share)} null)` : '';
      if (column.numeric !== undefined) return `mean ${fmt(column.numeric.mean, 3)}${nulls}`;
      const top = column.categorical?.top[0];
      return top === undefined ? `${fmt(column.count)} values${nulls}` : `${top.value} ${pct(column.count === 0 ? 0 : top.count / column.count)}${nulls}`;
    });
    return [key, fmt(group.rows), ...cells];
  });
  return { head: ['group', 'rows', ...names], rows };
}

function validateSection(title: string, result: ValidationReport): Section {
  const failed = result.checks.filter((check) => !check.passed);
  const ordered = [...result.checks].sort(
    (a, b) => Number(a.passed) - Number(b.passed) || (b.failingRows ?? 0) / Math.max(b.rows ?? 1, 1) - (a.failingRows ?? 0) / Math.max(a.rows ?? 1, 1),
  );
  return {
    title,
    summary: `${failed.length} of ${result.checks.length} check(s) failed — ${result.source}`,
    cards: [],
    table: {
      head: ['result', 'check', 'column', 'failing rows', 'message'],
      rows: ordered.map((check) => [
        check.passed ? 'pass' : `fail${check.severity === undefined ? '' : ` (${check.severity})`}`,
        check.check,
        check.column ?? '',
        check.failingRows === undefined ? '' : `${fmt(check.failingRows)}${check.rows === undefined ? '' : ` of ${fmt(check.rows)}`}`,
        check.message,
      ]),
    },
  };
}

function keyedSkewSection(title: string, result: KeyedSkewResult): Section {
  const { rows, thresholds } = result;
  const cards = result.columns.map(
    (column): Card => ({
      name: column.name,
      bad: column.skewed,
      score: column.mismatchRate,
      badge: column.skewed ? 'skewed' : 'ok',
      facts: [
        ['kind', column.kind],
        ['mismatch rate', `${pct(column.mismatchRate)} (${fmt(column.mismatches)} of ${fmt(column.compared)} joined rows)`],
        ['null vs value', fmt(column.nullMismatches)],
        ['threshold', `skew when > ${pct(thresholds.maxMismatchRate)}${column.kind === 'numeric' ? `; tolerance ${fmt(thresholds.tolerance)} + ${fmt(thresholds.relativeTolerance)}·|value|` : ''}`],
      ],
      chart: barChart(['matching', 'mismatching'], [{ label: 'rows', data: [column.compared - column.mismatches, column.mismatches], colors: CURRENT }], false, 'joined rows'),
      ...(column.examples.length === 0
        ? {}
        : {
            table: {
              head: [...result.key, 'training', 'serving'],
              rows: column.examples.map((example) => [...result.key.map((key) => example.key[key] ?? 'null'), example.training ?? 'null', example.serving ?? 'null']),
            },
          }),
    }),
  );
  return {
    title,
    summary: `joined on ${result.key.join(', ')}: ${fmt(rows.joined)} joined rows; ${fmt(rows.onlyTraining)} only in training, ${fmt(rows.onlyServing)} only in serving — ${result.training} vs ${result.serving}`,
    cards,
  };
}

function distributionSkewSection(title: string, result: DistributionSkewResult): Section {
  const t = result.thresholds;
  const cards = result.columns.map((column, index): Card => {
    const chart =
      column.categories === undefined
        ? barChart(['null rate'], [
            { label: 'training', data: [column.training.nullRate], colors: REFERENCE },
            { label: 'serving', data: [column.serving.nullRate], colors: CURRENT },
          ], false, 'share of rows')
        : barChart(
            column.categories.map((category) => category.value),
            [
              { label: 'training', data: column.categories.map((category) => category.training), colors: REFERENCE },
              { label: 'serving', data: column.categories.map((category) => category.serving), colors: CURRENT },
            ],
            false,
            'share of non-null rows',
          );
    return {
      name: column.name,
      bad: column.skewed,
      // the skew computation already sorts worst first
      score: result.columns.length - index,
      badge: column.skewed ? 'skewed' : 'ok',
      facts: [
        ['kind', column.kind],
        ['null rate', `${pct(column.training.nullRate)} → ${pct(column.serving.nullRate)} (threshold ${fmt(t.maxNullRateDiff)})`],
        ...(column.kind === 'numeric'
          ? ([
              ['mean', `${fmt(column.training.mean)} → ${fmt(column.serving.mean)}`],
              ['mean shift', `${fmt(column.meanShift)} training sd (threshold ${fmt(t.maxMeanShift)})`],
            ] as const)
          : ([['share distance', `${fmt(column.shareDistance)} total variation (threshold ${fmt(t.maxShareDistance)})`]] as const)),
        ...column.reasons.map((reason) => ['reason', reason] as const),
      ],
      chart,
    };
  });
  return { title, summary: `${fmt(result.rows.training)} training rows vs ${fmt(result.rows.serving)} serving rows — ${result.training} vs ${result.serving}`, cards };
}

function skewSection(title: string, result: SkewResult): Section {
  return result.mode === 'keyed' ? keyedSkewSection(title, result) : distributionSkewSection(title, result);
}

function toSection(input: ReportInput): Section {
  switch (input.kind) {
    case 'profile':
      return profileSection(input.title ?? 'Profile', input.result);
    case 'drift':
      return driftSection(input.title ?? 'Drift', input.result);
    case 'validate':
      return validateSection(input.title ?? 'Data tests', input.result);
    case 'skew':
      return skewSection(input.title ?? 'Training/serving skew', input.result);
  }
}

/** Worst first: bad cards, then by score, then by name. */
export function sortCards<T extends Pick<Card, 'bad' | 'score' | 'name'>>(cards: readonly T[]): T[] {
  return [...cards].sort((a, b) => Number(b.bad) - Number(a.bad) || b.score - a.score || a.name.localeCompare(b.name));
}

/* ---------- html ---------- */

function renderTable(table: NonNullable<Card['table']>): string {
  const head = table.head.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('');
  const rows = table.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * Renders the report: one section per input, one card per column, worst column first.
 *
 * @example
 * await writeFile('report.html', renderDataReport([{ kind: 'skew', result: await computeSkew('t.csv', 's.csv', { key: ['id'] }) }]));
 */
export function renderDataReport(inputs: readonly ReportInput[], options: ReportOptions = {}): string {
  const title = options.title ?? 'paydown data report';
  const charts: Record<string, ChartSpec> = {};
  let chartCount = 0;
  const sections = inputs.map((input, sectionIndex) => {
    const section = toSection(input);
    const cards = sortCards(section.cards).map((card) => {
      let chartHtml = '';
      if (card.chart !== undefined) {
        const id = `chart-${chartCount++}`;
        charts[id] = card.chart;
        chartHtml = `<div class="chart"><canvas id="${id}" role="img" aria-label="${escapeHtml(`chart of ${card.name}`)}"></canvas></div>`;
      }
      const facts = card.facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('');
      return `<article class="card ${card.bad ? 'bad' : 'good'}" data-column="${escapeHtml(card.name)}">
<h3><span class="name">${escapeHtml(card.name)}</span> <span class="badge">${escapeHtml(card.badge)}</span></h3>
<dl>${facts}</dl>
${chartHtml}
${card.table === undefined ? '' : renderTable(card.table)}
</article>`;
    });
    return `<section class="section" id="section-${sectionIndex}" data-kind="${escapeHtml(input.kind)}">
<h2>${escapeHtml(section.title)}</h2>
<p class="summary">${escapeHtml(section.summary)}</p>
${section.table === undefined ? '' : `<div class="wide">${renderTable(section.table)}</div>`}
<div class="cards">${cards.join('\n')}</div>
</section>`;
  });
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  return renderReportPage({ title: title, headerLine: `generated ${generatedAt} by paydown · overlaid bars: reference/training in blue, current/serving in orange (shares of rows)`, styles: STYLES, sections, charts });
}

/**
 * Wraps a parsed JSON result for the report by its `format` (profile and skew results carry one);
 * returns undefined when the kind cannot be told.
 *
 * @example
 * const input = reportInputFromJson(JSON.parse(await readFile('skew.json', 'utf8')));
 */
export function reportInputFromJson(value: unknown): ReportInput | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const format = (value as { format?: unknown }).format;
  if (format === 'paydown.profile/v1') return { kind: 'profile', result: value as DatasetProfile };
  if (format === 'paydown.skew/v1') return { kind: 'skew', result: value as SkewResult };
  if (Array.isArray((value as { checks?: unknown }).checks)) return { kind: 'validate', result: value as ValidationReport };
  const columns = (value as { columns?: unknown }).columns;
  if (Array.isArray(columns) && columns.every((column) => typeof column === 'object' && column !== null && 'drifted' in column)) {
    return { kind: 'drift', result: value as DriftReport };
  }
  return undefined;
}

const STYLES = `body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0; color: #1d2330; background: #f5f6f8; }
header { padding: 16px 24px; background: #1d2330; color: #fff; }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 4px 0 0; color: #b8c0cc; font-size: 12px; }
main { padding: 8px 24px 32px; }
.section h2 { margin: 24px 0 4px; font-size: 18px; }
.summary { margin: 0 0 12px; color: #4a5364; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid #dde1e7; border-left: 5px solid #3a9a5b; border-radius: 6px; padding: 10px 14px; }
.card.bad { border-left-color: #d0452f; }
.card h3 { margin: 0 0 6px; font-size: 15px; word-break: break-all; }
.badge { font-size: 11px; font-weight: 600; padding: 1px 7px; border-radius: 10px; background: #e3f3e8; color: #236b3b; vertical-align: middle; }
.bad .badge { background: #fbe3df; color: #9b2615; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 0 0 8px; font-size: 12.5px; }
dt { color: #5d6676; } dd { margin: 0; word-break: break-word; }
.chart { position: relative; height: 220px; }
table { border-collapse: collapse; font-size: 12px; margin: 8px 0; width: 100%; }
th, td { border: 1px solid #dde1e7; padding: 3px 6px; text-align: left; word-break: break-word; }
th { background: #eef0f4; }
.wide { overflow-x: auto; background: #fff; }
.wide td:first-child { white-space: nowrap; font-weight: 600; }`;
