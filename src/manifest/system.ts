import type { SourceLocation } from '../errors.js';
import type {
  ConfigDoc,
  ConsumerDoc,
  ExperimentDoc,
  FeatureDoc,
  ManifestKind,
  ModelDoc,
  OutputDoc,
  PipelineDoc,
  RefValue,
  SourceDoc,
} from './schema.js';

/** A declared object: its validated document and where it was declared. */
export interface Declared<K extends ManifestKind, D> {
  readonly kind: K;
  readonly id: string;
  readonly doc: D;
  readonly location: SourceLocation;
  /** Index of the YAML document inside its file, used to point findings at a field. */
  readonly documentIndex: number;
}

export type Source = Declared<'source', SourceDoc>;
export type Feature = Declared<'feature', FeatureDoc>;
export type Model = Declared<'model', ModelDoc>;
export type Output = Declared<'output', OutputDoc>;
export type Consumer = Declared<'consumer', ConsumerDoc>;
export type Pipeline = Declared<'pipeline', PipelineDoc>;
export type Experiment = Declared<'experiment', ExperimentDoc>;
export type Config = Declared<'config', ConfigDoc>;

export type SystemObject = Source | Feature | Model | Output | Consumer | Pipeline | Experiment | Config;

/** A reference after parsing: the id and the pinned version, if any. */
export interface Ref {
  readonly id: string;
  readonly version?: string;
}

/** Everything declared in a system directory. */
export interface System {
  /** The directory the manifests were read from. */
  readonly root: string;
  /** Manifest files read, as paths joined to the root. */
  readonly files: readonly string[];
  /** Every object by id. */
  readonly objects: ReadonlyMap<string, SystemObject>;
  readonly sources: readonly Source[];
  readonly features: readonly Feature[];
  readonly models: readonly Model[];
  readonly outputs: readonly Output[];
  readonly consumers: readonly Consumer[];
  readonly pipelines: readonly Pipeline[];
  readonly experiments: readonly Experiment[];
  readonly configs: readonly Config[];
}

/**
 * Parses a reference written as `id`, `id@version` or `{ id, version }`.
 *
 * @example
 * parseRef('topic_clusters@3'); // { id: 'topic_clusters', version: '3' }
 */
export function parseRef(value: RefValue): Ref {
  if (typeof value !== 'string') {
    return value.version === undefined ? { id: value.id } : { id: value.id, version: String(value.version) };
  }
  const at = value.lastIndexOf('@');
  if (at <= 0) return { id: value };
  return { id: value.slice(0, at), version: value.slice(at + 1) };
}

/**
 * Groups objects by kind, keeping their order. `byId`, when given, must already map the id of
 * every object in `list` (and nothing else) to it, in the same order; it is then used as is.
 */
export function systemFromObjects(root: string, files: readonly string[], list: readonly SystemObject[], byId?: ReadonlyMap<string, SystemObject>): System {
  const objects: ReadonlyMap<string, SystemObject> = byId ?? new Map(list.map((object) => [object.id, object]));
  const sources: Source[] = [];
  const features: Feature[] = [];
  const models: Model[] = [];
  const outputs: Output[] = [];
  const consumers: Consumer[] = [];
  const pipelines: Pipeline[] = [];
  const experiments: Experiment[] = [];
  const configs: Config[] = [];
  for (const object of list) {
    switch (object.kind) {
      case 'source': sources.push(object); break;
      case 'feature': features.push(object); break;
      case 'model': models.push(object); break;
      case 'output': outputs.push(object); break;
      case 'consumer': consumers.push(object); break;
      case 'pipeline': pipelines.push(object); break;
      case 'experiment': experiments.push(object); break;
      case 'config': configs.push(object); break;
    }
  }
  return { root, files, objects, sources, features, models, outputs, consumers, pipelines, experiments, configs };
}
