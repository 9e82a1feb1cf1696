import { quoteIdent, toCount, toNumber, toText, type SqlSession } from '../duckdb.js';

/** The value counts of one categorical column (in the whole data or one group). */
export interface CategoryCounts {
  /** Non-null values. */
  count: number;
  nulls: number;
  /** Distinct non-null values (exact). */
  distinct: number;
  /** The most frequent values (most frequent first, ties by value), at most `limit + 1` of them. */
  top: Array<{ value: string; count: number }>;
  length: { min: number; max: number; mean: number } | undefined;
}

export interface CategoryScan {
  /** Per column name. */
  readonly whole: Map<string, CategoryCounts>;
  /** Per group number, per column name. */
  readonly groups: Array<Map<string, CategoryCounts>>;
}

/**
 * Counts the values of several categorical columns in one scan with `GROUP BY GROUPING SETS`
 * (one set per column, and one per column and group when grouped), keeping the `limit + 1` most
 * frequent values of each and, before cutting, the exact distinct count and the string lengths.
 * The result has at most (columns × (groups + 1) × (limit + 2)) rows whatever the data size.
 *
 * @example
 * const scan = await countCategories(session, '"data"', ['country', 'device'], 1000);
 * scan.whole.get('country')?.top[0];
 */
export async function countCategories(session: SqlSession, from: string, names: readonly string[], limit: number, grouped = false, groups = 0): Promise<CategoryScan> {
  const whole = new Map<string, CategoryCounts>();
  const perGroup = Array.from({ length: groups }, () => new Map<string, CategoryCounts>());
  if (names.length === 0) return { whole, groups: perGroup };
  const columns = names.map((name, at) => ({ name, alias: `paydown_c${at}` }));
  const sets = columns.map((c) => `(${c.alias})`);
  if (grouped) sets.push(...columns.map((c) => `(paydown_group, ${c.alias})`));
  const which = `CASE ${columns.map((c, at) => `WHEN GROUPING(${c.alias}) = 0 THEN ${at}`).join(' ')} END`;
  const value = `CASE ${columns.map((c) => `WHEN GROUPING(${c.alias}) = 0 THEN ${c.alias}`).join(' ')} END`;
  const group = grouped ? 'CASE WHEN GROUPING(paydown_group) = 0 THEN paydown_group ELSE -1 END' : '-1';
  const inner =
    `SELECT ${which} AS col, ${group} AS grp, ${value} AS value, count(*) AS n ` +
    `FROM (SELECT ${columns.map((c) => `CAST(${quoteIdent(c.name)} AS VARCHAR) AS ${c.alias}`).join(', ')}${grouped ? ', paydown_group' : ''} FROM ${from}) ` +
    `GROUP BY GROUPING SETS (${sets.join(', ')})`;
  const window = 'PARTITION BY col, grp';
  const rows = await session.query(
    `SELECT col, grp, value, n, count(value) OVER (${window}) AS distinct_n, ` +
      `min(length(value)) OVER (${window}) AS lmin, max(length(value)) OVER (${window}) AS lmax, ` +
      `sum(CASE WHEN value IS NULL THEN 0 ELSE length(value) * n END) OVER (${window}) AS lsum ` +
      `FROM (${inner}) ` +
      `QUALIFY value IS NULL OR row_number() OVER (PARTITION BY col, grp, value IS NULL ORDER BY n DESC, value) <= ${limit + 1} ` +
      `ORDER BY col, grp, n DESC, value`,
  );
  for (const row of rows) {
    const name = columns[toCount(row.col)]?.name;
    if (name === undefined) continue;
    const grp = toCount(row.grp);
    const target = grp < 0 ? whole : perGroup[grp];
    if (target === undefined) continue;
    let entry = target.get(name);
    if (entry === undefined) {
      const lmin = toNumber(row.lmin);
      const lmax = toNumber(row.lmax);
      entry = { count: 0, nulls: 0, distinct: toCount(row.distinct_n), top: [], length: lmin === null || lmax === null ? undefined : { min: lmin, max: lmax, mean: toCount(row.lsum) } };
      target.set(name, entry);
    }
    const n = toCount(row.n);
    const text = toText(row.value);
    if (text === null) entry.nulls = n;
    else entry.top.push({ value: text, count: n });
  }
  return { whole, groups: perGroup };
}

/**
 * Completes counts read with `countCategories`: `count` from the total non-null rows and the
 * mean string length from the length sum.
 */
export function settleCategoryCounts(counts: CategoryCounts, rows: number): CategoryCounts {
  const count = rows - counts.nulls;
  const length = counts.length === undefined ? undefined : { ...counts.length, mean: count > 0 ? counts.length.mean / count : 0 };
  return { ...counts, count, length };
}
