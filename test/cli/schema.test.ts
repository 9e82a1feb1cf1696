import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { schemaFiles, schemaText, type SchemaName } from '../../src/cli/commands/schema.js';
import { PROJECT_CONFIG_FILE } from '../../src/check/project-config.js';
import { starterFiles } from '../../src/cli/commands/init.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

function yamlFilesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function validatorOf(name: SchemaName): ReturnType<Ajv['compile']> {
  return new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(schemaText(name)) as object);
}

function documentsOf(file: string, text: string): unknown[] {
  return parseAllDocuments(text).map((document, index) => {
    assert.deepEqual(document.errors, [], `${file} document ${index} has YAML errors`);
    return document.toJS() as unknown;
  });
}

function assertValid(name: SchemaName, file: string, text: string): void {
  const validate = validatorOf(name);
  documentsOf(file, text).forEach((value, index) => {
    if (value === null || value === undefined) return;
    assert.ok(validate(value), `${file} document ${index}: ${JSON.stringify(validate.errors, null, 2)}`);
  });
}

describe('published JSON Schemas', () => {
  for (const name of ['manifest', 'config'] as const) {
    it(`${schemaFiles[name]} is what the code generates (regenerate with \`paydown schema${name === 'config' ? ' --config' : ''} -o ${schemaFiles[name]}\`)`, () => {
      const committed = readFileSync(path.join(repo, schemaFiles[name]), 'utf8');
      assert.equal(committed, schemaText(name));
    });
  }

  it('every YAML file under examples/ is valid against the schemas', () => {
    for (const file of yamlFilesUnder(path.join(repo, 'examples'))) {
      const isConfig = path.basename(file) === PROJECT_CONFIG_FILE;
      assertValid(isConfig ? 'config' : 'manifest', file, readFileSync(file, 'utf8'));
    }
  });

  it('the system paydown init writes is valid against the schemas', () => {
    for (const file of starterFiles()) assertValid(file.name === PROJECT_CONFIG_FILE ? 'config' : 'manifest', file.name, file.text);
  });

  it('rejects a document of an unknown kind or with a misspelt field', () => {
    const validate = validatorOf('manifest');
    assert.equal(validate({ kind: 'source', id: 'clicks' }), true);
    assert.equal(validate({ kind: 'sorce', id: 'clicks' }), false);
    assert.equal(validate({ kind: 'source', id: 'clicks', ownr: 'me' }), false);
  });
});
