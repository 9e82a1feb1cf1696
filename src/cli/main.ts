import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { PaydownError, formatLocation } from '../errors.js';

/** 0 clean, 1 findings at error level, 2 usage or fatal error. */
export type ExitCode = 0 | 1 | 2;

/** How a command adds itself to the program. */
type Register = (program: Command, done: (exit: ExitCode) => void) => void;

/**
 * Every command, by name, and how to load the module that registers it. Only the module of the
 * command being run is loaded, so `paydown check` does not pay for DuckDB, the HTTP server or the
 * learners; `--help` and unknown commands load them all.
 */
const commandLoaders: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['init', async () => (await import('./commands/init.js')).registerInit],
  ['check', async () => (await import('./commands/check.js')).registerCheck],
  ['config', async () => (await import('./commands/config.js')).registerConfig],
  ['query', async () => (await import('./commands/query.js')).registerQuery],
  ['graph', async () => (await import('./commands/graph.js')).registerGraph],
  ['rules', async () => (await import('./commands/rules.js')).registerRules],
  ['schema', async () => (await import('./commands/schema.js')).registerSchema],
  ['drift', async () => (await import('./commands/drift.js')).registerDrift],
  ['validate', async () => (await import('./commands/validate.js')).registerValidate],
  ['profile', async () => (await import('./commands/profile.js')).registerProfile],
  ['skew', async () => (await import('./commands/skew.js')).registerSkew],
  ['data-evidence', async () => (await import('./commands/data-evidence.js')).registerDataEvidence],
  ['serve', async () => (await import('./commands/serve.js')).registerServe],
  ['token', async () => (await import('./commands/token.js')).registerToken],
  ['outcomes', async () => (await import('./commands/outcomes.js')).registerOutcomes],
  ['threshold', async () => (await import('./commands/threshold.js')).registerThreshold],
  ['slices', async () => (await import('./commands/slices.js')).registerSlices],
  ['compare', async () => (await import('./commands/compare.js')).registerCompare],
  ['lofo', async () => (await import('./commands/lofo.js')).registerLofo],
];

const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Runs the paydown CLI with the given arguments and returns its exit code; never throws and
 * never prints a stack trace (set PAYDOWN_DEBUG=1 to see one).
 *
 * @example
 * process.exitCode = await execute(['check', 'examples/ad-click', '--format', 'json']);
 */
export async function execute(argv: readonly string[]): Promise<ExitCode> {
  let code: ExitCode = 0;
  const program = new Command('paydown')
    .description('Find, measure and pay down the hidden technical debt of machine-learning systems.')
    .version(version)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .addHelpText(
      'after',
      `
Exit codes: 0 clean, 1 findings at error level, 2 usage or fatal error.

Examples:
  $ paydown init my-system
  $ paydown check examples/ad-click
  $ paydown check my-system --format sarif --output paydown.sarif
  $ paydown query impact product_id_old --system examples/ad-click
  $ paydown graph examples/ad-click --format html --output graph.html`,
    );
  const done = (exit: ExitCode): void => {
    code = exit;
  };
  try {
    for (const register of await commandsFor(argv)) register(program, done);
    program.commands.forEach((command) => command.exitOverride());
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return report(error);
  }
}

/** The registering functions of the command named in argv, or of every command when none is known. */
async function commandsFor(argv: readonly string[]): Promise<Register[]> {
  const name = argv.find((argument) => !argument.startsWith('-'));
  const named = commandLoaders.find(([command]) => command === name);
  const wanted = named === undefined ? commandLoaders : [named];
  return Promise.all(wanted.map(([, load]) => load()));
}

function report(error: unknown): ExitCode {
  if (error instanceof CommanderError) {
    const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
    return quiet ? 0 : 2;
  }
  if (error instanceof PaydownError) {
    process.stderr.write(`paydown: ${error.message}\n`);
    for (const problem of error.problems) {
      const where = problem.location ? `${formatLocation(problem.location)}: ` : '';
      process.stderr.write(`  ${where}${problem.message}\n`);
    }
    if (process.env.PAYDOWN_DEBUG) process.stderr.write(`${error.stack ?? ''}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`paydown: internal error: ${message}\n  please report it; run with PAYDOWN_DEBUG=1 for details\n`);
  if (process.env.PAYDOWN_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
  return 2;
}
