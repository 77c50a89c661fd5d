#!/usr/bin/env python3
"""How far the same-fact labels (bench/gold/basil-facts/) can carry the verifier.

  python3 bench/probe_labels.py agree [--second bench/gold/basil-facts-second]

Agreement between two blind labellings of the same stories: every pair of sentences
that one labelling lists in a `same` line, scored against the other's, both ways. The
second labelling (bench/gold/basil-facts-second/, one file per story, same format) was
made later, by another labeller who saw neither the first labels nor newsweave's output
(both labellers were language-model helpers working from the same rules; see that
folder's README). Where two labellers agree less than a target asks of a program, the
target measures the labeller as much as the program.

  python3 bench/probe_labels.py curve

The verifier's learner trained on a share of the labelled stories (each fold's training
stories drawn at random, three draws: their mean, lowest and highest; the same
out-of-fold split by story as `make train-verifier`): how much more labels would help.
"""
import argparse
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "scripts"))
from basil_facts import is_cross, labelled_pairs, read_labels  # noqa: E402

GOLD = os.path.join(HERE, "gold", "basil-facts")


def agree(args):
    totals = {"first": 0, "second": 0, "both": 0}
    across = {"first": 0, "second": 0, "both": 0}
    within = {"first": 0, "second": 0, "both": 0}
    print("| story | first's pairs | second's pairs | in both | second against first: recall / precision | core event fact shares a pair |")
    print("|---|---|---|---|---|---|")
    for name in sorted(f for f in os.listdir(args.second) if f.endswith(".tsv")):
        first_labels = read_labels(os.path.join(GOLD, name))
        second_labels = read_labels(os.path.join(args.second, name))
        first, second = labelled_pairs(first_labels, "same"), labelled_pairs(second_labels, "same")
        both = first & second
        main_first, main_second = (labelled_pairs([l for l in labels if l[2]], "same")
                                   for labels in (first_labels, second_labels))
        core = "yes" if main_first & main_second else "no"
        print(f"| {name[:8]} | {len(first)} ({sum(map(is_cross, first))} across outlets) | "
              f"{len(second)} ({sum(map(is_cross, second))}) | "
              f"{len(both)} | {len(both) / max(1, len(first)):.3f} / {len(both) / max(1, len(second)):.3f} | {core} |")
        for counts, keep in ((totals, lambda p: True), (across, is_cross), (within, lambda p: not is_cross(p))):
            counts["first"] += sum(map(keep, first))
            counts["second"] += sum(map(keep, second))
            counts["both"] += sum(map(keep, both))
    for name, counts in (("all", totals), ("across outlets", across), ("within one outlet", within)):
        f, s, b = counts["first"], counts["second"], counts["both"]
        print(f"| {name} | {f} | {s} | {b} | {b / max(1, f):.3f} / {b / max(1, s):.3f} | |")
    return 0


def curve(_args):
    from sklearn.metrics import average_precision_score
    from sklearn.model_selection import GroupKFold
    from train_verifier import learner, load, threshold_for
    path = os.path.join(HERE, "..", "target", "verifier", "train-features.tsv")
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: run `make train-verifier`")
    x, y, groups = load(path)
    groups = np.array(groups)
    folds = list(GroupKFold(n_splits=5).split(x, y, groups))
    rng = np.random.RandomState(0)
    print("| share of the training stories | training stories per fold | average precision | recall at 0.95 | at 0.90 |")
    print("|---|---|---|---|---|")
    spread = lambda xs: f"{np.mean(xs):.3f} ({min(xs):.3f} to {max(xs):.3f})" if len(xs) > 1 else f"{xs[0]:.3f}"  # noqa: E731
    for share in (0.25, 0.5, 0.75, 1.0):
        runs, kept_counts = [], []
        for _ in range(3 if share < 1 else 1):
            p = np.zeros(len(y))
            for train, test in folds:
                stories = np.unique(groups[train])
                kept = rng.choice(stories, max(1, round(share * len(stories))), replace=False)
                kept_counts.append(len(kept))
                train = train[np.isin(groups[train], kept)]
                p[test] = learner().fit(x[train], y[train]).predict_proba(x[test])[:, 1]
            runs.append((average_precision_score(y, p), threshold_for(p, y, 0.95)[1], threshold_for(p, y, 0.90)[1]))
        ap, r95, r90 = ([run[k] for run in runs] for k in range(3))
        print(f"| {share:.2f} | {np.mean(kept_counts):.1f} | {spread(ap)} | {spread(r95)} | {spread(r90)} |")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("agree")
    a.add_argument("--second", default=os.path.join(HERE, "gold", "basil-facts-second"))
    sub.add_parser("curve")
    args = parser.parse_args()
    return agree(args) if args.command == "agree" else curve(args)


if __name__ == "__main__":
    sys.exit(main())
