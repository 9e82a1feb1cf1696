import type { ResolvedConfig, ResolvedSetting } from '../config/resolve-config.js';
import { NoOptions, type Rule } from './rule.js';
import { UpstreamClosure } from './support/config-closure.js';
import { inheritedNote, pointAt, resolvedConfig } from './support/config-support.js';

export type MessageIds = 'tooFewFeatures' | 'tooManyFeatures' | 'excludedDependency' | 'missingDependency' | 'tooManySources';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'config-assertion',
    description: 'An `assert` of a config fails on the config it resolves to.',
    category: 'configuration',
    severity: 'error',
    recommended: true,
    messages: {
      tooFewFeatures: "config '{{node}}' chooses {{count}} feature(s), but asserts at least {{limit}}{{where}}",
      tooManyFeatures: "config '{{node}}' chooses {{count}} feature(s), but asserts at most {{limit}}{{where}}",
      excludedDependency: "config '{{node}}' depends on '{{target}}' through '{{through}}', but asserts it must not{{where}}",
      missingDependency: "config '{{node}}' does not depend on '{{target}}', but asserts it must{{where}}",
      tooManySources: "config '{{node}}' depends on {{count}} sources upstream, but asserts at most {{limit}}{{where}}",
    },
    fixes: {
      tooFewFeatures: "Choose at least {{limit}} features in '{{node}}', or relax `assert.features.min`.",
      tooManyFeatures: "Drop features from '{{node}}' down to {{limit}}, or relax `assert.features.max`.",
      excludedDependency: "Drop '{{through}}' from '{{node}}' (or whatever brings in '{{target}}'), or remove '{{target}}' from `assert.dependsOn.exclude`.",
      missingDependency: "Choose a feature or training data built on '{{target}}' in '{{node}}', or remove it from `assert.dependsOn.include`.",
      tooManySources: "Drop features of '{{node}}' that pull in extra sources, or raise `assert.sources.max`.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    const { system, graph } = context;
    let closure: UpstreamClosure | undefined;
    const closureOf = (): UpstreamClosure => {
      if (closure !== undefined) return closure;
      const tracked = new Set<number>();
      let countSources = false;
      for (const config of system.configs) {
        const settings = resolvedConfig(system, config)?.settings;
        if (settings === undefined) continue;
        if (settings.has('assert.sources.max')) countSources = true;
        for (const key of ['assert.dependsOn.include', 'assert.dependsOn.exclude']) {
          for (const id of idsOf(settings.get(key))) {
            const node = graph.node(id);
            if (node !== undefined) tracked.add(node.index);
          }
        }
      }
      if (countSources) for (const node of graph.nodes) if (node.kind === 'source') tracked.add(node.index);
      closure = new UpstreamClosure(graph, tracked);
      return closure;
    };
    return {
      config(config) {
        const resolved = resolvedConfig(system, config);
        if (resolved === undefined) return;
        const get = (key: string): ResolvedSetting | undefined => resolved.settings.get(key);
        const report = (messageId: MessageIds, setting: ResolvedSetting, data: Record<string, string | number>, related: string[] = []): void => {
          context.report({ node: config.id, messageId, ...pointAt(config, setting.setBy), related: [messageId, ...related], data: { node: config.id, where: inheritedNote(config, setting.setBy), ...data } });
        };
        const count = resolved.features.length;
        const min = get('assert.features.min');
        if (min !== undefined && typeof min.value === 'number' && count < min.value) report('tooFewFeatures', min, { count, limit: min.value });
        const max = get('assert.features.max');
        if (max !== undefined && typeof max.value === 'number' && count > max.value) report('tooManyFeatures', max, { count, limit: max.value });
        const include = get('assert.dependsOn.include');
        const exclude = get('assert.dependsOn.exclude');
        const sources = get('assert.sources.max');
        if (include === undefined && exclude === undefined && sources === undefined) return;
        const chosen = chosenNodes(resolved, graph.node.bind(graph), closureOf());
        for (const target of idsOf(exclude)) {
          const through = dependsThrough(closureOf(), chosen, graph.node(target)?.index);
          if (through !== undefined) report('excludedDependency', exclude!, { target, through }, [target]);
        }
        for (const target of idsOf(include)) {
          if (dependsThrough(closureOf(), chosen, graph.node(target)?.index) === undefined) report('missingDependency', include!, { target }, [target]);
        }
        if (sources !== undefined && typeof sources.value === 'number') {
          const upstream = closureOf().members(closureOf().union(chosen.map(([, bits]) => bits)));
          const found = upstream.filter((index) => graph.nodes[index].kind === 'source').length;
          if (found > sources.value) report('tooManySources', sources, { count: found, limit: sources.value });
        }
      },
    };
  },
};

function idsOf(setting: ResolvedSetting | undefined): string[] {
  const value = setting?.value;
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

function chosenNodes(resolved: ResolvedConfig, lookup: (id: string) => { index: number } | undefined, closure: UpstreamClosure): Array<[string, Uint32Array]> {
  const chosen: Array<[string, Uint32Array]> = [];
  for (const item of [...resolved.features, ...resolved.trainingData]) {
    const node = lookup(item.id);
    if (node !== undefined) chosen.push([item.id, closure.of(node.index)]);
  }
  return chosen;
}

function dependsThrough(closure: UpstreamClosure, chosen: ReadonlyArray<[string, Uint32Array]>, target: number | undefined): string | undefined {
  if (target === undefined) return undefined;
  return chosen.find(([, upstream]) => closure.has(upstream, target))?.[0];
}
