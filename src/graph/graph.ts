import type { SourceLocation } from '../errors.js';
import { dataEdgeKinds, type EdgeKind } from '../manifest/references.js';
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

/** Every edge kind, in the order of their codes (see `EdgeColumns`). */
export const EDGE_KINDS: readonly GraphEdgeKind[] = [
  'input',
  'trains-on',
  'produces',
  'reads',
  'writes',
  'logs',
  'replacement',
  'substitute',
  'corrects',
  'affects',
  'extends',
  'configures',
  'observed-read',
  'observed-write',
];

const KIND_CODES = new Map<GraphEdgeKind, number>(EDGE_KINDS.map((kind, code) => [kind, code]));

/** 1 for the codes of kinds along which data flows (declared or observed). */
const DATA_CODES = Uint8Array.from(EDGE_KINDS, (kind) => (dataEdgeKinds.has(kind as EdgeKind) || kind === 'observed-read' || kind === 'observed-write' ? 1 : 0));

/**
 * Edges as columns (see `DependencyGraph.edgeColumns`): edge i runs from `from[i]` to `to[i]`,
 * its kind is `EDGE_KINDS[kind[i]]`, and it is observed when `observed[i]` is 1; edge
 * `versionAt[j]` pins `versions[j]`, the others pin nothing.
 */
export interface EdgeColumns {
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly kind: Uint8Array;
  readonly observed: Uint8Array;
  readonly versionAt: Int32Array;
  readonly versions: readonly string[];
}

/**
 * The edges at one end of every node, as flat arrays: the edges of node `n` are at positions
 * `offsets[n]` to `offsets[n + 1] - 1`, in the order they were added. At each position,
 * `edge` is the edge's index, `other` the node at the far end (the reading node for outgoing
 * edges, the read one for incoming edges) and `data` 1 when the edge carries data.
 */
export interface Adjacency {
  readonly offsets: Int32Array;
  readonly edge: Int32Array;
  readonly other: Int32Array;
  readonly data: Uint8Array;
}

/**
 * The typed dependency graph of a system. Edges point downstream: from what is read to what
 * reads it. Nodes and edges are addressed by index for speed; `node(id)` looks one up by id.
 * Edges are kept as columns of numbers; `upstream()` and `downstream()` give every node's edges
 * as flat arrays for fast walks, while `edges`, `outgoing` and `incoming` give edge objects
 * (made on first use and kept).
 *
 * @example
 * const graph = buildGraph(system, evidence);
 * for (const edge of graph.incoming(graph.node('ctr')!.index)) console.log(graph.nodes[edge.from]!.id);
 * const { offsets, other } = graph.upstream(); // the same, without edge objects
 */
export class DependencyGraph {
  readonly nodes: GraphNode[] = [];
  readonly #byId = new Map<string, number>();
  #edgeCount = 0;
  #from = new Int32Array(16);
  #to = new Int32Array(16);
  #kind = new Uint8Array(16);
  #observed = new Uint8Array(16);
  /** Pinned versions by edge index; holes for edges that pin none. */
  #versions: (string | undefined)[] = [];
  #upstream: Adjacency | undefined;
  #downstream: Adjacency | undefined;
  #edgeObjects: (GraphEdge | undefined)[] = [];
  #edges: GraphEdge[] | undefined;
  #outLists: (GraphEdge[] | undefined)[] = [];
  #inLists: (GraphEdge[] | undefined)[] = [];

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
    this.#byId.set(node.id, added.index);
    this.#changed();
    return added;
  }

  addEdge(edge: Omit<GraphEdge, 'index'>): GraphEdge {
    return this.edgeObject(this.connect(edge.from, edge.to, edge.kind, edge.version, edge.observed));
  }

  /**
   * Adds many edges at once, given column by column (`from[i]`, `to[i]`, `kind[i]`,
   * `version[i]` describe edge i; `observed` is false). The same as calling addEdge for each in
   * order, without making an object for each.
   *
   * @example
   * graph.addEdges({ from: [0, 0], to: [1, 2], kind: ['input', 'input'], version: [undefined, '3'] });
   */
  addEdges(batch: EdgeBatch): void {
    const { from, to, kind, version } = batch;
    for (let position = 0; position < from.length; position++) this.connect(from[position], to[position], kind[position], version[position], false);
  }

  /**
   * Adds one edge without making an object for it, and returns its index (what addEdge does,
   * for builders adding hundreds of thousands of edges).
   *
   * @example
   * const index = graph.connect(0, 1, 'input', '3', false);
   */
  connect(from: number, to: number, kind: GraphEdgeKind, version: string | undefined, observed: boolean): number {
    const index = this.#edgeCount;
    if (index === this.#from.length) this.#grow();
    this.#from[index] = from;
    this.#to[index] = to;
    this.#kind[index] = KIND_CODES.get(kind)!;
    this.#observed[index] = observed ? 1 : 0;
    if (version !== undefined) this.#versions[index] = version;
    this.#edgeCount = index + 1;
    this.#changed();
    return index;
  }

  /**
   * Every edge, as columns of numbers (copies), in the order added: what `addEdgeColumns`
   * takes, to save the edges and add them again to a graph of the same nodes.
   *
   * @example
   * other.addEdgeColumns(graph.edgeColumns());
   */
  edgeColumns(): EdgeColumns {
    const count = this.#edgeCount;
    const versionAt: number[] = [];
    const versions: string[] = [];
    this.#versions.forEach((version, index) => {
      if (version === undefined) return;
      versionAt.push(index);
      versions.push(version);
    });
    return {
      from: this.#from.slice(0, count),
      to: this.#to.slice(0, count),
      kind: this.#kind.slice(0, count),
      observed: this.#observed.slice(0, count),
      versionAt: Int32Array.from(versionAt),
      versions,
    };
  }

  /** Adds the edges given as columns (see `edgeColumns`), after those the graph has; their nodes must exist. */
  addEdgeColumns(columns: EdgeColumns): void {
    const { from, to, kind, observed, versionAt, versions } = columns;
    const first = this.#edgeCount;
    while (this.#from.length < first + from.length) this.#grow();
    this.#from.set(from, first);
    this.#to.set(to, first);
    this.#kind.set(kind, first);
    this.#observed.set(observed, first);
    for (let position = 0; position < versionAt.length; position++) this.#versions[first + versionAt[position]] = versions[position];
    this.#edgeCount = first + from.length;
    this.#changed();
  }

  node(id: string): GraphNode | undefined {
    const index = this.#byId.get(id);
    return index === undefined ? undefined : this.nodes[index];
  }

  /** How many edges the graph has. */
  get edgeCount(): number {
    return this.#edgeCount;
  }

  /** The node an edge starts from (what is read). */
  edgeFrom(edge: number): number {
    return this.#from[edge];
  }

  /** The node an edge goes to (what reads). */
  edgeTo(edge: number): number {
    return this.#to[edge];
  }

  edgeKind(edge: number): GraphEdgeKind {
    return EDGE_KINDS[this.#kind[edge]];
  }

  /** The version an edge's reference pins, if any. */
  edgeVersion(edge: number): string | undefined {
    return this.#versions[edge];
  }

  /** True for edges seen in lineage rather than declared. */
  edgeObserved(edge: number): boolean {
    return this.#observed[edge] === 1;
  }

  /** True for edges along which data flows (declared or observed); false for annotations. */
  edgeCarriesData(edge: number): boolean {
    return DATA_CODES[this.#kind[edge]] === 1;
  }

  /** Every node's incoming edges (`other` is the node read), as flat arrays. */
  upstream(): Adjacency {
    this.#upstream ??= this.#adjacency(this.#to, this.#from);
    return this.#upstream;
  }

  /** Every node's outgoing edges (`other` is the reading node), as flat arrays. */
  downstream(): Adjacency {
    this.#downstream ??= this.#adjacency(this.#from, this.#to);
    return this.#downstream;
  }

  /** Every edge as an object, in the order they were added. */
  get edges(): readonly GraphEdge[] {
    if (this.#edges === undefined) {
      const edges = new Array<GraphEdge>(this.#edgeCount);
      for (let index = 0; index < this.#edgeCount; index++) edges[index] = this.edgeObject(index);
      this.#edges = edges;
    }
    return this.#edges;
  }

  /** The object of one edge (made on first use, then the same object every time). */
  edgeObject(index: number): GraphEdge {
    let edge = this.#edgeObjects[index];
    if (edge === undefined) {
      const from = this.#from[index];
      const to = this.#to[index];
      const kind = EDGE_KINDS[this.#kind[index]];
      const observed = this.#observed[index] === 1;
      const version = this.#versions[index];
      edge = version === undefined ? { from, to, kind, observed, index } : { from, to, kind, observed, version, index };
      this.#edgeObjects[index] = edge;
    }
    return edge;
  }

  outgoing(index: number): readonly GraphEdge[] {
    return this.#list(this.#outLists, this.downstream(), index);
  }

  incoming(index: number): readonly GraphEdge[] {
    return this.#list(this.#inLists, this.upstream(), index);
  }

  #list(lists: (GraphEdge[] | undefined)[], adjacency: Adjacency, index: number): readonly GraphEdge[] {
    let list = lists[index];
    if (list === undefined) {
      if (index < 0 || index >= this.nodes.length) return [];
      const start = adjacency.offsets[index];
      const end = adjacency.offsets[index + 1];
      list = new Array<GraphEdge>(end - start);
      for (let position = start; position < end; position++) list[position - start] = this.edgeObject(adjacency.edge[position]);
      lists[index] = list;
    }
    return list;
  }

  /** Groups the edges by the node at `end` (a counting sort, so each node's edges stay in the order added). */
  #adjacency(end: Int32Array, far: Int32Array): Adjacency {
    const nodeCount = this.nodes.length;
    const count = this.#edgeCount;
    const offsets = new Int32Array(nodeCount + 1);
    for (let index = 0; index < count; index++) offsets[end[index] + 1]++;
    for (let node = 0; node < nodeCount; node++) offsets[node + 1] += offsets[node];
    const next = offsets.slice(0, nodeCount);
    const edge = new Int32Array(count);
    const other = new Int32Array(count);
    const data = new Uint8Array(count);
    for (let index = 0; index < count; index++) {
      const position = next[end[index]]++;
      edge[position] = index;
      other[position] = far[index];
      data[position] = DATA_CODES[this.#kind[index]];
    }
    return { offsets, edge, other, data };
  }

  /** Forgets what was derived from the nodes and edges, after one is added. */
  #changed(): void {
    if (this.#upstream === undefined && this.#downstream === undefined && this.#edges === undefined && this.#outLists.length === 0 && this.#inLists.length === 0) return;
    this.#upstream = undefined;
    this.#downstream = undefined;
    this.#edges = undefined;
    this.#outLists = [];
    this.#inLists = [];
  }

  #grow(): void {
    const capacity = this.#from.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(old: T, make: (size: number) => T): T => {
      const array = make(capacity);
      array.set(old);
      return array;
    };
    this.#from = grown(this.#from, (size) => new Int32Array(size));
    this.#to = grown(this.#to, (size) => new Int32Array(size));
    this.#kind = grown(this.#kind, (size) => new Uint8Array(size));
    this.#observed = grown(this.#observed, (size) => new Uint8Array(size));
  }
}
