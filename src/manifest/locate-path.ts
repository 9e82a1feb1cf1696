import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, type Node } from 'yaml';
import type { Position } from './read-yaml.js';

export type PathSegment = string | number;

/**
 * Finds the line and column of a field inside one document of a YAML text: the key for a
 * mapping entry, the item for a sequence entry. Used only to point errors and findings at the
 * exact place, so the slower, position-exact parser runs only when there is something to show.
 *
 * @example
 * locatePath('kind: model\nid: ctr\ninputs: [a, b]\n', 0, ['inputs', 1]); // { line: 3, column: 13 }
 */
export function locatePath(text: string, documentIndex: number, path: readonly PathSegment[]): Position | undefined {
  return parseForLocating(text)(documentIndex, path);
}

/**
 * Parses a YAML text once and returns a function that locates fields in it; use it when many
 * fields of one file are to be located.
 */
export function parseForLocating(text: string): (documentIndex: number, path: readonly PathSegment[]) => Position | undefined {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter });
  const documents = Array.isArray(parsed) ? parsed : [];
  return (documentIndex, path) => findIn(documents[documentIndex]?.contents, path, lineCounter);
}

function findIn(contents: unknown, path: readonly PathSegment[], lineCounter: LineCounter): Position | undefined {
  if (contents === undefined || contents === null) return undefined;
  let node: unknown = contents;
  let offset: number | undefined = rangeStart(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
