import type { Evidence } from '../evidence/load-evidence.js';
import { lineageKey, type LineageName } from '../evidence/openlineage.js';
import { listReferences, type DeclaredReference } from '../manifest/references.js';
import type { System, SystemObject } from '../manifest/system.js';
import { DependencyGraph, type GraphEdgeKind } from './graph.js';

const ANNOTATIONS = new Set(['replacement', 'substitute', 'corrects', 'affects', 'extends', 'configures']);

/**
 * Builds one dependency graph from the declared system and observed lineage. References to
 * undeclared ids are left out (the `dangling-reference` rule reports them); lineage jobs and
 * datasets that match no declaration become `job` and `dataset` nodes.
 *
 * @example
 * const graph = buildGraph(await loadSystem('examples/ad-click'), await loadEvidence([]));
 */
export function buildGraph(system: System, evidence: Evidence): DependencyGraph {
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
  const unresolved = new Map<SystemObject, DeclaredReference[]>();
  const batch: DeclaredEdges = { from: [], to: [], kind: [], version: [] };
  let position = 0;
  for (const object of system.objects.values()) collectDeclaredEdges(graph, object, indices[position++], batch, unresolved);
  graph.addEdges(batch);
  unresolvedByGraph.set(graph, { system, unresolved });
  addObservedEdges(graph, system, evidence);
  return graph;
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

/** The declared edges, column by column, before they are added to the graph at once. */
interface DeclaredEdges {
  readonly from: number[];
  readonly to: number[];
  readonly kind: GraphEdgeKind[];
  readonly version: (string | undefined)[];
}

function collectDeclaredEdges(graph: DependencyGraph, object: SystemObject, self: number, batch: DeclaredEdges, unresolved: Map<SystemObject, DeclaredReference[]>): void {
  for (const reference of listReferences(object)) {
    const target = graph.node(reference.target);
    if (!target) {
      const list = unresolved.get(object);
      if (list === undefined) unresolved.set(object, [reference]);
      else list.push(reference);
      continue;
    }
    const downstream = reference.outgoing || ANNOTATIONS.has(reference.edge);
    batch.from.push(downstream ? self : target.index);
    batch.to.push(downstream ? target.index : self);
    batch.kind.push(reference.edge);
    batch.version.push(reference.version);
  }
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
  graph.addEdge({ from, to, kind, observed: true });
}
