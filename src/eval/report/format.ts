/**
 * A number for people: up to 4 significant digits, `n/a` for NaN/null, exponent for tiny ones.
 *
 * @example
 * formatNumber(0.123456); // '0.1235'
 */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === undefined || value === null || Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0 || Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs < 1e-4 || abs >= 1e7) return value.toExponential(2);
  return String(Number(value.toPrecision(digits)));
}

/**
 * A value with its interval, `0.81 [0.79, 0.83]`.
 *
 * @example
 * withInterval(0.81, { low: 0.79, high: 0.83 }); // '0.81 [0.79, 0.83]'
 */
export function withInterval(value: number | null | undefined, interval: { readonly low: number; readonly high: number } | null | undefined, digits = 4): string {
  const base = formatNumber(value, digits);
  if (interval === undefined || interval === null || Number.isNaN(interval.low)) return base;
  return `${base} [${formatNumber(interval.low, digits)}, ${formatNumber(interval.high, digits)}]`;
}

/**
 * Lines of a plain-text table with columns padded to their widest cell.
 *
 * @example
 * textTable(['slice', 'auc'], [['all', '0.8']]);
 */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

/**
 * Replaces NaN and ±∞ by null, deeply, so that JSON output never silently turns them into null
 * without saying so (the caller documents the null).
 *
 * @example
 * JSON.stringify(finiteOrNull({ auc: Number.NaN })); // '{"auc":null}'
 */
export function finiteOrNull<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v instanceof Float64Array ? Array.from(v) : v))) as T;
}
