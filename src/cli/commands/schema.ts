import type { Command } from 'commander';
import { ProjectConfigSchema } from '../../check/project-config.js';
import { parseColumnTypes } from '../../data/read-data.js';
import { dataSchemaToJson, dataSchemaToYaml, inferDataSchema, type InferOptions } from '../../data/schema-infer.js';
import { dataSchemaJsonSchema, schemaReferenceFor } from '../../data/data-schema-json.js';
import { PaydownError } from '../../errors.js';
import { manifestJsonSchema } from '../../manifest/schema.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';

interface SchemaFlags {
  config?: boolean;
  dataSchema?: boolean;
  output?: string;
}

/** Which schema `paydown schema` prints. */
export type SchemaName = 'manifest' | 'config' | 'data';

/** The files the published schemas live in, relative to the package root. */
export const schemaFiles: Readonly<Record<SchemaName, string>> = {
  manifest: 'schema/paydown.schema.json',
  config: 'schema/paydown.config.schema.json',
  data: 'schema/paydown.data-schema.json',
};

/**
 * The JSON Schema of the project config (`paydown.config.yaml`), published as
 * `schema/paydown.config.schema.json`.
 *
 * @example
 * const schema = configJsonSchema();
 */
export function configJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://paydown.dev/schema/config.json',
    title: 'paydown project config',
    description: 'paydown.config.yaml: the rule preset, rule settings, evidence and baseline of a system.',
    ...(JSON.parse(JSON.stringify(ProjectConfigSchema)) as Record<string, unknown>),
  };
}

/**
 * The text of a published schema file: the schema as indented JSON with a final newline.
 *
 * @example
 * await writeFile('schema/paydown.schema.json', schemaText('manifest'));
 */
export function schemaText(name: SchemaName): string {
  const schema = name === 'config' ? configJsonSchema() : name === 'data' ? dataSchemaJsonSchema() : manifestJsonSchema();
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export function registerSchema(program: Command, done: (code: ExitCode) => void): void {
  const schema = program
    .command('schema')
    .description('print the JSON Schema of manifest documents (or of paydown.config.yaml); `schema infer` infers a data schema')
    .option('--config', 'print the schema of paydown.config.yaml instead')
    .option('--data-schema', 'print the schema of data schema files (`schema infer` output, `validate --schema`) instead')
    .option('-o, --output <file>', 'write the schema to a file instead of standard output')
    .addHelpText(
      'after',
      `
Examples:
  $ paydown schema > paydown.schema.json
  $ paydown schema --config --output paydown.config.schema.json
  $ paydown schema --data-schema --output paydown.data-schema.json
  $ paydown schema infer clicks.parquet -o clicks.schema.yaml

Point your editor at it with a first line such as:
  # yaml-language-server: $schema=./paydown.schema.json`,
    )
    .action(async (flags: SchemaFlags) => {
      await emit(schemaText(flags.config ? 'config' : flags.dataSchema ? 'data' : 'manifest'), flags.output);
      done(0);
    });
  schema
    .command('infer')
    .description('infer a reviewable data schema (YAML) from a dataset, for `paydown validate`')
    .argument('<data>', 'a file, a quoted glob such as "events/*.parquet", or a folder')
    .option('-o, --output <file>', 'write the data schema to a file instead of standard output')
    .option('--json', 'write JSON instead of commented YAML (also when --output ends in .json)')
    .option('--range-margin <share>', 'widen numeric ranges by this share of the observed span on each side', '0')
    .option('--null-margin <share>', 'allow this share of nulls above the observed share', '0.05')
    .option('--row-margin <share>', 'row-count bounds: observed rows × (1 ± this)', '0.5')
    .option('--max-categories <n>', 'string columns with at most this many values get a domain', '50')
    .option('--delimiter <char>', 'CSV field delimiter (detected by default)')
    .option('--header', 'CSV: the first line holds the column names')
    .option('--no-header', 'CSV: the first line is data')
    .option('--types <list>', 'CSV column types, e.g. user_id:VARCHAR,age:INTEGER')
    .addHelpText(
      'after',
      `
Exit codes: 0 inferred, 2 unreadable data or usage error.

Examples:
  $ paydown schema infer clicks.csv -o clicks.schema.yaml
  $ paydown schema infer "events/*.parquet" --range-margin 0.1 --null-margin 0.02 -o events.schema.yaml
  $ paydown validate new-clicks.csv --schema clicks.schema.yaml`,
    )
    .action(async (data: string, _flags: InferFlags, command: Command) => {
      const flags = command.optsWithGlobals<InferFlags>();
      const { schema: inferred, notes, margins } = await inferDataSchema(data, inferOptions(flags));
      const reference = schemaReferenceFor(flags.output);
      const json = flags.json === true || /\.json$/i.test(flags.output ?? '');
      await emit(json ? dataSchemaToJson(inferred, reference) : dataSchemaToYaml(inferred, notes, margins, reference), flags.output);
      done(0);
    });
}

interface InferFlags {
  output?: string;
  json?: boolean;
  rangeMargin: string;
  nullMargin: string;
  rowMargin: string;
  maxCategories: string;
  delimiter?: string;
  header?: boolean;
  types?: string;
}

function inferOptions(flags: InferFlags): InferOptions {
  return {
    rangeMargin: share('--range-margin', flags.rangeMargin, Number.POSITIVE_INFINITY),
    nullMargin: share('--null-margin', flags.nullMargin, 1),
    rowMargin: share('--row-margin', flags.rowMargin, Number.POSITIVE_INFINITY),
    maxCategories: Math.floor(share('--max-categories', flags.maxCategories, Number.POSITIVE_INFINITY)),
    ...(flags.delimiter === undefined ? {} : { delimiter: flags.delimiter }),
    ...(flags.header === undefined ? {} : { header: flags.header }),
    ...(flags.types === undefined ? {} : { columnTypes: parseColumnTypes(flags.types) }),
  };
}

function share(flag: string, text: string, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > max) {
    throw new PaydownError('PAYDOWN_USAGE', `${flag} expects a number from 0${Number.isFinite(max) ? ` to ${max}` : ''}, got '${text}'`);
  }
  return value;
}
