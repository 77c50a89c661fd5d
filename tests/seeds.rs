//! The output contract on the five seed articles (www/demo/) and on tricky text.

mod common;

use common::seeds;
use newsweave::{weave, Digest, Error, Role, Source};

/// The statements whose own sentences (not those that support them) contain `needle`.
fn statement_with<'a>(d: &'a Digest, needle: &str) -> Vec<&'a newsweave::Statement<'a>> {
    d.statements
        .iter()
        .filter(|s| {
            s.sentences
                .iter()
                .any(|&k| d.sentences[k].statement == Some(s.id) && d.sentences[k].text.contains(needle))
        })
        .collect()
}

#[test]
fn repeated_caption_in_004_is_one_statement_credited_once() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let needle = "will meet his Japanese counterpart Takeshi Iwaya, who told reporters this week";
    assert_eq!(
        d.sentences
            .iter()
            .filter(|s| s.source == 4 && s.text.contains(needle))
            .count(),
        3,
        "the seed repeats it three times"
    );
    let found = statement_with(&d, needle);
    assert_eq!(found.len(), 1, "one statement");
    assert_eq!(found[0].sources, vec![4], "credited to 004 once");
}

#[test]
fn japan_relied_on_united_states_is_one_statement_for_003_and_004() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let found = statement_with(&d, "Japan, which for decades has relied on the United States");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].sources, vec![3, 4]);
}

#[test]
fn read_also_block_and_footer_of_004_make_no_statement() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let text = &seeds()[4].text;
    let read_also = text.encode_utf16().count() - text[text.find("READ ALSO").unwrap()..].encode_utf16().count();
    let tail: Vec<_> = d
        .sentences
        .iter()
        .filter(|s| s.source == 4 && s.start >= read_also)
        .collect();
    assert!(tail.len() > 20, "the block is there: {}", tail.len());
    for s in tail {
        assert_eq!(s.statement, None, "{:?} became a statement", s.text);
        assert_ne!(s.role, Role::Body, "{:?}", s.text);
    }
    for furniture in ["Edition: International | Greek", "MENU", "Home » World"] {
        let s = d.sentences.iter().find(|s| s.text == furniture).unwrap();
        assert_eq!(s.role, Role::Boilerplate);
    }
}

#[test]
fn metadata_comes_from_headline_byline_and_credit() {
    let mut sources = seeds();
    sources[4].published = None; // read it from the byline instead
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    assert_eq!(
        d.sources[4].title.as_deref(),
        Some("Japan, EU to announce new defence pact")
    );
    assert_eq!(d.sources[4].published.as_deref(), Some("2024-11-01"));
    assert_eq!(d.sources[4].outlet.as_deref(), Some("Euractiv.com"));
    assert_eq!(
        d.sources[2].outlet.as_deref(),
        Some("Taiwan Central Broadcasting Station")
    );
    assert_eq!(
        d.sources[3].title.as_deref(),
        Some("Japan and EU announce new defense pact")
    );
    let dateline = d
        .sentences
        .iter()
        .find(|s| s.source == 1 && s.role == Role::Dateline)
        .unwrap();
    assert_eq!(dateline.text, "TOKYO —");
}

/// The output contract (`newsweave::stages::contract_violation`), plus: quote speakers are people.
fn assert_contract(sources: &[Source], d: &Digest) {
    if let Some(violation) = newsweave::stages::contract_violation(sources, d) {
        panic!("{violation}");
    }
    for q in &d.quotes {
        assert!(q
            .speaker
            .is_none_or(|id| d.entities[id].ty == newsweave::EntityType::Per));
    }
}

#[test]
fn contract_holds_on_the_seeds() {
    let sources = seeds();
    assert_contract(&sources, &weave(&sources, &newsweave::Options::default()).unwrap());
}

#[test]
fn offsets_round_trip_with_emoji_curly_quotes_and_combining_marks() {
    let sources = vec![
        Source::new("a", "Héllo 👋🏽 wörld — “quoted,” she said. Café\u{301} reopened on Friday 🇯🇵 in Tokyo.\r\n\r\nThe 👨‍👩‍👧 family met Josep Borrell."),
        Source::new("b", "\u{feff}Josep Borrell 😀 met Takeshi Iwaya in Tokyo. “We live in a very dangerous world,” Borrell said."),
    ];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    assert_contract(&sources, &d);
    assert!(d
        .entities
        .iter()
        .any(|e| e.name == "Josep Borrell" && e.mentions.iter().any(|m| m.source == 0)));
}

#[test]
fn output_is_deterministic() {
    let a = serde_json::to_string(&weave(&seeds(), &newsweave::Options::default()).unwrap()).unwrap();
    let b = serde_json::to_string(&weave(&seeds(), &newsweave::Options::default()).unwrap()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn errors_are_typed() {
    use newsweave::Error;
    assert_eq!(weave(&[], &newsweave::Options::default()).unwrap_err(), Error::NoSources);
    assert_eq!(weave(&[Source::new("a", "  \n\t ")], &newsweave::Options::default()).unwrap_err(), Error::AllEmpty);
    let bad_date = Source {
        published: Some("1 Nov".into()),
        ..Source::new("a", "Text.")
    };
    assert!(matches!(
        weave(&[bad_date], &newsweave::Options::default()).unwrap_err(),
        Error::InvalidDate { source: 0, .. }
    ));
    let limits = newsweave::Limits {
        max_sources: 2,
        max_total_bytes: 10,
    };
    assert!(matches!(
        newsweave::weave(&vec![Source::new("a", "x"); 3], &newsweave::Options { limits, threads: 1 }),
        Err(Error::TooManySources { count: 3, max: 2 })
    ));
    assert!(matches!(
        newsweave::weave(&[Source::new("a", "x".repeat(11))], &newsweave::Options { limits, threads: 1 }),
        Err(Error::InputTooLarge { bytes: 11, max: 10 })
    ));
}

/// Per-word work is cached between calls on a thread; what the caches hold must never
/// change an answer. A fresh thread starts with empty caches.
#[test]
fn answers_do_not_depend_on_what_earlier_calls_cached() {
    let json = |d: Digest| serde_json::to_string(&d).unwrap();
    let cold = std::thread::spawn(move || json(weave(&seeds(), &newsweave::Options::default()).unwrap()))
        .join()
        .unwrap();
    let other = Source::new(
        "other",
        "Heavy rain flooded the valley on Tuesday. The river rose by three metres, officials said.",
    );
    weave(&[other], &newsweave::Options::default()).unwrap();
    let mut reordered = seeds();
    reordered.reverse();
    weave(&reordered, &newsweave::Options::default()).unwrap();
    let warm = json(weave(&seeds(), &newsweave::Options::default()).unwrap());
    assert_eq!(warm, cold);
}

/// Natively a large input is read on several threads, each with caches of its own; the
/// answer, and the first error in source order, must be those of one thread.
#[test]
fn answers_do_not_depend_on_the_number_of_threads() {
    let json = |d: Digest| serde_json::to_string(&d).unwrap();
    // The seeds fifteen times over (about 225 KB): enough input for three threads.
    let large: Vec<Source> = (0..15)
        .flat_map(|copy| {
            seeds().into_iter().map(move |s| Source {
                label: format!("{} ({copy})", s.label),
                ..s
            })
        })
        .collect();
    let one = json(newsweave::weave(&large, &newsweave::Options { threads: 1, ..Default::default() }).unwrap());
    for threads in [2, 3, 8] {
        let many = json(newsweave::weave(&large, &newsweave::Options { threads, ..Default::default() }).unwrap());
        assert!(one == many, "{threads} threads gave another digest");
    }
    let mut with_bad_dates = large;
    // The first error lies in the second of three runs of sources, another in the third.
    for index in [57, 40] {
        with_bad_dates[index].published = Some(format!("day {index}"));
    }
    for threads in [1, 3] {
        assert_eq!(
            newsweave::weave(&with_bad_dates, &newsweave::Options { threads, ..Default::default() }).unwrap_err(),
            Error::InvalidDate {
                source: 40,
                value: "day 40".into()
            },
            "{threads} threads"
        );
    }
}
