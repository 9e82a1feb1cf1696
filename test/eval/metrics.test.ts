import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PaydownError } from '../../src/errors.js';
import {
  aucDeLong,
  bootstrapInterval,
  brierScore,
  calibration,
  logLoss,
  metricsAtThreshold,
  metricValues,
  metricValuesInSortedOrder,
  precisionRecallCurve,
  prepareRows,
  predictionBias,
  rankedAuc,
  rankScores,
  rocAuc,
  rocCurve,
  SeededRandom,
} from '../../src/eval/metrics/index.js';
import { FIXTURES, readBank, readReference, type ReferenceMetrics } from './fixtures.js';

const TOLERANCE = 1e-9;

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= TOLERANCE, `${what}: ${actual} vs scikit-learn ${expected}`);
}

function closeArrays(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) close(actual[i], expected[i], `${what}[${i}]`);
}

function checkAgainst(reference: ReferenceMetrics, labels: Float64Array, scores: Float64Array, bins: number, what: string): void {
  close(rocAuc(labels, scores), reference.rocAuc, `${what} ROC AUC`);
  close(logLoss(labels, scores), reference.logLoss, `${what} log loss`);
  close(logLoss(labels, scores, Number.EPSILON), reference.logLossMachineEps, `${what} log loss, eps = machine epsilon`);
  close(brierScore(labels, scores), reference.brier, `${what} Brier`);
  const bias = predictionBias(labels, scores);
  close(bias.meanScore, reference.meanScore, `${what} mean score`);
  close(bias.observedRate, reference.observedRate, `${what} observed rate`);
  close(aucDeLong(labels, scores).standardError, reference.aucStandardError, `${what} DeLong standard error`);
  const calib = calibration(labels, scores, bins);
  assert.deepEqual(calib.bins.map((bin) => bin.count), reference.calibration.counts, `${what} bin counts`);
  const nonEmpty = calib.bins.filter((bin) => bin.count > 0);
  closeArrays(nonEmpty.map((bin) => bin.observedRate), reference.calibration.observedRate, `${what} reliability observed rate`);
  closeArrays(nonEmpty.map((bin) => bin.meanScore), reference.calibration.meanScore, `${what} reliability mean score`);
  close(calib.ece, reference.calibration.ece, `${what} ECE`);
}

describe('metrics agree with scikit-learn on the scored UCI bank data (45,211 rows)', () => {
  const bank = readBank();
  const reference = readReference('bank-metrics.json.gz');

  it('has the rows and positives the fixture was made from', () => {
    assert.equal(bank.labels.length, reference.overall.n);
    assert.equal(bank.labels.reduce((sum, y) => sum + y, 0), reference.overall.positives);
  });

  it('ROC AUC, log loss, Brier, prediction bias, DeLong SE and calibration', () => {
    checkAgainst(reference.overall, bank.labels, bank.scores, reference.bins, 'overall');
  });

  it('the same per contact slice', () => {
    for (const [value, expected] of Object.entries(reference.byContact ?? {})) {
      const rows = bank.contact.flatMap((c, i) => (c === value ? [i] : []));
      checkAgainst(expected, Float64Array.from(rows, (i) => bank.labels[i]), Float64Array.from(rows, (i) => bank.scores[i]), reference.bins, `contact=${value}`);
    }
  });

  it('precision/recall curve point by point', () => {
    const curve = precisionRecallCurve(bank.labels, bank.scores);
    const expected = reference.overall.precisionRecallCurve!;
    closeArrays(curve.thresholds, expected.thresholds, 'thresholds');
    closeArrays(curve.precision, expected.precision, 'precision');
    closeArrays(curve.recall, expected.recall, 'recall');
  });

  it('ROC curve point by point, intermediate points dropped as scikit-learn does', () => {
    const curve = rocCurve(bank.labels, bank.scores);
    const expected = reference.overall.rocCurve!;
    assert.equal(curve.thresholds[0], Number.POSITIVE_INFINITY);
    closeArrays(curve.thresholds.subarray(1), expected.thresholds, 'thresholds');
    closeArrays(curve.falsePositiveRate, expected.fpr, 'fpr');
    closeArrays(curve.truePositiveRate, expected.tpr, 'tpr');
  });
});

describe('metrics on small cases', () => {
  it('AUC counts ties as one half and is the trapezoidal area of the ROC curve', () => {
    assert.equal(rocAuc([0, 1], [0.5, 0.5]), 0.5);
    assert.equal(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75);
    const curve = rocCurve([0, 0, 1, 1, 0, 1], [0.2, 0.6, 0.6, 0.9, 0.1, 0.3], { dropIntermediate: false });
    let area = 0;
    for (let i = 1; i < curve.thresholds.length; i++) area += ((curve.falsePositiveRate[i] - curve.falsePositiveRate[i - 1]) * (curve.truePositiveRate[i] + curve.truePositiveRate[i - 1])) / 2;
    assert.equal(rocAuc([0, 0, 1, 1, 0, 1], [0.2, 0.6, 0.6, 0.9, 0.1, 0.3]), area);
  });

  it('weighted AUC with whole-number weights equals AUC of the repeated rows', () => {
    const labels = [0, 1, 1, 0, 1];
    const scores = [0.3, 0.3, 0.8, 0.5, 0.1];
    const weights = [2, 0, 1, 3, 1];
    const repeated = labels.flatMap((y, i) => Array<number>(weights[i]).fill(y));
    const repeatedScores = scores.flatMap((p, i) => Array<number>(weights[i]).fill(p));
    assert.equal(rankedAuc(labels, rankScores(scores), weights), rocAuc(repeated, repeatedScores));
  });

  it('log loss clips certain mistakes to a finite cost', () => {
    assert.ok(Math.abs(logLoss([1], [0]) - -Math.log(1e-15)) < 1e-9);
    assert.equal(logLoss([1, 0], [1, 0]), -Math.log(1 - 1e-15));
  });

  it('metrics at a threshold predict positive at score ≥ threshold', () => {
    const at = metricsAtThreshold([0, 1, 1, 0], [0.2, 0.9, 0.5, 0.5], 0.5, 2);
    assert.deepEqual([at.truePositives, at.falsePositives, at.trueNegatives, at.falseNegatives], [2, 1, 1, 0]);
    assert.equal(at.precision, 2 / 3);
    assert.equal(at.recall, 1);
    assert.ok(Math.abs(at.fBeta - (5 * (2 / 3)) / (4 * (2 / 3) + 1)) < 1e-15);
  });

  it('the seeded generator repeats for a seed and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.nextUint32());
    };
    assert.deepEqual(draw(7), draw(7));
    assert.notDeepEqual(draw(7), draw(8));
    const random = new SeededRandom(3);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += random.next();
    assert.ok(Math.abs(sum / 100_000 - 0.5) < 0.005, 'uniform mean');
  });

  it('the bootstrap interval of the AUC is reproducible and close to DeLong on the bank data', () => {
    const bank = readBank();
    const ranked = rankScores(bank.scores);
    const interval = bootstrapInterval(bank.labels.length, (w) => rankedAuc(bank.labels, ranked, w), { resamples: 200, seed: 11 });
    const again = bootstrapInterval(bank.labels.length, (w) => rankedAuc(bank.labels, ranked, w), { resamples: 200, seed: 11 });
    assert.deepEqual(interval, again);
    const delong = aucDeLong(bank.labels, bank.scores);
    assert.ok(Math.abs(interval.low - delong.low) < 0.002 && Math.abs(interval.high - delong.high) < 0.002, `${JSON.stringify(interval)} vs ${JSON.stringify(delong)}`);
  });

  it('bad input is a PaydownError naming the row', () => {
    assert.throws(() => rocAuc([0, 2], [0.1, 0.2]), (e: unknown) => e instanceof PaydownError && /row 1 is 2/.test(e.message));
    assert.throws(() => rocAuc([1, 1], [0.1, 0.2]), (e: unknown) => e instanceof PaydownError && /only one class/.test(e.message));
    assert.throws(() => logLoss([0, 1], [0.1, 1.2]), (e: unknown) => e instanceof PaydownError && /\[0, 1\]/.test(e.message));
    assert.throws(() => brierScore([0, 1], [0.1, Number.NaN]), (e: unknown) => e instanceof PaydownError && /finite/.test(e.message));
    assert.throws(() => rocAuc([0, 1, 1], [0.1, 0.2]), PaydownError);
  });
});

describe("R modeldata's two_class_example (published AUC 0.939)", () => {
  const lines = readFileSync(`${FIXTURES}/two-class-example.csv`, 'utf8').trim().split('\n').slice(1);
  const labels = Float64Array.from(lines, (line) => Number(line.split(',')[0]));
  const scores = Float64Array.from(lines, (line) => Number(line.split(',')[1]));
  const reference = readReference('two-class-metrics.json.gz');

  it('has AUC 0.939 and agrees with scikit-learn on every metric and curve', () => {
    assert.equal(rocAuc(labels, scores).toFixed(3), '0.939');
    checkAgainst(reference.overall, labels, scores, reference.bins, 'two_class_example');
    const pr = precisionRecallCurve(labels, scores);
    closeArrays(pr.precision, reference.overall.precisionRecallCurve!.precision, 'precision');
    closeArrays(pr.recall, reference.overall.precisionRecallCurve!.recall, 'recall');
    const roc = rocCurve(labels, scores);
    closeArrays(roc.falsePositiveRate, reference.overall.rocCurve!.fpr, 'fpr');
    closeArrays(roc.truePositiveRate, reference.overall.rocCurve!.tpr, 'tpr');
  });
});

describe('the metric set used by slices and compare', () => {
  const labels = [0, 1, 1, 0, 1, 0, 0, 1];
  const scores = [0.3, 0.3, 0.8, 0.5, 0.1, 0.9, 0.05, 0.6];
  const weights = [2, 0, 1, 3, 1, 1, 2, 1];
  const repeat = <T>(values: readonly T[]): T[] => values.flatMap((v, i) => Array<T>(weights[i]).fill(v));

  it('weighted by row equals every single metric on the repeated rows', () => {
    const rows = prepareRows(labels, scores, 5);
    const got = metricValues(rows, weights);
    const y = repeat(labels);
    const p = repeat(scores);
    assert.ok(Math.abs(got.auc - rocAuc(y, p)) < 1e-12);
    assert.ok(Math.abs(got.logLoss - logLoss(y, p)) < 1e-12);
    assert.ok(Math.abs(got.brier - brierScore(y, p)) < 1e-12);
    assert.ok(Math.abs(got.ece - calibration(y, p, 5).ece) < 1e-12);
    assert.ok(Math.abs(got.bias - predictionBias(y, p).bias) < 1e-12);
  });

  it('weighted by sorted position equals weighted by row once the weights follow the sort', () => {
    const rows = prepareRows(labels, scores, 5);
    const bySorted = Array.from(rows.rowOf, (row) => weights[row]);
    assert.deepEqual(metricValuesInSortedOrder(rows, bySorted), metricValues(rows, weights));
  });
});
