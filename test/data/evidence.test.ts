import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execute } from '../../src/cli/main.js';
import { computeDataEvidence } from '../../src/data/evidence/data-evidence.js';
import { loadEvidence } from '../../src/evidence/load-evidence.js';
import { PaydownError } from '../../src/errors.js';

describe('data evidence', () => {
  let directory: string;
  let data: string;

  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'paydown-data-evidence-'));
    data = path.join(directory, 'events.csv');
    const rows = ['ts,price,price_eur,noise,country'];
    for (let index = 0; index < 60; index++) {
      const day = `2024-09-${String(10 + Math.floor(index / 20)).padStart(2, '0')}T${String(index % 20).padStart(2, '0')}:00:00`;
      const price = 10 + index;
      // price_eur is missing on the second day (index 20..39)
      const eur = index >= 20 && index < 40 ? '' : (price * 0.9 + 0.5).toFixed(2);
      const noise = (index * 7919) % 13;
      rows.push(`${day},${price},${eur},${noise},${index % 2 === 0 ? 'FR' : 'DE'}`);
    }
    await writeFile(data, `${rows.join('\n')}\n`);
  });

  after(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('counts rows and non-null shares per day and correlates numeric pairs', async () => {
    const doc = await computeDataEvidence(data, { time: 'ts', createdAt: '2024-10-01T00:00:00Z' });
    assert.equal(doc.format, 'paydown.data-evidence/v1');
    assert.equal(doc.rows, 60);
    assert.deepEqual(doc.columns, ['price', 'price_eur', 'noise', 'country']);
    const eur = doc.availability.find((column) => column.column === 'price_eur')!;
    assert.deepEqual(eur.days, [
      { day: '2024-09-10', rows: 20, nonNull: 20, share: 1 },
      { day: '2024-09-11', rows: 20, nonNull: 0, share: 0 },
      { day: '2024-09-12', rows: 20, nonNull: 20, share: 1 },
    ]);
    assert.deepEqual(doc.correlations.map((pair) => `${pair.a}~${pair.b}`), ['price~price_eur', 'price~noise', 'price_eur~noise']);
    const strong = doc.correlations[0];
    assert.equal(strong.n, 40);
    assert.ok(strong.pearson !== null && strong.pearson > 0.999, `pearson ${strong.pearson}`);
    assert.ok(Math.abs(doc.correlations[1].pearson ?? 1) < 0.5);
  });

  it('writes a file the evidence loader reads, and the rule uses it in check', async () => {
    const output = path.join(directory, 'events.data.json');
    assert.equal(await execute(['data-evidence', data, '--time', 'ts', '--features', 'price,price_eur', '-o', output]), 0);
    const evidence = await loadEvidence([output]);
    assert.equal(evidence.data.length, 1);
    assert.equal(evidence.importance.length, 0);
    assert.deepEqual(evidence.data[0].columns, ['price', 'price_eur']);
    const system = path.join(directory, 'system');
    const manifest = ['kind: feature', 'id: price', '---', 'kind: feature', 'id: price_eur', '---', 'kind: model', 'id: ctr', 'inputs: [price, price_eur]', ''].join('\n');
    await mkdir(system, { recursive: true });
    await writeFile(path.join(system, 'system.yaml'), manifest);
    const report = path.join(directory, 'check.json');
    await execute(['check', system, '--evidence', output, '--format', 'json', '--output', report]);
    const text = await readFile(report, 'utf8');
    assert.match(text, /correlated-features/);
  });

  it('reports invalid data evidence with the field', async () => {
    const bad = path.join(directory, 'bad.json');
    await writeFile(bad, JSON.stringify({ format: 'paydown.data-evidence/v1', source: 'x', time: 'ts', rows: -1, columns: [], availability: [], correlations: [] }));
    await assert.rejects(loadEvidence([bad]), (error: unknown) => error instanceof PaydownError && error.problems.some((problem) => problem.message.includes('rows')));
  });

  it('rejects an unknown time column', async () => {
    await assert.rejects(computeDataEvidence(data, { time: 'when' }), /time column 'when'/);
  });
});
