#!/usr/bin/python3
"""Writes test/fixtures/lofo/student-t.json: inputs and scipy's outputs for the statistics of
`paydown lofo` (regularised incomplete beta, Student's t tail and quantile, the paired t-test
with its confidence interval).

Run with the system Python (needs numpy and scipy):  /usr/bin/python3 scripts/make-lofo-fixtures.py
The fixture is committed; CI never runs Python. Inputs are rounded before scipy sees them, so
the TypeScript side reads exactly the numbers scipy used.

scipy's t.ppf is accurate to about 1e-9 relative in the far tails, so each quantile also carries
`exact`: the root of the tail probability found with mpmath at 40 digits.
"""
import json
import os

import mpmath
import numpy as np
import scipy
from scipy import special, stats

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'lofo')
rng = np.random.default_rng(20261123)

beta = []
for a in [0.5, 1.0, 1.5, 2.0, 3.5, 10.0, 50.0, 250.0]:
    for b in [0.5, 1.0, 2.0, 7.5, 40.0]:
        for x in [1e-6, 0.001, 0.05, 0.2, 0.5, 0.7, 0.9, 0.999]:
            beta.append({'x': x, 'a': a, 'b': b, 'value': float(special.betainc(a, b, x))})

tails = []
for df in [1, 2, 3, 4, 5, 7, 9, 10, 19, 30, 2.5, 100, 1000]:
    for t in [0.0, 0.1, 0.5, 1.0, 1.96, 2.5, 4.0, 10.0, 40.0, -3.0]:
        tails.append({'t': t, 'df': df, 'twoSided': float(2 * stats.t.sf(abs(t), df)), 'cdf': float(stats.t.cdf(t, df))})

def exact_quantile(p, df):
    mpmath.mp.dps = 40
    p, df = mpmath.mpf(p), mpmath.mpf(df)
    upper = 2 * min(p, 1 - p)
    tail = lambda t: mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, df / (df + t * t), regularized=True)
    lo, hi = mpmath.mpf(0), mpmath.mpf(1)
    while tail(hi) > upper:
        lo, hi = hi, hi * 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if tail(mid) > upper:
            lo = mid
        else:
            hi = mid
    return float(lo if p > 0.5 else -lo)


quantiles = []
for df in [1, 2, 3, 4, 5, 6, 9, 10, 15, 29, 60, 200]:
    for p in [0.6, 0.9, 0.95, 0.975, 0.995, 0.9995, 0.025]:
        quantiles.append({'p': p, 'df': df, 'value': float(stats.t.ppf(p, df)), 'exact': exact_quantile(p, df)})

paired = []
for n in [2, 3, 4, 5, 5, 8, 10]:
    full = np.round(rng.normal(0.75, 0.01, n), 6)
    effect = rng.choice([0.0, 0.002, 0.02])
    without = np.round(full - effect + rng.normal(0, 0.003, n), 6)
    for confidence in [0.95, 0.9]:
        r = stats.ttest_rel(full, without)
        ci = r.confidence_interval(confidence)
        paired.append({
            'full': [float(v) for v in full],
            'without': [float(v) for v in without],
            'confidence': confidence,
            'statistic': float(r.statistic),
            'pValue': float(r.pvalue),
            'ciLow': float(ci.low),
            'ciHigh': float(ci.high),
        })

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, 'student-t.json'), 'w') as f:
    json.dump({'generator': 'scripts/make-lofo-fixtures.py', 'scipy': scipy.__version__, 'numpy': np.__version__,
               'beta': beta, 'tails': tails, 'quantiles': quantiles, 'paired': paired}, f, separators=(',', ':'))
    f.write('\n')
