import type { LearnerSetting } from '../config/learners.js';
import { NoOptions, type Rule } from './rule.js';
import { chosenLearner, inheritedNote, learnerSettings, pointAt, resolvedConfig } from './support/config-support.js';

export type MessageIds = 'wrongType' | 'outOfBounds' | 'notAllowed';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'config-setting-type',
    description: 'A learner setting has the wrong type, is out of bounds, or is not one of the allowed values.',
    category: 'configuration',
    severity: 'error',
    recommended: true,
    messages: {
      wrongType: "config '{{node}}' sets '{{setting}}' of learner '{{learner}}' to {{value}}{{where}}, but it must be {{expected}}",
      outOfBounds: "config '{{node}}' sets '{{setting}}' of learner '{{learner}}' to {{value}}{{where}}, outside its bounds {{bounds}}",
      notAllowed: "config '{{node}}' sets '{{setting}}' of learner '{{learner}}' to {{value}}{{where}}, which is not one of {{allowed}}",
    },
    fixes: {
      wrongType: "Give '{{setting}}' {{expected}} value.",
      outOfBounds: "Choose a value of '{{setting}}' within {{bounds}}.",
      notAllowed: "Set '{{setting}}' to one of {{allowed}}.",
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
          if (!Object.hasOwn(learner.settings, name)) continue;
          const spec = learner.settings[name];
          const problem = checkValue(setting.value, spec);
          if (problem === undefined) continue;
          context.report({
            node: config.id,
            messageId: problem,
            ...pointAt(config, setting.setBy),
            related: [name],
            data: {
              node: config.id,
              setting: name,
              learner: learner.name,
              value: JSON.stringify(setting.value) ?? String(setting.value),
              where: inheritedNote(config, setting.setBy),
              expected: expectedType(spec),
              bounds: bounds(spec),
              allowed: (spec.values ?? []).map((value) => `'${value}'`).join(', '),
            },
          });
        }
      },
    };
  },
};

function checkValue(value: unknown, spec: LearnerSetting): MessageIds | undefined {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'wrongType';
    case 'string':
      if (typeof value !== 'string') return 'wrongType';
      return spec.values === undefined || spec.values.includes(value) ? undefined : 'notAllowed';
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'wrongType';
      if (spec.type === 'integer' && !Number.isInteger(value)) return 'wrongType';
      if (spec.minimum !== undefined && value < spec.minimum) return 'outOfBounds';
      if (spec.maximum !== undefined && value > spec.maximum) return 'outOfBounds';
      return undefined;
    }
  }
}

function expectedType(spec: LearnerSetting): string {
  switch (spec.type) {
    case 'boolean': return 'a boolean (true or false)';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'integer': return 'an integer';
  }
}

function bounds(spec: LearnerSetting): string {
  const low = spec.minimum === undefined ? '(-∞' : `[${spec.minimum}`;
  const high = spec.maximum === undefined ? '∞)' : `${spec.maximum}]`;
  return `${low}, ${high}`;
}
