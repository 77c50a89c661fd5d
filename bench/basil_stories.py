#!/usr/bin/env python3
"""Story grouping on mixes of BASIL-dev stories: does newsweave keep stories apart?

Usage (after `cargo build --release --bin newsweave`):
  python3 bench/basil_stories.py [--newsweave target/release/newsweave] [--half A|B|all]
                                 [--manifest FILE]

BASIL-dev (../shared/data/basil-dev, loaded by `basil_facts.stories()`) holds 92 stories,
each told in full by Fox News, the New York Times and HuffPost; most are US politics and
many share people, the hard case for story grouping. What it measures:

- Halves. The 89 stories that all three outlets tell (`stories()`), sorted by triplet
  uuid and shuffled with random.Random(0), are split into half A (the first 46) and
  half B (the other 43): one half to choose settings on, the other to check them.
- Mixes. Per half: one mix of all its stories (138 or 129 articles), and 12 mixes of K=8 stories
  (24 articles) drawn with random.Random(seed).sample for seeds 1..12. A mix's articles
  go to one run, ordered by random.Random(seed).shuffle (seed 0 for the whole half), so
  one story's three articles are not adjacent.
- Input. Each article is written as `basil_facts.article_text` writes it (title
  paragraph, then body paragraphs) to target/basil-stories/STORY/OUTLET.txt, and each
  mix runs `newsweave merge --json FILE...`. No --published: a story's articles can be
  days apart, and the CLI would give them all one date.
- Scores. The Digest's `stories` (each a list of source indices) against the true
  stories: B³ precision, recall and F1 over the mix's articles, averaged over the mixes
  of a kind (whole half; K=8 draws); and wrongly joined story pairs: pairs of true
  stories that have articles in one predicted story, summed over the mixes of a kind.
  Also counted: split stories (true stories spread over several predicted ones).

Prints a Markdown table per half and the command.

Cross-validation of the settings (what chose them in src/stories.rs):
  python3 bench/basil_stories.py --manifest target/basil-stories/manifest.tsv
  target/release/newsweave eval-stories ../shared/data/ecbplus-dev \
      target/basil-stories/manifest.tsv > target/basil-stories/sweep.tsv
  python3 bench/basil_stories.py --select target/basil-stories/sweep.tsv

`--manifest FILE` writes the mixes (and runs nothing) as `MIX<TAB>STORY<TAB>PATH` lines in
run order. `eval-stories` scores every setting it sweeps on them with the same B³ and
pair counts, and B³ F1 of ECB+ dev topics (all articles grouped together) and of events
(each gold topic's articles grouped on their own, at the same threshold). `--select`
chooses, for each half, the setting with the best mean of its two F1s (whole half, K=8
draws) among those that keep ECB+ dev topic F1 at 0.95 or more (the budget), and prints
the chosen setting's scores on the other half, which played no part in choosing it.
"""
import argparse, itertools, json, os, random, shlex, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from basil_facts import OUTLETS, ROOT, article_text, stories  # noqa: E402

OUT = os.path.join(ROOT, "target", "basil-stories")
K = 8
SEEDS = range(1, 13)


def halves():
    order = list(stories())
    random.Random(0).shuffle(order)
    return {"A": order[:46], "B": order[46:]}


def write_articles(all_stories):
    """{story uuid: [paths, in OUTLETS order]}."""
    paths = {}
    for uuid, story in all_stories.items():
        os.makedirs(os.path.join(OUT, uuid), exist_ok=True)
        paths[uuid] = []
        for outlet in OUTLETS:
            text, _ = article_text(story[outlet], outlet)
            path = os.path.join(OUT, uuid, f"{outlet}.txt")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            paths[uuid].append(path)
    return paths


def mixes(half, uuids):
    """[(mix name, kind, [(story, article index)])] of one half."""
    out = []
    whole = [(u, i) for u in uuids for i in range(len(OUTLETS))]
    random.Random(0).shuffle(whole)
    out.append((f"{half}-all", "all", whole))
    for seed in SEEDS:
        chosen = random.Random(seed).sample(uuids, K)
        articles = [(u, i) for u in chosen for i in range(len(OUTLETS))]
        random.Random(seed).shuffle(articles)
        out.append((f"{half}-k{K}-s{seed}", f"k={K}", articles))
    return out


def b_cubed(predicted, gold):
    """B³ (precision, recall) of cluster labels `predicted` against `gold`."""
    n = len(gold)
    p = r = 0.0
    for i in range(n):
        same_pred = [j for j in range(n) if predicted[j] == predicted[i]]
        same_gold = [j for j in range(n) if gold[j] == gold[i]]
        both = sum(1 for j in same_pred if gold[j] == gold[i])
        p += both / len(same_pred)
        r += both / len(same_gold)
    return p / n, r / n


def score(predicted, gold):
    """(precision, recall, wrongly joined story pairs, split stories)."""
    p, r = b_cubed(predicted, gold)
    joined = set()
    for c in set(predicted):
        members = sorted({gold[i] for i in range(len(gold)) if predicted[i] == c})
        joined |= set(itertools.combinations(members, 2))
    split = sum(1 for g in set(gold) if len({predicted[i] for i in range(len(gold)) if gold[i] == g}) > 1)
    return p, r, len(joined), split


def run(newsweave, paths):
    done = subprocess.run([newsweave, "merge", "--json", *paths], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"newsweave failed: {done.stderr.strip()}")
    digest = json.loads(done.stdout)
    story_of = [None] * len(paths)
    for s, story in enumerate(digest["stories"]):
        for source in story["sources"]:
            story_of[source] = s
    if None in story_of:
        sys.exit("a source is in no story")
    return story_of


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def select(sweep, floor=0.95):
    rows = []
    with open(sweep, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(header, map(float, line.split("\t")))))
    def show(r):
        setting = (f"lead {r['lead']:g} x{r['lead_weight']:g}, names x{r['name_weight']:g}, "
                   f"max terms {r['max_terms']:g}, threshold {r['threshold']:.2f}")
        halves = " | ".join(f"{r[h + '-all_f1']:.4f} ({r[h + '-all_joined']:g}) | {r[h + '-k8_f1']:.4f} ({r[h + '-k8_joined']:g})"
                            for h in ("A", "B"))
        return f"| {setting} | {r['ecb_topic']:.4f} | {r['ecb_event']:.4f} | {halves} |"
    print("B³ F1 (wrongly joined story pairs)\n")
    print("| chosen on | setting | ECB+ topic | ECB+ event | A all | A k=8 | B all | B k=8 |")
    print("|---|---|---|---|---|---|---|---|")
    for half in ("A", "B"):
        allowed = [r for r in rows if r["ecb_topic"] >= floor] or rows
        best = max(allowed, key=lambda r: (r[half + "-all_f1"] + r[half + "-k8_f1"]) / 2)
        print(f"| ECB+ dev, half {half} " + show(best))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--newsweave", default=os.path.join(ROOT, "target", "release", "newsweave"))
    ap.add_argument("--half", choices=("A", "B", "all"), default="all")
    ap.add_argument("--manifest")
    ap.add_argument("--select", metavar="SWEEP")
    args = ap.parse_args()
    if args.select:
        return select(args.select)
    all_stories = stories()
    paths = write_articles(all_stories)
    chosen = halves()
    manifest = []
    for half in ("A", "B"):
        if args.half not in (half, "all"):
            continue
        totals = {}
        for name, kind, articles in mixes(half, chosen[half]):
            files = [paths[u][i] for u, i in articles]
            manifest += [f"{name}\t{u}\t{p}" for (u, _), p in zip(articles, files)]
            if args.manifest:
                continue
            p, r, joined, split = score(run(args.newsweave, files), [u for u, _ in articles])
            t = totals.setdefault(kind, [0, 0.0, 0.0, 0, 0, 0])
            t[0] += 1
            t[1] += p
            t[2] += r
            t[3] += joined
            t[4] += split
            t[5] += len(articles)
        if args.manifest:
            continue
        print(f"\nhalf {half} ({len(chosen[half])} stories)\n")
        print("| mixes | runs | articles | B³ precision | B³ recall | B³ F1 | wrongly joined pairs | split stories |")
        print("|---|---|---|---|---|---|---|---|")
        for kind, (runs, p, r, joined, split, n) in totals.items():
            p, r = p / runs, r / runs
            print(f"| {kind} | {runs} | {n} | {p:.4f} | {r:.4f} | {f1(p, r):.4f} | {joined} | {split} |")
    if args.manifest:
        with open(args.manifest, "w", encoding="utf-8") as f:
            f.write("\n".join(manifest) + "\n")
        print(f"wrote {len(manifest)} lines to {args.manifest}")
    print("\n`" + " ".join(shlex.quote(a) for a in ["python3", "bench/basil_stories.py", *sys.argv[1:]]) + "`")


if __name__ == "__main__":
    main()
