//! Properties of `weave` on generated input (proptest): the output contract, determinism,
//! credit that does not depend on the order the sources are given in, and a Markdown
//! report in which no pasted character is markup.

use std::collections::BTreeSet;

use newsweave::{stages::contract_violation, weave, Digest, Source};
use proptest::prelude::*;

/// Pieces that exercise every stage: names and common words, sentence and quote
/// punctuation, paragraph breaks, and Unicode that is wider than one UTF-16 unit or
/// combines with its neighbour.
const PIECES: &[&str] = &[
    "Borrell", "Josep", "Japan", "the", "EU", "said", "on", "Thursday", "Nov.", "1", "2024", "U.S.", "Gen", "pact",
    "defense", "defence", "a", "and", "missile", "3.5", "percent", "$", "million", ".", ".", ",", ":", ";", "!", "?",
    "\"", "“", "”", "'", "’", "(", ")", "—", "-", "...", " ", " ", " ", " ", "\n", "\n\n", "\r\n", "\t", "👨‍👩‍👧", "🇯🇵",
    "e\u{301}", "東京", "مرحبا", "\u{200b}", "\u{feff}", "READ ALSO", "Home", "MENU", "Photo: AFP",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|p| p.concat())
}

/// Between one and five sources; some share sentences so statements get several credits.
fn sources() -> impl Strategy<Value = Vec<Source>> {
    (text(), prop::collection::vec((text(), any::<bool>()), 0..5)).prop_map(|(shared, rest)| {
        let mut out = vec![Source::new("s0", shared.clone())];
        for (k, (own, copies)) in rest.into_iter().enumerate() {
            let body = if copies { format!("{own}\n\n{shared}") } else { own };
            out.push(Source::new(format!("s{}", k + 1), body));
        }
        out
    })
}

/// Markdown's own characters, and the pieces above.
fn text_with_markup() -> impl Strategy<Value = String> {
    let markup = [
        "<", ">", "<b>", "*", "**", "_", "[", "]", "[^1]:", "(x)", "#", "# ", "|", "`", "~", "&amp;", "!", "\\",
    ];
    let pieces: Vec<&str> = PIECES.iter().copied().chain(markup).collect();
    prop::collection::vec(prop::sample::select(pieces), 0..120).prop_map(|p| p.concat())
}

/// The first character in `markdown` that pasted text put there as markup: an
/// unescaped `<`, `>`, backtick, `[` that does not open a citation `[^N]`, or `|` or
/// `#` outside the report's own tables and headings.
fn unescaped_markup(markdown: &str) -> Option<(usize, String)> {
    for line in markdown.lines() {
        let table = line.starts_with('|');
        let body = line.trim_start_matches('#');
        let body = if body.len() < line.len() && body.starts_with(' ') {
            body
        } else {
            line
        };
        let mut escaped = false;
        for (k, c) in body.char_indices() {
            if escaped {
                escaped = false;
                continue;
            }
            let citation = c == '['
                && body[k..].starts_with("[^")
                && body[k + 2..]
                    .split_once(']')
                    .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            let bad = match c {
                '\\' => {
                    escaped = true;
                    false
                }
                '<' | '>' | '`' | '#' => true,
                '[' => !citation,
                '|' => !table,
                _ => false,
            };
            if bad {
                return Some((k, line.to_string()));
            }
        }
    }
    None
}

/// Each statement as the set of (source label, start, end) of its sentences.
fn credit(sources: &[Source], d: &Digest) -> BTreeSet<BTreeSet<(String, usize, usize)>> {
    d.statements
        .iter()
        .map(|st| {
            st.sentences
                .iter()
                .map(|&k| {
                    let s = &d.sentences[k];
                    (sources[s.source].label.clone(), s.start, s.end)
                })
                .collect()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn output_keeps_the_contract(sources in sources()) {
        if let Ok(d) = weave(&sources, &newsweave::Options::default()) {
            prop_assert_eq!(contract_violation(&sources, &d), None);
        }
    }

    #[test]
    fn output_is_deterministic(sources in sources()) {
        let a = weave(&sources, &newsweave::Options::default()).map(|d| serde_json::to_string(&d).unwrap());
        let b = weave(&sources, &newsweave::Options::default()).map(|d| serde_json::to_string(&d).unwrap());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn markdown_leaves_no_pasted_markup(texts in prop::collection::vec((text_with_markup(), text_with_markup()), 1..4)) {
        let sources: Vec<Source> = texts.into_iter().map(|(label, text)| Source::new(label, text)).collect();
        if let Ok(d) = weave(&sources, &newsweave::Options::default()) {
            for top in [Some(2), None] {
                let markdown = d.to_markdown(top);
                prop_assert_eq!(unescaped_markup(&markdown), None, "{}", markdown);
            }
        }
    }

    #[test]
    fn credit_does_not_depend_on_source_order(sources in sources(), seed in any::<u64>()) {
        let mut permuted = sources.clone();
        // A seeded Fisher-Yates shuffle (splitmix64 steps).
        let mut state = seed;
        for i in (1..permuted.len()).rev() {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            permuted.swap(i, ((z ^ (z >> 31)) % (i as u64 + 1)) as usize);
        }
        match (weave(&sources, &newsweave::Options::default()), weave(&permuted, &newsweave::Options::default())) {
            (Ok(a), Ok(b)) => prop_assert_eq!(credit(&sources, &a), credit(&permuted, &b)),
            (a, b) => prop_assert_eq!(a.err(), b.err()),
        }
    }
}
