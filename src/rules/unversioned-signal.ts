import type { DependencyGraph } from '../graph/graph.js';
import { parseRef, type Feature, type Model } from '../manifest/system.js';
import { NoOptions, type Rule } from './rule.js';

export type MessageIds = 'unpinnedSource' | 'unpinnedFeature' | 'unpinnedOutput';
export type Options = Record<string, never>;

/** Why a signal is unstable; `stable` when it is not. */
const enum Instability {
  unknown = -1,
  stable = 0,
  modelProducedSource = 1,
  mutableSource = 2,
  pinRequired = 3,
  mutableFeature = 4,
  modelDerivedFeature = 5,
  modelOutput = 6,
}

const REASONS: Readonly<Record<Instability, { messageId: MessageIds; reason: string }>> = {
  [Instability.unknown]: { messageId: 'unpinnedSource', reason: '' },
  [Instability.stable]: { messageId: 'unpinnedSource', reason: '' },
  [Instability.modelProducedSource]: { messageId: 'unpinnedSource', reason: 'it is produced by a model and changes whenever that model is retrained' },
  [Instability.mutableSource]: { messageId: 'unpinnedSource', reason: 'it is mutable and not versioned, so its content can change in place' },
  [Instability.pinRequired]: { messageId: 'unpinnedFeature', reason: 'it requires consumers to pin a version' },
  [Instability.mutableFeature]: { messageId: 'unpinnedFeature', reason: 'it is mutable, so its values can change in place' },
  [Instability.modelDerivedFeature]: { messageId: 'unpinnedFeature', reason: 'it is computed directly from a model output and changes whenever that model is retrained' },
  [Instability.modelOutput]: { messageId: 'unpinnedOutput', reason: '' },
};

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'unversioned-signal',
    description: 'An input reads an unstable signal (mutable, model-produced or pin-required) without pinning a version.',
    category: 'dependencies',
    severity: 'warn',
    recommended: true,
    messages: {
      unpinnedSource: "{{kind}} '{{node}}' reads source '{{target}}' without a version, but {{reason}}",
      unpinnedFeature: "{{kind}} '{{node}}' reads feature '{{target}}' without a version, but {{reason}}",
      unpinnedOutput: "{{kind}} '{{node}}' reads model output '{{target}}' without a version; it changes whenever its model is retrained",
    },
    fixes: {
      unpinnedSource: "Pin the input as '{{target}}@<version>', or make '{{target}}' immutable and `versioned: true`.",
      unpinnedFeature: "Pin the input as '{{target}}@<version>' so changes to '{{target}}' reach '{{node}}' only when you choose.",
      unpinnedOutput: "Pin the input as '{{target}}@<version>' and move to a new version deliberately, after checking its effect on '{{node}}'.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    const { graph } = context;
    const known = new Int8Array(graph.nodes.length).fill(Instability.unknown);
    const instabilityOf = (index: number): Instability => {
      if (known[index] === Instability.unknown) known[index] = classify(graph, index);
      return known[index] as Instability;
    };
    const visit = (object: Feature | Model): void => {
      const node = graph.node(object.id);
      if (node === undefined) return;
      let searchFrom = 0;
      for (const edge of graph.incoming(node.index)) {
        if (edge.kind !== 'input' || edge.version !== undefined) continue;
        const instability = instabilityOf(edge.from);
        if (instability === Instability.stable) continue;
        const target = graph.nodes[edge.from].id;
        const position = unpinnedPosition(object, target, searchFrom);
        searchFrom = position + 1;
        const { messageId, reason } = REASONS[instability];
        context.report({
          node: object.id,
          messageId,
          ...(position === -1 ? {} : { path: ['inputs', position] }),
          data: { kind: object.kind, node: object.id, target, reason },
          related: [target],
        });
      }
    };
    return { feature: visit, model: visit };
  },
};

function classify(graph: DependencyGraph, index: number): Instability {
  const object = graph.nodes[index].object;
  switch (object?.kind) {
    case 'source':
      if (object.doc.producer?.model !== undefined) return Instability.modelProducedSource;
      if (object.doc.mutable === true && object.doc.versioned !== true) return Instability.mutableSource;
      return Instability.stable;
    case 'feature':
      if (object.doc.requirePin === true) return Instability.pinRequired;
      if (object.doc.mutable === true) return Instability.mutableFeature;
      if (graph.incoming(index).some((edge) => edge.kind === 'input' && graph.nodes[edge.from].kind === 'output')) return Instability.modelDerivedFeature;
      return Instability.stable;
    case 'output':
      return Instability.modelOutput;
    default:
      return Instability.stable;
  }
}

/** The position in `inputs` of the first unpinned reference to `target` at or after `from`. */
function unpinnedPosition(object: Feature | Model, target: string, from: number): number {
  const inputs = object.doc.inputs ?? [];
  for (let position = from; position < inputs.length; position++) {
    const ref = parseRef(inputs[position]);
    if (ref.id === target && ref.version === undefined) return position;
  }
  return -1;
}
