import type { Command } from 'commander';
import { parseColumnTypes, type ReadOptions } from '../data/read-data.js';

/** The CSV flags every data command takes. */
export interface CsvFlags {
  delimiter?: string;
  header?: boolean;
  types?: string;
}

/** Adds `--delimiter`, `--header` / `--no-header` and `--types` to a data command. */
export function addCsvOptions(command: Command): Command {
  return command
    .option('--delimiter <char>', 'CSV field delimiter (detected by default)')
    .option('--header', 'CSV: the first line holds the column names')
    .option('--no-header', 'CSV: the first line is data')
    .option('--types <list>', 'CSV column types, e.g. user_id:VARCHAR,age:INTEGER');
}

/** The read options the CSV flags ask for; flags left out stay out (DuckDB detects them). */
export function readOptionsOf(flags: CsvFlags): ReadOptions {
  return {
    ...(flags.delimiter === undefined ? {} : { delimiter: flags.delimiter }),
    ...(flags.header === undefined ? {} : { header: flags.header }),
    ...(flags.types === undefined ? {} : { columnTypes: parseColumnTypes(flags.types) }),
  };
}
