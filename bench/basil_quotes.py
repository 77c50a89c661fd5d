#!/usr/bin/env python3
"""Quote-speaker labels on BASIL-dev stories: draw quoted passages for blind labelling.

Usage:
  bench/basil_quotes.py draw --seed S --stories N --count C [--min-stories M] [--sample NAME]
                             [--skip-stories-of GOLDFILE]...

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
It prints nothing newsweave computes: the labels are made blind. `--skip-stories-of GOLDFILE`
leaves out every story a label file already draws from before shuffling, so that a held-out
sample shares no story with it.

  bench/basil_quotes.py score [--newsweave target/release/newsweave] [--list] [--quotes GOLDFILE] [--people FILE]

`score` checks newsweave against the hand labels bench/gold/basil-quotes.tsv (or `--quotes FILE`: quote
speakers) and bench/gold/basil-people.tsv (people named in each article). Build first:
`cargo build --release --bin newsweave`. For each story of the labels it writes the three
articles to target/basil-quotes/STORY/{fox,nyt,hpo}.txt (the title as the first paragraph,
then the body paragraphs, each its sentences joined by one space, paragraphs separated by a
blank line) and runs `newsweave merge --json fox.txt nyt.txt hpo.txt` (source 0, 1, 2).
It prints Markdown tables; `--list` also lists every quote that is not right. With
`--people FILE` it scores only the people of FILE (same format as basil-people.tsv, e.g. the
held-out sample bench/gold/basil-people-heldout.tsv), on FILE's stories.

Counting rules, quotes:
  * Text is compared white space folded. A label is matched to a Digest quote of the same
    article, by the first rule that finds one: (1) prefix: the quote's text starts with KEY,
    or KEY starts with the (non-empty) quote text (newsweave cut it shorter); (2) overlap:
    the longest run of characters the quote shares with the labelled passage (the draw's
    own scan of the article gives the whole passage) is at least 12 characters and at least
    half of the shorter of the two. Among candidates of the best rule, one not yet matched
    to another label wins, then the one starting nearest the labelled paragraph. No match:
    the quote is "missing" (it counts as given no speaker).
  * "?" labels are skipped. A label is a named person (names joined by "|": any of them),
    an organisation (ROLE "organisation"), UNNAMED or NONE.
  * A name form (the entity's name or one alias) names a labelled person when, after
    folding accents and case, dropping a title in front (Mr., Sen., President, ...), a
    possessive 's and a suffix (Jr., Sr., II, III, IV), the last words are equal, and, when
    both have given names, the first given name of one equals a given name of the other or
    is its initial or a common nickname of it (Bob/Robert, ...). The speaker is right for a
    person label when some form of the entity names the person and no form contradicts it
    (a form with the same surname and given names that do not fit: an entity "Bill
    Clinton" with alias "Clinton" is not right for Hillary Clinton).
  * The speaker is right for an organisation label when the entity is not of type PER and
    its name or an alias equals the label, or holds it (or is held by it) word for word,
    after folding case and punctuation and dropping a leading "the" and a possessive.
  * Any speaker given to an UNNAMED or NONE quote is wrong.
  * Precision = right (persons and organisations) / quotes given a speaker, over all
    labelled quotes. Recall = right persons / quotes labelled with a named person (missing
    ones included).

Counting rules, people (bench/gold/basil-people.tsv: STORY PERSON ARTICLE SURFACE-FORMS):
  * A Digest mention matches a labelled person when it lies in that article (its source)
    and its text equals one of the person's forms there, ignoring case, folded white
    space and a possessive 's. A mention text that is a form of two people of the same
    article (e.g. "Clinton") is ambiguous and left out.
  * A person is found as PER when a PER entity holds a matched mention; found only as
    another type when only entities of other types do; otherwise not found.
  * A person named in 2+ articles of a story is split when their matched mentions fall in
    more than one entity of type PER; "whole" when one PER entity holds matched mentions in
    every article that names them.
  * An entity (of any type) is wrongly joined when it holds matched mentions of two or
    more different labelled people.
"""
import argparse, collections, difflib, json, os, random, subprocess, sys, unicodedata

from basil_facts import DATA, OUTLETS, ROOT, stories, utf16_len

QUOTE_LABELS = os.path.join(ROOT, "bench", "gold", "basil-quotes.tsv")
PEOPLE_LABELS = os.path.join(ROOT, "bench", "gold", "basil-people.tsv")
OUT = os.path.join(ROOT, "target", "basil-quotes")
OPEN, CLOSE, STRAIGHT = "\u201c", "\u201d", '"'
KEY_CHARS = 48


def drawn_stories(seed, count, data=DATA, skip=()):
    all_stories = stories(data)
    order = [uuid for uuid in all_stories if uuid not in skip]
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


def labelled_stories(gold):
    """Triplet uuids of the stories a label file draws from."""
    return {json.load(open(os.path.join(DATA, r[1]), encoding="utf-8"))["triplet-uuid"]
            for r in read_tsv(gold) if len(r) == 7}


def draw(args):
    skip = set()
    for gold in args.skip_stories_of or []:
        skip |= labelled_stories(gold)
    rng, picked_stories = drawn_stories(args.seed, args.stories, skip=skip)
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
          f"{len(have)} of {len(picked_stories)} stories"
          + (f", none of the {len(skip)} stories of {', '.join(args.skip_stories_of)}" if skip else ""))
    for number, (uuid, outlet, path, p, _, text) in enumerate(take, 1):
        article = articles[path]
        paras = paragraphs(article)
        print(f"=== {args.sample}.{number:03d}\t{path}\t{p}\t{text[:KEY_CHARS]}")
        print(f"story {uuid}  {outlet}  title: {article['title']}")
        for i in range(max(0, p - 2), min(len(paras), p + 2)):
            mark = ">>" if i == p else "  "
            print(f"{mark} [{i}] {fold(paras[i])}")
        print()

# ---------------------------------------------------------------- score: inputs

def read_tsv(path):
    """Rows of a tab-separated file, without comment and blank lines."""
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def article_text(article):
    """The text newsweave reads: title, then body paragraphs, blank lines between."""
    return "\n\n".join([article["title"]] + paragraphs(article)) + "\n"


def paragraph_starts(article):
    """UTF-16 offset in article_text of each body paragraph (Digest offsets are UTF-16)."""
    starts, at = [], utf16_len(article["title"]) + 2
    for para in paragraphs(article):
        starts.append(at)
        at += utf16_len(para) + 2
    return starts


def weave_story(binary, uuid, story):
    """Write the story's three articles and return newsweave's Digest for them."""
    folder = os.path.join(OUT, uuid)
    os.makedirs(folder, exist_ok=True)
    files = []
    for outlet in OUTLETS:
        path = os.path.join(folder, outlet + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(article_text(story[outlet]))
        files.append(path)
    run = subprocess.run([binary, "merge", "--json", *files], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"newsweave failed on story {uuid}: {run.stderr.strip()}")
    return json.loads(run.stdout)


# ---------------------------------------------------------------- score: names

TITLES = {"mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "representative", "gov",
          "governor", "president", "pres", "gen", "general", "secretary", "speaker", "judge",
          "justice", "rev", "lt", "col", "capt", "sgt", "adm", "queen", "king", "prince", "the",
          "former", "vice", "attorney", "congressman", "congresswoman", "leader", "chairman"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
NICKNAMES = [("robert", "bob", "rob", "bobby"), ("william", "bill", "will", "billy"),
             ("joseph", "joe"), ("richard", "dick", "rick", "rich"), ("michael", "mike"),
             ("james", "jim", "jimmy"), ("thomas", "tom"), ("christopher", "chris"),
             ("daniel", "dan"), ("david", "dave"), ("edward", "ed", "ted"),
             ("charles", "chuck", "charlie"), ("benjamin", "ben", "bibi"), ("anthony", "tony"),
             ("elizabeth", "liz", "beth"), ("katherine", "kate", "kathy"),
             ("patrick", "pat"), ("ronald", "ron"), ("steven", "steve"), ("stephen", "steve"),
             ("andrew", "andy"), ("alexander", "alex"), ("nicholas", "nick"),
             ("matthew", "matt"), ("samuel", "sam"), ("jeffrey", "jeff"),
             ("gregory", "greg"), ("lawrence", "larry"), ("gerald", "jerry"),
             ("donald", "don"), ("henry", "hank"), ("douglas", "doug"), ("kenneth", "ken"),
             ("timothy", "tim"), ("peter", "pete"), ("frederick", "fred"),
             ("mitchell", "mitch"), ("kimberly", "kim"), ("deborah", "debbie", "deb"),
             ("susan", "sue"), ("margaret", "peggy", "maggie"), ("barack", "barry")]
NICK = {name: set(group) for group in NICKNAMES for name in group}


def fold_accents(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def drop_possessive(text):
    text = text.replace("\u2019", "'")
    for tail in ("'s", "'"):
        if text.lower().endswith(tail):
            return text[: -len(tail)]
    return text


def name_words(name):
    """Words of a person's name: folded, no title in front, no possessive, no suffix."""
    text = fold_accents(drop_possessive(fold(name))).lower()
    words = ["".join(c for c in w if c.isalnum() or c in "-'") for w in text.replace(".", ". ").split()]
    words = [w for w in words if w]
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    while len(words) > 1 and words[-1] in SUFFIXES:
        words = words[:-1]
    return words


def given_fits(a, b):
    """Equal, one the initial of the other, or a common nickname of it."""
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)) \
        or b in NICK.get(a, ())


def first_names_fit(given_a, given_b):
    return any(given_fits(given_a[0], g) for g in given_b) or any(given_fits(given_b[0], g) for g in given_a)


def form_vs_person(form, person):
    """'names' when a name form names the person, 'contradicts' when it has the same
    surname but given names that do not fit, otherwise None."""
    f, p = name_words(form), name_words(person)
    if not f or not p or f[-1] != p[-1]:
        return None
    if len(f) > 1 and len(p) > 1 and not first_names_fit(f[:-1], p[:-1]):
        return "contradicts"
    return "names"


def entity_names_person(entity, person):
    verdicts = {form_vs_person(form, person) for form in entity_forms(entity)}
    return "names" in verdicts and "contradicts" not in verdicts


def entity_forms(entity):
    return [entity["name"]] + list(entity.get("aliases") or [])


def org_words(name):
    words = name_words(name.replace("-", " "))
    return words[1:] if len(words) > 1 and words[0] == "the" else words


def holds(longer, shorter):
    n = len(shorter)
    return n > 0 and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def entity_names_org(entity, org):
    if entity["type"] == "PER":
        return False
    o = org_words(org)
    return any(holds(org_words(f), o) or holds(o, org_words(f)) for f in entity_forms(entity))


# ---------------------------------------------------------------- score: quotes

def label_kind(speaker, role):
    if speaker in ("NONE", "UNNAMED", "?"):
        return speaker
    return "organisation" if role == "organisation" else "person"


def full_passage(article, paragraph, key):
    """The whole passage the key starts (the draw's own scan), or the key itself."""
    for p, text in passages(paragraphs(article)):
        if p == paragraph and text.startswith(key):
            return text
    return key


def match_rule(text, key, passage):
    """0 for a prefix match, 1 for a good overlap, None for no match."""
    if text.startswith(key) or (text and key.startswith(text)):
        return 0
    block = difflib.SequenceMatcher(None, text, passage, autojunk=False).find_longest_match(
        0, len(text), 0, len(passage)).size
    if block >= 12 and block >= min(len(text), len(passage)) / 2:
        return 1
    return None


def find_quote(digest, source, key, passage, near, used):
    """Index of the Digest quote matched to a label, or None."""
    best = None
    for i, q in enumerate(digest["quotes"]):
        if q["source"] != source:
            continue
        rule = match_rule(fold(q["text"]), key, passage)
        if rule is None:
            continue
        rank = (rule, i in used, abs(q["start"] - near))
        if best is None or rank < best[0]:
            best = (rank, i)
    return None if best is None else best[1]


def judge(label, entity):
    """'right', 'wrong' or 'none' (no speaker given) for a matched quote."""
    if entity is None:
        return "none"
    if label["kind"] == "person":
        ok = any(entity_names_person(entity, name) for name in label["speaker"].split("|"))
    elif label["kind"] == "organisation":
        ok = entity_names_org(entity, label["speaker"])
    else:
        ok = False
    return "right" if ok else "wrong"


def score_quotes(labels, articles, digests):
    """One result per label: the label, the outcome and the speaker name given."""
    results, used = [], collections.defaultdict(set)
    for sample, path, paragraph, key, speaker, role, kind in labels:
        label = {"sample": sample, "path": path, "paragraph": int(paragraph), "key": key,
                 "speaker": speaker, "role": role, "kind": label_kind(speaker, role), "type": kind}
        if label["kind"] == "?":
            continue
        article = articles[path]
        uuid, source = article["triplet-uuid"], OUTLETS.index(article["source"])
        digest = digests[uuid]
        near = paragraph_starts(article)[label["paragraph"]]
        passage = full_passage(article, label["paragraph"], key)
        i = find_quote(digest, source, key, passage, near, used[uuid])
        if i is None:
            results.append((label, "missing", None))
            continue
        used[uuid].add(i)
        speaker_id = digest["quotes"][i]["speaker"]
        entity = entity_by_id(digest, speaker_id)
        name = None if entity is None else f"{entity['name']} ({entity['type']})"
        results.append((label, judge(label, entity), name))
    return results


def entity_by_id(digest, entity_id):
    if entity_id is None:
        return None
    return next(e for e in digest["entities"] if e["id"] == entity_id)


def ratio(a, b):
    return f"{a / b:.3f}" if b else "-"


def quote_tables(results, show_list):
    counts = collections.defaultdict(collections.Counter)
    for label, outcome, _ in results:
        counts[label["kind"]][outcome] += 1
        counts["all"][outcome] += 1
    given = sum(c["right"] + c["wrong"] for k, c in counts.items() if k != "all")
    right = counts["person"]["right"] + counts["organisation"]["right"]
    persons = sum(counts["person"].values())
    print("## Quote speakers\n")
    print("| labelled quotes | matched | missing | given a speaker | right | precision | named-person labels | right persons | recall |")
    print("|---|---|---|---|---|---|---|---|---|")
    total = sum(counts["all"].values())
    print(f"| {total} | {total - counts['all']['missing']} | {counts['all']['missing']} | {given} | {right} | "
          f"{ratio(right, given)} | {persons} | {counts['person']['right']} | {ratio(counts['person']['right'], persons)} |")
    print("\n| label | quotes | missing | no speaker | right | wrong speaker |")
    print("|---|---|---|---|---|---|")
    for kind in ("person", "organisation", "UNNAMED", "NONE"):
        c = counts[kind]
        print(f"| {kind} | {sum(c.values())} | {c['missing']} | {c['none']} | {c['right']} | {c['wrong']} |")
    by_type = collections.defaultdict(collections.Counter)
    for label, outcome, _ in results:
        if label["kind"] == "person":
            by_type[label["type"]][outcome] += 1
    print("\nNamed-person labels by KIND:\n")
    print("| kind | quotes | missing | no speaker | right | wrong speaker | recall |")
    print("|---|---|---|---|---|---|---|")
    for kind, c in sorted(by_type.items()):
        n = sum(c.values())
        print(f"| {kind} | {n} | {c['missing']} | {c['none']} | {c['right']} | {c['wrong']} | {ratio(c['right'], n)} |")
    if show_list:
        print("\n| article | par | key | label | outcome | given |")
        print("|---|---|---|---|---|---|")
        for label, outcome, name in results:
            if outcome != "right" and not (outcome == "none" and label["kind"] in ("NONE", "UNNAMED")):
                key = label["key"].replace("|", "/")
                print(f"| {label['path']} | {label['paragraph']} | {key} | {label['speaker'].replace('|', ' / ')} | {outcome} | {name or ''} |")


# ---------------------------------------------------------------- score: people

def mention_form(text):
    return drop_possessive(fold(text)).lower()


def people_matches(rows, articles, digests):
    """{(story, person): {"articles": n, "PER": {entity ids}, "other": {types}, "seen": {paths}}}
    and {(story, entity id): {people}} from the matched mentions."""
    forms = collections.defaultdict(lambda: collections.defaultdict(set))  # path -> form -> people
    people = {}
    for story, person, path, surface in rows:
        for form in surface.split("|"):
            forms[path][mention_form(form)].add(person)
        entry = people.setdefault((story, person), {"articles": set(), "PER": set(), "other": set(),
                                                     "seen": set(), "per_seen": collections.defaultdict(set)})
        entry["articles"].add(path)
    joined = collections.defaultdict(set)
    for story, digest in digests.items():
        paths = {OUTLETS.index(a["source"]): p for p, a in articles.items() if a["triplet-uuid"] == story}
        for entity in digest["entities"]:
            for m in entity["mentions"]:
                path = paths.get(m["source"])
                who = forms[path].get(mention_form(m["text"]), set()) if path else set()
                if len(who) != 1:
                    continue
                person = next(iter(who))
                entry = people[(story, person)]
                entry["seen"].add(path)
                if entity["type"] == "PER":
                    entry["PER"].add(entity["id"])
                    entry["per_seen"][entity["id"]].add(path)
                else:
                    entry["other"].add(entity["type"])
                joined[(story, entity["id"], entity["name"], entity["type"])].add(person)
    return people, joined


def people_tables(rows, articles, digests):
    people, joined = people_matches(rows, articles, digests)
    multi = {k: v for k, v in people.items() if len(v["articles"]) >= 2}
    split = {k: v for k, v in multi.items() if len(v["PER"]) > 1}
    whole = [k for k, v in multi.items() if any(s == v["articles"] for s in v["per_seen"].values())]
    as_per = [k for k, v in people.items() if v["PER"]]
    only_other = {k: v for k, v in people.items() if not v["PER"] and v["other"]}
    missing = [k for k, v in people.items() if not v["seen"]]
    wrong = {k: v for k, v in joined.items() if len(v) > 1}
    print("\n## People\n")
    print("| labelled people (story, person) | person-articles | found as PER | found only as another type | not found "
          "| in 2+ articles | split | whole | entities wrongly joined |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| {len(people)} | {len(rows)} | {len(as_per)} | {len(only_other)} | {len(missing)} | {len(multi)} "
          f"| {len(split)} | {len(whole)} | {len(wrong)} |")
    print(f"\nSplit ({len(split)}; PER entities holding the person's mentions):\n")
    for (story, person), v in sorted(split.items(), key=lambda kv: kv[0][1]):
        print(f"- {person} ({story[:8]}): {len(v['PER'])} entities: "
              + ", ".join(entity_label(digests[story], i) for i in sorted(v["PER"])))
    print(f"\nWrongly joined ({len(wrong)}):\n")
    for (story, _, name, etype), who in sorted(wrong.items(), key=lambda kv: kv[0][2]):
        print(f"- {name} ({etype}, {story[:8]}): " + ", ".join(sorted(who)))
    print(f"\nFound only as another type ({len(only_other)}):\n")
    for (story, person), v in sorted(only_other.items(), key=lambda kv: kv[0][1]):
        print(f"- {person} ({story[:8]}): " + ", ".join(sorted(v["other"])))
    print(f"\nNot found ({len(missing)}):\n")
    print(", ".join(f"{person} ({story[:8]})" for story, person in sorted(missing, key=lambda k: k[1])))


def entity_label(digest, entity_id):
    e = entity_by_id(digest, entity_id)
    return f"\"{e['name']}\"#{e['id']}"


# ---------------------------------------------------------------- score: main

def score(args):
    quote_rows = [] if args.people else [r for r in read_tsv(args.quotes) if len(r) == 7]
    people_rows = [r for r in read_tsv(args.people or PEOPLE_LABELS) if len(r) == 4]
    all_stories = stories()
    wanted = {json.load(open(os.path.join(DATA, r[1]), encoding="utf-8"))["triplet-uuid"] for r in quote_rows}
    wanted |= {r[0] for r in people_rows}
    binary = args.newsweave if os.path.isabs(args.newsweave) or os.path.exists(args.newsweave) \
        else os.path.join(ROOT, args.newsweave)
    digests = {uuid: weave_story(binary, uuid, all_stories[uuid]) for uuid in sorted(wanted)}
    articles = {a["path"]: a for uuid in wanted for a in all_stories[uuid].values()}
    print(f"# newsweave on BASIL-dev labels: {len(wanted)} stories, {len(articles)} articles\n")
    print(f"Command: `bench/basil_quotes.py score --newsweave {args.newsweave}"
          + (" --list" if args.list else "") + (f" --people {args.people}" if args.people else "") + "`\n")
    if quote_rows:
        quote_tables(score_quotes(quote_rows, articles, digests), args.list)
    people_tables(people_rows, articles, digests)
    return 0



def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--stories", type=int, required=True)
    d.add_argument("--count", type=int, required=True)
    d.add_argument("--min-stories", type=int, default=15)
    d.add_argument("--sample", default="basil-dev")
    d.add_argument("--skip-stories-of", action="append", metavar="GOLDFILE",
                   help="leave out the stories of this label file (repeatable): a held-out draw")
    s = sub.add_parser("score")
    s.add_argument("--newsweave", default="target/release/newsweave")
    s.add_argument("--list", action="store_true", help="list every quote that is not right")
    s.add_argument("--people", metavar="FILE", help="score only the people of FILE (format of basil-people.tsv)")
    s.add_argument("--quotes", default=QUOTE_LABELS, help="quote label file (default: the dev sample)")
    args = parser.parse_args()
    if args.command == "draw":
        draw(args)
    elif args.command == "score":
        return score(args)


if __name__ == "__main__":
    sys.exit(main())
