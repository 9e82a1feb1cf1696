import type { GraphEdgeKind, NodeKind } from '../graph/graph.js';
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
    const down = graph.downstream();
    const up = graph.upstream();
    const readByData = (index: number): boolean => {
      for (let at = down.offsets[index]; at < down.offsets[index + 1]; at++) if (down.data[at] === 1) return true;
      return false;
    };
    const hasIncoming = (index: number, kind: GraphEdgeKind, fromKind?: NodeKind): boolean => {
      for (let at = up.offsets[index]; at < up.offsets[index + 1]; at++) {
        if (graph.edgeKind(up.edge[at]) === kind && (fromKind === undefined || graph.nodes[up.other[at]].kind === fromKind)) return true;
      }
      return false;
    };
    const visit = (object: Source | Feature, index: number): void => {
      if (readByData(index)) return;
      if (object.kind === 'feature' && hasIncoming(index, 'substitute')) return;
      if (object.kind === 'source' && hasIncoming(index, 'writes', 'pipeline')) return;
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
