#!/usr/bin/python3
"""Reference numbers from scikit-learn for the classifier-panel tests. Run once from this folder:
    /usr/bin/python3 make_reference_sklearn.py  -> sklearn_cv_auc.csv, sklearn_fit_proba.csv
Each classifier uses scikit-learn's defaults; predictors are z-scored inside every training fold
(StandardScaler, population SD); the folds come from folds_<label>.csv (repeat,row,fold).
AUC = roc_auc_score of predict_proba[:, 1] on the held-out fold.
"""
import numpy as np
import sklearn
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
import warnings

warnings.filterwarnings("ignore")
features = [f"deep_{i}" for i in range(1, 11)] + ["radscore_tumour", "radscore_ring"]
data = np.genfromtxt("cohort.csv", delimiter=",", names=True, dtype=None, encoding="utf-8")
x = np.column_stack([data[f].astype(float) for f in features])


def panel(seed, balanced=False):
    cw = "balanced" if balanced else None
    return {
        "svm": SVC(probability=True, random_state=seed, class_weight=cw),
        "knn": KNeighborsClassifier(),
        "rf": RandomForestClassifier(random_state=seed, class_weight=cw),
        "nb": GaussianNB(),
        # The default lbfgs stops short of the optimum (even with tol=1e-12 it ends ~1e-5 away);
        # newton-cholesky minimises the same objective to its exact optimum.
        "lr": LogisticRegression(solver="newton-cholesky", tol=1e-12, max_iter=1000, class_weight=cw),
        "mlp": MLPClassifier(random_state=seed),
        "lda": LinearDiscriminantAnalysis(),
    }


def folds_of(path):
    table = np.loadtxt(path, delimiter=",", skiprows=1, dtype=int)
    out = {}
    for rep, row, fold in table:
        out.setdefault((rep, fold), []).append(row)
    return out


with open("sklearn_cv_auc.csv", "w") as f:
    f.write("label,class_weight,classifier,repeat,fold,auc\n")
    for label, balanced_options in [("label", [False]), ("label_rare", [False, True])]:
        y = data[label].astype(int)
        folds = folds_of(f"folds_{label}.csv")
        for balanced in balanced_options:
            for (rep, fold), test in sorted(folds.items()):
                test = np.array(sorted(test))
                train = np.setdiff1d(np.arange(len(y)), test)
                scaler = StandardScaler().fit(x[train])
                for name, model in panel(rep * 5 + fold, balanced).items():
                    if balanced and name not in ("svm", "rf", "lr"):
                        continue
                    model.fit(scaler.transform(x[train]), y[train])
                    p = model.predict_proba(scaler.transform(x[test]))[:, 1]
                    f.write(f"{label},{'balanced' if balanced else 'none'},{name},{rep},{fold},{roc_auc_score(y[test], p)!r}\n")

# Probabilities of one fit (training rows = repeat 0 folds 1-4) for the first 20 held-out rows.
y = data["label"].astype(int)
test = np.array(sorted(folds_of("folds_label.csv")[(0, 0)]))
train = np.setdiff1d(np.arange(len(y)), test)
scaler = StandardScaler().fit(x[train])
with open("sklearn_fit_proba.csv", "w") as f:
    f.write("classifier,row,proba\n")
    for name in ["knn", "nb", "lr", "lda"]:
        model = panel(0)[name].fit(scaler.transform(x[train]), y[train])
        p = model.predict_proba(scaler.transform(x[test[:20]]))[:, 1]
        for row, value in zip(test[:20], p):
            f.write(f"{name},{row},{value!r}\n")
