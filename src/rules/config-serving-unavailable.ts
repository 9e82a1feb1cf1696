import { NoOptions, type Rule } from './rule.js';
import { declaredFeature, inheritedNote, pointAt, quoteList, resolvedConfig } from './support/config-support.js';

export type MessageIds = 'useSubstitute' | 'noSubstitute';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'config-serving-unavailable',
    description: 'A serving config chooses a feature that is not available at serving time.',
    category: 'configuration',
    severity: 'error',
    recommended: true,
    messages: {
      useSubstitute: "serving config '{{node}}' chooses '{{feature}}'{{where}}, which is not available at serving time; use {{substitutes}} instead",
      noSubstitute: "serving config '{{node}}' chooses '{{feature}}'{{where}}, which is not available at serving time, and it declares no substitute",
    },
    fixes: {
      useSubstitute: "Replace '{{feature}}' with {{substitutes}} in the features of '{{node}}' (and retrain on it).",
      noSubstitute: "Drop '{{feature}}' from '{{node}}' and retrain without it, or make it available when serving.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    return {
      config(config) {
        const resolved = resolvedConfig(context.system, config);
        if (resolved === undefined || resolved.settings.get('purpose')?.value !== 'serving') return;
        for (const item of resolved.features) {
          const availability = declaredFeature(context.system, item.id)?.doc.availability;
          if (availability?.serving !== false) continue;
          const substitutes = availability.servingSubstitute ?? [];
          context.report({
            node: config.id,
            messageId: substitutes.length === 0 ? 'noSubstitute' : 'useSubstitute',
            ...pointAt(config, item.addedBy),
            related: [item.id],
            data: { node: config.id, feature: item.id, where: inheritedNote(config, item.addedBy), substitutes: quoteList(substitutes) },
          });
        }
      },
    };
  },
};
