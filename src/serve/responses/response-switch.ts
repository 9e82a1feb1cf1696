/**
 * The responses that change how the gateway answers, stored as breaker rows so that every
 * replica sees them through the store: `halt-actions` under the model id itself (the circuit
 * breaker), `fallback` and `shadow` under `@fallback/<model>` and `@shadow/<model>` (ids
 * cannot start with `@`, so these never collide with a model).
 */
export type SwitchKind = 'halt-actions' | 'fallback' | 'shadow';

export const switchKinds: readonly SwitchKind[] = ['halt-actions', 'fallback', 'shadow'];

/**
 * The breaker key of a response switch.
 *
 * @example
 * switchKey('fallback', 'ctr'); // '@fallback/ctr'
 */
export function switchKey(kind: SwitchKind, model: string): string {
  return kind === 'halt-actions' ? model : `@${kind}/${model}`;
}

/** The response switch a breaker key stands for. */
export function parseSwitchKey(key: string): { kind: SwitchKind; model: string } {
  if (key.startsWith('@fallback/')) return { kind: 'fallback', model: key.slice('@fallback/'.length) };
  if (key.startsWith('@shadow/')) return { kind: 'shadow', model: key.slice('@shadow/'.length) };
  return { kind: 'halt-actions', model: key };
}
