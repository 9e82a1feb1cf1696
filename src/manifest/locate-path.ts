import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { LineCounter, Node } from 'yaml';
import { positionTree } from './position-tree.js';
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
  const { LineCounter, parseAllDocuments } = yamlPackage();
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter });
  const documents = Array.isArray(parsed) ? parsed : [];
  return (documentIndex, path) => findIn(documents[documentIndex]?.contents, path, lineCounter);
}

/**
 * Returns a function that locates fields in the document whose content starts on a given line
 * (1-based), parsing only that document: from the start of that line up to the next document
 * marker (`---` or `...` at the start of a line, which YAML never allows inside content).
 * Each document is parsed once; positions are in the whole text. Use it for large
 * multi-document files, where parsing the whole file to point at one field is too slow.
 *
 * @example
 * const locate = documentLocator('kind: source\nid: a\n---\nkind: model\nid: b\ninputs: [a]\n');
 * locate(4, ['inputs', 0]); // { line: 6, column: 10 }
 */
export function documentLocator(text: string): (line: number, path: readonly PathSegment[]) => Position | undefined {
  const starts = lineStarts(text);
  const parsed = new Map<number, (path: readonly PathSegment[]) => Position | undefined>();
  return (line, path) => {
    const start = starts[line - 1];
    if (start === undefined) return undefined;
    let locate = parsed.get(line);
    if (locate === undefined) {
      locate = parseDocument(text.slice(start, nextDocumentMarker(text, start)), start, starts, line);
      parsed.set(line, locate);
    }
    return locate(path);
  };
}

function parseDocument(slice: string, start: number, starts: readonly number[], line: number): (path: readonly PathSegment[]) => Position | undefined {
  const fast = positionTree(slice);
  if (fast !== undefined) {
    return (path) => {
      const offset = fast(path);
      return offset === undefined ? undefined : positionAt(starts, start + offset);
    };
  }
  const { LineCounter, parseAllDocuments } = yamlPackage();
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(slice, { lineCounter });
  const contents = Array.isArray(documents) ? documents[0]?.contents : undefined;
  return (path) => {
    const found = findIn(contents, path, lineCounter);
    return found === undefined ? undefined : { line: found.line + line - 1, column: found.column };
  };
}

function positionAt(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let next = text.indexOf('\n'); next !== -1; next = text.indexOf('\n', next + 1)) starts.push(next + 1);
  return starts;
}

function nextDocumentMarker(text: string, start: number): number {
  const lineEnd = text.indexOf('\n', start);
  if (lineEnd === -1) return text.length;
  const marker = /^(?:---|\.\.\.)(?:[ \t\r]|$)/gm;
  marker.lastIndex = lineEnd + 1;
  const match = marker.exec(text);
  return match === null ? text.length : match.index;
}

function findIn(contents: unknown, path: readonly PathSegment[], lineCounter: LineCounter): Position | undefined {
  if (contents === undefined || contents === null) return undefined;
  const { isMap, isScalar, isSeq } = yamlPackage();
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

const requireFromHere = createRequire(import.meta.url);
let yamlModule: typeof Yaml | undefined;

/**
 * The position-exact `yaml` package, loaded on first use: most runs locate every field with
 * js-yaml (positionTree) and never need it, and loading it is a noticeable part of start-up.
 */
function yamlPackage(): typeof Yaml {
  yamlModule ??= requireFromHere('yaml') as typeof Yaml;
  return yamlModule;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
