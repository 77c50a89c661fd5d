#!/usr/bin/env python3
"""Claims below the sentence, measured before building them: does comparing clauses
instead of whole sentences separate same-fact pairs from the rest, with the strongest
signals at hand? The verifier's own learner, out of fold by story, on the labelled
BASIL-dev pairs (`make train-verifier` writes them to target/verifier/), with clause
features appended to newsweave's 44.

Claims are cut from a sentence the way a rule-based splitter without a parser can:
- the attribution frame goes ("…, officials said", "according to X", "X told Fox News
  that"), since who states a claim is not part of it;
- the rest is cut at semicolons, dashes, parentheses and quotation boundaries, and
  before a subordinate or coordinate clause (", which", ", who", ", after", " because",
  " following", ", but", ", and" …);
- pieces of fewer than three content words join their neighbour.
The whole sentence stays a claim of its own, so a pair's best claim pair is never worse
than the sentences.

Features of a pair, over every claim of one sentence against every claim of the other:
- lexical: the largest share of one claim's content words (weighted by the story weight
  ln((n+1)/(k+½)), as the pipeline weighs concepts) found in the other claim, and the
  same share for the best claim against the whole other sentence;
- minilm (with `minilm`): the largest all-MiniLM-L6-v2 cosine between claims (set up as
  in bench/probe_semantic.py's docstring).

Usage: python3 bench/probe_claims.py [minilm]
Prints the claims' count, then average precision and recall at 0.95 / 0.90 precision of
each feature set, and of the best single claim feature alone.
"""
import os
import re
import sys

import numpy as np
from sklearn.metrics import average_precision_score
from sklearn.model_selection import GroupKFold

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_verifier import out_of_fold, threshold_for  # noqa: E402
from probe_semantic import content_words, minilm_embed, story_weights, verifier_pairs  # noqa: E402

SAY = r"(?:said|says|say|told|tells|added|adds|wrote|writes|noted|notes|stated|explained|argued|claimed|according)"
# "…, officials said." / "…, said Josep Borrell, the EU's chief." at a sentence's end.
TRAILING_FRAME = re.compile(r",\s*(?:[^,]{0,60}\s)?" + SAY + r"\b[^,]{0,80}(?:,[^,]{0,60})?\.?\s*$", re.I)
# "Officials said (that) …" / "X told Fox News that …" / "According to X, …" at its start.
LEADING_FRAME = re.compile(r"^(?:[^,;]{0,80}\s)?" + SAY + r"(?:\s+\w+){0,4}?\s+that\s+|^according to [^,]{1,80},\s*", re.I)
# Asides inside the main clause: dashes, parentheses, a relative clause between commas.
ASIDES = re.compile(
    r"\s(?:--|—)\s?(.+?)\s?(?:--|—)\s|\s?\((.+?)\)|,\s((?:who|whose|which|where|when)\b[^,;]+),", re.I)
CUTS = re.compile(
    r"\s*(?:;|\s--\s|\s—\s|—|[“”\"]|"
    r",\s*(?=(?:which|who|whose|whom|where|when|while|after|before|because|as|since|but|and|although|though|"
    r"following|amid|despite|including|even as|even though|saying|adding|calling)\b)|"
    r"\s(?=(?:because|following|after|amid|although|though|whereas|while)\s))\s*",
    re.I)


def claims_of(sentence):
    """The sentence itself, then its clauses without the attribution frame."""
    body = LEADING_FRAME.sub("", TRAILING_FRAME.sub("", sentence.strip()))
    asides = []

    def aside(match):
        asides.append(next(g for g in match.groups() if g))
        return " " if not match.group(0).startswith(",") else " "
    main_clause = ASIDES.sub(aside, body)
    merged = []
    for part in (main_clause, *asides):
        pieces = [p for p in CUTS.split(part) if p and p.strip()]
        start = len(merged)
        for piece in pieces:
            if len(merged) > start and (len(content_words(piece)) < 2 or len(content_words(merged[-1])) < 2):
                merged[-1] += " " + piece
            else:
                merged.append(piece)
    out = [sentence]
    for claim in merged:
        claim = re.sub(r"\s+", " ", claim).strip(" ,.")
        if len(content_words(claim)) >= 2 and claim not in out:
            out.append(claim)
    return out


def lexical_features(pairs, claims):
    weight = story_weights(pairs)

    def share(xs, ys, story):
        if not xs:
            return 0.0
        total = sum(weight(story, w) for w in xs)
        return sum(weight(story, w) for w in xs if w in ys) / total if total else 0.0

    rows = []
    for p in pairs:
        story = p[1].split(":")[0]
        ca = [set(content_words(c)) for c in claims[p[3]]]
        cb = [set(content_words(c)) for c in claims[p[4]]]
        best_claims = max(min(share(a, b, story), share(b, a, story)) for a in ca for b in cb)
        best_in_whole = max(max(share(a, cb[0], story) for a in ca[1:] or ca),
                            max(share(b, ca[0], story) for b in cb[1:] or cb))
        rows.append([best_claims, best_in_whole])
    return np.array(rows)


def minilm_features(pairs, claims):
    row, embedded = minilm_embed([c for cs in claims.values() for c in cs])
    rows = []
    for p in pairs:
        a = embedded[[row[c] for c in claims[p[3]]]]
        b = embedded[[row[c] for c in claims[p[4]]]]
        cosines = a @ b.T
        rows.append([float(cosines.max()), float(cosines[0, 0])])
    return np.array(rows)


def report(name, p, y):
    at95, at90 = threshold_for(p, y, 0.95)[1], threshold_for(p, y, 0.90)[1]
    print(f"{name}: average precision {average_precision_score(y, p):.3f}, "
          f"recall at 0.95 {at95:.3f}, at 0.90 {at90:.3f}")


def main():
    semantic = sys.argv[1:] == ["minilm"]
    if sys.argv[1:] not in ([], ["minilm"]):
        sys.exit(__doc__)
    pairs, x, y, groups = verifier_pairs()
    sentences = {p[3] for p in pairs} | {p[4] for p in pairs}
    claims = {s: claims_of(s) for s in sentences}
    split = sum(len(c) > 1 for c in claims.values())
    print(f"{len(y)} pairs, {y.sum()} same fact; {len(sentences)} sentences, {split} cut into "
          f"{sum(len(c) - 1 for c in claims.values() if len(c) > 1)} claims")
    lexical = lexical_features(pairs, claims)
    print(f"best claim pair's shared share alone: average precision "
          f"{average_precision_score(y, lexical[:, 0]):.3f}")
    folds = list(GroupKFold(n_splits=5).split(x, y, groups))
    report("the verifier's features", out_of_fold(x, y, folds), y)
    report("+ claims, lexical", out_of_fold(np.hstack([x, lexical]), y, folds), y)
    whole = lexical_features(pairs, {s: [s] for s in sentences})
    report("+ the same over whole sentences", out_of_fold(np.hstack([x, whole]), y, folds), y)
    if semantic:
        mini = minilm_features(pairs, claims)
        print(f"MiniLM alone: sentences {average_precision_score(y, mini[:, 1]):.3f}, "
              f"best claim pair {average_precision_score(y, mini[:, 0]):.3f} (average precision)")
        report("+ MiniLM, sentences", out_of_fold(np.hstack([x, mini[:, 1:]]), y, folds), y)
        report("+ claims, lexical and MiniLM", out_of_fold(np.hstack([x, lexical, mini]), y, folds), y)


if __name__ == "__main__":
    main()
