"""Reference values for `fit_logistic` in core/src/stats.rs, from scikit-learn.

How to run (from the repository root):

    python3 -m venv /tmp/skvenv
    /tmp/skvenv/bin/pip install -q scikit-learn numpy
    /tmp/skvenv/bin/python tests/reference/logistic_reference.py

What it does:

1. Generates a seeded data set with Python's `random` (no numpy randomness, so
   the file is byte-for-byte reproducible): 400 rows, four features uniform in
   0..1 written with 6 decimals, and a churn label that depends on x1 (raises
   churn) and x3 (lowers it); x2 and x4 are noise. It writes the set to
   core/tests/data/logistic_reference.csv (header x1,x2,x3,x4,churned, churned
   is 1 or 0).
2. Reads the CSV back (so the fit sees exactly the numbers Rust parses) and fits
   sklearn.linear_model.LogisticRegression(C=1/l2, penalty="l2", solver="lbfgs",
   tol=1e-12, max_iter=10000) for l2 = 1.0 (l1_ratio=0 in place of penalty="l2"
   from scikit-learn 1.10, which removes `penalty`), which minimises
   sum(log-loss) + (l2/2)*||coef||^2 with an unpenalised intercept: the
   objective of `fit_logistic(rows, y, l2)`.
3. Prints the intercept and coefficients with 10 significant digits, plus an
   independent numpy Newton fit of the same objective as a cross-check. lbfgs
   stops on its relative objective change (ftol = 64 * machine epsilon), so its
   values sit about 2e-7 from the exact optimum; Newton's agree to ~1e-12.

Paste the printed values into core/tests/stats.rs (REF_INTERCEPT, REF_COEFFICIENTS).
"""

import csv
import math
import os
import random
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

SEED = 20260417
ROWS = 400
L2 = 1.0

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CSV_PATH = os.path.join(ROOT, "core", "tests", "data", "logistic_reference.csv")


def generate():
    rng = random.Random(SEED)
    rows = []
    for _ in range(ROWS):
        x = [round(rng.random(), 6) for _ in range(4)]
        z = -0.5 + 3.0 * x[0] - 2.5 * x[2]
        p = 1.0 / (1.0 + math.exp(-z))
        churned = 1 if rng.random() < p else 0
        rows.append(x + [churned])
    with open(CSV_PATH, "w", newline="") as f:
        f.write("x1,x2,x3,x4,churned\n")
        for r in rows:
            f.write("%.6f,%.6f,%.6f,%.6f,%d\n" % tuple(r))


def read():
    with open(CSV_PATH, newline="") as f:
        reader = csv.DictReader(f)
        data = [[float(r["x1"]), float(r["x2"]), float(r["x3"]), float(r["x4"]), int(r["churned"])] for r in reader]
    arr = np.array(data)
    return arr[:, :4], arr[:, 4].astype(int)


def newton(X, y, l2):
    """Plain Newton on sum(log-loss) + (l2/2)*||coef||^2, intercept unpenalised."""
    Xt = np.hstack([np.ones((X.shape[0], 1)), X])
    beta = np.zeros(Xt.shape[1])
    pen = np.full(Xt.shape[1], l2)
    pen[0] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(Xt @ beta)))
        g = Xt.T @ (p - y) + pen * beta
        H = Xt.T @ (Xt * (p * (1 - p))[:, None]) + np.diag(pen)
        step = np.linalg.solve(H, g)
        beta -= step
        if np.max(np.abs(step)) < 1e-14:
            break
    return beta


def main():
    generate()
    X, y = read()
    kwargs = dict(C=1.0 / L2, solver="lbfgs", tol=1e-12, max_iter=10000)
    version = tuple(int(part) for part in sklearn.__version__.split(".")[:2])
    if version >= (1, 10):
        # `penalty` was deprecated in 1.8 and removed in 1.10; l1_ratio=0 is the same pure L2 penalty.
        kwargs["l1_ratio"] = 0.0
    else:
        kwargs["penalty"] = "l2"
    with warnings.catch_warnings():
        # 1.8 and 1.9 warn that `penalty` is deprecated; the fit is unchanged.
        warnings.simplefilter("ignore", FutureWarning)
        model = LogisticRegression(**kwargs)
        model.fit(X, y)
    intercept = float(model.intercept_[0])
    coefficients = [float(c) for c in model.coef_[0]]
    print("sklearn %s, numpy %s, rows %d, churned %d, l2 %g" % (sklearn.__version__, np.__version__, len(y), int(y.sum()), L2))
    print("intercept    %.10g" % intercept)
    print("coefficients " + ", ".join("%.10g" % c for c in coefficients))
    beta = newton(X, y, L2)
    diff = max(abs(a - b) for a, b in zip([intercept] + coefficients, beta))
    print("numpy Newton %s (max |difference| %.1e)" % (", ".join("%.10g" % b for b in beta), diff))


if __name__ == "__main__":
    main()
