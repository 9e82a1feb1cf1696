import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

interface SizeResult {
  readonly features: number;
  readonly shape: GeneratedSystem;
  readonly nodes: number;
  readonly edges: number;
  readonly findings: number;
  readonly suppressed: number;
  readonly runs: readonly MeasuredRun[];
  readonly medianMs: number;
  readonly medianInProcessMs: number;
  readonly peakRssMb: number;
}

/** Progress on one rewritten line on a terminal; otherwise only the lines marked final. */
function progress(text: string, final: boolean): void {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K  ${text}${final ? '\n' : ''}`);
  else if (final) process.stdout.write(`  ${text}\n`);
}


function runOnce(directory: string, output: string): Promise<MeasuredRun> {
  return runMeasured([runner, 'check', directory, '--format', 'json', '--output', output]);
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
  const runs: MeasuredRun[] = [];
  for (let index = 0; index < RUNS; index++) {
    progress(`checking: run ${index + 1}/${RUNS}`, true);
    runs.push(await runOnce(directory, output));
  }
  const report = JSON.parse(await readFile(output, 'utf8')) as { findings: unknown[]; suppressed: unknown[] };
  return {
    features,
    shape,
    nodes,
    edges,
    findings: report.findings.length,
    suppressed: report.suppressed.length,
    runs,
    medianMs: median(runs.map((run) => run.wallMs)),
    medianInProcessMs: median(runs.map((run) => run.report.inProcessMs ?? 0)),
    peakRssMb: Math.max(...runs.map((run) => run.maxRssMb)),
  };
}

function row(result: SizeResult): string {
  const times = result.runs.map((run) => Math.round(run.wallMs)).join(' ');
  return [
    `  ${String(result.features).padStart(7)} features: ${result.shape.files} files, ${result.nodes} nodes, ${result.edges} edges`,
    `      wall median ${Math.round(result.medianMs)} ms (runs: ${times}), in-process median ${Math.round(result.medianInProcessMs)} ms`,
    `      peak RSS ${Math.round(result.peakRssMb)} MB, ${result.findings} findings (+${result.suppressed} suppressed), exit ${result.runs[0]?.report.exitCode ?? '?'}`,
  ].join('\n');
}

const root = await mkdtemp(path.join(tmpdir(), 'paydown-bench-'));
try {
  process.stdout.write(`paydown check benchmark: node ${process.version}, ${RUNS} runs per size, work dir ${root}\n`);
  const results: SizeResult[] = [];
  for (const features of SIZES) results.push(await measure(root, features));
  process.stdout.write('\nresults\n');
  for (const result of results) process.stdout.write(`${row(result)}\n`);
  const [small, large] = results as [SizeResult, SizeResult];
  const ratio = large.medianMs / small.medianMs;
  process.stdout.write(`\n  ratio 100k/10k: wall ${ratio.toFixed(1)}x, in-process ${(large.medianInProcessMs / small.medianInProcessMs).toFixed(1)}x, edges ${(large.edges / small.edges).toFixed(1)}x (linear is ~10x)\n`);
  const timeOk = large.medianMs < TARGET_MS;
  const memoryOk = large.peakRssMb < TARGET_RSS_MB;
  process.stdout.write(`  ${timeOk ? 'PASS' : 'FAIL'} time: 100k check ${Math.round(large.medianMs)} ms (target < ${TARGET_MS} ms)\n`);
  process.stdout.write(`  ${memoryOk ? 'PASS' : 'FAIL'} memory: 100k peak RSS ${Math.round(large.peakRssMb)} MB (target < ${TARGET_RSS_MB} MB)\n`);
  if (!timeOk || !memoryOk) process.exitCode = 1;
} finally {
  await rm(root, { recursive: true, force: true });
}
