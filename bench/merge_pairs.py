#!/usr/bin/env python3
"""Statements against hand labels: are two sentences that newsweave merges one fact, and
are two alike sentences that it keeps apart two facts?

Usage:
  bench/merge_pairs.py score CORPUS.json DIGEST.json bench/gold/merge-pairs.tsv
  bench/merge_pairs.py draw CORPUS.json DIGEST.json --seed S --merged N --near N > PAIRS.tsv

CORPUS.json is the 1 MB ECB+ corpus (bench/ecb_corpus.py), DIGEST.json its Digest
(`profile_once CORPUS DIGEST`). A sentence is named by its article and the first 48
characters of its text (white space folded), as in bench/quote_speakers.py.

`draw` picks sentence pairs from two different articles of one story, for labelling
(with their full texts, in random order, not saying which pool a pair came from):
- "merged": two wordings of one statement (a random statement with several sources,
  then a random pair of its sentences with different wording);
- "near": two sentences of different statements that share at least 30 % of their
  content words (Jaccard), the pairs a merge could plausibly have joined.

`score` reads the labels (1: one fact, a fact-checker would accept one statement; 0:
two facts; ?: unclear, left out) and reports, for the current Digest, how many pairs
of each label are in one statement: the precision of the merges among the labelled
pairs, and the share of same-fact pairs merged. A pair whose sentences are no longer
found (the segmentation changed) is counted as missing.
"""
import argparse, collections, json, random, re, sys

STOP = set("""a an the and or but of to in on at for from by with as is are was were be been being
it its this that these those he she they them his her their we our you your i me my not no
has have had do does did will would can could may might shall should said says say told
about after before over under than then there here who whom which what when where why how
also into out up down more most other some such only own same so too very just""".split())


def key(corpus, sentence):
    return (corpus[sentence["source"]]["label"], " ".join(sentence["text"].split())[:48])


def content_words(text):
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP and len(w) > 2}


def draw(corpus, digest, seed, merged_count, near_count):
    rng = random.Random(seed)
    sentences = digest["sentences"]
    statements = digest["statements"]
    fold = lambda i: " ".join(sentences[i]["text"].lower().split())
    merged = []
    multi = [s for s in statements if len(s["sources"]) > 1]
    seen = set()
    while len(merged) < merged_count and multi:
        s = rng.choice(multi)
        pairs = [
            (a, b)
            for x, a in enumerate(s["sentences"])
            for b in s["sentences"][x + 1 :]
            if sentences[a]["source"] != sentences[b]["source"] and fold(a) != fold(b)
        ]
        if not pairs:
            multi.remove(s)
            continue
        a, b = rng.choice(pairs)
        if (a, b) not in seen:
            seen.add((a, b))
            merged.append((a, b))
    # Near pairs: an inverted index over content words, each word's list capped so that
    # common words do not make the search quadratic.
    story_of = {i: s["story"] for s in statements for i in s["sentences"]}
    words = {i: content_words(t["text"]) for i, t in enumerate(sentences) if t["statement"] is not None}
    postings = collections.defaultdict(list)
    for i, ws in words.items():
        for w in ws:
            postings[w].append(i)
    near = []
    for i, ws in words.items():
        shared = collections.Counter(j for w in ws if len(postings[w]) <= 60 for j in postings[w] if j > i)
        for j, n in shared.items():
            a, b = sentences[i], sentences[j]
            if (
                a["statement"] != b["statement"]
                and a["source"] != b["source"]
                and story_of.get(i) == story_of.get(j)
                and n / len(ws | words[j]) >= 0.3
                and fold(i) != fold(j)
            ):
                near.append((i, j))
    near = rng.sample(near, min(near_count, len(near)))
    pairs = [("merged", a, b) for a, b in merged] + [("near", a, b) for a, b in near]
    rng.shuffle(pairs)
    for n, (pool, a, b) in enumerate(pairs):
        (la, pa), (lb, pb) = key(corpus, sentences[a]), key(corpus, sentences[b])
        print("\t".join([str(n), pool, la, pa, lb, pb, sentences[a]["text"], sentences[b]["text"]]))


def score(corpus, digest, gold_path):
    # A headline repeated as the first body sentence has the same key and no statement.
    # A sentence feeds its own statement and those it supports (`statements`); two
    # sentences are in one statement when they feed one in common.
    statement_of = {}
    for s in digest["sentences"]:
        if s["statement"] is not None:
            statement_of.setdefault(key(corpus, s), set(s.get("statements") or [s["statement"]]))
    # Per sample and label: pairs in one statement now, in two, or not found.
    counts = collections.defaultdict(collections.Counter)
    for line in open(gold_path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        sample, _pool, label, la, pa, lb, pb = line.rstrip("\n").split("\t")[:7]
        if label == "?":
            continue
        a, b = statement_of.get((la, pa)), statement_of.get((lb, pb))
        counts[(sample, label)]["missing" if a is None or b is None else "merged" if a & b else "apart"] += 1
    print("| sample | labelled pairs: one fact / two facts | merged now: one fact / two facts | merge precision | one-fact pairs merged | not found |")
    print("|---|---|---|---|---|---|")
    for sample in sorted({s for s, _ in counts}, key=lambda s: (s != "dev", s)):
        same, different = counts[(sample, "1")], counts[(sample, "0")]
        total = lambda c: sum(c.values())
        merged = same["merged"] + different["merged"]
        found_same = same["merged"] + same["apart"]
        print(
            f"| {sample} | {total(same)} / {total(different)} | {same['merged']} / {different['merged']} "
            f"| {same['merged'] / merged if merged else 0:.3f} | {same['merged'] / found_same if found_same else 0:.3f} "
            f"| {same['missing'] + different['missing']} |"
        )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["draw", "score"])
    ap.add_argument("corpus")
    ap.add_argument("digest")
    ap.add_argument("gold", nargs="?")
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--merged", type=int, default=50)
    ap.add_argument("--near", type=int, default=50)
    args = ap.parse_args()
    corpus, digest = json.load(open(args.corpus)), json.load(open(args.digest))
    if args.mode == "draw":
        draw(corpus, digest, args.seed, args.merged, args.near)
    else:
        score(corpus, digest, args.gold)


if __name__ == "__main__":
    sys.exit(main())
