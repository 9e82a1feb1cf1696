import { sliceValue } from '../monitors/prediction-bias.js';
import type { PredictionRecord } from '../store/store.js';

/** How a shadow (candidate) version's scores differ from the live ones in one group. */
export interface ShadowGroup {
  /** `''` for all pairs, else `column=value`. */
  readonly slice: string;
  /** Live predictions with a shadow prediction, both scored. */
  readonly pairs: number;
  /** Mean of shadow score − live score. */
  readonly meanDifference: number;
  readonly meanAbsoluteDifference: number;
  /** Share of pairs whose decision (score ≥ threshold) differs. */
  readonly flipShare: number;
  /** Pairs where the shadow would act and the live version did not. */
  readonly flipsUp: number;
  /** Pairs where the live version acted and the shadow would not. */
  readonly flipsDown: number;
}

export interface ShadowComparison {
  readonly threshold: number;
  readonly shadowVersions: readonly string[];
  readonly overall: ShadowGroup;
  readonly slices: readonly ShadowGroup[];
}

/**
 * Pairs each shadow prediction (`shadowOf` set) with the live prediction it mirrors and
 * compares their scores, overall and for each value of each slice column of the live inputs.
 *
 * @example
 * compareShadow(records, { threshold: 0.5, slices: ['country'] }).overall.flipShare;
 */
export function compareShadow(records: readonly PredictionRecord[], options: { readonly threshold: number; readonly slices: readonly string[] }): ShadowComparison {
  const live = new Map<string, PredictionRecord>();
  for (const record of records) if (record.shadowOf === null) live.set(record.id, record);
  const sums = new Map<string, { n: number; diff: number; abs: number; up: number; down: number }>([['', { n: 0, diff: 0, abs: 0, up: 0, down: 0 }]]);
  const versions = new Set<string>();
  const add = (slice: string, difference: number, up: boolean, down: boolean): void => {
    let sum = sums.get(slice);
    if (sum === undefined) {
      sum = { n: 0, diff: 0, abs: 0, up: 0, down: 0 };
      sums.set(slice, sum);
    }
    sum.n += 1;
    sum.diff += difference;
    sum.abs += Math.abs(difference);
    if (up) sum.up += 1;
    if (down) sum.down += 1;
  };
  for (const shadow of records) {
    if (shadow.shadowOf === null || shadow.score === null) continue;
    const original = live.get(shadow.shadowOf);
    if (original === undefined || original.score === null) continue;
    versions.add(shadow.version);
    const liveActs = original.score >= options.threshold;
    const shadowActs = shadow.score >= options.threshold;
    const difference = shadow.score - original.score;
    const up = shadowActs && !liveActs;
    const down = liveActs && !shadowActs;
    add('', difference, up, down);
    for (const column of options.slices) {
      const value = original.inputs[column];
      if (value !== undefined && value !== null) add(`${column}=${sliceValue(value)}`, difference, up, down);
    }
  }
  const groups = [...sums].map(([slice, sum]): ShadowGroup => ({
    slice,
    pairs: sum.n,
    meanDifference: sum.n > 0 ? sum.diff / sum.n : 0,
    meanAbsoluteDifference: sum.n > 0 ? sum.abs / sum.n : 0,
    flipShare: sum.n > 0 ? (sum.up + sum.down) / sum.n : 0,
    flipsUp: sum.up,
    flipsDown: sum.down,
  }));
  return {
    threshold: options.threshold,
    shadowVersions: [...versions].sort(),
    overall: groups.find((group) => group.slice === '')!,
    slices: groups.filter((group) => group.slice !== '').sort((a, b) => a.slice.localeCompare(b.slice)),
  };
}
