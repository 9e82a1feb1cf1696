import { isDeepStrictEqual } from 'node:util';
import { NoOptions, type Rule } from './rule.js';
import { chosenLearner, LEARNER_SETTING_PREFIX, pointAt, resolvedConfig } from './support/config-support.js';

export type MessageIds = 'sameAsInherited' | 'sameAsDefault';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'config-redundant-setting',
    description: 'A config sets a value it already inherits, or the learner default when it inherits nothing.',
    category: 'configuration',
    severity: 'warn',
    recommended: true,
    messages: {
      sameAsInherited: "config '{{node}}' sets '{{setting}}' to {{value}}, the value it already inherits from '{{parent}}'",
      sameAsDefault: "config '{{node}}' sets '{{setting}}' to {{value}}, the default of learner '{{learner}}'",
    },
    fixes: {
      sameAsInherited: "Remove '{{setting}}' from '{{node}}'; it is inherited from '{{parent}}'.",
      sameAsDefault: "Remove '{{setting}}' from '{{node}}'; learner '{{learner}}' uses {{value}} when it is unset.",
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
        for (const [key, setting] of resolved.settings) {
          if (setting.setBy.config !== config.id) continue;
          const base = { node: config.id, ...pointAt(config, setting.setBy), related: [key] };
          const value = JSON.stringify(setting.value) ?? String(setting.value);
          const inherited = setting.replaced[0];
          if (inherited !== undefined) {
            if (isDeepStrictEqual(inherited.value, setting.value)) {
              context.report({ ...base, messageId: 'sameAsInherited', data: { node: config.id, setting: key, value, parent: inherited.setBy.config } });
            }
            continue;
          }
          if (learner === undefined || !key.startsWith(LEARNER_SETTING_PREFIX)) continue;
          const name = key.slice(LEARNER_SETTING_PREFIX.length);
          if (!Object.hasOwn(learner.settings, name)) continue;
          const fallback = learner.settings[name].default;
          if (fallback !== undefined && fallback === setting.value) {
            context.report({ ...base, messageId: 'sameAsDefault', data: { node: config.id, setting: key, value, learner: learner.name } });
          }
        }
      },
    };
  },
};
