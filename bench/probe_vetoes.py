#!/usr/bin/env python3
"""What the paraphrase pass's number and date vetoes cost, on the labelled BASIL-dev
pairs of the verifier's training sample (target/verifier/ from `make train-verifier`).

The pass never compares two sentences that both give numbers, none shared, or both give
dates, none shared (`dedup::verdict`). This counts, among those pairs:
- how many are labelled the same fact, and how many a `conflict` (bench/gold/basil-facts);
- how many the verifier, out of fold by story with its own learner, would accept at the
  shipped threshold (data/verifier.txt) if the veto did not stop them first.

Usage: python3 bench/probe_vetoes.py
"""
import glob
import os
import sys

import numpy as np
from sklearn.model_selection import GroupKFold

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from basil_facts import labelled_pairs, read_labels  # noqa: E402
from probe_semantic import verifier_pairs  # noqa: E402
from train_verifier import out_of_fold  # noqa: E402

# Columns of the feature rows (src/paraphrase.rs `features`; 0 is the constant 1).
NUMBERS_MISMATCH, DATES_DISJOINT, SHARED_NUMBERS = 6, 7, 30


def conflict_pairs():
    """(story, id, id) of every pair within a `conflict` line, ids in order."""
    return {(os.path.basename(path)[:-len(".tsv")], *pair)
            for path in glob.glob(os.path.join(ROOT, "bench", "gold", "basil-facts", "*.tsv"))
            for pair in labelled_pairs(read_labels(path), "conflict")}


def main():
    pairs, x, y, groups = verifier_pairs()
    with open(os.path.join(ROOT, "data", "verifier.txt"), encoding="utf-8") as f:
        threshold = next(float(line.split()[1]) for line in f if line.startswith("threshold "))
    conflicts = conflict_pairs()
    in_conflict = np.array([
        (p[1].split(":")[0], *sorted((p[1].split(":")[1], p[2].split(":")[1]))) in conflicts for p in pairs])
    vetoed = ((x[:, NUMBERS_MISMATCH] > 0) & (x[:, SHARED_NUMBERS] == 0)) | (x[:, DATES_DISJOINT] > 0)
    p = out_of_fold(x, y, list(GroupKFold(n_splits=5).split(x, y, groups)))
    accepted = p >= threshold
    same = y == 1
    print(f"{len(y)} pairs, {same.sum()} same fact, {in_conflict.sum()} in a conflict line")
    print(f"vetoed (numbers or dates, none shared): {vetoed.sum()} pairs, {(vetoed & same).sum()} of them "
          f"the same fact, {(vetoed & in_conflict).sum()} a conflict")
    for name, rows in (("vetoed", vetoed), ("not vetoed", ~vetoed)):
        taken = rows & accepted
        print(f"{name}, out-of-fold probability >= {threshold:.3f}: {taken.sum()} pairs, "
              f"{(taken & same).sum()} the same fact, {(taken & in_conflict).sum()} a conflict")


if __name__ == "__main__":
    main()
