#!/usr/bin/env python3
"""Same-fact labels on BASIL-dev stories: draw stories for labelling, score a Digest.

Usage:
  bench/basil_facts.py draw --seed S --stories N [--skip K] > STORIES.txt

BASIL-dev (../shared/data/basil-dev) holds full articles of one story by three outlets
(fox, nyt, hpo). `draw` picks N stories at random (seeded; --skip leaves out the first K
of the drawn order, so later samples never repeat earlier ones) and prints each article
sentence by sentence, as BASIL splits them, with an id OUTLET.PARAGRAPH.SENTENCE
(both from 1). It prints nothing newsweave computes: the labels are made blind.
"""
import argparse, collections, glob, json, os, random, sys

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "basil-dev")
OUTLETS = ("fox", "nyt", "hpo")


def stories(data=DATA):
    """{triplet uuid: {outlet: article}} for stories told by all three outlets."""
    by_story = collections.defaultdict(dict)
    for path in sorted(glob.glob(os.path.join(data, "*", "*.json"))):
        article = json.load(open(path, encoding="utf-8"))
        article["path"] = os.path.relpath(path, data)
        by_story[article["triplet-uuid"]][article["source"]] = article
    return {k: v for k, v in sorted(by_story.items()) if all(o in v for o in OUTLETS)}


def drawn(seed, count, skip=0, data=DATA):
    all_stories = stories(data)
    order = list(all_stories)
    random.Random(seed).shuffle(order)
    return [(uuid, all_stories[uuid]) for uuid in order[skip : skip + count]]


def sentence_ids(article, outlet):
    for p, paragraph in enumerate(article["body-paragraphs"], 1):
        for s, sentence in enumerate(paragraph, 1):
            yield f"{outlet}.{p}.{s}", sentence


def draw(args):
    for uuid, story in drawn(args.seed, args.stories, args.skip):
        first = story[OUTLETS[0]]
        print(f"=== story {uuid}")
        print(f"main event: {first['main-event']}")
        for outlet in OUTLETS:
            article = story[outlet]
            print(f"\n--- {outlet} ({article['date']}): {article['title']}")
            for sid, sentence in sentence_ids(article, outlet):
                print(f"{sid}\t{' '.join(sentence.split())}")
        print()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--stories", type=int, required=True)
    d.add_argument("--skip", type=int, default=0)
    args = parser.parse_args()
    if args.command == "draw":
        draw(args)


if __name__ == "__main__":
    sys.exit(main())
