"""The reference fit's AUC on the synthetic churn data, for the evidence issue's closing note.

How to run (from the repository root, with the venv of logistic_reference.py):

    cargo run -q --release -p healthscore-cli -- score docs/examples/dear.json \
        core/src/templates/synthetic_churn.csv > /tmp/syn_scores.csv
    /tmp/skvenv/bin/python tests/reference/synthetic_reference_auc.py

It reads each metric's points from the scored CSV (as sub-scores, points / weight * 100) and the
Churned column from the synthetic data, and prints: the template's AUC (the DEAR card's score;
core/tests/evidence.rs finds the same 0.8389), and scikit-learn's LogisticRegression on the
sub-scores, judged out of fold (stratified 5- and 10-fold) and in sample.
"""
import csv, numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, KFold
from sklearn.metrics import roc_auc_score
scores = list(csv.DictReader(open('/tmp/syn_scores.csv')))
raw = list(csv.DictReader(open('core/src/templates/synthetic_churn.csv')))
y = np.array([1 if r['Churned'].strip().lower() in ('yes','1','true','churned') else 0 for r in raw])
cols = [c for c in scores[0] if '(points of' in c]
w = [float(c.split('points of ')[1].rstrip(')')) for c in cols]
X = np.array([[float(r[c]) / wi * 100 if r[c] not in ('', '–') else 0.0 for c, wi in zip(cols, w)] for r in scores])
s = np.array([float(r['Score']) for r in scores])
print('rows', len(y), 'churn rate', y.mean().round(3))
print('template AUC (score vs churn, churned scoring lower):', round(roc_auc_score(y, -s), 4))
for k, name in ((5, '5-fold'), (10, '10-fold')):
  for C in (1.0, 0.01):
    oof = np.zeros(len(y))
    for tr, te in StratifiedKFold(k, shuffle=True, random_state=0).split(X, y):
        m = LogisticRegression(C=C, max_iter=10000).fit(X[tr], y[tr]); oof[te] = m.decision_function(X[te])
    print(f'reference fit (sklearn LogisticRegression C={C}, {name} out-of-fold): AUC', round(roc_auc_score(y, oof), 4))
m = LogisticRegression(C=1.0, max_iter=10000).fit(X, y)
print('reference fit in-sample AUC', round(roc_auc_score(y, m.decision_function(X)), 4), 'coef', np.round(m.coef_[0], 4))
