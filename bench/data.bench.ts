import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Data benchmark: paydown `profile` + `drift` on two generated Parquet files of N rows × 20 columns
 * (12 numeric, 8 categorical), against (b) the floor — one DuckDB aggregate scan of the current file —
 * and (c) a pandas + scipy script, when Python has them. Also compares paydown's peak memory at N and N/10.
 *
 * @example
 * // node dist/bench/data.bench.js                 (N = 10,000,000)
 * // node dist/bench/data.bench.js --rows 1000000  (quick mode)
 * // node dist/bench/data.bench.js --flights        (only the real-data variant on flights-3m)
 * // node dist/bench/data.bench.js --no-flights     (only the generated data)
 * // node dist/bench/data.bench.js --no-pandas      (skip pandas + scipy, the slowest part)
 * // node dist/bench/data.bench.js --rounds 5       (profile, drift and the floor 5 times each; default 3, medians decide)
 */

const NUMERIC = 12;
const CATEGORICAL = 8;
const TARGET_FLOOR_RATIO = 3;
const TARGET_PANDAS_RATIO = 20;
/** Peak memory at N may exceed peak memory at N/10 by at most this factor to count as "does not grow". */
const MEMORY_GROWTH_TOLERANCE = 1.5;
/** Without a Parquet engine for pandas, CSV copies hold at most this many rows. */
const CSV_MAX_ROWS = 1_000_000;
const THREADS = 2;

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const paydownBin = path.join(repoRoot, 'bin', 'paydown.js');
const inProcessRunner = path.join(here, 'run-check.js');
const timeBin = '/usr/bin/time';
const python = '/usr/bin/python3';

interface Measure {
  readonly wallMs: number;
  readonly maxRssMb: number;
  readonly exitCode: number;
  readonly stdout: string;
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function log(text: string): void {
  process.stdout.write(`${text}\n`);
}

function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

function fmtMb(mb: number): string {
  return `${mb.toFixed(0)} MB`;
}

function verdict(pass: boolean): string {
  return pass ? 'PASS' : 'FAIL';
}

/** The SELECT generating `rows` deterministic rows; `current` shifts n0, n1, n2, c0 and c1. */
function generateSql(rows: number, current: boolean): string {
  const offset = current ? 1_000_000_000_000 : 0;
  const unit = (k: number): string => `((hash(i * 31 + ${k}) % 1000003)::DOUBLE / 1000003.0)`;
  const columns: string[] = [];
  for (let k = 0; k < NUMERIC; k++) {
    // Alternate uniform and roughly normal (sum of three uniforms) columns at different scales.
    const base = k % 2 === 0 ? `${unit(k)} * ${k + 1}` : `(${unit(k)} + ${unit(k + 100)} + ${unit(k + 200)} - 1.5) * ${k + 1}`;
    let expression = base;
    if (current && k === 0) expression = `${base} + 0.5`;
    if (current && k === 1) expression = `${base} * 1.5`;
    if (current && k === 2) expression = `${base} + 1.5`;
    columns.push(`${expression} AS n${k}`);
  }
  for (let k = 0; k < CATEGORICAL; k++) {
    const cardinality = 5 * (k + 1);
    let expression = `'v' || (hash(i * 31 + ${NUMERIC + k}) % ${cardinality})::VARCHAR`;
    if (current && k === 0) expression = `'v' || (hash(i * 31 + ${NUMERIC + k}) % ${Math.max(2, cardinality - 3)})::VARCHAR`;
    if (current && k === 1) expression = `'v' || ((hash(i * 31 + ${NUMERIC + k}) % ${cardinality}) * (hash(i * 31 + 999) % 2))::VARCHAR`;
    columns.push(`${expression} AS c${k}`);
  }
  return `SELECT ${columns.join(', ')} FROM (SELECT range + ${offset} AS i FROM range(${rows}))`;
}

async function generate(directory: string, rows: number): Promise<{ ref: string; cur: string }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(THREADS) });
  const connection = await instance.connect();
  const files = { ref: path.join(directory, `ref-${rows}.parquet`), cur: path.join(directory, `cur-${rows}.parquet`) };
  try {
    for (const [name, file] of Object.entries(files)) {
      process.stdout.write(`  generating ${name} ${rows.toLocaleString('en-US')} rows × ${NUMERIC + CATEGORICAL} columns … `);
      const started = performance.now();
      await connection.run(`COPY (${generateSql(rows, name === 'cur')}) TO ${sqlString(file)} (FORMAT parquet)`);
      const size = (await stat(file)).size / 1024 / 1024;
      process.stdout.write(`${fmtMs(performance.now() - started)}, ${size.toFixed(0)} MB\n`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return files;
}

async function writeCsvCopies(files: { ref: string; cur: string }, rows: number): Promise<{ ref: string; cur: string }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(THREADS) });
  const connection = await instance.connect();
  const csv = { ref: files.ref.replace(/\.parquet$/, `-${rows}.csv`), cur: files.cur.replace(/\.parquet$/, `-${rows}.csv`) };
  try {
    for (const key of ['ref', 'cur'] as const) {
      process.stdout.write(`  writing CSV copy of ${key} (${rows.toLocaleString('en-US')} rows) … `);
      const started = performance.now();
      await connection.run(`COPY (SELECT * FROM read_parquet(${sqlString(files[key])}) LIMIT ${rows}) TO ${sqlString(csv[key])} (HEADER)`);
      process.stdout.write(`${fmtMs(performance.now() - started)}\n`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return csv;
}

/**
 * Runs a command as a child process and measures wall time and peak RSS: with `/usr/bin/time` when
 * present, else from a `PAYDOWN_BENCH {"maxRssKb": …}` line the child writes on standard error.
 */
function measure(command: string, args: readonly string[], fallback: { command: string; args: readonly string[] }, timeFile: string): Promise<Measure> {
  const useTime = existsSync(timeBin);
  const [file, argv] = useTime ? [timeBin, ['-f', '%e %M', '-o', timeFile, command, ...args]] : [fallback.command, [...fallback.args]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stdout.length < 1_000_000) stdout += chunk;
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const exitCode = code ?? -1;
      const finish = async (): Promise<Measure> => {
        if (useTime) {
          const [, rssKb] = (await readFile(timeFile, 'utf8')).trim().split(/\s+/).slice(-2).map(Number);
          return { wallMs, maxRssMb: rssKb / 1024, exitCode, stdout };
        }
        const line = stderr.split('\n').find((entry) => entry.startsWith('PAYDOWN_BENCH '));
        if (line === undefined) throw new Error(`${command} ${args.join(' ')} reported no peak memory:\n${stderr}`);
        const report = JSON.parse(line.slice('PAYDOWN_BENCH '.length)) as { maxRssKb: number };
        return { wallMs, maxRssMb: report.maxRssKb / 1024, exitCode, stdout };
      };
      finish().then((result) => {
        if (exitCode === 2 || exitCode < 0 || (exitCode !== 0 && exitCode !== 1)) reject(new Error(`${command} ${args.join(' ')} failed (exit ${exitCode}):\n${stderr}`));
        else resolve(result);
      }, reject);
    });
  });
}

function paydown(args: readonly string[], timeFile: string): Promise<Measure> {
  return measure(process.execPath, [paydownBin, ...args], { command: process.execPath, args: [inProcessRunner, ...args] }, timeFile);
}

interface PaydownRun {
  readonly profile: Measure;
  readonly drift: Measure;
  readonly driftedColumns: string;
}

/**
 * Reads a file through once, untimed, so that the command measured next starts with its input in
 * the page cache. This machine's page cache is reclaimed within minutes (the bench writes 2 GB
 * before it measures; a 10M-row file read cold adds about 0.5 s to a profile), and the commands
 * compared — paydown and the floor alike — must not differ in what the disk costs them.
 */
async function warm(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let position = 0; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

async function driftedColumnsOf(out: string): Promise<string> {
  try {
    const report = JSON.parse(await readFile(out, 'utf8')) as { columns?: { column: string; method?: string; drifted?: boolean }[] };
    const names = (report.columns ?? []).filter((entry) => entry.drifted === true).map((entry) => `${entry.column} (${entry.method ?? '?'})`);
    return names.length > 0 ? names.join(', ') : 'none';
  } catch {
    return 'no report';
  }
}

/** `paydown profile REF --save` then `paydown drift REF.json CUR`, each with its input warmed first. */
async function runPaydown(directory: string, files: { ref: string; cur: string }, rows: number, quiet = false): Promise<PaydownRun> {
  const saved = path.join(directory, `ref-${rows}.profile.json`);
  const out = path.join(directory, `drift-${rows}.json`);
  const timeFile = path.join(directory, 'time.txt');
  await warm(files.ref);
  const profile = await paydown(['profile', files.ref, '--save', saved], timeFile);
  if (!quiet) log(`  paydown profile REF --save ref.json     ${fmtMs(profile.wallMs).padStart(9)}   peak ${fmtMb(profile.maxRssMb)}`);
  await warm(files.cur);
  const drift = await paydown(['drift', saved, files.cur, '--format', 'json', '-o', out], timeFile);
  if (!quiet) log(`  paydown drift ref.json CUR --format json ${fmtMs(drift.wallMs).padStart(8)}   peak ${fmtMb(drift.maxRssMb)}   (exit ${drift.exitCode})`);
  return { profile, drift, driftedColumns: await driftedColumnsOf(out) };
}

/** Medians and peaks over the rounds of profile, drift and the floor. */
interface Rounds {
  readonly profileMs: number;
  readonly driftMs: number;
  readonly floorMs: number;
  readonly peakMb: number;
  readonly driftedColumns: string;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * `rounds` rounds of paydown profile, paydown drift and the floor query, one after the other
 * (so a busy moment of the machine falls on all three alike), each input warmed first; the
 * medians decide.
 */
async function measureRounds(directory: string, files: { ref: string; cur: string }, rows: number, floorArgs: readonly string[], rounds: number): Promise<Rounds> {
  const timeFile = path.join(directory, 'time.txt');
  const profiles: number[] = [];
  const drifts: number[] = [];
  const floors: number[] = [];
  let peakMb = 0;
  let driftedColumns = '?';
  for (let round = 1; round <= rounds; round += 1) {
    const run = await runPaydown(directory, files, rows, true);
    await warm(files.cur);
    const floor = await measure(process.execPath, floorArgs, { command: process.execPath, args: floorArgs }, timeFile);
    profiles.push(run.profile.wallMs);
    drifts.push(run.drift.wallMs);
    floors.push(floor.wallMs);
    peakMb = Math.max(peakMb, run.profile.maxRssMb, run.drift.maxRssMb);
    driftedColumns = run.driftedColumns;
    log(
      `  round ${round}: profile ${fmtMs(run.profile.wallMs)} (${fmtMb(run.profile.maxRssMb)})   drift ${fmtMs(run.drift.wallMs)} (${fmtMb(run.drift.maxRssMb)}, exit ${run.drift.exitCode})   floor ${fmtMs(floor.wallMs)} (${fmtMb(floor.maxRssMb)})`,
    );
  }
  const result = { profileMs: median(profiles), driftMs: median(drifts), floorMs: median(floors), peakMb, driftedColumns };
  log(`  median:  profile ${fmtMs(result.profileMs)}   drift ${fmtMs(result.driftMs)}   floor ${fmtMs(result.floorMs)}`);
  return result;
}

/** The floor query of the generated files: count, 12 averages, one approximate distinct count. */
function generatedFloorSql(file: string): string {
  const averages = Array.from({ length: NUMERIC }, (_, k) => `avg(n${k})`).join(', ');
  return `SELECT count(*), ${averages}, approx_count_distinct(c${CATEGORICAL - 1}) FROM read_parquet(${sqlString(file)})`;
}

/** The floor query of a flights month: count, the averages of the numeric columns, one approximate distinct count. */
function flightsFloorSql(file: string): string {
  return `SELECT count(*), avg(delay), avg(distance), approx_count_distinct(origin) FROM read_parquet(${sqlString(file)})`;
}

/** Child-process mode: one DuckDB aggregate scan of a Parquet file, reporting its peak memory. */
async function floorChild(file: string, flights: boolean): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(THREADS) });
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(flights ? flightsFloorSql(file) : generatedFloorSql(file));
  const rows = reader.getRowsJson();
  connection.closeSync();
  instance.closeSync();
  process.stdout.write(`${JSON.stringify(rows[0]?.[0])}\n`);
  process.stderr.write(`PAYDOWN_BENCH ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
}

const PYTHON_SCRIPT = `import json, resource, sys, time
import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial.distance import jensenshannon

ref_path, cur_path, fmt = sys.argv[1], sys.argv[2], sys.argv[3]
read = pd.read_parquet if fmt == "parquet" else pd.read_csv
started = time.perf_counter()
ref = read(ref_path)
cur = read(cur_path)
read_s = time.perf_counter() - started
drifted = []
for column in ref.columns:
    if column.startswith("n"):
        a = ref[column].to_numpy()
        b = cur[column].to_numpy()
        ks = stats.ks_2samp(a, b)
        w = stats.wasserstein_distance(a, b)
        std = float(np.std(a))
        if (ks.pvalue < 0.05 and ks.statistic >= 0.1) or (std > 0 and w / std >= 0.1):
            drifted.append(column)
    else:
        rc = ref[column].value_counts()
        cc = cur[column].value_counts()
        index = rc.index.union(cc.index)
        r = rc.reindex(index, fill_value=0).to_numpy()
        c = cc.reindex(index, fill_value=0).to_numpy()
        table = np.vstack([r, c])
        table = table[:, table.sum(axis=0) > 0]
        chi2, p, dof, _ = stats.chi2_contingency(table)
        js = jensenshannon(r / r.sum(), c / c.sum(), base=2)
        if js >= 0.1:
            drifted.append(column)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sys.stdout.write(json.dumps({"rows": len(ref), "read_s": read_s, "drifted": drifted}) + "\\n")
sys.stderr.write("PAYDOWN_BENCH " + json.dumps({"maxRssKb": rss}) + "\\n")
`;

function pythonAvailable(): boolean {
  return existsSync(python) && spawnSync(python, ['-c', 'import pandas, scipy'], { stdio: 'ignore' }).status === 0;
}

function pandasHasParquet(): boolean {
  return spawnSync(python, ['-c', 'import pandas as pd; pd.io.parquet.get_engine("auto")'], { stdio: 'ignore' }).status === 0;
}

function parseRows(argv: readonly string[]): number {
  const index = argv.indexOf('--rows');
  if (index === -1) return 10_000_000;
  const rows = Number((argv[index + 1] ?? '').replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(rows) || rows < 10) throw new Error(`--rows needs a whole number ≥ 10, got ${argv[index + 1]}`);
  return rows;
}

/** `--rounds K`: how many times profile, drift and the floor are each measured (default 3). */
function parseRounds(argv: readonly string[]): number {
  const index = argv.indexOf('--rounds');
  if (index === -1) return 3;
  const rounds = Number(argv[index + 1]);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds needs a whole number ≥ 1, got ${argv[index + 1]}`);
  return rounds;
}

async function main(argv: readonly string[]): Promise<number> {
  const rows = parseRows(argv);
  const rounds = parseRounds(argv);
  const small = Math.max(10, Math.round(rows / 10));
  const directory = await mkdtemp(path.join(tmpdir(), 'paydown-data-bench-'));
  const timeFile = path.join(directory, 'time.txt');
  const self = fileURLToPath(import.meta.url);
  log(`paydown data benchmark: N = ${rows.toLocaleString('en-US')} rows × ${NUMERIC + CATEGORICAL} columns (${NUMERIC} numeric, ${CATEGORICAL} categorical), temp dir ${directory}`);
  log(`  measuring with ${existsSync(timeBin) ? `${timeBin} -f '%e %M'` : 'process.resourceUsage().maxRSS in the child'}`);
  try {
    log('\n[1] generating Parquet with DuckDB SQL');
    const files = await generate(directory, rows);
    const smallFiles = await generate(directory, small);

    log(`\n[a, b] paydown and the floor at N = ${rows.toLocaleString('en-US')}, ${rounds} rounds`);
    log('  paydown profile REF --save ref.json; paydown drift ref.json CUR --format json; floor: one DuckDB aggregate scan of CUR');
    log('  (count, 12 × avg, approx_count_distinct) in a child process; each input read once before its run, so all start from the page cache');
    const big = await measureRounds(directory, files, rows, [self, '--floor', files.cur], rounds);
    log(`  drifted columns: ${big.driftedColumns}`);
    log(`[a] paydown at N/10 = ${small.toLocaleString('en-US')} (peak memory)`);
    const little = await runPaydown(directory, smallFiles, small);

    log('\n[c] pandas + scipy (KS, Wasserstein; chi-square, Jensen–Shannon)');
    let pandasMs: number | undefined;
    let pandasNote = '';
    if (skipPandas) {
      log('  skipped (--no-pandas)');
    } else if (!pythonAvailable()) {
      log(`  skipped: ${python} -c 'import pandas, scipy' fails`);
    } else {
      const script = path.join(directory, 'drift_pandas.py');
      await writeFile(script, PYTHON_SCRIPT);
      let inputs = files;
      let format = 'parquet';
      let pandasRows = rows;
      if (!pandasHasParquet()) {
        pandasRows = Math.min(rows, CSV_MAX_ROWS);
        log(`  pandas has no Parquet engine (pyarrow/fastparquet missing): DuckDB writes CSV copies of ${pandasRows.toLocaleString('en-US')} rows instead`);
        inputs = await writeCsvCopies(files, pandasRows);
        format = 'csv';
      }
      const pyArgs = [script, inputs.ref, inputs.cur, format];
      const result = await measure(python, pyArgs, { command: python, args: pyArgs }, timeFile);
      const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { read_s?: number; drifted?: string[] };
      log(`  pandas + scipy on ${pandasRows.toLocaleString('en-US')} rows (${format})     ${fmtMs(result.wallMs).padStart(8)}   peak ${fmtMb(result.maxRssMb)}   (reading ${(report.read_s ?? 0).toFixed(1)} s; drifted: ${(report.drifted ?? []).join(', ')})`);
      pandasMs = result.wallMs * (rows / pandasRows);
      if (pandasRows !== rows) {
        pandasNote = ` (pandas time extrapolated linearly from ${pandasRows.toLocaleString('en-US')} CSV rows ×${(rows / pandasRows).toFixed(0)})`;
        log(`  extrapolated to N = ${rows.toLocaleString('en-US')}: ${fmtMs(pandasMs)}`);
      }
    }

    log('\n[results] (medians of the rounds)');
    const paydownMs = big.profileMs + big.driftMs;
    const driftRatio = big.driftMs / big.floorMs;
    const profileRatio = big.profileMs / big.floorMs;
    log(`  paydown drift / floor    = ${driftRatio.toFixed(2)}×   (target ≤ ${TARGET_FLOOR_RATIO}×)  ${verdict(driftRatio <= TARGET_FLOOR_RATIO)}`);
    log(`  paydown profile / floor  = ${profileRatio.toFixed(2)}×   (target ≤ ${TARGET_FLOOR_RATIO}×)  ${verdict(profileRatio <= TARGET_FLOOR_RATIO)}`);
    let pandasPass = true;
    if (pandasMs === undefined) {
      log(`  pandas / paydown         = skipped (${skipPandas ? '--no-pandas' : 'no Python with pandas and scipy'})`);
    } else {
      const pandasRatio = pandasMs / paydownMs;
      pandasPass = pandasRatio >= TARGET_PANDAS_RATIO;
      log(`  pandas / paydown (profile + drift) = ${pandasRatio.toFixed(2)}×   (target ≥ ${TARGET_PANDAS_RATIO}×)  ${verdict(pandasPass)}${pandasNote}`);
    }
    const peakBig = big.peakMb;
    const peakSmall = Math.max(little.profile.maxRssMb, little.drift.maxRssMb);
    const growth = peakBig / peakSmall;
    log(
      `  paydown peak memory: ${fmtMb(peakBig)} at N = ${rows.toLocaleString('en-US')}, ${fmtMb(peakSmall)} at N/10 = ${small.toLocaleString('en-US')} → ×${growth.toFixed(2)}   (target: does not grow, ≤ ×${MEMORY_GROWTH_TOLERANCE})  ${verdict(growth <= MEMORY_GROWTH_TOLERANCE)}`,
    );
    const pass = driftRatio <= TARGET_FLOOR_RATIO && profileRatio <= TARGET_FLOOR_RATIO && pandasPass && growth <= MEMORY_GROWTH_TOLERANCE;
    return pass ? 0 : 1;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const FLIGHTS = path.join(repoRoot, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');

/**
 * The real-data variant: the 3M flights of vega-datasets (Jan–Jun 2001), January as the reference
 * and February as the current month: paydown profile + drift against the saved profile, the
 * floor scan of February, and pandas + scipy on the same two months (CSV when pandas cannot read
 * Parquet).
 */
async function flightsBench(): Promise<boolean> {
  if (!existsSync(FLIGHTS)) {
    log(`\n[real] skipped: ${FLIGHTS} is missing (npm install)`);
    return true;
  }
  const directory = await mkdtemp(path.join(tmpdir(), 'paydown-flights-bench-'));
  const timeFile = path.join(directory, 'time.txt');
  try {
    const files = { ref: path.join(directory, 'flights-2001-01.parquet'), cur: path.join(directory, 'flights-2001-02.parquet') };
    const csv = { ref: files.ref.replace(/\.parquet$/, '.csv'), cur: files.cur.replace(/\.parquet$/, '.csv') };
    const instance = await DuckDBInstance.create(':memory:', { threads: String(THREADS) });
    const connection = await instance.connect();
    const counts: number[] = [];
    try {
      for (const [key, month] of [['ref', 1], ['cur', 2]] as const) {
        const select = `SELECT delay, distance, origin, destination FROM read_parquet(${sqlString(FLIGHTS)}) WHERE month(date) = ${month}`;
        await connection.run(`COPY (${select}) TO ${sqlString(files[key])} (FORMAT parquet)`);
        await connection.run(`COPY (${select}) TO ${sqlString(csv[key])} (HEADER)`);
        const counted = await connection.runAndReadAll(`SELECT count(*) FROM read_parquet(${sqlString(files[key])})`);
        counts.push(Number(counted.getRows()[0]?.[0]));
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    log(`\n[real] flights-3m.parquet: January (${counts[0].toLocaleString('en-US')} flights) → February (${counts[1].toLocaleString('en-US')}); delay, distance, origin, destination`);
    const run = await measureRounds(directory, files, counts[0], [fileURLToPath(import.meta.url), '--floor-flights', files.cur], parseRounds(argv));
    log(`  drifted columns: ${run.driftedColumns}`);
    let pandasLine = `  pandas + scipy: skipped (${skipPandas ? '--no-pandas' : 'no Python with pandas and scipy'})`;
    let pandasMs: number | undefined;
    if (!skipPandas && pythonAvailable()) {
      const script = path.join(directory, 'drift_pandas.py');
      await writeFile(script, PYTHON_SCRIPT.replace('if column.startswith("n"):', 'if column in ("delay", "distance"):'));
      const parquet = pandasHasParquet();
      const inputs = parquet ? files : csv;
      const pyArgs = [script, inputs.ref, inputs.cur, parquet ? 'parquet' : 'csv'];
      await warm(inputs.ref);
      await warm(inputs.cur);
      const result = await measure(python, pyArgs, { command: python, args: pyArgs }, timeFile);
      pandasMs = result.wallMs;
      const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { drifted?: string[] };
      pandasLine = `  pandas + scipy (${parquet ? 'parquet' : 'csv'})                 ${fmtMs(result.wallMs).padStart(8)}   peak ${fmtMb(result.maxRssMb)}   (drifted: ${(report.drifted ?? []).join(', ') || 'none'})`;
    }
    log(pandasLine);
    const paydownMs = run.profileMs + run.driftMs;
    log(`  paydown drift / floor    = ${(run.driftMs / run.floorMs).toFixed(2)}×;  paydown profile / floor = ${(run.profileMs / run.floorMs).toFixed(2)}× (medians)`);
    if (pandasMs !== undefined) log(`  pandas / paydown (profile + drift) = ${(pandasMs / paydownMs).toFixed(2)}×`);
    log('  (small data: process start-up, about 0.3 s a run, weighs on these ratios)');
    return true;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
const skipPandas = argv.includes('--no-pandas');
if (argv[0] === '--floor' && argv[1] !== undefined) {
  await floorChild(argv[1], false);
} else if (argv[0] === '--floor-flights' && argv[1] !== undefined) {
  await floorChild(argv[1], true);
} else if (argv[0] === '--flights') {
  await flightsBench();
} else {
  process.exitCode = await main(argv);
  if (!argv.includes('--no-flights')) await flightsBench();
}
