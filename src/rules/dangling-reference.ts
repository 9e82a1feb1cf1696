import { unresolvedReferences } from '../graph/build-graph.js';
import { listReferences, type DeclaredReference } from '../manifest/references.js';
import type { ManifestKind } from '../manifest/schema.js';
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
    const { system } = context;
    let ids: string[] | undefined;
    const report = (object: SystemObject, dangling: readonly DeclaredReference[]): void => {
      for (const reference of dangling) {
        ids ??= [...system.objects.keys()];
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
    const recorded = unresolvedReferences(context.graph, system);
    if (recorded !== undefined) {
      return {
        end() {
          for (const kind of CHECKED_KINDS) {
            for (const [object, dangling] of recorded) if (object.kind === kind) report(object, dangling);
          }
        },
      };
    }
    const visit = (object: SystemObject): void => report(object, listReferences(object).filter((reference) => !system.objects.has(reference.target)));
    return { source: visit, feature: visit, model: visit, output: visit, consumer: visit, pipeline: visit, experiment: visit };
  },
};

/** The kinds whose references this rule checks, in the order rules visit them (configs have rules of their own). */
const CHECKED_KINDS: readonly ManifestKind[] = ['source', 'feature', 'model', 'output', 'consumer', 'pipeline', 'experiment'];
