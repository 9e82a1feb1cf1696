import { isDataEdge } from '../graph/traverse.js';
import type { Feature, Source } from '../manifest/system.js';
import { NoOptions, type Rule } from './rule.js';

export type MessageIds = 'unused';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'unused-signal',
    description: 'A source or feature is read by nothing, declared or observed.',
    category: 'dependencies',
    severity: 'warn',
    recommended: true,
    messages: {
      unused: "{{kind}} '{{node}}' is read by nothing: no feature, model, consumer or pipeline uses it, and no job was seen reading it",
    },
    fixes: {
      unused: "Remove '{{node}}' and the code that produces it, or declare what reads it.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    const { graph } = context;
    const visit = (object: Source | Feature, index: number): void => {
      if (graph.outgoing(index).some(isDataEdge)) return;
      const incoming = graph.incoming(index);
      if (object.kind === 'feature' && incoming.some((edge) => edge.kind === 'substitute')) return;
      if (object.kind === 'source' && incoming.some((edge) => edge.kind === 'writes' && graph.nodes[edge.from].kind === 'pipeline')) return;
      context.report({ node: object.id, messageId: 'unused', data: { kind: object.kind, node: object.id } });
    };
    return {
      end() {
        for (const node of graph.nodes) {
          if (node.object?.kind === 'source' || node.object?.kind === 'feature') visit(node.object, node.index);
        }
      },
    };
  },
};
