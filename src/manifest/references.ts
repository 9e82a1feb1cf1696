import type { PathSegment } from './locate-path.js';
import type { ManifestKind } from './schema.js';
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
 * Lists every reference an object makes, with the kinds each field accepts. The list is
 * computed once per object and shared, so it is read-only.
 *
 * @example
 * listReferences(feature); // [{ target: 'click_log', edge: 'input', allowed: ['source', 'feature', 'output'], ... }]
 */
export function listReferences(object: SystemObject): readonly DeclaredReference[] {
  let references = listed.get(object);
  if (references === undefined) {
    references = collectReferences(object);
    listed.set(object, references);
  }
  return references;
}

const listed = new WeakMap<SystemObject, readonly DeclaredReference[]>();

function collectReferences(object: SystemObject): DeclaredReference[] {
  const references: DeclaredReference[] = [];
  const add = (raw: Parameters<typeof parseRef>[0], allowed: readonly ManifestKind[], edge: EdgeKind, path: PathSegment[], outgoing = false): void => {
    const ref = parseRef(raw);
    references.push(
      ref.version === undefined
        ? { target: ref.id, allowed, edge, outgoing, path }
        : { target: ref.id, version: ref.version, allowed, edge, outgoing, path },
    );
  };
  switch (object.kind) {
    case 'source': {
      const doc = object.doc;
      if (doc.producer?.job !== undefined) add(doc.producer.job, ['pipeline'], 'writes', ['producer', 'job']);
      if (doc.producer?.model !== undefined) add(doc.producer.model, ['model'], 'produces', ['producer', 'model']);
      doc.logs?.forEach((id, index) => add(id, ['model', 'output'], 'logs', ['logs', index]));
      break;
    }
    case 'feature': {
      const doc = object.doc;
      doc.inputs?.forEach((ref, index) => add(ref, DATA_INPUTS, 'input', ['inputs', index]));
      if (doc.lifecycle?.replacement !== undefined) add(doc.lifecycle.replacement, ['feature'], 'replacement', ['lifecycle', 'replacement']);
      doc.availability?.servingSubstitute?.forEach((id, index) =>
        add(id, ['feature'], 'substitute', ['availability', 'servingSubstitute', index]),
      );
      break;
    }
    case 'model': {
      const doc = object.doc;
      doc.inputs?.forEach((ref, index) => add(ref, DATA_INPUTS, 'input', ['inputs', index]));
      doc.training?.data?.forEach((ref, index) => add(ref, ['source'], 'trains-on', ['training', 'data', index]));
      if (doc.corrects !== undefined) add(doc.corrects, ['model'], 'corrects', ['corrects']);
      if (doc.config !== undefined) add(doc.config, ['config'], 'configures', ['config']);
      break;
    }
    case 'output':
      add(object.doc.model, ['model'], 'produces', ['model']);
      break;
    case 'consumer':
      object.doc.reads.forEach((read, index) => add(read, DATA_INPUTS, 'reads', ['reads', index]));
      break;
    case 'pipeline': {
      const doc = object.doc;
      doc.reads?.forEach((ref, index) => add(ref, DATA_INPUTS, 'reads', ['reads', index]));
      doc.writes?.forEach((id, index) => add(id, ['source'], 'writes', ['writes', index], true));
      break;
    }
    case 'experiment':
      object.doc.affects?.forEach((id, index) => add(id, ['model', 'feature', 'pipeline'], 'affects', ['affects', index]));
      break;
    case 'config': {
      const doc = object.doc;
      if (doc.extends !== undefined) add(doc.extends, ['config'], 'extends', ['extends']);
      if (doc.model !== undefined) add(doc.model, ['model'], 'configures', ['model']);
      doc.features?.forEach((ref, index) => add(ref, DATA_INPUTS, 'input', ['features', index]));
      doc['features+']?.forEach((ref, index) => add(ref, DATA_INPUTS, 'input', ['features+', index]));
      doc.training?.data?.forEach((ref, index) => add(ref, ['source'], 'trains-on', ['training', 'data', index]));
      doc.training?.['data+']?.forEach((ref, index) => add(ref, ['source'], 'trains-on', ['training', 'data+', index]));
      break;
    }
  }
  return references;
}
