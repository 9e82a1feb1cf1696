import { listReferences } from '../manifest/references.js';
import type { SystemObject } from '../manifest/system.js';
import { suggestionSuffix } from '../manifest/did-you-mean.js';
import { NoOptions, type Rule } from './rule.js';

export type MessageIds = 'dangling';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'dangling-reference',
    description: 'A reference names nothing declared in the system.',
    category: 'dependencies',
    severity: 'error',
    recommended: true,
    messages: {
      dangling: "{{kind}} '{{node}}' refers to '{{target}}' in {{field}}, which is not declared{{suggestion}}",
    },
    fixes: {
      dangling: "Declare '{{target}}' (as a {{allowed}}) or correct the reference.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    const ids = [...context.system.objects.keys()];
    const visit = (object: SystemObject): void => {
      for (const reference of listReferences(object)) {
        if (context.system.objects.has(reference.target)) continue;
        context.report({
          node: object.id,
          messageId: 'dangling',
          path: reference.path,
          data: {
            kind: object.kind,
            node: object.id,
            target: reference.target,
            field: reference.path.filter((segment) => typeof segment === 'string').join('.'),
            allowed: reference.allowed.join(' or '),
            suggestion: suggestionSuffix(reference.target, ids),
          },
        });
      }
    };
    return { source: visit, feature: visit, model: visit, output: visit, consumer: visit, pipeline: visit, experiment: visit };
  },
};
