#!/usr/bin/python3
"""The scikit-learn side of bench/lofo.bench.ts: the same leave-one-feature-out evaluation as
`paydown lofo`, on the same folds (read from a file paydown's fold code wrote), with the same
learner settings, in parallel with joblib on --jobs processes. Prints one JSON line.

  /usr/bin/python3 bench/lofo_sklearn.py --data d.csv --folds folds.i32 --k 4 --target y \
      --learner logistic --jobs 2 [--sep ';'] [--categorical a,b]
"""
import argparse
import json
import resource
import time

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from joblib.externals.loky import get_reusable_executor
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

parser = argparse.ArgumentParser()
parser.add_argument('--data', required=True)
parser.add_argument('--folds', required=True)
parser.add_argument('--k', type=int, required=True)
parser.add_argument('--target', required=True)
parser.add_argument('--positive', default='1')
parser.add_argument('--learner', choices=['logistic', 'gbdt'], required=True)
parser.add_argument('--jobs', type=int, default=2)
parser.add_argument('--sep', default=',')
parser.add_argument('--categorical', default='')
parser.add_argument('--C', type=float, default=1.0)
parser.add_argument('--tol', type=float, default=1e-6)
parser.add_argument('--max-iter', type=int, default=100)
args = parser.parse_args()

started = time.perf_counter()
frame = pd.read_csv(args.data, sep=args.sep)
y = (frame[args.target].astype(str) == args.positive).to_numpy(dtype=np.int8)
features = [c for c in frame.columns if c != args.target]
categorical = [c for c in args.categorical.split(',') if c]
for c in categorical:
    # ordinal codes in sorted order, as paydown's loader numbers categories
    frame[c] = pd.Categorical(frame[c], categories=sorted(frame[c].dropna().unique())).codes
X = frame[features].to_numpy(dtype=np.float64)
del frame
folds = np.fromfile(args.folds, dtype='<i4')
assert len(folds) == len(y)
read_s = time.perf_counter() - started


def fit(fold, left_out):
    cols = [j for j, name in enumerate(features) if name != left_out]
    train, valid = folds != fold, folds == fold
    if args.learner == 'logistic':
        scaler = StandardScaler().fit(X[train][:, cols])
        model = LogisticRegression(C=args.C, tol=args.tol, max_iter=1000).fit(scaler.transform(X[train][:, cols]), y[train])
        scores = model.predict_proba(scaler.transform(X[valid][:, cols]))[:, 1]
    else:
        cat_mask = [features[j] in categorical for j in cols]
        model = HistGradientBoostingClassifier(
            max_iter=args.max_iter, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20,
            l2_regularization=0.0, max_bins=255, early_stopping=False, categorical_features=cat_mask, random_state=0,
        ).fit(X[train][:, cols], y[train])
        scores = model.predict_proba(X[valid][:, cols])[:, 1]
    return roc_auc_score(y[valid], scores)


tasks = [(fold, left_out) for fold in range(args.k) for left_out in [None] + features]
fit_started = time.perf_counter()
aucs = Parallel(n_jobs=args.jobs)(delayed(fit)(fold, left_out) for fold, left_out in tasks)
fit_s = time.perf_counter() - fit_started
get_reusable_executor().shutdown(wait=True)  # reap the worker processes so RUSAGE_CHILDREN counts them
per = len(features) + 1
full = [aucs[f * per] for f in range(args.k)]
drops = {name: float(np.mean([aucs[f * per] - aucs[f * per + 1 + j] for f in range(args.k)])) for j, name in enumerate(features)}
print(json.dumps({
    'readS': read_s,
    'fitS': fit_s,
    'fits': len(tasks),
    'maxRssSelfKb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    'maxRssChildKb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    'full': full,
    'drops': drops,
}))
