import type { OutcomeRecord } from '../store/store.js';

/**
 * Reads outcomes given as `[{ predictionId, label }]` (labels are numbers; true/false count as
 * 1/0). Returns the records, or the first problem found (with the row index).
 *
 * @example
 * parseOutcomes([{ predictionId: 'a1', label: 1 }], Date.now()); // { outcomes: [...] }
 */
export function parseOutcomes(value: unknown, at: number, maxRows: number): { outcomes: OutcomeRecord[] } | { error: string } {
  const list = Array.isArray(value) ? value : typeof value === 'object' && value !== null && Array.isArray((value as { outcomes?: unknown }).outcomes) ? (value as { outcomes: unknown[] }).outcomes : undefined;
  if (list === undefined) return { error: 'the body must be a JSON array of { "predictionId": "…", "label": 0 | 1 }' };
  if (list.length > maxRows) return { error: `at most ${maxRows} outcomes per request, not ${list.length}` };
  const outcomes: OutcomeRecord[] = [];
  for (const [index, item] of list.entries()) {
    const { predictionId, label } = (typeof item === 'object' && item !== null ? item : {}) as { predictionId?: unknown; label?: unknown };
    if (typeof predictionId !== 'string' || predictionId === '' || predictionId.length > 200) return { error: `outcome ${index}: predictionId must be a non-empty string` };
    const numeric = typeof label === 'boolean' ? Number(label) : label;
    if (typeof numeric !== 'number' || !Number.isFinite(numeric)) return { error: `outcome ${index}: label must be a finite number` };
    outcomes.push({ predictionId, label: numeric, at });
  }
  return { outcomes };
}
