import type { DependencyGraph } from '../graph/graph.js';
import type { Model } from '../manifest/system.js';
import { NoOptions, type Rule } from './rule.js';

export type MessageIds = 'cascade' | 'corrects';
export type Options = Record<string, never>;

const NONE: readonly number[] = [];
const NO_TASKS: ReadonlyMap<string, number> = new Map();

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'correction-cascade',
    description: 'A model corrects another model, or builds on the output of a model with the same or a related task.',
    category: 'dependencies',
    severity: 'warn',
    recommended: true,
    messages: {
      cascade:
        "model '{{node}}' (task '{{task}}') builds on the output of '{{upstream}}' (task '{{upstreamTask}}'): a correction cascade {{depth}} deep ({{chain}})",
      corrects: "model '{{node}}' declares that it corrects '{{upstream}}': a correction cascade {{depth}} deep ({{chain}})",
    },
    fixes: {
      cascade:
        "Learn the variant inside '{{upstream}}' (add the features that tell the cases apart) instead of stacking '{{node}}' on its output, so improving '{{upstream}}' cannot silently break '{{node}}'.",
      corrects:
        "Fold the correction into '{{upstream}}' (add the features that tell the cases apart) instead of keeping '{{node}}' on top of it.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    const analysis = new CascadeAnalysis(context.graph, context.system.models);
    return {
      model(model) {
        const self = context.graph.node(model.id);
        if (self === undefined) return;
        const { depth, chain } = analysis.cascadeOf(self.index);
        if (depth === 0) return;
        const chainIds = chain.map((index) => context.graph.nodes[index].id);
        if (model.doc.corrects !== undefined) {
          const corrected = model.doc.corrects;
          const shown = chainIds.length > 1 ? chainIds : [corrected, model.id];
          context.report({
            node: model.id,
            messageId: 'corrects',
            path: ['corrects'],
            data: { node: model.id, upstream: corrected, depth, chain: shown.join(' → ') },
            related: shown.slice(0, -1),
          });
          return;
        }
        const upstream = context.graph.nodes[chain[chain.length - 2]];
        context.report({
          node: model.id,
          messageId: 'cascade',
          data: {
            node: model.id,
            task: model.doc.task ?? '',
            upstream: upstream.id,
            upstreamTask: analysis.taskOf(upstream.index) ?? '',
            depth,
            chain: chainIds.join(' → '),
          },
          related: chainIds.slice(0, -1),
        });
      },
    };
  },
};

function related(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

const NO_CORRECTION = -2;
const UNKNOWN_MODEL = -1;

class CascadeAnalysis {
  readonly #graph: DependencyGraph;
  readonly #isModel: Uint8Array;
  readonly #task: (string | undefined)[];
  readonly #corrects: Int32Array;
  readonly #belowModel: Uint8Array;
  readonly #nearestState: Uint8Array;
  readonly #nearest: (readonly number[])[];
  readonly #modelState: Uint8Array;
  readonly #depth: Int32Array;
  readonly #parent: Int32Array;
  readonly #tasks: ReadonlyMap<string, number>[];

  constructor(graph: DependencyGraph, models: readonly Model[]) {
    const count = graph.nodes.length;
    this.#graph = graph;
    this.#isModel = new Uint8Array(count);
    this.#task = new Array<string | undefined>(count);
    this.#corrects = new Int32Array(count).fill(NO_CORRECTION);
    for (const model of models) {
      const index = graph.node(model.id)?.index;
      if (index === undefined) continue;
      this.#isModel[index] = 1;
      this.#task[index] = model.doc.task;
      if (model.doc.corrects === undefined) continue;
      const target = graph.node(model.doc.corrects);
      this.#corrects[index] = target !== undefined && target.kind === 'model' ? target.index : UNKNOWN_MODEL;
    }
    this.#belowModel = markDownstream(graph, this.#isModel);
    this.#nearestState = new Uint8Array(count);
    this.#nearest = new Array<readonly number[]>(count);
    this.#modelState = new Uint8Array(count);
    this.#depth = new Int32Array(count);
    this.#parent = new Int32Array(count).fill(-1);
    this.#tasks = new Array<ReadonlyMap<string, number>>(count);
  }

  taskOf(index: number): string | undefined {
    return this.#task[index];
  }

  cascadeOf(model: number): { depth: number; chain: number[] } {
    this.#computeModels(model);
    const depth = this.#depth[model];
    const chain: number[] = [];
    for (let node = model; node !== -1 && chain.length <= depth; node = this.#parent[node]) chain.push(node);
    return { depth, chain: chain.reverse() };
  }

  #modelParents(model: number): number[] {
    this.#computeNearest(model);
    const parents = [...this.#nearest[model]];
    const corrected = this.#corrects[model];
    if (corrected >= 0) parents.push(corrected);
    return parents;
  }

  #computeModels(start: number): void {
    const state = this.#modelState;
    const stack = [start];
    while (stack.length > 0) {
      const model = stack[stack.length - 1];
      if (state[model] === 0) {
        state[model] = 1;
        for (const parent of this.#modelParents(model)) if (state[parent] === 0) stack.push(parent);
        continue;
      }
      stack.pop();
      if (state[model] === 2) continue;
      this.#finishModel(model);
      state[model] = 2;
    }
  }

  #finishModel(model: number): void {
    const state = this.#modelState;
    const upstream = this.#nearest[model].filter((parent) => state[parent] === 2);
    const tasks = this.#mergeTasks(upstream);
    this.#tasks[model] = tasks;
    let depth = 0;
    let parent = -1;
    const corrected = this.#corrects[model];
    if (corrected !== NO_CORRECTION) {
      depth = corrected >= 0 && state[corrected] === 2 ? this.#depth[corrected] + 1 : 1;
      parent = corrected;
    }
    const task = this.#task[model];
    if (task !== undefined) {
      for (const [other, holder] of tasks) {
        if (!related(task, other) || this.#depth[holder] + 1 <= depth) continue;
        depth = this.#depth[holder] + 1;
        parent = holder;
      }
    }
    this.#depth[model] = depth;
    this.#parent[model] = parent;
  }

  #mergeTasks(upstream: readonly number[]): ReadonlyMap<string, number> {
    if (upstream.length === 0) return NO_TASKS;
    if (upstream.length === 1 && this.#task[upstream[0]] === undefined) return this.#tasks[upstream[0]];
    const merged = new Map<string, number>();
    const offer = (task: string, holder: number): void => {
      const current = merged.get(task);
      if (current === undefined || this.#depth[holder] > this.#depth[current]) merged.set(task, holder);
    };
    for (const parent of upstream) {
      for (const [task, holder] of this.#tasks[parent]) offer(task, holder);
      const own = this.#task[parent];
      if (own !== undefined) offer(own, parent);
    }
    return merged;
  }

  #computeNearest(start: number): void {
    const graph = this.#graph;
    const state = this.#nearestState;
    const isModel = this.#isModel;
    const belowModel = this.#belowModel;
    const { offsets, other, data } = graph.upstream();
    const stack = [start];
    while (stack.length > 0) {
      const node = stack[stack.length - 1];
      if (state[node] === 0) {
        state[node] = 1;
        for (let at = offsets[node]; at < offsets[node + 1]; at++) {
          const from = other[at];
          if (isModel[from] === 0 && belowModel[from] === 1 && state[from] === 0 && data[at] === 1) stack.push(from);
        }
        continue;
      }
      stack.pop();
      if (state[node] === 2) continue;
      this.#nearest[node] = this.#collectNearest(node);
      state[node] = 2;
    }
  }

  #collectNearest(node: number): readonly number[] {
    const lists: (readonly number[])[] = [];
    const { offsets, other, data } = this.#graph.upstream();
    for (let at = offsets[node]; at < offsets[node + 1]; at++) {
      const from = other[at];
      if (from === node || (this.#isModel[from] === 0 && this.#belowModel[from] === 0) || data[at] === 0) continue;
      if (this.#isModel[from] === 1) lists.push([from]);
      else if (this.#nearestState[from] === 2 && this.#nearest[from].length > 0) lists.push(this.#nearest[from]);
    }
    if (lists.length === 0) return NONE;
    if (lists.length === 1) return lists[0];
    return [...new Set(lists.flat())];
  }
}

function markDownstream(graph: DependencyGraph, isModel: Uint8Array): Uint8Array {
  const marked = new Uint8Array(graph.nodes.length);
  const queue: number[] = [];
  isModel.forEach((flag, index) => {
    if (flag === 1) queue.push(index);
  });
  const { offsets, other, data } = graph.downstream();
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head];
    for (let at = offsets[current]; at < offsets[current + 1]; at++) {
      const next = other[at];
      if (marked[next] === 1 || data[at] === 0) continue;
      marked[next] = 1;
      queue.push(next);
    }
  }
  return marked;
}
