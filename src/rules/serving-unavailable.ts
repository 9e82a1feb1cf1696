import { NoOptions, type Rule } from './rule.js';
import { inputPosition } from './support/input-position.js';

export type MessageIds = 'unavailable';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'serving-unavailable',
    description: 'A production model reads a feature that is not available at serving time and has no serving substitute.',
    category: 'configuration',
    severity: 'error',
    recommended: true,
    messages: {
      unavailable: "production model '{{node}}' reads feature '{{feature}}', which is not available at serving time and has no serving substitute",
    },
    fixes: {
      unavailable: "Make '{{feature}}' available online, declare `availability.servingSubstitute` for it, or retrain '{{node}}' without it.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    const { graph } = context;
    const offline = new Uint8Array(graph.nodes.length);
    for (const node of graph.nodes) {
      const availability = node.object?.kind === 'feature' ? node.object.doc.availability : undefined;
      if (availability?.serving === false && (availability.servingSubstitute ?? []).length === 0) offline[node.index] = 1;
    }
    return {
      model(model) {
        if (model.doc.stage !== 'production') return;
        const node = graph.node(model.id);
        if (node === undefined) return;
        let searchFrom = 0;
        const { offsets, edge, other } = graph.upstream();
        for (let at = offsets[node.index]; at < offsets[node.index + 1]; at++) {
          if (offline[other[at]] === 0 || graph.edgeKind(edge[at]) !== 'input') continue;
          const feature = graph.nodes[other[at]];
          const position = inputPosition(model.doc.inputs ?? [], feature.id, searchFrom);
          searchFrom = position + 1;
          context.report({
            node: model.id,
            messageId: 'unavailable',
            ...(position === -1 ? {} : { path: ['inputs', position] }),
            data: { node: model.id, feature: feature.id },
            related: [feature.id],
          });
        }
      },
    };
  },
};
