import type { DependencyGraph } from '../graph/graph.js';
import type { Source } from '../manifest/system.js';
import { NoOptions, type Rule } from './rule.js';

export type MessageIds = 'noPredictionBias' | 'unlimitedAction' | 'noFreshness';
export type Options = Record<string, never>;

const EXAMPLES = 3;
const NONE: readonly number[] = [];

interface UnboundedSources {
  readonly examples: readonly number[];
  readonly more: boolean;
}

const EMPTY: UnboundedSources = { examples: NONE, more: false };

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'missing-monitoring',
    description: 'A production model lacks prediction-bias monitoring, limits on its actions, or freshness bounds on the sources it depends on.',
    category: 'monitoring',
    severity: 'warn',
    recommended: true,
    messages: {
      noPredictionBias: "production model '{{node}}' has no `prediction-bias` monitor, so a shift between predicted and observed outcomes would go unnoticed",
      unlimitedAction: "production model '{{node}}' takes action '{{action}}' with no `limit` and has no `action-limit` monitor",
      noFreshness: "production model '{{node}}' depends on source(s) {{sources}} that declare no `freshness`, so stale upstream data would go unnoticed",
    },
    fixes: {
      noPredictionBias: "Add `monitors: [{ type: prediction-bias, window: 1d, tolerance: 0.05 }]` to '{{node}}' and alert on it.",
      unlimitedAction: "Give action '{{action}}' of '{{node}}' a `limit: { max, per }`, or add an `action-limit` monitor to '{{node}}'.",
      noFreshness: "Declare `freshness: { maxAge: ... }` on {{sources}} and monitor it (an `upstream-freshness` monitor on '{{node}}').",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    const { graph } = context;
    const unbounded = new UnboundedSourceFinder(graph, context.system.sources);
    return {
      model(model) {
        if (model.doc.stage !== 'production') return;
        const monitors = model.doc.monitors ?? [];
        if (!monitors.some((monitor) => monitor.type === 'prediction-bias')) {
          const where = model.doc.monitors === undefined ? {} : { path: ['monitors'] };
          context.report({ node: model.id, messageId: 'noPredictionBias', ...where, data: { node: model.id } });
        }
        if (!monitors.some((monitor) => monitor.type === 'action-limit')) {
          model.doc.actions?.forEach((action, index) => {
            if (action.limit !== undefined) return;
            context.report({ node: model.id, messageId: 'unlimitedAction', path: ['actions', index], data: { node: model.id, action: action.name } });
          });
        }
        const self = graph.node(model.id);
        if (self === undefined) return;
        const found = unbounded.upstreamOf(self.index);
        if (found.examples.length === 0) return;
        const ids = found.examples.map((index) => graph.nodes[index].id);
        const sources = ids.map((id) => `'${id}'`).join(', ') + (found.more ? ' and more' : '');
        context.report({ node: model.id, messageId: 'noFreshness', data: { node: model.id, sources }, related: ids });
      },
    };
  },
};

class UnboundedSourceFinder {
  readonly #graph: DependencyGraph;
  readonly #state: Uint8Array;
  readonly #found: UnboundedSources[];
  readonly #unbounded: Uint8Array;

  constructor(graph: DependencyGraph, sources: readonly Source[]) {
    this.#graph = graph;
    this.#state = new Uint8Array(graph.nodes.length);
    this.#found = new Array<UnboundedSources>(graph.nodes.length);
    this.#unbounded = new Uint8Array(graph.nodes.length);
    for (const source of sources) {
      const index = graph.node(source.id)?.index;
      if (index !== undefined && source.doc.freshness === undefined) this.#unbounded[index] = 1;
    }
  }

  upstreamOf(start: number): UnboundedSources {
    const { offsets, other, data } = this.#graph.upstream();
    const parents: number[] = [];
    for (let at = offsets[start]; at < offsets[start + 1]; at++) if (data[at] === 1) parents.push(other[at]);
    for (const parent of parents) this.#compute(parent);
    return this.#merge(parents, NONE);
  }

  #compute(start: number): void {
    const { offsets, other, data } = this.#graph.upstream();
    const state = this.#state;
    const stack = [start];
    while (stack.length > 0) {
      const node = stack[stack.length - 1];
      if (state[node] === 0) {
        state[node] = 1;
        for (let at = offsets[node]; at < offsets[node + 1]; at++) {
          if (data[at] === 1 && state[other[at]] === 0) stack.push(other[at]);
        }
        continue;
      }
      stack.pop();
      if (state[node] === 2) continue;
      const parents: number[] = [];
      for (let at = offsets[node]; at < offsets[node + 1]; at++) {
        if (data[at] === 1 && state[other[at]] === 2) parents.push(other[at]);
      }
      this.#found[node] = this.#merge(parents, this.#unbounded[node] === 1 ? [node] : NONE);
      state[node] = 2;
    }
  }

  #merge(parents: readonly number[], own: readonly number[]): UnboundedSources {
    const examples = [...own];
    let more = false;
    for (const parent of parents) {
      const found = this.#found[parent];
      if (found === undefined) continue;
      more ||= found.more;
      for (const example of found.examples) {
        if (examples.includes(example)) continue;
        if (examples.length === EXAMPLES) {
          more = true;
          break;
        }
        examples.push(example);
      }
    }
    if (examples.length === 0 && !more) return EMPTY;
    return { examples, more };
  }
}
