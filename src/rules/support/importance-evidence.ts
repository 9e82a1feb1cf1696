import type { ImportanceEvidence } from '../../evidence/importance.js';
import type { Model } from '../../manifest/system.js';

/** Importance evidence grouped by the model it is about. */
export function evidenceByModel(all: readonly ImportanceEvidence[]): Map<string, ImportanceEvidence[]> {
  const byModel = new Map<string, ImportanceEvidence[]>();
  for (const evidence of all) {
    const list = byModel.get(evidence.model);
    if (list === undefined) byModel.set(evidence.model, [evidence]);
    else list.push(evidence);
  }
  return byModel;
}

/**
 * The newest evidence (by `createdAt`, later files winning ties) about the model's current
 * version; evidence for another version is ignored.
 */
export function latestFor(model: Model, candidates: readonly ImportanceEvidence[] | undefined): ImportanceEvidence | undefined {
  const version = model.doc.version === undefined ? undefined : String(model.doc.version);
  let latest: ImportanceEvidence | undefined;
  for (const evidence of candidates ?? []) {
    if (evidence.modelVersion !== undefined && version !== undefined && evidence.modelVersion !== version) continue;
    if (latest !== undefined && (latest.createdAt ?? '') > (evidence.createdAt ?? '')) continue;
    latest = evidence;
  }
  return latest;
}
