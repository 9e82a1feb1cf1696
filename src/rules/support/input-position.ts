import type { RefValue } from '../../manifest/schema.js';
import { parseRef } from '../../manifest/system.js';

/** The position in `inputs`, at or after `from`, of the first reference to `target`, or -1. */
export function inputPosition(inputs: readonly RefValue[], target: string, from = 0): number {
  for (let position = from; position < inputs.length; position++) {
    if (parseRef(inputs[position]).id === target) return position;
  }
  return -1;
}
