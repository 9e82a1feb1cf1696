import { open, readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { quoteIdent, quoteLiteral, toNumber } from '../../data/duckdb.js';
import { driftReport, type ColumnDrift, type DriftReport, type DriftSide, type DriftSummary } from '../../data/drift.js';
import { defaultDriftPolicy, driftMethods, parseColumnMethods, type DriftPolicy } from '../../data/drift-policy.js';
import { profileAgainst, profileOpened } from '../../data/profile.js';
import type { ColumnProfile, DatasetProfile } from '../../data/profile-types.js';
import { openData, type OpenData, type ReadOptions } from '../../data/read-data.js';
import { PaydownError } from '../../errors.js';
import { driftInput } from '../../data/report/from-drift.js';
import { renderDataReport } from '../../data/report/render-report.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';
import { addCsvOptions, readOptionsOf, type CsvFlags } from '../csv-options.js';

interface DriftFlags extends CsvFlags {
  slice?: string;
  columnMethod: string[];
  driftShare?: string;
  format: 'text' | 'json' | 'html';
  output?: string;
}

export function registerDrift(program: Command, done: (code: ExitCode) => void): void {
  addCsvOptions(
    program
      .command('drift')
      .description('compare two datasets column by column and report distribution drift')
      .argument('<reference>', 'reference data (file, quoted glob or folder) or a saved profile (.json from `paydown profile --save`)')
      .argument('<current>', 'current data (file, quoted glob or folder) or a saved profile')
      .option('--slice <column>', 'also compare slice by slice (saved profiles must be grouped by this column)')
      .option('--column-method <column=method>', `override the method of a column; repeatable; methods: ${driftMethods.join(', ')}`, collect, [])
      .option('--drift-share <share>', `share of drifted columns at which the dataset drifts (default ${defaultDriftPolicy.driftShare}; 0 = any column)`)
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'html']).default('text'))
      .option('-o, --output <file>', 'write the report to a file instead of standard output')
  )
    .addHelpText(
      'after',
      `
Numeric columns: KS test (p < 0.05 and D ≥ 0.1) up to 1,000 values a side, else Wasserstein-1 / reference
std ≥ 0.1. Categorical: chi-square (p < 0.05 and Cramér's V ≥ 0.1) up to 1,000, else Jensen–Shannon
distance ≥ 0.1. See docs/statistics.md.

Exit codes: 0 no dataset drift, 1 drift found (the dataset or a slice), 2 unreadable input or usage error.

Examples:
  $ paydown profile june.parquet --save june.profile.json
  $ paydown drift june.profile.json july.parquet
  $ paydown drift june.csv july.csv --column-method country=l-infinity --format json -o drift.json
  $ paydown drift "ref/*.parquet" "cur/*.parquet" --slice country
  $ paydown drift june.profile.json july.parquet --format html -o drift.html`,
    )
    .action(async (reference: string, current: string, flags: DriftFlags) => {
      done(await runDrift(reference, current, flags));
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function runDrift(referenceArg: string, currentArg: string, flags: DriftFlags): Promise<ExitCode> {
  let columnMethods: DriftPolicy['columnMethods'];
  try {
    columnMethods = parseColumnMethods(flags.columnMethod);
  } catch (error) {
    throw new PaydownError('PAYDOWN_USAGE', (error as Error).message);
  }
  const share = flags.driftShare === undefined ? defaultDriftPolicy.driftShare : Number(flags.driftShare);
  if (!(share >= 0 && share <= 1)) throw new PaydownError('PAYDOWN_USAGE', `--drift-share wants a number between 0 and 1, not ${flags.driftShare}`);
  const policy: Partial<DriftPolicy> = { columnMethods, driftShare: share };
  const read = readOptionsOf(flags);
  const reference = await loadSide(referenceArg, read, flags.slice, defaultDriftPolicy.sampleLimit, undefined);
  // the current data is binned on the reference's histogram edges: one pass, no range scan
  const current = await loadSide(currentArg, read, flags.slice, defaultDriftPolicy.sampleLimit, reference.profile);
  for (const column of Object.keys(columnMethods)) {
    if (!reference.profile.columns.some((c) => c.name === column)) throw new PaydownError('PAYDOWN_USAGE', `--column-method names ${column}, which is not a column of ${referenceArg}`);
  }
  let report: DriftReport;
  try {
    report = driftReport(reference, current, { policy, ...(flags.slice === undefined ? {} : { slice: flags.slice }) });
  } catch (error) {
    if (error instanceof RangeError) throw new PaydownError('PAYDOWN_USAGE', error.message);
    throw error;
  }
  const text =
    flags.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : flags.format === 'html'
        ? renderDataReport([{ kind: 'drift', result: driftInput(report, reference.profile, current.profile) }], { title: 'paydown drift report' })
        : formatDriftText(report);
  await emit(text, flags.output);
  return report.drifted ? 1 : 0;
}

/** A saved profile when the file is JSON whose beginning names the format paydown.profile/v1. */
async function savedProfile(path: string): Promise<DatasetProfile | undefined> {
  if (!/\.json$/i.test(path)) return undefined;
  let head: string;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(65536);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined; // not a single readable file: let the data reader explain
  }
  if (!head.trimStart().startsWith('{') || !head.includes('paydown.profile/v1')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new PaydownError('PAYDOWN_DATA_UNREADABLE', `${path} looks like a saved profile but is not valid JSON: ${(error as Error).message}`);
  }
  const profile = parsed as Partial<DatasetProfile>;
  if (profile.format !== 'paydown.profile/v1' || !Array.isArray(profile.columns) || typeof profile.rows !== 'number') {
    throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `${path} is not a paydown.profile/v1 profile (it needs format, rows and columns)`);
  }
  return parsed as DatasetProfile;
}

async function loadSide(arg: string, read: ReadOptions, slice: string | undefined, sampleLimit: number, reference: DatasetProfile | undefined): Promise<DriftSide> {
  const saved = await savedProfile(arg);
  if (saved !== undefined) return { profile: saved };
  const opened = await openData(arg, read);
  try {
    const options = slice === undefined ? {} : { slice };
    // The current side's distinct counts are not compared (no drift statistic uses them), so its
    // scan skips the HyperLogLog sketch: about a sixth of the scan's JavaScript time.
    const profile = reference === undefined ? await profileOpened(opened, options) : await profileAgainst(opened, reference, { ...options, distinctSketch: false });
    const samples = await pullSamples(opened, profile.columns, undefined, sampleLimit);
    const sliceSamples: Record<string, Record<string, number[]>> = {};
    if (slice !== undefined) {
      for (const group of profile.groups ?? []) {
        const value = group.key[slice];
        if (value !== undefined) sliceSamples[value] = await pullSamples(opened, group.columns, { column: slice, value }, sampleLimit);
      }
    }
    return { profile, samples, sliceSamples };
  } finally {
    opened.close();
  }
}

/** Every finite value of the numeric columns with at most `limit` of them, for exact small-sample tests. */
async function pullSamples(opened: OpenData, columns: readonly ColumnProfile[], where: { column: string; value: string } | undefined, limit: number): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  const filter = where === undefined ? '' : where.value === '(null)' ? ` AND ${quoteIdent(where.column)} IS NULL` : ` AND CAST(${quoteIdent(where.column)} AS VARCHAR) = ${quoteLiteral(where.value)}`;
  for (const column of columns) {
    const histogram = column.numeric?.fineHistogram;
    if (histogram === undefined) continue;
    const finite = histogram.counts.reduce((s, c) => s + c, 0);
    if (finite === 0 || finite > limit) continue;
    const value = `CAST(${quoteIdent(column.name)} AS DOUBLE)`;
    const rows = await opened.session.query(`SELECT ${value} AS v FROM ${opened.relation} WHERE ${value} IS NOT NULL AND isfinite(${value})${filter} LIMIT ${limit + 1}`);
    out[column.name] = rows.map((row) => toNumber(row.v)).filter((v): v is number => v !== null && Number.isFinite(v));
  }
  return out;
}

/**
 * A drift report as plain text: one line per column, then the verdict.
 *
 * @example
 * process.stdout.write(formatDriftText(driftReport(reference, current)));
 */
export function formatDriftText(report: DriftReport): string {
  const lines = [`drift: ${report.reference.source} (${report.reference.rows} rows) → ${report.current.source} (${report.current.rows} rows)`, ''];
  lines.push(...columnTable(report.columns), '', verdict('dataset', report.summary));
  const approximate = [...report.columns, ...(report.slices ?? []).flatMap((s) => s.columns)].some((c) => c.status === 'compared' && !c.exact);
  if (approximate) lines.push('(~ from histograms or merged categories, not raw values; ± bounds the error of the statistic)');
  for (const slice of report.slices ?? []) {
    const key = Object.entries(slice.key).map(([name, value]) => `${name}=${value}`).join(', ');
    lines.push('', `slice ${key} (${slice.referenceRows} → ${slice.currentRows} rows)`);
    lines.push(...columnTable(slice.columns).map((line) => `  ${line}`), `  ${verdict('slice', slice.summary)}`);
  }
  const unmatched = report.unmatchedSlices;
  if (unmatched !== undefined && (unmatched.reference.length > 0 || unmatched.current.length > 0)) {
    lines.push('');
    if (unmatched.reference.length > 0) lines.push(`slices only in the reference: ${unmatched.reference.join(', ')}`);
    if (unmatched.current.length > 0) lines.push(`slices only in the current data: ${unmatched.current.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function columnTable(columns: readonly ColumnDrift[]): string[] {
  const rows = columns.map((c) => [
    c.column,
    c.kind,
    c.method ?? '-',
    c.statistic === null ? '-' : `${num(c.statistic)}${c.errorBound !== null && c.errorBound > 0 ? ` ±${num(c.errorBound)}` : ''}${c.exact || c.status === 'skipped' ? '' : '~'}`,
    c.pValue === null ? '-' : num(c.pValue),
    threshold(c),
    `${c.referenceCount} / ${c.currentCount}`,
    c.status === 'skipped' ? `skipped: ${c.reason ?? ''}` : c.drifted ? 'DRIFT' : 'ok',
  ]);
  const header = ['column', 'kind', 'method', 'statistic', 'p-value', 'threshold', 'n ref / cur', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

function threshold(c: ColumnDrift): string {
  const parts: string[] = [];
  if (c.threshold.pValue !== undefined) parts.push(`p < ${c.threshold.pValue}`);
  if (c.threshold.effectSize !== undefined) parts.push(`${c.method === 'chi-square' ? 'V' : 'D'} ≥ ${c.threshold.effectSize}`);
  if (c.threshold.statistic !== undefined) parts.push(`≥ ${c.threshold.statistic}`);
  return parts.length === 0 ? '-' : parts.join(', ');
}

function verdict(what: string, summary: DriftSummary): string {
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  return `${what}: ${summary.drifted} of ${summary.compared} columns drifted (${pct(summary.share)}; threshold ${pct(summary.threshold)}) → ${summary.datasetDrifted ? 'DRIFT' : 'no drift'}`;
}

function num(x: number): string {
  if (x === 0) return '0';
  if (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e6) return x.toExponential(2);
  return x.toPrecision(3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}
