import type { Evidence } from '../evidence/load-evidence.js';
import { lineageKey, type LineageName } from '../evidence/openlineage.js';
import { listReferences } from '../manifest/references.js';
import type { System, SystemObject } from '../manifest/system.js';
import { DependencyGraph } from './graph.js';

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
  const declared: Array<{ object: SystemObject; index: number }> = [];
  for (const object of system.objects.values()) {
    const owner = object.doc.owner;
    const node = graph.addNode(
      owner === undefined
        ? { id: object.id, kind: object.kind, object, location: object.location }
        : { id: object.id, kind: object.kind, object, location: object.location, owner },
    );
    declared.push({ object, index: node.index });
  }
  for (const { object, index } of declared) addDeclaredEdges(graph, object, index);
  addObservedEdges(graph, system, evidence);
  return graph;
}

function addDeclaredEdges(graph: DependencyGraph, object: SystemObject, self: number): void {
  for (const reference of listReferences(object)) {
    const target = graph.node(reference.target);
    if (!target) continue;
    const downstream = reference.outgoing || ANNOTATIONS.has(reference.edge);
    graph.addEdge({
      from: downstream ? self : target.index,
      to: downstream ? target.index : self,
      kind: reference.edge,
      observed: false,
      ...(reference.version === undefined ? {} : { version: reference.version }),
    });
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
