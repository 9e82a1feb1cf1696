import type { LabelledPrediction, LabelSums, Store } from '../store/store.js';
import type { MonitorOutcome } from './monitor-outcome.js';
import type { MonitorSpec } from './monitor-spec.js';

/** Prediction bias of one group of labelled predictions. */
export interface BiasGroup {
  /** `''` for all predictions, else `column=value`. */
  readonly slice: string;
  /** Labelled predictions with a score. */
  readonly samples: number;
  readonly meanScore: number;
  readonly labelRate: number;
  /** meanScore − labelRate. */
  readonly bias: number;
  /** Enough samples and |bias| > tolerance. */
  readonly exceeds: boolean;
}

/**
 * Prediction bias (mean predicted score minus observed label rate) over labelled predictions,
 * overall and for each value of each slice column found in the logged inputs. A group exceeds
 * when it has at least `minSamples` labelled predictions and |bias| > `tolerance`. Groups are
 * ordered: overall first, then by slice name.
 *
 * @example
 * predictionBias(rows, { slices: ['country'], tolerance: 0.02, minSamples: 100 });
 */
export function predictionBias(
  rows: readonly LabelledPrediction[],
  options: { readonly slices: readonly string[]; readonly tolerance: number; readonly minSamples: number },
): BiasGroup[] {
  const sums = new BiasSums(options.slices);
  sums.add(rows);
  return sums.groups(options);
}

/** Running sums of scores and labels per group, so a window can be read in parts. */
export class BiasSums {
  readonly #slices: readonly string[];
  readonly #sums = new Map<string, { n: number; score: number; label: number }>([['', { n: 0, score: 0, label: 0 }]]);

  constructor(slices: readonly string[]) {
    this.#slices = slices;
  }

  add(rows: readonly LabelledPrediction[]): void {
    for (const row of rows) {
      if (row.score === null || row.label === null || !Number.isFinite(row.score)) continue;
      this.#addTo('', 1, row.score, row.label);
      for (const column of this.#slices) {
        const value = row.inputs[column];
        if (value === undefined || value === null) continue;
        this.#addTo(`${column}=${sliceValue(value)}`, 1, row.score, row.label);
      }
    }
  }

  /** Adds sums the store computed ({@link Store.labelSums} over this object's slice columns). */
  addSums(sums: readonly LabelSums[]): void {
    for (const sum of sums) {
      if (sum.samples === 0) continue;
      this.#addTo(sum.column === null ? '' : `${sum.column}=${sliceValue(sum.value)}`, sum.samples, sum.scoreSum, sum.labelSum);
    }
  }

  groups(options: { readonly tolerance: number; readonly minSamples: number }): BiasGroup[] {
    const groups = [...this.#sums].map(([slice, sum]): BiasGroup => {
      const meanScore = sum.n > 0 ? sum.score / sum.n : 0;
      const labelRate = sum.n > 0 ? sum.label / sum.n : 0;
      const bias = meanScore - labelRate;
      return { slice, samples: sum.n, meanScore, labelRate, bias, exceeds: sum.n >= options.minSamples && Math.abs(bias) > options.tolerance };
    });
    return groups.sort((a, b) => (a.slice === '' ? -1 : b.slice === '' ? 1 : a.slice.localeCompare(b.slice)));
  }

  #addTo(slice: string, samples: number, score: number, label: number): void {
    let sum = this.#sums.get(slice);
    if (sum === undefined) {
      sum = { n: 0, score: 0, label: 0 };
      this.#sums.set(slice, sum);
    }
    sum.n += samples;
    sum.score += score;
    sum.label += label;
  }
}

/** A slice value as text (objects as JSON). */
export function sliceValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** Evaluates a prediction-bias monitor over the window ending at `now`. */
export async function evaluatePredictionBias(store: Store, monitor: MonitorSpec, now: number): Promise<MonitorOutcome> {
  const sums = new BiasSums(monitor.slices);
  // One grouped read of the whole window. It runs off the server's thread: on the store's reader
  // thread for a SQLite file, in PostgreSQL for a database server (only an in-memory SQLite, for
  // trials and tests, reads on the server's thread). It used to be read in 60 parts to keep a
  // SQLite read on the server's thread short; with the reader thread, those 60 round trips per
  // monitor only cost both threads time.
  sums.addSums(await store.labelSums(monitor.model, now - monitor.windowMs, now, monitor.slices));
  const groups = sums.groups(monitor);
  const exceeding = groups.filter((group) => group.exceeds).sort((a, b) => Math.abs(b.bias) - Math.abs(a.bias));
  const overall = groups[0];
  const worst = exceeding[0];
  const describe = (group: BiasGroup): string =>
    `${group.slice === '' ? 'overall' : group.slice}: mean score ${group.meanScore.toFixed(3)} vs label rate ${group.labelRate.toFixed(3)} (bias ${signed(group.bias)}, n=${group.samples})`;
  const message =
    worst === undefined
      ? `${monitor.model}: prediction bias within ±${monitor.tolerance} (${overall.samples} labelled)`
      : `${monitor.model}: prediction bias beyond ±${monitor.tolerance} in ${exceeding.length} group(s); worst ${describe(worst)}`;
  return {
    monitor,
    key: monitor.id,
    firing: worst !== undefined,
    resolvable: true,
    severity: 'warning',
    message,
    details: { tolerance: monitor.tolerance, minSamples: monitor.minSamples, windowMs: monitor.windowMs, groups },
    values: groups
      .filter((group) => group.samples > 0)
      .map((group) => ({ monitor: monitor.id, model: monitor.model, slice: group.slice, at: now, value: group.bias, samples: group.samples })),
  };
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}
