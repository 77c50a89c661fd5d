//! The gazetteer and the place list, compiled into tables.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

use crate::hash;

/// `data/gazetteer.tsv` as sorted static tables and hash filters in
/// `$OUT_DIR/gazetteer_tables.rs` (src/lexicon/gazetteer.rs reads them).
pub fn gazetteer() {
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
/// `$OUT_DIR/places.rs`: membership is all that is asked (src/lexicon/gazetteer.rs,
/// `is_place`), so no string is stored. A word that is no place matches one by chance
/// about once in 2.6 million lookups.
pub fn places() {
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
        "/// Hashes of the lower-cased names of `data/places.txt` (the build script).\npub static PLACE_HASHES: [u32; {}] = {hashes:?};\n",
        hashes.len(),
    );
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("places.rs"), out).unwrap();
}
