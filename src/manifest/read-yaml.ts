import yaml from 'js-yaml';
import { PaydownError } from '../errors.js';

/** A 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One YAML document of a file, with the position where its content starts. */
export interface YamlDocument {
  readonly value: unknown;
  readonly index: number;
  readonly position: Position;
}

/** The core schema (dates stay strings) plus merge keys (`<<: *defaults`). */
export const SCHEMA = yaml.CORE_SCHEMA.extend({
  implicit: [new yaml.Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (data: unknown) => data === '<<' || data === null })],
});

interface ListenerState {
  readonly line: number;
  readonly position: number;
  readonly lineStart: number;
}

/**
 * Parses every document of a YAML file with the core schema (dates stay strings) plus merge
 * keys, and records where the content of each document starts. Syntax errors become
 * PAYDOWN_YAML_SYNTAX with the file, line and column.
 *
 * @example
 * const [doc] = readYamlDocuments('kind: source\nid: clicks\n', 'sources.yaml');
 */
export function readYamlDocuments(text: string, file: string): YamlDocument[] {
  const starts: Position[] = [];
  let depth = 0;
  let values: unknown[];
  try {
    values = yaml.loadAll(text, undefined, {
      filename: file,
      schema: SCHEMA,
      listener(this: ListenerState, event: 'open' | 'close', state: ListenerState) {
        if (event === 'close') {
          depth--;
          return;
        }
        if (depth === 0) starts.push({ line: state.line + 1, column: state.position - state.lineStart + 1 });
        depth++;
      },
    });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const mark = error.mark as { line: number; column: number } | undefined;
      throw new PaydownError('PAYDOWN_YAML_SYNTAX', `YAML syntax error: ${error.reason}`, [
        {
          message: `YAML syntax error: ${error.reason}`,
          location: mark ? { file, line: mark.line + 1, column: mark.column + 1 } : { file },
        },
      ]);
    }
    throw error;
  }
  return values.map((value, index) => ({ value, index, position: starts[index] ?? { line: 1, column: 1 } }));
}
