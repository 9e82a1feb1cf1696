import { Option, type Command } from 'commander';
import { profileData, type ProfileOptions } from '../../data/profile.js';
import type { ColumnProfile, DatasetProfile } from '../../data/profile-types.js';
import { writeFileAtomic } from '../../util/write-file-atomic.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';
import { PaydownError } from '../../errors.js';
import { renderDataReport } from '../../data/report/render-report.js';
import { addCsvOptions, readOptionsOf, type CsvFlags } from '../csv-options.js';

interface ProfileFlags extends CsvFlags {
  by?: 'day' | 'week';
  time?: string;
  slice?: string;
  save?: string;
  format: 'text' | 'json' | 'html';
  output?: string;
}

export function registerProfile(program: Command, done: (code: ExitCode) => void): void {
  addCsvOptions(
    program
      .command('profile')
      .description('profile a dataset (CSV, Parquet, JSON lines; file, glob or folder) with DuckDB')
      .argument('<data>', 'a file, a quoted glob such as "events/*.parquet", or a folder')
      .addOption(new Option('--by <period>', 'also profile each time period of --time').choices(['day', 'week']))
      .option('--time <column>', 'the time column for --by')
      .option('--slice <column>', 'also profile each value of this column')
      .option('--save <file>', 'save the JSON profile, the reference for a later drift check')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'html']).default('text'))
      .option('-o, --output <file>', 'write the report to a file instead of standard output')
  )
    .addHelpText(
      'after',
      `
Exit codes: 0 profiled, 2 unreadable data or usage error.

Examples:
  $ paydown profile clicks.csv
  $ paydown profile "events/*.parquet" --by day --time event_time --save reference.profile.json
  $ paydown profile data/ --slice country --format json -o profile.json
  $ paydown profile clicks.csv --format html -o profile.html`,
    )
    .action(async (data: string, flags: ProfileFlags) => {
      done(await runProfile(data, flags));
    });
}

async function runProfile(data: string, flags: ProfileFlags): Promise<ExitCode> {
  if (flags.by !== undefined && flags.time === undefined) throw new PaydownError('PAYDOWN_USAGE', `--by ${flags.by} needs --time COLUMN`);
  const options: ProfileOptions = {
    ...(flags.by === undefined ? {} : { by: flags.by }),
    ...(flags.time === undefined ? {} : { time: flags.time }),
    ...(flags.slice === undefined ? {} : { slice: flags.slice }),
    ...readOptionsOf(flags),
  };
  const profile = await profileData(data, options);
  const json = `${JSON.stringify(profile, null, 2)}\n`;
  if (flags.save !== undefined) await writeFileAtomic(flags.save, json);
  const text = flags.format === 'json' ? json : flags.format === 'html' ? renderDataReport([{ kind: 'profile', result: profile }], { title: 'paydown profile report' }) : formatProfileText(profile);
  await emit(text, flags.output);
  return 0;
}

/**
 * A profile as a plain-text report, one block per column.
 *
 * @example
 * process.stdout.write(formatProfileText(await profileData('clicks.csv')));
 */
export function formatProfileText(profile: DatasetProfile): string {
  const lines = [`${profile.source}: ${profile.rows} rows, ${profile.columns.length} columns`, ''];
  for (const column of profile.columns) lines.push(...columnLines(column));
  for (const group of profile.groups ?? []) {
    const key = Object.entries(group.key).map(([name, value]) => `${name}=${value}`).join(', ');
    lines.push(`group ${key}: ${group.rows} rows`);
    for (const column of group.columns) lines.push(...columnLines(column).map((line) => `  ${line}`));
  }
  return `${lines.join('\n')}\n`;
}

function columnLines(column: ColumnProfile): string[] {
  const lines = [
    `${column.name} (${column.sqlType}, ${column.kind})`,
    `  count ${column.count}, nulls ${column.nulls.count} (${percent(column.nulls.share)}), distinct ${column.distinct.exact ? '' : '~'}${column.distinct.value}`,
  ];
  const numeric = column.numeric;
  if (numeric) {
    lines.push(`  min ${fmt(numeric.min)}, max ${fmt(numeric.max)}, mean ${fmt(numeric.mean)}, stddev ${fmt(numeric.stddev)}${numeric.nan + numeric.infinite > 0 ? `, NaN ${numeric.nan}, inf ${numeric.infinite}` : ''}`);
    lines.push(`  quantiles${numeric.quantilesExact ? '' : ' (approximate)'}: ${numeric.quantiles.map((q) => `p${Math.round(q.p * 100)} ${fmt(q.value)}`).join(', ')}`);
    lines.push(`  histogram ${sparkline(numeric.histogram.counts)}`);
  }
  const categorical = column.categorical;
  if (categorical) {
    const shown = categorical.top.slice(0, 5).map((entry) => `${JSON.stringify(entry.value)} ${entry.count}`);
    const more = categorical.top.length > 5 ? `, ... ${categorical.top.length - 5} more` : '';
    lines.push(`  top ${shown.join(', ')}${more}${categorical.complete ? '' : ` (+${categorical.otherCount} in other values)`}`);
    if (categorical.length) lines.push(`  length min ${categorical.length.min}, max ${categorical.length.max}, mean ${fmt(categorical.length.mean)}`);
  }
  lines.push('');
  return lines;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
}

function sparkline(counts: readonly number[]): string {
  const bars = '▁▂▃▄▅▆▇█';
  const top = Math.max(1, ...counts);
  return counts.map((count) => (count === 0 ? ' ' : bars[Math.min(bars.length - 1, Math.floor((count / top) * bars.length))])).join('');
}
