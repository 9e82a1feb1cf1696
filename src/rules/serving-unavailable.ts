import { parseRef } from '../manifest/system.js';
import { NoOptions, type Rule } from './rule.js';

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
    return {
      model(model) {
        if (model.doc.stage !== 'production') return;
        (model.doc.inputs ?? []).forEach((raw, index) => {
          const id = parseRef(raw).id;
          const feature = context.system.objects.get(id);
          if (feature?.kind !== 'feature') return;
          const availability = feature.doc.availability;
          if (availability?.serving !== false) return;
          if ((availability.servingSubstitute ?? []).length > 0) return;
          context.report({
            node: model.id,
            messageId: 'unavailable',
            path: ['inputs', index],
            data: { node: model.id, feature: id },
            related: [id],
          });
        });
      },
    };
  },
};
