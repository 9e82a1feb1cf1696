import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { schemaFiles, schemaText } from '../../src/cli/commands/schema.js';
import { publishedDataSchemaPath, schemaReferenceFor } from '../../src/data/data-schema-json.js';
import { repo } from '../support/run-paydown.js';

describe('the published JSON Schema of data schema files', () => {
  it(`${schemaFiles.data} is what the code generates (regenerate with \`paydown schema --data-schema -o ${schemaFiles.data}\`)`, () => {
    assert.equal(readFileSync(path.join(repo, schemaFiles.data), 'utf8'), schemaText('data'));
    assert.equal(publishedDataSchemaPath(), path.join(repo, schemaFiles.data));
  });

  it('accepts the bundled example schema and rejects a misspelt field', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(schemaText('data')) as object);
    const example = JSON.parse(readFileSync(path.join(repo, 'examples/ad-click/data/impression_log.schema.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(example.$schema, '../../../schema/paydown.data-schema.json');
    assert.equal(validate(example), true, JSON.stringify(validate.errors));
    const columns = example.columns as Record<string, Record<string, unknown>>;
    const misspelt = { ...example, columns: { ...columns, ctr_7d: { ...columns.ctr_7d, maxNullShar: 0.1 } } };
    assert.equal(validate(misspelt), false);
  });

  it('points a written schema file at the published schema, relative to the file', () => {
    const reference = schemaReferenceFor(path.join(repo, 'examples/ad-click/data/impression_log.schema.json'));
    assert.equal(reference, '../../../schema/paydown.data-schema.json');
    assert.equal(path.resolve(repo, 'examples/ad-click/data', reference), publishedDataSchemaPath());
  });
});
