import type { TrainingData } from './learner.js';

/**
 * What a model file records about the target, when the data was loaded from a file (see `LoadedTrainingData`).
 *
 * @example
 * targetInfo(await loadTrainingData('bank.csv', { target: 'y' })); // { target: 'y', positiveLabel: 'yes' }
 */
export function targetInfo(data: TrainingData): { target?: string; positiveLabel?: string } {
  const loaded = data as TrainingData & { readonly targetName?: unknown; readonly positiveLabel?: unknown };
  return {
    ...(typeof loaded.targetName === 'string' ? { target: loaded.targetName } : {}),
    ...(typeof loaded.positiveLabel === 'string' ? { positiveLabel: loaded.positiveLabel } : {}),
  };
}
