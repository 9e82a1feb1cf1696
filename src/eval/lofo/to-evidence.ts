import { PaydownError } from '../../errors.js';
import type { ImportanceDoc } from '../../evidence/importance.js';
import type { LofoResult } from './result.js';

/** Six significant digits: far below the noise between folds, and readable in findings. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}

/**
 * The LOFO result as `paydown.importance/v1` evidence for `paydown check`: one entry per feature,
 * and one per group with its `members`, numbers to six significant digits. It needs the model
 * id (`--model`).
 *
 * @example
 * await writeFileAtomic('evidence/ctr-lofo.json', `${JSON.stringify(toImportanceEvidence(result), null, 2)}\n`);
 */
export function toImportanceEvidence(result: LofoResult): ImportanceDoc {
  if (result.model === undefined) throw new PaydownError('PAYDOWN_USAGE', '--evidence needs --model: importance evidence is about one model of the system');
  return {
    format: 'paydown.importance/v1',
    model: result.model,
    ...(result.modelVersion === undefined ? {} : { modelVersion: result.modelVersion }),
    metric: result.metric,
    folds: result.folds,
    createdAt: result.createdAt,
    seed: result.seed,
    learner: result.learner,
    epsilon: result.epsilon,
    complete: result.complete,
    results: result.results.map((entry) => ({
      feature: entry.name,
      ...(entry.kind === 'group' ? { members: [...entry.members] } : {}),
      drop: { mean: round(entry.drop.mean), std: round(entry.drop.std), ciLow: round(entry.drop.ciLow), ciHigh: round(entry.drop.ciHigh), pValue: round(entry.drop.pValue) },
      verdict: entry.verdict,
    })),
  };
}
