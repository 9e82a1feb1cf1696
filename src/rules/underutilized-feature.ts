import { Type } from '@sinclair/typebox';
import { parseRef } from '../manifest/system.js';
import type { ReportDescriptor, Rule } from './rule.js';
import { evidenceByModel, latestFor } from './support/importance-evidence.js';

export type MessageIds = 'lowImportance' | 'lowGroupImportance' | 'legacyAndReplacement';
export interface Options {
  /** The smallest mean metric drop a feature must bring when its model declares no `epsilon`. */
  readonly defaultEpsilon: number;
}

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'underutilized-feature',
    description: 'A model keeps an input that brings less than its epsilon of metric gain, or uses a deprecated feature next to its replacement.',
    category: 'dependencies',
    severity: 'warn',
    recommended: true,
    messages: {
      lowImportance: "model '{{node}}' uses '{{feature}}', but leaving it out drops {{metric}} by only {{drop}} (epsilon {{epsilon}})",
      lowGroupImportance: "model '{{node}}' uses the group '{{group}}' ({{members}}), but leaving the whole group out drops {{metric}} by only {{drop}} (epsilon {{epsilon}})",
      legacyAndReplacement: "model '{{node}}' uses deprecated feature '{{feature}}' and its replacement '{{replacement}}' side by side",
    },
    fixes: {
      lowImportance: "Remove '{{feature}}' from the inputs of '{{node}}' and retrain; it costs upkeep and risk for almost no gain.",
      lowGroupImportance: "Remove the members of '{{group}}' from '{{node}}', or measure them one by one and keep only those that earn their place.",
      legacyAndReplacement: "Drop '{{feature}}' from the inputs of '{{node}}' and keep '{{replacement}}'.",
    },
    optionsSchema: Type.Object({ defaultEpsilon: Type.Number({ minimum: 0 }) }, { additionalProperties: false }),
    defaultOptions: { defaultEpsilon: 0.001 },
  },
  create(context) {
    const evidence = evidenceByModel(context.evidence.importance);
    const replaced = new Set<string>();
    for (const feature of context.system.features) {
      if (feature.doc.lifecycle?.stage === 'deprecated' && feature.doc.lifecycle.replacement !== undefined) replaced.add(feature.id);
    }
    return {
      model(model) {
        const inputs = (model.doc.inputs ?? []).map((raw) => parseRef(raw).id);
        const found = latestFor(model, evidence.get(model.id));
        if (found === undefined && !inputs.some((id) => replaced.has(id))) return;
        const positions = new Map<string, number>();
        inputs.forEach((id, index) => {
          if (!positions.has(id)) positions.set(id, index);
        });
        const reports: { position: number; descriptor: ReportDescriptor<MessageIds> }[] = [];
        if (found !== undefined) {
          const epsilon = model.doc.epsilon ?? context.options.defaultEpsilon;
          const individual = new Set<string>();
          for (const result of found.results) {
            if (result.members !== undefined) continue;
            individual.add(result.feature);
            const position = positions.get(result.feature);
            if (position === undefined || result.drop.mean >= epsilon) continue;
            reports.push({
              position,
              descriptor: {
                node: model.id,
                messageId: 'lowImportance',
                path: ['inputs', position],
                data: { node: model.id, feature: result.feature, metric: found.metric, drop: result.drop.mean, epsilon },
                related: [result.feature],
              },
            });
          }
          for (const result of found.results) {
            if (result.members === undefined || result.drop.mean >= epsilon) continue;
            const used = result.members.filter((member) => positions.has(member));
            if (used.length === 0 || used.every((member) => individual.has(member))) continue;
            const position = Math.min(...used.map((member) => positions.get(member)!));
            reports.push({
              position,
              descriptor: {
                node: model.id,
                messageId: 'lowGroupImportance',
                path: ['inputs', position],
                data: { node: model.id, group: result.feature, members: used.join(', '), metric: found.metric, drop: result.drop.mean, epsilon },
                related: used,
              },
            });
          }
        }
        inputs.forEach((id, position) => {
          const feature = context.system.objects.get(id);
          if (feature?.kind !== 'feature' || feature.doc.lifecycle?.stage !== 'deprecated') return;
          const replacement = feature.doc.lifecycle.replacement;
          if (replacement === undefined || !positions.has(replacement)) return;
          reports.push({
            position,
            descriptor: {
              node: model.id,
              messageId: 'legacyAndReplacement',
              path: ['inputs', position],
              data: { node: model.id, feature: id, replacement },
              related: [id, replacement],
            },
          });
        });
        reports.sort((a, b) => a.position - b.position);
        for (const { descriptor } of reports) context.report(descriptor);
      },
    };
  },
};
