import { Type } from '@sinclair/typebox';
import type { SystemObject } from '../manifest/system.js';
import type { Rule } from './rule.js';

export type MessageIds = 'missing';
export interface Options {
  /** Annotations every object must carry. */
  readonly require: readonly ('owner' | 'description')[];
}

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'missing-annotation',
    description: 'A declared object lacks a required annotation such as an owner or a description.',
    category: 'annotations',
    severity: 'warn',
    recommended: true,
    messages: {
      missing: "{{kind}} '{{node}}' has no {{annotation}}",
    },
    fixes: {
      missing: "Add `{{annotation}}:` to '{{node}}' so people know {{why}}.",
    },
    optionsSchema: Type.Object(
      { require: Type.Array(Type.Union([Type.Literal('owner'), Type.Literal('description')])) },
      { additionalProperties: false },
    ),
    defaultOptions: { require: ['owner', 'description'] },
  },
  create(context) {
    const why = { owner: 'whom to ask before changing it', description: 'what it is for' };
    const visit = (object: SystemObject): void => {
      for (const annotation of context.options.require) {
        if (object.doc[annotation] !== undefined) continue;
        context.report({
          node: object.id,
          messageId: 'missing',
          data: { kind: object.kind, node: object.id, annotation, why: why[annotation] },
        });
      }
    };
    return { source: visit, feature: visit, model: visit, output: visit, consumer: visit, pipeline: visit, experiment: visit };
  },
};
