import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSchemaSchema } from './data-schema.js';

/** Where the published JSON Schema of data schema files lives, relative to the package root. */
export const DATA_SCHEMA_JSON_FILE = 'schema/paydown.data-schema.json';

/**
 * The JSON Schema of a data schema file (`paydown.data-schema/v1`, see docs/data-schema.md),
 * generated from its TypeBox definition and published as `schema/paydown.data-schema.json`, so
 * that editors complete and check the YAML that `paydown schema infer` writes.
 *
 * @example
 * await writeFile('paydown.data-schema.json', JSON.stringify(dataSchemaJsonSchema(), null, 2));
 */
export function dataSchemaJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://paydown.dev/schema/data-schema.json',
    title: 'paydown data schema',
    description: 'The expectations `paydown validate DATA --schema FILE` checks: column types, nulls, ranges, domains, uniqueness, row counts (docs/data-schema.md).',
    ...(JSON.parse(JSON.stringify(DataSchemaSchema)) as Record<string, unknown>),
  };
}

/**
 * The absolute path of the published schema file in this installation of paydown.
 *
 * @example
 * path.relative(process.cwd(), publishedDataSchemaPath()); // 'node_modules/paydown/schema/paydown.data-schema.json'
 */
export function publishedDataSchemaPath(): string {
  // this module is dist/src/data/data-schema-json.js: the package root is three folders up
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', DATA_SCHEMA_JSON_FILE);
}

/**
 * The `$schema` reference a data schema file written to `file` (standard output when undefined,
 * read from the working directory) gives its editor: the published schema, relative to the file.
 *
 * @example
 * schemaReferenceFor('schemas/clicks.schema.yaml'); // '../node_modules/paydown/schema/paydown.data-schema.json'
 */
export function schemaReferenceFor(file: string | undefined): string {
  const from = path.resolve(file === undefined ? '.' : path.dirname(file));
  const relative = path.relative(from, publishedDataSchemaPath()).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}
