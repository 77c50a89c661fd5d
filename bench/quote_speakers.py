#!/usr/bin/env python3
"""Quote speakers against hand labels: precision and recall of who said each quote.

Usage: bench/quote_speakers.py CORPUS.json DIGEST.json bench/gold/quote-speakers.tsv
CORPUS.json is the 1 MB ECB+ corpus (bench/ecb_corpus.py), DIGEST.json its Digest
(`profile_once CORPUS DIGEST`). A quote is matched to its label by article and first
48 characters; a speaker is right when its entity name shares a word with the label.
Precision: right speakers / speakers given. Recall: right speakers / labelled speakers.
"""
import json, sys


def words(name):
    return set(name.lower().replace(".", " ").split())


def main(corpus_path, digest_path, gold_path):
    corpus = json.load(open(corpus_path))
    digest = json.load(open(digest_path))
    found = {}
    for q in digest["quotes"]:
        key = (corpus[q["source"]]["label"], " ".join(q["text"].split())[:48])
        found.setdefault(key, q["speaker"])
    rows = {}
    for line in open(gold_path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        sample, label, prefix, speaker = (line.rstrip("\n").split("\t") + [""])[:4]
        counts = rows.setdefault(sample, {"quotes": 0, "missing": 0, "given": 0, "right": 0, "labelled": 0})
        counts["quotes"] += 1
        if (label, prefix) not in found:
            counts["missing"] += 1
            continue
        entity = found[(label, prefix)]
        name = digest["entities"][entity]["name"] if entity is not None else None
        counts["labelled"] += bool(speaker)
        if name is not None:
            counts["given"] += 1
            counts["right"] += bool(speaker) and bool(words(name) & words(speaker))
    print("| sample | quotes | speakers labelled | speakers given | right | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    for sample, c in rows.items():
        precision = c["right"] / c["given"] if c["given"] else 0.0
        recall = c["right"] / c["labelled"] if c["labelled"] else 0.0
        missing = f" ({c['missing']} not found)" if c["missing"] else ""
        print(f"| {sample} | {c['quotes']}{missing} | {c['labelled']} | {c['given']} | {c['right']} | {precision:.3f} | {recall:.3f} |")


if __name__ == "__main__":
    main(*sys.argv[1:4])
