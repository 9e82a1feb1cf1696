import { learnerNames } from '../config/learners.js';
import { suggestionSuffix } from '../manifest/did-you-mean.js';
import { NoOptions, type Rule } from './rule.js';
import { inheritedNote, knownSettingNames, learnerSettings, pointAt, resolvedConfig } from './support/config-support.js';

export type MessageIds = 'unknownLearner' | 'unknownSetting';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'config-unknown-setting',
    description: 'A config names a learner paydown does not know, or a learner setting no known learner reads.',
    category: 'configuration',
    severity: 'error',
    recommended: true,
    messages: {
      unknownLearner: "config '{{node}}' uses learner '{{learner}}'{{where}}, which is not a known learner{{suggestion}}",
      unknownSetting: "config '{{node}}' sets learner setting '{{setting}}'{{where}}, which no known learner reads{{suggestion}}",
    },
    fixes: {
      unknownLearner: "Set `learner.type` to one of {{known}}, or to `command` for the team's own trainer.",
      unknownSetting: "Correct the name of '{{setting}}' or remove it; a setting nobody reads silently does nothing.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    return {
      config(config) {
        const resolved = resolvedConfig(context.system, config);
        if (resolved === undefined) return;
        const type = resolved.settings.get('learner.type');
        if (type !== undefined && (typeof type.value !== 'string' || !learnerNames.includes(type.value))) {
          const learner = String(type.value);
          context.report({
            node: config.id,
            messageId: 'unknownLearner',
            ...pointAt(config, type.setBy),
            related: [type.setBy.config],
            data: { node: config.id, learner, where: inheritedNote(config, type.setBy), suggestion: suggestionSuffix(learner, learnerNames), known: learnerNames.join(', ') },
          });
        }
        for (const [name, setting] of learnerSettings(resolved)) {
          if (knownSettingNames.includes(name)) continue;
          context.report({
            node: config.id,
            messageId: 'unknownSetting',
            ...pointAt(config, setting.setBy),
            related: [name],
            data: { node: config.id, setting: name, where: inheritedNote(config, setting.setBy), suggestion: suggestionSuffix(name, knownSettingNames) },
          });
        }
      },
    };
  },
};
