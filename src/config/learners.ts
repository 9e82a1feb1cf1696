/** The type a learner setting takes. */
export type SettingType = 'number' | 'integer' | 'string' | 'boolean';

/** One setting a learner reads: its type, bounds or allowed values, and its default. */
export interface LearnerSetting {
  readonly type: SettingType;
  readonly default?: number | string | boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly values?: readonly string[];
  readonly description: string;
}

/** A learner paydown knows the settings of. */
export interface Learner {
  readonly name: string;
  readonly description: string;
  readonly settings: Readonly<Record<string, LearnerSetting>>;
}

/**
 * The learners a config can name in `learner.type`, with every setting each reads. The
 * built-in learners mirror the usual scikit-learn settings; `command` runs a team's own trainer.
 *
 * @example
 * learners.gbdt.settings.learningRate.default; // 0.1
 */
export const learners: Readonly<Record<string, Learner>> = {
  logistic: {
    name: 'logistic',
    description: 'L2-regularised logistic regression.',
    settings: {
      C: { type: 'number', default: 1, minimum: 0, description: 'Inverse of the L2 regularisation strength.' },
      maxIterations: { type: 'integer', default: 100, minimum: 1, description: 'Iterations of the solver at most.' },
      tolerance: { type: 'number', default: 0.0001, minimum: 0, description: 'Stop when the improvement is below this.' },
      classWeight: { type: 'string', default: 'none', values: ['none', 'balanced'], description: 'Reweight classes by their frequency.' },
      fitIntercept: { type: 'boolean', default: true, description: 'Learn a bias term.' },
    },
  },
  gbdt: {
    name: 'gbdt',
    description: 'Histogram-based gradient-boosted trees.',
    settings: {
      learningRate: { type: 'number', default: 0.1, minimum: 0, description: 'Shrinkage of each tree.' },
      maxIterations: { type: 'integer', default: 100, minimum: 1, description: 'Number of boosting rounds.' },
      maxDepth: { type: 'integer', minimum: 1, description: 'Depth of each tree at most (unbounded when unset).' },
      maxLeafNodes: { type: 'integer', default: 31, minimum: 2, description: 'Leaves of each tree at most.' },
      minSamplesLeaf: { type: 'integer', default: 20, minimum: 1, description: 'Examples in a leaf at least.' },
      l2Regularization: { type: 'number', default: 0, minimum: 0, description: 'L2 penalty on leaf values.' },
      maxBins: { type: 'integer', default: 255, minimum: 2, maximum: 255, description: 'Histogram bins per feature.' },
      earlyStopping: { type: 'boolean', default: false, description: 'Stop when the validation score stops improving.' },
    },
  },
  command: {
    name: 'command',
    description: "The team's own trainer, run as a command.",
    settings: {
      command: { type: 'string', description: 'The command line to run.' },
      timeoutSeconds: { type: 'integer', default: 3600, minimum: 1, description: 'Seconds before the run is stopped.' },
      workingDirectory: { type: 'string', description: 'Where the command runs.' },
    },
  },
};

/** Names of the known learners. */
export const learnerNames: readonly string[] = Object.keys(learners);
