#!/usr/bin/env python3
"""Quote-speaker labels on BASIL-dev stories: draw quoted passages for blind labelling.

Usage:
  bench/basil_quotes.py draw --seed S --stories N --count C [--min-stories M] [--sample NAME]

BASIL-dev (../shared/data/basil-dev) holds full articles of one story by three outlets
(fox, nyt, hpo). `draw` lists the stories told by all three outlets (sorted by triplet
uuid), shuffles them with random.Random(S) and takes the first N. It then finds every
quoted passage in the body paragraphs of those stories' articles by its own simple scan
(no newsweave code):

  * a paragraph is its sentences joined with a space;
  * curly double marks open and close a passage, and a straight double mark opens one when
    none is open and closes it otherwise; single marks inside are part of the passage;
  * a paragraph that ends with a passage still open continues it into the next paragraph
    when that paragraph opens with a double mark (news style); otherwise the passage ends
    with its paragraph;
  * every non-empty passage is kept, speech or not (the labels say what is not speech).

With the same seeded generator it shuffles the passages and takes C of them; when fewer
than M stories (default 15) are represented it swaps in one passage of each missing story
for a passage of the most represented one. It prints, for each pick in article order, an
id (sample name and number), the article's path relative to the data directory, the
paragraph index (0-based in body-paragraphs) where the passage opens, the key (the first 48
characters of the text inside the marks, white space folded to single spaces), the title,
and the context: the two paragraphs before, the quote's paragraph, and the one after.
It prints nothing newsweave computes: the labels are made blind.
"""
import argparse, collections, glob, json, os, random, sys

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "basil-dev")
OUTLETS = ("fox", "nyt", "hpo")
OPEN, CLOSE, STRAIGHT = "\u201c", "\u201d", '"'
KEY_CHARS = 48


def stories(data=DATA):
    """{triplet uuid: {outlet: article}} for stories told by all three outlets."""
    by_story = collections.defaultdict(dict)
    for path in sorted(glob.glob(os.path.join(data, "*", "*.json"))):
        article = json.load(open(path, encoding="utf-8"))
        article["path"] = os.path.relpath(path, data)
        by_story[article["triplet-uuid"]][article["source"]] = article
    return {k: v for k, v in sorted(by_story.items()) if all(o in v for o in OUTLETS)}


def drawn_stories(seed, count, data=DATA):
    all_stories = stories(data)
    order = list(all_stories)
    rng = random.Random(seed)
    rng.shuffle(order)
    return rng, [(uuid, all_stories[uuid]) for uuid in order[:count]]


def paragraphs(article):
    return [" ".join(sentences) for sentences in article["body-paragraphs"]]


def fold(text):
    return " ".join(text.split())


def passages(paras):
    """(paragraph index where it opens, folded text inside the marks) for each passage."""
    found = []
    start, text = None, []
    for p, para in enumerate(paras):
        i = 0
        if start is not None:
            stripped = para.lstrip()
            if stripped[:1] in (OPEN, STRAIGHT):
                i = len(para) - len(stripped) + 1  # the continuation's opening mark
                text.append(" ")
            else:  # no continuation: the open passage ended with its paragraph
                found.append((start, "".join(text)))
                start, text = None, []
        while i < len(para):
            c = para[i]
            if start is None:
                if c in (OPEN, STRAIGHT):
                    start, text = p, []
            elif c in (CLOSE, STRAIGHT):
                found.append((start, "".join(text)))
                start, text = None, []
            else:
                text.append(c)
            i += 1
    if start is not None:
        found.append((start, "".join(text)))
    return [(p, fold(t)) for p, t in found if fold(t)]


def draw(args):
    rng, picked_stories = drawn_stories(args.seed, args.stories)
    pool = []  # (story uuid, outlet, path, paragraph, order in article, text)
    articles = {}
    for uuid, story in picked_stories:
        for outlet in OUTLETS:
            article = story[outlet]
            articles[article["path"]] = article
            for n, (p, text) in enumerate(passages(paragraphs(article))):
                pool.append((uuid, outlet, article["path"], p, n, text))
    rng.shuffle(pool)
    take = pool[: args.count]
    rest = pool[args.count :]
    have = collections.Counter(q[0] for q in take)
    for uuid, _ in picked_stories:
        if len(have) >= args.min_stories:
            break
        if uuid in have:
            continue
        extra = next((q for q in rest if q[0] == uuid), None)
        if extra is None:
            continue
        most = have.most_common(1)[0][0]
        drop = next(i for i in range(len(take) - 1, -1, -1) if take[i][0] == most)
        take[drop] = extra
        rest.remove(extra)
        have = collections.Counter(q[0] for q in take)
    take.sort(key=lambda q: (q[2], q[4]))
    print(f"# sample {args.sample}: {len(take)} of {len(pool)} passages, "
          f"{len(have)} of {len(picked_stories)} stories")
    for number, (uuid, outlet, path, p, _, text) in enumerate(take, 1):
        article = articles[path]
        paras = paragraphs(article)
        print(f"=== {args.sample}.{number:03d}\t{path}\t{p}\t{text[:KEY_CHARS]}")
        print(f"story {uuid}  {outlet}  title: {article['title']}")
        for i in range(max(0, p - 2), min(len(paras), p + 2)):
            mark = ">>" if i == p else "  "
            print(f"{mark} [{i}] {fold(paras[i])}")
        print()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--stories", type=int, required=True)
    d.add_argument("--count", type=int, required=True)
    d.add_argument("--min-stories", type=int, default=15)
    d.add_argument("--sample", default="basil-dev")
    args = parser.parse_args()
    if args.command == "draw":
        draw(args)


if __name__ == "__main__":
    sys.exit(main())
