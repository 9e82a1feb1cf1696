import { logGamma } from '../../data/stats/gamma.js';

/**
 * Student's t distribution, from the regularised incomplete beta function:
 *
 * - `I_x(a, b) = x^a (1−x)^b / (a·B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + …)))`, the continued fraction
 *   with `d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1))` and `d_{2m} = m(b−m)x / ((a+2m−1)(a+2m))`,
 *   evaluated by the modified Lentz method; it converges fast for `x < (a+1)/(a+b+2)`, otherwise
 *   `I_x(a, b) = 1 − I_{1−x}(b, a)` is used (Numerical Recipes, 3rd ed., §6.4).
 * - With ν degrees of freedom, `Pr(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, 1/2)`: the two-sided p-value.
 * - The quantile is found by bisection on the CDF, to the last bit.
 */

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m += 1) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/**
 * The regularised incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1.
 *
 * @example
 * regularizedBeta(0.5, 2, 2); // 0.5
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1)) return Number.NaN;
  if (x === 0) return 0;
  if (x === 1) return 1;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - (logGamma(a) + logGamma(b) - logGamma(a + b));
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * Two-sided tail probability Pr(|T| ≥ |t|) of Student's t with `dof` degrees of freedom.
 *
 * @example
 * studentTTwoSided(2.2281388519649385, 10); // ≈ 0.05
 */
export function studentTTwoSided(t: number, dof: number): number {
  if (!(dof > 0) || Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return regularizedBeta(dof / (dof + t * t), dof / 2, 0.5);
}

/**
 * The cumulative distribution function Pr(T ≤ t) of Student's t with `dof` degrees of freedom.
 *
 * @example
 * studentTCdf(0, 3); // 0.5
 */
export function studentTCdf(t: number, dof: number): number {
  const tail = studentTTwoSided(t, dof) / 2;
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The quantile (inverse CDF) of Student's t with `dof` degrees of freedom, for 0 < p < 1.
 *
 * @example
 * studentTQuantile(0.975, 4); // ≈ 2.7764
 */
export function studentTQuantile(p: number, dof: number): number {
  if (!(p > 0 && p < 1) || !(dof > 0)) return Number.NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, dof);
  const upper = 2 * (1 - p);
  let lo = 0;
  let hi = 1;
  while (studentTTwoSided(hi, dof) > upper) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Number.POSITIVE_INFINITY;
  }
  for (let i = 0; i < 2000; i += 1) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (studentTTwoSided(mid, dof) > upper) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
