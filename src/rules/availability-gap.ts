import { NoOptions, type Rule } from './rule.js';
import { inputPosition } from './support/input-position.js';

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
    const { graph } = context;
    const limited = new Uint8Array(graph.nodes.length);
    for (const node of graph.nodes) {
      if (node.object?.kind === 'feature' && node.object.doc.availability !== undefined) limited[node.index] = 1;
    }
    return {
      model(model) {
        const window = model.doc.training?.window;
        if (window === undefined) return;
        const node = graph.node(model.id);
        if (node === undefined) return;
        const start = window.from;
        const end = window.to ?? context.today;
        const shownStart = start ?? 'the start of its data (no `from`)';
        let searchFrom = 0;
        const { offsets, edge, other } = graph.upstream();
        for (let at = offsets[node.index]; at < offsets[node.index + 1]; at++) {
          if (limited[other[at]] === 0 || graph.edgeKind(edge[at]) !== 'input') continue;
          const feature = graph.nodes[other[at]].object;
          if (feature?.kind !== 'feature') continue;
          const availability = feature.doc.availability;
          if (availability === undefined) continue;
          const training = availability.training;
          const startsBefore = training?.from !== undefined && (start === undefined || start < training.from);
          const endsAfter = training?.to !== undefined && end > training.to;
          const bad = (availability.knownBad ?? []).filter(
            (interval) => (interval.from === undefined || interval.from <= end) && (interval.to === undefined || start === undefined || start <= interval.to),
          );
          if (!startsBefore && !endsAfter && bad.length === 0) continue;
          const position = inputPosition(model.doc.inputs ?? [], feature.id, searchFrom);
          searchFrom = position + 1;
          const found = {
            node: model.id,
            ...(position === -1 ? {} : { path: ['inputs', position] }),
            related: [feature.id],
          };
          const base = { node: model.id, feature: feature.id, start: shownStart, end };
          if (startsBefore) context.report({ ...found, messageId: 'startsBefore', data: { ...base, from: training.from! } });
          if (endsAfter) context.report({ ...found, messageId: 'endsAfter', data: { ...base, to: training.to! } });
          for (const interval of bad) {
            const period = `${interval.from ?? 'the beginning'} to ${interval.to ?? 'now'}`;
            const reason = interval.reason === undefined ? '' : `: ${interval.reason}`;
            context.report({ ...found, messageId: 'knownBad', data: { ...base, period, reason } });
          }
        }
      },
    };
  },
};
