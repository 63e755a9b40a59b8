#!/usr/bin/python3
"""How much of a finished `drs demo`'s fused result hangs on which Deep-CT network supplied the features.

Usage: bench/learn/network_variance.py DEMO_DIR [RUN_ID]   (default: the newest finished run)

A run with shared networks trains one network per outer CV fold and repeat and one on all training
patients (the final network, whose features the fused model reads); each network's step in
`run_steps` keeps its ten deep features for every patient. Per endpoint and per network, a logistic
regression on the logit of the run's Radiomics-Score probability and the network's ten deep features
is fitted on the training patients and scores the test patients once (a stand-in for the fused
panel, the same for every network). It prints the test AUC with the final network, the spread over
all networks (a fold network saw 80 % of the training patients, so this is the spread between
networks trained on nearly the same patients from other initialisations), the AUC of the average
of all networks' regression scores (an ensemble), and, as truth-recovery.csv defines it, the mean
share of the chance-to-oracle gap each closes. A diagnostic for the issue-10 targets: it chooses
nothing in the product and runs no DeepRadScore code. numpy only (Debian's python3-numpy).
"""
import csv
import json
import os
import sqlite3
import sys

import numpy as np

from fusion_bound import auc, endpoints_of_run, fit_logistic, logit


def standardised(train, test):
    mean, sd = train.mean(0), train.std(0)
    sd[sd == 0] = 1
    return (train - mean) / sd, (test - mean) / sd


def main(demo, run):
    db = sqlite3.connect(os.path.join(demo, 'project.sqlite'))
    if run is None:
        run = db.execute("SELECT max(id) FROM runs WHERE kind = 'pipeline' AND status = 'finished'").fetchone()[0]
    oracle = {row['endpoint']: float(row['oracle_auc'])
              for row in csv.DictReader(open(os.path.join(demo, 'truth-recovery.csv'))) if row['endpoint'] != 'mean'}
    pseudonym = dict(db.execute('SELECT id, pseudonym FROM patients'))
    networks = {}
    for step, checkpoint in db.execute("SELECT step, checkpoint_json FROM run_steps WHERE run_id = ? AND step LIKE "
                                       "'deep-network:%'", (run,)):
        saved = json.loads(checkpoint)
        networks[step.split(':', 1)[1]] = {pseudonym[p]: f for p, f in zip(saved['patients'], saved['features'])}
    if 'final' not in networks:
        sys.exit(f'run {run} has no shared final network (a run of single-task networks keeps no fold networks)')

    columns = ['DRS', 'final', 'mean', 'sd', 'min', 'max', 'ensemble']
    rows = []
    for endpoint, labels, rs_train, rs_test, drs_test in endpoints_of_run(db, run):
        train, test = sorted(rs_train), sorted(rs_test)
        y_train = np.array([labels[p] for p in train])
        y_test = np.array([labels[p] for p in test])
        scores = {}
        for name, features in networks.items():
            x_train, x_test = standardised(
                np.c_[logit([rs_train[p] for p in train]), [features[p] for p in train]],
                np.c_[logit([rs_test[p] for p in test]), [features[p] for p in test]])
            scores[name] = fit_logistic(x_train, y_train)(x_test)
        each = np.array([auc(y_test, s) for s in scores.values()])
        ensemble = auc(y_test, np.mean(list(scores.values()), axis=0))
        rows.append((endpoint, [auc(y_test, [drs_test[p] for p in test]), auc(y_test, scores['final']),
                                each.mean(), each.std(), each.min(), each.max(), ensemble]))

    print(f"run {run}, {len(networks)} networks; test AUC per endpoint. DRS: the run's Deep-RadScore model; final: "
          "RS logit + the final network's deep features, logistic regression; mean, sd, min, max: the same over "
          "every network; ensemble: the average of every network's regression score")
    print('endpoint  ' + ' '.join(c.rjust(8) for c in columns))
    for endpoint, cells in rows:
        print(endpoint.ljust(9) + ' ' + ' '.join(f'{v:8.3f}' for v in cells))
    table = np.array([cells for _, cells in rows])
    gaps = (table - 0.5) / (np.array([oracle[e] for e, _ in rows]) - 0.5)[:, None]
    gaps[:, columns.index('sd')] = np.nan
    print('mean      ' + ' '.join(f'{v:8.3f}' for v in table.mean(0)))
    print('gap closed' + ' '.join('       -' if np.isnan(v) else f'{100 * v:7.1f}%' for v in gaps.mean(0)))


if __name__ == '__main__':
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else None)
