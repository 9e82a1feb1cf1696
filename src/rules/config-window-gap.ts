import { NoOptions, type Rule } from './rule.js';
import { declaredFeature, inheritedNote, pointAt, resolvedConfig } from './support/config-support.js';

export type MessageIds = 'startsBefore' | 'endsAfter' | 'knownBad' | 'formatChange';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'config-window-gap',
    description: "A config's training window reaches outside a chosen feature's good data, or crosses a change of its format.",
    category: 'configuration',
    severity: 'error',
    recommended: true,
    messages: {
      startsBefore: "config '{{node}}' trains from {{start}}{{windowWhere}}, but feature '{{feature}}'{{where}} has data only from {{from}}",
      endsAfter: "config '{{node}}' trains until {{end}}{{windowWhere}}, but feature '{{feature}}'{{where}} has data only until {{to}}",
      knownBad: "config '{{node}}' trains from {{start}} to {{end}}{{windowWhere}}, which overlaps a known-bad period of feature '{{feature}}'{{where}} ({{period}}{{reason}})",
      formatChange: "config '{{node}}' trains from {{start}} to {{end}}{{windowWhere}}, across the change of format of feature '{{feature}}'{{where}} on {{date}}{{note}}",
    },
    fixes: {
      startsBefore: "Start the `training.window` of '{{node}}' on or after {{from}}, or drop '{{feature}}'.",
      endsAfter: "End the `training.window` of '{{node}}' by {{to}}, or drop '{{feature}}'.",
      knownBad: "Move the `training.window` of '{{node}}' clear of {{period}}, or drop '{{feature}}'.",
      formatChange: "Start the `training.window` of '{{node}}' on or after {{date}}, or end it before, so '{{feature}}' has one format throughout.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    return {
      config(config) {
        const resolved = resolvedConfig(context.system, config);
        if (resolved === undefined) return;
        const fromSetting = resolved.settings.get('training.window.from');
        const toSetting = resolved.settings.get('training.window.to');
        if (fromSetting === undefined && toSetting === undefined) return;
        const start = typeof fromSetting?.value === 'string' ? fromSetting.value : undefined;
        const end = typeof toSetting?.value === 'string' ? toSetting.value : context.today;
        const shownStart = start ?? 'the start of its data (no `from`)';
        const windowWhere = inheritedNote(config, fromSetting?.setBy ?? toSetting?.setBy);
        for (const item of resolved.features) {
          const feature = declaredFeature(context.system, item.id);
          if (feature === undefined) continue;
          const { availability, constraints } = feature.doc;
          const training = availability?.training;
          const base = { node: config.id, feature: item.id, start: shownStart, end, windowWhere, where: inheritedNote(config, item.addedBy) };
          const related = [item.id];
          if (training?.from !== undefined && (start === undefined || start < training.from)) {
            context.report({ node: config.id, messageId: 'startsBefore', ...pointAt(config, fromSetting?.setBy, item.addedBy), related, data: { ...base, from: training.from } });
          }
          if (training?.to !== undefined && end > training.to) {
            context.report({ node: config.id, messageId: 'endsAfter', ...pointAt(config, toSetting?.setBy, item.addedBy), related, data: { ...base, to: training.to } });
          }
          const at = pointAt(config, fromSetting?.setBy, toSetting?.setBy, item.addedBy);
          for (const interval of availability?.knownBad ?? []) {
            const overlaps = (interval.from === undefined || interval.from <= end) && (interval.to === undefined || start === undefined || start <= interval.to);
            if (!overlaps) continue;
            const period = `${interval.from ?? 'the beginning'} to ${interval.to ?? 'now'}`;
            const reason = interval.reason === undefined ? '' : `: ${interval.reason}`;
            context.report({ node: config.id, messageId: 'knownBad', ...at, related, data: { ...base, period, reason } });
          }
          for (const change of constraints?.formatChanges ?? []) {
            if (!((start === undefined || start < change.date) && change.date <= end)) continue;
            const note = change.note === undefined ? '' : ` (${change.note})`;
            context.report({ node: config.id, messageId: 'formatChange', ...at, related, data: { ...base, date: change.date, note } });
          }
        }
      },
    };
  },
};
