import path from 'node:path';
import { Option, type Command } from 'commander';
import { check, type CheckResult } from '../../check/check.js';
import type { RuleSettingValue } from '../../check/project-config.js';
import { changedConfigs, DEFAULT_SINCE } from '../../config/changed-configs.js';
import { diffConfigs, formatDiffJson, formatDiffMarkdown, formatDiffText } from '../../config/diff-configs.js';
import { explainConfig, formatExplanationJson, formatExplanationText, requireConfig } from '../../config/explain-config.js';
import { renderDiffHtml } from '../../config/render-diff-html.js';
import { loadEvidence } from '../../evidence/load-evidence.js';
import { loadSystem, type LoadedSystem } from '../../manifest/load-system.js';
import { allRules } from '../../rules/index.js';
import { emit, wantsColor } from '../io.js';
import type { ExitCode } from '../main.js';
import { renderCheck } from '../../format/render-check.js';

/** The prefix of the ids of the rules `paydown config check` runs. */
export const CONFIG_RULE_PREFIX = 'config-';

interface ConfigCheckFlags {
  config: string[];
  since?: string | true;
  format: 'text' | 'json' | 'sarif' | 'markdown';
  output?: string;
  today?: string;
}

interface ExplainFlags {
  system: string;
  format: 'text' | 'json';
}

interface DiffFlags {
  system: string;
  format: 'text' | 'markdown' | 'json' | 'html';
  evidence: string[];
  output?: string;
}

export function registerConfig(program: Command, done: (code: ExitCode) => void): void {
  const config = program
    .command('config')
    .description('check, explain and compare model configs (kind: config)')
    .addHelpText(
      'after',
      `
Examples:
  $ paydown config check systems/ads --since origin/main...HEAD
  $ paydown config explain ctr-v8 --system systems/ads
  $ paydown config diff ctr-v7 ctr-v8 -s systems/ads --format markdown`,
    );
  config
    .command('check')
    .description('run the config-* rules on the named configs, or on the configs changed since a git revision (and every config extending them)')
    .argument('[system-dir]', 'folder holding the YAML manifests', '.')
    .option('-c, --config <id>', 'check this config; repeatable', collect, [])
    .option('--since [rev]', `check the configs whose manifest files changed since this git revision or A...B range (default ${DEFAULT_SINCE}), plus untracked files, and every config extending them`)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif', 'markdown']).default('text'))
    .option('--today <date>', 'the date rules compare against (YYYY-MM-DD)')
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addHelpText(
      'after',
      `
Without --config or --since every config is checked. The configs checked are listed on standard error.

Exit codes: 0 no error-level findings, 1 error-level findings, 2 usage or fatal error (such as an unknown config).

Examples:
  $ paydown config check systems/ads
  $ paydown config check systems/ads --config ctr-v8 --config ctr-v9
  $ paydown config check systems/ads --since
  $ paydown config check systems/ads --since HEAD~1 --format sarif --output configs.sarif`,
    )
    .action(async (systemDir: string, flags: ConfigCheckFlags) => {
      done(await runConfigCheck(systemDir, flags));
    });
  config
    .command('explain')
    .description('show the fully resolved config: every setting, feature and data set with the config and file:line:column that set it, and what it overrode')
    .argument('<id>', 'the config to explain')
    .option('-s, --system <dir>', 'folder holding the YAML manifests', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Exit codes: 0 explained, 2 usage or fatal error (such as an unknown config).

Examples:
  $ paydown config explain ctr-v8 --system systems/ads
  $ paydown config explain ctr-v8 -s systems/ads --format json`,
    )
    .action(async (id: string, flags: ExplainFlags) => {
      done(await runExplain(id, flags));
    });
  config
    .command('diff')
    .description('compare two resolved configs: features, training data, settings, and the sources and owners newly depended on')
    .argument('<a>', 'the config to compare from')
    .argument('<b>', 'the config to compare to')
    .option('-s, --system <dir>', 'folder holding the YAML manifests', '.')
    .option('-e, --evidence <file>', 'OpenLineage events (.jsonl) to include in the dependency closure; repeatable', collect, [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json', 'html']).default('text'))
    .option('-o, --output <file>', 'write the diff to a file instead of standard output')
    .addHelpText(
      'after',
      `
Formats: text (terminal), markdown (a pull-request comment), json, html (a self-contained side-by-side page).

Exit codes: 0 compared (whether or not they differ), 2 usage or fatal error (such as an unknown config).

Examples:
  $ paydown config diff ctr-v7 ctr-v8 --system systems/ads
  $ paydown config diff ctr-v7 ctr-v8 -s systems/ads --format markdown --output diff.md
  $ paydown config diff ctr-v7 ctr-v8 -s systems/ads --format html --output diff.html`,
    )
    .action(async (a: string, b: string, flags: DiffFlags) => {
      done(await runDiff(a, b, flags));
    });
}

async function runConfigCheck(systemDir: string, flags: ConfigCheckFlags): Promise<ExitCode> {
  const system = await loadSystem(systemDir);
  const selected = await selectConfigs(system, flags);
  const off: Record<string, RuleSettingValue> = {};
  for (const rule of allRules) if (!rule.meta.id.startsWith(CONFIG_RULE_PREFIX)) off[rule.meta.id] = 'off';
  const configured = Object.fromEntries(Object.entries(system.config.rules ?? {}).filter(([id]) => id.startsWith(CONFIG_RULE_PREFIX)));
  const full = check(system, {
    ...(flags.today === undefined ? {} : { today: flags.today }),
    config: { ...system.config, preset: 'strict', rules: { ...off, ...configured } },
  });
  const result = restrict(full, new Set(selected));
  await emit(renderCheck(result, flags.format, { color: flags.output === undefined && wantsColor() }), flags.output);
  return result.exitCode;
}

async function selectConfigs(system: LoadedSystem, flags: ConfigCheckFlags): Promise<string[]> {
  for (const id of flags.config) requireConfig(system, id);
  const named = [...new Set(flags.config)];
  if (flags.since === undefined) {
    const chosen = named.length > 0 ? named : system.configs.map((config) => config.id);
    process.stderr.write(`checking ${plural(chosen.length, 'config')}: ${chosen.join(', ')}\n`);
    return chosen;
  }
  const since = flags.since === true ? DEFAULT_SINCE : flags.since;
  const changed = await changedConfigs(system, since);
  const chosen = [...new Set([...named, ...changed.configs])];
  const files = changed.files.map((file) => path.relative(process.cwd(), file) || file);
  process.stderr.write(
    chosen.length === 0
      ? `no configs changed since ${since}\n`
      : `checking ${plural(chosen.length, 'config')} changed since ${since}${files.length > 0 ? ` (in ${files.join(', ')})` : ''}: ${chosen.join(', ')}\n`,
  );
  return chosen;
}

function restrict(result: CheckResult, configs: ReadonlySet<string>): CheckResult {
  const keep = <T extends { readonly nodeId: string }>(list: readonly T[]): T[] => list.filter((finding) => configs.has(finding.nodeId));
  const findings = keep(result.findings);
  const suppressed = keep(result.suppressed);
  const baselined = keep(result.baselined);
  const count = (severity: 'error' | 'warn' | 'info'): number => findings.filter((finding) => finding.severity === severity).length;
  const summary = { errors: count('error'), warnings: count('warn'), infos: count('info'), suppressed: suppressed.length, baselined: baselined.length, rulesRun: result.summary.rulesRun };
  return { ...result, findings, suppressed, baselined, summary, exitCode: summary.errors > 0 ? 1 : 0 };
}

async function runExplain(id: string, flags: ExplainFlags): Promise<ExitCode> {
  const system = await loadSystem(flags.system);
  const explanation = explainConfig(system, id);
  const text = flags.format === 'json' ? formatExplanationJson(explanation) : formatExplanationText(explanation, { color: wantsColor() });
  await emit(text, undefined);
  return 0;
}

async function runDiff(a: string, b: string, flags: DiffFlags): Promise<ExitCode> {
  const system = await loadSystem(flags.system);
  const configured = (system.config.evidence ?? []).map((file) => path.join(flags.system, file));
  const evidence = await loadEvidence([...configured, ...flags.evidence]);
  const diff = diffConfigs(system, a, b, { evidence });
  const render = {
    text: () => formatDiffText(diff, { color: flags.output === undefined && wantsColor() }),
    markdown: () => formatDiffMarkdown(diff),
    json: () => formatDiffJson(diff),
    html: () => renderDiffHtml(diff),
  }[flags.format];
  await emit(render(), flags.output);
  return 0;
}

function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
