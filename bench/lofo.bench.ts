import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { stratifiedFolds } from '../src/eval/lofo/folds.js';
import type { LofoResult } from '../src/eval/lofo/result.js';
import { loadTrainingData } from '../src/learn/load-training-data.js';
import { runMeasured } from './measure-child.js';

/**
 * LOFO benchmark: `paydown lofo` with 4 folds (a) on N generated rows × 30 numeric features
 * (Parquet) with the built-in logistic regression and (b) on UCI bank marketing (45,211 rows,
 * 16 features) with the built-in boosted trees; in the same run, the same LOFO with scikit-learn
 * (bench/lofo_sklearn.py, Debian's Python, joblib on 2 processes) on the same folds with the same
 * settings. Prints wall time, peak memory, the ratio and how close the full models' AUCs are.
 *
 * @example
 * // node dist/bench/lofo.bench.js                   (N = 1,000,000)
 * // node dist/bench/lofo.bench.js --rows 100000 --only logistic
 */

const FEATURES = 30;
const FOLDS = 4;
const SEED = 42;
const WORKERS = 2;
const LOGISTIC = { C: 1, tolerance: 1e-6 };
const GBDT = { maxIter: 100, learningRate: 0.1, maxLeafNodes: 31, minSamplesLeaf: 20, l2Regularization: 0, maxBins: 255 };

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const runner = path.join(here, 'run-check.js');
const python = '/usr/bin/python3';
const sklearnScript = path.join(repoRoot, 'bench', 'lofo_sklearn.py');
const bankCsv = path.join(repoRoot, 'node_modules', '@1771technologies', 'grid-sample-data', 'src', 'datasets', 'bank-full.csv');
const BANK_CATEGORICAL = ['job', 'marital', 'education', 'default', 'housing', 'loan', 'contact', 'month', 'poutcome'];

function log(text: string): void {
  process.stdout.write(`${text}\n`);
}

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

/** Deterministic data: uniform or roughly normal columns from hashes; the click logit uses 12 of them. */
function generateSql(rows: number): string {
  const unit = (k: number): string => `((hash(i * 131 + ${k}) % 1000003)::DOUBLE / 1000003.0)`;
  const columns: string[] = [];
  const logit: string[] = [];
  for (let k = 0; k < FEATURES; k += 1) {
    columns.push(k % 2 === 0 ? `${unit(k)} AS x${k}` : `(${unit(k)} + ${unit(k + 100)} + ${unit(k + 200)} - 1.5) AS x${k}`);
    if (k < 12) logit.push(`${((k % 4) + 1) * (k % 3 === 0 ? -0.4 : 0.5)} * x${k}`);
  }
  return `SELECT ${columns.join(', ')}, CASE WHEN ${unit(999)} < 1 / (1 + exp(-(${logit.join(' + ')} - 0.3))) THEN 1 ELSE 0 END AS y FROM (SELECT i FROM range(${rows}) t(i))`;
}

async function writeGenerated(directory: string, rows: number): Promise<{ parquet: string; csv: string }> {
  const parquet = path.join(directory, 'synthetic.parquet');
  const csv = path.join(directory, 'synthetic.csv');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE t AS ${generateSql(rows)}`);
    await connection.run(`COPY t TO '${parquet}' (FORMAT parquet)`);
    await connection.run(`COPY t TO '${csv}' (FORMAT csv, HEADER)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { parquet, csv };
}

/** The folds paydown will use, written as little-endian int32 for the scikit-learn side. */
async function writeFolds(data: string, target: string, file: string, read: { delimiter?: string } = {}): Promise<void> {
  const loaded = await loadTrainingData(data, { target, features: [], read });
  const split = stratifiedFolds(loaded.target, loaded.task, FOLDS, SEED);
  await writeFile(file, Buffer.from(split.foldOf.buffer, split.foldOf.byteOffset, split.foldOf.byteLength));
}

interface SklearnReport {
  readonly readS: number;
  readonly fitS: number;
  readonly fits: number;
  readonly maxRssSelfKb: number;
  readonly maxRssChildKb: number;
  readonly full: number[];
  readonly drops: Record<string, number>;
}

function runSklearn(args: readonly string[]): Promise<{ wallMs: number; report: SklearnReport }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(python, [sklearnScript, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) reject(new Error(`scikit-learn run failed (${code}): ${stderr.slice(-2000)}`));
      else resolve({ wallMs, report: JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as SklearnReport });
    });
  });
}

function sklearnAvailable(): boolean {
  return existsSync(python) && spawnSync(python, ['-c', 'import sklearn, pandas, joblib'], { stdio: 'ignore' }).status === 0;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;

async function compare(
  name: string,
  paydownArgs: readonly string[],
  sklearnArgs: readonly string[] | undefined,
  dataBytes: number,
  outFile: string,
): Promise<void> {
  log(`\n## ${name}`);
  let result: LofoResult | undefined;
  let paydownMs = Number.NaN;
  try {
    const run = await runMeasured([runner, 'lofo', ...paydownArgs, '--format', 'json', '--output', outFile]);
    result = JSON.parse(await readFile(outFile, 'utf8')) as LofoResult;
    paydownMs = run.wallMs;
    log(`paydown lofo   wall ${seconds(run.wallMs)}  peak RSS ${run.maxRssMb.toFixed(0)} MB  (${result.results.length + 1} models × ${result.folds} folds; in-memory data ${(dataBytes / 2 ** 20).toFixed(0)} MB; RSS/data ${(run.maxRssMb / (dataBytes / 2 ** 20)).toFixed(2)})`);
    log(`               full-model AUC per fold ${result.full.folds.map((v) => v.toFixed(4)).join(' ')}`);
  } catch (error) {
    log(`paydown lofo   FAILED: ${(error as Error).message.split('\n').slice(0, 3).join(' | ')}`);
  }
  if (sklearnArgs === undefined) return;
  try {
    const { wallMs, report } = await runSklearn(sklearnArgs);
    log(`scikit-learn   wall ${seconds(wallMs)} (read ${report.readS.toFixed(1)} s, fits ${report.fitS.toFixed(1)} s)  peak RSS ${mb(report.maxRssSelfKb)} + largest worker ${mb(report.maxRssChildKb)}`);
    log(`               full-model AUC per fold ${report.full.map((v) => v.toFixed(4)).join(' ')}`);
    if (result !== undefined) {
      const gaps = result.full.folds.map((auc, f) => Math.abs(auc - report.full[f]));
      const dropGaps = result.results.map((r) => Math.abs(r.drop.mean - (report.drops[r.name] ?? Number.NaN)));
      log(`ratio          paydown / scikit-learn wall time = ${(paydownMs / wallMs).toFixed(2)} (target ≤ 1; timings noisy: the machine is shared)`);
      log(`agreement      max |ΔAUC| of the full model ${Math.max(...gaps).toExponential(2)}; max |Δ mean drop| ${Math.max(...dropGaps).toExponential(2)}`);
    }
  } catch (error) {
    log(`scikit-learn   FAILED: ${(error as Error).message.split('\n').slice(0, 3).join(' | ')}`);
  }
}

const rows = Number(argValue('--rows') ?? 1_000_000);
const only = argValue('--only');
const directory = await mkdtemp(path.join(tmpdir(), 'paydown-lofo-bench-'));
const withSklearn = sklearnAvailable() && !process.argv.includes('--skip-sklearn');
log(`# paydown lofo benchmark: ${FOLDS} folds, seed ${SEED}, ${WORKERS} workers / ${WORKERS} joblib processes${withSklearn ? '' : ' (scikit-learn skipped)'}`);
try {
  if (only === undefined || only === 'logistic') {
    const files = await writeGenerated(directory, rows);
    const folds = path.join(directory, 'synthetic.folds');
    await writeFolds(files.parquet, 'y', folds);
    log(`generated ${rows.toLocaleString('en-US')} rows × ${FEATURES} features: Parquet ${((await stat(files.parquet)).size / 2 ** 20).toFixed(0)} MB`);
    await compare(
      `logistic regression, ${rows.toLocaleString('en-US')} × ${FEATURES} (C=${LOGISTIC.C}, L-BFGS, gradient tolerance ${LOGISTIC.tolerance}, standardised)`,
      [files.parquet, '--target', 'y', '--folds', String(FOLDS), '--seed', String(SEED), '--workers', String(WORKERS), '--learner', 'logistic', ...Object.entries(LOGISTIC).flatMap(([k, v]) => ['--learner-option', `${k}=${v}`])],
      withSklearn ? ['--data', files.csv, '--folds', folds, '--k', String(FOLDS), '--target', 'y', '--learner', 'logistic', '--jobs', String(WORKERS), '--C', String(LOGISTIC.C), '--tol', String(LOGISTIC.tolerance)] : undefined,
      rows * (FEATURES + 1) * 8,
      path.join(directory, 'out-logistic.json'),
    );
  }
  if (only === undefined || only === 'gbdt') {
    const folds = path.join(directory, 'bank.folds');
    await writeFolds(bankCsv, 'y', folds, { delimiter: ';' });
    await compare(
      `boosted trees, bank-full 45,211 × 16 (${Object.entries(GBDT).map(([k, v]) => `${k}=${v}`).join(', ')}; no early stopping)`,
      [bankCsv, '--delimiter', ';', '--target', 'y', '--folds', String(FOLDS), '--seed', String(SEED), '--workers', String(WORKERS), '--learner', 'gbdt', ...Object.entries(GBDT).flatMap(([k, v]) => ['--learner-option', `${k}=${v}`])],
      withSklearn
        ? ['--data', bankCsv, '--sep', ';', '--folds', folds, '--k', String(FOLDS), '--target', 'y', '--positive', 'yes', '--learner', 'gbdt', '--jobs', String(WORKERS), '--categorical', BANK_CATEGORICAL.join(','), '--max-iter', String(GBDT.maxIter)]
        : undefined,
      45_211 * 17 * 8,
      path.join(directory, 'out-gbdt.json'),
    );
  }
} finally {
  await rm(directory, { recursive: true, force: true });
}
