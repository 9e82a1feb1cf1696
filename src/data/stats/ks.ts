import { kolmogorovSurvival } from './kolmogorov.js';

/**
 * The two-sample Kolmogorov–Smirnov test (two-sided). A **test**; its statistic is a distance
 * between distributions (the sup-norm distance of the empirical CDFs, in [0, 1]):
 *
 *   D = sup_x |F₁(x) − F₂(x)|,   F_i the empirical CDF of sample i (right-continuous).
 *
 * p-value:
 * - `exact`: the probability, under H₀ (same continuous distribution), that D_{n,m} ≥ the observed
 *   D, computed as scipy.stats.ks_2samp(method='exact') does: D is rounded to h / lcm(n, m) and the
 *   lattice paths of Hodges (1958) are counted, for n = m by the closed-form alternating sum and
 *   otherwise by the "inside" recursion of Viehmann (2021) that yields 1 − p directly.
 * - `asymp`: the limiting Kolmogorov distribution, p = Q_KS(√N · D) with N = n m / (n + m)
 *   (kolmogorov.ts; the oracle is scipy.stats.kstwobign.sf, and R's ks.test uses the same limit).
 *   scipy ≥ 1.5's ks_2samp(method='asymp') uses a finite-N law instead; for the sample sizes that
 *   get `asymp` here (more than 10,000 values a side) its correction, of order 1/√N, is small.
 * - `auto` (default): `exact` when max(n, m) ≤ 10,000, as in scipy.
 *
 * NaN values are dropped. Ties are handled as scipy does (CDFs evaluated at every pooled value).
 */
export interface KsResult {
  readonly statistic: number;
  readonly pValue: number;
  readonly method: 'exact' | 'asymp';
  readonly n1: number;
  readonly n2: number;
}

export type KsMethod = 'auto' | 'exact' | 'asymp';

const MAX_AUTO_N = 10_000;
const INT32_MAX = 2_147_483_647;

function sortedFinite(values: readonly number[]): Float64Array {
  const out = Float64Array.from(values.filter((v) => !Number.isNaN(v)));
  out.sort();
  return out;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** sup |F₁ − F₂| of two sorted samples, evaluated at every pooled value (ties counted with side='right'). */
export function ksStatisticSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 || j < n2) {
    const x = i < n1 && (j >= n2 || a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= x) i += 1;
    while (j < n2 && b[j] <= x) j += 1;
    const diff = Math.abs(i / n1 - j / n2);
    if (diff > d) d = diff;
  }
  return d;
}

/** Pr(D_{n,n} ≥ h/n), scipy's `_compute_prob_outside_square`. */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k -= 1) {
    let p1 = 1;
    for (let j = 0; j < h; j += 1) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/** The share of lattice paths (0,0)→(m,n) that leave |x/m − y/n| < h/lcm; scipy's `_compute_outer_prob_inside_method`. */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  for (let k = minj; k < maxj; k += 1) A[k] = 0;
  for (let i = 1; i <= m; i += 1) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj += 1) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, Math.min(lenA, maxj - minj + (lastlen - curlen)));
  }
  return A[maxj - minj - 1];
}

/** The exact two-sided p-value; undefined when it cannot be computed (scipy then falls back to asymp). */
function exactPValue(n1: number, n2: number, d: number): { readonly d: number; readonly p: number } | undefined {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = Math.round(d * lcm);
  const dr = h / lcm;
  if (h === 0) return { d: dr, p: 1 };
  const p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  if (!Number.isFinite(p) || p < 0 || p > 1) return undefined;
  return { d: dr, p };
}

/** Rounds half to even, as numpy.round. */
/** The asymptotic two-sided p-value: the Kolmogorov limit Q_KS(√(n₁n₂/(n₁+n₂)) · D). */
export function ksAsymptoticPValue(d: number, n1: number, n2: number): number {
  return ksLimitPValue(d, n1, n2);
}

/** The limiting (Kolmogorov distribution) p-value Q_KS(√(n₁n₂/(n₁+n₂)) · D), scipy.stats.kstwobign.sf. */
export function ksLimitPValue(d: number, n1: number, n2: number): number {
  const en = (n1 * n2) / (n1 + n2);
  return kolmogorovSurvival(Math.sqrt(en) * d);
}

/**
 * The two-sided p-value of a given D for sample sizes n₁, n₂ (e.g. a D estimated from histograms),
 * by the same rules as `ks2Sample`: exact when `auto` and max(n₁, n₂) ≤ 10,000, else asymp.
 */
export function ksPValue(d: number, n1: number, n2: number, method: KsMethod = 'auto'): { readonly pValue: number; readonly method: 'exact' | 'asymp' } {
  const g = gcd(n1, n2);
  const exact = method === 'exact' || (method === 'auto' && Math.max(n1, n2) <= MAX_AUTO_N);
  if (exact && n1 / g < INT32_MAX / (n2 / g)) {
    const r = exactPValue(n1, n2, d);
    if (r !== undefined) return { pValue: Math.min(1, Math.max(0, r.p)), method: 'exact' };
  }
  return { pValue: Math.min(1, Math.max(0, ksAsymptoticPValue(d, n1, n2))), method: 'asymp' };
}

/**
 * The two-sample KS test on raw values.
 *
 * @example
 * ks2Sample([1, 2, 3], [4, 5, 6]).pValue; // 0.1 (exact)
 */
export function ks2Sample(sample1: readonly number[], sample2: readonly number[], method: KsMethod = 'auto'): KsResult {
  const a = sortedFinite(sample1);
  const b = sortedFinite(sample2);
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ks2Sample needs two non-empty samples');
  const d = ksStatisticSorted(a, b);
  let mode: 'exact' | 'asymp' = method === 'auto' ? (Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymp') : method;
  const g = gcd(n1, n2);
  if (mode === 'exact' && n1 / g >= INT32_MAX / (n2 / g)) mode = 'asymp';
  if (mode === 'exact') {
    const exact = exactPValue(n1, n2, d);
    if (exact !== undefined) return { statistic: exact.d, pValue: Math.min(1, Math.max(0, exact.p)), method: 'exact', n1, n2 };
  }
  return { statistic: d, pValue: Math.min(1, Math.max(0, ksAsymptoticPValue(d, n1, n2))), method: 'asymp', n1, n2 };
}
