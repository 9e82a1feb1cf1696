// The learners' own modules, not learn/index.js: worker threads must not load the data readers (DuckDB).
import { gradientBoostedTrees, type GradientBoostedTreesOptions } from '../../learn/gradient-boosted-trees.js';
import { logisticRegression, type LogisticRegressionOptions } from '../../learn/logistic-regression.js';
import type { Learner } from '../../learn/learner.js';

/** The built-in learners `paydown lofo` can train. */
export type BuiltInLearnerName = 'logistic' | 'gbdt';

export const builtInLearnerNames: readonly BuiltInLearnerName[] = ['logistic', 'gbdt'];

/** A built-in learner by name with its settings: plain data, so it can be sent to a worker thread. */
export type LearnerSpec =
  | { readonly name: 'logistic'; readonly options?: LogisticRegressionOptions }
  | { readonly name: 'gbdt'; readonly options?: GradientBoostedTreesOptions };

/**
 * Makes the learner a spec names.
 *
 * @example
 * const learner = builtInLearner({ name: 'logistic', options: { C: 1 } });
 */
export function builtInLearner(spec: LearnerSpec): Learner {
  if (spec.name === 'logistic') return logisticRegression(spec.options);
  return gradientBoostedTrees(spec.options);
}
