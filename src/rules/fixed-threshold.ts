import type { ThresholdEvidence } from '../evidence/threshold.js';
import { NoOptions, type Rule } from './rule.js';

export type MessageIds = 'setByHand' | 'learnedWithoutEvidence' | 'learnedForOtherVersion' | 'valueDiffers';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'fixed-threshold',
    description: "A decision threshold is set by hand, or is not backed by a threshold learned on validation data for the model's current version.",
    category: 'monitoring',
    severity: 'warn',
    recommended: true,
    messages: {
      setByHand: "model '{{node}}' uses a decision threshold of {{value}} set by hand; it goes stale when the model is retrained",
      learnedWithoutEvidence: "model '{{node}}' says its threshold is learned, but there is no learned-threshold evidence for its version {{version}}",
      learnedForOtherVersion: "model '{{node}}' is at version {{version}}, but its threshold was learned for version {{learnedFor}}; the scores have moved since",
      valueDiffers: "model '{{node}}' declares a threshold of {{value}}, but the threshold learned for version {{version}} ({{objective}}) is {{learned}}",
    },
    fixes: {
      setByHand: 'Learn the threshold on held-out data for an objective (`paydown threshold DATA --objective ... --model {{node}}@VERSION --evidence FILE`), list the file under `evidence:`, and record `setBy: learned`.',
      learnedWithoutEvidence: 'Run `paydown threshold` on the validation scores of this version with `--model {{node}}@{{version}} --evidence FILE` and list the file under `evidence:` in paydown.config.yaml.',
      learnedForOtherVersion: 'Relearn the threshold on validation scores of version {{version}} (`paydown threshold ... --model {{node}}@{{version}} --evidence FILE`).',
      valueDiffers: "Set `threshold.value` to {{learned}}, the learned value, or relearn it if the evidence is out of date.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    const byModel = new Map<string, ThresholdEvidence[]>();
    for (const evidence of context.evidence.thresholds ?? []) {
      const list = byModel.get(evidence.model) ?? [];
      list.push(evidence);
      byModel.set(evidence.model, list);
    }
    return {
      model(model) {
        const threshold = model.doc.threshold;
        if (threshold === undefined) return;
        if (threshold.setBy === 'hand') {
          context.report({ node: model.id, messageId: 'setByHand', path: ['threshold'], data: { node: model.id, value: threshold.value ?? '?' } });
          return;
        }
        const version = model.doc.version === undefined ? undefined : String(model.doc.version);
        const all = byModel.get(model.id) ?? [];
        const current = newest(all.filter((evidence) => version === undefined || evidence.modelVersion === version));
        if (current === undefined) {
          const other = newest(all);
          if (other !== undefined && version !== undefined) {
            context.report({ node: model.id, messageId: 'learnedForOtherVersion', path: ['threshold'], data: { node: model.id, version, learnedFor: other.modelVersion } });
          } else {
            context.report({ node: model.id, messageId: 'learnedWithoutEvidence', path: ['threshold'], data: { node: model.id, version: version ?? '(unversioned)' } });
          }
          return;
        }
        if (threshold.value !== undefined && Math.abs(threshold.value - current.threshold) > 1e-9) {
          context.report({
            node: model.id,
            messageId: 'valueDiffers',
            path: ['threshold', 'value'],
            data: { node: model.id, value: threshold.value, version: current.modelVersion, objective: current.objective, learned: current.threshold },
          });
        }
      },
    };
  },
};

/** The most recently created evidence (later files win ties). */
function newest(list: readonly ThresholdEvidence[]): ThresholdEvidence | undefined {
  let latest: ThresholdEvidence | undefined;
  for (const evidence of list) if (latest === undefined || evidence.createdAt >= latest.createdAt) latest = evidence;
  return latest;
}
