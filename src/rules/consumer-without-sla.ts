import { Type } from '@sinclair/typebox';
import type { Rule } from './rule.js';

export type MessageIds = 'noSla' | 'emptySla' | 'noContact';
export interface Options {
  /** What every consumer must declare. */
  readonly require: readonly ('sla' | 'contact')[];
}

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'consumer-without-sla',
    description: 'A consumer of model outputs declares no service-level agreement or no contact.',
    category: 'boundaries',
    severity: 'warn',
    recommended: true,
    messages: {
      noSla: "consumer '{{node}}' declares no `sla`, so nobody knows what latency, rate or availability it relies on",
      emptySla: "consumer '{{node}}' has an empty `sla` that states no latency, rate or availability",
      noContact: "consumer '{{node}}' declares no `contact`, so the producers of {{reads}} cannot warn it before a change",
    },
    fixes: {
      noSla: "Add `sla:` to '{{node}}' with the `latencyMs`, `ratePerSecond` or `availability` it needs.",
      emptySla: "Fill in `latencyMs`, `ratePerSecond` or `availability` in the `sla` of '{{node}}'.",
      noContact: "Add `contact:` to '{{node}}' (a team alias, channel or e-mail) to reach before changing what it reads.",
    },
    optionsSchema: Type.Object(
      { require: Type.Array(Type.Union([Type.Literal('sla'), Type.Literal('contact')])) },
      { additionalProperties: false },
    ),
    defaultOptions: { require: ['sla', 'contact'] },
  },
  create(context) {
    const require = new Set(context.options.require);
    return {
      consumer(consumer) {
        const { sla, contact } = consumer.doc;
        if (require.has('sla')) {
          if (sla === undefined) {
            context.report({ node: consumer.id, messageId: 'noSla', data: { node: consumer.id } });
          } else if (sla.latencyMs === undefined && sla.ratePerSecond === undefined && sla.availability === undefined) {
            context.report({ node: consumer.id, messageId: 'emptySla', path: ['sla'], data: { node: consumer.id } });
          }
        }
        if (require.has('contact') && contact === undefined) {
          const reads = consumer.doc.reads.map((read) => `'${typeof read === 'string' ? read : read.id}'`).join(', ');
          context.report({ node: consumer.id, messageId: 'noContact', data: { node: consumer.id, reads } });
        }
      },
    };
  },
};
