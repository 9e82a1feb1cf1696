import { NoOptions, type Rule } from './rule.js';
import { declaredFeature, inheritedNote, pointAt, resolvedConfig } from './support/config-support.js';

export type MessageIds = 'missingFeature' | 'notEnoughMemory' | 'noMemory';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'config-missing-requirement',
    description: "A config chooses a feature without the features or the memory that feature requires.",
    category: 'configuration',
    severity: 'error',
    recommended: true,
    messages: {
      missingFeature: "config '{{node}}' chooses '{{feature}}'{{where}}, which requires '{{required}}', but '{{required}}' is not chosen",
      notEnoughMemory: "config '{{node}}' chooses '{{feature}}'{{where}}, which needs {{needed}} MB of memory, but reserves only {{memory}} MB{{memoryWhere}}",
      noMemory: "config '{{node}}' chooses '{{feature}}'{{where}}, which needs {{needed}} MB of memory, but sets no `resources.memoryMb`",
    },
    fixes: {
      missingFeature: "Add '{{required}}' to the features of '{{node}}', or drop '{{feature}}'.",
      notEnoughMemory: "Raise `resources.memoryMb` of '{{node}}' to at least {{needed}}, or drop '{{feature}}'.",
      noMemory: "Set `resources.memoryMb` of '{{node}}' to at least {{needed}}.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    return {
      config(config) {
        const resolved = resolvedConfig(context.system, config);
        if (resolved === undefined) return;
        const chosen = new Set(resolved.features.map((item) => item.id));
        const memory = resolved.settings.get('resources.memoryMb');
        for (const item of resolved.features) {
          const requires = declaredFeature(context.system, item.id)?.doc.constraints?.requires;
          if (requires === undefined) continue;
          const base = { node: config.id, feature: item.id, where: inheritedNote(config, item.addedBy) };
          for (const required of requires.features ?? []) {
            if (chosen.has(required)) continue;
            context.report({ node: config.id, messageId: 'missingFeature', ...pointAt(config, item.addedBy), related: [item.id, required], data: { ...base, required } });
          }
          const needed = requires.memoryMb;
          if (needed === undefined) continue;
          if (memory === undefined || typeof memory.value !== 'number') {
            context.report({ node: config.id, messageId: 'noMemory', ...pointAt(config, item.addedBy), related: [item.id], data: { ...base, needed } });
          } else if (memory.value < needed) {
            context.report({
              node: config.id,
              messageId: 'notEnoughMemory',
              ...pointAt(config, memory.setBy, item.addedBy),
              related: [item.id],
              data: { ...base, needed, memory: memory.value, memoryWhere: inheritedNote(config, memory.setBy) },
            });
          }
        }
      },
    };
  },
};
