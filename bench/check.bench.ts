import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGraph } from '../src/graph/build-graph.js';
import { emptyEvidence } from '../src/evidence/load-evidence.js';
import { loadSystem } from '../src/manifest/load-system.js';
import { generateSystem, type GeneratedSystem } from './generate-system.js';

/** Targets for the 100,000-feature system on a 2-core machine. */
const TARGET_MS = 3000;
const TARGET_RSS_MB = 1024;
const SIZES = [10_000, 100_000] as const;
const RUNS = Number(process.env.PAYDOWN_BENCH_RUNS ?? 5);

const runner = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run-check.js');

interface Run {
  readonly wallMs: number;
  readonly inProcessMs: number;
  readonly maxRssMb: number;
  readonly exitCode: number;
}

interface SizeResult {
  readonly features: number;
  readonly shape: GeneratedSystem;
  readonly nodes: number;
  readonly edges: number;
  readonly findings: number;
  readonly suppressed: number;
  readonly runs: readonly Run[];
  readonly medianMs: number;
  readonly medianInProcessMs: number;
  readonly peakRssMb: number;
}

/** Progress on one rewritten line on a terminal; otherwise only the lines marked final. */
function progress(text: string, final: boolean): void {
  if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K  ${text}${final ? '\n' : ''}`);
  else if (final) process.stdout.write(`  ${text}\n`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function runOnce(directory: string, output: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [runner, 'check', directory, '--format', 'json', '--output', output], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', () => {
      const wallMs = performance.now() - started;
      const line = stderr.split('\n').find((entry) => entry.startsWith('PAYDOWN_BENCH '));
      if (line === undefined) {
        reject(new Error(`the check did not finish:\n${stderr}`));
        return;
      }
      const report = JSON.parse(line.slice('PAYDOWN_BENCH '.length)) as { exitCode: number; maxRssKb: number; inProcessMs: number };
      if (report.exitCode === 2) {
        reject(new Error(`the check failed (exit 2):\n${stderr}`));
        return;
      }
      resolve({ wallMs, inProcessMs: report.inProcessMs, maxRssMb: report.maxRssKb / 1024, exitCode: report.exitCode });
    });
  });
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
  const runs: Run[] = [];
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
    medianInProcessMs: median(runs.map((run) => run.inProcessMs)),
    peakRssMb: Math.max(...runs.map((run) => run.maxRssMb)),
  };
}

function row(result: SizeResult): string {
  const times = result.runs.map((run) => Math.round(run.wallMs)).join(' ');
  return [
    `  ${String(result.features).padStart(7)} features: ${result.shape.files} files, ${result.nodes} nodes, ${result.edges} edges`,
    `      wall median ${Math.round(result.medianMs)} ms (runs: ${times}), in-process median ${Math.round(result.medianInProcessMs)} ms`,
    `      peak RSS ${Math.round(result.peakRssMb)} MB, ${result.findings} findings (+${result.suppressed} suppressed), exit ${result.runs[0]?.exitCode ?? '?'}`,
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
