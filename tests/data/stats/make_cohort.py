#!/usr/bin/python3
"""Generates the synthetic cohort used by the statistics and learning tests (run once; output committed).

Rows are fictitious patients: 12 predictors shaped like the fused Deep-RadScore vector (10 deep
features and two RadScores), a common endpoint (~30 % positive) and a rare one (~7 %), two model
scores for ROC tests (one rounded to create ties), and categorical columns for contingency tests.
Also writes the fold files (scikit-learn RepeatedStratifiedKFold, 5 folds x 10 repeats, seed 0).
"""
import numpy as np
from sklearn.model_selection import RepeatedStratifiedKFold

rng = np.random.default_rng(20240601)
n = 355
features = [f"deep_{i}" for i in range(1, 11)] + ["radscore_tumour", "radscore_ring"]
latent = rng.normal(size=(n, 4))
mixing = rng.normal(size=(4, 12))
x = latent @ mixing + rng.normal(scale=1.0, size=(n, 12))
x = x * rng.uniform(0.5, 20.0, size=12) + rng.uniform(-50, 50, size=12)
w = np.zeros(12)
w[[0, 3, 10, 11]] = [0.9, -0.6, 1.1, 0.7]
z = (x - x.mean(0)) / x.std(0)
eta = z @ w - 1.0
label = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(int)
eta_rare = z @ (0.8 * w) - 3.2
label_rare = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta_rare))).astype(int)
score_a = 1 / (1 + np.exp(-(eta + rng.normal(scale=1.0, size=n))))
score_b = np.round(1 / (1 + np.exp(-(0.7 * eta + rng.normal(scale=1.2, size=n)))), 1)
sex = np.where(rng.uniform(size=n) < 0.45 + 0.15 * label, "F", "M")
stage = rng.choice(["I", "II", "III"], size=n, p=[0.5, 0.3, 0.2])
centre = rng.choice(["A", "B"], size=n)

with open("cohort.csv", "w") as f:
    f.write("id,label,label_rare,score_a,score_b,sex,stage,centre," + ",".join(features) + "\n")
    for i in range(n):
        cells = [f"P{i:04d}", str(label[i]), str(label_rare[i]), repr(float(score_a[i])),
                 repr(float(score_b[i])), sex[i], stage[i], centre[i]]
        cells += [repr(float(round(v, 6))) for v in x[i]]
        f.write(",".join(cells) + "\n")

for name, y in [("folds_label.csv", label), ("folds_label_rare.csv", label_rare)]:
    splitter = RepeatedStratifiedKFold(n_splits=5, n_repeats=10, random_state=0)
    with open(name, "w") as f:
        f.write("repeat,row,fold\n")
        for k, (_, test) in enumerate(splitter.split(np.zeros(n), y)):
            for row in test:
                f.write(f"{k // 5},{row},{k % 5}\n")
print("label prevalence", label.mean(), "rare", label_rare.mean())
