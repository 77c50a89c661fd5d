#!/usr/bin/env python3
"""Quote speakers against hand labels: precision and recall of who said each quote.

Usage:
  bench/quote_speakers.py CORPUS.json DIGEST.json bench/gold/quote-speakers.tsv
  bench/quote_speakers.py draw CORPUS.json DIGEST.json --seed S --count N > QUOTES.txt

CORPUS.json is the 1 MB ECB+ corpus (bench/ecb_corpus.py), DIGEST.json its Digest
(`profile_once CORPUS DIGEST`). `draw` picks N random quotes of three words or more that
no sample of the gold file has yet, and prints each with the two paragraphs before it
and the one after, for labelling; it does not print the speaker newsweave gave. A quote is matched to its label by article and first
48 characters; a speaker is right when its entity name shares a word with the label.
Precision: right speakers / speakers given. Recall: right speakers / labelled speakers.
"""
import json, random, sys

GOLD = "bench/gold/quote-speakers.tsv"


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


def gold_keys(gold_path):
    keys = set()
    for line in open(gold_path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        _, label, prefix = line.rstrip("\n").split("\t")[:3]
        keys.add((label, prefix))
    return keys


def draw(corpus_path, digest_path, seed, count):
    corpus = json.load(open(corpus_path))
    digest = json.load(open(digest_path))
    labelled = gold_keys(GOLD)
    candidates, seen = [], set(labelled)
    for q in digest["quotes"]:
        key = (corpus[q["source"]]["label"], " ".join(q["text"].split())[:48])
        if key not in seen and len(q["text"].split()) >= 3:
            seen.add(key)
            candidates.append((key, q))
    rng = random.Random(seed)
    for key, q in rng.sample(candidates, min(count, len(candidates))):
        text = corpus[q["source"]]["text"]
        start = text.rfind("\n\n", 0, q["start"])
        for _ in range(2):
            start = text.rfind("\n\n", 0, max(start, 0))
        end = text.find("\n\n", q["end"])
        end = text.find("\n\n", end + 2) if end >= 0 else -1
        context = text[max(start, 0) : end if end >= 0 else len(text)].strip()
        print(f"{key[0]}\t{key[1]}\n{context}\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["draw"]:
        args = sys.argv[2:]
        seed = int(args[args.index("--seed") + 1])
        count = int(args[args.index("--count") + 1])
        draw(args[0], args[1], seed, count)
    else:
        main(*sys.argv[1:4])
