import type { Command } from 'commander';
import { PaydownError } from '../../errors.js';
import { DEFAULT_BOOTSTRAP, type BootstrapOptions } from '../metrics/bootstrap.js';

/** The bootstrap flags of the evaluation commands, unparsed. */
export interface BootstrapFlags {
  bootstrap?: string;
  seed?: string;
  level?: string;
}

/**
 * Adds `--bootstrap`, `--seed` and `--level` (the intervals' resampling) to an evaluation command.
 *
 * @example
 * addBootstrapOptions(program.command('slices').argument('<data>'));
 */
export function addBootstrapOptions(command: Command): Command {
  return command
    .option('--bootstrap <n>', `bootstrap resamples for intervals (default ${DEFAULT_BOOTSTRAP.resamples})`)
    .option('--seed <n>', `seed of the resampling; the same seed gives the same intervals (default ${DEFAULT_BOOTSTRAP.seed})`)
    .option('--level <share>', `coverage of the intervals (default ${DEFAULT_BOOTSTRAP.level})`);
}

/**
 * Parses `--bootstrap`, `--seed` and `--level`, with a PaydownError (exit 2) for bad values.
 *
 * @example
 * bootstrapOptionsOf({ bootstrap: '500', seed: '7' }); // { resamples: 500, seed: 7, level: 0.95 }
 */
export function bootstrapOptionsOf(flags: BootstrapFlags): Required<BootstrapOptions> {
  const whole = (value: string | undefined, flag: string, min: number, fallback: number): number => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isInteger(parsed) || parsed < min) throw new PaydownError('PAYDOWN_USAGE', `${flag} wants a whole number ≥ ${min}, not '${value}'`);
    return parsed;
  };
  const level = flags.level === undefined ? DEFAULT_BOOTSTRAP.level : Number(flags.level);
  if (!(level > 0 && level < 1)) throw new PaydownError('PAYDOWN_USAGE', `--level wants a number strictly between 0 and 1, not '${flags.level}'`);
  return {
    resamples: whole(flags.bootstrap, '--bootstrap', 1, DEFAULT_BOOTSTRAP.resamples),
    seed: whole(flags.seed, '--seed', 0, DEFAULT_BOOTSTRAP.seed),
    level,
  };
}

/** Collects a repeatable option. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
