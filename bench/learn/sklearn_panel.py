#!/usr/bin/python3
"""scikit-learn doing what bench_learn_panel does: the seven-classifier panel, defaults, z-score
inside each training fold, the same fold file. Usage: sklearn_panel.py TABLE LABEL FEATURES FOLD_FILE"""
import sys
import time
import warnings

import numpy as np
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

warnings.filterwarnings("ignore")
table, label, features, fold_file = sys.argv[1:5]
data = np.genfromtxt(table, delimiter=",", names=True, dtype=None, encoding="utf-8")
x = np.column_stack([data[f].astype(float) for f in features.split(",")])
y = data[label].astype(int)
folds = {}
for rep, row, fold in np.loadtxt(fold_file, delimiter=",", skiprows=1, dtype=int):
    folds.setdefault((rep, fold), []).append(row)
makers = {
    "svm": lambda s: SVC(probability=True, random_state=s),
    "knn": lambda s: KNeighborsClassifier(),
    "rf": lambda s: RandomForestClassifier(random_state=s),
    "nb": lambda s: GaussianNB(),
    "lr": lambda s: LogisticRegression(),
    "mlp": lambda s: MLPClassifier(random_state=s),
    "lda": lambda s: LinearDiscriminantAnalysis(),
}
total = 0.0
for name, make in makers.items():
    start = time.perf_counter()
    aucs = []
    for k, ((rep, fold), test) in enumerate(sorted(folds.items())):
        test = np.array(sorted(test))
        train = np.setdiff1d(np.arange(len(y)), test)
        scaler = StandardScaler().fit(x[train])
        model = make(k).fit(scaler.transform(x[train]), y[train])
        aucs.append(roc_auc_score(y[test], model.predict_proba(scaler.transform(x[test]))[:, 1]))
    seconds = time.perf_counter() - start
    total += seconds
    print(f"{name:<4} {seconds:8.3f} s  mean AUC {np.mean(aucs):.4f}")
print(f"panel {total:7.3f} s  (scikit-learn, 1 process)")
