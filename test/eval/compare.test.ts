import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { CompareReport } from '../../src/eval/compare/compare-report.js';
import { runPaydown, repo } from '../support/run-paydown.js';

const V7 = 'examples/ad-click/predictions/ctr-v7.csv';
const V8 = 'examples/ad-click/predictions/ctr-v8.csv';

describe('paydown compare', () => {
  it('lists the slice that got worse first although the total improved, and exits 1', () => {
    const run = runPaydown(['compare', V7, V8, '--label', 'clicked', '--slice', 'country', '--key', 'impression_id', '--bootstrap', '300', '--format', 'json'], repo);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as CompareReport;
    assert.equal(report.overall.rows, 8000);
    assert.ok(report.overall.deltas!.auc.low > 0, 'the total AUC improved');
    assert.equal(report.slices[0].name, 'country=jp');
    assert.equal(report.slices[0].status, 'worse');
    assert.equal(report.slices[0].deltas!.logLoss.verdict, 'worse');
    assert.ok(report.slices[0].shift.ks > report.slices[1].shift.ks, 'jp scores moved most');
    assert.ok(report.slices.slice(1).every((s) => s.status !== 'worse'));
    assert.equal(report.worse, true);
    assert.deepEqual(report.unmatched, { baseline: 0, candidate: 0 });
  });

  it('pairs by row order the same as by key when the files are in the same order', () => {
    const byKey = JSON.parse(runPaydown(['compare', V7, V8, '--label', 'clicked', '--key', 'impression_id', '--bootstrap', '50', '--format', 'json'], repo).stdout) as CompareReport;
    const byOrder = JSON.parse(runPaydown(['compare', V7, V8, '--label', 'clicked', '--bootstrap', '50', '--format', 'json'], repo).stdout) as CompareReport;
    assert.equal(byOrder.joinedBy, 'row order');
    assert.deepEqual(byOrder.overall, byKey.overall);
  });

  it('finds no change between a model and itself: zero deltas, no flips, exit 0', () => {
    const run = runPaydown(['compare', V7, V7, '--label', 'clicked', '--slice', 'device', '--bootstrap', '50', '--format', 'json'], repo);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as CompareReport;
    for (const slice of [report.overall, ...report.slices]) {
      assert.equal(slice.flips.share, 0);
      assert.equal(slice.shift.ks, 0);
      assert.equal(slice.status, 'unchanged');
      for (const delta of Object.values(slice.deltas!)) assert.deepEqual([delta.delta, delta.low, delta.high], [0, 0, 0]);
    }
  });

  it('counts flips at the threshold in both directions', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-compare-'));
    writeFileSync(path.join(dir, 'a.csv'), 'id,score\n1,0.2\n2,0.6\n3,0.7\n4,0.1\n');
    writeFileSync(path.join(dir, 'b.csv'), 'id,score\n4,0.1\n3,0.4\n2,0.65\n1,0.55\n');
    const run = runPaydown(['compare', 'a.csv', 'b.csv', '--key', 'id', '--threshold', '0.5', '--format', 'json'], dir);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as CompareReport;
    assert.deepEqual(report.overall.flips, { share: 0.5, toPositive: 1, toNegative: 1 });
    assert.equal(report.overall.status, 'no labels');
    assert.equal(report.overall.deltas, undefined);
  });

  it('reports rows without a partner instead of hiding them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-compare-'));
    writeFileSync(path.join(dir, 'a.csv'), 'id,score\n1,0.2\n2,0.6\n3,0.7\n');
    writeFileSync(path.join(dir, 'b.csv'), 'id,score\n2,0.6\n3,0.7\n9,0.1\n8,0.3\n');
    const run = runPaydown(['compare', 'a.csv', 'b.csv', '--key', 'id'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /NOT ALL ROWS PAIRED: 1 baseline and 2 candidate rows have no partner/);
  });

  const bad: [string, string, string, string[], RegExp][] = [
    ['files of different lengths without a key', 'score\n0.1\n0.2\n', 'score\n0.1\n', [], /has 2 rows but .* has 1; without --key/],
    ['a duplicated key', 'id,score\n1,0.1\n1,0.2\n', 'id,score\n1,0.1\n', ['--key', 'id'], /--key id is not unique: '1' is on rows 1 and 2/],
    ['a score outside [0, 1] in the candidate', 'score\n0.1\n0.2\n', 'score\n0.1\n-3\n', [], /b\.csv: score column 'score' must hold probabilities/],
    ['an unknown label column', 'score\n0.1\n0.2\n', 'score\n0.1\n0.2\n', ['--label', 'clicked'], /a\.csv has no column 'clicked'/],
  ];
  for (const [name, a, b, extra, message] of bad) {
    it(`exits 2 on ${name}`, () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'paydown-compare-'));
      writeFileSync(path.join(dir, 'a.csv'), a);
      writeFileSync(path.join(dir, 'b.csv'), b);
      const run = runPaydown(['compare', 'a.csv', 'b.csv', ...extra], dir);
      assert.equal(run.code, 2, run.stdout);
      assert.match(run.stderr, message);
    });
  }
});
