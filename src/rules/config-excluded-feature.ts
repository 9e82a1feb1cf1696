import { NoOptions, type Rule } from './rule.js';
import { declaredFeature, inheritedNote, pointAt, resolvedConfig } from './support/config-support.js';

export type MessageIds = 'excluded';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'config-excluded-feature',
    description: 'A config chooses two features where one excludes the other.',
    category: 'configuration',
    severity: 'error',
    recommended: true,
    messages: {
      excluded: "config '{{node}}' chooses both '{{feature}}'{{featureWhere}} and '{{other}}'{{otherWhere}}, but '{{feature}}' cannot be used together with '{{other}}'{{reason}}",
    },
    fixes: {
      excluded: "Drop '{{feature}}' or '{{other}}' from the config's features (`features-` in a child config).",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    return {
      config(config) {
        const resolved = resolvedConfig(context.system, config);
        if (resolved === undefined) return;
        const chosen = new Map(resolved.features.map((item) => [item.id, item]));
        const seen = new Set<string>();
        for (const item of resolved.features) {
          const constraints = declaredFeature(context.system, item.id)?.doc.constraints;
          for (const excluded of constraints?.excludes ?? []) {
            const other = chosen.get(excluded);
            if (other === undefined || other.id === item.id) continue;
            const pair = [item.id, other.id].sort().join('\u0000');
            if (seen.has(pair)) continue;
            seen.add(pair);
            context.report({
              node: config.id,
              messageId: 'excluded',
              ...pointAt(config, other.addedBy, item.addedBy),
              related: [item.id, other.id],
              data: {
                node: config.id,
                feature: item.id,
                other: other.id,
                featureWhere: inheritedNote(config, item.addedBy),
                otherWhere: inheritedNote(config, other.addedBy),
                reason: constraints?.reason === undefined ? '' : ` (${constraints.reason})`,
              },
            });
          }
        }
      },
    };
  },
};
