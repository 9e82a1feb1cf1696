import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PaydownError } from '../../src/errors.js';
import { loadEvidence } from '../../src/evidence/load-evidence.js';
import { fBetaOf } from '../../src/eval/metrics/confusion.js';
import { learnThreshold } from '../../src/eval/threshold/learn-threshold.js';
import { runPaydown, repo } from '../support/run-paydown.js';
import { BANK_CSV, readBank, readReference } from './fixtures.js';

const bank = readBank();
const reference = readReference('bank-metrics.json.gz').overall;
const sklearnPr = reference.precisionRecallCurve!;
const sklearnRoc = reference.rocCurve!;

describe('learnThreshold picks the point of the scikit-learn curves that the objective asks for', () => {
  it('f-beta: the argmax of F-beta over precision_recall_curve', () => {
    for (const beta of [0.5, 1, 2]) {
      let best = -1;
      let bestF = -1;
      sklearnPr.thresholds.forEach((t, i) => {
        const f = fBetaOf(sklearnPr.precision[i], sklearnPr.recall[i], beta);
        if (f > bestF || (f === bestF && t > sklearnPr.thresholds[best])) {
          bestF = f;
          best = i;
        }
      });
      const learned = learnThreshold(bank.labels, bank.scores, { kind: 'f-beta', beta }, { resamples: 20 });
      assert.equal(learned.threshold, sklearnPr.thresholds[best], `beta ${beta}`);
      assert.ok(Math.abs(learned.metrics.fBeta - bestF) < 1e-12);
    }
  });

  it('max-recall with precision ≥ p: the largest recall among points with enough precision', () => {
    const minPrecision = 0.6;
    let best = -1;
    sklearnPr.thresholds.forEach((_, i) => {
      if (sklearnPr.precision[i] < minPrecision) return;
      if (best < 0 || sklearnPr.recall[i] > sklearnPr.recall[best] || (sklearnPr.recall[i] === sklearnPr.recall[best] && sklearnPr.precision[i] > sklearnPr.precision[best])) best = i;
    });
    const learned = learnThreshold(bank.labels, bank.scores, { kind: 'max-recall', minPrecision }, { resamples: 20 });
    assert.equal(learned.threshold, sklearnPr.thresholds[best]);
    assert.ok(learned.metrics.precision >= minPrecision);
    assert.ok(Math.abs(learned.metrics.recall - sklearnPr.recall[best]) < 1e-12);
  });

  it('fpr ≤ x: the most recall on roc_curve among points with a small enough false-positive rate', () => {
    const maxFpr = 0.05;
    let best = -1;
    sklearnRoc.thresholds.forEach((_, k) => {
      const i = k + 1;
      if (sklearnRoc.fpr[i] <= maxFpr && (best < 0 || sklearnRoc.tpr[i] > sklearnRoc.tpr[best])) best = i;
    });
    const learned = learnThreshold(bank.labels, bank.scores, { kind: 'fpr', maxFpr }, { resamples: 20 });
    assert.ok(learned.metrics.falsePositiveRate <= maxFpr);
    assert.ok(Math.abs(learned.metrics.recall - sklearnRoc.tpr[best]) < 1e-12);
  });

  it('min-cost: no observed threshold has a lower cost', () => {
    const learned = learnThreshold(bank.labels, bank.scores, { kind: 'min-cost', costFp: 1, costFn: 8 }, { resamples: 20 });
    const cost = (t: number): number => {
      let c = 0;
      for (let i = 0; i < bank.labels.length; i++) {
        const positive = bank.scores[i] >= t;
        if (positive && bank.labels[i] === 0) c += 1;
        if (!positive && bank.labels[i] === 1) c += 8;
      }
      return c;
    };
    const chosen = cost(learned.threshold);
    for (const t of [0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.3, 0.5]) assert.ok(chosen <= cost(t), `threshold ${t} is cheaper`);
    assert.equal(chosen, learned.metrics.falsePositives + 8 * learned.metrics.falseNegatives);
  });

  it('the bootstrap interval brackets the threshold and is the same for the same seed', () => {
    const a = learnThreshold(bank.labels, bank.scores, { kind: 'f-beta', beta: 1 }, { resamples: 100, seed: 5 });
    const b = learnThreshold(bank.labels, bank.scores, { kind: 'f-beta', beta: 1 }, { resamples: 100, seed: 5 });
    const c = learnThreshold(bank.labels, bank.scores, { kind: 'f-beta', beta: 1 }, { resamples: 100, seed: 6 });
    assert.deepEqual(a.interval, b.interval);
    assert.notDeepEqual(a.interval, c.interval);
    assert.ok(a.interval.low <= a.threshold && a.threshold <= a.interval.high, JSON.stringify(a.interval));
    assert.equal(a.interval.used, 100);
  });

  it('an objective nothing meets is a PaydownError saying how close the best came', () => {
    assert.throws(
      () => learnThreshold(bank.labels, bank.scores, { kind: 'max-recall', minPrecision: 0.999 }, { resamples: 5 }),
      (error: unknown) => error instanceof PaydownError && /no threshold meets max-recall@precision>=0\.999; the highest precision/.test(error.message),
    );
  });
});

describe('paydown threshold', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'paydown-threshold-'));

  it('learns a threshold on real data, per slice, and writes evidence that paydown check reads', async () => {
    const evidence = path.join(dir, 'bank.threshold.json');
    const run = runPaydown(
      ['threshold', BANK_CSV, '--label', 'y', '--score', 'score', '--objective', 'max-recall', '--min-precision', '0.5', '--slice', 'contact', '--bootstrap', '200', '--model', 'bank@3', '--evidence', evidence, '--format', 'json'],
      repo,
    );
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { objective: string; overall: { threshold: number; metrics: { precision: number }; interval: { low: number; high: number } }; slices: { name: string; result?: { threshold: number } }[] };
    assert.equal(report.objective, 'max-recall@precision>=0.5');
    assert.ok(report.overall.metrics.precision >= 0.5);
    assert.deepEqual(report.slices.map((s) => s.name), ['contact=cellular', 'contact=telephone', 'contact=unknown']);
    const loaded = await loadEvidence([evidence]);
    assert.equal(loaded.thresholds?.length, 1);
    const doc = (loaded.thresholds ?? [])[0];
    assert.deepEqual([doc.model, doc.modelVersion, doc.threshold, doc.learnedOn], ['bank', '3', report.overall.threshold, BANK_CSV]);
    assert.deepEqual(doc.interval && [doc.interval.low, doc.interval.high], [report.overall.interval.low, report.overall.interval.high]);
    assert.equal(doc.slices?.length, 3);
  });

  it('prints the threshold, its interval and the metrics at it as text', () => {
    const run = runPaydown(['threshold', 'examples/ad-click/predictions/ctr_jp-v2.csv', '--label', 'clicked', '--score', 'score', '--objective', 'f-beta', '--bootstrap', '100'], repo);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /objective: max-f1/);
    assert.match(run.stdout, /threshold 0\.\d+ {2}95% interval \[0\.\d+, 0\.\d+\] \(percentile bootstrap, 100 resamples, seed 1\)/);
    assert.match(run.stdout, /at it: precision .* recall .* F1/);
  });

  const badInputs: [string, string, string[], RegExp][] = [
    ['non-binary labels', 'y,p\n0,0.1\n2,0.4\n1,0.8\n', [], /label column 'y' must hold 0 or 1.*row 2 has 2/],
    ['text labels', 'y,p\nskip,0.1\nclick,0.4\n', [], /label column 'y' \(VARCHAR\) is not numeric: row 1 has 'skip'/],
    ['one class', 'y,p\n1,0.1\n1,0.4\n', [], /only one class present/],
    ['scores outside [0, 1]', 'y,p\n0,0.1\n1,1.7\n', [], /score column 'p' must hold probabilities in \[0, 1\]; row 2 has 1\.7/],
    ['a missing score', 'y,p\n0,0.1\n1,\n0,0.3\n', [], /score column 'p' has a missing value at row 2/],
    ['an unknown column', 'y,p\n0,0.1\n1,0.4\n', ['--slice', 'country'], /has no column 'country'; its columns are: y, p/],
    ['a missing objective parameter', 'y,p\n0,0.1\n1,0.4\n', ['--objective', 'max-recall'], /--objective max-recall needs --min-precision/],
    ['evidence without a model version', 'y,p\n0,0.1\n1,0.4\n', ['--model', 'spam', '--evidence', 'x.json'], /--model wants NAME@VERSION/],
  ];
  for (const [name, csv, extra, message] of badInputs) {
    it(`exits 2 with a clear message on ${name}`, () => {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.csv`);
      writeFileSync(file, csv);
      const objective = extra.includes('--objective') ? [] : ['--objective', 'f-beta'];
      const run = runPaydown(['threshold', file, '--label', 'y', '--score', 'p', ...objective, ...extra], dir);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    });
  }

  it('writes nothing when it fails', () => {
    const file = path.join(dir, 'one-class.csv');
    writeFileSync(file, 'y,p\n1,0.1\n1,0.4\n');
    const evidence = path.join(dir, 'never.json');
    const run = runPaydown(['threshold', file, '--label', 'y', '--score', 'p', '--objective', 'f-beta', '--model', 'm@1', '--evidence', evidence], dir);
    assert.equal(run.code, 2);
    assert.throws(() => readFileSync(evidence));
  });
});
