import { Type } from '@sinclair/typebox';
import { parseRef } from '../manifest/system.js';
import type { Rule } from './rule.js';

export type MessageIds = 'correlated';
export interface Options {
  /** The |Pearson correlation| at or above which two inputs of one model are reported. */
  readonly threshold: number;
  /** Correlations measured on fewer rows (both values present) are ignored. */
  readonly minRows: number;
}

interface Pair {
  readonly r: number;
  readonly n: number;
  readonly file: string;
}

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'correlated-features',
    description: 'A model uses two features whose observed values are almost perfectly correlated (data evidence).',
    category: 'dependencies',
    severity: 'warn',
    recommended: true,
    messages: {
      correlated:
        "model '{{node}}' uses '{{a}}' and '{{b}}', whose values correlate at {{r}} (|r| >= {{threshold}}, {{n}} rows in {{file}})",
    },
    fixes: {
      correlated:
        "Keep the one of '{{a}}' and '{{b}}' that is causal or cheaper to serve, drop the other from '{{node}}' and retrain; if both must stay, measure their importance together.",
    },
    optionsSchema: Type.Object(
      { threshold: Type.Number({ minimum: 0, maximum: 1 }), minRows: Type.Integer({ minimum: 0 }) },
      { additionalProperties: false },
    ),
    defaultOptions: { threshold: 0.95, minRows: 30 },
  },
  create(context) {
    const pairs = new Map<string, Pair>();
    for (const evidence of context.evidence.data) {
      for (const correlation of evidence.correlations) {
        if (correlation.pearson === null || correlation.n < context.options.minRows || correlation.a === correlation.b) continue;
        const name = pairKey(correlation.a, correlation.b);
        const known = pairs.get(name);
        if (known === undefined || Math.abs(correlation.pearson) > Math.abs(known.r)) {
          pairs.set(name, { r: correlation.pearson, n: correlation.n, file: evidence.location.file });
        }
      }
    }
    return {
      model(model) {
        if (pairs.size === 0) return;
        const inputs: string[] = [];
        for (const raw of model.doc.inputs ?? []) {
          const id = parseRef(raw).id;
          if (!inputs.includes(id)) inputs.push(id);
        }
        const positions = new Map((model.doc.inputs ?? []).map((raw, index) => [parseRef(raw).id, index] as const).reverse());
        inputs.forEach((b, j) => {
          for (const a of inputs.slice(0, j)) {
            const pair = pairs.get(pairKey(a, b));
            if (pair === undefined || Math.abs(pair.r) < context.options.threshold) continue;
            context.report({
              node: model.id,
              messageId: 'correlated',
              path: ['inputs', positions.get(b)!],
              data: { node: model.id, a, b, r: Math.round(pair.r * 1000) / 1000, threshold: context.options.threshold, n: pair.n, file: pair.file },
              related: [a, b],
            });
          }
        });
      },
    };
  },
};

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
