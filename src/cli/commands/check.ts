import path from 'node:path';
import { Option, type Command } from 'commander';
import { baselineOf, readBaseline, writeBaseline } from '../../check/baseline.js';
import { check } from '../../check/check.js';
import { PaydownError } from '../../errors.js';
import { loadEvidence } from '../../evidence/load-evidence.js';
import { loadSystem } from '../../manifest/load-system.js';
import { emit, wantsColor } from '../io.js';
import type { ExitCode } from '../main.js';
import { renderCheck } from '../../format/render-check.js';

interface CheckFlags {
  format: 'text' | 'json' | 'sarif' | 'markdown';
  evidence: string[];
  baseline?: string;
  updateBaseline?: boolean;
  output?: string;
  preset?: 'recommended' | 'strict';
  today?: string;
  cache: boolean;
}

export function registerCheck(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('check')
    .description('statically analyse the data dependencies of a declared ML system')
    .argument('[system-dir]', 'folder holding the YAML manifests', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif', 'markdown']).default('text'))
    .option('-e, --evidence <file>', 'evidence file: OpenLineage events (.jsonl), importance or data evidence (.json); repeatable', collect, [])
    .option('-b, --baseline <file>', 'report only findings not recorded in this baseline file')
    .option('--update-baseline', 'record the current findings in the --baseline file and exit 0')
    .addOption(new Option('--preset <name>', 'rule preset, overriding the project config').choices(['recommended', 'strict']))
    .option('--today <date>', 'the date rules compare against (YYYY-MM-DD)')
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--no-cache', 'do not reuse or write the parse cache (<system-dir>/.paydown/cache)')
    .addHelpText(
      'after',
      `
Exit codes: 0 no error-level findings, 1 error-level findings, 2 usage or fatal error.

Examples:
  $ paydown check examples/ad-click
  $ paydown check systems/ads --evidence lineage.jsonl --evidence lofo/ctr.json
  $ paydown check systems/ads --format sarif --output paydown.sarif
  $ paydown check systems/ads --baseline .paydown-baseline.json --update-baseline`,
    )
    .action(async (systemDir: string, flags: CheckFlags) => {
      done(await runCheck(systemDir, flags));
    });
}

async function runCheck(systemDir: string, flags: CheckFlags): Promise<ExitCode> {
  const system = await loadSystem(systemDir, { cache: flags.cache });
  const configured = (system.config.evidence ?? []).map((file) => path.join(systemDir, file));
  const evidence = await loadEvidence([...configured, ...flags.evidence]);
  const baselineFile = flags.baseline ?? (system.config.baseline === undefined ? undefined : path.join(systemDir, system.config.baseline));
  const baseline = baselineFile !== undefined && !flags.updateBaseline ? await readBaseline(baselineFile) : undefined;
  const result = check(system, {
    evidence,
    ...(baseline ? { baseline } : {}),
    ...(flags.today === undefined ? {} : { today: flags.today }),
    config: { ...system.config, ...(flags.preset === undefined ? {} : { preset: flags.preset }) },
  });
  if (flags.updateBaseline) {
    if (baselineFile === undefined) throw new PaydownError('PAYDOWN_USAGE', '--update-baseline needs --baseline FILE (or `baseline:` in paydown.config.yaml)');
    await writeBaseline(baselineFile, baselineOf(result.findings));
    process.stderr.write(`recorded ${result.findings.length} finding(s) in ${baselineFile}\n`);
    return 0;
  }
  await emit(renderCheck(result, flags.format, { color: flags.output === undefined && wantsColor() }), flags.output);
  return result.exitCode;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
