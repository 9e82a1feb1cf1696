import { NoOptions, type Rule } from './rule.js';
import { declaredFeature, inheritedNote, pointAt, resolvedConfig } from './support/config-support.js';

export type MessageIds = 'deprecated' | 'removed';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'config-deprecated-feature',
    description: 'A config chooses a deprecated feature; an error once its removal date has come.',
    category: 'configuration',
    severity: 'warn',
    recommended: true,
    messages: {
      deprecated: "config '{{node}}' chooses deprecated feature '{{feature}}'{{where}}{{removal}}; {{replacement}}",
      removed: "config '{{node}}' chooses feature '{{feature}}'{{where}}, which was removed on {{date}}; {{replacement}}",
    },
    fixes: {
      deprecated: "Replace '{{feature}}' in the config's features{{use}} before it is removed.",
      removed: "Replace '{{feature}}' in the config's features{{use}}; it is no longer produced.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    return {
      config(config) {
        const resolved = resolvedConfig(context.system, config);
        if (resolved === undefined) return;
        for (const item of resolved.features) {
          const lifecycle = declaredFeature(context.system, item.id)?.doc.lifecycle;
          if (lifecycle?.stage !== 'deprecated') continue;
          const replacement = lifecycle.replacement === undefined ? 'it declares no replacement' : `use '${lifecycle.replacement}' instead`;
          const use = lifecycle.replacement === undefined ? '' : ` with '${lifecycle.replacement}'`;
          const base = { node: config.id, ...pointAt(config, item.addedBy), related: [item.id] };
          const data = { node: config.id, feature: item.id, where: inheritedNote(config, item.addedBy), replacement, use };
          if (lifecycle.removal !== undefined && context.today >= lifecycle.removal) {
            context.report({ ...base, messageId: 'removed', severity: 'error', data: { ...data, date: lifecycle.removal } });
          } else {
            const removal = lifecycle.removal === undefined ? '' : ` (to be removed on ${lifecycle.removal})`;
            context.report({ ...base, messageId: 'deprecated', data: { ...data, removal } });
          }
        }
      },
    };
  },
};
