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

/** Edges to add at once (see `DependencyGraph.addEdges`): edge i is `from[i]` to `to[i]`, of `kind[i]`, pinning `version[i]`. */
export interface EdgeBatch {
  readonly from: readonly number[];
  readonly to: readonly number[];
  readonly kind: readonly GraphEdgeKind[];
  readonly version: readonly (string | undefined)[];
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

  /**
   * Adds many edges at once, given column by column (`from[i]`, `to[i]`, `kind[i]`,
   * `version[i]` describe edge i; `observed` is false). The same as calling addEdge for each in
   * order, but each node's lists of edges are made at their final size, without the spare room
   * that growing them one edge at a time leaves (which, over a large graph, is most of its memory).
   *
   * @example
   * graph.addEdges({ from: [0, 0], to: [1, 2], kind: ['input', 'input'], version: [undefined, '3'] });
   */
  addEdges(batch: EdgeBatch): void {
    const { from, to, kind, version } = batch;
    const count = from.length;
    const outgoing = this.#reserve(this.#out, from);
    const incoming = this.#reserve(this.#in, to);
    for (let position = 0; position < count; position++) {
      const tail = from[position];
      const head = to[position];
      const pinned = version[position];
      const index = this.edges.length;
      const added: GraphEdge =
        pinned === undefined
          ? { from: tail, to: head, kind: kind[position], observed: false, index }
          : { from: tail, to: head, kind: kind[position], observed: false, version: pinned, index };
      this.edges.push(added);
      this.#out[tail][outgoing[tail]++] = added;
      this.#in[head][incoming[head]++] = added;
    }
  }

  /** Replaces the lists of the given nodes with lists sized for their new edges; returns where each list's new edges start. */
  #reserve(lists: GraphEdge[][], ends: readonly number[]): Int32Array {
    const extra = new Int32Array(this.nodes.length);
    for (const end of ends) extra[end]++;
    const next = new Int32Array(this.nodes.length);
    for (let index = 0; index < extra.length; index++) {
      if (extra[index] === 0) continue;
      const old = lists[index];
      const list = new Array<GraphEdge>(old.length + extra[index]);
      for (let position = 0; position < old.length; position++) list[position] = old[position];
      lists[index] = list;
      next[index] = old.length;
    }
    return next;
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
