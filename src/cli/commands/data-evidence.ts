import type { Command } from 'commander';
import { computeDataEvidence } from '../../data/evidence/data-evidence.js';
import { PaydownError } from '../../errors.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';

interface DataEvidenceFlags {
  time: string;
  features?: string;
  output?: string;
}

export function registerDataEvidence(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('data-evidence')
    .description('measure a dataset for `paydown check`: per-day availability of each column and correlations of numeric columns')
    .argument('<data>', 'a .csv/.tsv, .parquet or .json/.jsonl file (or a DuckDB glob)')
    .requiredOption('-t, --time <column>', 'the time column; availability is counted per calendar day of it')
    .option('--features <columns>', 'only these columns (comma-separated); names are matched to feature ids')
    .option('-o, --output <file>', 'write the evidence (JSON, format paydown.data-evidence/v1) to a file instead of standard output')
    .addHelpText(
      'after',
      `
The file is read in DuckDB (only aggregates leave it). List the output under \`evidence:\` in
paydown.config.yaml, or pass it with \`paydown check --evidence\`; the correlated-features rule
reads it.

Examples:
  $ paydown data-evidence events.parquet --time event_ts -o evidence/events.data.json
  $ paydown data-evidence 'logs/*.csv' --time day --features price,price_eur,clicks -o data.json
  $ paydown check . --evidence data.json`,
    )
    .action(async (data: string, flags: DataEvidenceFlags) => {
      const features = flags.features?.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
      if (features !== undefined && features.length === 0) throw new PaydownError('PAYDOWN_USAGE', '--features expects a comma-separated list of columns');
      const doc = await computeDataEvidence(data, { time: flags.time, ...(features === undefined ? {} : { features }) });
      await emit(`${JSON.stringify(doc, null, 2)}\n`, flags.output);
      if (flags.output !== undefined) process.stderr.write(`wrote data evidence for ${doc.columns.length} column(s) over ${doc.availability[0]?.days.length ?? 0} day(s) to ${flags.output}\n`);
      done(0);
    });
}
