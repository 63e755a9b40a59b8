#!/usr/bin/python3
"""scikit-learn's Brier score and reliability curve of score_a for label (run once from this folder):
    /usr/bin/python3 make_reference_calibration.py  -> sklearn_calibration.csv (name,value)
"""
import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss

data = np.genfromtxt("cohort.csv", delimiter=",", names=True, dtype=None, encoding="utf-8")
y = data["label"].astype(int)
p = data["score_a"].astype(float)
prob_true, prob_pred = calibration_curve(y, p, n_bins=10, strategy="uniform")
with open("sklearn_calibration.csv", "w") as f:
    f.write("name,value\n")
    f.write(f"brier,{brier_score_loss(y, p)!r}\n")
    f.write(f"bins,{len(prob_true)}\n")
    for k, (t, q) in enumerate(zip(prob_true, prob_pred)):
        f.write(f"observed.{k},{t!r}\npredicted.{k},{q!r}\n")
