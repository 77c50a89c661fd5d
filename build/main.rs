//! The build script: compiles the data files under `data/` into Rust tables in
//! `$OUT_DIR`, so the wasm module carries ready-to-use data and parses no text on its
//! first call (only the tagger's weights are decoded, once). Each table has its module.

#[path = "../src/entities/codebook.rs"]
#[allow(dead_code)] // the library's decoding half is not the build's
mod codebook;
mod gazetteer;
#[path = "../src/text/hash.rs"]
#[allow(dead_code)] // the build needs FNV and the Bloom probes only
mod hash;
mod models;
mod names;

fn main() {
    names::given_names();
    gazetteer::places();
    gazetteer::gazetteer();
    models::paraphrase_model();
    models::ner_model();
}
