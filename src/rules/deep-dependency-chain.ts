import { Type } from '@sinclair/typebox';
import type { DependencyGraph } from '../graph/graph.js';
import type { Rule } from './rule.js';

export type MessageIds = 'tooDeep';
export interface Options {
  /** The longest chain of upstream data edges a model may sit at the end of. */
  readonly maxDepth: number;
}

/** How many nodes nearest the model a message shows of a long chain (the model included). */
const SHOWN_NEAR = 7;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'deep-dependency-chain',
    description: 'A model sits at the end of a longer chain of upstream data dependencies than allowed.',
    category: 'dependencies',
    severity: 'warn',
    recommended: true,
    messages: {
      tooDeep: "model '{{node}}' sits at the end of a chain of {{depth}} data dependencies (more than {{maxDepth}}): {{chain}}",
    },
    fixes: {
      tooDeep: "Shorten the chain into '{{node}}': read '{{origin}}' or a stable, versioned snapshot closer to it directly, and remove intermediate steps that only pass data on.",
    },
    optionsSchema: Type.Object({ maxDepth: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    defaultOptions: { maxDepth: 6 },
  },
  create(context) {
    const { graph } = context;
    const depths = new UpstreamDepths(graph);
    return {
      model(model) {
        const node = graph.node(model.id);
        if (node === undefined) return;
        const depth = depths.depthOf(node.index);
        if (depth <= context.options.maxDepth) return;
        const near = depths.nearestOf(node.index, SHOWN_NEAR).map((index) => graph.nodes[index].id);
        const origin = graph.nodes[depths.originOf(node.index)].id;
        const upstream = near.slice(0, -1);
        context.report({
          node: model.id,
          messageId: 'tooDeep',
          data: { node: model.id, depth, maxDepth: context.options.maxDepth, chain: describeChain(origin, near, depth), origin },
          related: upstream.includes(origin) ? upstream : [origin, ...upstream],
        });
      },
    };
  },
};

/**
 * The longest upstream chain of data edges ending at each node, computed at most once per node
 * by an iterative depth-first walk. Edges back to a node still being walked (cycles) are ignored.
 */
class UpstreamDepths {
  readonly #graph: DependencyGraph;
  readonly #depth: Int32Array;
  readonly #previous: Int32Array;
  readonly #origin: Int32Array;
  /** 0: not visited, 1: being walked, 2: done. */
  readonly #state: Uint8Array;

  constructor(graph: DependencyGraph) {
    this.#graph = graph;
    this.#depth = new Int32Array(graph.nodes.length);
    this.#previous = new Int32Array(graph.nodes.length).fill(-1);
    this.#origin = new Int32Array(graph.nodes.length);
    this.#state = new Uint8Array(graph.nodes.length);
  }

  depthOf(start: number): number {
    if (this.#state[start] === 2) return this.#depth[start];
    const { offsets, other, data } = this.#graph.upstream();
    const work: Array<[number, number]> = [[start, offsets[start]]];
    this.#state[start] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, position] = frame;
      if (position < offsets[node + 1]) {
        const from = other[position];
        if (data[position] === 0) {
          frame[1] = position + 1;
          continue;
        }
        if (this.#state[from] === 0) {
          this.#state[from] = 1;
          work.push([from, offsets[from]]);
          continue;
        }
        frame[1] = position + 1;
        if (this.#state[from] === 2 && this.#depth[from] + 1 > this.#depth[node]) {
          this.#depth[node] = this.#depth[from] + 1;
          this.#previous[node] = from;
        }
        continue;
      }
      this.#state[node] = 2;
      const previous = this.#previous[node];
      this.#origin[node] = previous === -1 ? node : this.#origin[previous];
      work.pop();
    }
    return this.#depth[start];
  }

  /** The most upstream node of the longest chain ending at `end` (after `depthOf(end)`). */
  originOf(end: number): number {
    return this.#origin[end];
  }

  /** Up to `count` nodes of the longest chain ending at `end`, nearest `end` last (after `depthOf(end)`). */
  nearestOf(end: number, count: number): number[] {
    const chain: number[] = [];
    for (let node = end; node !== -1 && chain.length < count; node = this.#previous[node]) chain.push(node);
    return chain.reverse();
  }
}

/** The chain as `origin -> (n more) -> ... -> model`, given its nodes nearest the model. */
function describeChain(origin: string, near: readonly string[], depth: number): string {
  const hidden = depth - near.length;
  if (hidden < 0) return near.join(' -> ');
  if (hidden === 0) return [origin, ...near].join(' -> ');
  return [origin, `(${hidden} more)`, ...near].join(' -> ');
}
