import { Type } from '@sinclair/typebox';
import { parseRef } from '../manifest/system.js';
import type { Rule } from './rule.js';
import { StageSchema, type Stage } from './support/stage-option.js';

export type MessageIds = 'noTrainingData' | 'unpinned';
export interface Options {
  /** Model stages whose training data must be reproducible. */
  readonly stages: readonly Stage[];
}

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'unpinned-training-data',
    description: 'A production model does not name training data that is versioned or pinned to a version.',
    category: 'configuration',
    severity: 'warn',
    recommended: true,
    messages: {
      noTrainingData: "{{stage}} model '{{node}}' does not declare `training.data`, so nobody can say what it was trained on",
      unpinned: "{{stage}} model '{{node}}' trains on '{{source}}', which is neither a versioned source nor pinned to a version; retraining may silently use different data",
    },
    fixes: {
      noTrainingData: "List the sources '{{node}}' trains on under `training.data`, pinned as `source@version` or pointing at `versioned: true` sources.",
      unpinned: "Pin the reference as `{{source}}@<version>`, or mark '{{source}}' `versioned: true` if it is read as immutable snapshots.",
    },
    optionsSchema: Type.Object({ stages: Type.Array(StageSchema) }, { additionalProperties: false }),
    defaultOptions: { stages: ['production'] },
  },
  create(context) {
    const stages = new Set<string>(context.options.stages);
    return {
      model(model) {
        const stage = model.doc.stage;
        if (stage === undefined || !stages.has(stage)) return;
        const data = model.doc.training?.data;
        if (data === undefined || data.length === 0) {
          const where = model.doc.training === undefined ? {} : { path: ['training'] };
          context.report({ node: model.id, messageId: 'noTrainingData', ...where, data: { node: model.id, stage } });
          return;
        }
        data.forEach((raw, index) => {
          const ref = parseRef(raw);
          if (ref.version !== undefined) return;
          const target = context.system.objects.get(ref.id);
          if (target === undefined) return;
          if (target.kind === 'source' && target.doc.versioned === true) return;
          context.report({
            node: model.id,
            messageId: 'unpinned',
            path: ['training', 'data', index],
            data: { node: model.id, stage, source: ref.id },
            related: [ref.id],
          });
        });
      },
    };
  },
};
