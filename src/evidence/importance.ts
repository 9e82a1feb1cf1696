import { Type, type Static } from '@sinclair/typebox';
import type { Problem, SourceLocation } from '../errors.js';
import { locatePath } from '../manifest/locate-path.js';
import { createValidator } from '../manifest/validate-document.js';

const Drop = Type.Object(
  {
    mean: Type.Number({ description: 'Mean metric drop across folds when the feature is left out; positive means the feature helps.' }),
    std: Type.Optional(Type.Number({ minimum: 0 })),
    ciLow: Type.Optional(Type.Number()),
    ciHigh: Type.Optional(Type.Number()),
    pValue: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  { additionalProperties: false },
);

/** The documented JSON format of feature-importance evidence (written by `paydown lofo`). */
export const ImportanceSchema = Type.Object(
  {
    format: Type.Literal('paydown.importance/v1'),
    model: Type.String({ minLength: 1 }),
    modelVersion: Type.Optional(Type.String()),
    metric: Type.String({ minLength: 1 }),
    folds: Type.Optional(Type.Integer({ minimum: 1 })),
    createdAt: Type.Optional(Type.String()),
    seed: Type.Optional(Type.Integer({ description: 'Seed of the fold assignment; the same seed and data give the same folds.' })),
    learner: Type.Optional(Type.String({ minLength: 1, description: 'What trained the models, e.g. logistic, gbdt or the external command.' })),
    epsilon: Type.Optional(Type.Number({ minimum: 0, description: 'The epsilon the verdicts were given against.' })),
    complete: Type.Optional(Type.Boolean({ description: 'False when some folds or feature sets were not measured; paydown lofo only writes complete results.' })),
    results: Type.Array(
      Type.Object(
        {
          feature: Type.String({ minLength: 1, description: 'A feature id, or a group name when members is given.' }),
          members: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
          drop: Drop,
          verdict: Type.Optional(Type.Union([Type.Literal('keep'), Type.Literal('remove'), Type.Literal('inconclusive')])),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type ImportanceDoc = Static<typeof ImportanceSchema>;

/** Importance evidence for one model, with where it came from. */
export interface ImportanceEvidence extends ImportanceDoc {
  readonly location: SourceLocation;
}

const validateImportance = createValidator(ImportanceSchema);

/**
 * Parses one importance evidence file. Given the file's text, problems point at the field.
 *
 * @example
 * parseImportance(JSON.stringify({ format: 'paydown.importance/v1', model: 'ctr', metric: 'auc', results: [] }), 'lofo.json', []);
 */
export function parseImportance(value: unknown, file: string, problems: Problem[], text?: string): ImportanceEvidence | undefined {
  const violations = validateImportance(value);
  if (violations.length > 0) {
    for (const violation of violations) {
      const field = violation.path.length > 0 ? ` at ${violation.path.join('.')}` : '';
      const where = text === undefined ? undefined : locatePath(text, 0, violation.path);
      problems.push({ message: `not importance evidence: ${violation.message}${field}`, location: { file, ...where } });
    }
    return undefined;
  }
  return { ...(value as ImportanceDoc), location: { file } };
}
