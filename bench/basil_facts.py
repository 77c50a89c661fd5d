#!/usr/bin/env python3
"""Same-fact labels on BASIL-dev stories: draw stories for labelling, score a Digest.

Usage:
  bench/basil_facts.py draw --seed S --stories N [--skip K] > STORIES.txt

BASIL-dev (../shared/data/basil-dev) holds full articles of one story by three outlets
(fox, nyt, hpo). `draw` picks N stories at random (seeded; --skip leaves out the first K
of the drawn order, so later samples never repeat earlier ones) and prints each article
sentence by sentence, as BASIL splits them, with an id OUTLET.PARAGRAPH.SENTENCE
(both from 1). It prints nothing newsweave computes: the labels are made blind.

  bench/basil_facts.py score [--newsweave target/release/newsweave] [--gold bench/gold/basil-facts]

`score` runs newsweave on every labelled story (one `STORY.tsv` in --gold; format in its
README.md) and counts how the Digest's statements agree with the hand labels:

- Input. Each article is written to target/basil/STORY/OUTLET.txt: the title as the first
  paragraph, then the body paragraphs, separated by blank lines; the sentences of a
  paragraph (whitespace inside each collapsed to one space) joined by one space. Each
  BASIL sentence's range in that text is kept in UTF-16 units, the Digest's unit. Then
  `newsweave merge --json fox.txt nyt.txt hpo.txt` (in that order). No --published: the
  CLI gives one date to every file, and the three articles may carry different dates.
- Mapping. A BASIL sentence maps to the statements of every Digest sentence of role
  `body` whose range overlaps the BASIL sentence's range by at least half the length of
  the shorter of the two (and by at least one unit). A Digest sentence's statements are
  its `statements` list if the Digest has one, else its `statement` (when not null).
  A BASIL sentence may so map to several statements, or to none.
- Same-fact pairs. Every pair of distinct sentence ids within one `same` line, counted
  once however many lines hold it. A pair is merged when its two sentences share at
  least one statement. Recall = merged same-fact pairs / same-fact pairs.
- Merged pairs. Every pair of distinct BASIL sentence ids of the story (labelled or not)
  that share at least one statement. It is right when the two ids appear together in
  some `same` line. Precision = right / merged. Also counted: merged pairs whose two ids
  appear together in some `conflict` line.
- Cross / within. A pair is cross-outlet when its ids name different outlets, else
  within-outlet; recall and precision are given for each and for all pairs.
- Core event first. A story counts when some sentence of its MAIN=1 line maps to the
  statement of rank 1 (the top-ranked statement of the Digest). Reported as k of n
  stories with a MAIN=1 line.
A ratio with nothing to divide prints as "-". `score` prints a Markdown table (per story
and total), the totals and the command, and exits 0.
"""
import argparse, re, collections, glob, itertools, json, os, random, shlex, subprocess, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DATA = os.path.join(ROOT, "..", "shared", "data", "basil-dev")
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


# --- score ---------------------------------------------------------------------------


def sample_of(path):
    """The sample a label file belongs to: its first line, `# sample NAME: ...`."""
    with open(path, encoding="utf-8") as f:
        first = f.readline()
    return first[len("# sample "):].split(":")[0].strip() if first.startswith("# sample ") else None


def label_files(gold, sample):
    """The label files of `sample`, sorted."""
    return [p for p in sorted(glob.glob(os.path.join(gold, "*.tsv"))) if sample_of(p) == sample]


def read_labels(path):
    """[(kind, fact id, main, [sentence ids], description)] of one story's TSV."""
    labels = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        kind, fact, main, ids, description = line.rstrip("\n").split("\t")
        labels.append((kind, fact, main == "1", ids.split(), description))
    return labels


def utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


def article_text(article, outlet):
    """(text, {sentence id: (start, end) in UTF-16 units}) as written for newsweave."""
    paragraphs, ranges, offset = [], {}, 0
    title = " ".join(article["title"].split())
    if title:
        paragraphs.append(title)
        offset = utf16_len(title) + 2
    for p, paragraph in enumerate(article["body-paragraphs"], 1):
        parts = []
        for s, sentence in enumerate(paragraph, 1):
            sentence = " ".join(sentence.split())
            if not sentence:
                continue
            if parts:
                offset += 1
            ranges[f"{outlet}.{p}.{s}"] = (offset, offset + utf16_len(sentence))
            offset += utf16_len(sentence)
            parts.append(sentence)
        if parts:
            paragraphs.append(" ".join(parts))
            offset += 2
    return "\n\n".join(paragraphs) + "\n", ranges


def write_story(uuid, story, out_dir):
    """Write the three articles; return ([file paths], [{sentence id: range}] per file)."""
    os.makedirs(os.path.join(out_dir, uuid), exist_ok=True)
    paths, ranges = [], []
    for outlet in OUTLETS:
        text, sentence_ranges = article_text(story[outlet], outlet)
        path = os.path.join(out_dir, uuid, f"{outlet}.txt")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        paths.append(path)
        ranges.append(sentence_ranges)
    return paths, ranges


def run_merge(newsweave, paths):
    done = subprocess.run([newsweave, "merge", "--json", *paths], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"newsweave failed on {paths}: {done.stderr.strip()}")
    return json.loads(done.stdout)


def statements_of(sentence):
    """A Digest sentence's statements: its `statements` list, else its `statement`."""
    if "statements" in sentence:
        return set(sentence["statements"] or ())
    return set() if sentence.get("statement") is None else {sentence["statement"]}


def overlaps_enough(a, b):
    """At least half the shorter of ranges a and b lies in both (and at least one unit)."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and 2 * overlap >= min(a[1] - a[0], b[1] - b[0])


def map_sentences(digest, ranges):
    """{BASIL sentence id: set of statement ids} through the body sentences of the Digest."""
    mapped = {sid: set() for source in ranges for sid in source}
    for sentence in digest["sentences"]:
        if sentence["role"] != "body":
            continue
        span = (sentence["start"], sentence["end"])
        for sid, basil in ranges[sentence["source"]].items():
            if overlaps_enough(basil, span):
                mapped[sid] |= statements_of(sentence)
    return mapped


def pairs(ids):
    """Unordered pairs of distinct ids, as sorted tuples."""
    return {tuple(sorted(p)) for p in itertools.combinations(set(ids), 2)}


def labelled_pairs(labels, kind):
    """Every pair of distinct ids within a line of this kind, once across lines."""
    return set().union(*(pairs(ids) for k, _, _, ids, _ in labels if k == kind))


def merged_pairs(mapped):
    """Every pair of distinct BASIL sentence ids that share at least one statement."""
    return {p for p in pairs(mapped) if mapped[p[0]] & mapped[p[1]]}


def is_cross(pair):
    return pair[0].split(".")[0] != pair[1].split(".")[0]


def split_count(pair_set):
    """{"cross": n, "within": n} pairs of the set."""
    cross = sum(1 for p in pair_set if is_cross(p))
    return {"cross": cross, "within": len(pair_set) - cross}


def core_first(labels, mapped, digest):
    """True/False: a MAIN=1 sentence maps to the rank-1 statement; None without MAIN=1."""
    main = [ids for _, _, is_main, ids, _ in labels if is_main]
    if not main:
        return None
    top = {s["id"] for s in digest["statements"] if s["rank"] == 1}
    return any(mapped.get(sid, set()) & top for ids in main for sid in ids)


def score_story(labels, mapped, digest):
    same = labelled_pairs(labels, "same")
    conflict = labelled_pairs(labels, "conflict")
    merged = merged_pairs(mapped)
    return {
        "same": split_count(same),
        "found": split_count(same & merged),
        "merged": split_count(merged),
        "right": split_count(merged & same),
        "conflict": len(merged & conflict),
        "core": core_first(labels, mapped, digest),
        "unmapped": sum(1 for sid, s in mapped.items() if not s),
        "sentences": len(mapped),
        "stories": len(digest.get("stories", ())),
    }


def ratio(num, den):
    return f"{num / den:.3f}" if den else "-"


def fraction(num, den):
    return f"{num}/{den} ({ratio(num, den)})"


def add(total, result):
    for key in ("same", "found", "merged", "right"):
        for side in ("cross", "within"):
            total[key][side] += result[key][side]
    for key in ("conflict", "unmapped", "sentences", "stories"):
        total[key] += result[key]
    if result["core"] is not None:
        total["core_n"] += 1
        total["core_k"] += bool(result["core"])


def row(name, r, core):
    both = lambda key: r[key]["cross"] + r[key]["within"]
    return (f"| {name} | {fraction(r['found']['cross'], r['same']['cross'])} "
            f"| {fraction(r['found']['within'], r['same']['within'])} "
            f"| {fraction(r['right']['cross'], r['merged']['cross'])} "
            f"| {fraction(r['right']['within'], r['merged']['within'])} "
            f"| {fraction(both('right'), both('merged'))} "
            f"| {r['conflict']} | {core} | {r['unmapped']}/{r['sentences']} | {r['stories']} |")


def print_report(results, total, command, newsweave):
    print("| story | recall cross | recall within | precision cross | precision within "
          "| precision all | conflict merged | core first | unmapped | digest stories |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for uuid, r in results:
        core = "-" if r["core"] is None else ("yes" if r["core"] else "no")
        print(row(uuid[:8], r, core))
    print(row("**total**", total, f"{total['core_k']}/{total['core_n']}"))
    same = total["same"]["cross"] + total["same"]["within"]
    found = total["found"]["cross"] + total["found"]["within"]
    merged = total["merged"]["cross"] + total["merged"]["within"]
    right = total["right"]["cross"] + total["right"]["within"]
    print()
    print(f"- recall: cross {fraction(total['found']['cross'], total['same']['cross'])}, "
          f"within {fraction(total['found']['within'], total['same']['within'])}, "
          f"all {fraction(found, same)}")
    print(f"- precision: cross {fraction(total['right']['cross'], total['merged']['cross'])}, "
          f"within {fraction(total['right']['within'], total['merged']['within'])}, "
          f"all {fraction(right, merged)}")
    print(f"- merged pairs labelled conflict: {total['conflict']}")
    print(f"- core event first: {total['core_k']} of {total['core_n']} stories")
    print(f"- BASIL sentences mapped to no statement: {total['unmapped']} of {total['sentences']}")
    print()
    newsweave = os.path.relpath(newsweave) if os.path.isabs(newsweave) else newsweave
    print(f"Command: `{command}` (each story: `{newsweave} merge --json fox.txt nyt.txt hpo.txt`"
          f" in target/basil/STORY/)")


def score(args):
    all_stories = stories()
    out_dir = os.path.join(ROOT, "target", "basil")
    results = []
    total = {key: {"cross": 0, "within": 0} for key in ("same", "found", "merged", "right")}
    total.update(conflict=0, unmapped=0, sentences=0, stories=0, core_k=0, core_n=0)
    for path in label_files(args.gold, args.sample):
        uuid = os.path.basename(path)[: -len(".tsv")]
        labels = read_labels(path)
        paths, ranges = write_story(uuid, all_stories[uuid], out_dir)
        digest = run_merge(args.newsweave, paths)
        mapped = map_sentences(digest, ranges)
        unknown = {sid for _, _, _, ids, _ in labels for sid in ids} - set(mapped)
        if unknown:
            print(f"warning: {uuid}: labelled ids not in the articles: {sorted(unknown)}", file=sys.stderr)
        result = score_story(labels, mapped, digest)
        results.append((uuid, result))
        add(total, result)
    command = " ".join(shlex.quote(a) for a in ["bench/basil_facts.py", *sys.argv[1:]])
    print_report(results, total, command, args.newsweave)
    return 0


STOP = set("""a an the and or but of to in on at for from by with as is are was were be been being
it its this that these those he she they them his her their we our you your i me my not no
has have had do does did will would can could may might shall should said says say told
about after before over under than then there here who whom which what when where why how
also into out up down more most other some such only own same so too very just mr ms""".split())


def content_words(text):
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP and len(w) > 2}


def export_pairs(args):
    """Labelled sentence pairs of a sample, in MSRP format, for training the verifier:
    every same-fact pair (quality 1), and every other pair of sentences of one story
    that share at least two content words (quality 0): the pairs that candidate
    generation can bring to the verifier. With --sentences FILE, also writes every
    sentence of the sample's stories to FILE (STORY<TAB>ID<TAB>TEXT, each article in
    order), so that `newsweave verifier-features PAIRS --sentences FILE` places each
    pair in its story."""
    all_stories = stories()
    listing = open(args.sentences, "a", encoding="utf-8") if args.sentences else None
    print("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String")
    for path in label_files(args.gold, args.sample):
        uuid = os.path.basename(path)[: -len(".tsv")]
        same = labelled_pairs(read_labels(path), "same")
        text = {sid: " ".join(sentence.split())
                for outlet in OUTLETS
                for sid, sentence in sentence_ids(all_stories[uuid][outlet], outlet)}
        if listing:
            for sid, sentence in text.items():
                listing.write(f"{uuid}\t{sid}\t{sentence}\n")
        words = {sid: content_words(t) for sid, t in text.items()}
        for a, b in sorted(pairs(text)):
            label = (a, b) in same
            if label or len(words[a] & words[b]) >= 2:
                print(f"{int(label)}\t{uuid}:{a}\t{uuid}:{b}\t{text[a]}\t{text[b]}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--stories", type=int, required=True)
    d.add_argument("--skip", type=int, default=0)
    s = sub.add_parser("score")
    s.add_argument("--newsweave", default=os.path.join(ROOT, "target", "release", "newsweave"))
    s.add_argument("--gold", default=os.path.join(ROOT, "bench", "gold", "basil-facts"))
    s.add_argument("--sample", default="dev", help="dev (default), train, train2 or test")
    t = sub.add_parser("pairs")
    t.add_argument("--gold", default=os.path.join(ROOT, "bench", "gold", "basil-facts"))
    t.add_argument("--sample", default="train")
    t.add_argument("--sentences", help="append the sample's sentences to this file")
    args = parser.parse_args()
    if args.command == "draw":
        draw(args)
    elif args.command == "pairs":
        return export_pairs(args)
    elif args.command == "score":
        return score(args)


if __name__ == "__main__":
    sys.exit(main())
