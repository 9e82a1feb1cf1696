import type { Position } from '../manifest/read-yaml.js';

/**
 * The 1-based line and column of the first syntax error in a text `JSON.parse` rejected.
 * Node's own messages carry a position only for some errors, so the text is scanned again.
 *
 * @example
 * jsonErrorPosition('{\n  "a": }'); // { line: 2, column: 8 }
 */
export function jsonErrorPosition(text: string): Position {
  const offset = new JsonScanner(text).firstError();
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

class SyntaxStop extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_CHARACTER = /[^"\\]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

class JsonScanner {
  #at = 0;

  constructor(readonly text: string) {}

  firstError(): number {
    try {
      this.#value();
      this.#space();
      return this.#at;
    } catch (error) {
      if (error instanceof SyntaxStop) return error.offset;
      if (error instanceof RangeError) return 0;
      throw error;
    }
  }

  #space(): void {
    while (this.#at < this.text.length && ' \t\n\r'.includes(this.text[this.#at])) this.#at++;
  }

  #expect(character: string): void {
    if (this.text[this.#at] !== character) throw new SyntaxStop(this.#at);
    this.#at++;
  }

  #value(): void {
    this.#space();
    const character = this.text[this.#at];
    if (character === '{') return this.#object();
    if (character === '[') return this.#array();
    if (character === '"') return this.#string();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.#at)) {
        this.#at += word.length;
        return;
      }
    }
    NUMBER.lastIndex = this.#at;
    if (NUMBER.exec(this.text) === null) throw new SyntaxStop(this.#at);
    this.#at = NUMBER.lastIndex;
  }

  #object(): void {
    this.#at++;
    this.#space();
    if (this.text[this.#at] === '}') {
      this.#at++;
      return;
    }
    for (;;) {
      this.#space();
      this.#string();
      this.#space();
      this.#expect(':');
      this.#value();
      this.#space();
      if (this.text[this.#at] === '}') {
        this.#at++;
        return;
      }
      this.#expect(',');
    }
  }

  #array(): void {
    this.#at++;
    this.#space();
    if (this.text[this.#at] === ']') {
      this.#at++;
      return;
    }
    for (;;) {
      this.#value();
      this.#space();
      if (this.text[this.#at] === ']') {
        this.#at++;
        return;
      }
      this.#expect(',');
    }
  }

  #string(): void {
    this.#expect('"');
    for (;;) {
      if (this.text[this.#at] === '"') {
        this.#at++;
        return;
      }
      STRING_CHARACTER.lastIndex = this.#at;
      if (this.text.charCodeAt(this.#at) < 0x20 || STRING_CHARACTER.exec(this.text) === null) throw new SyntaxStop(this.#at);
      this.#at = STRING_CHARACTER.lastIndex;
    }
  }
}
