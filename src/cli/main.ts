import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { PaydownError, formatLocation } from '../errors.js';
import { registerCheck } from './commands/check.js';
import { registerConfig } from './commands/config.js';
import { registerGraph } from './commands/graph.js';
import { registerDrift } from './commands/drift.js';
import { registerInit } from './commands/init.js';
import { registerProfile } from './commands/profile.js';
import { registerQuery } from './commands/query.js';
import { registerRules } from './commands/rules.js';
import { registerSchema } from './commands/schema.js';
import { registerValidate } from './commands/validate.js';
import { registerSkew } from './commands/skew.js';
import { registerDataEvidence } from './commands/data-evidence.js';

/** 0 clean, 1 findings at error level, 2 usage or fatal error. */
export type ExitCode = 0 | 1 | 2;

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
  registerInit(program, done);
  registerCheck(program, done);
  registerConfig(program, done);
  registerQuery(program, done);
  registerGraph(program, done);
  registerRules(program, done);
  registerSchema(program, done);
  registerDrift(program, done);
  registerValidate(program, done);
  registerProfile(program, done);
  registerSkew(program, done);
  registerDataEvidence(program, done);
  program.commands.forEach((command) => command.exitOverride());
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return report(error);
  }
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
