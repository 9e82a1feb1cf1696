import { parseForLocating, type PathSegment } from '../manifest/locate-path.js';
import type { Position } from '../manifest/read-yaml.js';
import type { SystemObject } from '../manifest/system.js';

/** Files larger than this are not re-parsed to locate fields; findings point at the document. */
const MAX_TEXT_TO_LOCATE = 2 * 1024 * 1024;

/**
 * Points findings at the exact field of a document. Each file is parsed at most once, and only
 * when a finding in it names a field.
 */
export class FieldLocator {
  readonly #texts: ReadonlyMap<string, string>;
  readonly #parsed = new Map<string, ReturnType<typeof parseForLocating> | undefined>();

  constructor(texts: ReadonlyMap<string, string>) {
    this.#texts = texts;
  }

  locate(object: SystemObject, path: readonly PathSegment[]): Position | undefined {
    const file = object.location.file;
    if (!this.#parsed.has(file)) {
      const text = this.#texts.get(file);
      this.#parsed.set(file, text !== undefined && text.length <= MAX_TEXT_TO_LOCATE ? parseForLocating(text) : undefined);
    }
    return this.#parsed.get(file)?.(object.documentIndex, path);
  }
}
