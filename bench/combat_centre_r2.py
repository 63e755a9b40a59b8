#!/usr/bin/python3
# How much of each radiomic feature's variance the centre explains, before and after ComBat.
# Usage: combat_centre_r2.py PROJECT.sqlite [RUN [REGION [ENDPOINT]]]   (a demo project; RUN: its pipeline
# run, default 1; REGION: tumour or ring, default both; ENDPOINT: only its labelled patients, as a run's
# endpoint step harmonises, so that the medians compare with the ComBat notes of drs train, which harmonises by default)
# Parametric ComBat (Johnson 2007, as sva::ComBat: pooled SD over n, sva's it.sol iteration) fitted on
# the training patients of the run's split and applied with those estimates to the held-out test
# patients; prints the median over features of the one-way ANOVA R^2 of centre. A measurement
# written independently of the product's ComBat (core/learn/ComBat.cpp); on the training rows it
# agrees with R sva 3.46.0 (docs/statistics.md).
import json, sqlite3, sys
import numpy as np

db = sqlite3.connect(sys.argv[1])
run = int(sys.argv[2]) if len(sys.argv) > 2 else 1
region_only = sys.argv[3] if len(sys.argv) > 3 else None
endpoint = sys.argv[4] if len(sys.argv) > 4 else None
test = set(json.loads(db.execute("SELECT checkpoint_json FROM run_steps WHERE run_id = ? AND step = 'split'",
                                 (run,)).fetchone()[0])["test_patients"])
locked = any(c[1] == "external_cohort_id" for c in db.execute("PRAGMA table_info(patients)"))  # schema >= 4
patients = db.execute("SELECT id, centre FROM patients" + (" WHERE external_cohort_id IS NULL" if locked else "") +
                      " ORDER BY id").fetchall()
values, names = {}, []
for set_id, region in db.execute("SELECT id, region_kind FROM feature_sets ORDER BY id").fetchall():
    if region_only and region != region_only: continue
    for pid, name, value in db.execute("SELECT patient_id, name, value FROM feature_values WHERE feature_set_id = ?",
                                       (set_id,)):
        column = region + ":" + name
        values.setdefault(pid, {})[column] = np.nan if value is None else value
        if column not in names: names.append(column)
labelled = {r[0] for r in db.execute("SELECT patient_id FROM labels JOIN endpoints ON endpoints.id = endpoint_id "
                                     "WHERE endpoints.name = ?", (endpoint,))} if endpoint else None
rows = [(pid, c) for pid, c in patients if pid in values and (labelled is None or pid in labelled)]
centre = np.array([c for _, c in rows])
train = np.array([pid not in test for pid, _ in rows])
x = np.array([[values[pid].get(n, np.nan) for n in names] for pid, _ in rows])
x = x[:, np.isfinite(x[train]).all(0) & (x[train].std(0) > 0)]


def r2(v, g):
    m = v.mean()
    return sum((g == c).sum() * (v[g == c].mean() - m) ** 2 for c in np.unique(g)) / ((v - m) ** 2).sum()


xt, ct = x[train], centre[train]
batches = sorted(set(ct))
n = len(xt)
means = np.array([xt[ct == b].mean(0) for b in batches])
sizes = np.array([(ct == b).sum() for b in batches])
grand = (sizes[:, None] * means).sum(0) / n
sd = np.sqrt(sum(((xt[ct == b] - means[i]) ** 2).sum(0) for i, b in enumerate(batches)) / n)
s = (xt - grand) / sd
gamma, delta = {}, {}
for b in batches:
    sb = s[ct == b]
    m = len(sb)
    gh, dh = sb.mean(0), sb.var(0, ddof=1)
    gbar, t2, dm, dv = gh.mean(), gh.var(ddof=1), dh.mean(), dh.var(ddof=1)
    a, bb = (2 * dv + dm ** 2) / dv, (dm * dv + dm ** 3) / dv
    g, d = gh.copy(), dh.copy()
    for _ in range(10000):
        gn = (t2 * m * gh + d * gbar) / (t2 * m + d)
        dn = (0.5 * ((sb - gn) ** 2).sum(0) + bb) / (m / 2 + a - 1)
        change = max((abs(gn - g) / g).max(), (abs(dn - d) / d).max())
        g, d = gn, dn
        if change <= 1e-4: break
    gamma[b], delta[b] = g, d
h = np.array([((x[k] - grand) / sd - gamma[c]) / np.sqrt(delta[c]) * sd + grand for k, c in enumerate(centre)])
print(f"{x.shape[1]} features, centres {', '.join(batches)}")
for label, rows_of in [("training (fitted)", train), ("test (held out)", ~train)]:
    before = [r2(x[rows_of, j], centre[rows_of]) for j in range(x.shape[1])]
    after = [r2(h[rows_of, j], centre[rows_of]) for j in range(x.shape[1])]
    print(f"{label:18s} n={rows_of.sum():3d}  median R2 of centre: before {np.median(before):.4f}, "
          f"after {np.median(after):.4f}; features with R2 > 0.1: {sum(v > 0.1 for v in before)} -> "
          f"{sum(v > 0.1 for v in after)}")
