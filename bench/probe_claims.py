#!/usr/bin/env python3
"""Claims below the sentence, measured before building them: does comparing clauses
instead of whole sentences separate same-fact pairs from the rest, with the strongest
signals at hand? The verifier's own learner, out of fold by story, on the labelled
BASIL-dev pairs (`make train-verifier` writes them to target/verifier/), with clause
features appended to newsweave's 44.

Claims are cut from a sentence the way a rule-based splitter without a parser can:
- the attribution frame goes ("…, officials said", "according to X", "X told Fox News
  that"), since who states a claim is not part of it;
- asides become claims of their own and leave the main clause whole: text between
  dashes, in brackets, and a relative clause between commas (", who faced a claim,");
- the rest is cut at semicolons, dashes and quotation marks, and before a subordinate
  or coordinate clause (", which", ", who", ", after", " because", " following",
  ", but", ", and" …);
- pieces of fewer than two content words join their neighbour, and a piece with the
  same content words as the sentence or an earlier claim is no new claim.
The whole sentence stays a claim of its own, so the best pair of claims is never worse
than the pair of sentences.

Features of a pair, over every claim of one sentence against every claim of the other:
- lexical: over claim pairs, the largest of the smaller of the two directions' shares
  of a claim's content words (weighted by the story weight ln((n+1)/(k+½)), as the
  pipeline weighs concepts) found in the other claim; and the largest share of a cut
  claim's words (the sentence itself when it has none) held by the whole other
  sentence. With each sentence its only claim, the two are the smaller and the larger
  weighted share of the two sentences;
- minilm (with `minilm`): the largest all-MiniLM-L6-v2 cosine between claims, and the
  cosine of the two sentences (set up as in bench/probe_semantic.py's docstring).

The verifier's features and the claim features are also compared over five random
assignments of stories to folds, to show how far recall at 0.95 moves with the folds
alone.

Usage: python3 bench/probe_claims.py [minilm]
Prints how many sentences give claims, then average precision and recall at 0.95 / 0.90
precision of each feature set, and of the best claim pair's share alone.
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
# "…, officials said." / "…, said Josep Borrell." at a sentence's end (nothing after it).
TRAILING_FRAME = re.compile(r",\s*(?:[^,]{0,60}\s)?" + SAY + r"\b[^,]{0,80}\.?\s*$", re.I)
# "Officials said (that) …" / "X told Fox News that …" / "According to X, …" at its start.
LEADING_FRAME = re.compile(
    r"^(?:[^,;]{0,80}\s)?" + SAY + r"(?:(?:\s+\w+){0,4}?\s+that\s+|\s+)|^according to [^,]{1,80},\s*", re.I)
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
        return " "
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
    out, seen = [sentence], [set(content_words(sentence))]
    for claim in merged:
        claim = re.sub(r"\s+", " ", claim).strip(" ,.")
        words = set(content_words(claim))
        if len(words) >= 2 and words not in seen:
            out.append(claim)
            seen.append(words)
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


def random_folds(groups, seed, k=5):
    """Five folds by story, the stories dealt to folds in a random order."""
    stories = sorted(set(groups))
    np.random.RandomState(seed).shuffle(stories)
    fold_of = {story: n % k for n, story in enumerate(stories)}
    assigned = np.array([fold_of[g] for g in groups])
    return [(np.where(assigned != f)[0], np.where(assigned == f)[0]) for f in range(k)]


def main():
    semantic = sys.argv[1:] == ["minilm"]
    if sys.argv[1:] not in ([], ["minilm"]):
        sys.exit(__doc__)
    pairs, x, y, groups = verifier_pairs()
    sentences = {p[3] for p in pairs} | {p[4] for p in pairs}
    claims = {s: claims_of(s) for s in sentences}
    cut = sum(len(c) > 2 for c in claims.values())
    one = sum(len(c) == 2 for c in claims.values())
    print(f"{len(y)} pairs, {y.sum()} same fact; of {len(sentences)} sentences, {cut} cut into two or more "
          f"claims ({sum(len(c) - 1 for c in claims.values() if len(c) > 2)} in all), {one} give one claim "
          f"of other words than their own (a frame or an aside left out)")
    lexical = lexical_features(pairs, claims)
    print(f"best claim pair's shared share alone: average precision "
          f"{average_precision_score(y, lexical[:, 0]):.3f}")
    folds = list(GroupKFold(n_splits=5).split(x, y, groups))
    whole = lexical_features(pairs, {s: [s] for s in sentences})
    feature_sets = [("the verifier's features", x), ("+ claims, lexical", np.hstack([x, lexical])),
                    ("+ the same over whole sentences", np.hstack([x, whole]))]
    for name, features in feature_sets:
        report(name, out_of_fold(features, y, folds), y)
    if semantic:
        mini = minilm_features(pairs, claims)
        print(f"MiniLM alone: sentences {average_precision_score(y, mini[:, 1]):.3f}, "
              f"best claim pair {average_precision_score(y, mini[:, 0]):.3f} (average precision)")
        report("+ MiniLM, sentences", out_of_fold(np.hstack([x, mini[:, 1:]]), y, folds), y)
        report("+ claims, lexical and MiniLM", out_of_fold(np.hstack([x, lexical, mini]), y, folds), y)
    print("recall at 0.95 over five random assignments of stories to folds (mean, lowest, highest):")
    for name, features in feature_sets:
        recalls = [threshold_for(out_of_fold(features, y, random_folds(groups, seed)), y, 0.95)[1]
                   for seed in range(5)]
        print(f"  {name}: {np.mean(recalls):.3f} ({min(recalls):.3f} to {max(recalls):.3f})")


if __name__ == "__main__":
    main()
