import type { DuckDBDataChunk, DuckDBVector } from '@duckdb/node-api';
import { quoteIdent, validityWords, type FedColumn, type SqlSession } from '../duckdb.js';
import { NumericAccumulator } from './numeric-accumulator.js';

/** One numeric column to scan and the range its histogram bins cover. */
export interface NumericTarget {
  readonly name: string;
  readonly lo: number;
  readonly hi: number;
  /** Explicit bin edges (nearly equal widths), instead of `bins` equal bins over [lo, hi]. */
  readonly edges?: Float64Array;
}

/** How rows are assigned to groups: `codeSql` gives each row a group number in [0, groups) or NULL. */
export interface GroupCoding {
  /** A FROM clause joining the data to its group numbers, exposing the number as `paydown_group`. */
  readonly fromSql: string;
  readonly groups: number;
}

export interface NumericScan {
  readonly rows: number;
  readonly columns: NumericAccumulator[];
  /** Per group, per column (same order as `columns`). */
  readonly groups: NumericAccumulator[][];
  readonly groupRows: number[];
}

const identity = Int32Array.from({ length: 4096 }, (_unused, i) => i);

/**
 * How the chunks get from DuckDB to JavaScript: `stream` fetches the chunks of a streamed result
 * (in row order on any number of DuckDB threads); `feed` has DuckDB call a JavaScript function on
 * each chunk it reads (`SqlSession.feed`: no copy into a result, about a quarter less CPU time on Parquet),
 * which gives the chunks in row order only when the session runs one DuckDB thread.
 */
export type ScanTransfer = 'stream' | 'feed';

/**
 * Reads the numeric columns of a relation once, as DOUBLE chunks from DuckDB, and feeds each chunk
 * to the columns' accumulators (and to their groups' accumulators when grouped). The data is never
 * held: one chunk (2,048 rows) at a time. The accumulators depend on the order of the chunks (the
 * last bits of the mean and the variance do), so `feed` must run on one DuckDB thread. With
 * `sketch` false the columns get no distinct-count sketch (groups never get one).
 *
 * @example
 * const scan = await scanNumeric(session, '"data"', [{ name: 'price', lo: 0, hi: 120 }], 1000);
 * scan.columns[0].mean;
 */
export async function scanNumeric(
  session: SqlSession,
  relation: string,
  targets: readonly NumericTarget[],
  bins: number,
  grouping?: GroupCoding,
  transfer: ScanTransfer = 'stream',
  sketch = true,
): Promise<NumericScan> {
  const columns = targets.map((target) => new NumericAccumulator(target.lo, target.hi, bins, sketch, target.edges));
  const groups: NumericAccumulator[][] = [];
  const groupRows: number[] = [];
  for (let g = 0; g < (grouping?.groups ?? 0); g += 1) {
    groups.push(targets.map((target) => new NumericAccumulator(target.lo, target.hi, bins, false, target.edges)));
    groupRows.push(0);
  }
  const selects = targets.map((target) => `CAST(${quoteIdent(target.name)} AS DOUBLE)`);
  if (grouping !== undefined) selects.push('CAST(paydown_group AS DOUBLE)');
  const from = grouping?.fromSql ?? relation;
  let rows = 0;
  const selections: Int32Array[] = groups.map(() => new Int32Array(4096));
  const sizes = new Int32Array(groups.length);
  const onColumns = (fed: readonly FedColumn[], count: number): void => {
    rows += count;
    if (grouping !== undefined) {
      const codes = fed[targets.length];
      sizes.fill(0);
      for (let i = 0; i < count; i += 1) {
        if (codes.validity !== null && (codes.validity[i >>> 5] & (1 << (i & 31))) === 0) continue;
        const code = codes.items[i];
        selections[code][sizes[code]] = i;
        sizes[code] += 1;
      }
      for (let g = 0; g < groups.length; g += 1) groupRows[g] += sizes[g];
    }
    for (let k = 0; k < targets.length; k += 1) {
      const { items, validity } = fed[k];
      columns[k].addChunk(items, validity, identity, count);
      for (let g = 0; g < groups.length; g += 1) if (sizes[g] > 0) groups[g][k].addChunk(items, validity, selections[g], sizes[g]);
    }
  };
  if (transfer === 'feed' && selects.length > 0) await session.feed(selects, from, onColumns);
  else {
    const width = selects.length;
    await session.stream(`SELECT ${width > 0 ? selects.join(', ') : '1'} FROM ${from}`, (chunk: DuckDBDataChunk) =>
      onColumns(
        Array.from({ length: width }, (_unused, k) => fedColumn(chunk.getColumnVector(k), chunk.rowCount)),
        chunk.rowCount,
      ),
    );
  }
  return { rows, columns, groups, groupRows };
}

/** A streamed DOUBLE vector as the columns `feed` hands over. */
function fedColumn(vector: DuckDBVector, rows: number): FedColumn {
  return { items: doubles(vector), validity: validityOf(vector, rows) };
}

function doubles(vector: DuckDBVector): Float64Array {
  const items = (vector as unknown as { items?: unknown }).items;
  if (items instanceof Float64Array) return items;
  throw new TypeError(`expected a DOUBLE vector, got ${String(vector.type)}`);
}

/**
 * The validity bits of a vector as 32-bit words (bit i set: row i is not null), or null when no
 * row is null. @duckdb/node-api keeps DuckDB's mask as a BigUint64Array in its validity object;
 * reading it in 32-bit words (`validityWords`) is much faster than asking row by row, which is
 * only the fallback should that field be missing.
 */
function validityOf(vector: DuckDBVector, rows: number): Uint32Array | null {
  // the field is not part of the typed API: read it defensively and fall back when it is absent
  const mask = (vector as unknown as { validity?: { data?: unknown } }).validity?.data;
  if (mask === null) return null;
  if (mask instanceof BigUint64Array) return validityWords(mask, mask.length);
  const words = new Uint32Array(Math.ceil(rows / 32));
  let any = false;
  for (let i = 0; i < rows; i += 1) {
    if (vector.getItem(i) !== null) words[i >>> 5] |= 1 << (i & 31);
    else any = true;
  }
  return any ? words : null;
}
