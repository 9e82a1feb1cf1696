import type { DependencyGraph } from '../../graph/graph.js';
import { isDataEdge } from '../../graph/traverse.js';

/**
 * The tracked nodes in the upstream closure of any node (the node itself included), along data
 * edges, as bit sets over the tracked nodes. Answers are memoised: each node is visited once
 * however many configs ask, and a node with a single upstream neighbour shares its neighbour's
 * answer. Every member of a cycle gets the same answer.
 *
 * @example
 * const closure = new UpstreamClosure(graph, [graph.node('raw_clicks')!.index]);
 * const bits = closure.of(graph.node('ctr_7d')!.index);
 * closure.has(bits, graph.node('raw_clicks')!.index); // true
 */
export class UpstreamClosure {
  readonly #graph: DependencyGraph;
  readonly #ordinal = new Map<number, number>();
  readonly #tracked: readonly number[];
  readonly #words: number;
  readonly #empty: Uint32Array;
  readonly #answers = new Map<number, Uint32Array>();

  constructor(graph: DependencyGraph, tracked: Iterable<number>) {
    this.#graph = graph;
    const list: number[] = [];
    for (const index of tracked) {
      if (this.#ordinal.has(index)) continue;
      this.#ordinal.set(index, list.length);
      list.push(index);
    }
    this.#tracked = list;
    this.#words = Math.ceil(list.length / 32);
    this.#empty = new Uint32Array(this.#words);
  }

  /** The tracked nodes upstream of `index`, itself included. Treat the answer as read-only. */
  of(index: number): Uint32Array {
    if (this.#words === 0) return this.#empty;
    const known = this.#answers.get(index);
    if (known !== undefined) return known;
    this.#visit(index);
    return this.#answers.get(index) ?? this.#empty;
  }

  /** Whether a set holds a node (false for nodes that are not tracked). */
  has(bits: Uint32Array, index: number): boolean {
    const ordinal = this.#ordinal.get(index);
    return ordinal !== undefined && (bits[ordinal >>> 5] & (1 << (ordinal & 31))) !== 0;
  }

  /** The union of several sets, as a new set. */
  union(sets: Iterable<Uint32Array>): Uint32Array {
    const union = new Uint32Array(this.#words);
    for (const bits of sets) for (let word = 0; word < union.length; word++) union[word] |= bits[word];
    return union;
  }

  /** The node indices in a set. */
  members(bits: Uint32Array): number[] {
    const found: number[] = [];
    for (let word = 0; word < bits.length; word++) {
      let rest = bits[word];
      while (rest !== 0) {
        const low = rest & -rest;
        found.push(this.#tracked[word * 32 + 31 - Math.clz32(low)]);
        rest ^= low;
      }
    }
    return found;
  }

  /** Iterative Tarjan over incoming data edges: a component is finished after everything upstream of it. */
  #visit(root: number): void {
    const graph = this.#graph;
    const order = new Map<number, number>();
    const low = new Map<number, number>();
    const onStack = new Set<number>();
    const stack: number[] = [];
    let counter = 0;
    const enter = (node: number): void => {
      order.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
    };
    enter(root);
    const work: Array<[number, number]> = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, position] = frame;
      const edges = graph.incoming(node);
      if (position < edges.length) {
        frame[1] = position + 1;
        const edge = edges[position];
        if (!isDataEdge(edge)) continue;
        const next = edge.from;
        if (this.#answers.has(next)) continue;
        if (!order.has(next)) {
          enter(next);
          work.push([next, 0]);
        } else if (onStack.has(next)) {
          low.set(node, Math.min(low.get(node)!, order.get(next)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(node)!));
      if (low.get(node) !== order.get(node)) continue;
      const members: number[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
      } while (member !== node);
      this.#finish(members);
    }
  }

  #finish(members: readonly number[]): void {
    const inside = new Set(members);
    const parts: Uint32Array[] = [];
    for (const member of members) {
      for (const edge of this.#graph.incoming(member)) {
        if (!isDataEdge(edge) || inside.has(edge.from)) continue;
        const part = this.#answers.get(edge.from);
        if (part !== undefined && part !== this.#empty && !parts.includes(part)) parts.push(part);
      }
    }
    const own = members.filter((member) => this.#ordinal.has(member));
    let answer: Uint32Array;
    if (own.length === 0 && parts.length === 0) answer = this.#empty;
    else if (own.length === 0 && parts.length === 1) answer = parts[0];
    else {
      answer = this.union(parts);
      for (const index of own) {
        const ordinal = this.#ordinal.get(index)!;
        answer[ordinal >>> 5] |= 1 << (ordinal & 31);
      }
    }
    for (const each of members) this.#answers.set(each, answer);
  }
}
