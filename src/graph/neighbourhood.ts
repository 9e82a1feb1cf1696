import type { DependencyGraph, GraphEdge } from './graph.js';
import { isDataEdge } from './traverse.js';

/** A part of the graph: node indices and the edges (of any kind) running between them. */
export interface Subgraph {
  readonly nodes: ReadonlySet<number>;
  readonly edges: readonly GraphEdge[];
}

/**
 * The nodes within `depth` data-edge hops of a node, walking upstream and downstream from it
 * (not sideways: siblings that merely share an input are left out), with every edge between
 * them. Depth 0 gives the node alone.
 *
 * @example
 * const around = neighbourhood(graph, graph.node('ctr_model')!.index, 2);
 * [...around.nodes].map((index) => graph.nodes[index]!.id); // ['ctr_model', 'ctr_7d', 'click_log', 'ctr_score', ...]
 */
export function neighbourhood(graph: DependencyGraph, start: number, depth: number): Subgraph {
  const nodes = new Set<number>([start]);
  for (const direction of ['up', 'down'] as const) {
    let frontier = [start];
    const seen = new Set<number>([start]);
    for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
      const next: number[] = [];
      for (const current of frontier) {
        const edges = direction === 'up' ? graph.incoming(current) : graph.outgoing(current);
        for (const edge of edges) {
          if (!isDataEdge(edge)) continue;
          const neighbour = direction === 'up' ? edge.from : edge.to;
          if (seen.has(neighbour)) continue;
          seen.add(neighbour);
          nodes.add(neighbour);
          next.push(neighbour);
        }
      }
      frontier = next;
    }
  }
  return { nodes, edges: graph.edges.filter((edge) => nodes.has(edge.from) && nodes.has(edge.to)) };
}

/** The whole graph as a subgraph. */
export function wholeGraph(graph: DependencyGraph): Subgraph {
  return { nodes: new Set(graph.nodes.map((node) => node.index)), edges: graph.edges };
}
