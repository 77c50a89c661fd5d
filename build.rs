//! Compiles `data/gazetteer.tsv` into sorted static tables and hash filters, and
//! `data/places.txt` into a table of hashes (see src/entities/gazetteer.rs),
//! `data/paraphrase-model.txt` into constants (src/paraphrase.rs), `data/ner-model.bin`
//! into entropy-coded weights (src/entities/tagger.rs), and `data/first-names.txt` into
//! a Bloom filter (src/entities/resolve.rs), so the wasm module carries ready-to-use
//! data and parses no text on its first call (only the weights are decoded, once).

use std::fmt::Write as _;
use std::{env, fs, path::Path};

#[path = "src/entities/codebook.rs"]
#[allow(dead_code)] // the decoding half is the library's
mod codebook;
#[path = "src/hash.rs"]
#[allow(dead_code)] // the build needs FNV only
mod hash;

fn main() {
    given_names();
    places();
    paraphrase_model();
    ner_model();
    println!("cargo:rerun-if-changed=data/gazetteer.tsv");
    let src = fs::read_to_string("data/gazetteer.tsv").expect("data/gazetteer.tsv is readable");
    let mut names: Vec<(String, String)> = Vec::new(); // (kind, canonical name)
    let mut forms: Vec<(String, usize, u8)> = Vec::new(); // (surface key, name index, 0 = name/alias, 1 = demonym)
    for (n, line) in src.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 2, "data/gazetteer.tsv:{}: need kind and name", n + 1);
        let kind = cols[0];
        assert!(
            ["LOC", "ORG", "MISC", "TITLE"].contains(&kind),
            "data/gazetteer.tsv:{}: bad kind {kind}",
            n + 1
        );
        let id = names.len();
        names.push((kind.to_string(), cols[1].to_string()));
        forms.push((key(cols[1]), id, 0));
        for alias in cols
            .get(2)
            .into_iter()
            .flat_map(|c| c.split('|'))
            .filter(|a| !a.is_empty())
        {
            forms.push((key(alias), id, 0));
        }
        for demonym in cols
            .get(3)
            .into_iter()
            .flat_map(|c| c.split('|'))
            .filter(|a| !a.is_empty())
        {
            forms.push((key(demonym), id, 1));
        }
    }
    forms.sort();
    forms.dedup_by(|a, b| a.0 == b.0); // first definition wins
    let mut out = String::new();
    out.push_str("/// Canonical entries: (kind, name).\npub static ENTRIES: &[(&str, &str)] = &[\n");
    for (kind, name) in &names {
        writeln!(out, "    ({kind:?}, {name:?}),").unwrap();
    }
    out.push_str("];\n/// Surface forms sorted by key: (form, entry index, is_demonym).\npub static FORMS: &[(&str, u16, bool)] = &[\n");
    for (form, id, demonym) in &forms {
        writeln!(out, "    ({form:?}, {id}, {}),", *demonym == 1).unwrap();
    }
    out.push_str("];\n");
    // Every form's hash with the form's index, sorted by hash: a lookup finds its one
    // candidate by integer search and compares one string. Distinct forms must hash
    // apart for that, which the build checks.
    let mut form_hashes: Vec<(u64, u16)> = forms
        .iter()
        .enumerate()
        .map(|(i, (f, _, _))| (hash::fnv(f), u16::try_from(i).expect("at most 65,536 forms")))
        .collect();
    form_hashes.sort_unstable();
    if let Some(w) = form_hashes.windows(2).find(|w| w[0].0 == w[1].0) {
        panic!(
            "gazetteer forms {:?} and {:?} share a hash",
            forms[w[0].1 as usize].0, forms[w[1].1 as usize].0
        );
    }
    writeln!(
        out,
        "pub static FORM_HASHES: [(u64, u16); {}] = {:?};",
        form_hashes.len(),
        form_hashes
    )
    .unwrap();
    // Hashes of every start of a form that ends before a space ("North" of "North
    // Korea"), sorted and distinct: whether a longer form may follow.
    let mut prefix_hashes: Vec<u64> = forms
        .iter()
        .flat_map(|(f, _, _)| f.match_indices(' ').map(|(i, _)| hash::fnv(&f[..i])))
        .collect();
    prefix_hashes.sort_unstable();
    prefix_hashes.dedup();
    writeln!(
        out,
        "pub static PREFIX_HASHES: [u64; {}] = {:?};",
        prefix_hashes.len(),
        prefix_hashes
    )
    .unwrap();
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("gazetteer_tables.rs");
    fs::write(dest, out).unwrap();
}

/// Lookup key: typographic apostrophes folded, white space single.
fn key(s: &str) -> String {
    s.replace('’', "'").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `data/places.txt` (one place name per line after a comment line) as the sorted,
/// distinct low 32 bits of the FNV hashes of the lower-cased names, in
/// `$OUT_DIR/places.rs`: membership is all that is asked (src/entities/gazetteer.rs,
/// `is_place`), so no string is stored. A word that is no place matches one by chance
/// about once in 2.6 million lookups.
fn places() {
    println!("cargo:rerun-if-changed=data/places.txt");
    let src = fs::read_to_string("data/places.txt").expect("data/places.txt is readable");
    let mut hashes: Vec<u32> = src
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|name| hash::fnv(&name.to_lowercase()) as u32)
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    let out = format!(
        "/// Hashes of the lower-cased names of `data/places.txt` (build.rs).\npub static PLACE_HASHES: [u32; {}] = {hashes:?};\n",
        hashes.len(),
    );
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("places.rs"), out).unwrap();
}

/// `data/first-names.txt` (one lower-case given name per line after a comment line) as a
/// Bloom filter in `$OUT_DIR/given_names.rs`: 10 bits per name instead of the list's
/// 60, and a lookup is 7 bit tests (src/entities/resolve.rs, `opens_with_given_name`).
/// `data/given-name-genders.txt` ("name m" or "name f" lines) adds MALE_NAMES and
/// FEMALE_NAMES, two more such filters (src/quotes.rs: "she said" is not a man).
fn given_names() {
    println!("cargo:rerun-if-changed=data/first-names.txt");
    println!("cargo:rerun-if-changed=data/given-name-genders.txt");
    let src = fs::read_to_string("data/first-names.txt").expect("data/first-names.txt is readable");
    let names: Vec<&str> = src.lines().skip(1).filter(|l| !l.is_empty()).collect();
    let genders = fs::read_to_string("data/given-name-genders.txt").expect("data/given-name-genders.txt is readable");
    let of_gender = |g: &str| -> Vec<&str> {
        genders
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(' '))
            .filter(|&(_, gender)| gender == g)
            .map(|(name, _)| name)
            .collect()
    };
    let mut out = String::new();
    for (constant, list) in [
        ("GIVEN_NAMES", names),
        ("MALE_NAMES", of_gender("m")),
        ("FEMALE_NAMES", of_gender("f")),
    ] {
        let words = (list.len() * 10).div_ceil(64).max(1);
        let bits = (words * 64) as u64;
        let mut filter = vec![0u64; words];
        for name in &list {
            for bit in hash::bloom_probes(hash::fnv(name), bits) {
                filter[(bit / 64) as usize] |= 1 << (bit % 64);
            }
        }
        out += &format!(
            "/// {} names as a Bloom filter of {bits} bits (build.rs).\npub static {constant}: [u64; {words}] = {filter:?};\n",
            list.len(),
        );
    }
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("given_names.rs"), out).unwrap();
}

/// `data/paraphrase-model.txt` ("name value" lines: the weights, then `threshold` and
/// `merge_threshold`) as Rust constants in `$OUT_DIR/paraphrase_model.rs`.
fn paraphrase_model() {
    println!("cargo:rerun-if-changed=data/paraphrase-model.txt");
    let src = fs::read_to_string("data/paraphrase-model.txt").expect("data/paraphrase-model.txt is readable");
    let mut weights = Vec::new();
    let (mut threshold, mut merge_threshold) = (None, None);
    for (n, line) in src.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (name, value) = line
            .split_once(' ')
            .unwrap_or_else(|| panic!("data/paraphrase-model.txt:{}: need a name and a value", n + 1));
        let value: f32 = value
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("data/paraphrase-model.txt:{}: {value:?} is not a number", n + 1));
        match name {
            "threshold" => threshold = Some(value),
            "merge_threshold" => merge_threshold = Some(value),
            _ => weights.push(value),
        }
    }
    let mut out = String::new();
    writeln!(out, "/// Generated by build.rs from data/paraphrase-model.txt.").unwrap();
    writeln!(
        out,
        "pub const MODEL_WEIGHTS: [f32; {}] = {:?};",
        weights.len(),
        weights
    )
    .unwrap();
    writeln!(
        out,
        "pub const MODEL_THRESHOLD: f32 = {:?};",
        threshold.expect("a threshold line")
    )
    .unwrap();
    writeln!(
        out,
        "pub const MODEL_MERGE_THRESHOLD: f32 = {:?};",
        merge_threshold.expect("a merge_threshold line")
    )
    .unwrap();
    let path = Path::new(&env::var("OUT_DIR").unwrap()).join("paraphrase_model.rs");
    fs::write(path, out).unwrap();
}

/// `data/ner-model.bin` split for embedding: its header as it is (`ner-header.bin`)
/// and its weights entropy coded by rows (`ner-weights.bin`, see `codebook::compress`):
/// 40 KB smaller in the gzipped page than one byte per weight, for a decode of 5.7 M
/// instructions on the first call (docs/BENCHMARKS.md, session 19).
fn ner_model() {
    println!("cargo:rerun-if-changed=data/ner-model.bin");
    let bytes = fs::read("data/ner-model.bin").expect("data/ner-model.bin is readable");
    let labels = codebook::N_LABELS;
    let (header, packed) = bytes.split_at(codebook::header_len(labels).min(bytes.len()));
    let codes: Vec<u8> = codebook::codes(packed).collect();
    let out = Path::new(&env::var("OUT_DIR").unwrap()).to_path_buf();
    fs::write(out.join("ner-header.bin"), header).unwrap();
    fs::write(out.join("ner-weights.bin"), codebook::compress(&codes, labels)).unwrap();
}
