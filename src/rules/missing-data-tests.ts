import { Type } from '@sinclair/typebox';
import type { DependencyGraph } from '../graph/graph.js';
import { isDataEdge } from '../graph/traverse.js';
import type { Feature, Source } from '../manifest/system.js';
import type { Rule } from './rule.js';
import { StageSchema, type Stage } from './support/stage-option.js';

export type MessageIds = 'missing' | 'empty';
export interface Options {
  /** Model stages whose upstream data must be tested. */
  readonly stages: readonly Stage[];
}

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'missing-data-tests',
    description: 'A source or feature that a production model depends on has no data tests.',
    category: 'monitoring',
    severity: 'warn',
    recommended: false,
    messages: {
      missing: "{{kind}} '{{node}}' feeds {{stage}} model '{{model}}' but declares no `dataTests`; bad data would reach the model unnoticed",
      empty: "{{kind}} '{{node}}' feeds {{stage}} model '{{model}}' but its `dataTests` names no schema, check or profile",
    },
    fixes: {
      missing: "Add `dataTests:` to '{{node}}' with a `schema`, `checks` or a `profile` that validate the data before '{{model}}' uses it.",
      empty: "Name the `schema`, `checks` or `profile` under `dataTests` of '{{node}}'.",
    },
    optionsSchema: Type.Object({ stages: Type.Array(StageSchema) }, { additionalProperties: false }),
    defaultOptions: { stages: ['production'] },
  },
  create(context) {
    const { graph, system } = context;
    const stages = new Set<string>(context.options.stages);
    const starts = system.models.filter((model) => model.doc.stage !== undefined && stages.has(model.doc.stage));
    if (starts.length === 0) return {};
    const reachedFrom = markUpstream(graph, starts.map((model) => graph.node(model.id)?.index ?? -1));
    const visit = (object: Source | Feature): void => {
      const index = graph.node(object.id)?.index;
      if (index === undefined || reachedFrom[index] === -1) return;
      const tests = object.doc.dataTests;
      if (tests !== undefined && (tests.schema !== undefined || (tests.checks?.length ?? 0) > 0 || tests.profile !== undefined)) return;
      const model = starts[reachedFrom[index]];
      context.report({
        node: object.id,
        messageId: tests === undefined ? 'missing' : 'empty',
        ...(tests === undefined ? {} : { path: ['dataTests'] }),
        data: { kind: object.kind, node: object.id, model: model.id, stage: model.doc.stage ?? 'production' },
        related: [model.id],
      });
    };
    return { source: visit, feature: visit };
  },
};

function markUpstream(graph: DependencyGraph, starts: readonly number[]): Int32Array {
  const reachedFrom = new Int32Array(graph.nodes.length).fill(-1);
  const queue: number[] = [];
  starts.forEach((start, position) => {
    if (start === -1 || reachedFrom[start] !== -1) return;
    reachedFrom[start] = position;
    queue.push(start);
  });
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head];
    for (const edge of graph.incoming(current)) {
      if (!isDataEdge(edge) || reachedFrom[edge.from] !== -1) continue;
      reachedFrom[edge.from] = reachedFrom[current]!;
      queue.push(edge.from);
    }
  }
  return reachedFrom;
}
