import { parseRef } from '../manifest/system.js';
import { NoOptions, type Rule } from './rule.js';

export type MessageIds = 'startsBefore' | 'endsAfter' | 'knownBad';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'availability-gap',
    description: "A model's training window reaches outside the dates an input feature has good data for.",
    category: 'configuration',
    severity: 'error',
    recommended: true,
    messages: {
      startsBefore: "model '{{node}}' trains from {{start}}, but its input '{{feature}}' has data only from {{from}}",
      endsAfter: "model '{{node}}' trains until {{end}}, but its input '{{feature}}' has data only until {{to}}",
      knownBad: "model '{{node}}' trains from {{start}} to {{end}}, which overlaps a known-bad period of its input '{{feature}}' ({{period}}{{reason}})",
    },
    fixes: {
      startsBefore: "Start the `training.window` of '{{node}}' on or after {{from}}, or backfill '{{feature}}'.",
      endsAfter: "End the `training.window` of '{{node}}' by {{to}}, or extend the availability of '{{feature}}'.",
      knownBad: "Move the `training.window` of '{{node}}' clear of {{period}}, or drop those days of '{{feature}}' from its training data.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    return {
      model(model) {
        const window = model.doc.training?.window;
        if (window === undefined) return;
        const start = window.from;
        const end = window.to ?? context.today;
        const shownStart = start ?? 'the start of its data (no `from`)';
        (model.doc.inputs ?? []).forEach((raw, index) => {
          const id = parseRef(raw).id;
          const feature = context.system.objects.get(id);
          if (feature?.kind !== 'feature') return;
          const availability = feature.doc.availability;
          if (availability === undefined) return;
          const path = ['inputs', index];
          const base = { node: model.id, feature: id, start: shownStart, end };
          const training = availability.training;
          if (training?.from !== undefined && (start === undefined || start < training.from)) {
            context.report({ node: model.id, messageId: 'startsBefore', path, data: { ...base, from: training.from }, related: [id] });
          }
          if (training?.to !== undefined && end > training.to) {
            context.report({ node: model.id, messageId: 'endsAfter', path, data: { ...base, to: training.to }, related: [id] });
          }
          for (const bad of availability.knownBad ?? []) {
            const beforeEnd = bad.from === undefined || bad.from <= end;
            const afterStart = bad.to === undefined || start === undefined || start <= bad.to;
            if (!beforeEnd || !afterStart) continue;
            context.report({
              node: model.id,
              messageId: 'knownBad',
              path,
              data: {
                ...base,
                period: `${bad.from ?? 'the beginning'} to ${bad.to ?? 'now'}`,
                reason: bad.reason === undefined ? '' : `: ${bad.reason}`,
              },
              related: [id],
            });
          }
        });
      },
    };
  },
};
