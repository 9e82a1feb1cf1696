import { PaydownError } from '../../errors.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Milliseconds in a manifest duration such as `30m`, `6h` or `2d` (units ms, s, m, h, d, w).
 *
 * @example
 * parseDuration('1h'); // 3600000
 */
export function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d|w)$/.exec(text);
  if (match === null) throw new PaydownError('PAYDOWN_USAGE', `'${text}' is not a duration; write a number and a unit (ms, s, m, h, d, w), e.g. 30m`);
  return Number(match[1]) * UNIT_MS[match[2]];
}
