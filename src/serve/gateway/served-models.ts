/**
 * What the gateway can serve, built from the models' `serving:` sections: each version either
 * runs in-process from a `paydown.model/v1` file or is forwarded to an Open Inference Protocol v2
 * backend. Built again (and swapped in whole) when the manifests are reloaded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PaydownError, type Problem } from '../../errors.js';
import { parseModelFile } from '../../learn/model-file.js';
import type { LoadedSystem } from '../../manifest/load-system.js';
import { parseRef, type Model } from '../../manifest/system.js';
import { V2Backend } from './v2-backend.js';

/** A v2 tensor datatype as the gateway reports a model input. */
export type InputDatatype = 'FP64' | 'BYTES' | 'BOOL';

/** One servable version of a model. */
export interface ServedVersion {
  readonly version: string;
  readonly platform: 'paydown' | 'v2-backend';
  readonly inputs: readonly { readonly name: string; readonly datatype: InputDatatype }[];
  /** Scores every row; in-process versions answer synchronously. */
  score(rows: readonly Readonly<Record<string, unknown>>[]): number[] | Promise<number[]>;
}

/** A model the gateway serves. */
export interface ServedModel {
  readonly id: string;
  /** The version answered when the request names none and the plan is live. */
  readonly liveVersion: string;
  readonly versions: ReadonlyMap<string, ServedVersion>;
  /** `threshold.value`, else 0.5: the score at which `action` is taken. */
  readonly threshold: number;
  /** `serving.action`: taken when the score reaches the threshold (never by the safe default or a shadow). */
  readonly action: string | null;
  readonly safeDefault: number | undefined;
}

export interface ServedModelsOptions {
  /** Time a v2 backend has to answer (default 2,000 ms). */
  readonly backendTimeoutMs?: number;
}

/**
 * Builds the served models of a system; every problem (an unreadable model file, a missing live
 * version) is thrown together as one PaydownError.
 *
 * @example
 * const served = loadServedModels(await loadSystem('examples/ad-click'));
 * served.get('ctr')?.versions.get('7')?.score([{ ctr_7d: 0.02 }]);
 */
export function loadServedModels(system: LoadedSystem, options: ServedModelsOptions = {}): Map<string, ServedModel> {
  const problems: Problem[] = [];
  const served = new Map<string, ServedModel>();
  for (const model of system.models) {
    const serving = model.doc.serving;
    if (serving === undefined) continue;
    const versions = new Map<string, ServedVersion>();
    for (const [label, spec] of Object.entries(serving.versions)) {
      const where = { file: model.location.file };
      if ((spec.file === undefined) === (spec.backend === undefined)) {
        problems.push({ message: `model ${model.id} version ${label}: give exactly one of file or backend`, location: where });
        continue;
      }
      try {
        versions.set(label, spec.file !== undefined ? inProcess(model, label, spec.file) : backendVersion(system, model, label, spec.backend ?? '', spec.name ?? model.id, options));
      } catch (error) {
        if (!(error instanceof PaydownError)) throw error;
        problems.push({ message: `model ${model.id} version ${label}: ${error.message}`, location: where }, ...error.problems);
      }
    }
    const liveVersion = String(serving.version ?? model.doc.version ?? Object.keys(serving.versions)[0] ?? '');
    for (const [what, version] of [
      ['version', liveVersion],
      ['fallback', serving.fallback],
      ['shadow', serving.shadow],
    ] as const) {
      if (version !== undefined && !Object.hasOwn(serving.versions, String(version))) {
        problems.push({ message: `model ${model.id}: serving ${what} ${version} is not one of serving.versions (${Object.keys(serving.versions).join(', ')})`, location: { file: model.location.file } });
      }
    }
    served.set(model.id, {
      id: model.id,
      liveVersion,
      versions,
      threshold: model.doc.threshold?.value ?? 0.5,
      action: serving.action ?? null,
      safeDefault: serving.safeDefault?.score,
    });
  }
  if (problems.length > 0) throw new PaydownError('PAYDOWN_MANIFEST_INVALID', 'cannot serve the models as declared', problems);
  return served;
}

function inProcess(model: Model, version: string, file: string): ServedVersion {
  const resolved = path.resolve(path.dirname(model.location.file), file);
  let text: string;
  try {
    text = readFileSync(resolved, 'utf8');
  } catch (error) {
    throw new PaydownError('PAYDOWN_FILE_UNREADABLE', `cannot read the model file ${resolved} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PaydownError('PAYDOWN_FILE_UNREADABLE', `the model file ${resolved} is not JSON: ${(error as Error).message}`);
  }
  const compiled = parseModelFile(value, resolved, text);
  const categorical = categoricalFeatures(value);
  return {
    version,
    platform: 'paydown',
    inputs: compiled.features.map((name) => ({ name, datatype: categorical.has(name) ? 'BYTES' : 'FP64' })),
    score: (rows) => rows.map((row) => compiled.predictOne(row)),
  };
}

/** Features a model file reads as categories: the keys of a linear model's `categorical`, or a tree model's list. */
function categoricalFeatures(value: unknown): Set<string> {
  const categorical = (value as { categorical?: unknown }).categorical;
  if (Array.isArray(categorical)) return new Set(categorical.filter((v): v is string => typeof v === 'string'));
  if (typeof categorical === 'object' && categorical !== null) return new Set(Object.keys(categorical));
  return new Set();
}

function backendVersion(system: LoadedSystem, model: Model, version: string, url: string, name: string, options: ServedModelsOptions): ServedVersion {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new PaydownError('PAYDOWN_MANIFEST_INVALID', `backend ${url} is not a URL`);
  }
  const inputs = (model.doc.inputs ?? []).map((ref): { name: string; datatype: InputDatatype } => {
    const id = parseRef(ref).id;
    const type = system.features.find((candidate) => candidate.id === id)?.doc.valueType;
    return { name: id, datatype: type === 'categorical' || type === 'string' ? 'BYTES' : type === 'boolean' ? 'BOOL' : 'FP64' };
  });
  const backend = new V2Backend(base, name, options.backendTimeoutMs ?? 2_000);
  return { version, platform: 'v2-backend', inputs, score: (rows) => backend.infer(rows, inputs) };
}
