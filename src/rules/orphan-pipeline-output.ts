import { isDataEdge } from '../graph/traverse.js';
import { NoOptions, type Rule } from './rule.js';

export type MessageIds = 'orphan' | 'orphanProducer';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'orphan-pipeline-output',
    description: 'A pipeline writes a source that nothing reads.',
    category: 'dependencies',
    severity: 'warn',
    recommended: true,
    messages: {
      orphan: "pipeline '{{node}}' writes '{{source}}', which nothing reads: no feature, model, consumer, pipeline or observed job",
      orphanProducer: "pipeline '{{node}}' produces '{{source}}' (named by its `producer.job`), which nothing reads: no feature, model, consumer, pipeline or observed job",
    },
    fixes: {
      orphan: "Stop writing '{{source}}' in '{{node}}' and remove the source, or declare what reads it.",
      orphanProducer: "Stop producing '{{source}}' in '{{node}}' and remove the source, or declare what reads it.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    const { graph } = context;
    const isRead = (id: string): boolean => {
      const node = graph.node(id);
      return node === undefined || graph.outgoing(node.index).some(isDataEdge);
    };
    return {
      pipeline(pipeline) {
        const listed = new Set<string>();
        pipeline.doc.writes?.forEach((id, index) => {
          if (listed.has(id)) return;
          listed.add(id);
          if (isRead(id)) return;
          context.report({ node: pipeline.id, messageId: 'orphan', path: ['writes', index], data: { node: pipeline.id, source: id }, related: [id] });
        });
        const self = graph.node(pipeline.id);
        if (self === undefined) return;
        for (const edge of graph.outgoing(self.index)) {
          if (edge.kind !== 'writes') continue;
          const target = graph.nodes[edge.to];
          if (listed.has(target.id)) continue;
          listed.add(target.id);
          if (isRead(target.id)) continue;
          context.report({ node: pipeline.id, messageId: 'orphanProducer', data: { node: pipeline.id, source: target.id }, related: [target.id] });
        }
      },
    };
  },
};
