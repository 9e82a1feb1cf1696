import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { SlicesReport } from '../../src/eval/slices/slice-report.js';
import { runPaydown, repo } from '../support/run-paydown.js';
import { BANK_CSV, readReference } from './fixtures.js';

const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 1e-9, `${what}: ${a} vs scikit-learn ${b}`);

describe('paydown slices', () => {
  const reference = readReference('bank-metrics.json.gz');
  const run = runPaydown(['slices', BANK_CSV, '--label', 'y', '--score', 'score', '--by', 'contact', '--bootstrap', '200', '--format', 'json'], repo);
  const report = JSON.parse(run.stdout) as SlicesReport;

  it('reports the overall metrics as scikit-learn computes them', () => {
    assert.equal(run.code, 0, run.stderr);
    const overall = report.overall;
    assert.equal(overall.rows, reference.overall.n);
    assert.equal(overall.positives, reference.overall.positives);
    close(overall.auc.value, reference.overall.rocAuc, 'AUC');
    close(overall.logLoss.value, reference.overall.logLoss, 'log loss');
    close(overall.brier.value, reference.overall.brier, 'Brier');
    close(overall.ece.value, reference.overall.calibration.ece, 'ECE');
    close(overall.bias.value, reference.overall.meanScore - reference.overall.observedRate, 'bias');
    assert.deepEqual(overall.reliability.map((bin) => bin.count), reference.overall.calibration.counts);
  });

  it('reports every slice with its sample size and metrics, worst AUC first, each inside its interval', () => {
    assert.deepEqual(report.slices.map((s) => s.name).sort(), Object.keys(reference.byContact!).map((v) => `contact=${v}`).sort());
    for (const slice of report.slices) {
      const expected = reference.byContact![slice.slice.contact];
      assert.equal(slice.rows, expected.n);
      assert.equal(slice.positives, expected.positives);
      close(slice.auc.value, expected.rocAuc, `${slice.name} AUC`);
      close(slice.logLoss.value, expected.logLoss, `${slice.name} log loss`);
      close(slice.ece.value, expected.calibration.ece, `${slice.name} ECE`);
      for (const metric of ['auc', 'logLoss', 'brier', 'ece', 'bias'] as const) {
        assert.ok(slice[metric].low <= slice[metric].value && slice[metric].value <= slice[metric].high, `${slice.name} ${metric} ${JSON.stringify(slice[metric])}`);
      }
    }
    const aucs = report.slices.map((s) => s.auc.value);
    assert.deepEqual(aucs, [...aucs].sort((a, b) => a - b));
    assert.ok(report.slices[0].flags.includes('AUC below overall'), JSON.stringify(report.slices[0].flags));
  });

  it('is deterministic for a seed', () => {
    const again = runPaydown(['slices', BANK_CSV, '--label', 'y', '--score', 'score', '--by', 'contact', '--bootstrap', '200', '--format', 'json'], repo);
    assert.deepEqual((JSON.parse(again.stdout) as SlicesReport).slices, report.slices);
  });

  it('sorts by another metric and prints a text table with the overall row first', () => {
    const text = runPaydown(['slices', 'examples/ad-click/predictions/ctr-v8.csv', '--label', 'clicked', '--score', 'score', '--by', 'country', '--sort', 'bias', '--bootstrap', '100'], repo);
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.split('\n');
    assert.match(lines[3], /^slice\s+rows\s+positives\s+AUC/);
    assert.match(lines[4], /^all rows\s+8000/);
    assert.match(lines[5], /^country=jp\s.*over-predicts/, 'jp has the largest bias in the example');
  });

  it('a slice with one class gets no AUC and says so, instead of failing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-slices-'));
    const file = path.join(dir, 'p.csv');
    writeFileSync(file, 'y,p,g\n0,0.1,a\n1,0.8,a\n0,0.3,a\n1,0.6,a\n0,0.2,b\n0,0.1,b\n');
    const one = runPaydown(['slices', file, '--label', 'y', '--score', 'p', '--by', 'g', '--bootstrap', '50', '--format', 'json'], dir);
    assert.equal(one.code, 0, one.stderr);
    const parsed = JSON.parse(one.stdout) as SlicesReport;
    const b = parsed.slices.find((s) => s.name === 'g=b')!;
    assert.equal(b.auc.value, null);
    assert.equal(b.flags[0], 'one class: no AUC');
    assert.equal(parsed.slices[parsed.slices.length - 1].name, 'g=b', 'undefined AUC sorts last');
  });

  it('exits 2 without --by, and on an unknown slice column', () => {
    const none = runPaydown(['slices', BANK_CSV, '--label', 'y', '--score', 'score'], repo);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--by needs at least one slice column/);
    const unknown = runPaydown(['slices', BANK_CSV, '--label', 'y', '--score', 'score', '--by', 'Contact'], repo);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no column 'Contact' \(did you mean 'contact'\?\)/);
  });
});
