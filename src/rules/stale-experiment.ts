import { Type } from '@sinclair/typebox';
import type { Rule } from './rule.js';

export type MessageIds = 'concluded' | 'expired';
type Rollout = 'planned' | 'running' | 'full' | 'abandoned' | 'ended';
export interface Options {
  /** Rollout states that mean the experiment is over and its code path should go. */
  readonly concluded: readonly Rollout[];
}

const RolloutSchema = Type.Union([
  Type.Literal('planned'),
  Type.Literal('running'),
  Type.Literal('full'),
  Type.Literal('abandoned'),
  Type.Literal('ended'),
]);

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'stale-experiment',
    description: 'An experiment has expired or concluded but is still declared, leaving a dead code path behind.',
    category: 'configuration',
    severity: 'warn',
    recommended: true,
    messages: {
      concluded: "experiment '{{node}}' has rollout '{{rollout}}'{{flag}}: it is over, yet its branch is still in the system",
      expired: "experiment '{{node}}' expired on {{expires}}{{flag}} and is still {{rollout}}",
    },
    fixes: {
      concluded: "Remove the losing branch of '{{node}}' (or make the winner the only path), then delete the experiment.",
      expired: "Conclude '{{node}}': keep the winning branch, remove the other and delete the experiment, or set a new `expires` with a reason.",
    },
    optionsSchema: Type.Object({ concluded: Type.Array(RolloutSchema) }, { additionalProperties: false }),
    defaultOptions: { concluded: ['full', 'abandoned', 'ended'] },
  },
  create(context) {
    const concluded = new Set<string>(context.options.concluded);
    return {
      experiment(experiment) {
        const { rollout, expires, flag } = experiment.doc;
        const flagText = flag === undefined ? '' : ` (flag '${flag}')`;
        if (rollout !== undefined && concluded.has(rollout)) {
          context.report({ node: experiment.id, messageId: 'concluded', path: ['rollout'], data: { node: experiment.id, rollout, flag: flagText } });
          return;
        }
        if (expires !== undefined && expires < context.today) {
          context.report({
            node: experiment.id,
            messageId: 'expired',
            path: ['expires'],
            data: { node: experiment.id, expires, flag: flagText, rollout: rollout ?? 'declared' },
          });
        }
      },
    };
  },
};
