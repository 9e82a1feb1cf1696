#!/usr/bin/python3
"""Writes test/fixtures/stats/*.json: inputs and scipy's outputs for the drift statistics.

Run with the system Python (needs numpy and scipy):  /usr/bin/python3 scripts/make-stat-fixtures.py
The fixtures are committed; CI never runs Python. Inputs are rounded to 6 decimals *before* scipy
sees them, so the TypeScript side reads exactly the numbers scipy used.
"""
import json
import math
import os

import numpy as np
import scipy
from scipy import stats
from scipy.spatial.distance import jensenshannon

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'stats')
rng = np.random.default_rng(20240611)


def r(a):
    return [float(x) for x in np.round(np.asarray(a, dtype=float), 6)]


def write(name, cases):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump({'generator': 'scripts/make-stat-fixtures.py', 'scipy': scipy.__version__, 'numpy': np.__version__, 'cases': cases}, f, separators=(',', ':'))
        f.write('\n')


def normal(n, loc=0.0, scale=1.0):
    return r(rng.normal(loc, scale, n))


# --- two-sample KS -------------------------------------------------------------------------
ks_inputs = [
    ('tiny-disjoint', [1, 2, 3], [4, 5, 6]),
    ('tiny-unequal', [0.1, 0.4, 0.7, 1.3, 2.0], [0.2, 0.25, 0.9, 1.1, 1.7, 2.5, 3.1]),
    ('identical', [1, 2, 3, 4], [1, 2, 3, 4]),
    ('ties-integers', [int(x) for x in rng.integers(0, 5, 40)], [int(x) for x in rng.integers(0, 6, 55)]),
    ('ties-equal-n', [int(x) for x in rng.integers(0, 10, 60)], [int(x) for x in rng.integers(1, 11, 60)]),
    ('normal-same-30-45', normal(30), normal(45)),
    ('normal-shift-50-80', normal(50), normal(80, 0.5)),
    ('normal-scale-100-100', normal(100), normal(100, 0, 2.0)),
    ('normal-same-300-300', normal(300), normal(300)),
    ('normal-shift-1000-700', normal(1000), normal(700, 0.1)),
    ('normal-small-shift-2000-1500', normal(2000), normal(1500, 0.05)),
    ('one-vs-many', [0.5], normal(20)),
    ('strong-shift-200-150', normal(200), normal(150, 1.5)),
    ('coprime-97-101', normal(97), normal(101, 0.3)),
]
ks_cases = []
for name, x, y in ks_inputs:
    for method in ('exact', 'asymp'):
        res = stats.ks_2samp(x, y, method=method)
        en = len(x) * len(y) / (len(x) + len(y))
        d_raw = stats.ks_2samp(x, y, method='asymp').statistic
        ks_cases.append({
            'name': f'{name}/{method}', 'x': x, 'y': y, 'method': method,
            'statistic': float(res.statistic), 'pvalue': float(res.pvalue),
            # the Kolmogorov-limit p-value paydown computes for 'asymp'
            'kstwobign_pvalue': float(stats.kstwobign.sf(math.sqrt(en) * d_raw)),
        })
write('ks.json', ks_cases)

# --- Kolmogorov distribution and chi-square survival ---------------------------------------
zs = [0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.81, 0.82, 0.83, 0.9, 1.0, 1.2, 1.358, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0]
write('kolmogorov.json', [{'z': z, 'sf': float(stats.kstwobign.sf(z))} for z in zs])
chi = []
for dof in (1, 2, 3, 4, 5, 7, 10, 19, 30, 50, 99, 250, 999):
    for q in (0.001, 0.1, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0):
        x = float(np.round(dof * q, 6))
        chi.append({'x': x, 'dof': dof, 'sf': float(stats.chi2.sf(x, dof))})
for x, dof in ((100.0, 1), (300.0, 2), (1000.0, 10), (0.0, 3), (1e-8, 1)):
    chi.append({'x': x, 'dof': dof, 'sf': float(stats.chi2.sf(x, dof))})
write('chi2-sf.json', chi)


# --- categorical: chi-square contingency, JS, PSI, L-inf -----------------------------------
def categorical(ref, cur):
    keys = list(dict.fromkeys(list(ref) + list(cur)))
    a = np.array([ref.get(k, 0) for k in keys], dtype=float)
    b = np.array([cur.get(k, 0) for k in keys], dtype=float)
    keep = (a + b) > 0
    table = np.vstack([a[keep], b[keep]])
    if table.shape[1] >= 2:
        c = stats.chi2_contingency(table, correction=False)
        chi2 = {'statistic': float(c[0]), 'pvalue': float(c[1]), 'dof': int(c[2])}
    else:
        chi2 = {'statistic': 0.0, 'pvalue': 1.0, 'dof': 0}
    p, q = a / a.sum(), b / b.sum()
    pe, qe = np.maximum(p, 1e-4), np.maximum(q, 1e-4)
    return {
        'reference': {k: int(v) for k, v in ref.items()}, 'current': {k: int(v) for k, v in cur.items()},
        'chi2': chi2,
        'jensenshannon': float(jensenshannon(a, b, base=2)),
        'psi': float(np.sum((qe - pe) * np.log(qe / pe))),
        'linf': float(np.max(np.abs(p - q))),
    }


def draws(probs, n):
    labels = [f'c{i}' for i in range(len(probs))]
    counts = rng.multinomial(n, probs)
    return {l: int(c) for l, c in zip(labels, counts) if c > 0}


cat_cases = [
    dict(name='two-categories', **categorical({'a': 10, 'b': 20}, {'a': 15, 'b': 12})),
    dict(name='same', **categorical({'x': 5, 'y': 5, 'z': 5}, {'x': 5, 'y': 5, 'z': 5})),
    dict(name='unseen-in-current', **categorical({'a': 40, 'b': 30, 'c': 30}, {'a': 50, 'b': 50})),
    dict(name='unseen-in-reference', **categorical({'a': 40, 'b': 60}, {'a': 30, 'b': 50, 'new': 20})),
    dict(name='disjoint', **categorical({'a': 10}, {'b': 10})),
    dict(name='single-category', **categorical({'a': 10}, {'a': 30})),
    dict(name='multinomial-same-500', **categorical(draws([0.5, 0.3, 0.15, 0.05], 500), draws([0.5, 0.3, 0.15, 0.05], 600))),
    dict(name='multinomial-shift-5000', **categorical(draws([0.5, 0.3, 0.15, 0.05], 5000), draws([0.4, 0.35, 0.15, 0.1], 4000))),
    dict(name='multinomial-tiny-shift-1e6', **categorical(draws([0.5, 0.3, 0.2], 1_000_000), draws([0.499, 0.301, 0.2], 1_000_000))),
    dict(name='many-categories', **categorical(draws(list(np.ones(60) / 60), 3000), draws(list(np.linspace(1, 2, 60) / np.linspace(1, 2, 60).sum()), 2500))),
    dict(name='rare-categories', **categorical({'a': 1000, 'b': 1, 'c': 2}, {'a': 990, 'b': 0, 'c': 9, 'd': 1})),
]
write('categorical.json', cat_cases)

# --- Wasserstein-1 on raw values -----------------------------------------------------------
w_inputs = [
    ('tiny', [0, 1, 3], [5, 6, 8]),
    ('ties', [1, 1, 2, 2, 2, 3], [1, 2, 2, 3, 3, 3, 3]),
    ('normal-shift', normal(500), normal(400, 0.3)),
    ('normal-scale', normal(800), normal(800, 0, 1.7)),
    ('same', normal(1000), normal(1000)),
    ('single', [2.5], [1.0, 4.0]),
]
write('wasserstein.json', [{'name': n, 'u': u, 'v': v, 'distance': float(stats.wasserstein_distance(u, v)),
                            'ref_std': float(np.std(u, ddof=1)) if len(u) > 1 else 0.0} for n, u, v in w_inputs])


# --- histograms: bound checks against the raw statistics -----------------------------------
def hist(values, edges):
    counts, e = np.histogram(values, bins=edges)
    return {'edges': [float(x) for x in e], 'counts': [int(c) for c in counts]}


h_cases = []
for name, u, v, shared in (
    ('shift-shared-1000', normal(20000), normal(15000, 0.2), True),
    ('scale-shared-1000', normal(20000), normal(20000, 0, 1.3), True),
    ('same-own-1000', normal(20000), normal(20000), False),
    ('shift-own-1000', normal(20000), normal(20000, 0.5, 0.8), False),
    ('heavy-tail-own-1000', r(rng.standard_t(2, 20000)), r(rng.standard_t(2, 15000) + 0.1), False),
    ('small-own-20', normal(3000), normal(3000, 0.3), False),
):
    u, v = np.asarray(u), np.asarray(v)
    bins = 20 if name.startswith('small') else 1000
    if shared:
        edges = np.linspace(min(u.min(), v.min()), max(u.max(), v.max()), bins + 1)
        hu, hv = hist(u, edges), hist(v, edges)
    else:  # each side on its own [min, max], as a profile's fineHistogram
        hu = hist(u, np.linspace(u.min(), u.max(), bins + 1))
        hv = hist(v, np.linspace(v.min(), v.max(), bins + 1))
    h_cases.append({
        'name': name, 'reference': hu, 'current': hv,
        'ks_raw': float(stats.ks_2samp(u, v, method='asymp').statistic),
        'wasserstein_raw': float(stats.wasserstein_distance(u, v)),
        'bin_width_reference': float(hu['edges'][1] - hu['edges'][0]),
        'bin_width_current': float(hv['edges'][1] - hv['edges'][0]),
    })
write('histograms.json', h_cases)
print('wrote', os.path.normpath(OUT))


# --- real data: the 3M flights of vega-datasets, January against February --------------------
# pandas here cannot read Parquet, so DuckDB (through node, as the tests do) writes each month's
# flights to CSV first, with the same query the tests use.
import subprocess
import tempfile

import pandas as pd

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
FLIGHTS = os.path.join(ROOT, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet')
QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]


def flights_month_csv(month, target):
    script = (
        "import { DuckDBInstance } from '@duckdb/node-api';"
        "const instance = await DuckDBInstance.create(':memory:');"
        "const connection = await instance.connect();"
        f"await connection.run(\"COPY (SELECT delay, distance, origin, destination FROM read_parquet('{FLIGHTS}') WHERE month(date) = {month}) TO '{target}' (HEADER)\");"
    )
    subprocess.run(['node', '--input-type=module', '-e', script], cwd=ROOT, check=True)


def numeric_profile(values):
    values = np.asarray(values, dtype=float)
    return {
        'count': int(len(values)),
        'distinct': int(len(np.unique(values))),
        'min': float(values.min()),
        'max': float(values.max()),
        'mean': float(values.mean()),
        'stddev': float(values.std(ddof=1)),
        'quantiles': [{'p': p, 'value': float(np.quantile(values, p))} for p in QUANTILES],
    }


with tempfile.TemporaryDirectory() as scratch:
    months = {}
    for month in (1, 2):
        target = os.path.join(scratch, f'flights-{month}.csv')
        flights_month_csv(month, target)
        months[month] = pd.read_csv(target)
jan, feb = months[1], months[2]
real = {'source': 'node_modules/vega-datasets/data/flights-3m.parquet', 'reference': 'month(date) = 1', 'current': 'month(date) = 2',
        'rows': {'reference': int(len(jan)), 'current': int(len(feb))}, 'numeric': {}, 'categorical': {}}
for column in ('delay', 'distance'):
    a = jan[column].dropna().to_numpy(dtype=float)
    b = feb[column].dropna().to_numpy(dtype=float)
    ks = stats.ks_2samp(a, b)
    small = stats.ks_2samp(a[:400], b[:300], method='exact')
    real['numeric'][column] = {
        'reference': numeric_profile(a),
        'current': numeric_profile(b),
        'ks': {'statistic': float(ks.statistic), 'pvalue': float(ks.pvalue)},
        'wasserstein': float(stats.wasserstein_distance(a, b)),
        # the first 400 January and 300 February flights (file order), exact KS
        'ksSmall': {'x': [float(v) for v in a[:400]], 'y': [float(v) for v in b[:300]], 'statistic': float(small.statistic), 'pvalue': float(small.pvalue)},
    }
for column in ('origin', 'destination'):
    rc = jan[column].value_counts()
    cc = feb[column].value_counts()
    index = sorted(set(rc.index) | set(cc.index))
    r_counts = np.array([rc.get(k, 0) for k in index], dtype=float)
    c_counts = np.array([cc.get(k, 0) for k in index], dtype=float)
    table = np.vstack([r_counts, c_counts])
    chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
    real['categorical'][column] = {
        'distinct': {'reference': int(jan[column].nunique()), 'current': int(feb[column].nunique())},
        'top5': [{'value': str(k), 'count': int(v)} for k, v in sorted(rc.items(), key=lambda kv: (-kv[1], kv[0]))[:5]],
        'jensenShannon': float(jensenshannon(r_counts / r_counts.sum(), c_counts / c_counts.sum(), base=2)),
        'chiSquare': {'statistic': float(chi2), 'dof': int(dof)},
        'lInfinity': float(np.max(np.abs(r_counts / r_counts.sum() - c_counts / c_counts.sum()))),
    }
write('real-flights.json', [real])
