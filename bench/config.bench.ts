import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '../src/check/check.js';
import { diffConfigs } from '../src/config/diff-configs.js';
import { resolveConfigs } from '../src/config/resolve-config.js';
import { emptyEvidence } from '../src/evidence/load-evidence.js';
import { buildGraph } from '../src/graph/build-graph.js';
import { loadSystem } from '../src/manifest/load-system.js';
import { allRules } from '../src/rules/index.js';
import { configId, generateConfigs, type GeneratedConfigs } from './generate-configs.js';
import { generateSystem } from './generate-system.js';
import { median, runMeasured, type ChildReport, type MeasuredRun } from './measure-child.js';

/** Targets for 1,000 configs on the 100,000-feature system on a 2-core machine. */
const TARGET_CHECK_MS = 5000;
const TARGET_DIFF_MS = 100;
const SIZES = [10_000, 100_000] as const;
const RUNS = Number(process.env.PAYDOWN_BENCH_RUNS ?? 3);
const CONFIG_RULE_PREFIX = 'config-';

const here = path.dirname(fileURLToPath(import.meta.url));
const runner = path.join(here, 'run-check.js');
const bin = path.join(here, '..', '..', 'bin', 'paydown.js');


async function runMany(args: readonly string[], label: string): Promise<MeasuredRun[]> {
  const runs: MeasuredRun[] = [];
  for (let index = 0; index < RUNS; index++) {
    process.stdout.write(`  ${label}: run ${index + 1}/${RUNS}\n`);
    runs.push(await runMeasured(args));
  }
  return runs;
}

/** Whether `paydown config check` and `paydown config diff` exist in this build. */
function hasConfigCommand(): boolean {
  const probe = (args: readonly string[]): boolean => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' }).status === 0;
  return probe(['config', 'check', '--help']) && probe(['config', 'diff', '--help']);
}

// ---- child mode: in-process timings, run as `node dist/bench/config.bench.js --child <mode> ...` ----

function report(result: Omit<ChildReport, 'maxRssKb'>): void {
  process.stderr.write(`PAYDOWN_BENCH ${JSON.stringify({ ...result, maxRssKb: process.resourceUsage().maxRSS })}\n`);
}

async function timed<T>(phases: Record<string, number>, name: string, action: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await action();
  phases[name] = performance.now() - started;
  return value;
}

/** Loads the system, resolves every config and runs only the config-* rules through the library (the others turned off, as `paydown config check` does). */
async function childCheck(directory: string): Promise<void> {
  const phases: Record<string, number> = {};
  const started = performance.now();
  const system = await timed(phases, 'load', () => loadSystem(directory));
  await timed(phases, 'resolve', () => resolveConfigs({ ...system, configs: [...system.configs] }));
  const off: Record<string, 'off'> = {};
  for (const rule of allRules) if (!rule.meta.id.startsWith(CONFIG_RULE_PREFIX)) off[rule.meta.id] = 'off';
  const result = await timed(phases, 'rules', () => check(system, { config: { ...system.config, preset: 'strict', rules: off } }));
  phases.rulesRun = result.summary.rulesRun;
  phases.findings = result.findings.length;
  report({ exitCode: result.exitCode, inProcessMs: performance.now() - started, phases });
}

/** Loads the system, then times the diff of two configs in process. */
async function childDiff(directory: string, from: string, to: string): Promise<void> {
  const phases: Record<string, number> = {};
  const system = await timed(phases, 'load', () => loadSystem(directory));
  await timed(phases, 'resolve', () => resolveConfigs(system));
  const graph = await timed(phases, 'graph', () => buildGraph(system, emptyEvidence));
  await timed(phases, 'diffFirst', () => diffConfigs(system, from, to, { graph }));
  const repeats: number[] = [];
  for (let index = 0; index < 5; index++) {
    const started = performance.now();
    diffConfigs(system, from, to, { graph });
    repeats.push(performance.now() - started);
  }
  phases.diffMedian = median(repeats);
  const diff = diffConfigs(system, from, to, { graph });
  phases.featureChanges = diff.features.length;
  phases.settingChanges = diff.settings.length;
  report({ exitCode: 0, phases });
}

// ---- parent mode ----

interface SizeResult {
  readonly features: number;
  readonly configs: GeneratedConfigs;
  readonly viaCommand: boolean;
  readonly check: readonly MeasuredRun[];
  readonly checkPhases: readonly MeasuredRun[];
  readonly diffCommand: readonly MeasuredRun[];
  readonly diffInProcess: readonly MeasuredRun[];
}

async function measure(root: string, features: number, viaCommand: boolean): Promise<SizeResult> {
  const directory = path.join(root, `system-${features}`);
  const started = performance.now();
  await generateSystem(directory, features);
  const configs = await generateConfigs(directory, features);
  process.stdout.write(`  ${features} features: generated system and ${configs.configs} configs in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const self = fileURLToPath(import.meta.url);
  const from = configId(0, configs.depth - 1);
  const to = configId(Math.floor(configs.roots / 2), configs.depth - 1);
  const output = path.join(root, `out-${features}.json`);
  const check = viaCommand
    ? await runMany([runner, 'config', 'check', directory, '--format', 'json', '--output', output], 'paydown config check')
    : await runMany([self, '--child', 'check', directory], 'library check (config-* rules)');
  const checkPhases = viaCommand ? await runMany([self, '--child', 'check', directory], 'library check, phases') : check;
  const diffCommand = viaCommand ? await runMany([runner, 'config', 'diff', from, to, '--system', directory, '--format', 'json', '--output', output], `paydown config diff ${from} ${to}`) : [];
  const diffInProcess = await runMany([self, '--child', 'diff', directory, from, to], 'in-process diff');
  return { features, configs, viaCommand, check, checkPhases, diffCommand, diffInProcess };
}

function ms(value: number | undefined): string {
  return value === undefined ? '?' : `${Math.round(value)} ms`;
}

function phaseMedian(runs: readonly MeasuredRun[], name: string): number | undefined {
  const values = runs.map((run) => run.report.phases?.[name]).filter((value): value is number => value !== undefined);
  return values.length === 0 ? undefined : median(values);
}

function lines(result: SizeResult): string[] {
  const wall = (runs: readonly MeasuredRun[]): string => `${ms(median(runs.map((run) => run.wallMs)))} (runs: ${runs.map((run) => Math.round(run.wallMs)).join(' ')})`;
  const rss = (runs: readonly MeasuredRun[]): string => `${Math.round(Math.max(...runs.map((run) => run.maxRssMb)))} MB`;
  const { configs } = result;
  const out = [
    `  ${String(result.features).padStart(7)} features, ${configs.configs} configs (${configs.roots} chains of ${configs.depth}, ~${Math.round(configs.meanLeafFeatures)} features per leaf)`,
    `      ${result.viaCommand ? 'paydown config check' : 'library check, config-* rules (fallback)'}: wall median ${wall(result.check)}, peak RSS ${rss(result.check)}`,
    `      library phases (median): load ${ms(phaseMedian(result.checkPhases, 'load'))}, resolve all configs again (uncached) ${ms(phaseMedian(result.checkPhases, 'resolve'))}, rules ${ms(phaseMedian(result.checkPhases, 'rules'))} (${phaseMedian(result.checkPhases, 'rulesRun') ?? '?'} config rules, ${phaseMedian(result.checkPhases, 'findings') ?? '?'} findings)`,
  ];
  if (result.diffCommand.length > 0) out.push(`      paydown config diff: wall median ${wall(result.diffCommand)}, peak RSS ${rss(result.diffCommand)}`);
  const diff = result.diffInProcess;
  out.push(
    `      in-process diff: first ${ms(phaseMedian(diff, 'diffFirst'))}, repeated ${ms(phaseMedian(diff, 'diffMedian'))} (after load ${ms(phaseMedian(diff, 'load'))}, graph ${ms(phaseMedian(diff, 'graph'))}; ${phaseMedian(diff, 'featureChanges') ?? '?'} feature and ${phaseMedian(diff, 'settingChanges') ?? '?'} setting changes)`,
  );
  return out;
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'paydown-config-bench-'));
  try {
    const viaCommand = hasConfigCommand();
    process.stdout.write(`paydown config benchmark: node ${process.version}, ${RUNS} runs each, work dir ${root}\n`);
    if (!viaCommand) process.stdout.write('  `paydown config` is not in this build: timing resolveConfigs + the config-* rules through the library instead (no command figures)\n');
    const results: SizeResult[] = [];
    for (const features of SIZES) results.push(await measure(root, features, viaCommand));
    process.stdout.write('\nresults\n');
    for (const result of results) process.stdout.write(`${lines(result).join('\n')}\n`);
    const large = results[results.length - 1];
    const checkMs = median(large.check.map((run) => run.wallMs));
    const diffMs = phaseMedian(large.diffInProcess, 'diffFirst') ?? Number.POSITIVE_INFINITY;
    const checkOk = checkMs < TARGET_CHECK_MS;
    const diffOk = diffMs < TARGET_DIFF_MS;
    const what = large.viaCommand ? 'paydown config check' : 'library config check (fallback)';
    process.stdout.write(`\n  ${checkOk ? 'PASS' : 'FAIL'} check: 100k ${what} ${Math.round(checkMs)} ms wall (target < ${TARGET_CHECK_MS} ms)\n`);
    process.stdout.write(`  ${diffOk ? 'PASS' : 'FAIL'} diff: 100k diff of two depth-${large.configs.depth} configs ${diffMs.toFixed(1)} ms in process, graph given (target < ${TARGET_DIFF_MS} ms)\n`);
    if (!checkOk || !diffOk) process.exitCode = 1;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const [flag, mode, directory, from, to] = process.argv.slice(2);
if (flag === '--child' && mode === 'check' && directory !== undefined) await childCheck(directory);
else if (flag === '--child' && mode === 'diff' && directory !== undefined && from !== undefined && to !== undefined) await childDiff(directory, from, to);
else await main();
