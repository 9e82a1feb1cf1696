import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execute } from '../../src/cli/main.js';
import { computeSkew, formatSkewText } from '../../src/data/skew.js';

describe('training/serving skew', () => {
  let directory: string;
  let training: string;
  let serving: string;

  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'paydown-skew-'));
    training = path.join(directory, 'train.csv');
    serving = path.join(directory, 'serve.csv');
    const trainRows = ['id,price,country,clicks'];
    const serveRows = ['id,price,country,clicks'];
    for (let id = 1; id <= 100; id++) {
      trainRows.push(`${id},${(id * 1.5).toFixed(2)},${id % 2 === 0 ? 'FR' : 'DE'},${id % 7}`);
      if (id > 98) continue; // 99 and 100 only in training
      // price: rows 1..10 off by 1 (10% mismatch); country: row 5 null on serving; clicks identical
      const price = id <= 10 ? (id * 1.5 + 1).toFixed(2) : (id * 1.5 + 1e-12).toFixed(2);
      const country = id === 5 ? '' : id % 2 === 0 ? 'FR' : 'DE';
      serveRows.push(`${id},${price},${country},${id % 7}`);
    }
    serveRows.push('200,1.0,FR,1');
    await writeFile(training, `${trainRows.join('\n')}\n`);
    await writeFile(serving, `${serveRows.join('\n')}\n`);
  });

  after(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('finds per-feature mismatches joined on a key, worst first, with examples', async () => {
    const result = await computeSkew(training, serving, { key: ['id'] });
    assert.equal(result.mode, 'keyed');
    if (result.mode !== 'keyed') return;
    assert.deepEqual(result.rows, { training: 100, serving: 99, joined: 98, onlyTraining: 2, onlyServing: 1 });
    assert.deepEqual(result.onlyTrainingExamples, [{ id: '99' }, { id: '100' }]);
    assert.deepEqual(result.onlyServingExamples, [{ id: '200' }]);
    assert.deepEqual(result.columns.map((column) => column.name), ['price', 'country', 'clicks']);
    const [price, country, clicks] = result.columns;
    assert.equal(price.kind, 'numeric');
    assert.equal(price.mismatches, 10);
    assert.equal(price.examples.length, 5);
    assert.deepEqual(price.examples[0], { key: { id: '1' }, training: '1.5', serving: '2.5' });
    assert.equal(country.kind, 'categorical');
    assert.equal(country.mismatches, 1);
    assert.equal(country.nullMismatches, 1);
    assert.deepEqual(country.examples, [{ key: { id: '5' }, training: 'DE', serving: null }]);
    assert.equal(clicks.mismatches, 0);
    assert.equal(clicks.skewed, false);
    assert.equal(result.skewed, true);
    assert.match(formatSkewText(result), /SKEW price \(numeric\): 10\/98/);
  });

  it('honours the tolerance and threshold', async () => {
    const result = await computeSkew(training, serving, { key: ['id'], columns: ['price'], thresholds: { tolerance: 1.01, maxMismatchRate: 0.5 } });
    assert.equal(result.columns[0].name, 'price');
    assert.equal(result.mode === 'keyed' && result.columns[0].mismatches, 0);
    assert.equal(result.skewed, false);
  });

  it('compares distributions without a key', async () => {
    const result = await computeSkew(training, serving);
    assert.equal(result.mode, 'distribution');
    if (result.mode !== 'distribution') return;
    const byName = new Map(result.columns.map((column) => [column.name, column]));
    const country = byName.get('country')!;
    assert.ok(Math.abs(country.nullRateDiff - 1 / 99) < 1e-9);
    assert.ok(country.shareDistance !== undefined && country.shareDistance < 0.1);
    const id = byName.get('id')!;
    assert.ok(id.meanShift !== undefined && id.meanShift !== null && id.meanShift > 0);
    assert.equal(result.columns[0].skewed, true, 'worst first');
  });

  it('exits 1 on skew and writes JSON', async () => {
    const output = path.join(directory, 'skew.json');
    const code = await execute(['skew', training, serving, '--key', 'id', '--format', 'json', '-o', output]);
    assert.equal(code, 1);
    const json = JSON.parse(await readFile(output, 'utf8')) as { format: string; columns: { name: string }[] };
    assert.equal(json.format, 'paydown.skew/v1');
    assert.equal(json.columns[0].name, 'price');
    const clean = await execute(['skew', training, training, '--key', 'id', '-o', path.join(directory, 'same.txt')]);
    assert.equal(clean, 0);
  });

  it('rejects an unknown key with exit 2', async () => {
    const code = await execute(['skew', training, serving, '--key', 'nope', '-o', path.join(directory, 'x.txt')]);
    assert.equal(code, 2);
  });
});
