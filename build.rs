//! Compiles `data/gazetteer.tsv` into sorted static tables (see src/entities/gazetteer.rs),
//! so the wasm module carries ready-to-search arrays and parses nothing at start-up.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn main() {
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
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("gazetteer_tables.rs");
    fs::write(dest, out).unwrap();
}

/// Lookup key: typographic apostrophes folded, white space single.
fn key(s: &str) -> String {
    s.replace('’', "'").split_whitespace().collect::<Vec<_>>().join(" ")
}
