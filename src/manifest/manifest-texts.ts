/**
 * The text of each manifest file, by file, decoded from its bytes only when first asked for.
 * A repeated `paydown check` reads every file (to know whether the parse cache still holds it)
 * but needs the text of only the few files a new finding must be placed in, so decoding all
 * of them (tens of megabytes on a large system) would be wasted. Iteration, like `get`, gives
 * the decoded texts: to a reader it is an ordinary read-only map of file to text.
 *
 * @example
 * const texts = new ManifestTexts([['a.yaml', await readFile('a.yaml')], ['b.yaml', 'kind: source\nid: b\n']]);
 * texts.get('a.yaml'); // the UTF-8 text of a.yaml, decoded now and kept
 */
export class ManifestTexts implements ReadonlyMap<string, string> {
  readonly #raw: Map<string, Uint8Array | string>;

  constructor(entries: Iterable<readonly [file: string, content: Uint8Array | string]>) {
    this.#raw = new Map(entries);
  }

  get size(): number {
    return this.#raw.size;
  }

  get(file: string): string | undefined {
    const content = this.#raw.get(file);
    if (content === undefined || typeof content === 'string') return content;
    const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
    this.#raw.set(file, text);
    return text;
  }

  has(file: string): boolean {
    return this.#raw.has(file);
  }

  keys(): MapIterator<string> {
    return this.#raw.keys();
  }

  values(): MapIterator<string> {
    return this.#decoded().values();
  }

  entries(): MapIterator<[string, string]> {
    return this.#decoded().entries();
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.#decoded().entries();
  }

  forEach(callback: (text: string, file: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [file, text] of this.#decoded()) callback.call(thisArg, text, file, this);
  }

  /** The map with every text decoded (in place, so each is decoded once). */
  #decoded(): ReadonlyMap<string, string> {
    for (const file of this.#raw.keys()) this.get(file);
    return this.#raw as ReadonlyMap<string, string>;
  }
}
