import path from 'node:path';
import type { Command } from 'commander';
import { importOutcomes } from '../../serve/outcomes/import-outcomes.js';
import { defaultDatabaseUrl, openStore } from '../../serve/store/open-store.js';
import { addCsvOptions, readOptionsOf, type CsvFlags } from '../csv-options.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';

interface OutcomesFlags extends CsvFlags {
  system: string;
  database?: string;
}

export function registerOutcomes(program: Command, done: (code: ExitCode) => void): void {
  const outcomes = program.command('outcomes').description('labels observed for logged predictions');
  addCsvOptions(
    outcomes
      .command('import')
      .description('import outcomes (predictionId, label) from a CSV, Parquet or JSON-lines file into the serve database')
      .argument('<file>', 'the outcomes: a file, quoted glob or folder with columns predictionId (or prediction_id) and label')
      .option('-s, --system <dir>', 'folder holding the YAML manifests (for the default database)', '.')
      .option('--database <url>', 'sqlite:FILE or postgres://… (default: the one `paydown serve <dir>` uses)'),
  )
    .addHelpText(
      'after',
      `
Importing the same file twice changes nothing (outcomes are keyed by prediction id; the last label wins).
Exit codes: 0 imported, 1 some rows skipped (printed), 2 unreadable file or usage error.

Examples:
  $ paydown outcomes import labels.csv --system examples/ad-click
  $ paydown outcomes import "labels/*.parquet" --database postgres://paydown@db/paydown`,
    )
    .action(async (file: string, flags: OutcomesFlags) => {
      done(await runImport(file, flags));
    });
}

async function runImport(file: string, flags: OutcomesFlags): Promise<ExitCode> {
  const store = await openStore(flags.database ?? defaultDatabaseUrl(path.resolve(flags.system)));
  try {
    const result = await importOutcomes(store, file, readOptionsOf(flags), Date.now());
    const lines = [`imported ${result.imported} outcomes from ${file}`];
    if (result.skipped > 0) lines.push(`skipped ${result.skipped} rows:`, ...result.problems.map((p) => `  ${p}`));
    await emit(`${lines.join('\n')}\n`, undefined);
    return result.skipped > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
