import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { ValidationResult } from '../../src/data/validate.js';
import { runPaydown, type Run } from '../support/run-paydown.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-validate-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const paydown = (args: readonly string[]): Run => runPaydown(args, scratch);

function csv(name: string, rows: readonly string[]): string {
  const file = path.join(scratch, name);
  writeFileSync(file, `${['id,age,country', ...rows].join('\n')}\n`);
  return file;
}

const reference = Array.from({ length: 20 }, (_unused, index) => `${index + 1},${20 + index},${index % 2 === 0 ? 'FR' : 'DE'}`);

describe('paydown schema infer and paydown validate', () => {
  it('infers a schema (exit 0) that the same data passes (exit 0)', () => {
    const data = csv('reference.csv', reference);
    const infer = paydown(['schema', 'infer', data, '-o', 'reference.schema.yaml']);
    assert.equal(infer.code, 0, infer.stderr);
    assert.match(readFileSync(path.join(scratch, 'reference.schema.yaml'), 'utf8'), /format: paydown\.data-schema\/v1/);
    const printed = paydown(['schema', 'infer', data]);
    assert.equal(printed.code, 0, printed.stderr);
    // the first line points editors at the published JSON Schema, then the header comment
    assert.match(printed.stdout, /^# yaml-language-server: \$schema=\S*schema\/paydown\.data-schema\.json\n# paydown data schema/);
    const validate = paydown(['validate', data, '--schema', 'reference.schema.yaml']);
    assert.equal(validate.code, 0, validate.stderr);
    assert.match(validate.stdout, /20 rows, no anomalies/);
  });

  it('exits 1 with the anomalies when the data breaks the schema', () => {
    csv('reference.csv', reference);
    assert.equal(paydown(['schema', 'infer', 'reference.csv', '-o', 'ref.schema.yaml']).code, 0);
    const rows = [...reference.slice(0, 18), '19,99,FR', '20,39,XX'];
    csv('new.csv', rows);
    const text = paydown(['validate', 'new.csv', '--schema', 'ref.schema.yaml']);
    assert.equal(text.code, 1, text.stderr);
    assert.match(text.stdout, /out-of-range/);
    const json = paydown(['validate', 'new.csv', '--schema', 'ref.schema.yaml', '--format', 'json', '-o', 'result.json']);
    assert.equal(json.code, 1, json.stderr);
    const result = JSON.parse(readFileSync(path.join(scratch, 'result.json'), 'utf8')) as ValidationResult;
    assert.equal(result.format, 'paydown.validation/v1');
    assert.deepEqual(
      result.anomalies.map((found) => [found.id, found.count]),
      [
        ['out-of-range:age', 1],
        ['unseen-category:country', 1],
      ],
    );
  });

  it('exits 2 for a bad schema file, with file:line:column', () => {
    csv('reference.csv', reference);
    writeFileSync(path.join(scratch, 'bad.schema.yaml'), 'format: paydown.data-schema/v1\ncolumns:\n  age:\n    type: integer\n    nulable: false\n');
    const run = paydown(['validate', 'reference.csv', '--schema', 'bad.schema.yaml']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /bad\.schema\.yaml:5:5: .*unknown field 'nulable'/);
  });

  it('exits 2 for missing data, a missing --schema and a bad margin', () => {
    assert.equal(paydown(['validate', 'nope.csv', '--schema', 'ref.schema.yaml']).code, 2);
    assert.equal(paydown(['validate', 'reference.csv']).code, 2);
    assert.equal(paydown(['schema', 'infer', 'reference.csv', '--range-margin', 'lots']).code, 2);
  });

  it('keeps `paydown schema` printing the manifest JSON Schema', () => {
    const run = paydown(['schema']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /"\$id": "https:\/\/paydown\.dev\/schema\/manifest\.json"/);
  });
});
