import { suggestionSuffix } from '../manifest/did-you-mean.js';
import { NoOptions, type Rule } from './rule.js';
import { inheritedNote, pointAt, resolvedConfig } from './support/config-support.js';

export type MessageIds = 'undeclaredFeature' | 'undeclaredData';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'config-undeclared-feature',
    description: 'A config chooses a feature or training data set that is not declared.',
    category: 'configuration',
    severity: 'error',
    recommended: true,
    messages: {
      undeclaredFeature: "config '{{node}}' chooses feature '{{feature}}'{{where}}, which is not a declared feature, output or source{{actual}}{{suggestion}}",
      undeclaredData: "config '{{node}}' trains on '{{feature}}'{{where}}, which is not a declared source{{actual}}{{suggestion}}",
    },
    fixes: {
      undeclaredFeature: "Correct '{{feature}}' to a declared feature, or declare it with `kind: feature`.",
      undeclaredData: "Correct '{{feature}}' to a declared source, or declare it with `kind: source`.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    const { system } = context;
    let featureIds: string[] | undefined;
    let sourceIds: string[] | undefined;
    const actual = (id: string): string => {
      const object = system.objects.get(id);
      return object === undefined ? '' : ` (it is a ${object.kind})`;
    };
    return {
      config(config) {
        const resolved = resolvedConfig(system, config);
        if (resolved === undefined) return;
        for (const item of resolved.features) {
          const kind = system.objects.get(item.id)?.kind;
          if (kind === 'feature' || kind === 'output' || kind === 'source') continue;
          featureIds ??= [...system.features, ...system.outputs, ...system.sources].map((object) => object.id);
          context.report({
            node: config.id,
            messageId: 'undeclaredFeature',
            ...pointAt(config, item.addedBy),
            related: [item.id],
            data: { node: config.id, feature: item.id, where: inheritedNote(config, item.addedBy), actual: actual(item.id), suggestion: kind === undefined ? suggestionSuffix(item.id, featureIds) : '' },
          });
        }
        for (const item of resolved.trainingData) {
          const kind = system.objects.get(item.id)?.kind;
          if (kind === 'source') continue;
          sourceIds ??= system.sources.map((object) => object.id);
          context.report({
            node: config.id,
            messageId: 'undeclaredData',
            ...pointAt(config, item.addedBy),
            related: [item.id],
            data: { node: config.id, feature: item.id, where: inheritedNote(config, item.addedBy), actual: actual(item.id), suggestion: kind === undefined ? suggestionSuffix(item.id, sourceIds) : '' },
          });
        }
      },
    };
  },
};
