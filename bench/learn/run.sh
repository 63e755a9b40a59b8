#!/usr/bin/env bash
# Side-by-side benchmark of the classifier panel: C++ (bench_learn_panel, 1 and 2 threads) and
# scikit-learn (python3-sklearn, dev machine only) on the same table and folds, in one run.
# Usage: bench/learn/run.sh [build dir]   (from the repository root)
set -euo pipefail
build="${1:-build}"
data=tests/data/stats
features=deep_1,deep_2,deep_3,deep_4,deep_5,deep_6,deep_7,deep_8,deep_9,deep_10,radscore_tumour,radscore_ring
echo "== C++, 1 thread";  /usr/bin/time -f "wall %e s, user %U s" "$build/bin/bench_learn_panel" $data/cohort.csv label $features $data/folds_label.csv 1
echo "== C++, 2 threads"; /usr/bin/time -f "wall %e s, user %U s" "$build/bin/bench_learn_panel" $data/cohort.csv label $features $data/folds_label.csv 2
echo "== scikit-learn";   /usr/bin/time -f "wall %e s, user %U s" /usr/bin/python3 bench/learn/sklearn_panel.py $data/cohort.csv label $features $data/folds_label.csv
echo "== C++, 2 threads, ten endpoints"; /usr/bin/time -f "wall %e s, user %U s" "$build/bin/bench_learn_panel" $data/cohort.csv label $features $data/folds_label.csv 2 10
