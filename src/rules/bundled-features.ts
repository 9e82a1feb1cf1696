import { parseRef, type Feature } from '../manifest/system.js';
import { NoOptions, type Rule } from './rule.js';
import { evidenceByModel, latestFor } from './support/importance-evidence.js';

export type MessageIds = 'noEvidence' | 'notMeasuredAlone';
export type Options = Record<string, never>;

/** How many member ids a message lists before it says how many more there are. */
const LISTED = 5;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'bundled-features',
    description: 'A model uses features of a bundle whose value was never measured feature by feature.',
    category: 'dependencies',
    severity: 'warn',
    recommended: true,
    messages: {
      noEvidence: "model '{{node}}' uses {{count}} feature(s) of bundle '{{bundle}}' ({{members}}) and has no importance evidence for any of them",
      notMeasuredAlone: "model '{{node}}' uses {{count}} feature(s) of bundle '{{bundle}}' whose importance was never measured one by one: {{members}}",
    },
    fixes: {
      noEvidence: "Measure the importance of each feature of '{{bundle}}' for '{{node}}' (`paydown lofo`), then drop those that bring nothing.",
      notMeasuredAlone: "Add individual leave-one-out results for {{members}} to the importance evidence of '{{node}}', then drop those that bring nothing.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    const evidence = evidenceByModel(context.evidence.importance);
    const bundled = new Map<string, Feature>();
    for (const feature of context.system.features) {
      if (feature.doc.bundle !== undefined) bundled.set(feature.id, feature);
    }
    if (bundled.size === 0) return {};
    return {
      model(model) {
        const bundles = new Map<string, { first: number; used: number; unmeasured: string[] }>();
        const found = latestFor(model, evidence.get(model.id));
        const measured = new Set<string>();
        for (const result of found?.results ?? []) {
          if (result.members === undefined || (result.members.length === 1 && result.members[0] === result.feature)) measured.add(result.feature);
        }
        (model.doc.inputs ?? []).forEach((raw, position) => {
          const id = parseRef(raw).id;
          const feature = bundled.get(id);
          if (feature?.doc.bundle === undefined) return;
          let bundle = bundles.get(feature.doc.bundle);
          if (bundle === undefined) {
            bundle = { first: -1, used: 0, unmeasured: [] };
            bundles.set(feature.doc.bundle, bundle);
          }
          bundle.used += 1;
          if (measured.has(id)) return;
          if (bundle.first === -1) bundle.first = position;
          bundle.unmeasured.push(id);
        });
        const gaps = [...bundles].filter(([, bundle]) => bundle.first !== -1).sort(([, a], [, b]) => a.first - b.first);
        for (const [name, bundle] of gaps) {
          context.report({
            node: model.id,
            messageId: found === undefined ? 'noEvidence' : 'notMeasuredAlone',
            path: ['inputs', bundle.first],
            data: {
              node: model.id,
              bundle: name,
              count: found === undefined ? bundle.used : bundle.unmeasured.length,
              members: listIds(bundle.unmeasured),
            },
            related: bundle.unmeasured,
          });
        }
      },
    };
  },
};

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, LISTED).map((id) => `'${id}'`).join(', ');
  return ids.length > LISTED ? `${shown} and ${ids.length - LISTED} more` : shown;
}
