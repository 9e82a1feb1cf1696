import { check, type CheckResult } from '../../check/check.js';
import type { LineageObservation } from '../../evidence/openlineage.js';
import type { LineageRecord } from '../store/store.js';
import type { LoadedServing } from './system-holder.js';

/** Most stored lineage events taken into live findings. */
export const LIVE_LINEAGE_LIMIT = 10_000;

/**
 * The findings of `paydown check` on the served system, with the lineage the server received
 * (`POST /api/v1/lineage`) added to the evidence files of the project config; an unknown job
 * reading a model's output becomes an `undeclared-consumer` finding as soon as it is seen.
 *
 * @example
 * const result = liveFindings(holder.current, await store.listLineage(LIVE_LINEAGE_LIMIT));
 */
export function liveFindings(loaded: LoadedServing, stored: readonly LineageRecord[]): CheckResult {
  const observed: LineageObservation[] = stored.map((record) => ({
    job: { namespace: record.jobNamespace, name: record.jobName },
    eventType: record.eventType,
    inputs: record.inputs,
    outputs: record.outputs,
    location: { file: 'POST /api/v1/lineage', line: record.id },
  }));
  const evidence = { ...loaded.evidence, lineage: [...loaded.evidence.lineage, ...observed] };
  return check(loaded.snapshot.system, { evidence });
}
