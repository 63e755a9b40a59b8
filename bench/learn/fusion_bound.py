#!/usr/bin/python3
"""What the fused model of a finished `drs demo` could reach if its deep half saw the planted truth.

Usage: bench/learn/fusion_bound.py DEMO_DIR [RUN_ID]   (default: the newest finished run)

Reads DEMO_DIR/project.sqlite (the Radiomics-Score model's probabilities for the training and the
test patients, the labels), DEMO_DIR/cohort/truth.csv (the planted latents) and
DEMO_DIR/truth-recovery.csv (the oracle AUC per endpoint). Per endpoint it fits a logistic
regression on the training patients and scores the test patients once, with these inputs:

  RS + pattern, r      logit of the Radiomics-Score probability and a stand-in for a deep feature
                       that correlates r with the `pattern` latent (r * pattern + sqrt(1 - r^2) *
                       noise; 20 noise draws averaged for r < 1)
  RS + lung            logit of the Radiomics-Score probability and max(0, smoking): the lung
                       density the image shows
  RS + pattern + lung  both, with r = 1
  latents              the eight latents themselves (a linear model fitted on the same patients)
  latents seen         the latents radiomics can see: all but pattern and smoking

It prints each endpoint's test AUC and, per column, the mean and the mean share of the gap between
chance and the oracle that it closes, as truth-recovery.csv defines it. Then, from DEMO_DIR/evidence.json
(the SHAP summary keeps the fused model's inputs per test patient), how closely the run's own deep
features follow the pattern and the lung density: the largest |r| of a deep input per endpoint,
averaged over the endpoints. A diagnostic that bounds
the issue-10 targets: it chooses nothing in the product and runs no DeepRadScore code. numpy only
(Debian's python3-numpy).
"""
import csv
import json
import os
import sqlite3
import sys

import numpy as np

NOISE_DRAWS = 20


def auc(labels, scores):
    """Mann-Whitney AUC with mid-ranks for ties."""
    labels = np.asarray(labels)
    scores = np.asarray(scores, float)
    ranks = np.empty(len(scores))
    ranks[scores.argsort(kind='stable')] = np.arange(1, len(scores) + 1)
    for value in np.unique(scores):
        tied = scores == value
        ranks[tied] = ranks[tied].mean()
    positives = (labels == 1).sum()
    negatives = len(labels) - positives
    return (ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives)


def fit_logistic(x, y, ridge=1e-3):
    """Newton-Raphson; the small ridge keeps a separable training set finite."""
    x = np.c_[np.ones(len(x)), x]
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + ridge * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + ridge * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    return lambda rows: np.c_[np.ones(len(rows)), rows] @ w


def logit(p):
    p = np.clip(np.asarray(p, float), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def endpoints_of_run(db, run):
    """Per endpoint of the run with all three probability sets: its name, labels by pseudonym, and the
    Radiomics-Score's training and test probabilities and the Deep-RadScore's test probabilities."""
    def probabilities(endpoint, model, subset):
        return dict(db.execute(
            "SELECT pa.pseudonym, p.probability FROM predictions p JOIN trained_models t ON t.id = p.model_id "
            "JOIN endpoints e ON e.id = t.endpoint_id JOIN patients pa ON pa.id = p.patient_id "
            "WHERE t.run_id = ? AND e.name = ? AND t.model = ? AND p.subset = ?", (run, endpoint, model, subset)))

    for (endpoint,) in db.execute("SELECT DISTINCT e.name FROM trained_models t JOIN endpoints e ON "
                                  "e.id = t.endpoint_id WHERE t.run_id = ? ORDER BY e.id", (run,)).fetchall():
        labels = dict(db.execute("SELECT pa.pseudonym, l.value FROM labels l JOIN endpoints e ON e.id = "
                                 "l.endpoint_id JOIN patients pa ON pa.id = l.patient_id WHERE e.name = ?",
                                 (endpoint,)))
        rs_train = probabilities(endpoint, 'Radiomics-Score', 'train')
        rs_test = probabilities(endpoint, 'Radiomics-Score', 'test')
        drs_test = probabilities(endpoint, 'Deep-RadScore', 'test')
        if rs_train and rs_test and drs_test:
            yield endpoint, labels, rs_train, rs_test, drs_test


def main(demo, run):
    db = sqlite3.connect(os.path.join(demo, 'project.sqlite'))
    if run is None:
        run = db.execute("SELECT max(id) FROM runs WHERE kind = 'pipeline' AND status = 'finished'").fetchone()[0]
    truth = {row['pseudonym']: row for row in csv.DictReader(open(os.path.join(demo, 'cohort', 'truth.csv')))}
    oracle = {row['endpoint']: float(row['oracle_auc'])
              for row in csv.DictReader(open(os.path.join(demo, 'truth-recovery.csv'))) if row['endpoint'] != 'mean'}
    latents = [name for name in next(iter(truth.values())) if name.startswith('z_')]
    seen = [name for name in latents if name not in ('z_pattern', 'z_smoking')]
    rng = np.random.default_rng(0)

    columns = ['RS', 'DRS', 'pat r=1', 'r=0.8', 'r=0.6', 'r=0.36', 'lung', 'pat+lung', 'latents', 'seen']
    rows = []
    for endpoint, labels, rs_train, rs_test, drs_test in endpoints_of_run(db, run):
        train, test = sorted(rs_train), sorted(rs_test)
        y_train = np.array([labels[p] for p in train])
        y_test = np.array([labels[p] for p in test])
        pattern = {p: float(truth[p]['z_pattern']) for p in train + test}
        lung = {p: max(0.0, float(truth[p]['z_smoking'])) for p in train + test}

        def fused(extra):
            x_train = np.c_[logit([rs_train[p] for p in train]), [[f(p) for f in extra] for p in train]]
            x_test = np.c_[logit([rs_test[p] for p in test]), [[f(p) for f in extra] for p in test]]
            return auc(y_test, fit_logistic(x_train, y_train)(x_test))

        def on_latents(names):
            table = lambda patients: np.array([[float(truth[p][n]) for n in names] for p in patients])
            return auc(y_test, fit_logistic(table(train), y_train)(table(test)))

        cells = [auc(y_test, [rs_test[p] for p in test]), auc(y_test, [drs_test[p] for p in test]),
                 fused([pattern.get])]
        for r in (0.8, 0.6, 0.36):
            draws = []
            for _ in range(NOISE_DRAWS):
                noise = {p: rng.standard_normal() for p in train + test}
                draws.append(fused([lambda p: r * pattern[p] + np.sqrt(1 - r * r) * noise[p]]))
            cells.append(np.mean(draws))
        cells += [fused([lung.get]), fused([pattern.get, lung.get]), on_latents(latents), on_latents(seen)]
        rows.append((endpoint, cells))

    print(f"run {run}; test AUC per endpoint. RS, DRS: the run's Radiomics-Score and Deep-RadScore models; "
          "pat r: RS + pattern stand-in; lung: RS + lung density; pat+lung: RS + both; latents, seen: all, all but "
          "pattern and smoking")
    print('endpoint  ' + ' '.join(c.rjust(8) for c in columns))
    for endpoint, cells in rows:
        print(endpoint.ljust(9) + ' ' + ' '.join(f'{v:8.3f}' for v in cells))
    table = np.array([cells for _, cells in rows])
    gaps = (table - 0.5) / (np.array([oracle[e] for e, _ in rows]) - 0.5)[:, None]
    print('mean      ' + ' '.join(f'{v:8.3f}' for v in table.mean(0)))
    print('gap closed' + ' '.join(f'{100 * v:7.1f}%' for v in gaps.mean(0)))

    # evidence.json describes the newest run only, whatever RUN_ID says.
    largest = {'pattern': [], 'lung density': []}
    for endpoint in json.load(open(os.path.join(demo, 'evidence.json')))['endpoints']:
        shap, patients = endpoint.get('shap') or {}, endpoint.get('test_patients', [])
        values = np.array(shap.get('feature_values', []), float)
        if len(values) != len(patients) or not len(patients):
            continue
        columns_deep = [k for k, name in enumerate(shap['features'])
                        if name.startswith('deep_') and values[:, k].std() > 0]
        for latent, of in (('pattern', lambda p: float(truth[p]['z_pattern'])),
                           ('lung density', lambda p: max(0.0, float(truth[p]['z_smoking'])))):
            target = [of(p) for p in patients]
            largest[latent].append(max((abs(np.corrcoef(values[:, k], target)[0, 1]) for k in columns_deep), default=0))
    print('the run\'s deep features on the test patients, largest |r| per endpoint, mean over endpoints: ' +
          ', '.join(f'{latent} {np.mean(r):.2f}' for latent, r in largest.items() if r))


if __name__ == '__main__':
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else None)
