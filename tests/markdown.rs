//! The Markdown account (`Digest::to_markdown`, what the CLI prints and the page
//! copies): everything the page shows, per story, and no markup from pasted text.

mod common;

use common::seeds;
use newsweave::{weave, Source};

/// The lines of `markdown` between the heading `heading` and the next heading of
/// the same or a higher level.
fn section<'a>(markdown: &'a str, heading: &str) -> Vec<&'a str> {
    let level = heading.len() - heading.trim_start_matches('#').len();
    let mut lines = markdown.lines().skip_while(|l| *l != heading);
    assert!(lines.next().is_some(), "no heading {heading:?} in:\n{markdown}");
    lines
        .take_while(|l| {
            let hashes = l.len() - l.trim_start_matches('#').len();
            !(hashes > 0 && hashes <= level && l[hashes..].starts_with(' '))
        })
        .collect()
}

/// The numbered items of a story's summary.
fn summary_items<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    lines
        .iter()
        .copied()
        .take_while(|l| !l.starts_with("##"))
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect()
}

#[test]
fn the_summary_lists_the_top_statements_with_their_sources() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    for top in [1, 3, 10] {
        let md = d.to_markdown(Some(top));
        let items = summary_items(&md.lines().collect::<Vec<_>>());
        assert_eq!(items.len(), top, "{md}");
        for (k, (item, st)) in items.iter().zip(&d.statements).enumerate() {
            let cites: String = st.sources.iter().map(|s| format!("[^{}]", s + 1)).collect();
            let count = st.sources.len();
            let tail = format!(" {cites} ({count} source{})", if count == 1 { "" } else { "s" });
            assert!(
                item.starts_with(&format!("{}. ", k + 1)) && item.ends_with(&tail),
                "{item}"
            );
        }
        assert!(md.contains(&format!(
            "*The {top} most important of {} statements.*",
            d.statements.len()
        )));
    }
    let all = d.to_markdown(None);
    assert_eq!(
        summary_items(&all.lines().collect::<Vec<_>>()).len(),
        d.statements.len()
    );
    assert!(!all.contains("most important of"));
}

#[test]
fn each_wording_is_shown_with_the_new_words_in_bold() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let md = d.to_markdown(None);
    // The South Korea statement: three outlets, three wordings; the third outlet's
    // sentence says more, and states it among that.
    assert!(
        md.contains("- [^4]: After the Tokyo talks, Borrell **heads** to South Korea"),
        "{md}"
    );
    assert!(
        md.contains("- [^3]: **Following** the **conclusion of** talks **in** Tokyo, Borrell **departed for** South Korea"),
        "{md}"
    );
    // One line per wording of each statement worded differently (each source's first
    // member sentence; case, spacing and punctuation aside), citing every source once.
    let lines: Vec<&str> = md.lines().filter(|l| l.trim_start().starts_with("- [^")).collect();
    let (mut wordings, mut sources) = (0, 0);
    for st in d.statements.iter().filter(|st| st.wording_differs) {
        let mut firsts: Vec<String> = st
            .sources
            .iter()
            .map(|&s| {
                let own = st
                    .sentences
                    .iter()
                    .map(|&k| &d.sentences[k])
                    .find(|x| x.source == s)
                    .unwrap();
                own.text
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect()
            })
            .collect();
        sources += firsts.len();
        firsts.sort_unstable();
        firsts.dedup();
        wordings += firsts.len();
    }
    assert_eq!(lines.len(), wordings);
    let cited: usize = lines
        .iter()
        .map(|l| l.split(": ").next().unwrap().matches("[^").count())
        .sum();
    assert_eq!(cited, sources);
}

#[test]
fn sources_with_the_same_wording_share_a_line() {
    let a = "Officials in Tokyo said on Friday that the new defence pact will take effect in January.";
    let b = "Officials in Tokyo said on Friday that the new defense pact will take effect soon.";
    let sources = vec![Source::new("a", a), Source::new("b", b), Source::new("c", a)];
    let md = weave(&sources, &newsweave::Options::default()).unwrap().to_markdown(None);
    assert!(md.contains(&format!("     - [^1][^3]: {a}\n")), "{md}");
    assert!(
        md.contains(
            "     - [^2]: Officials in Tokyo said on Friday that the new **defense** pact will take effect **soon**.\n"
        ),
        "{md}"
    );
}

#[test]
fn details_the_sources_differ_on_are_listed_under_the_statement() {
    let sources = vec![
        Source {
            published: Some("2024-11-01".into()),
            ..Source::new(
                "a",
                "Officials in Tokyo said on Friday that the new defence pact will take effect in January.",
            )
        },
        Source {
            published: Some("2024-11-01".into()),
            ..Source::new(
                "b",
                "Officials in Tokyo said on Friday that the new defense pact will take effect in March.",
            )
        },
    ];
    let md = weave(&sources, &newsweave::Options::default()).unwrap().to_markdown(None);
    assert!(
        md.contains(
            "   - Sources differ on dates: [^1] Friday (2024-11-01), January (2025-01); [^2] Friday (2024-11-01), March (2025-03)\n"
        ),
        "{md}"
    );
}

/// A date that sources write differently shows the day each resolves to, so that a
/// reader sees "Friday" and "Nov. 1" agree and "Thursday" does not.
#[test]
fn a_disagreement_shows_the_day_each_date_resolves_to() {
    let dated = |label: &str, text: &str| Source {
        published: Some("2024-11-01".into()),
        ..Source::new(label, text)
    };
    let sources = [
        dated(
            "a",
            "Japan and the European Union signed a new security partnership in Tokyo on Friday, officials said.",
        ),
        dated(
            "b",
            "Japan and the European Union signed a new security partnership in Tokyo on Nov. 1, officials said.",
        ),
        dated(
            "c",
            "Japan and the European Union signed a new security partnership in Tokyo on Thursday, officials said.",
        ),
    ];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let md = d.to_markdown(None);
    assert!(
        md.contains("Sources differ on dates: [^1] Friday (2024-11-01); [^2] Nov. 1 (2024-11-01); [^3] Thursday (2024-10-31)"),
        "{md}"
    );
}

/// A source that gives no date says nothing against those that give one.
#[test]
fn a_source_without_a_date_is_no_disagreement() {
    let dated = |label: &str, text: &str| Source {
        published: Some("2024-11-01".into()),
        ..Source::new(label, text)
    };
    let sources = [
        dated("a", "Japan and the European Union signed a new security partnership in Tokyo on Friday, officials said."),
        dated("b", "Japan and the European Union signed a new security partnership in Tokyo, officials said."),
    ];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    assert_eq!(d.statements[0].sources, vec![0, 1], "one statement");
    assert!(d.statements[0].disagreements.is_empty(), "{:?}", d.statements[0].disagreements);
}

/// Undated sources: a day written as month and day agrees with the same day written
/// otherwise, and differs from another day.
#[test]
fn undated_sources_compare_the_days_they_write() {
    let cases = [
        ("on Friday (November 1)", "on Nov. 1", false),
        ("on November 1", "on 1 November", false),
        ("on November 1", "on November 3", true),
    ];
    for (a, b, differ) in cases {
        let sources = [
            Source::new("a", format!("Japan and the European Union signed a new security partnership in Tokyo {a}, officials said.")),
            Source::new("b", format!("Japan and the European Union signed a new security partnership in Tokyo {b}, officials said.")),
        ];
        let d = weave(&sources, &newsweave::Options::default()).unwrap();
        assert_eq!(d.statements[0].sources, vec![0, 1], "one statement: {a} / {b}");
        assert_eq!(!d.statements[0].disagreements.is_empty(), differ, "{a} / {b}: {:?}", d.statements[0].disagreements);
    }
}

#[test]
fn quotes_are_grouped_with_their_speaker_and_every_wording() {
    let md = weave(&seeds(), &newsweave::Options::default()).unwrap().to_markdown(Some(5));
    let quotes = section(&md, "## Quotes");
    let k = quotes
        .iter()
        .position(|l| l.starts_with("- **Josep Borrell**: “We find ourselves in an increasingly perilous world"))
        .unwrap_or_else(|| panic!("{md}"));
    // 002 and 003 both write it "We live in a very dangerous world"; 003 names no
    // speaker for it, and it still joins Borrell's quote.
    assert_eq!(
        quotes[k + 1],
        "  - worded differently: “We live in a very dangerous world,” [^3][^4]"
    );
    assert!(quotes.iter().all(|l| !l.contains("Unattributed")));
}

#[test]
fn statements_only_one_source_reports_are_listed_by_source() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let md = d.to_markdown(Some(3));
    let lines = section(&md, "## Only one source reports");
    let mut headed = 0;
    for (s, info) in d.sources.iter().enumerate() {
        let heading = format!("### {}. {}", s + 1, info.label);
        let expected: Vec<String> = d
            .statements
            .iter()
            .filter(|st| st.single_source && st.sources == [s])
            .map(|st| st.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        // A source that reports nothing alone gets no heading.
        assert_eq!(lines.contains(&heading.as_str()), !expected.is_empty(), "source {s}");
        if expected.is_empty() {
            continue;
        }
        headed += 1;
        let listed: Vec<&str> = section(&md, &heading)
            .into_iter()
            .filter_map(|l| l.strip_prefix("- "))
            .collect();
        assert_eq!(listed, expected, "source {s}");
    }
    assert!(
        headed >= 2,
        "the seeds have several sources with statements of their own"
    );
}

#[test]
fn the_coverage_grid_has_a_row_per_listed_statement_and_a_column_per_source() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let md = d.to_markdown(Some(4));
    let grid = section(&md, "## Coverage");
    let rows: Vec<&str> = grid.iter().copied().filter(|l| l.starts_with('|')).collect();
    assert_eq!(rows[0], "| statement | 1 | 2 | 3 | 4 | 5 |");
    assert_eq!(rows.len(), 2 + 4);
    for (row, st) in rows[2..].iter().zip(&d.statements) {
        let cells: Vec<bool> = row.split('|').skip(2).take(5).map(|c| c.trim() == "●").collect();
        let expected: Vec<bool> = (0..5).map(|s| st.sources.contains(&s)).collect();
        assert_eq!(cells, expected, "{row}");
    }
    // However long the summary, the grid stays small enough to take in at a glance.
    let all = d.to_markdown(None);
    let rows = section(&all, "## Coverage")
        .into_iter()
        .filter(|l| l.starts_with('|'))
        .count();
    assert!(d.statements.len() > 25);
    assert_eq!(rows, 2 + 25);
    assert!(all.contains("*The first 25 statements of the summary.*"));
}

#[test]
fn each_story_gets_its_own_account() {
    let mut sources = seeds();
    let quake = "An earthquake of magnitude 6.1 struck the coast of northern Chile on Tuesday, the geological \
        survey said. Buildings swayed in the port city of Arica and power was cut to thousands of homes.";
    let quake2 = "A strong earthquake struck the coast of northern Chile on Tuesday, the geological survey said, \
        and power was cut to thousands of homes in Arica.";
    sources.push(Source::new("quake A", quake));
    sources.push(Source::new("quake B", quake2));
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    assert_eq!(d.stories.len(), 2);
    let md = d.to_markdown(Some(10));
    assert!(md.starts_with("# Merged account: 2 stories\n"));
    let pact = section(&md, "## Japan and the EU sign a new security and defense pact");
    assert!(pact.iter().all(|l| !l.contains("earthquake")), "{md}");
    assert_eq!(summary_items(&pact).len(), 10);
    let quake_story = section(&md, "## Story 2: quake A, quake B");
    let items = summary_items(&quake_story);
    assert!(
        !items.is_empty() && items.iter().all(|l| l.contains("[^6]") || l.contains("[^7]")),
        "{md}"
    );
    assert!(quake_story.contains(&"| statement | 6 | 7 |"), "{md}");
}

#[test]
fn pasted_markup_stays_text() {
    let hostile = "Officials said <script>alert(1)</script> the pact was signed on Friday in Tokyo.\n\n\
        # Not a heading\n\n\
        [^1]: a forged footnote that claims to be a source.\n\n\
        The minister said the | pipe and *stars* and `ticks` and [a link](http://x) were all text.";
    let sources = vec![Source::new("<b>label</b>", hostile), Source::new("b", hostile)];
    let md = weave(&sources, &newsweave::Options::default()).unwrap().to_markdown(None);
    let unescaped = |c: char| md.match_indices(c).any(|(k, _)| !md[..k].ends_with('\\'));
    assert!(!unescaped('<') && !unescaped('`'), "{md}");
    // The only emphasis is the report's own: names in bold (`**Tokyo**`).
    assert!(md.contains("\\*stars\\*"), "{md}");
    assert!(md.contains("\\<script\\>") && md.contains("[^1]: \\<b\\>label"), "{md}");
    for line in md.lines() {
        assert!(
            !line.starts_with("# Not") && !line.starts_with("[^1]: a forged"),
            "{line}"
        );
        if line.starts_with('|') {
            assert_eq!(line.matches('|').count() - line.matches("\\|").count(), 4, "{line}");
        }
    }
    assert!(md.contains("\\[a link\\](http://x)"));
    assert_eq!(md.matches("\n[^").count(), 2, "one footnote per source:\n{md}");
}

#[test]
fn the_entity_index_and_the_timeline_follow_the_stories() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let md = d.to_markdown(Some(5));
    let people = section(&md, "### People (7)");
    let borrell = people
        .iter()
        .find(|l| l.starts_with("- **Josep Borrell**: "))
        .expect("Borrell is indexed");
    assert!(
        borrell.contains("; also Borrell;") && borrell.ends_with(" [^1][^2][^3][^4][^5]"),
        "{borrell}"
    );
    // Most mentioned first.
    let counts: Vec<usize> = people
        .iter()
        .filter_map(|l| l.split_once("**: ")?.1.split(' ').next()?.parse().ok())
        .collect();
    assert!(
        counts.len() == 7 && counts.windows(2).all(|w| w[0] >= w[1]),
        "{counts:?}"
    );
    // "Thursday" in a Friday 1 November article is 31 October, before the 1st.
    let timeline = section(&md, "## Timeline");
    let values: Vec<&str> = timeline
        .iter()
        .filter_map(|l| l.strip_prefix("- ")?.split(':').next())
        .collect();
    assert!(values.windows(2).all(|w| w[0] <= w[1]), "{values:?}");
    let october = values.iter().position(|v| *v == "2024-10-31").expect("31 October");
    let november = values.iter().position(|v| *v == "2024-11-01").expect("1 November");
    assert!(october < november);
    assert!(md.find("## Entities").unwrap() > md.find("## Coverage").unwrap());
    assert!(md.find("## Timeline").unwrap() < md.find("## Sources").unwrap());
}
