//! The build script: compiles the data files under `data/` into Rust tables in
//! `$OUT_DIR`, so the wasm module carries ready-to-use data and parses no text on its
//! first call (only the tagger's weights are decoded, once). Each table has its module.

#[path = "../src/bits.rs"]
#[allow(dead_code)] // the codebook's decoding half reads bits; the build only writes them
mod bits;
#[path = "../src/entities/codebook.rs"]
#[allow(dead_code)] // the layout is shared; its decoding half is the library's
mod codebook;
mod compress;
mod gazetteer;
#[path = "../src/text/hash.rs"]
#[allow(dead_code)] // the build needs FNV and the Bloom probes only
mod hash;
mod models;
mod names;
mod words;

use codebook::{canonical_codes, pack};

fn main() {
    names::given_names();
    gazetteer::places();
    gazetteer::gazetteer();
    models::verifier();
    models::ner_model();
    words::word_table();
}
