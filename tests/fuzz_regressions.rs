//! Replays every input in tests/fuzz-regressions/ (inputs that once crashed a fuzz
//! target, or were written to probe one) through `weave`, alone and as a set of
//! sources split at form feeds, and checks the output contract.

use newsweave::{stages::contract_violation, weave, Source};

#[test]
fn fuzz_regressions_keep_the_contract() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz-regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let alone = vec![Source::new("a", text.to_string())];
        let split: Vec<Source> = text.split('\u{c}').map(|t| Source::new("b", t)).collect();
        for sources in [alone, split] {
            if let Ok(d) = weave(&sources, &newsweave::Options::default()) {
                assert_eq!(contract_violation(&sources, &d), None, "{}", path.display());
            }
            newsweave::stages::sentences(&text);
            newsweave::stages::entities(&text);
        }
        replayed += 1;
    }
    assert!(replayed > 1, "the regression inputs are missing");
}
