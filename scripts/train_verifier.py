#!/usr/bin/env python3
"""Trains the same-fact verifier: gradient-boosted trees over the pair features that
newsweave computes (`newsweave verifier-features`), written to data/verifier.txt for the
build script to compile in.

Usage: scripts/train_verifier.py TRAIN_FEATURES.tsv [MSRP_FEATURES.tsv] > data/verifier.txt

TRAIN_FEATURES.tsv: `label<TAB>group<TAB>features...` per pair (the bias left out): the hand-labelled BASIL-dev
samples train, dev and train2 (bench/basil_facts.py pairs --sample NAME; `make
train-verifier`), one group per story. The
merge threshold is the lowest at which the out-of-fold probabilities (folds by story, so
no story informs its own score) reach MERGE_PRECISION: a wrong merge credits an outlet
with words it did not write, a missed one only leaves two statements.

MSRP_FEATURES.tsv, if given, is only measured, never trained on: the same learner's
10-fold cross-validated accuracy on MSRP train, printed to stderr, as a check that the
features still tell paraphrases apart.

Deterministic for a given scikit-learn version (the Makefile pins it).
"""
import sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold, StratifiedKFold

MERGE_PRECISION = 0.95
TREES, DEPTH, RATE = 150, 3, 0.1


def learner():
    return HistGradientBoostingClassifier(
        max_iter=TREES, max_depth=DEPTH, learning_rate=RATE, early_stopping=False, random_state=0)


def load(path):
    rows = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8")]
    y = np.array([int(r[0]) for r in rows])
    x = np.array([[float(v) for v in r[2:]] for r in rows])
    return x, y, [r[1] for r in rows]


def out_of_fold(x, y, folds):
    p = np.zeros(len(y))
    for train, test in folds:
        p[test] = learner().fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    return p


def threshold_for(p, y, precision):
    """The lowest threshold whose merges reach `precision` (and their recall)."""
    order = np.argsort(-p)
    tp = fp = 0
    best = (1.0, 0.0)
    for k in order:
        tp += y[k]
        fp += 1 - y[k]
        if tp / (tp + fp) >= precision:
            best = (float(p[k]), tp / y.sum())
    return best


def export(model, threshold):
    """The trees as text: `baseline`, `threshold`, then one line per node:
    `node TREE FEATURE THRESHOLD LEFT RIGHT VALUE` (FEATURE -1 for a leaf; left when
    the feature is at most THRESHOLD; LEFT and RIGHT index nodes within the tree)."""
    lines = [
        "# Same-fact verifier: gradient-boosted trees over src/paraphrase.rs features.",
        "# Written by scripts/train_verifier.py (make train-verifier); do not edit by hand.",
        f"baseline {float(model._baseline_prediction.ravel()[0])!r}",
        f"threshold {threshold!r}",
    ]
    for t, (predictor,) in enumerate(model._predictors):
        for n, node in enumerate(predictor.nodes):
            if node["is_leaf"]:
                lines.append(f"node {t} -1 0 0 0 {float(node['value'])!r}")
            else:
                lines.append(f"node {t} {int(node['feature_idx'])} {float(node['num_threshold'])!r}"
                             f" {int(node['left'])} {int(node['right'])} 0")
    return "\n".join(lines) + "\n"


def main():
    x, y, groups = load(sys.argv[1])
    folds = list(GroupKFold(n_splits=5).split(x, y, groups))
    p = out_of_fold(x, y, folds)
    threshold, recall = threshold_for(p, y, MERGE_PRECISION)
    print(f"train: {len(y)} pairs ({y.sum()} same fact); out-of-fold, by story: "
          f"threshold {threshold:.3f} reaches precision {MERGE_PRECISION} at recall {recall:.3f}",
          file=sys.stderr)
    if len(sys.argv) > 2:
        mx, my, _ = load(sys.argv[2])
        mp = out_of_fold(mx, my, StratifiedKFold(n_splits=10, shuffle=True, random_state=0).split(mx, my))
        accuracy = max(((mp >= t) == my).mean() for t in np.arange(0.05, 0.96, 0.01))
        print(f"MSRP train, 10-fold CV, the same learner: accuracy {accuracy:.4f}", file=sys.stderr)
    model = learner().fit(x, y)
    sys.stdout.write(export(model, threshold))


if __name__ == "__main__":
    sys.exit(main())
