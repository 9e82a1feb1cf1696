import { documentLocator, type PathSegment } from '../manifest/locate-path.js';
import type { PositionMemo } from '../manifest/position-memo.js';
import type { Position } from '../manifest/read-yaml.js';
import type { SystemObject } from '../manifest/system.js';

/**
 * Points findings at the exact field of a document. Only documents holding a finding that
 * names a field are re-parsed, each at most once, so large files cost little. Given the
 * positions remembered from earlier runs (a system loaded with the cache), it parses only
 * for fields not seen before, and `remember()` keeps what it found for the next run.
 *
 * @example
 * const locator = new FieldLocator(system.texts, system.positions);
 * locator.locate(model, ['inputs', 2]); // { line: 14, column: 5 }
 * locator.remember();
 */
export class FieldLocator {
  readonly #texts: ReadonlyMap<string, string>;
  readonly #memo: PositionMemo | undefined;
  readonly #locators = new Map<string, ReturnType<typeof documentLocator> | undefined>();

  constructor(texts: ReadonlyMap<string, string>, memo?: PositionMemo) {
    this.#texts = texts;
    this.#memo = memo;
  }

  locate(object: SystemObject, path: readonly PathSegment[]): Position | undefined {
    const file = object.location.file;
    const line = object.location.line;
    if (line === undefined) return undefined;
    if (this.#memo === undefined) return this.#parsed(file)?.(line, path);
    const key = `${line}:${JSON.stringify(path)}`;
    const known = this.#memo.get(file, key);
    if (known !== undefined) return known ?? undefined;
    const found = this.#parsed(file)?.(line, path);
    this.#memo.set(file, key, found);
    return found;
  }

  /** Saves the positions found in this run for the next one (when there is a memo). */
  remember(): void {
    this.#memo?.write();
  }

  #parsed(file: string): ReturnType<typeof documentLocator> | undefined {
    let locator = this.#locators.get(file);
    if (locator === undefined && !this.#locators.has(file)) {
      const text = this.#texts.get(file);
      locator = text === undefined ? undefined : documentLocator(text);
      this.#locators.set(file, locator);
    }
    return locator;
  }
}
