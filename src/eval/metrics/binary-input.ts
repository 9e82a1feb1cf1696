import { PaydownError } from '../../errors.js';

/**
 * Checks that labels and scores describe one binary problem: the same length, at least one
 * row, every label 0 or 1, every score a finite number. With `probabilities`, scores must also
 * lie in [0, 1]. With `bothClasses`, both labels must occur. Throws a PaydownError naming the
 * first offending row (0-based) otherwise.
 *
 * @example
 * checkBinaryInput([0, 1], [0.2, 0.9], { probabilities: true, bothClasses: true });
 */
export function checkBinaryInput(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  { probabilities = false, bothClasses = false, what = 'metric' }: { probabilities?: boolean; bothClasses?: boolean; what?: string } = {},
): { positives: number; negatives: number } {
  if (labels.length !== scores.length) {
    throw new PaydownError('PAYDOWN_USAGE', `${what}: ${labels.length} labels but ${scores.length} scores`);
  }
  if (labels.length === 0) throw new PaydownError('PAYDOWN_USAGE', `${what}: no rows`);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label === 1) positives++;
    else if (label !== 0) {
      throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `${what}: label at row ${i} is ${String(label)}, expected 0 or 1`);
    }
    const score = scores[i];
    if (!Number.isFinite(score)) {
      throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `${what}: score at row ${i} is ${String(score)}, expected a finite number`);
    }
    if (probabilities && (score < 0 || score > 1)) {
      throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `${what}: score at row ${i} is ${score}, expected a probability in [0, 1]`);
    }
  }
  const negatives = labels.length - positives;
  if (bothClasses && (positives === 0 || negatives === 0)) {
    throw new PaydownError(
      'PAYDOWN_DATA_SCHEMA_INVALID',
      `${what}: only one class present (${positives} positives, ${negatives} negatives); both 0 and 1 are needed`,
    );
  }
  return { positives, negatives };
}
