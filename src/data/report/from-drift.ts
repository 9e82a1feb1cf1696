/**
 * Turns a `paydown.drift/v1` report (src/data/drift.ts) and the two profiles it compared into the
 * report's drift input: the statistic and threshold per column, and reference/current histograms
 * (numeric columns: both fine histograms re-binned onto 20 shared equal-width bins) or category
 * counts.
 */
import { alignCategories, type ColumnDrift, type DriftReport as DriftResult } from '../drift.js';
import type { ColumnProfile, DatasetProfile } from '../profile-types.js';
import { rebin } from '../stats/histogram-cdf.js';
import type { DriftColumnResult, DriftReport } from './types.js';

const BINS = 20;

/**
 * Builds the drift section's input; skipped columns (nothing to compare) are left out.
 *
 * @example
 * renderDataReport([{ kind: 'drift', result: driftInput(driftReport(ref, cur), ref, cur) }]);
 */
export function driftInput(result: DriftResult, reference?: DatasetProfile, current?: DatasetProfile): DriftReport {
  const find = (profile: DatasetProfile | undefined, name: string): ColumnProfile | undefined => profile?.columns.find((column) => column.name === name);
  const columns: DriftColumnResult[] = [];
  for (const column of result.columns) {
    if (column.status !== 'compared' || column.statistic === null) continue;
    const compared = comparison(column);
    const ref = find(reference, column.column);
    const cur = find(current, column.column);
    const kind = column.kind === 'numeric' ? 'numeric' : 'categorical';
    columns.push({
      name: column.column,
      kind,
      method: compared.method,
      statistic: compared.statistic,
      threshold: compared.threshold,
      direction: compared.direction,
      ...(column.pValue === null ? {} : { pValue: column.pValue }),
      referenceSize: column.referenceCount,
      currentSize: column.currentCount,
      drifted: column.drifted,
      ...charts(ref, cur),
    });
  }
  const slices = (result.slices ?? []).map((slice) => ({
    key: Object.entries(slice.key).map(([name, value]) => `${name}=${value}`).join(', '),
    referenceRows: slice.referenceRows,
    currentRows: slice.currentRows,
    drifted: slice.summary.datasetDrifted,
    columns: slice.columns
      .filter((column) => column.status === 'compared' && column.statistic !== null)
      .map((column) => {
        const compared = comparison(column);
        return { name: column.column, method: compared.method, statistic: compared.statistic, threshold: compared.threshold, direction: compared.direction, drifted: column.drifted };
      }),
  }));
  return { reference: result.reference.source, current: result.current.source, columns, ...(slices.length === 0 ? {} : { slices }) };
}

function comparison(column: ColumnDrift): { method: string; statistic: number; threshold: number; direction: 'above' | 'below' } {
  const method = column.method ?? 'unknown';
  if (column.threshold.statistic !== undefined) return { method, statistic: column.statistic ?? 0, threshold: column.threshold.statistic, direction: 'above' };
  if (column.threshold.pValue !== undefined && column.pValue !== null) {
    return { method: `${method} (p-value)`, statistic: column.pValue, threshold: column.threshold.pValue, direction: 'below' };
  }
  return { method, statistic: column.statistic ?? 0, threshold: Number.POSITIVE_INFINITY, direction: 'above' };
}

function charts(ref: ColumnProfile | undefined, cur: ColumnProfile | undefined): Pick<DriftColumnResult, 'histogram' | 'categories'> {
  if (ref?.numeric !== undefined && cur?.numeric !== undefined) {
    const low = Math.min(ref.numeric.min, cur.numeric.min);
    const high = Math.max(ref.numeric.max, cur.numeric.max);
    if (!Number.isFinite(low) || !Number.isFinite(high)) return {};
    const width = high > low ? (high - low) / BINS : 1;
    const edges = Array.from({ length: BINS + 1 }, (_, index) => low + index * width);
    return { histogram: { edges, reference: rebin(ref.numeric.fineHistogram, edges), current: rebin(cur.numeric.fineHistogram, edges) } };
  }
  if (ref?.categorical !== undefined && cur?.categorical !== undefined) {
    const aligned = alignCategories(ref.categorical, cur.categorical);
    return { categories: aligned.categories.map((value, index) => ({ value, reference: aligned.reference[index], current: aligned.current[index] })).slice(0, 30) };
  }
  return {};
}
