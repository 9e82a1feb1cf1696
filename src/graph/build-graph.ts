import type { Evidence } from '../evidence/load-evidence.js';
import { lineageKey, type LineageName } from '../evidence/openlineage.js';
import type { DerivedCacheSlot } from '../manifest/parse-cache.js';
import { forEachReference, listReferences, type DeclaredReference } from '../manifest/references.js';
import type { System, SystemObject } from '../manifest/system.js';
import { readDeclaredEdges, writeDeclaredEdges } from './edge-cache.js';
import { DependencyGraph } from './graph.js';

const ANNOTATIONS = new Set(['replacement', 'substitute', 'corrects', 'affects', 'extends', 'configures']);

/** How to build a graph. */
export interface BuildOptions {
  /**
   * Where the declared edges derived from exactly this system's texts may be kept and found
   * again (a system loaded with the cache has one, `derivedCache`): a repeated check of the same
   * texts then reads the edges instead of looking up every reference.
   */
  readonly cache?: DerivedCacheSlot;
}

/**
 * Builds one dependency graph from the declared system and observed lineage. References to
 * undeclared ids are left out (the `dangling-reference` rule reports them); lineage jobs and
 * datasets that match no declaration become `job` and `dataset` nodes.
 *
 * @example
 * const graph = buildGraph(await loadSystem('examples/ad-click'), await loadEvidence([]));
 * const again = buildGraph(loaded, evidence, { cache: loaded.derivedCache }); // reuses the declared edges
 */
export function buildGraph(system: System, evidence: Evidence, options: BuildOptions = {}): DependencyGraph {
  const graph = new DependencyGraph();
  const indices: number[] = [];
  for (const object of system.objects.values()) {
    const owner = object.doc.owner;
    const node = graph.addNode(
      owner === undefined
        ? { id: object.id, kind: object.kind, object, location: object.location }
        : { id: object.id, kind: object.kind, object, location: object.location, owner },
    );
    indices.push(node.index);
  }
  const nodes = graph.nodes.length;
  const cacheable = options.cache !== undefined && nodes === system.objects.size;
  const cached = cacheable ? readDeclaredEdges(options.cache, nodes) : undefined;
  let unresolved: Map<SystemObject, DeclaredReference[]>;
  if (cached === undefined) {
    const positions: number[] = [];
    unresolved = new Map();
    let position = 0;
    for (const object of system.objects.values()) addDeclaredEdges(graph, object, indices[position], position++, unresolved, positions);
    if (cacheable) writeDeclaredEdges(options.cache, nodes, { edges: graph.edgeColumns(), unresolved: Int32Array.from(positions) });
  } else {
    graph.addEdgeColumns(cached.edges);
    unresolved = unresolvedAt(system, cached.unresolved);
  }
  unresolvedByGraph.set(graph, { system, unresolved });
  addObservedEdges(graph, system, evidence);
  return graph;
}

/** The references to nothing declared, given as pairs of object position and reference position. */
function unresolvedAt(system: System, pairs: Int32Array): Map<SystemObject, DeclaredReference[]> {
  const unresolved = new Map<SystemObject, DeclaredReference[]>();
  let pair = 0;
  let position = 0;
  for (const object of system.objects.values()) {
    if (pair >= pairs.length) break;
    if (pairs[pair] === position) {
      const references = listReferences(object);
      const list: DeclaredReference[] = [];
      for (; pair < pairs.length && pairs[pair] === position; pair += 2) list.push(references[pairs[pair + 1]]);
      unresolved.set(object, list);
    }
    position++;
  }
  return unresolved;
}

/** The references naming nothing declared, by declaring object, of each graph buildGraph made (and the system it made it from). */
const unresolvedByGraph = new WeakMap<DependencyGraph, { system: System; unresolved: ReadonlyMap<SystemObject, readonly DeclaredReference[]> }>();

/**
 * The references of each declared object that name nothing declared, as found while building
 * the graph (which leaves them out), so rules need not look every reference up again.
 * Undefined when the graph was not built by buildGraph from this system.
 *
 * @example
 * const dangling = unresolvedReferences(graph, system)?.get(feature) ?? [];
 */
export function unresolvedReferences(graph: DependencyGraph, system: System): ReadonlyMap<SystemObject, readonly DeclaredReference[]> | undefined {
  const recorded = unresolvedByGraph.get(graph);
  return recorded?.system === system ? recorded.unresolved : undefined;
}

/** Adds the edges an object's references make; records those naming nothing declared, also as (object position, reference position) pairs. */
function addDeclaredEdges(
  graph: DependencyGraph,
  object: SystemObject,
  self: number,
  objectPosition: number,
  unresolved: Map<SystemObject, DeclaredReference[]>,
  positions: number[],
): void {
  let ordinal = 0;
  forEachReference(object, (target, version, allowed, edge, outgoing, path) => {
    const found = graph.node(target);
    const at = ordinal++;
    if (found === undefined) {
      const reference: DeclaredReference = version === undefined ? { target, allowed, edge, outgoing, path } : { target, version, allowed, edge, outgoing, path };
      const list = unresolved.get(object);
      if (list === undefined) unresolved.set(object, [reference]);
      else list.push(reference);
      positions.push(objectPosition, at);
      return;
    }
    const downstream = outgoing || ANNOTATIONS.has(edge);
    if (downstream) graph.connect(self, found.index, edge, version, false);
    else graph.connect(found.index, self, edge, version, false);
  });
}

function addObservedEdges(graph: DependencyGraph, system: System, evidence: Evidence): void {
  if (evidence.lineage.length === 0) return;
  const datasets = new Map<string, string>();
  const jobs = new Map<string, string>();
  for (const object of system.objects.values()) {
    const doc = object.doc as { dataset?: LineageName; job?: LineageName };
    if (doc.dataset) datasets.set(lineageKey(doc.dataset), object.id);
    if (doc.job) jobs.set(lineageKey(doc.job), object.id);
  }
  const seen = new Set<string>();
  for (const observation of evidence.lineage) {
    const job = resolve(graph, jobs, observation.job, 'job');
    for (const input of observation.inputs) {
      const dataset = resolve(graph, datasets, input, 'dataset');
      addOnce(graph, seen, dataset, job, 'observed-read');
    }
    for (const output of observation.outputs) {
      const dataset = resolve(graph, datasets, output, 'dataset');
      addOnce(graph, seen, job, dataset, 'observed-write');
    }
  }
}

function resolve(graph: DependencyGraph, declared: Map<string, string>, name: LineageName, kind: 'job' | 'dataset'): number {
  const key = lineageKey(name);
  const id = declared.get(key);
  if (id !== undefined) return graph.node(id)!.index;
  return graph.addNode({ id: `${kind}:${key}`, kind }).index;
}

function addOnce(graph: DependencyGraph, seen: Set<string>, from: number, to: number, kind: 'observed-read' | 'observed-write'): void {
  const key = `${from}>${to}>${kind}`;
  if (seen.has(key)) return;
  seen.add(key);
  graph.connect(from, to, kind, undefined, true);
}
