import yaml from 'js-yaml';
import { PaydownError } from '../errors.js';

/** A 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One YAML document of a file, with the positions of the mappings and sequences in it. */
export interface YamlDocument {
  readonly value: unknown;
  readonly index: number;
  readonly position: Position;
  readonly positions: WeakMap<object, Position>;
}

interface ListenerState {
  readonly line: number;
  readonly position: number;
  readonly lineStart: number;
  readonly result: unknown;
}

/**
 * Parses every document of a YAML file with the core schema (dates stay strings) and records
 * where each mapping and sequence starts. Syntax errors become PAYDOWN_YAML_SYNTAX with the
 * file, line and column.
 *
 * @example
 * const [doc] = readYamlDocuments('kind: source\nid: clicks\n', 'sources.yaml');
 */
export function readYamlDocuments(text: string, file: string): YamlDocument[] {
  const positions = new WeakMap<object, Position>();
  const starts: Position[] = [];
  const stack: Position[] = [];
  let values: unknown[];
  try {
    values = yaml.loadAll(text, undefined, {
      filename: file,
      schema: yaml.CORE_SCHEMA,
      listener(this: ListenerState, event: 'open' | 'close', state: ListenerState) {
        if (event === 'open') {
          const position = { line: state.line + 1, column: state.position - state.lineStart + 1 };
          if (stack.length === 0) starts.push(position);
          stack.push(position);
          return;
        }
        const position = stack.pop();
        if (position && state.result !== null && typeof state.result === 'object') positions.set(state.result, position);
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
  return values.map((value, index) => ({
    value,
    index,
    position: (value !== null && typeof value === 'object' ? positions.get(value) : undefined) ?? starts[index] ?? { line: 1, column: 1 },
    positions,
  }));
}
