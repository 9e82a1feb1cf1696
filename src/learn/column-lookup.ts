import { PaydownError } from '../errors.js';
import type { FeatureColumn, TrainingData } from './learner.js';

/** A feature a model was fitted on, found again in the data it is asked to score. */
export type ScoredColumn =
  | { readonly kind: 'numeric'; readonly values: Float64Array }
  /** `codes` are the data's own codes; `remap` turns them into the codes the model was fitted with (-1: unknown). */
  | { readonly kind: 'categorical'; readonly codes: Int32Array; readonly remap: Int32Array | undefined };

/** What a fitted model remembers of one feature. */
export interface FittedFeature {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  readonly categories?: readonly string[];
}

/**
 * The name, kind and categories of a column, as a fitted model keeps them.
 *
 * @example
 * const features = request.features.map((index) => fittedFeatureOf(request.data.columns[index]));
 */
export function fittedFeatureOf(column: FeatureColumn): FittedFeature {
  return column.kind === 'numeric' ? { name: column.name, kind: 'numeric' } : { name: column.name, kind: 'categorical', categories: column.categories };
}

/**
 * Finds the columns a model was fitted on in `data` by name; categorical codes are translated
 * when the data has other categories than the training data (no copy when they are the same).
 *
 * @example
 * const [age, job] = lookUpColumns(testData, [{ name: 'age', kind: 'numeric' }, { name: 'job', kind: 'categorical', categories }]);
 */
export function lookUpColumns(data: TrainingData, features: readonly FittedFeature[]): ScoredColumn[] {
  const byName = new Map(data.columns.map((column) => [column.name, column]));
  return features.map((feature) => {
    const column = byName.get(feature.name);
    if (column === undefined) throw new PaydownError('PAYDOWN_USAGE', `the data to score has no column '${feature.name}', which the model was fitted on`);
    if (column.kind !== feature.kind) throw new PaydownError('PAYDOWN_USAGE', `column '${feature.name}' is ${column.kind} in the data to score but was ${feature.kind} when the model was fitted`);
    if (column.kind === 'numeric') return { kind: 'numeric', values: column.values };
    return { kind: 'categorical', codes: column.codes, remap: remapOf(column.categories, feature.categories ?? []) };
  });
}

function remapOf(current: readonly string[], fitted: readonly string[]): Int32Array | undefined {
  if (current === fitted || (current.length === fitted.length && current.every((category, i) => category === fitted[i]))) return undefined;
  const codeOf = new Map(fitted.map((category, code) => [category, code]));
  return Int32Array.from(current, (category) => codeOf.get(category) ?? -1);
}
