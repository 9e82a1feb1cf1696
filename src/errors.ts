/** Where something is in a file: 1-based line and column. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** Stable codes of the errors paydown raises; scripts may match on them. */
export type PaydownErrorCode =
  | 'PAYDOWN_USAGE'
  | 'PAYDOWN_SYSTEM_NOT_FOUND'
  | 'PAYDOWN_SYSTEM_EMPTY'
  | 'PAYDOWN_FILE_UNREADABLE'
  | 'PAYDOWN_YAML_SYNTAX'
  | 'PAYDOWN_MANIFEST_INVALID'
  | 'PAYDOWN_DUPLICATE_ID'
  | 'PAYDOWN_CONFIG_INVALID'
  | 'PAYDOWN_EVIDENCE_INVALID'
  | 'PAYDOWN_BASELINE_INVALID'
  | 'PAYDOWN_NODE_NOT_FOUND'
  | 'PAYDOWN_DATA_UNREADABLE'
  | 'PAYDOWN_DATA_SCHEMA_INVALID';

/** One problem inside a failing input, with its place in the file. */
export interface Problem {
  readonly message: string;
  readonly location?: SourceLocation;
}

/**
 * The one error type of paydown: a stable code, a message a person can act on, and the
 * problems (with file, line and column) that caused it. The CLI prints it and exits 2.
 *
 * @example
 * throw new PaydownError('PAYDOWN_SYSTEM_EMPTY', `no manifests in ${dir}`);
 */
export class PaydownError extends Error {
  readonly code: PaydownErrorCode;
  readonly problems: readonly Problem[];

  constructor(code: PaydownErrorCode, message: string, problems: readonly Problem[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaydownError';
    this.code = code;
    this.problems = problems;
  }
}

/** Renders a location as `file:line:column`, leaving out what is unknown. */
export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return text;
}
