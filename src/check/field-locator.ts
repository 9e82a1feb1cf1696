import { documentLocator, type PathSegment } from '../manifest/locate-path.js';
import type { Position } from '../manifest/read-yaml.js';
import type { SystemObject } from '../manifest/system.js';

/**
 * Points findings at the exact field of a document. Only documents holding a finding that
 * names a field are re-parsed, each at most once, so large files cost little.
 */
export class FieldLocator {
  readonly #texts: ReadonlyMap<string, string>;
  readonly #locators = new Map<string, ReturnType<typeof documentLocator> | undefined>();

  constructor(texts: ReadonlyMap<string, string>) {
    this.#texts = texts;
  }

  locate(object: SystemObject, path: readonly PathSegment[]): Position | undefined {
    const file = object.location.file;
    let locator = this.#locators.get(file);
    if (locator === undefined && !this.#locators.has(file)) {
      const text = this.#texts.get(file);
      locator = text === undefined ? undefined : documentLocator(text);
      this.#locators.set(file, locator);
    }
    const line = object.location.line;
    return line === undefined ? undefined : locator?.(line, path);
  }
}
