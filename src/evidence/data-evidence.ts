import { Type, type Static } from '@sinclair/typebox';
import type { Problem, SourceLocation } from '../errors.js';
import { locatePath } from '../manifest/locate-path.js';
import { createValidator } from '../manifest/validate-document.js';

const Day = Type.Object(
  {
    day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'The calendar day (UTC) of the time column, YYYY-MM-DD.' }),
    rows: Type.Integer({ minimum: 0, description: 'Rows on that day.' }),
    nonNull: Type.Integer({ minimum: 0, description: 'Rows on that day where the column is not null.' }),
    share: Type.Number({ minimum: 0, maximum: 1, description: 'nonNull / rows.' }),
  },
  { additionalProperties: false },
);

/** The documented JSON format of data evidence (written by `paydown data-evidence`). */
export const DataEvidenceSchema = Type.Object(
  {
    format: Type.Literal('paydown.data-evidence/v1'),
    source: Type.String({ minLength: 1, description: 'The data read: a file or glob, as given.' }),
    createdAt: Type.Optional(Type.String()),
    time: Type.String({ minLength: 1, description: 'The time column the days come from.' }),
    rows: Type.Integer({ minimum: 0, description: 'Rows read (rows with a null time are not counted per day).' }),
    columns: Type.Array(Type.String({ minLength: 1 }), { description: 'The columns covered; column names are matched to feature ids.' }),
    availability: Type.Array(
      Type.Object({ column: Type.String({ minLength: 1 }), days: Type.Array(Day) }, { additionalProperties: false }),
      { description: 'Per column, rows and non-null share per day, ascending by day.' },
    ),
    correlations: Type.Array(
      Type.Object(
        {
          a: Type.String({ minLength: 1 }),
          b: Type.String({ minLength: 1 }),
          pearson: Type.Union([Type.Number({ minimum: -1, maximum: 1 }), Type.Null()], { description: 'DuckDB corr(a, b); null when undefined (a constant column).' }),
          n: Type.Integer({ minimum: 0, description: 'Rows where both are non-null.' }),
        },
        { additionalProperties: false },
      ),
      { description: 'Pearson correlation of every pair of numeric columns.' },
    ),
  },
  { additionalProperties: false },
);

export type DataEvidenceDoc = Static<typeof DataEvidenceSchema>;

/** Data evidence with where it came from. */
export interface DataEvidence extends DataEvidenceDoc {
  readonly location: SourceLocation;
}

export const DATA_EVIDENCE_FORMAT = 'paydown.data-evidence/v1';

const validateDataEvidence = createValidator(DataEvidenceSchema);

/** True when a parsed JSON value declares the data-evidence format (so it goes to {@link parseDataEvidence}). */
export function isDataEvidence(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === DATA_EVIDENCE_FORMAT;
}

/**
 * Parses one data evidence file. Given the file's text, problems point at the field.
 *
 * @example
 * parseDataEvidence(JSON.parse(text), 'data-evidence.json', problems, text);
 */
export function parseDataEvidence(value: unknown, file: string, problems: Problem[], text?: string): DataEvidence | undefined {
  const violations = validateDataEvidence(value);
  if (violations.length > 0) {
    for (const violation of violations) {
      const field = violation.path.length > 0 ? ` at ${violation.path.join('.')}` : '';
      const where = text === undefined ? undefined : locatePath(text, 0, violation.path);
      problems.push({ message: `not data evidence: ${violation.message}${field}`, location: { file, ...where } });
    }
    return undefined;
  }
  return { ...(value as DataEvidenceDoc), location: { file } };
}
