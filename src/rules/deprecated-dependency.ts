import type { PathSegment } from '../manifest/locate-path.js';
import { parseRef, type Feature, type Model } from '../manifest/system.js';
import { NoOptions, type Rule } from './rule.js';

export type MessageIds = 'deprecated' | 'pastRemoval';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'deprecated-dependency',
    description: 'A feature or model depends, directly or through other nodes, on a deprecated feature.',
    category: 'dependencies',
    severity: 'warn',
    recommended: true,
    messages: {
      deprecated: "{{kind}} '{{node}}' depends on deprecated feature '{{deprecated}}'{{through}}{{removal}}; {{replacement}}",
      pastRemoval: "{{kind}} '{{node}}' still depends on deprecated feature '{{deprecated}}'{{through}}, whose removal date {{removal}} has passed; {{replacement}}",
    },
    fixes: {
      deprecated: "Move '{{node}}' off '{{deprecated}}'{{onto}} before it is removed, then retrain and compare.",
      pastRemoval: "Move '{{node}}' off '{{deprecated}}'{{onto}} now, or agree a later `removal` date with the owner of '{{deprecated}}'.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    const { graph, today } = context;
    const deprecatedFeatures = context.system.features
      .filter((feature) => feature.doc.lifecycle?.stage === 'deprecated' && graph.node(feature.id) !== undefined)
      .sort(byUrgency(today));
    const label = new Int32Array(graph.nodes.length).fill(-1);
    const via = new Int32Array(graph.nodes.length).fill(-1);
    const { offsets, other, data } = graph.downstream();
    deprecatedFeatures.forEach((feature, rank) => {
      const start = graph.node(feature.id)!.index;
      const queue = [start];
      for (let head = 0; head < queue.length; head++) {
        const current = queue[head];
        for (let at = offsets[current]; at < offsets[current + 1]; at++) {
          if (data[at] === 0) continue;
          const next = other[at];
          if (next === start || label[next] !== -1) continue;
          label[next] = rank;
          via[next] = current;
          queue.push(next);
        }
      }
    });

    const visit = (object: Feature | Model, index: number): void => {
      if (object.kind === 'feature' && object.doc.lifecycle?.stage === 'deprecated') return;
      const rank = label[index];
      if (rank === -1) return;
      const deprecated = deprecatedFeatures[rank];
      const direct = graph.nodes[via[index]].id;
      const lifecycle = deprecated.doc.lifecycle!;
      const passed = lifecycle.removal !== undefined && lifecycle.removal < today;
      const replacement = lifecycle.replacement;
      const path = inputPath(object, direct);
      context.report({
        node: object.id,
        messageId: passed ? 'pastRemoval' : 'deprecated',
        ...(path === undefined ? {} : { path }),
        ...(passed ? { severity: 'error' as const } : {}),
        data: {
          kind: object.kind,
          node: object.id,
          deprecated: deprecated.id,
          through: direct === deprecated.id ? '' : ` (through '${direct}')`,
          removal: passed ? lifecycle.removal! : lifecycle.removal === undefined ? '' : `, which is due for removal on ${lifecycle.removal}`,
          replacement: replacement === undefined ? 'it names no replacement' : `its replacement is '${replacement}'`,
          onto: replacement === undefined ? '' : ` onto '${replacement}'`,
        },
        related: direct === deprecated.id ? [deprecated.id] : [deprecated.id, direct],
      });
    };
    return {
      end() {
        if (deprecatedFeatures.length === 0) return;
        for (const node of graph.nodes) {
          if (node.object?.kind === 'feature' || node.object?.kind === 'model') visit(node.object, node.index);
        }
      },
    };
  },
};

/** Deprecated features whose removal has passed come first, then by removal date, then by id. */
function byUrgency(today: string): (a: Feature, b: Feature) => number {
  const key = (feature: Feature): string => {
    const removal = feature.doc.lifecycle?.removal;
    if (removal === undefined) return '2~';
    return `${removal < today ? '0' : '1'}${removal}`;
  };
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

function inputPath(object: Feature | Model, id: string): PathSegment[] | undefined {
  const inputs = object.doc.inputs ?? [];
  const position = inputs.findIndex((raw) => parseRef(raw).id === id);
  if (position !== -1) return ['inputs', position];
  if (object.kind !== 'model') return undefined;
  const data = object.doc.training?.data ?? [];
  const dataPosition = data.findIndex((raw) => parseRef(raw).id === id);
  return dataPosition === -1 ? undefined : ['training', 'data', dataPosition];
}
