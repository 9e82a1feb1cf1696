import type { AnyRule } from './rule.js';
import { rule as danglingReference } from './dangling-reference.js';
import { rule as fixedThreshold } from './fixed-threshold.js';
import { rule as missingAnnotation } from './missing-annotation.js';

/** Every rule paydown ships, by id. Keep sorted; the meta-test checks each has a doc page. */
export const rules: Readonly<Record<string, AnyRule>> = {
  'dangling-reference': danglingReference,
  'fixed-threshold': fixedThreshold,
  'missing-annotation': missingAnnotation,
};

/** Every rule, in id order. */
export const allRules: readonly AnyRule[] = Object.values(rules);
