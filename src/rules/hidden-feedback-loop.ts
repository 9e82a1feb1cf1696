import type { DependencyGraph, GraphNode } from '../graph/graph.js';
import { cycles, isDataEdge } from '../graph/traverse.js';
import { NoOptions, type Rule } from './rule.js';

export type MessageIds = 'loop';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'hidden-feedback-loop',
    description: 'Two or more models influence each other through a loop of data, such as logged predictions feeding the other model.',
    category: 'feedback',
    severity: 'warn',
    recommended: true,
    messages: {
      loop: "models {{models}} influence each other through a loop of data ({{cycle}}); a change to one shifts the data the others learn from",
    },
    fixes: {
      loop: "Break the loop: hold out or randomise a share of traffic ('exploration') for these models, or stop feeding one model's logged effects into another; give their owners a shared change process.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    const { graph } = context;
    return {
      end() {
        const loops = cycles(graph)
          .map((members) => ({ members, models: modelsOf(graph, members) }))
          .filter((loop) => loop.models.length >= 2)
          .sort((a, b) => byId(a.models[0], b.models[0]));
        for (const { members, models } of loops) {
          const inside = new Set(members);
          const first = models[0].index;
          const second = models[1].index;
          const there = pathWithin(graph, inside, first, second);
          const back = pathWithin(graph, inside, second, first);
          const cycle = [...there, ...back.slice(1)].map((index) => graph.nodes[index].id).join(' → ');
          const ids = models.map((model) => model.id);
          context.report({
            node: ids[0],
            messageId: 'loop',
            data: { node: ids[0], models: ids.map((id) => `'${id}'`).join(', '), cycle },
            related: ids.slice(1),
          });
        }
      },
    };
  },
};

function byId(a: GraphNode, b: GraphNode): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function modelsOf(graph: DependencyGraph, members: readonly number[]): GraphNode[] {
  return members
    .filter((index) => graph.nodes[index].kind === 'model')
    .map((index) => graph.nodes[index])
    .sort(byId);
}

function pathWithin(graph: DependencyGraph, inside: ReadonlySet<number>, from: number, to: number): number[] {
  const previous = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let head = 0; head < queue.length && !previous.has(to); head++) {
    for (const edge of graph.outgoing(queue[head])) {
      if (!isDataEdge(edge) || !inside.has(edge.to) || previous.has(edge.to)) continue;
      previous.set(edge.to, queue[head]);
      queue.push(edge.to);
    }
  }
  const path: number[] = [];
  for (let node = previous.has(to) ? to : -1; node !== -1; node = previous.get(node) ?? -1) path.push(node);
  return path.reverse();
}
