import { Option, type Command } from 'commander';
import { PaydownError } from '../../errors.js';
import { readPredictions } from '../../eval/predictions/read-predictions.js';
import { addBootstrapOptions, bootstrapOptionsOf, collect, type BootstrapFlags } from '../../eval/report/cli-flags.js';
import { finiteOrNull } from '../../eval/report/format.js';
import { formatSlicesText, renderSlicesHtml } from '../../eval/slices/render-slices.js';
import { slicesReport, sortKeys, type SortKey } from '../../eval/slices/slice-report.js';
import { addCsvOptions, readOptionsOf, type CsvFlags } from '../csv-options.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';

interface SlicesFlags extends CsvFlags, BootstrapFlags {
  label: string;
  score: string;
  by: string[];
  bins?: string;
  sort: SortKey;
  format: 'text' | 'json' | 'html';
  output?: string;
}

export function registerSlices(program: Command, done: (code: ExitCode) => void): void {
  addCsvOptions(
    addBootstrapOptions(
      program
        .command('slices')
        .description('metrics of one model per slice, worst slice first, with intervals and calibration')
        .argument('<data>', 'predictions (file, quoted glob or folder) with a label, a score and slice columns')
        .requiredOption('--label <column>', 'the 0/1 outcome column')
        .requiredOption('--score <column>', 'the predicted probability column')
        .option('--by <column...>', 'slice columns; slices are their value combinations', collect, [])
        .option('--bins <n>', 'equal-width calibration bins on [0, 1] (default 10)')
        .addOption(new Option('--sort <metric>', 'order slices worst first by this metric').choices([...sortKeys]).default('auc'))
    )
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'html']).default('text'))
      .option('-o, --output <file>', 'write the report to a file instead of standard output'),
  )
    .addHelpText(
      'after',
      `
Per slice and for all rows: rows, positives, ROC AUC, log loss, Brier score, expected calibration error
(equal-width bins), prediction bias (mean score − observed rate), each with a seeded percentile bootstrap
interval. Flags: AUC interval below the overall AUC; bias interval excluding 0; one class.
The JSON output includes the overall metrics and the reliability bins.

Exit codes: 0 reported, 2 bad input (non-binary labels, one class, scores outside [0, 1], missing values,
unknown columns).

Examples:
  $ paydown slices validation.csv --label clicked --score p --by country
  $ paydown slices validation.parquet --label clicked --score p --by country device --sort ece
  $ paydown slices validation.csv --label clicked --score p --by country --format html -o slices.html`,
    )
    .action(async (data: string, flags: SlicesFlags) => {
      done(await runSlices(data, flags));
    });
}

async function runSlices(data: string, flags: SlicesFlags): Promise<ExitCode> {
  if (flags.by.length === 0) throw new PaydownError('PAYDOWN_USAGE', '--by needs at least one slice column');
  const bins = flags.bins === undefined ? 10 : Number(flags.bins);
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) throw new PaydownError('PAYDOWN_USAGE', `--bins wants a whole number from 1 to 1000, not '${flags.bins}'`);
  const bootstrap = bootstrapOptionsOf(flags);
  const predictions = await readPredictions(data, { label: flags.label, score: flags.score, slices: flags.by }, readOptionsOf(flags));
  const report = slicesReport(predictions, { label: flags.label, score: flags.score, by: flags.by, bins, sortBy: flags.sort, bootstrap });
  const text = flags.format === 'json' ? `${JSON.stringify(finiteOrNull(report), null, 2)}\n` : flags.format === 'html' ? renderSlicesHtml(report) : formatSlicesText(report);
  await emit(text, flags.output);
  return 0;
}
