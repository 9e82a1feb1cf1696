import { Option, type Command } from 'commander';
import { readDataSchema } from '../../data/data-schema.js';
import { formatValidationText, validateData, type ValidateOptions } from '../../data/validate.js';
import { validationInput } from '../../data/report/from-validation.js';
import { renderDataReport } from '../../data/report/render-report.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';
import { addCsvOptions, readOptionsOf, type CsvFlags } from '../csv-options.js';

interface ValidateFlags extends CsvFlags {
  schema: string;
  format: 'text' | 'json' | 'html';
  output?: string;
}

export function registerValidate(program: Command, done: (code: ExitCode) => void): void {
  addCsvOptions(
    program
      .command('validate')
      .description('validate a dataset against a data schema (from `paydown schema infer`) and report anomalies')
      .argument('<data>', 'a file, a quoted glob such as "events/*.parquet", or a folder')
      .requiredOption('--schema <file>', 'the data schema (YAML, format paydown.data-schema/v1)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'html']).default('text'))
      .option('-o, --output <file>', 'write the report to a file instead of standard output')
  )
    .addHelpText(
      'after',
      `
Anomalies: missing-column, new-column, type-mismatch, nulls-over-limit, out-of-range,
unseen-category, nan-in-float, duplicate-key, row-count-out-of-bounds (see docs/data-schema.md).

Exit codes: 0 no anomalies, 1 anomalies found, 2 unreadable data, bad schema or usage error.

Examples:
  $ paydown schema infer clicks.csv -o clicks.schema.yaml
  $ paydown validate new-clicks.csv --schema clicks.schema.yaml
  $ paydown validate "events/*.parquet" --schema events.schema.yaml --format json -o validation.json
  $ paydown validate new-clicks.csv --schema clicks.schema.yaml --format html -o validation.html`,
    )
    .action(async (data: string, flags: ValidateFlags) => {
      done(await runValidate(data, flags));
    });
}

async function runValidate(data: string, flags: ValidateFlags): Promise<ExitCode> {
  const schema = readDataSchema(flags.schema);
  const options: ValidateOptions = {
    schemaFile: flags.schema,
    ...readOptionsOf(flags),
  };
  const result = await validateData(data, schema, options);
  const text =
    flags.format === 'json'
      ? `${JSON.stringify(result, null, 2)}\n`
      : flags.format === 'html'
        ? renderDataReport([{ kind: 'validate', result: validationInput(result) }], { title: 'paydown validation report' })
        : formatValidationText(result);
  await emit(text, flags.output);
  return result.valid ? 0 : 1;
}
