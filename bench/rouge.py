#!/usr/bin/env python3
"""Summary quality on NeuS (../shared/data/neus/val.*): newsweave's short account against a
LexRank baseline, both length-matched to the editors' neutral summary, scored with ROUGE.

Usage: bench/rouge.py SOURCE TARGET NEWSWEAVE_JSONL
NEWSWEAVE_JSONL holds, per line, newsweave's statements in rank order (examples/summaries.rs).

ROUGE-1/2 are n-gram recall/precision F1 and ROUGE-L the LCS F1, on lower-cased word
tokens without stemming (as Google's rouge-score with use_stemmer=False). LexRank is
Erkan & Radev (2004): tf-idf cosine between the sentences of the three excerpts, edges
above 0.1, PageRank-style power iteration (damping 0.85); implemented here so the
baseline needs no NLTK data download.
"""
import json, math, os, re, sys
from collections import Counter

WORD = re.compile(r"[a-z0-9]+")
BOUNDARY = re.compile(r"([.!?][\"”’')\]]?)\s+(?=[\"“‘(\[]?[A-Z0-9])")


def split_sentences(text):
    return BOUNDARY.sub("\\1\n", text).split("\n")


def words(text):
    return WORD.findall(text.lower())


def body(excerpt):
    excerpt = excerpt.strip()
    if excerpt.startswith("TITLE=>"):
        excerpt = excerpt[len("TITLE=>"):]
    title, _, article = excerpt.partition("ARTICLE=>")
    return title.strip(), article.strip()


def ngrams(tokens, n):
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def f1(overlap, ref, hyp):
    if not ref or not hyp or not overlap:
        return 0.0
    p, r = overlap / hyp, overlap / ref
    return 2 * p * r / (p + r)


def rouge_n(ref, hyp, n):
    a, b = ngrams(ref, n), ngrams(hyp, n)
    return f1(sum((a & b).values()), sum(a.values()), sum(b.values()))


def rouge_l(ref, hyp):
    prev = [0] * (len(hyp) + 1)
    for x in ref:
        cur = [0]
        for j, y in enumerate(hyp):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return f1(prev[-1], len(ref), len(hyp))


def lexrank(sentences, threshold=0.1, damping=0.85):
    docs = [Counter(words(s)) for s in sentences]
    df = Counter(w for d in docs for w in d)
    n = len(docs)
    idf = {w: math.log(n / c) + 1.0 for w, c in df.items()}
    vecs = [{w: tf * idf[w] for w, tf in d.items()} for d in docs]
    norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vecs]
    adj = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            dot = sum(v * vecs[j].get(w, 0.0) for w, v in vecs[i].items())
            if dot / (norms[i] * norms[j]) > threshold:
                adj[i][j] = adj[j][i] = 1.0
    degree = [sum(row) or 1.0 for row in adj]
    score = [1.0 / n] * n
    for _ in range(50):
        score = [(1 - damping) / n + damping * sum(adj[j][i] * score[j] / degree[j] for j in range(n)) for i in range(n)]
    return sorted(range(n), key=lambda i: -score[i])


def length_matched(ranked, budget):
    out = []
    for s in ranked:
        out.extend(words(s))
        if len(out) >= budget:
            break
    return out[:budget]


def main():
    source_path, target_path, ours_path = sys.argv[1:4]
    sources = open(source_path, encoding="utf-8").read().splitlines()
    targets = open(target_path, encoding="utf-8").read().splitlines()
    ours = [json.loads(l) for l in open(ours_path, encoding="utf-8")]
    assert len(sources) == len(targets) == len(ours), "one line per story in each file"
    totals = {"newsweave": [0.0, 0.0, 0.0], "LexRank": [0.0, 0.0, 0.0]}
    for src, tgt, statements in zip(sources, targets, ours):
        _, ref_text = body(tgt)
        ref = words(ref_text)
        sentences = [s for ex in src.split("[SEP]") for s in split_sentences(body(ex)[1]) if words(s)]
        systems = {
            "newsweave": length_matched(statements, len(ref)),
            "LexRank": length_matched([sentences[i] for i in lexrank(sentences)], len(ref)) if sentences else [],
        }
        for name, hyp in systems.items():
            scores = (rouge_n(ref, hyp, 1), rouge_n(ref, hyp, 2), rouge_l(ref, hyp))
            totals[name] = [t + s for t, s in zip(totals[name], scores)]
    n = len(sources)
    print(f"| system ({n} NeuS stories from {os.path.basename(source_path)}, length-matched to the reference) | ROUGE-1 | ROUGE-2 | ROUGE-L |")
    print("|---|---|---|---|")
    for name, (r1, r2, rl) in totals.items():
        print(f"| {name} | {100 * r1 / n:.2f} | {100 * r2 / n:.2f} | {100 * rl / n:.2f} |")


if __name__ == "__main__":
    main()
