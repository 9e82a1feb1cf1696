import { dataEdgeKinds } from '../manifest/references.js';
import type { DependencyGraph, GraphEdge, GraphEdgeKind } from './graph.js';

/** Which way to walk: `up` towards what a node depends on, `down` towards what depends on it. */
export type Direction = 'up' | 'down';

const FLOW: ReadonlySet<GraphEdgeKind> = new Set<GraphEdgeKind>([...dataEdgeKinds, 'observed-read', 'observed-write']);

/** True for edges along which data flows (declared or observed); false for annotations. */
export function isDataEdge(edge: GraphEdge): boolean {
  return FLOW.has(edge.kind);
}

/**
 * Every node reachable from `start` along data edges in one direction, with its distance,
 * in breadth-first order. The start node itself is not included.
 *
 * @example
 * reachable(graph, graph.node('ctr')!.index, 'up'); // Map { index => depth }
 */
export function reachable(graph: DependencyGraph, start: number, direction: Direction, accept: (edge: GraphEdge) => boolean = isDataEdge): Map<number, number> {
  if (accept === isDataEdge) return reachableByData(graph, start, direction);
  const depth = new Map<number, number>([[start, 0]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head];
    const edges = direction === 'up' ? graph.incoming(current) : graph.outgoing(current);
    for (const edge of edges) {
      if (!accept(edge)) continue;
      const next = direction === 'up' ? edge.from : edge.to;
      if (depth.has(next)) continue;
      depth.set(next, depth.get(current)! + 1);
      queue.push(next);
    }
  }
  depth.delete(start);
  return depth;
}

/** `reachable` along data edges, on the graph's flat adjacency arrays. */
function reachableByData(graph: DependencyGraph, start: number, direction: Direction): Map<number, number> {
  const { offsets, other, data } = direction === 'up' ? graph.upstream() : graph.downstream();
  const depth = new Map<number, number>([[start, 0]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head];
    const next = depth.get(current)! + 1;
    for (let position = offsets[current], end = offsets[current + 1]; position < end; position++) {
      if (data[position] === 0) continue;
      const neighbour = other[position];
      if (depth.has(neighbour)) continue;
      depth.set(neighbour, next);
      queue.push(neighbour);
    }
  }
  depth.delete(start);
  return depth;
}

/**
 * The shortest chain of data edges from `from` to `to`, following edges downstream; or
 * upstream when no downstream chain exists. Returns node indices including both ends.
 */
export function shortestPath(graph: DependencyGraph, from: number, to: number): number[] | undefined {
  return walkPath(graph, from, to, 'down') ?? walkPath(graph, from, to, 'up');
}

function walkPath(graph: DependencyGraph, from: number, to: number, direction: Direction): number[] | undefined {
  const { offsets, other, data } = direction === 'up' ? graph.upstream() : graph.downstream();
  const previous = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head];
    if (current === to) break;
    for (let position = offsets[current], end = offsets[current + 1]; position < end; position++) {
      if (data[position] === 0) continue;
      const next = other[position];
      if (previous.has(next)) continue;
      previous.set(next, current);
      queue.push(next);
    }
  }
  if (!previous.has(to)) return undefined;
  const path: number[] = [];
  for (let node = to; node !== -1; node = previous.get(node)!) path.push(node);
  return path.reverse();
}

/**
 * Strongly connected components of the data-edge graph (iterative Tarjan), each a list of node
 * indices. Components of one node without a self-loop are left out: what remains are cycles.
 * The data-edge answer is computed once per graph and shared; treat it as read-only.
 */
export function cycles(graph: DependencyGraph, accept: (edge: GraphEdge) => boolean = isDataEdge): number[][] {
  if (accept !== isDataEdge) return stronglyConnected(graph, accept);
  let found = dataCycles.get(graph);
  if (found === undefined) {
    found = stronglyConnected(graph, isDataEdge);
    dataCycles.set(graph, found);
  }
  return found;
}

/** Data-edge cycles per graph: several rules ask for them, and a graph does not change once built. */
const dataCycles = new WeakMap<DependencyGraph, number[][]>();

function stronglyConnected(graph: DependencyGraph, accept: (edge: GraphEdge) => boolean): number[][] {
  const count = graph.nodes.length;
  const { offsets, edge: edgeAt, other, data } = graph.downstream();
  const follows = accept === isDataEdge ? (position: number) => data[position] === 1 : (position: number) => accept(graph.edgeObject(edgeAt[position]));
  const order = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack = new Int32Array(count);
  let stackSize = 0;
  const workNode = new Int32Array(count);
  const workPosition = new Int32Array(count);
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < count; root++) {
    if (order[root] !== -1) continue;
    let depth = 0;
    workNode[0] = root;
    workPosition[0] = offsets[root];
    order[root] = low[root] = counter++;
    stack[stackSize++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const node = workNode[depth];
      const position = workPosition[depth];
      if (position < offsets[node + 1]) {
        workPosition[depth] = position + 1;
        if (!follows(position)) continue;
        const next = other[position];
        if (order[next] === -1) {
          order[next] = low[next] = counter++;
          stack[stackSize++] = next;
          onStack[next] = 1;
          depth++;
          workNode[depth] = next;
          workPosition[depth] = offsets[next];
        } else if (onStack[next]) {
          low[node] = Math.min(low[node], order[next]);
        }
        continue;
      }
      depth--;
      if (depth >= 0) low[workNode[depth]] = Math.min(low[workNode[depth]], low[node]);
      if (low[node] !== order[node]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack[--stackSize];
        onStack[member] = 0;
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || hasSelfLoop(offsets, other, node, follows)) components.push(component);
    }
  }
  return components;
}

function hasSelfLoop(offsets: Int32Array, other: Int32Array, node: number, follows: (position: number) => boolean): boolean {
  for (let position = offsets[node]; position < offsets[node + 1]; position++) {
    if (other[position] === node && follows(position)) return true;
  }
  return false;
}
