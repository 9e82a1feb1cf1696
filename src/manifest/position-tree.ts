import yaml from 'js-yaml';
import type { PathSegment } from './locate-path.js';
import { SCHEMA } from './read-yaml.js';

/** One node of a YAML document as js-yaml composed it, with the offset where it starts. */
interface Frame {
  readonly offset: number;
  kind: string | null;
  result: unknown;
  readonly children: Frame[];
}

interface ListenerState {
  readonly position: number;
  readonly kind: string | null;
  readonly result: unknown;
}

/**
 * Parses one YAML document with js-yaml (several times faster than the `yaml` package) and
 * returns a function giving the offset of a field: the key for a mapping entry, the item for a
 * sequence entry, the deepest one found. Returns undefined when the document has shapes whose
 * nodes cannot be told apart from js-yaml's events alone (explicit or valueless keys, empty
 * sequence items, anchors and tags, a byte-order mark, a syntax error); use the `yaml`
 * package for those.
 *
 * @example
 * positionTree('kind: model\ninputs: [a, b]\n')?.(['inputs', 1]); // 20
 */
export function positionTree(text: string): ((path: readonly PathSegment[]) => number | undefined) | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  const stack: Frame[] = [{ offset: 0, kind: null, result: undefined, children: [] }];
  try {
    yaml.load(text, {
      schema: SCHEMA,
      listener(event: 'open' | 'close', state: ListenerState) {
        if (event === 'open') {
          stack.push({ offset: state.position, kind: null, result: undefined, children: [] });
          return;
        }
        const frame = stack.pop()!;
        frame.kind = state.kind;
        frame.result = state.result;
        // js-yaml composes some nodes twice over (an attempt at a block mapping key, then the node): keep one frame.
        const only = frame.children.length === 1 ? frame.children[0] : undefined;
        if (only !== undefined && only.kind === frame.kind && Object.is(only.result, frame.result)) {
          frame.children.splice(0, 1, ...only.children);
          frame.kind = only.kind;
        }
        stack[stack.length - 1].children.push(frame);
      },
    });
  } catch {
    return undefined;
  }
  const root = stack[0]?.children[0];
  if (stack.length !== 1 || root === undefined || !wellFormed(root, text)) return undefined;
  if (root.kind === null) return () => undefined;
  return (path) => offsetOf(root, path);
}

function wellFormed(frame: Frame, text: string): boolean {
  const first = text[frame.offset];
  if (first === '&' || first === '!') return false;
  if (frame.kind === 'mapping') {
    if (frame.children.length % 2 !== 0 || !pairsMatch(frame)) return false;
  } else if (frame.kind === 'sequence') {
    if (!Array.isArray(frame.result) || frame.children.length !== frame.result.length) return false;
  }
  return frame.children.every((child) => wellFormed(child, text));
}

function pairsMatch(frame: Frame): boolean {
  const result = frame.result as Record<string, unknown>;
  for (let index = 0; index < frame.children.length; index += 2) {
    const key = frame.children[index];
    if (key.kind !== 'scalar') return false;
    const name = String(key.result);
    if (name !== '<<' && !Object.is(result[name], frame.children[index + 1].result)) return false;
  }
  return true;
}

function offsetOf(root: Frame, path: readonly PathSegment[]): number {
  let node = root;
  let offset = root.offset;
  for (const segment of path) {
    if (node.kind === 'mapping') {
      const key = findKey(node.children, String(segment));
      if (key === undefined) break;
      offset = node.children[key].offset;
      node = node.children[key + 1]!;
    } else if (node.kind === 'sequence' && typeof segment === 'number') {
      const item = node.children[segment];
      if (item === undefined) break;
      offset = item.offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function findKey(children: readonly Frame[], name: string): number | undefined {
  for (let index = 0; index < children.length; index += 2) {
    const key = children[index];
    if (key.kind === 'scalar' && String(key.result) === name) return index;
  }
  return undefined;
}
