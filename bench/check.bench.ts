import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGraph } from '../src/graph/build-graph.js';
import { emptyEvidence } from '../src/evidence/load-evidence.js';
import { loadSystem } from '../src/manifest/load-system.js';
import { generateSystem, type GeneratedSystem } from './generate-system.js';
import { median, runMeasured, type MeasuredRun } from './measure-child.js';

/** Targets for the 100,000-feature system on a 2-core machine. */
const TARGET_MS = 3000;
const TARGET_RSS_MB = 1024;
const SIZES = [10_000, 100_000] as const;
const RUNS = Number(process.env.PAYDOWN_BENCH_RUNS ?? 5);

const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run-check.js');

/** Runs of one kind: cold (`--no-cache`, every file parsed) or warm (a repeated check, parse cache filled). */
interface RunSet {
  readonly runs: readonly MeasuredRun[];
  readonly medianMs: number;
  readonly medianInProcessMs: number;
  readonly peakRssMb: number;
}

interface SizeResult {
  readonly features: number;
  readonly shape: GeneratedSystem;
  readonly nodes: number;
  readonly edges: number;
  readonly findings: number;
  readonly suppressed: number;
  readonly cold: RunSet;
  /** The first run with the cache on, which parses every file and writes the cache. */
  readonly filling: MeasuredRun;
  readonly warm: RunSet;
}

/** Progress on one rewritten line on a terminal; otherwise only the lines marked final. */
function progress(text: string, final: boolean): void {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K  ${text}${final ? '\n' : ''}`);
  else if (final) process.stdout.write(`  ${text}\n`);
}


function runOnce(directory: string, output: string, cache: boolean): Promise<MeasuredRun> {
  return runMeasured([runner, 'check', directory, '--format', 'json', '--output', output, ...(cache ? [] : ['--no-cache'])]);
}

async function runSet(label: string, directory: string, output: string, cache: boolean): Promise<RunSet> {
  const runs: MeasuredRun[] = [];
  for (let index = 0; index < RUNS; index++) {
    progress(`checking ${label}: run ${index + 1}/${RUNS}`, true);
    runs.push(await runOnce(directory, output, cache));
  }
  return {
    runs,
    medianMs: median(runs.map((run) => run.wallMs)),
    medianInProcessMs: median(runs.map((run) => run.report.inProcessMs ?? 0)),
    peakRssMb: Math.max(...runs.map((run) => run.maxRssMb)),
  };
}

async function graphSize(directory: string): Promise<{ nodes: number; edges: number }> {
  const graph = buildGraph(await loadSystem(directory), emptyEvidence);
  return { nodes: graph.nodes.length, edges: graph.edges.length };
}

async function measure(root: string, features: number): Promise<SizeResult> {
  const directory = path.join(root, `system-${features}`);
  const output = path.join(root, `check-${features}.json`);
  const started = performance.now();
  const shape = await generateSystem(directory, features, { onProgress: (done, total) => progress(`generating ${features} features: file ${done}/${total}`, done === total) });
  process.stdout.write(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const { nodes, edges } = await graphSize(directory);
  const cold = await runSet('cold, --no-cache', directory, output, false);
  const coldReport = await readFile(output, 'utf8');
  progress('first run with the cache on: parses every file and fills the cache', true);
  const filling = await runOnce(directory, output, true);
  const warm = await runSet('repeated, cache filled', directory, output, true);
  const warmReport = await readFile(output, 'utf8');
  if (warmReport !== coldReport) throw new Error(`the report with the parse cache differs from the one without (${directory})`);
  const report = JSON.parse(warmReport) as { findings: unknown[]; suppressed: unknown[] };
  return { features, shape, nodes, edges, findings: report.findings.length, suppressed: report.suppressed.length, cold, filling, warm };
}

function runLine(label: string, set: RunSet): string {
  const times = set.runs.map((run) => Math.round(run.wallMs)).join(' ');
  return `      ${label}: wall median ${Math.round(set.medianMs)} ms (runs: ${times}), in-process median ${Math.round(set.medianInProcessMs)} ms, peak RSS ${Math.round(set.peakRssMb)} MB`;
}

function row(result: SizeResult): string {
  return [
    `  ${String(result.features).padStart(7)} features: ${result.shape.files} files, ${result.nodes} nodes, ${result.edges} edges`,
    runLine('cold (--no-cache)     ', result.cold),
    `      first run filling the cache: wall ${Math.round(result.filling.wallMs)} ms, in-process ${Math.round(result.filling.report.inProcessMs ?? 0)} ms, peak RSS ${Math.round(result.filling.maxRssMb)} MB`,
    runLine('repeated (cache warm) ', result.warm),
    `      ${result.findings} findings (+${result.suppressed} suppressed), exit ${result.warm.runs[0]?.report.exitCode ?? '?'}, same report cold and warm`,
  ].join('\n');
}

const root = await mkdtemp(path.join(tmpdir(), 'paydown-bench-'));
try {
  process.stdout.write(`paydown check benchmark: node ${process.version}, ${RUNS} cold and ${RUNS} repeated runs per size, load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}, work dir ${root}\n`);
  const results: SizeResult[] = [];
  for (const features of SIZES) results.push(await measure(root, features));
  process.stdout.write('\nresults\n');
  for (const result of results) process.stdout.write(`${row(result)}\n`);
  const [small, large] = results as [SizeResult, SizeResult];
  for (const [label, pick] of [['cold', (result: SizeResult) => result.cold], ['repeated', (result: SizeResult) => result.warm]] as const) {
    const ratio = pick(large).medianMs / pick(small).medianMs;
    const inProcess = pick(large).medianInProcessMs / pick(small).medianInProcessMs;
    process.stdout.write(`\n  ratio 100k/10k (${label}): wall ${ratio.toFixed(1)}x, in-process ${inProcess.toFixed(1)}x, edges ${(large.edges / small.edges).toFixed(1)}x (linear is ~10x)`);
  }
  process.stdout.write('\n');
  // The target is what a user sees on a repeated `paydown check` (cache warm); the cold figure is reported beside it.
  const timeOk = large.warm.medianMs < TARGET_MS;
  const coldOk = large.cold.medianMs < TARGET_MS;
  const peakRssMb = Math.max(large.cold.peakRssMb, large.filling.maxRssMb, large.warm.peakRssMb);
  const memoryOk = peakRssMb < TARGET_RSS_MB;
  process.stdout.write(`  ${timeOk ? 'PASS' : 'FAIL'} time: 100k repeated check ${Math.round(large.warm.medianMs)} ms (target < ${TARGET_MS} ms)\n`);
  process.stdout.write(`  ${coldOk ? 'pass' : 'over'} (for information) time: 100k cold check, --no-cache, ${Math.round(large.cold.medianMs)} ms\n`);
  process.stdout.write(`  ${memoryOk ? 'PASS' : 'FAIL'} memory: 100k peak RSS ${Math.round(peakRssMb)} MB (target < ${TARGET_RSS_MB} MB)\n`);
  process.stdout.write(`  load average at the end: ${loadavg().map((load) => load.toFixed(2)).join(' ')} (other work on the machine inflates every figure)\n`);
  if (!timeOk || !memoryOk) process.exitCode = 1;
} finally {
  await rm(root, { recursive: true, force: true });
}
