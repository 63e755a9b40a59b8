#!/usr/bin/env python3
"""How far each model's CV AUC overstates its test AUC in a finished pipeline run.

Usage: bench/learn/cv_gap.py PROJECT.sqlite [RUN_ID]   (default: the newest finished run)

Per endpoint and model: the chosen classifier's CV AUC (mean over the folds, as the panel
reports it) and the test AUC, then per model the means over the endpoints and their difference.
Reads the run's evidence checkpoints only (Python's sqlite3, no DeepRadScore code).
"""
import json
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
run = int(sys.argv[2]) if len(sys.argv) > 2 else db.execute(
    "SELECT max(id) FROM runs WHERE kind = 'pipeline' AND status = 'finished'").fetchone()[0]
steps = dict(db.execute("SELECT step, checkpoint_json FROM run_steps WHERE run_id = ?", (run,)).fetchall())
if "test-evaluation" in steps:  # runs that evaluate their test cohort in a final step
    endpoints = json.loads(steps["test-evaluation"])["endpoints"]
else:
    endpoints = [e for step, text in sorted(steps.items()) if step.startswith("endpoint:")
                 for e in json.loads(text)["endpoints"]]
pairs = {}
print(f"run {run}")
for endpoint in endpoints:
    cells = [endpoint["endpoint"]]
    for model in endpoint.get("models", []):
        cv = next(c["mean_auc"] for c in model["panel"] if c["classifier"] == model["chosen_classifier"])
        pairs.setdefault(model["model"], []).append((cv, model["test_auc"]))
        cells.append(f"{model['model']} cv {cv:.3f} test {model['test_auc']:.3f}")
    print("  ".join(cells))
for model, values in pairs.items():
    cv = sum(a for a, _ in values) / len(values)
    test = sum(b for _, b in values) / len(values)
    print(f"{model}: mean CV {cv:.3f}, mean test {test:.3f}, CV - test {cv - test:+.3f} over {len(values)} endpoints")
