import type { Command } from 'commander';
import { ProjectConfigSchema } from '../../check/project-config.js';
import { manifestJsonSchema } from '../../manifest/schema.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';

interface SchemaFlags {
  config?: boolean;
  output?: string;
}

/** Which schema `paydown schema` prints. */
export type SchemaName = 'manifest' | 'config';

/** The files the published schemas live in, relative to the package root. */
export const schemaFiles: Readonly<Record<SchemaName, string>> = {
  manifest: 'schema/paydown.schema.json',
  config: 'schema/paydown.config.schema.json',
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
  const schema = name === 'config' ? configJsonSchema() : manifestJsonSchema();
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export function registerSchema(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('schema')
    .description('print the JSON Schema of manifest documents (or of paydown.config.yaml), for editors and CI')
    .option('--config', 'print the schema of paydown.config.yaml instead')
    .option('-o, --output <file>', 'write the schema to a file instead of standard output')
    .addHelpText(
      'after',
      `
Examples:
  $ paydown schema > paydown.schema.json
  $ paydown schema --config --output paydown.config.schema.json

Point your editor at it with a first line such as:
  # yaml-language-server: $schema=./paydown.schema.json`,
    )
    .action(async (flags: SchemaFlags) => {
      await emit(schemaText(flags.config ? 'config' : 'manifest'), flags.output);
      done(0);
    });
}
