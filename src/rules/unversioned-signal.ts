import type { DependencyGraph } from '../graph/graph.js';
import { parseRef, type Feature, type Model } from '../manifest/system.js';
import { NoOptions, type Rule } from './rule.js';

export type MessageIds = 'unpinnedSource' | 'unpinnedFeature' | 'unpinnedOutput';
export type Options = Record<string, never>;

/** Why a signal is unstable: the message to use and the reason it gives. */
interface Instability {
  readonly messageId: MessageIds;
  readonly reason: string;
}

const MUTABLE_SOURCE: Instability = { messageId: 'unpinnedSource', reason: 'it is mutable and not versioned, so its content can change in place' };
const PIN_REQUIRED: Instability = { messageId: 'unpinnedFeature', reason: 'it requires consumers to pin a version' };
const MUTABLE_FEATURE: Instability = { messageId: 'unpinnedFeature', reason: 'it is mutable, so its values can change in place' };
const MODEL_DERIVED: Instability = {
  messageId: 'unpinnedFeature',
  reason: 'it is computed directly from a model output and changes whenever that model is retrained',
};
const MODEL_OUTPUT: Instability = { messageId: 'unpinnedOutput', reason: '' };

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
    const known: (Instability | null | undefined)[] = new Array<Instability | null | undefined>(graph.nodes.length);
    const instabilityOf = (index: number): Instability | null => {
      let instability = known[index];
      if (instability === undefined) {
        instability = classify(graph, index);
        known[index] = instability;
      }
      return instability;
    };
    const { offsets, edge, other } = graph.upstream();
    const visit = (object: Feature | Model, index: number): void => {
      let searchFrom = 0;
      for (let at = offsets[index]; at < offsets[index + 1]; at++) {
        if (graph.edgeKind(edge[at]) !== 'input' || graph.edgeVersion(edge[at]) !== undefined) continue;
        const instability = instabilityOf(other[at]);
        if (instability === null) continue;
        const target = graph.nodes[other[at]].id;
        const position = unpinnedPosition(object, target, searchFrom);
        searchFrom = position + 1;
        const { messageId, reason } = instability;
        context.report({
          node: object.id,
          messageId,
          ...(position === -1 ? {} : { path: ['inputs', position] }),
          data: { kind: object.kind, node: object.id, target, reason },
          related: [target],
        });
      }
    };
    return {
      end() {
        for (const node of graph.nodes) {
          if (node.object?.kind === 'feature' || node.object?.kind === 'model') visit(node.object, node.index);
        }
      },
    };
  },
};

/** Why the signal at `index` is unstable, or null when it is stable. */
function classify(graph: DependencyGraph, index: number): Instability | null {
  const object = graph.nodes[index].object;
  switch (object?.kind) {
    case 'source': {
      const producer = object.doc.producer?.model;
      if (producer !== undefined) {
        return { messageId: 'unpinnedSource', reason: `it is produced by model '${producer}' and changes whenever that model is retrained` };
      }
      return object.doc.mutable === true && object.doc.versioned !== true ? MUTABLE_SOURCE : null;
    }
    case 'feature':
      if (object.doc.requirePin === true) return PIN_REQUIRED;
      if (object.doc.mutable === true) return MUTABLE_FEATURE;
      return readsOutput(graph, index) ? MODEL_DERIVED : null;
    case 'output':
      return MODEL_OUTPUT;
    default:
      return null;
  }
}

/** True when the node at `index` has an input that is a model output. */
function readsOutput(graph: DependencyGraph, index: number): boolean {
  const { offsets, edge, other } = graph.upstream();
  for (let at = offsets[index]; at < offsets[index + 1]; at++) {
    if (graph.edgeKind(edge[at]) === 'input' && graph.nodes[other[at]].kind === 'output') return true;
  }
  return false;
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
