/**
 * The Kolmogorov distribution: the limit law of √n·D_n for the (one- and, by Smirnov, two-sample)
 * Kolmogorov–Smirnov statistic. Its survival function is (scipy.stats.kstwobign.sf)
 *
 *   Q_KS(z) = Pr(K > z) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2 k² z²)
 *
 * evaluated by that alternating series for z ≥ 0.82 and, for small z, through the Jacobi theta
 * form of the CDF, Pr(K ≤ z) = (√(2π) / z) Σ_{k≥1} exp(−(2k − 1)² π² / (8 z²)); both reach
 * double precision in a few terms.
 */
export function kolmogorovSurvival(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z <= 0) return 1;
  if (z < 0.82) {
    if (z < 0.04) return 1;
    const w = Math.PI * Math.PI / (8 * z * z);
    let sum = 0;
    for (let k = 1; k < 30; k += 2) {
      const term = Math.exp(-k * k * w);
      sum += term;
      if (term < 1e-18 * sum) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / z) * sum;
  }
  let sum = 0;
  let sign = 1;
  for (let k = 1; k < 100; k += 1) {
    const term = Math.exp(-2 * k * k * z * z);
    sum += sign * term;
    if (term < 1e-18 * Math.abs(sum) || term === 0) break;
    sign = -sign;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}
