import { Type, type Static } from '@sinclair/typebox';
import type { Problem, SourceLocation } from '../errors.js';
import { locatePath } from '../manifest/locate-path.js';
import { createValidator } from '../manifest/validate-document.js';

/** The format tag of learned-threshold evidence. */
export const THRESHOLD_FORMAT = 'paydown.threshold/v1';

const Interval = Type.Object(
  {
    low: Type.Number(),
    high: Type.Number(),
    level: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
    method: Type.Optional(Type.String()),
    resamples: Type.Optional(Type.Integer({ minimum: 1 })),
    seed: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false, description: 'Bootstrap interval of the threshold: the choice repeated on resamples of the validation data.' },
);

const Metrics = Type.Object(
  {
    precision: Type.Number({ minimum: 0, maximum: 1 }),
    recall: Type.Number({ minimum: 0, maximum: 1 }),
    falsePositiveRate: Type.Number({ minimum: 0, maximum: 1 }),
    fBeta: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    beta: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  },
  { additionalProperties: false, description: 'Metrics on the validation data at the threshold.' },
);

/** The documented JSON format of learned-threshold evidence (written by `paydown threshold --evidence`). */
export const ThresholdSchema = Type.Object(
  {
    format: Type.Literal(THRESHOLD_FORMAT),
    model: Type.String({ minLength: 1 }),
    modelVersion: Type.String({ minLength: 1, description: 'The model version whose scores the threshold was learned on.' }),
    objective: Type.String({ minLength: 1, description: 'e.g. max-f1, max-recall@precision>=0.9, min-cost@fp=1,fn=5' }),
    threshold: Type.Number({ description: 'Predict positive at score >= threshold.' }),
    interval: Type.Optional(Interval),
    learnedOn: Type.String({ minLength: 1, description: 'The validation data (path) it was learned on.' }),
    rows: Type.Optional(Type.Integer({ minimum: 1 })),
    metrics: Type.Optional(Metrics),
    createdAt: Type.String({ minLength: 1 }),
    slices: Type.Optional(
      Type.Array(
        Type.Object(
          {
            slice: Type.Record(Type.String(), Type.String(), { description: 'Slice column → value.' }),
            threshold: Type.Number(),
            interval: Type.Optional(Interval),
            rows: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

export type ThresholdDoc = Static<typeof ThresholdSchema>;

/** Learned-threshold evidence for one model version, with where it came from. */
export interface ThresholdEvidence extends ThresholdDoc {
  readonly location: SourceLocation;
}

const validateThreshold = createValidator(ThresholdSchema);

/**
 * True when a parsed JSON value declares itself learned-threshold evidence.
 *
 * @example
 * isThresholdEvidence({ format: 'paydown.threshold/v1' }); // true
 */
export function isThresholdEvidence(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === THRESHOLD_FORMAT;
}

/**
 * Parses one learned-threshold evidence file; problems point at the field when the text is given.
 *
 * @example
 * parseThreshold({ format: 'paydown.threshold/v1', model: 'spam', modelVersion: '3', objective: 'max-f1',
 *   threshold: 0.62, learnedOn: 'validation.csv', createdAt: '2026-11-20T10:00:00Z' }, 'spam.threshold.json', []);
 */
export function parseThreshold(value: unknown, file: string, problems: Problem[], text?: string): ThresholdEvidence | undefined {
  const violations = validateThreshold(value);
  if (violations.length > 0) {
    for (const violation of violations) {
      const field = violation.path.length > 0 ? ` at ${violation.path.join('.')}` : '';
      const where = text === undefined ? undefined : locatePath(text, 0, violation.path);
      problems.push({ message: `not threshold evidence: ${violation.message}${field}`, location: { file, ...where } });
    }
    return undefined;
  }
  return { ...(value as ThresholdDoc), location: { file } };
}
