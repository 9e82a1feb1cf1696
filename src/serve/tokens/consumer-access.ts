import type { System } from '../../manifest/system.js';
import { parseRef } from '../../manifest/system.js';

/** For each model, the consumers declared as reading one of its outputs. */
export type ConsumerAccess = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Who may call each model: a consumer whose `reads` names an output whose `model` is that model.
 *
 * @example
 * consumerAccess(system).get('ctr')?.has('bidder'); // true
 */
export function consumerAccess(system: System): ConsumerAccess {
  const modelOfOutput = new Map(system.outputs.map((output) => [output.id, output.doc.model]));
  const access = new Map<string, Set<string>>();
  for (const consumer of system.consumers) {
    for (const read of consumer.doc.reads) {
      const model = modelOfOutput.get(parseRef(read).id);
      if (model === undefined) continue;
      let allowed = access.get(model);
      if (allowed === undefined) access.set(model, (allowed = new Set()));
      allowed.add(consumer.id);
    }
  }
  return access;
}
