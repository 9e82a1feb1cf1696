import { NoOptions, type Rule } from './rule.js';
import { chosenLearner, inheritedNote, learnerSettings, learnersReading, pointAt, quoteList, resolvedConfig } from './support/config-support.js';

export type MessageIds = 'unusedSetting';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'config-unused-setting',
    description: 'A learner setting is one another learner reads, but the chosen learner ignores it.',
    category: 'configuration',
    severity: 'warn',
    recommended: true,
    messages: {
      unusedSetting: "config '{{node}}' sets '{{setting}}'{{where}}, but its learner '{{learner}}' does not read it; only {{readers}} read it",
    },
    fixes: {
      unusedSetting: "Remove '{{setting}}' (in a child config, list it under `learner.settings-`), or choose a learner that reads it.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    return {
      config(config) {
        const resolved = resolvedConfig(context.system, config);
        if (resolved === undefined) return;
        const learner = chosenLearner(resolved);
        if (learner === undefined) return;
        for (const [name, setting] of learnerSettings(resolved)) {
          if (Object.hasOwn(learner.settings, name)) continue;
          const readers = learnersReading(name);
          if (readers.length === 0) continue;
          context.report({
            node: config.id,
            messageId: 'unusedSetting',
            ...pointAt(config, setting.setBy),
            related: [name],
            data: { node: config.id, setting: name, learner: learner.name, readers: quoteList(readers), where: inheritedNote(config, setting.setBy) },
          });
        }
      },
    };
  },
};
