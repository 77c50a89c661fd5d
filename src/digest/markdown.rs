//! The merged account as Markdown: what the CLI prints and the page's "Copy Markdown"
//! exports, so both give the same report. It carries what the page shows: per story, the
//! ranked statements with their sources, each source's wording where it differs (the
//! words the representative lacks in bold), the details the sources differ on, the
//! quotes with their speakers and variants, what only one source reports, a coverage
//! grid; then the entity index and the timeline, and a footnote per source.
//!
//! Every text comes from pasted input, so every text is escaped ([`escape`]): nothing
//! a source says can become a heading, a link, a table cell border or raw HTML.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::view::VIEW_LIMITS;
use super::{Digest, Quote, Statement};
use crate::entities::EntityType;
use crate::text::BuildFnv;


/// One story's part of a Digest: its sources, statements (most important first) and
/// quotes (in source then text order).
struct StoryParts<'d, 'a> {
    sources: Vec<usize>,
    statements: Vec<&'d Statement<'a>>,
    quotes: Vec<&'d Quote<'a>>,
}

impl<'a> Digest<'a> {
    /// The account as Markdown. `top` is how many statements each story's summary
    /// lists (`None`: all of them); the quotes, the single-source section and the
    /// footnotes are always complete. Linear in the size of the Digest.
    pub fn to_markdown(&self, top: Option<usize>) -> String {
        let mut out = String::new();
        let stories = self.story_parts();
        // The key from citation number to source, under the report's first heading.
        let key = self.source_key();
        if stories.len() > 1 {
            let _ = writeln!(out, "# Merged account: {} stories\n\n{key}\n", stories.len());
        }
        let level = if stories.len() > 1 { 2 } else { 1 };
        for (k, story) in stories.iter().enumerate() {
            let title = story
                .sources
                .iter()
                .find_map(|&s| self.sources.get(s)?.title.as_deref());
            let title = match (title, stories.len()) {
                (Some(title), _) => escape(title),
                (None, 1) => "Merged account".to_string(),
                // As the page heads a story: its number and its sources' names.
                (None, _) => {
                    let names: Vec<String> = story.sources.iter().map(|&s| escape(&self.source_name(s))).collect();
                    format!("Story {}: {}", k + 1, names.join(", "))
                }
            };
            let key = (stories.len() == 1).then_some(key.as_str());
            self.story_markdown(&mut out, story, &title, key, level, top);
        }
        self.entities_markdown(&mut out);
        self.timeline_markdown(&mut out);
        out.push_str("## Sources\n\n");
        for s in &self.sources {
            let name = self.source_name(s.index);
            let mut note = escape(&name);
            for extra in [s.outlet.as_deref(), s.title.as_deref(), s.published.as_deref()]
                .into_iter()
                .flatten()
                .filter(|extra| extra.trim() != name)
            {
                let _ = write!(note, ", {}", escape(extra));
            }
            let _ = writeln!(out, "[^{}]: {note}", s.index + 1);
        }
        out
    }

    /// The Digest cut into its stories (one story of every source if it lists none).
    fn story_parts<'d>(&'d self) -> Vec<StoryParts<'d, 'a>> {
        let mut stories: Vec<StoryParts> = if self.stories.is_empty() {
            vec![StoryParts {
                sources: (0..self.sources.len()).collect(),
                statements: Vec::new(),
                quotes: Vec::new(),
            }]
        } else {
            self.stories
                .iter()
                .map(|s| StoryParts {
                    sources: s.sources.clone(),
                    statements: Vec::new(),
                    quotes: Vec::new(),
                })
                .collect()
        };
        let mut story_of_source = vec![0; self.sources.len()];
        for (k, story) in stories.iter().enumerate() {
            for &s in &story.sources {
                if let Some(slot) = story_of_source.get_mut(s) {
                    *slot = k;
                }
            }
        }
        let last = stories.len() - 1;
        for st in &self.statements {
            stories[st.story.min(last)].statements.push(st);
        }
        for q in &self.quotes {
            let k = story_of_source.get(q.source).copied().unwrap_or(0);
            stories[k].quotes.push(q);
        }
        stories
    }

    /// `**Sources:** [^1] Name · [^2] Name`: which source each citation number stands
    /// for, where the report starts (the footnotes at its end say more of each).
    fn source_key(&self) -> String {
        let names: Vec<String> = self
            .sources
            .iter()
            .map(|s| format!("[^{}] {}", s.index + 1, escape(&self.source_name(s.index))))
            .collect();
        format!("**Sources:** {}", names.join(" · "))
    }

    /// One story's account under the heading `title` (escaped already), at level `level`,
    /// with the source key `key` under its heading if given.
    fn story_markdown(
        &self,
        out: &mut String,
        story: &StoryParts,
        title: &str,
        key: Option<&str>,
        level: usize,
        top: Option<usize>,
    ) {
        let hashes = "###";
        let (heading, sub) = (&hashes[..level.min(2)], &hashes[..level.min(2) + 1]);
        let _ = writeln!(out, "{heading} {title}\n");
        if let Some(key) = key {
            let _ = writeln!(out, "{key}\n");
        }
        let shown = &story.statements[..top.unwrap_or(usize::MAX).min(story.statements.len())];
        for (k, st) in shown.iter().enumerate() {
            self.statement_markdown(out, k + 1, st);
        }
        if story.statements.len() > shown.len() {
            let _ = writeln!(
                out,
                "\n*The {} most important of {} statements.*",
                shown.len(),
                story.statements.len()
            );
        }
        out.push('\n');

        let quotes = self.quotes_markdown(&story.quotes);
        if !quotes.is_empty() {
            let _ = writeln!(out, "{sub} Quotes\n\n{quotes}");
        }

        // Per source of the story, in its order (ascending), its single-source statements.
        let mut single: Vec<Vec<&Statement>> = vec![Vec::new(); story.sources.len()];
        for st in story.statements.iter().filter(|st| st.single_source) {
            if let Some(k) = st.sources.first().and_then(|s| story.sources.binary_search(s).ok()) {
                single[k].push(st);
            }
        }
        if single.iter().any(|list| !list.is_empty()) {
            let _ = writeln!(out, "{sub} Only one source reports\n");
            for (&s, statements) in story.sources.iter().zip(single).filter(|(_, list)| !list.is_empty()) {
                let _ = writeln!(out, "{sub}# {}. {}\n", s + 1, escape(&self.source_name(s)));
                for st in statements {
                    let _ = writeln!(out, "- {}", escape(&st.text));
                }
                out.push('\n');
            }
        }

        // The grid is to be taken in at a glance, so it stops at the grid's rows
        // whatever `top` is (and its size stays bounded by rows × sources).
        let grid = &shown[..shown.len().min(VIEW_LIMITS.grid_rows)];
        if !grid.is_empty() {
            let _ = writeln!(out, "{sub} Coverage\n");
            out.push_str("| statement |");
            for &s in &story.sources {
                let _ = write!(out, " {} |", s + 1);
            }
            out.push_str("\n|---|");
            out.push_str(&":-:|".repeat(story.sources.len()));
            out.push('\n');
            for (k, st) in grid.iter().enumerate() {
                let _ = write!(out, "| {} |", k + 1);
                for s in &story.sources {
                    // `sources` is ascending: a binary search.
                    out.push_str(if st.sources.binary_search(s).is_ok() {
                        " ● |"
                    } else {
                        "  |"
                    });
                }
                out.push('\n');
            }
            if shown.len() > grid.len() {
                let _ = writeln!(out, "\n*The first {} statements of the summary.*", grid.len());
            }
            out.push('\n');
        }
    }

    /// Item `number` of a story's summary: the statement, its citations and count, and
    /// beneath it each source's wording (if they differ) and what they differ on.
    #[inline(never)]
    fn statement_markdown(&self, out: &mut String, number: usize, st: &Statement) {
        let marker = format!("{number}. ");
        let indent = " ".repeat(marker.len());
        let count = st.sources.len();
        let _ = writeln!(
            out,
            "{marker}{} {} ({count} source{})",
            escape(&st.text),
            cite(&st.sources),
            if count == 1 { "" } else { "s" }
        );
        if st.wording_differs {
            let _ = writeln!(out, "{indent}- Wording differs:");
            let representative = self.sentences.get(st.representative).map_or(&*st.text, |s| &*s.text);
            let known: HashSet<u64, BuildFnv> = words(representative).map(crate::text::wording_hash).collect();
            // Each source's first member sentence (members are in sentence order, which
            // is source order, so a source's sentences are consecutive); sources with
            // the same wording share a line.
            let mut wordings: Vec<(&str, Vec<usize>)> = Vec::new();
            let mut index_of: HashMap<u64, usize, BuildFnv> = HashMap::with_hasher(BuildFnv);
            let mut previous = None;
            for sentence in st.sentences.iter().filter_map(|&k| self.sentences.get(k)) {
                if previous == Some(sentence.source) {
                    continue;
                }
                previous = Some(sentence.source);
                let k = *index_of
                    .entry(crate::text::wording_hash(&sentence.text))
                    .or_insert_with(|| {
                        wordings.push((&*sentence.text, Vec::new()));
                        wordings.len() - 1
                    });
                wordings[k].1.push(sentence.source);
            }
            for (text, sources) in wordings {
                let _ = writeln!(out, "{indent}  - {}: {}", cite(&sources), marked(text, &known));
            }
        }
        for d in &st.disagreements {
            let by_source: Vec<String> = d
                .by_source
                .iter()
                .map(|b| {
                    let given = if b.texts.is_empty() {
                        "(none given)".to_string()
                    } else {
                        (0..b.texts.len())
                            .map(|i| escape(&b.given(d.ty, i)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    format!("[^{}] {given}", b.source + 1)
                })
                .collect();
            let _ = writeln!(
                out,
                "{indent}- Sources differ on {}: {}",
                detail_name(d.ty),
                by_source.join("; ")
            );
        }
    }

    /// The attributed quotes among `quotes`, one item per quote (its `group`), each
    /// distinct wording with the sources that carry it; empty if they name no speaker.
    #[inline(never)]
    fn quotes_markdown(&self, quotes: &[&Quote<'a>]) -> String {
        struct Group<'q> {
            speaker: Option<usize>,
            /// Each wording (told apart as `wording_hash` does), first seen first, with
            /// the sources that carry it.
            wordings: Vec<(&'q str, Vec<usize>)>,
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut index_of: HashMap<u64, usize, BuildFnv> = HashMap::with_hasher(BuildFnv);
        // A wording's hash mixed with its group's index -> the wording's index in its
        // group. Told apart by hash, as wordings are everywhere else.
        let mut wording_of: HashMap<u64, usize, BuildFnv> = HashMap::with_hasher(BuildFnv);
        for q in quotes {
            let k = *index_of.entry(q.group as u64).or_insert_with(|| {
                groups.push(Group {
                    speaker: None,
                    wordings: Vec::new(),
                });
                groups.len() - 1
            });
            let group = &mut groups[k];
            // A group's speaker is the first one named: an unattributed passage joins
            // the attributed quote it repeats word for word.
            group.speaker = group.speaker.or(q.speaker);
            let key = crate::text::wording_hash(&q.text) ^ (k as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let w = *wording_of.entry(key).or_insert_with(|| {
                group.wordings.push((&*q.text, Vec::new()));
                group.wordings.len() - 1
            });
            let by = &mut group.wordings[w].1;
            // Quotes come in source order, so a source already credited is the last one.
            if by.last() != Some(&q.source) {
                by.push(q.source);
            }
        }
        let mut out = String::new();
        for group in groups {
            let Some(who) = group.speaker.and_then(|e| self.entities.get(e)) else {
                continue;
            };
            for (k, (wording, by)) in group.wordings.into_iter().enumerate() {
                let wording = escape(wording);
                if k == 0 {
                    let _ = writeln!(out, "- **{}**: “{wording}” {}", escape(&who.name), cite(&by));
                } else {
                    let _ = writeln!(out, "  - worded differently: “{wording}” {}", cite(&by));
                }
            }
        }
        out
    }

    /// The entity index, as the page shows it: people, organisations, places, dates and
    /// other names, most mentioned first ([`ViewLimits::index_limit`](super::view::ViewLimits::index_limit) per type), each with its
    /// count, value, aliases, roles, place and sources.
    #[inline(never)]
    fn entities_markdown(&self, out: &mut String) {
        let mut any = false;
        for (ty, title) in INDEX_TYPES {
            // (usize::MAX - mentions, id): most mentioned first, ties in order of first
            // appearance. (Sorting pairs of integers reuses code the core has already.)
            let mut order: Vec<(usize, usize)> = self
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.ty == ty)
                .map(|(id, e)| (usize::MAX - e.mentions.len(), id))
                .collect();
            if order.is_empty() {
                continue;
            }
            crate::sort::sort_unstable(&mut order);
            let entities: Vec<&super::Entity> = order.iter().map(|&(_, id)| &self.entities[id]).collect();
            if !any {
                out.push_str("## Entities\n\n");
                any = true;
            }
            let _ = writeln!(out, "### {title} ({})\n", entities.len());
            for e in entities.iter().take(VIEW_LIMITS.index_limit) {
                let count = e.mentions.len();
                let _ = write!(
                    out,
                    "- **{}**: {count} mention{}",
                    escape(&e.name),
                    if count == 1 { "" } else { "s" }
                );
                if let Some(value) = e.value.as_deref().filter(|v| *v != e.name) {
                    let _ = write!(out, "; {}", escape(value));
                }
                if !e.aliases.is_empty() {
                    let aliases: Vec<String> = e.aliases.iter().map(|a| escape(a)).collect();
                    let _ = write!(out, "; also {}", aliases.join(", "));
                }
                if !e.roles.is_empty() {
                    let roles: Vec<String> = e.roles.iter().map(|r| escape(r)).collect();
                    let _ = write!(out, "; {}", roles.join("; "));
                }
                if let Some(related) = &e.related {
                    let _ = write!(out, "; of {}", escape(related));
                }
                let _ = writeln!(out, " {}", cite(&mention_sources(e)));
            }
            if entities.len() > VIEW_LIMITS.index_limit {
                let _ = writeln!(out, "\n*And {} more.*", entities.len() - VIEW_LIMITS.index_limit);
            }
            out.push('\n');
        }
    }

    /// The dates with a normalised value (`2024-10-31`, `2025-01`, `2035`), earliest
    /// first, each with what the sources wrote and who wrote it.
    #[inline(never)]
    fn timeline_markdown(&self, out: &mut String) {
        // (the date as YYYYMMDD, a year's or month's missing parts 0, id): earliest first.
        let mut dated: Vec<(usize, usize)> = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.ty == EntityType::Date)
            .filter_map(|(id, e)| Some((date_key(e.value.as_deref()?)?, id)))
            .collect();
        if dated.is_empty() {
            return;
        }
        crate::sort::sort_unstable(&mut dated);
        out.push_str("## Timeline\n\n");
        for (_, id) in dated {
            let e = &self.entities[id];
            let value = e.value.as_deref().unwrap_or_default();
            let _ = writeln!(out, "- {value}: {} {}", escape(&e.name), cite(&mention_sources(e)));
        }
        out.push('\n');
    }

    /// The name shown for source `i`: its label, else its outlet or title, else "Source N"
    /// (as the page's badges name it).
    fn source_name(&self, i: usize) -> String {
        let s = self.sources.get(i);
        [
            s.map(|s| s.label.as_str()),
            s.and_then(|s| s.outlet.as_deref()),
            s.and_then(|s| s.title.as_deref()),
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|name| !name.is_empty())
        .map_or_else(|| format!("Source {}", i + 1), str::to_string)
    }
}

/// The entity index's types, in the page's order, with their headings.
const INDEX_TYPES: [(EntityType, &str); 5] = [
    (EntityType::Per, "People"),
    (EntityType::Org, "Organisations"),
    (EntityType::Loc, "Places"),
    (EntityType::Date, "Dates"),
    (EntityType::Misc, "Other names"),
];


/// The sources that mention `entity`, ascending, each once.
fn mention_sources(entity: &super::Entity) -> Vec<usize> {
    let mut sources: Vec<usize> = entity.mentions.iter().map(|m| m.source).collect();
    crate::sort::sort_unstable(&mut sources);
    sources.dedup();
    sources
}

/// A `YYYY`, `YYYY-MM` or `YYYY-MM-DD` value as the number YYYYMMDD (missing parts 0,
/// so a year comes before its months); `None` for anything else.
fn date_key(value: &str) -> Option<usize> {
    let b = value.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<usize> {
        let digits = b.get(range)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, d| n * 10 + usize::from(d - b'0')))
    };
    let dash = |k: usize| b.get(k) == Some(&b'-');
    match b.len() {
        4 => Some(number(0..4)? * 10_000),
        7 if dash(4) => Some(number(0..4)? * 10_000 + number(5..7)? * 100),
        10 if dash(4) && dash(7) => Some(number(0..4)? * 10_000 + number(5..7)? * 100 + number(8..10)?),
        _ => None,
    }
}

/// Footnote citations of `sources`: `[^1][^3]`.
fn cite(sources: &[usize]) -> String {
    sources.iter().map(|s| format!("[^{}]", s + 1)).collect()
}

/// What a disagreement's detail type is called in a sentence ("Sources differ on dates").
fn detail_name(ty: EntityType) -> &'static str {
    match ty {
        EntityType::Date => "dates",
        EntityType::Time => "times",
        EntityType::Money => "amounts",
        EntityType::Percent => "percentages",
        EntityType::Quantity => "numbers",
        EntityType::Per => "people",
        EntityType::Org => "organisations",
        EntityType::Loc => "places",
        EntityType::Misc => "names",
    }
}

/// The words of `text`: its runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// `text` escaped, with each run of words that `known` (their `wording_hash`es: case
/// folded) lacks in bold.
#[inline(never)]
fn marked(text: &str, known: &HashSet<u64, BuildFnv>) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(text.len() + 16);
    // Bold is opened at a new word and closed before the first known word or any
    // separator that is not a single space, so each run of new words is one span.
    let mut bold = false;
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let word_len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        if word_len > 0 {
            let word = &rest[..word_len];
            let new = !known.contains(&crate::text::wording_hash(word));
            if new && !bold {
                out.push_str("**");
                bold = true;
            } else if !new && bold {
                close_bold(&mut out);
                bold = false;
            }
            out.push_str(word);
            rest = &rest[word_len..];
        } else {
            let gap_len = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
            let gap = &rest[..gap_len];
            let next_is_word = gap_len < rest.len();
            if bold && !(gap == " " && next_is_word) {
                close_bold(&mut out);
                bold = false;
            }
            out.push_str(&escape_markup(gap));
            rest = &rest[gap_len..];
        }
    }
    if bold {
        close_bold(&mut out);
    }
    out
}

/// Closes a bold span, moving a space that ended it outside (`**a b** c`, not `**a b **c`).
fn close_bold(out: &mut String) {
    if out.ends_with(' ') {
        out.pop();
        out.push_str("** ");
    } else {
        out.push_str("**");
    }
}

/// `text` on one line with every character Markdown could read as markup escaped.
#[inline(never)]
fn escape(text: &str) -> String {
    escape_markup(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `text` with every character Markdown could read as markup escaped, spacing kept. An
/// underscore inside a word (`003_c7d9`) cannot emphasise anything and stays as it is.
fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let intraword = c == '_' && previous.is_alphanumeric() && chars.peek().is_some_and(|n| n.is_alphanumeric());
        if !intraword
            && matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!'
            )
        {
            out.push('\\');
        }
        out.push(c);
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        let table = [
            ("plain words", "plain words"),
            ("a\nb\t c", "a b c"),
            ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
            ("[^1]: forged", "\\[^1\\]: forged"),
            ("# heading", "\\# heading"),
            ("a | b", "a \\| b"),
            (
                "*bold* _it_ ~~gone~~ `code`",
                "\\*bold\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\`",
            ),
            ("003_c7d9 a__b_ _c", "003_c7d9 a\\_\\_b\\_ \\_c"),
            ("![img](x) &amp;", "\\!\\[img\\](x) \\&amp;"),
        ];
        for (input, expected) in table {
            assert_eq!(escape(input), expected, "{input:?}");
        }
    }

    #[test]
    fn dates_sort_year_then_month_then_day() {
        let table = [
            ("2024", Some(20_240_000)),
            ("2024-04", Some(20_240_400)),
            ("2024-10-31", Some(20_241_031)),
            ("2024-1", None),
            ("20x4", None),
            ("2024/10/31", None),
            ("", None),
            ("２０２４", None),
        ];
        for (value, key) in table {
            assert_eq!(date_key(value), key, "{value:?}");
        }
    }

    #[test]
    fn new_words_are_bold_in_runs() {
        let known: HashSet<u64, BuildFnv> = words("Borrell heads to South Korea")
            .map(crate::text::wording_hash)
            .collect();
        let table = [
            ("Borrell heads to South Korea", "Borrell heads to South Korea"),
            (
                "Borrell departed for South Korea",
                "Borrell **departed for** South Korea",
            ),
            (
                "Borrell will head to South Korea.",
                "Borrell **will head** to South Korea.",
            ),
            ("Borrell, later, went", "Borrell, **later**, **went**"),
            ("BORRELL heads *today*", "BORRELL heads \\***today**\\*"),
        ];
        for (input, expected) in table {
            assert_eq!(marked(input, &known), expected, "{input:?}");
        }
    }
}
