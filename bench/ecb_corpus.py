#!/usr/bin/env python3
"""Build a benchmark corpus of plain-text articles from ECB+ XML (../shared/data/ecbplus-dev).

Usage: bench/ecb_corpus.py OUT.json (--bytes N | --articles N) [--data DIR]
Writes a JSON array of {label, text} sources totalling about N bytes of text. ECB+
articles are token-level XML; we rebuild readable text (spaces before punctuation
removed, one paragraph per sentence). When the data has fewer bytes than asked, the
articles repeat with a light, deterministic perturbation (sentence order rotated
and a numbered lead), so duplicates are near-copies rather than exact ones.
"""
import argparse, glob, json, os, re, xml.etree.ElementTree as ET

NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", "%", ")", "'s", "n't", "''", "'"}
NO_SPACE_AFTER = {"(", "``", "$"}


def article_text(path):
    root = ET.parse(path).getroot()
    sentences = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
    if path.endswith("ecbplus.xml"):
        sentences.pop(0, None)  # sentence 0 of ECB+ articles is the source URL
    paragraphs = []
    for _, toks in sorted(sentences.items()):
        out = ""
        for t in toks:
            t = {"``": "\u201c", "''": "\u201d"}.get(t, t)
            if out and t not in NO_SPACE_BEFORE and t != "\u201d" and not out.endswith(("(", "\u201c", "$")):
                out += " "
            out += t
        paragraphs.append(out)
    return "\n\n".join(paragraphs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--bytes", type=int, default=1_000_000)
    ap.add_argument("--articles", type=int, default=0, help="stop at this many articles instead")
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "ecbplus-dev"))
    args = ap.parse_args()
    paths = sorted(glob.glob(os.path.join(args.data, "*", "*.xml")))
    if not paths:
        raise SystemExit(f"no ECB+ XML under {args.data}")
    articles = [(os.path.basename(p)[:-4], article_text(p)) for p in paths]
    sources, total, round_ = [], 0, 0
    def done():
        return len(sources) >= args.articles if args.articles else total >= args.bytes

    while not done():
        for label, text in articles:
            if round_:
                paras = text.split("\n\n")
                k = round_ % max(len(paras), 1)
                text = f"Update {round_}: " + "\n\n".join(paras[k:] + paras[:k])
                label = f"{label}#{round_}"
            sources.append({"label": label, "text": text})
            total += len(text.encode("utf-8"))
            if done():
                break
        round_ += 1
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(sources, f, ensure_ascii=False)
    print(f"{args.out}: {len(sources)} articles, {total} bytes")


if __name__ == "__main__":
    main()
