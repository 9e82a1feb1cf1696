import type { SourceLocation } from '../errors.js';
import type { EdgeKind } from '../manifest/references.js';
import type { ManifestKind } from '../manifest/schema.js';
import type { SystemObject } from '../manifest/system.js';

/** Kinds of graph nodes: everything declared, plus jobs and datasets seen only in lineage. */
export type NodeKind = ManifestKind | 'job' | 'dataset';

/** Kinds of graph edges: declared references, plus reads and writes observed in lineage. */
export type GraphEdgeKind = EdgeKind | 'observed-read' | 'observed-write';

export interface GraphNode {
  readonly index: number;
  readonly id: string;
  readonly kind: NodeKind;
  /** The declaration, absent for nodes known only from lineage. */
  readonly object?: SystemObject;
  readonly owner?: string;
  readonly location?: SourceLocation;
}

export interface GraphEdge {
  readonly index: number;
  readonly from: number;
  readonly to: number;
  readonly kind: GraphEdgeKind;
  /** The version pinned by the reference, if any. */
  readonly version?: string;
  readonly observed: boolean;
}

/**
 * The typed dependency graph of a system. Edges point downstream: from what is read to what
 * reads it. Nodes and edges are addressed by index for speed; `node(id)` looks one up by id.
 *
 * @example
 * const graph = buildGraph(system, evidence);
 * for (const edge of graph.incoming(graph.node('ctr')!.index)) console.log(graph.nodes[edge.from]!.id);
 */
export class DependencyGraph {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly #byId = new Map<string, number>();
  readonly #out: GraphEdge[][] = [];
  readonly #in: GraphEdge[][] = [];

  addNode(node: Omit<GraphNode, 'index'>): GraphNode {
    const existing = this.#byId.get(node.id);
    if (existing !== undefined) return this.nodes[existing];
    const index = this.nodes.length;
    const { id, kind, object, location, owner } = node;
    let added: GraphNode;
    if (object === undefined || location === undefined) added = { ...node, index };
    else if (owner === undefined) added = { id, kind, object, location, index };
    else added = { id, kind, object, location, owner, index };
    this.nodes.push(added);
    this.#out.push([]);
    this.#in.push([]);
    this.#byId.set(node.id, added.index);
    return added;
  }

  addEdge(edge: Omit<GraphEdge, 'index'>): GraphEdge {
    const added: GraphEdge =
      edge.version === undefined
        ? { from: edge.from, to: edge.to, kind: edge.kind, observed: edge.observed, index: this.edges.length }
        : { from: edge.from, to: edge.to, kind: edge.kind, observed: edge.observed, version: edge.version, index: this.edges.length };
    this.edges.push(added);
    this.#out[edge.from].push(added);
    this.#in[edge.to].push(added);
    return added;
  }

  node(id: string): GraphNode | undefined {
    const index = this.#byId.get(id);
    return index === undefined ? undefined : this.nodes[index];
  }

  outgoing(index: number): readonly GraphEdge[] {
    return this.#out[index] ?? [];
  }

  incoming(index: number): readonly GraphEdge[] {
    return this.#in[index] ?? [];
  }
}
