import { Type } from '@sinclair/typebox';
import { cycles } from '../graph/traverse.js';
import type { Rule } from './rule.js';

export type MessageIds = 'loop';
export interface Options {
  /** Smallest `exploration` share that counts as breaking the loop (any share above 0 by default). */
  readonly minExploration: number;
}

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'direct-feedback-loop',
    description: "A model's predictions or actions are logged into data it is trained or fed on, and it does no exploration.",
    category: 'feedback',
    severity: 'error',
    recommended: true,
    messages: {
      loop: "model '{{node}}' influences its own future data: its {{what}} are logged into '{{source}}', which is upstream of it, and it {{exploration}}",
    },
    fixes: {
      loop: "Add `exploration:` (a share of traffic served at random or held out) to '{{node}}' and train on that slice, or stop '{{source}}' from feeding it.",
    },
    optionsSchema: Type.Object({ minExploration: Type.Number({ minimum: 0, maximum: 1 }) }, { additionalProperties: false }),
    defaultOptions: { minExploration: 0 },
  },
  create(context) {
    const { graph, system } = context;
    const logging = system.sources.filter((source) => (source.doc.logs?.length ?? 0) > 0);
    if (logging.length === 0) return {};
    const component = new Int32Array(graph.nodes.length).fill(-1);
    cycles(graph).forEach((members, id) => {
      for (const member of members) component[member] = id;
    });
    const explores = (exploration: number | undefined): boolean =>
      exploration !== undefined && exploration > 0 && exploration >= context.options.minExploration;
    return {
      source(source) {
        const self = graph.node(source.id);
        if (self === undefined || component[self.index] === -1) return;
        const reported = new Set<string>();
        for (const logged of source.doc.logs ?? []) {
          const target = system.objects.get(logged);
          const modelId = target?.kind === 'model' ? target.id : target?.kind === 'output' ? target.doc.model : undefined;
          const model = modelId === undefined ? undefined : system.objects.get(modelId);
          if (model?.kind !== 'model' || reported.has(model.id)) continue;
          const node = graph.node(model.id)!;
          if (component[node.index] !== component[self.index]) continue;
          const exploration = model.doc.exploration;
          if (explores(exploration)) continue;
          reported.add(model.id);
          context.report({
            node: model.id,
            messageId: 'loop',
            ...(exploration === undefined ? {} : { path: ['exploration'] }),
            data: {
              node: model.id,
              source: source.id,
              what: target?.kind === 'output' ? `predictions ('${logged}')` : 'predictions or actions',
              exploration: exploration === undefined ? 'declares no exploration' : `explores only ${exploration} of its traffic`,
            },
            related: [source.id],
          });
        }
      },
    };
  },
};
