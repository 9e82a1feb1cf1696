/**
 * Scores ordered from highest to lowest and cut into groups of equal score, computed once and
 * reused by every curve and rank metric (and by each bootstrap resample, which only reweights
 * rows). `order[k]` is a row index; group `g` holds `order[starts[g] .. starts[g + 1])`, all
 * with the score `values[g]`, and `values` strictly decreases.
 */
export interface RankedScores {
  readonly order: Uint32Array;
  readonly starts: Uint32Array;
  readonly values: Float64Array;
}

/**
 * Orders the scores from highest to lowest and groups ties.
 *
 * @example
 * rankScores([0.2, 0.9, 0.2]).values; // Float64Array [0.9, 0.2]
 */
export function rankScores(scores: ArrayLike<number>): RankedScores {
  const values = Float64Array.from(scores);
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => values[b] - values[a] || a - b);
  const starts: number[] = [];
  const distinct: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const value = values[order[k]];
    if (k === 0 || value !== distinct[distinct.length - 1]) {
      starts.push(k);
      distinct.push(value);
    }
  }
  starts.push(order.length);
  return { order, starts: Uint32Array.from(starts), values: Float64Array.from(distinct) };
}

/**
 * Per distinct score, from the highest down: the (weighted) positives and negatives scoring at
 * least that score, i.e. true and false positives when predicting positive at `score ≥ t`.
 * `weights` (e.g. bootstrap counts) default to 1 per row.
 */
export interface CurveCounts {
  readonly thresholds: Float64Array;
  readonly truePositives: Float64Array;
  readonly falsePositives: Float64Array;
  readonly positives: number;
  readonly negatives: number;
}

/**
 * Cumulative true and false positives at each distinct score, highest score first; scores whose
 * rows all have weight 0 are left out.
 *
 * @example
 * const counts = curveCounts([0, 1, 1], rankScores([0.1, 0.8, 0.4]));
 * counts.truePositives; // Float64Array [1, 2, 2]
 */
export function curveCounts(labels: ArrayLike<number>, ranked: RankedScores, weights?: ArrayLike<number>): CurveCounts {
  const groups = ranked.values.length;
  const thresholds = new Float64Array(groups);
  const tps = new Float64Array(groups);
  const fps = new Float64Array(groups);
  let tp = 0;
  let fp = 0;
  let kept = 0;
  for (let g = 0; g < groups; g++) {
    let groupWeight = 0;
    for (let k = ranked.starts[g]; k < ranked.starts[g + 1]; k++) {
      const row = ranked.order[k];
      const weight = weights === undefined ? 1 : weights[row];
      if (weight === 0) continue;
      groupWeight += weight;
      if (labels[row] === 1) tp += weight;
      else fp += weight;
    }
    if (groupWeight === 0) continue;
    thresholds[kept] = ranked.values[g];
    tps[kept] = tp;
    fps[kept] = fp;
    kept++;
  }
  return { thresholds: thresholds.subarray(0, kept), truePositives: tps.subarray(0, kept), falsePositives: fps.subarray(0, kept), positives: tp, negatives: fp };
}
