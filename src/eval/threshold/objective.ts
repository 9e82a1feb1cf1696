import { PaydownError } from '../../errors.js';
import { fBetaOf } from '../metrics/confusion.js';
import type { CurveCounts } from '../metrics/ranked-scores.js';

/** What a learned threshold optimises. Predictions are positive at score ≥ threshold. */
export type ThresholdObjective =
  | { readonly kind: 'f-beta'; readonly beta: number }
  | { readonly kind: 'max-recall'; readonly minPrecision: number }
  | { readonly kind: 'max-precision'; readonly minRecall: number }
  | { readonly kind: 'fpr'; readonly maxFpr: number }
  | { readonly kind: 'min-cost'; readonly costFp: number; readonly costFn: number };

export const objectiveKinds = ['f-beta', 'max-recall', 'max-precision', 'fpr', 'min-cost'] as const;

/**
 * The objective as one short text, as it is written in evidence and manifests.
 *
 * @example
 * describeObjective({ kind: 'max-recall', minPrecision: 0.9 }); // 'max-recall@precision>=0.9'
 */
export function describeObjective(objective: ThresholdObjective): string {
  switch (objective.kind) {
    case 'f-beta':
      return objective.beta === 1 ? 'max-f1' : `max-f-beta@beta=${objective.beta}`;
    case 'max-recall':
      return `max-recall@precision>=${objective.minPrecision}`;
    case 'max-precision':
      return `max-precision@recall>=${objective.minRecall}`;
    case 'fpr':
      return `max-recall@fpr<=${objective.maxFpr}`;
    case 'min-cost':
      return `min-cost@fp=${objective.costFp},fn=${objective.costFn}`;
  }
}

/** The parameters of an objective as the CLI receives them (strings, unparsed). */
export interface ObjectiveFlags {
  readonly beta?: string;
  readonly minPrecision?: string;
  readonly minRecall?: string;
  readonly maxFpr?: string;
  readonly costFp?: string;
  readonly costFn?: string;
}

/**
 * Builds an objective from its name and flags, with a PaydownError (PAYDOWN_USAGE) for a
 * missing or out-of-range parameter.
 *
 * @example
 * parseObjective('max-recall', { minPrecision: '0.9' }); // { kind: 'max-recall', minPrecision: 0.9 }
 */
export function parseObjective(kind: string, flags: ObjectiveFlags): ThresholdObjective {
  const number = (value: string | undefined, flag: string, check: (x: number) => boolean, range: string, fallback?: number): number => {
    if (value === undefined) {
      if (fallback !== undefined) return fallback;
      throw new PaydownError('PAYDOWN_USAGE', `--objective ${kind} needs ${flag} (${range})`);
    }
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || !check(parsed)) throw new PaydownError('PAYDOWN_USAGE', `${flag} wants ${range}, not '${value}'`);
    return parsed;
  };
  const share = (x: number): boolean => x >= 0 && x <= 1;
  switch (kind) {
    case 'f-beta':
      return { kind, beta: number(flags.beta, '--beta', (x) => x > 0, 'a positive number', 1) };
    case 'max-recall':
      return { kind, minPrecision: number(flags.minPrecision, '--min-precision', share, 'a share between 0 and 1') };
    case 'max-precision':
      return { kind, minRecall: number(flags.minRecall, '--min-recall', share, 'a share between 0 and 1') };
    case 'fpr':
      return { kind, maxFpr: number(flags.maxFpr, '--max-fpr', share, 'a share between 0 and 1') };
    case 'min-cost':
      return {
        kind,
        costFp: number(flags.costFp, '--cost-fp', (x) => x >= 0, 'a cost of zero or more'),
        costFn: number(flags.costFn, '--cost-fn', (x) => x >= 0, 'a cost of zero or more'),
      };
    default:
      throw new PaydownError('PAYDOWN_USAGE', `unknown --objective '${kind}'; use one of ${objectiveKinds.join(', ')}`);
  }
}

/**
 * The index of the best point of a curve (distinct scores, highest first) for the objective, or
 * −1 when no point meets its constraint. Among equally good points:
 * - f-beta: the highest threshold;
 * - max-recall (precision ≥ p) and fpr (false-positive rate ≤ x): the most recall, then the
 *   highest precision (fewest false positives), then the highest threshold;
 * - max-precision (recall ≥ r): the highest precision, then the most recall;
 * - min-cost: the lowest cost_fp · FP + cost_fn · FN, then the highest threshold.
 * Only observed scores are candidates.
 *
 * @example
 * const best = bestPoint(curveCounts(labels, rankScores(scores)), { kind: 'f-beta', beta: 1 });
 */
export function bestPoint(counts: CurveCounts, objective: ThresholdObjective): number {
  const { truePositives: tps, falsePositives: fps, positives, negatives } = counts;
  let best = -1;
  let bestValue = Number.NEGATIVE_INFINITY;
  let bestTie = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < tps.length; i++) {
    const tp = tps[i];
    const fp = fps[i];
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = positives === 0 ? 0 : tp / positives;
    let value: number;
    let tie = 0;
    switch (objective.kind) {
      case 'f-beta':
        value = fBetaOf(precision, recall, objective.beta);
        break;
      case 'max-recall':
        if (precision < objective.minPrecision) continue;
        value = recall;
        tie = precision;
        break;
      case 'max-precision':
        if (recall < objective.minRecall) continue;
        value = precision;
        tie = recall;
        break;
      case 'fpr':
        if ((negatives === 0 ? 0 : fp / negatives) > objective.maxFpr) continue;
        value = recall;
        tie = precision;
        break;
      case 'min-cost':
        value = -(objective.costFp * fp + objective.costFn * (positives - tp));
        break;
    }
    if (value > bestValue || (value === bestValue && tie > bestTie)) {
      best = i;
      bestValue = value;
      bestTie = tie;
    }
  }
  return best;
}
