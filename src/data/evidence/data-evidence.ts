/**
 * Computes data evidence (`paydown.data-evidence/v1`) in DuckDB with SQL aggregates only:
 * per-day rows and non-null share of each column, and the Pearson correlation (`corr`) of every
 * pair of numeric columns.
 */
import type { DataEvidenceDoc } from '../../evidence/data-evidence.js';
import { PaydownError } from '../../errors.js';
import { isNumericType } from '../data-schema.js';
import { quoteIdent, toCount, toNumber, toText } from '../duckdb.js';
import { openData } from '../read-data.js';

export interface DataEvidenceOptions {
  /** The time column; days are its calendar days. */
  readonly time: string;
  /** Only these columns (default: every column but the time column). */
  readonly features?: readonly string[];
  /** Fixed creation time, for reproducible output (default: now). */
  readonly createdAt?: string;
}

/**
 * Reads DATA (as `openData` does: a CSV, Parquet or JSON lines file, a glob or a directory) and returns its data evidence.
 *
 * @example
 * const doc = await computeDataEvidence('events.parquet', { time: 'ts', features: ['price', 'price_eur'] });
 */
export async function computeDataEvidence(data: string, options: DataEvidenceOptions): Promise<DataEvidenceDoc> {
  const opened = await openData(data);
  try {
    const { session, relation } = opened;
    const described = opened.columns;
    const types = new Map(described.map((column) => [column.name, column.sqlType]));
    if (!types.has(options.time)) throw new PaydownError('PAYDOWN_USAGE', `time column '${options.time}' is not in ${data} (columns: ${described.map((c) => c.name).join(', ')})`);
    for (const feature of options.features ?? []) {
      if (!types.has(feature)) throw new PaydownError('PAYDOWN_USAGE', `column '${feature}' is not in ${data}`);
    }
    const columns = (options.features ?? described.map((column) => column.name)).filter((name) => name !== options.time);
    const time = quoteIdent(options.time);
    const day = `strftime(CAST(${time} AS TIMESTAMP), '%Y-%m-%d')`;
    const perDay = await session.query(
      `SELECT ${day} AS day, count(*) AS rows${columns.map((column, index) => `, count(${quoteIdent(column)}) AS n${index}`).join('')}
       FROM ${relation} WHERE ${time} IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    const [total] = await session.query(`SELECT count(*) AS rows FROM ${relation}`);
    const availability = columns.map((column, index) => ({
      column,
      days: perDay.map((row) => {
        const rows = toCount(row.rows);
        const nonNull = toCount(row[`n${index}`]);
        return { day: toText(row.day) ?? '', rows, nonNull, share: rows === 0 ? 0 : nonNull / rows };
      }),
    }));
    const numeric = columns.filter((column) => isNumericType(types.get(column) ?? ''));
    const pairs: { a: string; b: string }[] = [];
    numeric.forEach((a, i) => numeric.slice(i + 1).forEach((b) => pairs.push({ a, b })));
    const correlations: DataEvidenceDoc['correlations'][number][] = [];
    if (pairs.length > 0) {
      const parts = pairs.map(({ a, b }, index) => {
        const x = `CAST(${quoteIdent(a)} AS DOUBLE)`;
        const y = `CAST(${quoteIdent(b)} AS DOUBLE)`;
        return `corr(${x}, ${y}) AS r${index}, count(*) FILTER (WHERE ${quoteIdent(a)} IS NOT NULL AND ${quoteIdent(b)} IS NOT NULL) AS n${index}`;
      });
      const [row] = await session.query(`SELECT ${parts.join(', ')} FROM ${relation}`);
      pairs.forEach(({ a, b }, index) => {
        const r = toNumber(row[`r${index}`]);
        // clamp rounding noise so the value always fits the documented [-1, 1]
        const pearson = r !== null && Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : null;
        correlations.push({ a, b, pearson, n: toCount(row[`n${index}`]) });
      });
    }
    return {
      format: 'paydown.data-evidence/v1',
      source: data,
      createdAt: options.createdAt ?? new Date().toISOString(),
      time: options.time,
      rows: toCount(total.rows),
      columns,
      availability,
      correlations,
    };
  } finally {
    opened.close();
  }
}
