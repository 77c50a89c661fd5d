//! Assembling the Digest from what the stages found: byte spans become UTF-16 offsets,
//! merged groups become statements with their disagreements, resolved entities and
//! found quotes become the Digest's lists.

use super::{Claim, Digest, Disagreement, Entity, Mention, Quote, Sentence, SourceDetail, SourceInfo, Statement};
use crate::segment::SentenceSpan;
use crate::entities;
use crate::text::{self, Span, Utf16Offsets};
use crate::{lexicon, merge, paraphrase, quotes, threads, Source};

/// What the stages found, for building the Digest.
pub struct StageOutputs<'a> {
    pub sentences: &'a [SentenceSpan],
    pub merged: &'a [merge::Merged],
    pub mentions: &'a [entities::Mention],
    pub mention_ranges: &'a [std::ops::Range<usize>],
    pub quotes: &'a [quotes::Quote],
}

/// Dates and amounts that the sources of one statement do not all give alike.
fn disagreements(sources: &[Source], found: &StageOutputs, m: &merge::Merged) -> Vec<Disagreement> {
    use entities::EntityType as T;
    const TYPES: [T; 5] = [T::Date, T::Time, T::Money, T::Percent, T::Quantity];
    if m.sources.len() < 2 {
        return Vec::new();
    }
    // (type, source, value, as written) of each dated or measured mention in the members,
    // in the members' order. Most statements have none, and are done here.
    let mut given: Vec<(usize, usize, std::borrow::Cow<str>, &str)> = Vec::new();
    for &k in &m.sentences {
        let source = found.sentences[k].source;
        for x in &found.mentions[found.mention_ranges[k].clone()] {
            if let Some(t) = TYPES.iter().position(|&ty| ty == x.ty) {
                let surface = x.span.of(&sources[source].text);
                let value = match (&x.value, x.ty) {
                    (Some(value), _) => value.as_str().into(),
                    (None, T::Quantity) => quantity_value(surface).into(),
                    (None, T::Date) => unresolved_date_value(surface).into(),
                    (None, _) => text::fold(surface).into(),
                };
                given.push((t, source, value, surface));
            }
        }
    }
    if given.is_empty() {
        return Vec::new();
    }
    // "Both" gives the number two: "both of our regions" agrees with "our two regions".
    const QUANTITY: usize = 4;
    const _: () = assert!(matches!(TYPES[QUANTITY], T::Quantity));
    if given.iter().any(|g| g.0 == QUANTITY && g.2 == "2") {
        for &k in &m.sentences {
            let SentenceSpan { source, span, .. } = found.sentences[k];
            let text = span.of(&sources[source].text);
            let gives_two = given.iter().any(|g| g.0 == QUANTITY && g.1 == source && g.2 == "2");
            let both = text
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| w.eq_ignore_ascii_case("both"));
            if let (false, Some(both)) = (gives_two, both) {
                given.push((QUANTITY, source, "2".into(), both));
            }
        }
    }
    // Each value once per type and source, sorted, written as it first was (a stable sort).
    crate::sort::sort_by(&mut given, |a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    given.dedup_by(|later, first| (later.0, later.1, &later.2) == (first.0, first.1, &first.2));
    let mut out = Vec::new();
    for (t, &ty) in TYPES.iter().enumerate() {
        let of_type = &given[given.partition_point(|g| g.0 < t)..given.partition_point(|g| g.0 <= t)];
        if of_type.is_empty() {
            continue;
        }
        let of_source = |source: usize| {
            &of_type[of_type.partition_point(|g| g.1 < source)..of_type.partition_point(|g| g.1 <= source)]
        };
        // Two sources disagree when each gives a value of this type that the other does
        // not ("in force from January" / "from March"). A source that gives none says
        // nothing against the others, and one that gives more ("signed Friday, in force
        // from January") does not contradict one that gives less ("signed Friday").
        let givers: Vec<&[_]> = m.sources.iter().map(|&s| of_source(s)).filter(|g| !g.is_empty()).collect();
        let lacks = |x: &[(usize, usize, std::borrow::Cow<str>, &str)], y: &[(usize, usize, std::borrow::Cow<str>, &str)]| {
            x.iter().any(|a| y.iter().all(|b| !same_value(&a.2, &b.2)))
        };
        let conflict = givers
            .iter()
            .enumerate()
            .any(|(k, x)| givers[k + 1..].iter().any(|y| lacks(x, y) && lacks(y, x)));
        if !conflict {
            continue;
        }
        let by_source = m
            .sources
            .iter()
            .map(|&source| SourceDetail {
                source,
                texts: of_source(source).iter().map(|g| g.3.to_string()).collect(),
                values: of_source(source).iter().map(|g| g.2.to_string()).collect(),
            })
            .collect();
        out.push(Disagreement { ty, by_source });
    }
    out
}

/// The comparable form of a date that no publication date resolved: the day it
/// writes, `YYYY-MM-DD`, or `--MM-DD` without a year (ISO 8601's form for a day of
/// any year); else the words as written.
fn unresolved_date_value(surface: &str) -> String {
    match lexicon::dates::month_and_day(surface) {
        Some((Some(year), month, day)) => format!("{year:04}-{month:02}-{day:02}"),
        Some((None, month, day)) => format!("--{month:02}-{day:02}"),
        None => text::fold(surface),
    }
}

/// Whether two values of one type agree: equal, or a day of any year (`--MM-DD`)
/// and that day in some year.
fn same_value(a: &str, b: &str) -> bool {
    let any_year = |partial: &str, full: &str| {
        partial.len() == 7 && partial.starts_with("--") && full.len() == 10 && full.ends_with(&partial[1..])
    };
    a == b || any_year(a, b) || any_year(b, a)
}

/// The comparable form of a quantity as written: number words as digits, digit
/// groups joined, light stems ("two regions" and "2 regions" agree; "1,000 troops"
/// and "1000 troop"). Not for money or percentages, where a point matters.
fn quantity_value(surface: &str) -> String {
    let mut out = String::with_capacity(surface.len());
    let mut word = String::new();
    for token in text::words(surface, Span::new(0, surface.len())) {
        let written = token.span.of(surface);
        let kept = if written.bytes().any(|b| b.is_ascii_digit()) {
            // Digits as written, groups joined: a decimal point stays ("2.5" is not "25").
            word.clear();
            word.extend(written.chars().filter(|&c| c != ','));
            true
        } else {
            lexicon::normalise::normalise_into(written, &mut word)
        };
        if kept {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&word);
        }
    }
    if out.is_empty() {
        text::fold(surface)
    } else {
        out
    }
}

/// The Digest of `sources` from what the stages found (`parallel`: the two halves of
/// the lists are built at once).
pub fn assemble<'a>(
    sources: &'a [Source],
    infos: Vec<SourceInfo>,
    found: &StageOutputs,
    resolved: Vec<entities::Entity>,
    terms: &mut paraphrase::TermCache,
    parallel: bool,
) -> Digest<'a> {
    let offsets: Vec<Utf16Offsets> = sources.iter().map(|s| Utf16Offsets::new(&s.text)).collect();
    // The sentence and statement lists, and the entity and quote lists, depend on
    // nothing of each other: on a large input they are built at once.
    let ((entities, quotes), (sentences, statements)) = threads::join(
        parallel,
        || entity_and_quote_lists(sources, found, &offsets, resolved, terms),
        || sentence_and_statement_lists(sources, found, &offsets),
    );
    let claims = claims(sources, found, &offsets, terms);
    Digest {
        version: 1,
        sources: infos,
        sentences,
        statements,
        entities,
        quotes,
        stories: Vec::new(),
        claims,
    }
}

/// The UTF-16 offsets of `span` in source `source`.
fn utf16(offsets: &[Utf16Offsets], source: usize, span: Span) -> (usize, usize) {
    (offsets[source].at(span.start), offsets[source].at(span.end))
}

/// The Digest's sentences and statements.
fn sentence_and_statement_lists<'a>(
    sources: &'a [Source],
    found: &StageOutputs,
    offsets: &[Utf16Offsets],
) -> (Vec<Sentence<'a>>, Vec<Statement<'a>>) {
    let (sentences, merged) = (found.sentences, found.merged);
    let mut statement_of = vec![None; sentences.len()];
    for (id, m) in merged.iter().enumerate() {
        for &s in &m.sentences {
            statement_of[s] = Some(id);
        }
    }
    // Each supporter's further statements, ascending (statements come in id order).
    let mut supported: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
    for (id, m) in merged.iter().enumerate() {
        for &s in &m.supporters {
            supported[s].push(id);
        }
    }
    let sentences_out = sentences
        .iter()
        .enumerate()
        .map(|(i, &SentenceSpan { source, span, role })| {
            let (start, end) = utf16(offsets, source, span);
            Sentence {
                source,
                start,
                end,
                text: span.of(&sources[source].text).into(),
                role,
                statement: statement_of[i],
                statements: statement_of[i].into_iter().chain(supported[i].iter().copied()).collect(),
            }
        })
        .collect();
    let statements = merged
        .iter()
        .enumerate()
        .map(|(id, m)| {
            let text_of = |k: usize| sentences[k].span.of(&sources[sentences[k].source].text);
            let representative = text_of(m.representative);
            // Only a statement several sources give can differ in wording between them.
            // Copies of the representative (most members, in a large batch) need no hash;
            // a supporter says more than the representative, so its wording differs.
            let differs = m.sources.len() > 1 && {
                let mut first = None;
                m.sentences.iter().chain(&m.supporters).any(|&k| {
                    let member = text_of(k);
                    member != representative
                        && *first.get_or_insert_with(|| text::wording_hash(representative))
                            != text::wording_hash(member)
                })
            };
            let mut members = m.sentences.clone();
            if !m.supporters.is_empty() {
                members.extend(&m.supporters);
                crate::sort::sort_unstable(&mut members);
            }
            Statement {
                id,
                text: representative.into(),
                sources: m.sources.clone(),
                sentences: members,
                rank: id + 1,
                representative: m.representative,
                story: m.story,
                single_source: m.sources.len() == 1,
                wording_differs: differs,
                disagreements: disagreements(sources, found, m),
            }
        })
        .collect();
    (sentences_out, statements)
}

/// The Digest's claims: in each sentence that supports a statement, the stretch from
/// the first to the last word whose concept the statement's wording holds (the whole
/// sentence if none does), in sentence order.
fn claims(sources: &[Source], found: &StageOutputs, offsets: &[Utf16Offsets], terms: &mut paraphrase::TermCache) -> Vec<Claim> {
    let mut out = Vec::new();
    for (id, m) in found.merged.iter().enumerate() {
        if m.supporters.is_empty() {
            continue;
        }
        let text_of = |k: usize| {
            let SentenceSpan { source, span, .. } = found.sentences[k];
            (source, span, span.of(&sources[source].text))
        };
        let (_, _, wording) = text_of(m.representative);
        let mut held: Vec<u64> = text::words(wording, Span::new(0, wording.len()))
            .iter()
            .filter_map(|t| terms.concept_of(t.span.of(wording)))
            .collect();
        held.sort_unstable();
        for &k in &m.supporters {
            let (source, span, sentence) = text_of(k);
            let shared: Vec<Span> = text::words(sentence, Span::new(0, sentence.len()))
                .into_iter()
                .filter(|t| terms.concept_of(t.span.of(sentence)).is_some_and(|c| held.binary_search(&c).is_ok()))
                .map(|t| t.span)
                .collect();
            let claim = match (shared.first(), shared.last()) {
                (Some(first), Some(last)) => Span::new(span.start + first.start, span.start + last.end),
                _ => span,
            };
            let (start, end) = utf16(offsets, source, claim);
            out.push(Claim {
                source,
                sentence: k,
                start,
                end,
                statement: id,
            });
        }
    }
    crate::sort::sort_by(&mut out, |a, b| (a.sentence, a.start, a.statement).cmp(&(b.sentence, b.start, b.statement)));
    out
}

/// The Digest's entities (from the `resolved` ones) and quotes.
fn entity_and_quote_lists<'a>(
    sources: &'a [Source],
    found: &StageOutputs,
    offsets: &[Utf16Offsets],
    resolved: Vec<entities::Entity>,
    terms: &mut paraphrase::TermCache,
) -> (Vec<Entity<'a>>, Vec<Quote<'a>>) {
    let (mentions, found_quotes) = (found.mentions, found.quotes);
    let entities = resolved
        .into_iter()
        .enumerate()
        .map(|(id, e)| Entity {
            id,
            name: e.name,
            ty: e.ty,
            aliases: e.aliases,
            mentions: e
                .mentions
                .iter()
                .map(|&k| {
                    let m = &mentions[k];
                    let (start, end) = utf16(offsets, m.source, m.span);
                    Mention {
                        source: m.source,
                        start,
                        end,
                        text: m.span.of(&sources[m.source].text).into(),
                    }
                })
                .collect(),
            value: e.value,
            roles: e.roles,
            related: e.related,
        })
        .collect();
    let texts: Vec<&str> = sources.iter().map(|s| s.text.as_str()).collect();
    let wording: Vec<u64> = found_quotes
        .iter()
        .map(|q| text::wording_hash(q.span.of(texts[q.source])))
        .collect();
    let groups = quotes::group(&texts, found_quotes, &wording, terms);
    // Per group: the first wording's hash, and whether another wording differs from it.
    let mut wordings: Vec<Option<(u64, bool)>> = vec![None; found_quotes.len()];
    for (&h, &g) in wording.iter().zip(&groups) {
        let entry = wordings[g].get_or_insert((h, false));
        entry.1 |= entry.0 != h;
    }
    let quotes = found_quotes
        .iter()
        .zip(&groups)
        .map(|(q, &group)| {
            let (start, end) = utf16(offsets, q.source, q.span);
            Quote {
                speaker: q.speaker,
                speaker_role: q.role.clone(),
                text: q.span.of(texts[q.source]).into(),
                source: q.source,
                start,
                end,
                group,
                wording_differs: wordings[group].is_some_and(|(_, differs)| differs),
            }
        })
        .collect();
    (entities, quotes)
}
