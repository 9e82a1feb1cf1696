import { NoOptions, type Rule } from './rule.js';

export type MessageIds = 'setByHand' | 'learnedWithoutEvidence';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'fixed-threshold',
    description: 'A decision threshold is set by hand instead of learned on held-out validation data.',
    category: 'monitoring',
    severity: 'warn',
    recommended: true,
    messages: {
      setByHand: "model '{{node}}' uses a decision threshold of {{value}} set by hand; it goes stale when the model is retrained",
      learnedWithoutEvidence: "model '{{node}}' says its threshold is learned but names no objective or validation data it was learned on",
    },
    fixes: {
      setByHand: 'Learn the threshold on held-out data for an objective (`paydown threshold`) and record `setBy: learned` with the objective.',
      learnedWithoutEvidence: 'Add `objective:` and `learnedOn:` (the validation data or the threshold evidence) to the threshold.',
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    return {
      model(model) {
        const threshold = model.doc.threshold;
        if (threshold === undefined) return;
        if (threshold.setBy === 'hand') {
          context.report({ node: model.id, messageId: 'setByHand', path: ['threshold'], data: { node: model.id, value: threshold.value ?? '?' } });
          return;
        }
        if (threshold.objective === undefined || threshold.learnedOn === undefined) {
          context.report({ node: model.id, messageId: 'learnedWithoutEvidence', path: ['threshold'], data: { node: model.id } });
        }
      },
    };
  },
};
