import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DriftReport } from '../../src/data/drift.js';
import { runPaydown, type Run } from '../support/run-paydown.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-drift-'));

const paydown = (args: readonly string[]): Run => runPaydown(args, scratch);

/** A CSV of n rows: x ~ N(shift, 1) (a deterministic quasi-random sequence), y uniform, a category. */
function csv(file: string, n: number, shift: number, seed: number): void {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state + 0.5) / 2147483648;
  };
  const lines = ['x,y,country'];
  for (let i = 0; i < n; i += 1) {
    const z = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
    lines.push(`${(z + shift).toFixed(5)},${next().toFixed(5)},${['fr', 'de', 'it'][i % 3]}`);
  }
  writeFileSync(path.join(scratch, file), `${lines.join('\n')}\n`);
}

before(() => {
  csv('ref.csv', 3000, 0, 1);
  csv('same.csv', 3000, 0, 2);
  csv('shifted.csv', 3000, 1, 3);
});
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('paydown drift', () => {
  it('exits 0 without drift and 1 with it', () => {
    const same = paydown(['drift', 'ref.csv', 'same.csv']);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /dataset: 0 of 3 columns drifted/);
    const shifted = paydown(['drift', 'ref.csv', 'shifted.csv', '--drift-share', '0']);
    assert.equal(shifted.code, 1, shifted.stderr);
    assert.match(shifted.stdout, /^x\s+numeric\s+wasserstein.*DRIFT$/m);
  });
  it('reads a saved profile as the reference and writes JSON', () => {
    const saved = paydown(['profile', 'ref.csv', '--slice', 'country', '--save', 'ref.profile.json', '-o', 'profile.txt']);
    assert.equal(saved.code, 0, saved.stderr);
    const run = paydown(['drift', 'ref.profile.json', 'shifted.csv', '--slice', 'country', '--drift-share', '0.3', '--format', 'json', '-o', 'drift.json']);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(readFileSync(path.join(scratch, 'drift.json'), 'utf8')) as DriftReport;
    assert.equal(report.format, 'paydown.drift/v1');
    const x = report.columns.find((c) => c.column === 'x');
    assert.equal(x?.drifted, true);
    assert.equal(x?.exact, false);
    assert.ok((x?.errorBound ?? 0) > 0);
    assert.deepEqual(report.slices?.map((s) => s.key.country).sort(), ['de', 'fr', 'it']);
  });
  it('overrides a method per column and rejects bad overrides', () => {
    const run = paydown(['drift', 'ref.csv', 'same.csv', '--column-method', 'country=l-infinity', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as DriftReport;
    assert.equal(report.columns.find((c) => c.column === 'country')?.method, 'l-infinity');
    assert.equal(paydown(['drift', 'ref.csv', 'same.csv', '--column-method', 'x=chi-square']).code, 2);
    assert.equal(paydown(['drift', 'ref.csv', 'same.csv', '--column-method', 'x=magic']).code, 2);
    assert.equal(paydown(['drift', 'ref.csv', 'same.csv', '--column-method', 'nope=ks']).code, 2);
  });
});
