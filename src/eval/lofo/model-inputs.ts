import { PaydownError } from '../../errors.js';
import { parseRef, type System } from '../../manifest/system.js';
import type { FeatureGroup } from './feature-sets.js';

/** What the manifest says about a model's inputs, for LOFO. */
export interface ModelInputs {
  readonly model: string;
  readonly version?: string;
  readonly epsilon?: number;
  /** Declared input ids, in manifest order. */
  readonly features: readonly string[];
  /** Inputs declared with a categorical, string or boolean `valueType`. */
  readonly categorical: readonly string[];
  /** One group per bundle that two or more of the inputs belong to, named after the bundle. */
  readonly bundles: readonly FeatureGroup[];
}

/**
 * Reads a model's declared inputs, their bundles and value types, and its version and epsilon.
 *
 * @example
 * const inputs = modelInputs(await loadSystem('examples/ad-click'), 'ctr');
 * inputs.bundles; // [{ name: 'geo-2024', members: ['geo_country', 'geo_region', 'geo_city'] }]
 */
export function modelInputs(system: System, modelId: string): ModelInputs {
  const model = system.objects.get(modelId);
  if (model?.kind !== 'model') {
    const models = system.models.map((m) => m.id);
    throw new PaydownError('PAYDOWN_NODE_NOT_FOUND', `${system.root} declares no model '${modelId}'${models.length > 0 ? ` (models: ${models.join(', ')})` : ''}`);
  }
  const features = [...new Set((model.doc.inputs ?? []).map((raw) => parseRef(raw).id))];
  const categorical: string[] = [];
  const bundles = new Map<string, string[]>();
  for (const id of features) {
    const feature = system.objects.get(id);
    if (feature?.kind !== 'feature') continue;
    const type = feature.doc.valueType;
    if (type === 'categorical' || type === 'string' || type === 'boolean') categorical.push(id);
    const bundle = feature.doc.bundle;
    if (bundle === undefined) continue;
    const members = bundles.get(bundle);
    if (members === undefined) bundles.set(bundle, [id]);
    else members.push(id);
  }
  return {
    model: model.id,
    ...(model.doc.version === undefined ? {} : { version: String(model.doc.version) }),
    ...(model.doc.epsilon === undefined ? {} : { epsilon: model.doc.epsilon }),
    features,
    categorical,
    bundles: [...bundles].filter(([, members]) => members.length >= 2).map(([name, members]) => ({ name, members })),
  };
}
