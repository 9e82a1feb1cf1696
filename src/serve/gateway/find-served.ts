/**
 * Finding the model and version a gateway call names, or the 404 that says why there is none.
 */
import { HttpError } from '../http-error.js';
import type { ServeCore } from '../serve-core.js';
import type { ServedModel, ServedVersion } from './served-models.js';

/**
 * The served model called `name`; a 404 that tells a declared-but-unserved model from an unknown one.
 *
 * @example
 * const model = servedModel(core, 'ctr'); // model.liveVersion === '7'
 */
export function servedModel(core: ServeCore, name: string): ServedModel {
  const model = core.holder.current.served.get(name);
  if (model === undefined) {
    const declared = core.holder.current.snapshot.system.models.some((candidate) => candidate.id === name);
    throw new HttpError(404, declared ? `model ${name} is not served (its manifest has no serving: section)` : `unknown model ${name}`);
  }
  return model;
}

/** One served version of a model, or a 404 listing the versions there are. */
export function versionOf(model: ServedModel, version: string): ServedVersion {
  const served = model.versions.get(version);
  if (served === undefined) throw new HttpError(404, `model ${model.id} has no served version ${version} (versions: ${[...model.versions.keys()].join(', ')})`);
  return served;
}

/** The version a call without a version number is answered by. */
export function liveOf(model: ServedModel): ServedVersion {
  return versionOf(model, model.liveVersion);
}
