//! Given names and their sex, compiled into Bloom filters; the short forms of given
//! names, compiled into a sorted table.

use std::{env, fs, path::Path};

use crate::hash;

/// `data/first-names.txt` (one lower-case given name per line after a comment line) as a
/// Bloom filter in `$OUT_DIR/given_names.rs`: 10 bits per name instead of the list's
/// 60, and a lookup is 7 bit tests (src/entities/resolve.rs, `opens_with_given_name`).
/// `data/given-name-genders.txt` ("name m" or "name f" lines) adds MALE_NAMES and
/// FEMALE_NAMES, two more such filters (src/quotes.rs: "she said" is not a man).
/// `data/nicknames.txt` adds SHORT_FORMS ([`short_forms`]).
pub fn given_names() {
    println!("cargo:rerun-if-changed=data/first-names.txt");
    println!("cargo:rerun-if-changed=data/nicknames.txt");
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
            "/// {} names as a Bloom filter of {bits} bits (the build script).\npub static {constant}: [u64; {words}] = {filter:?};\n",
            list.len(),
        );
    }
    out += &short_forms();
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("given_names.rs"), out).unwrap();
}

/// `data/nicknames.txt` ("formal short short ..." lines after `#` comments) as SHORT_FORMS,
/// one string of "short formal" lines sorted by short form: about a hundred pairs, read
/// only to compare two given names that differ, so a scan of one string does, and costs
/// the page's module less than a table of string pairs.
fn short_forms() -> String {
    let src = fs::read_to_string("data/nicknames.txt").expect("data/nicknames.txt is readable");
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for line in src.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let mut names = line.split_whitespace();
        let formal = names.next().unwrap();
        for short in names {
            assert!(short != formal, "data/nicknames.txt: {short} is its own short form");
            pairs.push((short, formal));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let lines: String = pairs.iter().map(|(short, formal)| format!("{short} {formal}\n")).collect();
    format!(
        "/// \"short formal\" lines of data/nicknames.txt, sorted (the build script).\npub static SHORT_FORMS: &str = {lines:?};\n"
    )
}
