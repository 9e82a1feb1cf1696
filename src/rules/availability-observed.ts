import { Type } from '@sinclair/typebox';
import { parseRef } from '../manifest/system.js';
import type { Rule } from './rule.js';

export type MessageIds = 'lowShare';
export interface Options {
  /** Days on which fewer than this share of rows has a value count as a gap. */
  readonly minShare: number;
}

interface ObservedDay {
  readonly day: string;
  readonly share: number;
  readonly file: string;
}

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'availability-observed',
    description: "Data evidence shows days inside a model's training window on which an input feature was mostly missing.",
    category: 'configuration',
    severity: 'warn',
    recommended: true,
    messages: {
      lowShare:
        "model '{{node}}' trains from {{start}} to {{end}}, but its input '{{feature}}' had a value in only {{share}} of rows on {{period}} (below {{minShare}}, observed in {{file}})",
    },
    fixes: {
      lowShare:
        "Record {{period}} under `availability.knownBad` of '{{feature}}' and move the `training.window` of '{{node}}' clear of it, or repair those days of '{{feature}}'.",
    },
    optionsSchema: Type.Object({ minShare: Type.Number({ minimum: 0, maximum: 1 }) }, { additionalProperties: false }),
    defaultOptions: { minShare: 0.95 },
  },
  create(context) {
    // per column, the observed days (the lowest share when several files cover a day)
    const observed = new Map<string, Map<string, ObservedDay>>();
    for (const evidence of context.evidence.data) {
      for (const column of evidence.availability) {
        const days = observed.get(column.column) ?? new Map<string, ObservedDay>();
        observed.set(column.column, days);
        for (const day of column.days) {
          const known = days.get(day.day);
          if (day.rows > 0 && (known === undefined || day.share < known.share)) days.set(day.day, { day: day.day, share: day.share, file: evidence.location.file });
        }
      }
    }
    return {
      model(model) {
        const window = model.doc.training?.window;
        if (window === undefined || observed.size === 0) return;
        const start = window.from;
        const end = window.to ?? context.today;
        const seen = new Set<string>();
        (model.doc.inputs ?? []).forEach((raw, position) => {
          const feature = parseRef(raw).id;
          if (seen.has(feature)) return;
          seen.add(feature);
          const days = observed.get(feature);
          if (days === undefined) return;
          const low = [...days.values()]
            .filter((day) => (start === undefined || day.day >= start) && day.day <= end && day.share < context.options.minShare)
            .sort((a, b) => a.day.localeCompare(b.day));
          for (const run of consecutiveRuns(low)) {
            const first = run[0];
            const last = run[run.length - 1];
            const worst = Math.min(...run.map((day) => day.share));
            context.report({
              node: model.id,
              messageId: 'lowShare',
              path: ['inputs', position],
              related: [feature],
              data: {
                node: model.id,
                feature,
                start: start ?? 'the start of its data',
                end,
                share: `${Math.round(worst * 1000) / 10}%`,
                period: first.day === last.day ? first.day : `${first.day} to ${last.day}`,
                minShare: `${Math.round(context.options.minShare * 1000) / 10}%`,
                file: first.file,
              },
            });
          }
        });
      },
    };
  },
};

/** Splits ascending days into runs of consecutive calendar days. */
function consecutiveRuns(days: readonly ObservedDay[]): ObservedDay[][] {
  const runs: ObservedDay[][] = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    if (run !== undefined && nextDay(run[run.length - 1].day) === day.day) run.push(day);
    else runs.push([day]);
  }
  return runs;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
