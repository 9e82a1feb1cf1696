import os from 'node:os';
import { Option, type Command } from 'commander';
import { openData } from '../../data/read-data.js';
import { PaydownError } from '../../errors.js';
import { builtInLearner, builtInLearnerNames, type BuiltInLearnerName, type LearnerSpec } from '../../eval/lofo/learners.js';
import { DEFAULT_EPSILON, DEFAULT_FOLDS, DEFAULT_SEED, lofo, type LofoTrainer } from '../../eval/lofo/lofo.js';
import { lofoMetrics, type LofoMetric } from '../../eval/lofo/metric.js';
import { modelInputs, type ModelInputs } from '../../eval/lofo/model-inputs.js';
import { parseGroups, splitList, type FeatureGroup } from '../../eval/lofo/feature-sets.js';
import { formatLofoText } from '../../eval/lofo/render-text.js';
import { renderLofoHtml } from '../../eval/lofo/render-html.js';
import { toImportanceEvidence } from '../../eval/lofo/to-evidence.js';
import { loadTrainingData } from '../../learn/load-training-data.js';
import { loadSystem } from '../../manifest/load-system.js';
import { writeFileAtomic } from '../../util/write-file-atomic.js';
import { addCsvOptions, readOptionsOf, type CsvFlags } from '../csv-options.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';

interface LofoFlags extends CsvFlags {
  target: string;
  model?: string;
  system: string;
  features?: string;
  group: string[];
  categorical?: string;
  learner: BuiltInLearnerName | 'command';
  learnerOption: string[];
  command?: string;
  folds: string;
  seed: string;
  metric?: LofoMetric;
  epsilon?: string;
  workers?: string;
  timeout: string;
  evidence?: string;
  format: 'text' | 'json' | 'html';
  output?: string;
}

export function registerLofo(program: Command, done: (code: ExitCode) => void): void {
  addCsvOptions(
    program
      .command('lofo')
      .description('leave-one-feature-out importance: how much the model loses, fold by fold, without each feature or group')
      .argument('<data>', 'training data (CSV, Parquet or JSON file, quoted glob or folder)')
      .requiredOption('--target <column>', 'the column to predict (binary: two distinct values; otherwise numeric regression)')
      .option('--model <id>', "a model of the system: its declared inputs are the features, its bundles the groups, its epsilon the bar")
      .option('-s, --system <dir>', 'folder holding the YAML manifests (with --model)', '.')
      .option('--features <list>', 'comma-separated feature columns (default: the model inputs, or every column but the target)')
      .option('--group <name=a,b>', 'also leave these features out together; repeatable', collect, [])
      .option('--categorical <list>', 'numeric columns to treat as categories (text and boolean columns always are)')
      .addOption(new Option('--learner <name>', 'how models are trained').choices([...builtInLearnerNames, 'command']).default('logistic'))
      .option('--learner-option <key=value>', 'a setting of the built-in learner, e.g. C=0.5 or maxIter=200; repeatable', collect, [])
      .option('--command <command>', 'with --learner command: the trainer to run once per fold and feature set (see docs/lofo.md)')
      .option('--folds <k>', 'number of stratified folds', String(DEFAULT_FOLDS))
      .option('--seed <n>', 'seed of the fold assignment and the learners', String(DEFAULT_SEED))
      .addOption(new Option('--metric <name>', 'metric (default: auc for binary targets, rmse otherwise)').choices([...lofoMetrics]))
      .option('--epsilon <gain>', `smallest drop worth keeping a feature for (default: the model's epsilon, else ${DEFAULT_EPSILON})`)
      .option('--workers <n>', 'worker threads, or concurrent trainer runs (default: number of cores)')
      .option('--timeout <seconds>', 'with --learner command: stop a trainer run after this long', '600')
      .option('--evidence <file>', 'also write paydown.importance/v1 evidence for paydown check (needs --model)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'html']).default('text'))
      .option('-o, --output <file>', 'write the report to a file instead of standard output'),
  )
    .addHelpText(
      'after',
      `
Each fold trains the model with every feature and one model per feature (and group) left out,
and measures them on the fold's held-out rows; drop = metric(every feature) − metric(without),
positive when the feature helps. Per feature: mean, std, a paired t-test across folds, a 95%
interval and a verdict against epsilon (remove when the interval lies below it, keep when it
lies above, else inconclusive). A failing fit fails the run; nothing partial is written.

Exit codes: 0 measured, 2 unreadable input, usage error or a failed trainer run.

Examples:
  $ paydown lofo clicks.parquet --target clicked --features ctr_7d,hour_of_day,ad_topic
  $ paydown lofo examples/ad-click/training/clicks.csv --target clicked --model ctr --system examples/ad-click
  $ paydown lofo bank.csv --target y --learner gbdt --folds 4 --format html -o lofo.html
  $ paydown lofo clicks.csv --target clicked --model ctr --evidence evidence/ctr-lofo.json
  $ paydown lofo clicks.csv --target clicked --learner command --command "python train.py" --timeout 300`,
    )
    .action(async (data: string, flags: LofoFlags) => {
      done(await runLofo(data, flags));
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function integer(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new PaydownError('PAYDOWN_USAGE', `${flag} wants a whole number of at least ${min}, not ${text}`);
  return value;
}

/** The settings of each built-in learner and the type of their values. */
const learnerSettings: Readonly<Record<BuiltInLearnerName, Readonly<Record<string, 'number' | 'boolean'>>>> = {
  logistic: { C: 'number', maxIter: 'number', tolerance: 'number', missingIndicators: 'boolean' },
  gbdt: { maxIter: 'number', learningRate: 'number', maxLeafNodes: 'number', minSamplesLeaf: 'number', l2Regularization: 'number', maxBins: 'number' },
};

/** `key=value` settings, each checked against the learner's settings and their types. */
function parseLearnerOptions(learner: BuiltInLearnerName, entries: readonly string[]): Record<string, number | boolean> {
  const known = learnerSettings[learner];
  const options: Record<string, number | boolean> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new PaydownError('PAYDOWN_USAGE', `--learner-option wants key=value, not '${entry}'`);
    const key = entry.slice(0, at).trim();
    const text = entry.slice(at + 1).trim();
    const type = known[key];
    if (type === undefined) throw new PaydownError('PAYDOWN_USAGE', `${learner} has no setting '${key}' (settings: ${Object.keys(known).join(', ')})`);
    if (type === 'boolean') {
      if (text !== 'true' && text !== 'false') throw new PaydownError('PAYDOWN_USAGE', `--learner-option ${key} wants true or false, not '${text}'`);
      options[key] = text === 'true';
    } else {
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) throw new PaydownError('PAYDOWN_USAGE', `--learner-option ${key} wants a number, not '${text}'`);
      options[key] = value;
    }
  }
  return options;
}

function trainerOf(flags: LofoFlags): LofoTrainer {
  if (flags.learner === 'command') {
    if (flags.command === undefined || flags.command.trim() === '') throw new PaydownError('PAYDOWN_USAGE', '--learner command needs --command "…", the trainer to run');
    if (flags.learnerOption.length > 0) throw new PaydownError('PAYDOWN_USAGE', '--learner-option sets the built-in learners; pass settings to your own trainer yourself');
    const seconds = Number(flags.timeout);
    if (!(seconds > 0)) throw new PaydownError('PAYDOWN_USAGE', `--timeout wants a positive number of seconds, not ${flags.timeout}`);
    return { kind: 'command', command: flags.command, timeoutMs: seconds * 1000 };
  }
  if (flags.command !== undefined) throw new PaydownError('PAYDOWN_USAGE', '--command needs --learner command');
  const options = parseLearnerOptions(flags.learner, flags.learnerOption);
  const learner: LearnerSpec = flags.learner === 'logistic' ? { name: 'logistic', options } : { name: 'gbdt', options };
  builtInLearner(learner);
  return { kind: 'builtin', learner };
}

async function columnsOf(data: string, flags: LofoFlags): Promise<string[]> {
  const opened = await openData(data, readOptionsOf(flags));
  try {
    return opened.columns.map((column) => column.name);
  } finally {
    opened.close();
  }
}

async function runLofo(dataArg: string, flags: LofoFlags): Promise<ExitCode> {
  const trainer = trainerOf(flags);
  const folds = integer('--folds', flags.folds, 2);
  const seed = integer('--seed', flags.seed, 0);
  const workers = flags.workers === undefined ? os.availableParallelism() : integer('--workers', flags.workers, 1);
  const epsilon = flags.epsilon === undefined ? undefined : Number(flags.epsilon);
  if (epsilon !== undefined && !(epsilon >= 0)) throw new PaydownError('PAYDOWN_USAGE', `--epsilon wants a number ≥ 0, not ${flags.epsilon}`);
  if (flags.evidence !== undefined && flags.model === undefined) throw new PaydownError('PAYDOWN_USAGE', '--evidence needs --model: importance evidence is about one model of the system');

  let inputs: ModelInputs | undefined;
  if (flags.model !== undefined) inputs = modelInputs(await loadSystem(flags.system), flags.model);
  const columns = await columnsOf(dataArg, flags);
  const available = new Set(columns.filter((name) => name !== flags.target));
  let features: string[];
  let notInData: string[] = [];
  if (flags.features !== undefined) features = splitList(flags.features);
  else if (inputs !== undefined) {
    features = inputs.features.filter((id) => available.has(id));
    notInData = inputs.features.filter((id) => !available.has(id));
    if (features.length === 0) throw new PaydownError('PAYDOWN_USAGE', `${dataArg} has none of the inputs of model '${inputs.model}' (${inputs.features.join(', ')}) as a column`);
  } else features = [...available];
  const chosen = new Set(features);
  const groups: FeatureGroup[] = [
    ...(inputs?.bundles ?? []).map((bundle) => ({ name: bundle.name, members: bundle.members.filter((id) => chosen.has(id)) })).filter((bundle) => bundle.members.length >= 2),
    ...parseGroups(flags.group),
  ];
  const categorical = [...new Set([...(inputs?.categorical ?? []).filter((id) => chosen.has(id)), ...splitList(flags.categorical ?? '')])];

  const data = await loadTrainingData(dataArg, { target: flags.target, features, categorical, read: readOptionsOf(flags) });
  const result = await lofo(data, {
    target: flags.target,
    task: data.task,
    features,
    groups,
    folds,
    seed,
    ...(flags.metric === undefined ? {} : { metric: flags.metric }),
    ...(epsilon !== undefined ? { epsilon, epsilonSource: 'flag' as const } : inputs?.epsilon !== undefined ? { epsilon: inputs.epsilon, epsilonSource: 'model' as const } : {}),
    trainer,
    workers,
    source: dataArg,
    ...(inputs === undefined ? {} : { model: inputs.model, ...(inputs.version === undefined ? {} : { modelVersion: inputs.version }) }),
    notInData,
    onProgress: progress(),
  });
  if (flags.evidence !== undefined) await writeFileAtomic(flags.evidence, `${JSON.stringify(toImportanceEvidence(result), null, 2)}\n`);
  const text = flags.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : flags.format === 'html' ? renderLofoHtml(result) : formatLofoText(result);
  await emit(text, flags.output);
  return 0;
}

/** Shows `fits done/total` on standard error when it is a terminal; erased at the end. */
function progress(): ((done: number, total: number) => void) | undefined {
  if (process.stderr.isTTY !== true) return undefined;
  return (done, total) => {
    process.stderr.write(done === total ? '\r\x1b[K' : `\rlofo: ${done}/${total} models trained`);
  };
}
