import { PaydownError } from '../../errors.js';
import type { Task } from '../../learn/learner.js';
import { logLoss, rocAuc } from '../metrics/index.js';

/** The metrics `paydown lofo` measures drops of. */
export type LofoMetric = 'auc' | 'logloss' | 'rmse';

export const lofoMetrics: readonly LofoMetric[] = ['auc', 'logloss', 'rmse'];

/** Whether larger values of the metric are better, and the task it needs. */
export const metricInfo: Readonly<Record<LofoMetric, { readonly higherIsBetter: boolean; readonly task: Task }>> = {
  auc: { higherIsBetter: true, task: 'binary' },
  logloss: { higherIsBetter: false, task: 'binary' },
  rmse: { higherIsBetter: false, task: 'regression' },
};

/**
 * The metric of scores against labels: ROC AUC, log loss (scores are probabilities) or root mean
 * squared error.
 *
 * @example
 * computeMetric('rmse', [1, 2], [1, 4]); // √2
 */
export function computeMetric(metric: LofoMetric, labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  if (metric === 'auc') return rocAuc(labels, scores);
  if (metric === 'logloss') return logLoss(labels, scores);
  if (labels.length === 0 || labels.length !== scores.length) throw new PaydownError('PAYDOWN_USAGE', `rmse: ${labels.length} labels and ${scores.length} scores`);
  let sum = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const error = scores[i] - labels[i];
    if (!Number.isFinite(error)) throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `rmse: score at row ${i} is ${scores[i]}, expected a finite number`);
    sum += error * error;
  }
  return Math.sqrt(sum / labels.length);
}

/** The drop when a feature is left out, oriented so that positive means the feature helps. */
export function metricDrop(metric: LofoMetric, full: number, without: number): number {
  return metricInfo[metric].higherIsBetter ? full - without : without - full;
}
