/** The rows of one slice: the slice's value in each slice column, and its row indices. */
export interface SliceRows {
  readonly key: Readonly<Record<string, string>>;
  /** `column=value, other=value`. */
  readonly name: string;
  readonly rows: Uint32Array;
}

/**
 * Cuts rows into slices by the combination of their values in `by` (each column's values given
 * per row), in order of first appearance.
 *
 * @example
 * sliceRows({ country: ['jp', 'us', 'jp'] }, ['country']).map((s) => s.name); // ['country=jp', 'country=us']
 */
export function sliceRows(values: Readonly<Record<string, readonly string[]>>, by: readonly string[]): SliceRows[] {
  if (by.length === 0) return [];
  const rowCount = values[by[0]].length;
  const groups = new Map<string, { key: Record<string, string>; rows: number[] }>();
  for (let i = 0; i < rowCount; i++) {
    const parts = by.map((column) => values[column][i]);
    const id = JSON.stringify(parts);
    let group = groups.get(id);
    if (group === undefined) {
      group = { key: Object.fromEntries(by.map((column, k) => [column, parts[k]])), rows: [] };
      groups.set(id, group);
    }
    group.rows.push(i);
  }
  return [...groups.values()].map((group) => ({
    key: group.key,
    name: Object.entries(group.key).map(([column, value]) => `${column}=${value}`).join(', '),
    rows: Uint32Array.from(group.rows),
  }));
}

/**
 * The values of the given rows.
 *
 * @example
 * pick(Float64Array.of(0.1, 0.2, 0.3), Uint32Array.of(0, 2)); // Float64Array [0.1, 0.3]
 */
export function pick(values: Float64Array, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}
