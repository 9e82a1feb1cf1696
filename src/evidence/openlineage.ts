import { Type } from '@sinclair/typebox';
import type { Problem, SourceLocation } from '../errors.js';
import { locatePath } from '../manifest/locate-path.js';
import { createValidator } from '../manifest/validate-document.js';
import { jsonErrorPosition } from './json-position.js';

/** A dataset or job as OpenLineage names it. */
export interface LineageName {
  readonly namespace: string;
  readonly name: string;
}

/** What one OpenLineage run event says: a job read some datasets and wrote others. */
export interface LineageObservation {
  readonly job: LineageName;
  readonly eventType: string;
  readonly eventTime?: string;
  readonly inputs: readonly LineageName[];
  readonly outputs: readonly LineageName[];
  readonly location: SourceLocation;
}

const DatasetRef = Type.Object({ namespace: Type.String({ minLength: 1 }), name: Type.String({ minLength: 1 }) });

const RunEventSchema = Type.Object({
  eventType: Type.Optional(Type.String()),
  eventTime: Type.Optional(Type.String()),
  job: DatasetRef,
  inputs: Type.Optional(Type.Array(DatasetRef)),
  outputs: Type.Optional(Type.Array(DatasetRef)),
});

const validateRunEvent = createValidator(RunEventSchema);

/** The key under which a dataset or job is matched: `namespace/name`. */
export function lineageKey(name: LineageName): string {
  return `${name.namespace}/${name.name}`;
}

/**
 * Parses OpenLineage run events, one JSON object a line. Blank lines are skipped; each bad line
 * becomes a problem with its line and column, so one run reports all of them.
 *
 * @example
 * parseOpenLineage('{"eventType":"COMPLETE","job":{"namespace":"airflow","name":"report"},"inputs":[{"namespace":"s3","name":"ctr_scores"}]}', 'lineage.jsonl');
 */
export function parseOpenLineage(text: string, file: string, problems: Problem[]): LineageObservation[] {
  const observations: LineageObservation[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const location = { file, line: index + 1, column: 1 };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const leading = raw.length - raw.trimStart().length;
      problems.push({ message: `not a JSON object: ${(error as Error).message}`, location: { ...location, column: jsonErrorPosition(line).column + leading } });
      return;
    }
    const violations = validateRunEvent(value);
    if (violations.length > 0) {
      for (const violation of violations) {
        const field = violation.path.length > 0 ? ` at ${violation.path.join('.')}` : '';
        const where = violation.path.length > 0 ? locatePath(raw, 0, violation.path) : undefined;
        problems.push({ message: `not an OpenLineage run event: ${violation.message}${field}`, location: where ? { file, line: index + 1, column: where.column } : location });
      }
      return;
    }
    const event = value as { eventType?: string; eventTime?: string; job: LineageName; inputs?: LineageName[]; outputs?: LineageName[] };
    observations.push({
      job: pick(event.job),
      eventType: event.eventType ?? 'OTHER',
      ...(event.eventTime === undefined ? {} : { eventTime: event.eventTime }),
      inputs: (event.inputs ?? []).map(pick),
      outputs: (event.outputs ?? []).map(pick),
      location,
    });
  });
  return observations;
}

function pick(name: LineageName): LineageName {
  return { namespace: name.namespace, name: name.name };
}
