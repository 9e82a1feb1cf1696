import { Type } from '@sinclair/typebox';
import type { Rule } from './rule.js';

export type MessageIds = 'plainFeature' | 'plainOutput';
type ValueType = 'numeric' | 'categorical' | 'string' | 'boolean' | 'embedding';
export interface Options {
  /** Feature value types that must say what they mean. */
  readonly valueTypes: readonly ValueType[];
}

const ValueTypeSchema = Type.Union([
  Type.Literal('numeric'),
  Type.Literal('categorical'),
  Type.Literal('string'),
  Type.Literal('boolean'),
  Type.Literal('embedding'),
]);

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'plain-old-data-type',
    description: 'A numeric feature or a model output is a bare number with no semantic type or unit.',
    category: 'smells',
    severity: 'info',
    recommended: false,
    messages: {
      plainFeature: "feature '{{node}}' is a bare {{valueType}} value with neither `semanticType` nor `unit`",
      plainOutput: "output '{{node}}' of model '{{model}}' is a bare value with neither `semanticType` nor `unit`",
    },
    fixes: {
      plainFeature: "Say what '{{node}}' means: add `semanticType:` (e.g. probability, count, log-odds) and/or `unit:`.",
      plainOutput: "Say what '{{node}}' means: add `semanticType:` (e.g. calibrated-probability, score, rank) and/or `unit:`.",
    },
    optionsSchema: Type.Object({ valueTypes: Type.Array(ValueTypeSchema) }, { additionalProperties: false }),
    defaultOptions: { valueTypes: ['numeric'] },
  },
  create(context) {
    const valueTypes = new Set<string>(context.options.valueTypes);
    return {
      feature(feature) {
        const { valueType, semanticType, unit } = feature.doc;
        if (valueType === undefined || !valueTypes.has(valueType)) return;
        if (semanticType !== undefined || unit !== undefined) return;
        context.report({ node: feature.id, messageId: 'plainFeature', path: ['valueType'], data: { node: feature.id, valueType } });
      },
      output(output) {
        if (output.doc.semanticType !== undefined || output.doc.unit !== undefined) return;
        context.report({ node: output.id, messageId: 'plainOutput', data: { node: output.id, model: output.doc.model } });
      },
    };
  },
};
