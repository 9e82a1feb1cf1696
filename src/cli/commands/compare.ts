import { Option, type Command } from 'commander';
import { PaydownError } from '../../errors.js';
import { openSession } from '../../data/duckdb.js';
import { openDataIn } from '../../data/read-data.js';
import { alignPredictions } from '../../eval/compare/align-predictions.js';
import { compareReport } from '../../eval/compare/compare-report.js';
import { formatCompareText, renderCompareHtml } from '../../eval/compare/render-compare.js';
import { readPredictionsFrom } from '../../eval/predictions/read-predictions.js';
import { addBootstrapOptions, bootstrapOptionsOf, collect, type BootstrapFlags } from '../../eval/report/cli-flags.js';
import { finiteOrNull } from '../../eval/report/format.js';
import { addCsvOptions, readOptionsOf, type CsvFlags } from '../csv-options.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';

interface CompareFlags extends CsvFlags, BootstrapFlags {
  label?: string;
  score: string;
  slice: string[];
  key?: string;
  threshold?: string;
  bins?: string;
  format: 'text' | 'json' | 'html';
  output?: string;
}

export function registerCompare(program: Command, done: (code: ExitCode) => void): void {
  addCsvOptions(
    addBootstrapOptions(
      program
        .command('compare')
        .description("compare two model versions' predictions on the same examples, slice by slice, worse slices first")
        .argument('<baseline>', 'predictions of the current model (file, quoted glob or folder)')
        .argument('<candidate>', 'predictions of the new model on the same examples')
        .option('--score <column>', 'the predicted probability column, in both files', 'score')
        .option('--label <column>', 'the 0/1 outcome column (in the baseline file); enables metric deltas')
        .option('--slice <column>', 'compare per slice of this column (from the baseline file); repeatable', collect, [])
        .option('--key <column>', 'pair rows by this column (in both files) instead of by row order')
        .option('--threshold <t>', 'decision threshold for flips (default 0.5)')
        .option('--bins <n>', 'equal-width calibration bins for ECE (default 10)')
    )
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'html']).default('text'))
      .option('-o, --output <file>', 'write the report to a file instead of standard output'),
  )
    .addHelpText(
      'after',
      `
Per slice and in total: shift of the score distribution (KS D, Wasserstein-1, mean difference), share of
decisions that flip at the threshold, and with --label the deltas candidate − baseline of AUC, log loss,
Brier, ECE and |prediction bias| with paired bootstrap intervals (the same resampled rows for both).
A slice is worse when an interval lies entirely on the bad side of 0. Worse slices come first, even when
the total improved.

Exit codes: 0 nothing worse, 1 the total or a slice got worse, 2 bad input (non-binary labels, one class,
scores outside [0, 1], missing values, unknown columns, files that do not pair).

Examples:
  $ paydown compare v7.csv v8.csv --label clicked --slice country
  $ paydown compare v7.parquet v8.parquet --key impression_id --label clicked --slice country --slice device
  $ paydown compare v7.csv v8.csv --threshold 0.031 --format html -o compare.html`,
    )
    .action(async (baseline: string, candidate: string, flags: CompareFlags) => {
      done(await runCompare(baseline, candidate, flags));
    });
}

async function runCompare(baselinePath: string, candidatePath: string, flags: CompareFlags): Promise<ExitCode> {
  const threshold = flags.threshold === undefined ? 0.5 : Number(flags.threshold);
  if (!(threshold >= 0 && threshold <= 1)) throw new PaydownError('PAYDOWN_USAGE', `--threshold wants a number in [0, 1], not '${flags.threshold}'`);
  const bins = flags.bins === undefined ? 10 : Number(flags.bins);
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) throw new PaydownError('PAYDOWN_USAGE', `--bins wants a whole number from 1 to 1000, not '${flags.bins}'`);
  const bootstrap = bootstrapOptionsOf(flags);
  const read = readOptionsOf(flags);
  const session = await openSession((message) => new PaydownError('PAYDOWN_DATA_UNREADABLE', message));
  let baseline;
  let candidate;
  try {
    const baseView = await openDataIn(session, baselinePath, 'baseline', read);
    const candView = await openDataIn(session, candidatePath, 'candidate', read);
    const keyColumns = flags.key === undefined ? [] : [flags.key];
    baseline = await readPredictionsFrom(session, baseView, { ...(flags.label === undefined ? {} : { label: flags.label }), score: flags.score, slices: [...flags.slice.filter((s) => s !== flags.key), ...keyColumns] });
    candidate = await readPredictionsFrom(session, candView, { score: flags.score, slices: keyColumns });
  } finally {
    session.close();
  }
  const aligned = alignPredictions(baseline, candidate, { ...(flags.key === undefined ? {} : { key: flags.key }), slices: flags.slice });
  const report = compareReport(aligned, {
    baseline: baselinePath,
    candidate: candidatePath,
    score: flags.score,
    ...(flags.label === undefined ? {} : { label: flags.label }),
    by: flags.slice,
    threshold,
    bins,
    bootstrap,
  });
  const text = flags.format === 'json' ? `${JSON.stringify(finiteOrNull(report), null, 2)}\n` : flags.format === 'html' ? renderCompareHtml(report, aligned) : formatCompareText(report);
  await emit(text, flags.output);
  return report.worse ? 1 : 0;
}
