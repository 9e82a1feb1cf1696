import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradientBoostedTrees, loadTrainingData, logisticRegression, type Learner, type TrainingData } from '../src/learn/index.js';

/**
 * Learner benchmark: fit time (wall and CPU) and test AUC of the built-in logistic regression and
 * gradient-boosted trees on UCI bank marketing, 4 folds (row index mod 4), and in the same run
 * scikit-learn's LogisticRegression and HistGradientBoostingClassifier with the same settings and
 * folds (Debian's /usr/bin/python3, OMP_NUM_THREADS=2), when present. Then one fit of each learner
 * on N synthetic rows × 30 numeric features (binning time separate: it is paid once per dataset).
 *
 * @example
 * // node dist/bench/learners.bench.js                  (N = 1,000,000 for the synthetic fits)
 * // node dist/bench/learners.bench.js --rows 200000
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const bankCsv = path.join(repoRoot, 'node_modules', '@1771technologies', 'grid-sample-data', 'src', 'datasets', 'bank-full.csv');
const python = '/usr/bin/python3';
const FOLDS = 4;

interface FoldFigure {
  readonly fold: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly auc: number;
}

function log(text: string): void {
  process.stdout.write(`${text}\n`);
}

function rowsWhere(count: number, keep: (row: number) => boolean): Uint32Array {
  const rows: number[] = [];
  for (let row = 0; row < count; row++) if (keep(row)) rows.push(row);
  return Uint32Array.from(rows);
}

function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        rankSum += (i + j) / 2 + 1;
        positives++;
      }
    }
    i = j + 1;
  }
  const negatives = labels.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function timed<T>(work: () => T): { readonly value: T; readonly wallSeconds: number; readonly cpuSeconds: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = work();
  const used = process.cpuUsage(cpu);
  return { value, wallSeconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

function foldFigures(learner: Learner, data: TrainingData): FoldFigure[] {
  const features = data.columns.map((_, index) => index);
  return Array.from({ length: FOLDS }, (_, fold) => {
    const train = rowsWhere(data.rowCount, (row) => row % FOLDS !== fold);
    const test = rowsWhere(data.rowCount, (row) => row % FOLDS === fold);
    const fit = timed(() => learner.fit({ data, rows: train, features, seed: 1 }, 'binary'));
    const auc = rocAuc(Array.from(test, (row) => data.target[row]), fit.value.predict(data, test));
    return { fold, wallSeconds: fit.wallSeconds, cpuSeconds: fit.cpuSeconds, auc };
  });
}

const sklearnScript = `
import json, sys, time
import numpy as np, pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler
frame = pd.read_csv(sys.argv[1], sep=';')
y = (frame['y'] == 'yes').astype(int).to_numpy()
features = [c for c in frame.columns if c != 'y']
cat = [c for c in features if frame[c].dtype == object]
num = [c for c in features if c not in cat]
encoded = frame[features].copy()
encoded[cat] = OrdinalEncoder().fit_transform(frame[cat])
X = encoded.to_numpy(dtype=float)
fold_of = np.arange(len(frame)) % 4
out = {'logistic': [], 'gbdt': []}
for k in range(4):
    train, test = fold_of != k, fold_of == k
    for name in ('logistic', 'gbdt'):
        wall, cpu = time.perf_counter(), time.process_time()
        if name == 'logistic':
            model = Pipeline([('p', ColumnTransformer([('n', StandardScaler(), num), ('c', OneHotEncoder(handle_unknown='ignore'), cat)])), ('m', LogisticRegression(C=1.0, max_iter=1000))])
            model.fit(frame.loc[train, features], y[train])
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            scores = model.predict_proba(frame.loc[test, features])[:, 1]
        else:
            model = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20, categorical_features=[c in cat for c in features], early_stopping=False, random_state=0)
            model.fit(X[train], y[train])
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            scores = model.predict_proba(X[test])[:, 1]
        out[name].append({'fold': k, 'wallSeconds': wall, 'cpuSeconds': cpu, 'auc': roc_auc_score(y[test], scores)})
print(json.dumps(out))
`;

function sklearnFigures(): { readonly logistic: FoldFigure[]; readonly gbdt: FoldFigure[] } | undefined {
  if (!existsSync(python)) return undefined;
  const run = spawnSync(python, ['-c', sklearnScript, bankCsv], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '2' }, maxBuffer: 1 << 24 });
  if (run.status !== 0) {
    log(`scikit-learn run failed (skipped): ${run.stderr.split('\n').filter(Boolean).slice(-1)[0] ?? ''}`);
    return undefined;
  }
  return JSON.parse(run.stdout) as { logistic: FoldFigure[]; gbdt: FoldFigure[] };
}

function printComparison(name: string, ours: readonly FoldFigure[], theirs: readonly FoldFigure[] | undefined): void {
  log(`\n${name}`);
  log('fold  AUC paydown  AUC sklearn   fit paydown wall/cpu   fit sklearn wall/cpu');
  for (const figure of ours) {
    const other = theirs?.find((entry) => entry.fold === figure.fold);
    log(
      `${String(figure.fold).padEnd(5)} ${figure.auc.toFixed(4).padEnd(12)} ${(other?.auc.toFixed(4) ?? '-').padEnd(12)} ${`${figure.wallSeconds.toFixed(2)} s / ${figure.cpuSeconds.toFixed(2)} s`.padEnd(22)} ${other === undefined ? '-' : `${other.wallSeconds.toFixed(2)} s / ${other.cpuSeconds.toFixed(2)} s`}`,
    );
  }
  const sum = (figures: readonly FoldFigure[], key: 'wallSeconds' | 'cpuSeconds' | 'auc'): number => figures.reduce((total, figure) => total + figure[key], 0);
  const line = `mean AUC ${(sum(ours, 'auc') / ours.length).toFixed(4)}${theirs === undefined ? '' : ` vs ${(sum(theirs, 'auc') / theirs.length).toFixed(4)}`}; total fit wall ${sum(ours, 'wallSeconds').toFixed(2)} s${theirs === undefined ? '' : ` vs ${sum(theirs, 'wallSeconds').toFixed(2)} s (ratio ${(sum(ours, 'wallSeconds') / sum(theirs, 'wallSeconds')).toFixed(2)})`}`;
  log(line);
}

function synthetic(rowCount: number, featureCount: number): TrainingData {
  let state = 12345;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const z = new Float64Array(rowCount);
  const columns = Array.from({ length: featureCount }, (_, j) => {
    const values = new Float64Array(rowCount);
    for (let i = 0; i < rowCount; i++) {
      values[i] = next() * 2 - 1;
      if (j < 10) z[i] += (j + 1) * 0.1 * values[i];
    }
    return { name: `f${j}`, kind: 'numeric' as const, values };
  });
  const target = Float64Array.from(z, (value) => (next() < 1 / (1 + Math.exp(-value)) ? 1 : 0));
  return { columns, target, rowCount };
}

async function main(): Promise<void> {
  const rowsFlag = process.argv.indexOf('--rows');
  const syntheticRows = rowsFlag >= 0 ? Number(process.argv[rowsFlag + 1]) : 1_000_000;
  log('Built-in learners vs scikit-learn. The machine may be shared: wall times are noisy; CPU times are steadier.');
  const load = performance.now();
  const bank = await loadTrainingData(bankCsv, { target: 'y', read: { delimiter: ';' } });
  log(`bank-full.csv: ${bank.rowCount} rows × ${bank.columns.length} features loaded in ${((performance.now() - load) / 1000).toFixed(2)} s`);
  const logistic = foldFigures(logisticRegression({ C: 1 }), bank);
  const trees = foldFigures(gradientBoostedTrees(), bank);
  const sklearn = sklearnFigures();
  printComparison('logistic regression (C=1) vs LogisticRegression(C=1.0, max_iter=1000)', logistic, sklearn?.logistic);
  printComparison('gradient-boosted trees vs HistGradientBoostingClassifier(max_iter=100, lr=0.1, 31 leaves, min 20, early_stopping=False)', trees, sklearn?.gbdt);

  const data = synthetic(syntheticRows, 30);
  const rows = rowsWhere(syntheticRows, (row) => row % FOLDS !== 0);
  const features = data.columns.map((_, index) => index);
  log(`\nsynthetic: ${syntheticRows} rows × 30 numeric features, one fit on ${rows.length} rows`);
  const fitLogistic = timed(() => logisticRegression().fit({ data, rows, features, seed: 1 }, 'binary'));
  log(`logistic regression: ${fitLogistic.wallSeconds.toFixed(2)} s wall, ${fitLogistic.cpuSeconds.toFixed(2)} s CPU`);
  const firstFit = timed(() => gradientBoostedTrees({ maxIter: 10 }).fit({ data, rows, features, seed: 1 }, 'binary'));
  const secondFit = timed(() => gradientBoostedTrees({ maxIter: 10 }).fit({ data, rows, features, seed: 1 }, 'binary'));
  log(`gradient-boosted trees, 10 trees: first fit ${firstFit.cpuSeconds.toFixed(2)} s CPU (with binning), next fit ${secondFit.cpuSeconds.toFixed(2)} s CPU (bins cached)`);
  log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (data: ${((syntheticRows * 30 * 8) / 1e6).toFixed(0)} MB of feature columns)`);
}

await main();
