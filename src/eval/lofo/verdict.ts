/** What to do with a feature or group, given its metric drops and the model's epsilon. */
export type Verdict = 'keep' | 'remove' | 'inconclusive';

/**
 * The verdict on a feature or group against epsilon, the smallest metric gain worth keeping:
 *
 * - 3 folds or more: `remove` when the upper confidence bound of the mean drop is below
 *   epsilon (it surely brings less than epsilon), `keep` when the lower bound is at least epsilon
 *   (it surely brings epsilon or more), `inconclusive` otherwise;
 * - 2 folds (an interval with one degree of freedom is too wide to decide anything): `remove`
 *   when the mean drop is below epsilon, `keep` otherwise.
 *
 * @example
 * verdictOf({ mean: 0.0001, ciLow: -0.0002, ciHigh: 0.0004 }, 5, 0.001); // 'remove'
 */
export function verdictOf(drop: { readonly mean: number; readonly ciLow: number; readonly ciHigh: number }, folds: number, epsilon: number): Verdict {
  if (folds < 3) return drop.mean < epsilon ? 'remove' : 'keep';
  if (drop.ciHigh < epsilon) return 'remove';
  if (drop.ciLow >= epsilon) return 'keep';
  return 'inconclusive';
}
