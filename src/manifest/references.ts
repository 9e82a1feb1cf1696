import type { PathSegment } from './locate-path.js';
import type { ManifestKind, RefValue } from './schema.js';
import { parseRef, type SystemObject } from './system.js';

/** What a reference means in the graph. Data edges carry data; the rest annotate. */
export type EdgeKind =
  | 'input'
  | 'trains-on'
  | 'produces'
  | 'reads'
  | 'writes'
  | 'logs'
  | 'replacement'
  | 'substitute'
  | 'corrects'
  | 'affects'
  | 'extends'
  | 'configures';

/** Edge kinds along which data flows from upstream to downstream. */
export const dataEdgeKinds: ReadonlySet<EdgeKind> = new Set(['input', 'trains-on', 'produces', 'reads', 'writes', 'logs']);

/** One reference written in a manifest, and the edge it makes. */
export interface DeclaredReference {
  /** The referenced id. */
  readonly target: string;
  readonly version?: string;
  /** Kinds the field accepts. */
  readonly allowed: readonly ManifestKind[];
  readonly edge: EdgeKind;
  /** True when data flows from the declaring object to the target (it produces or logs into it). */
  readonly outgoing: boolean;
  /** Where in the document the reference is written. */
  readonly path: readonly PathSegment[];
}

const DATA_INPUTS: readonly ManifestKind[] = ['source', 'feature', 'output'];

/**
 * Lists every reference an object makes, with the kinds each field accepts. The list is made
 * anew on each call (keeping half a million of them alive costs more in garbage collection than
 * listing them again); the paths and kind lists in it are shared, so treat it as read-only.
 *
 * @example
 * listReferences(feature); // [{ target: 'click_log', edge: 'input', allowed: ['source', 'feature', 'output'], ... }]
 */
export function listReferences(object: SystemObject): readonly DeclaredReference[] {
  const references: DeclaredReference[] = [];
  forEachReference(object, (target, version, allowed, edge, outgoing, path) => {
    references.push(version === undefined ? { target, allowed, edge, outgoing, path } : { target, version, allowed, edge, outgoing, path });
  });
  return references;
}

/** Receives one reference (see forEachReference): the fields of a DeclaredReference, one by one. */
export type ReferenceVisitor = (
  target: string,
  version: string | undefined,
  allowed: readonly ManifestKind[],
  edge: EdgeKind,
  outgoing: boolean,
  path: readonly PathSegment[],
) => void;

/**
 * Calls `visit` for every reference an object makes, in the order of listReferences, without
 * making an object for each (building the graph of a large system visits half a million).
 *
 * @example
 * forEachReference(feature, (target, version) => console.log(target, version)); // click_log undefined
 */
export function forEachReference(object: SystemObject, visit: ReferenceVisitor): void {
  const add = (raw: RefValue, allowed: readonly ManifestKind[], edge: EdgeKind, path: readonly PathSegment[], outgoing = false): void => {
    const ref = parseRef(raw);
    visit(ref.id, ref.version, allowed, edge, outgoing, path);
  };
  visitReferences(object, add);
}

/**
 * Paths of list entries (`['inputs', 3]`), shared by every reference at the same place: a large
 * system has hundreds of thousands of references and only a few distinct paths.
 */
const entryPaths = new Map<readonly string[], (readonly PathSegment[])[]>();

function entryPath(fields: readonly string[], index: number): readonly PathSegment[] {
  let paths = entryPaths.get(fields);
  if (paths === undefined) {
    paths = [];
    entryPaths.set(fields, paths);
  }
  return (paths[index] ??= [...fields, index]);
}

const LOGS = ['logs'];
const INPUTS = ['inputs'];
const TRAINING_DATA = ['training', 'data'];
const TRAINING_DATA_ADDED = ['training', 'data+'];
const SERVING_SUBSTITUTE = ['availability', 'servingSubstitute'];
const READS = ['reads'];
const WRITES = ['writes'];
const AFFECTS = ['affects'];
const FEATURES = ['features'];
const FEATURES_ADDED = ['features+'];

/** Kinds accepted by a field (K_) and paths of single-valued fields (P_), shared by every reference. */
const K_PIPELINE: readonly ManifestKind[] = ['pipeline'];
const P_PRODUCER_JOB: readonly PathSegment[] = ['producer', 'job'];
const K_MODEL: readonly ManifestKind[] = ['model'];
const P_PRODUCER_MODEL: readonly PathSegment[] = ['producer', 'model'];
const K_MODEL_OUTPUT: readonly ManifestKind[] = ['model', 'output'];
const K_FEATURE: readonly ManifestKind[] = ['feature'];
const P_LIFECYCLE_REPLACEMENT: readonly PathSegment[] = ['lifecycle', 'replacement'];
const K_SOURCE: readonly ManifestKind[] = ['source'];
const P_CORRECTS: readonly PathSegment[] = ['corrects'];
const K_CONFIG: readonly ManifestKind[] = ['config'];
const K_MODEL_FEATURE_PIPELINE: readonly ManifestKind[] = ['model', 'feature', 'pipeline'];
const P_EXTENDS: readonly PathSegment[] = ['extends'];
const P_CONFIG: readonly PathSegment[] = ['config'];
const P_MODEL: readonly PathSegment[] = ['model'];

type AddReference = (raw: RefValue, allowed: readonly ManifestKind[], edge: EdgeKind, path: readonly PathSegment[], outgoing?: boolean) => void;

function visitReferences(object: SystemObject, add: AddReference): void {
  switch (object.kind) {
    case 'source': {
      const doc = object.doc;
      if (doc.producer?.job !== undefined) add(doc.producer.job, K_PIPELINE, 'writes', P_PRODUCER_JOB);
      if (doc.producer?.model !== undefined) add(doc.producer.model, K_MODEL, 'produces', P_PRODUCER_MODEL);
      doc.logs?.forEach((id, index) => add(id, K_MODEL_OUTPUT, 'logs', entryPath(LOGS, index)));
      break;
    }
    case 'feature': {
      const doc = object.doc;
      doc.inputs?.forEach((ref, index) => add(ref, DATA_INPUTS, 'input', entryPath(INPUTS, index)));
      if (doc.lifecycle?.replacement !== undefined) add(doc.lifecycle.replacement, K_FEATURE, 'replacement', P_LIFECYCLE_REPLACEMENT);
      doc.availability?.servingSubstitute?.forEach((id, index) =>
        add(id, K_FEATURE, 'substitute', entryPath(SERVING_SUBSTITUTE, index)),
      );
      break;
    }
    case 'model': {
      const doc = object.doc;
      doc.inputs?.forEach((ref, index) => add(ref, DATA_INPUTS, 'input', entryPath(INPUTS, index)));
      doc.training?.data?.forEach((ref, index) => add(ref, K_SOURCE, 'trains-on', entryPath(TRAINING_DATA, index)));
      if (doc.corrects !== undefined) add(doc.corrects, K_MODEL, 'corrects', P_CORRECTS);
      if (doc.config !== undefined) add(doc.config, K_CONFIG, 'configures', P_CONFIG);
      break;
    }
    case 'output':
      add(object.doc.model, K_MODEL, 'produces', P_MODEL);
      break;
    case 'consumer':
      object.doc.reads.forEach((read, index) => add(read, DATA_INPUTS, 'reads', entryPath(READS, index)));
      break;
    case 'pipeline': {
      const doc = object.doc;
      doc.reads?.forEach((ref, index) => add(ref, DATA_INPUTS, 'reads', entryPath(READS, index)));
      doc.writes?.forEach((id, index) => add(id, K_SOURCE, 'writes', entryPath(WRITES, index), true));
      break;
    }
    case 'experiment':
      object.doc.affects?.forEach((id, index) => add(id, K_MODEL_FEATURE_PIPELINE, 'affects', entryPath(AFFECTS, index)));
      break;
    case 'config': {
      const doc = object.doc;
      if (doc.extends !== undefined) add(doc.extends, K_CONFIG, 'extends', P_EXTENDS);
      if (doc.model !== undefined) add(doc.model, K_MODEL, 'configures', P_MODEL);
      doc.features?.forEach((ref, index) => add(ref, DATA_INPUTS, 'input', entryPath(FEATURES, index)));
      doc['features+']?.forEach((ref, index) => add(ref, DATA_INPUTS, 'input', entryPath(FEATURES_ADDED, index)));
      doc.training?.data?.forEach((ref, index) => add(ref, K_SOURCE, 'trains-on', entryPath(TRAINING_DATA, index)));
      doc.training?.['data+']?.forEach((ref, index) => add(ref, K_SOURCE, 'trains-on', entryPath(TRAINING_DATA_ADDED, index)));
      break;
    }
  }
}
