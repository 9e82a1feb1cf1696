import { Option, type Command } from 'commander';
import { computeSkew, defaultSkewThresholds, formatSkewText, type SkewThresholds } from '../../data/skew.js';
import { PaydownError } from '../../errors.js';
import { renderDataReport } from '../../data/report/render-report.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';

interface SkewFlags {
  key?: string;
  columns?: string;
  format: 'text' | 'json' | 'html';
  output?: string;
  threshold?: string;
  tolerance?: string;
  relativeTolerance?: string;
  maxMeanShift?: string;
  maxNullRateDiff?: string;
  maxShareDistance?: string;
}

export function registerSkew(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('skew')
    .description('compare training and serving data: per-feature mismatches joined on a key, or distribution skew without one')
    .argument('<training>', 'training data: a .csv/.tsv, .parquet or .json/.jsonl file (or a DuckDB glob)')
    .argument('<serving>', 'serving data (logged features), same formats')
    .option('-k, --key <columns>', 'join on these key columns (comma-separated); without it, compare distributions')
    .option('--columns <columns>', 'compare only these columns (comma-separated)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'html']).default('text'))
    .option('-o, --output <file>', 'write the result to a file instead of standard output')
    .option('--threshold <rate>', `keyed: skew when a feature's mismatch rate, or the share of keys on one side only, exceeds this (default ${defaultSkewThresholds.maxMismatchRate})`)
    .option('--tolerance <n>', `keyed: absolute tolerance for numbers (default ${defaultSkewThresholds.tolerance})`)
    .option('--relative-tolerance <n>', `keyed: relative tolerance for numbers (default ${defaultSkewThresholds.relativeTolerance})`)
    .option('--max-mean-shift <sd>', `no key: skew when |mean difference| / training sd exceeds this (default ${defaultSkewThresholds.maxMeanShift})`)
    .option('--max-null-rate-diff <n>', `no key: skew when null rates differ by more (default ${defaultSkewThresholds.maxNullRateDiff})`)
    .option('--max-share-distance <n>', `no key: skew when category shares differ by more, total variation (default ${defaultSkewThresholds.maxShareDistance})`)
    .addHelpText(
      'after',
      `
With --key, rows are joined in DuckDB; numbers match when |t - s| <= tolerance + relative
tolerance * max(|t|, |s|), other values must be equal as text, and null vs value is a mismatch.
Up to 5 mismatching rows are shown per feature. Exit 1 when skew is found.

Examples:
  $ paydown skew train.parquet serving_log.parquet --key request_id
  $ paydown skew train.csv serving.csv --key user_id,day --format json -o skew.json
  $ paydown skew train.parquet serving.parquet --max-mean-shift 0.2
  $ paydown skew train.csv serving.csv --key user_id --format html -o skew.html`,
    )
    .action(async (training: string, serving: string, flags: SkewFlags) => {
      const thresholds: Partial<SkewThresholds> = {
        ...numberFlag('--threshold', flags.threshold, 'maxMismatchRate'),
        ...numberFlag('--tolerance', flags.tolerance, 'tolerance'),
        ...numberFlag('--relative-tolerance', flags.relativeTolerance, 'relativeTolerance'),
        ...numberFlag('--max-mean-shift', flags.maxMeanShift, 'maxMeanShift'),
        ...numberFlag('--max-null-rate-diff', flags.maxNullRateDiff, 'maxNullRateDiff'),
        ...numberFlag('--max-share-distance', flags.maxShareDistance, 'maxShareDistance'),
      };
      const result = await computeSkew(training, serving, {
        thresholds,
        ...(flags.key === undefined ? {} : { key: list(flags.key) }),
        ...(flags.columns === undefined ? {} : { columns: list(flags.columns) }),
      });
      const text =
        flags.format === 'json'
          ? `${JSON.stringify(result, null, 2)}\n`
          : flags.format === 'html'
            ? renderDataReport([{ kind: 'skew', result }], { title: 'paydown skew report' })
            : formatSkewText(result);
      await emit(text, flags.output);
      done(result.skewed ? 1 : 0);
    });
}

function list(value: string): string[] {
  const items = value.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
  if (items.length === 0) throw new PaydownError('PAYDOWN_USAGE', `expected a comma-separated list of columns, got '${value}'`);
  return items;
}

function numberFlag(flag: string, value: string | undefined, name: keyof SkewThresholds): Partial<SkewThresholds> {
  if (value === undefined) return {};
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) throw new PaydownError('PAYDOWN_USAGE', `${flag} expects a number of 0 or more, got '${value}'`);
  return { [name]: parsed };
}
