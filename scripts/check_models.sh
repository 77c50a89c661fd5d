#!/usr/bin/env bash
# Retrains both committed models from ../shared/data and checks that the results are
# byte for byte the committed files (`make check-models`).
# - data/verifier.txt: `make train-verifier` on the labelled news pairs, with the code as it is.
# - data/ner-model.bin: `train-ner` on CoNLL-2003 eng.train, the epoch chosen on
#   eng.testa. Its features read the word table (data/word-clusters.txt,
#   data/common-words.txt) and the gazetteer (data/gazetteer.tsv), both compiled in by
#   the build script (build/). The verifier's features read the tagger's names, so a
#   new tagger model needs `make train-verifier` too.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data
OUT=target/model-check
mkdir -p "$OUT"

cargo build --release --quiet --bin newsweave
cp data/verifier.txt "$OUT/verifier.txt"
make --quiet train-verifier > "$OUT/verifier.log" 2>&1
if ! cmp data/verifier.txt "$OUT/verifier.txt"; then
  cp "$OUT/verifier.txt" data/verifier.txt # put the committed file back
  echo "data/verifier.txt: retraining gave another model" >&2
  exit 1
fi
echo "data/verifier.txt: retrained, byte for byte the same"

target/release/newsweave train-ner "$DATA/conll2003/eng.train" "$DATA/conll2003/eng.testa" "$OUT/ner-model.bin" 14 > "$OUT/ner.log" 2>&1
cmp "$OUT/ner-model.bin" data/ner-model.bin
echo "data/ner-model.bin: retrained, byte for byte the same"
