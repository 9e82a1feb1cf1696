import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PaydownError } from '../../errors.js';
import type { ColumnProfile, DatasetProfile } from '../../data/profile-types.js';
import { alignCounts } from '../../data/stats/frequencies.js';
import { populationStabilityIndex } from '../../data/stats/psi.js';
import type { InputColumns } from '../store/input-columns.js';
import type { Store } from '../store/store.js';
import type { MonitorOutcome } from './monitor-outcome.js';
import type { MonitorSpec } from './monitor-spec.js';
import { sliceValue } from './prediction-bias.js';

/** Drift of one logged input column against the reference profile. */
export interface ColumnDrift {
  readonly column: string;
  readonly kind: 'numeric' | 'categorical';
  /** Non-null values logged in the window. */
  readonly samples: number;
  /** Population Stability Index (natural log, ε = 1e-4). */
  readonly psi: number;
  readonly drifted: boolean;
}

const OTHER = '(other)';

/**
 * PSI of each reference column that appears in the logged inputs. Numeric columns are binned on
 * the reference's display histogram edges plus one bin below and one above its range (empty in
 * the reference, so values outside it weigh heavily); categorical columns on the reference's top
 * values, with values outside them counted as `(other)` when the reference's list is incomplete.
 * A column drifts when it has at least `minSamples` values and PSI > `threshold`.
 *
 * @example
 * inputDrift(profile, inputColumnsOf(predictions.map((p) => p.inputs)), { threshold: 0.2, minSamples: 100 });
 */
export function inputDrift(reference: DatasetProfile, inputs: InputColumns, options: { readonly threshold: number; readonly minSamples: number }): ColumnDrift[] {
  const drifts: ColumnDrift[] = [];
  for (const column of reference.columns) {
    const values = (inputs.columns[column.name] ?? []).filter((value) => value !== undefined && value !== null);
    if (values.length === 0) continue;
    const measured = column.numeric !== undefined ? numericPsi(column, values) : column.categorical !== undefined ? categoricalPsi(column, values) : undefined;
    if (measured === undefined) continue;
    drifts.push({ column: column.name, kind: measured.kind, samples: values.length, psi: measured.psi, drifted: values.length >= options.minSamples && measured.psi > options.threshold });
  }
  return drifts;
}

function numericPsi(column: ColumnProfile, values: readonly unknown[]): { kind: 'numeric'; psi: number } | undefined {
  const { edges, counts } = column.numeric!.histogram;
  if (edges.length < 2) return undefined;
  const reference = [0, ...counts, 0];
  const current = new Array<number>(reference.length).fill(0);
  const last = edges[edges.length - 1];
  for (const value of values) {
    const x = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(x)) continue;
    if (x < edges[0]) current[0] += 1;
    else if (x > last) current[current.length - 1] += 1;
    else current[1 + binOf(edges, x)] += 1;
  }
  return { kind: 'numeric', psi: populationStabilityIndex(reference, current) };
}

/** Index of the bin [edges[i], edges[i+1]) holding x (the last bin is closed). */
function binOf(edges: readonly number[], x: number): number {
  let low = 0;
  let high = edges.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (edges[middle] <= x) low = middle;
    else high = middle - 1;
  }
  return low;
}

function categoricalPsi(column: ColumnProfile, values: readonly unknown[]): { kind: 'categorical'; psi: number } {
  const stats = column.categorical!;
  const known = new Set(stats.top.map((entry) => entry.value));
  const reference = new Map<string, number>(stats.top.map((entry) => [entry.value, entry.count]));
  if (stats.otherCount > 0) reference.set(OTHER, stats.otherCount);
  const current = new Map<string, number>();
  for (const value of values) {
    const text = sliceValue(value);
    const key = known.has(text) || stats.complete ? text : OTHER;
    current.set(key, (current.get(key) ?? 0) + 1);
  }
  const aligned = alignCounts(reference, current);
  return { kind: 'categorical', psi: populationStabilityIndex(aligned.reference, aligned.current) };
}

/**
 * Reads a saved profile (`paydown profile --format json` or `--save`), relative to the system
 * directory.
 */
export async function readReferenceProfile(systemDir: string, reference: string): Promise<DatasetProfile> {
  const file = path.resolve(systemDir, reference);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new PaydownError('PAYDOWN_DATA_UNREADABLE', `cannot read the reference profile ${file}: ${(error as Error).message}`, [{ message: 'expected the JSON written by `paydown profile --format json`', location: { file } }]);
  }
  const profile = parsed as Partial<DatasetProfile>;
  if (profile.format !== 'paydown.profile/v1' || !Array.isArray(profile.columns)) {
    throw new PaydownError('PAYDOWN_DATA_UNREADABLE', `${file} is not a paydown profile (format paydown.profile/v1)`, [{ message: 'expected the JSON written by `paydown profile --format json`', location: { file } }]);
  }
  return profile as DatasetProfile;
}

/**
 * At most this many logged live predictions (the newest) are read per evaluation of an
 * input-drift monitor: enough for PSI over about 20 bins, and a short read. Only their inputs
 * are read, since what the read returns is copied into the server's thread.
 */
export const DRIFT_SAMPLE_LIMIT = 5_000;

/** Evaluates an input-drift monitor over the live predictions of the window ending at `now`. */
export async function evaluateInputDrift(store: Store, monitor: MonitorSpec, reference: DatasetProfile, now: number): Promise<MonitorOutcome> {
  const inputs = await store.liveInputColumns(monitor.model, now - monitor.windowMs, now, DRIFT_SAMPLE_LIMIT);
  const drifts = inputDrift(reference, inputs, { threshold: monitor.tolerance, minSamples: monitor.minSamples });
  const drifted = drifts.filter((drift) => drift.drifted).sort((a, b) => b.psi - a.psi);
  const worst = drifts.reduce((largest, drift) => Math.max(largest, drift.samples >= monitor.minSamples ? drift.psi : 0), 0);
  return {
    monitor,
    key: monitor.id,
    firing: drifted.length > 0,
    resolvable: true,
    severity: 'warning',
    message:
      drifted.length === 0
        ? `${monitor.model}: logged inputs match the reference (${inputs.rows} predictions, largest PSI ${worst.toFixed(3)})`
        : `${monitor.model}: input drift in ${drifted.map((drift) => `${drift.column} (PSI ${drift.psi.toFixed(3)})`).join(', ')} over ${inputs.rows} predictions; threshold ${monitor.tolerance}`,
    details: { threshold: monitor.tolerance, minSamples: monitor.minSamples, predictions: inputs.rows, columns: drifts },
    values: [
      { monitor: monitor.id, model: monitor.model, slice: '', at: now, value: worst, samples: inputs.rows },
      ...drifts.map((drift) => ({ monitor: monitor.id, model: monitor.model, slice: `column=${drift.column}`, at: now, value: drift.psi, samples: drift.samples })),
    ],
  };
}
