import { Option, type Command } from 'commander';
import { PaydownError } from '../../errors.js';
import { readPredictions } from '../../eval/predictions/read-predictions.js';
import { addBootstrapOptions, bootstrapOptionsOf, collect, type BootstrapFlags } from '../../eval/report/cli-flags.js';
import { finiteOrNull } from '../../eval/report/format.js';
import { objectiveKinds, parseObjective, type ObjectiveFlags } from '../../eval/threshold/objective.js';
import { formatThresholdText, renderThresholdHtml } from '../../eval/threshold/render-threshold.js';
import { thresholdReport } from '../../eval/threshold/threshold-report.js';
import { writeFileAtomic } from '../../util/write-file-atomic.js';
import { addCsvOptions, readOptionsOf, type CsvFlags } from '../csv-options.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';

interface ThresholdFlags extends CsvFlags, BootstrapFlags, ObjectiveFlags {
  label: string;
  score: string;
  objective: string;
  slice: string[];
  model?: string;
  modelVersion?: string;
  evidence?: string;
  format: 'text' | 'json' | 'html';
  output?: string;
}

export function registerThreshold(program: Command, done: (code: ExitCode) => void): void {
  addCsvOptions(
    addBootstrapOptions(
      program
        .command('threshold')
        .description('learn a decision threshold from validation labels and scores for an objective')
        .argument('<data>', 'validation predictions (file, quoted glob or folder) with a label and a score column')
        .requiredOption('--label <column>', 'the 0/1 outcome column')
        .requiredOption('--score <column>', 'the predicted probability column')
        .addOption(new Option('--objective <objective>', 'what the threshold optimises').choices([...objectiveKinds]).makeOptionMandatory())
        .option('--beta <beta>', 'f-beta: weight of recall against precision (default 1)')
        .option('--min-precision <p>', 'max-recall: the smallest acceptable precision')
        .option('--min-recall <r>', 'max-precision: the smallest acceptable recall')
        .option('--max-fpr <x>', 'fpr: the largest acceptable false-positive rate')
        .option('--cost-fp <a>', 'min-cost: cost of a false positive')
        .option('--cost-fn <b>', 'min-cost: cost of a false negative')
        .option('--slice <column>', 'also learn a threshold per slice of this column; repeatable (slices are value combinations)', collect, [])
        .option('--model <name@version>', 'the model and version the scores come from, e.g. ctr_jp@2 (makes the result evidence)')
        .option('--model-version <version>', 'the model version, when --model names no @version')
        .option('--evidence <file>', 'write paydown.threshold/v1 evidence for --model to this file')
    )
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'html']).default('text'))
      .option('-o, --output <file>', 'write the report to a file instead of standard output'),
  )
    .addHelpText(
      'after',
      `
Objectives (predict positive at score ≥ threshold; candidates are the observed scores):
  f-beta          maximise F-beta (--beta, default 1)
  max-recall      maximise recall with precision ≥ --min-precision
  max-precision   maximise precision with recall ≥ --min-recall
  fpr             maximise recall with false-positive rate ≤ --max-fpr
  min-cost        minimise --cost-fp × FP + --cost-fn × FN
The interval repeats the whole choice on bootstrap resamples (seeded: the same seed, the same interval).

Exit codes: 0 learned, 2 bad input (non-binary labels, one class, scores outside [0, 1], missing values,
unknown columns) or no threshold meets the objective.

Examples:
  $ paydown threshold validation.csv --label clicked --score p --objective f-beta
  $ paydown threshold validation.parquet --label spam --score p --objective max-recall --min-precision 0.95 --slice country
  $ paydown threshold validation.csv --label clicked --score p --objective min-cost --cost-fp 1 --cost-fn 20 \\
      --model ctr_jp@3 --evidence evidence/ctr_jp.threshold.json
  $ paydown threshold validation.csv --label clicked --score p --objective fpr --max-fpr 0.01 --format html -o threshold.html`,
    )
    .action(async (data: string, flags: ThresholdFlags) => {
      done(await runThreshold(data, flags));
    });
}

async function runThreshold(data: string, flags: ThresholdFlags): Promise<ExitCode> {
  const objective = parseObjective(flags.objective, flags);
  const bootstrap = bootstrapOptionsOf(flags);
  const model = modelOf(flags);
  if (flags.evidence !== undefined && model === undefined) throw new PaydownError('PAYDOWN_USAGE', '--evidence needs --model NAME@VERSION (the threshold is evidence for that model version)');
  const predictions = await readPredictions(data, { label: flags.label, score: flags.score, slices: flags.slice }, readOptionsOf(flags));
  const report = thresholdReport(predictions, {
    label: flags.label,
    score: flags.score,
    objective,
    sliceBy: flags.slice,
    bootstrap,
    ...(model === undefined ? {} : { model }),
  });
  const text = flags.format === 'json' ? `${JSON.stringify(finiteOrNull(report), null, 2)}\n` : flags.format === 'html' ? renderThresholdHtml(report) : formatThresholdText(report);
  if (flags.evidence !== undefined && report.evidence !== undefined) await writeFileAtomic(flags.evidence, `${JSON.stringify(finiteOrNull(report.evidence), null, 2)}\n`);
  await emit(text, flags.output);
  return 0;
}

/** `--model name@version`, or `--model name --model-version version`. */
function modelOf(flags: ThresholdFlags): { name: string; version: string } | undefined {
  if (flags.model === undefined) {
    if (flags.modelVersion !== undefined) throw new PaydownError('PAYDOWN_USAGE', '--model-version needs --model');
    return undefined;
  }
  const at = flags.model.lastIndexOf('@');
  const name = at < 0 ? flags.model : flags.model.slice(0, at);
  const pinned = at < 0 ? undefined : flags.model.slice(at + 1);
  if (pinned !== undefined && flags.modelVersion !== undefined && pinned !== flags.modelVersion) {
    throw new PaydownError('PAYDOWN_USAGE', `--model ${flags.model} and --model-version ${flags.modelVersion} name different versions`);
  }
  const version = pinned ?? flags.modelVersion;
  if (name === '' || version === undefined || version === '') {
    throw new PaydownError('PAYDOWN_USAGE', `--model wants NAME@VERSION (e.g. ctr_jp@2), or NAME with --model-version; evidence is for one version of one model`);
  }
  return { name, version };
}
