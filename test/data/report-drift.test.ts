import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { driftReport } from '../../src/data/drift.js';
import { profileData } from '../../src/data/profile.js';
import type { DatasetProfile } from '../../src/data/profile-types.js';
import { driftInput } from '../../src/data/report/from-drift.js';
import { renderDataReport } from '../../src/data/report/render-report.js';

describe('data report from real drift results', () => {
  let directory: string;
  let reference: DatasetProfile;
  let current: DatasetProfile;

  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'paydown-report-drift-'));
    const write = async (name: string, shift: number, share: number): Promise<string> => {
      const rows = ['amount,stable,country'];
      for (let index = 0; index < 2000; index++) {
        rows.push(`${(index % 100) + shift},${index % 50},${(index % 100) / 100 < share ? 'FR' : 'DE'}`);
      }
      const file = path.join(directory, name);
      await writeFile(file, `${rows.join('\n')}\n`);
      return file;
    };
    reference = await profileData(await write('ref.csv', 0, 0.5));
    current = await profileData(await write('cur.csv', 40, 0.5));
  });

  after(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('maps every compared column with histograms or categories, worst first in the html', () => {
    const input = driftInput(driftReport(reference, current), reference, current);
    const names = input.columns.map((column) => column.name).sort();
    assert.deepEqual(names, ['amount', 'country', 'stable']);
    const amount = input.columns.find((column) => column.name === 'amount')!;
    assert.equal(amount.drifted, true);
    assert.ok(amount.histogram !== undefined && amount.histogram.edges.length === 21);
    assert.equal(Math.round(amount.histogram.reference.reduce((sum, count) => sum + count, 0)), 2000);
    const country = input.columns.find((column) => column.name === 'country')!;
    assert.equal(country.drifted, false);
    assert.ok(country.categories !== undefined && country.categories.length >= 2);
    const html = renderDataReport([{ kind: 'drift', result: input }]);
    const order = [...html.matchAll(/data-column="([^"]*)"/g)].map((match) => match[1]);
    assert.equal(order[0], 'amount');
  });
});
