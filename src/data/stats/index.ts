/** Drift statistics: pure functions, each in its own file with its formula; see docs/statistics.md. */
export { logGamma, regularizedGammaP, regularizedGammaQ, chiSquareSurvival } from './gamma.js';
export { kolmogorovSurvival } from './kolmogorov.js';
export { ks2Sample, ksPValue, ksAsymptoticPValue, ksLimitPValue, type KsResult, type KsMethod } from './ks.js';
export { ksFromHistograms, type KsHistogramResult } from './ks-histogram.js';
export { wasserstein1, wasserstein1FromHistograms, wassersteinScale, normalisedWasserstein, type WassersteinResult } from './wasserstein.js';
export { chiSquareHomogeneity, type ChiSquareResult } from './chi-square.js';
export { jensenShannonDistance } from './jensen-shannon.js';
export { populationStabilityIndex, PSI_EPSILON } from './psi.js';
export { lInfinityDistance } from './l-infinity.js';
export { alignCounts, proportions, type AlignedCounts, type CategoryCounts } from './frequencies.js';
export { histogramCdf, rebin, type HistogramCdf } from './histogram-cdf.js';
