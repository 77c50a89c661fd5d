//! The output contract, checked: what every Digest promises about its offsets, its
//! coverage of the sources and its statements. The property tests and the fuzz targets
//! check every Digest they make against it.

use super::Digest;
use crate::clean::Role;
use crate::Source;

/// The first way `digest` breaks the output contract for `sources`, if any:
/// - every sentence, mention and quote's `text` is its UTF-16 slice of the source;
/// - every non-blank character is inside exactly one sentence;
/// - every body sentence belongs to exactly one statement, its `statement`, and only
///   body sentences do; its `statements` are that one, then any it supports, ascending;
/// - a statement lists exactly the sentences whose `statements` name it;
/// - statements are ranked in order and credit each source once, ascending, exactly
///   the sources of their sentences;
/// - each claim lies inside its sentence and names a statement the sentence supports.
pub fn contract_violation(sources: &[Source], digest: &Digest) -> Option<String> {
    let units: Vec<Vec<u16>> = sources.iter().map(|s| s.text.encode_utf16().collect()).collect();
    let slice = |source: usize, start: usize, end: usize| -> Option<String> {
        let units = units.get(source)?.get(start..end)?;
        String::from_utf16(units).ok()
    };
    // Which statements list each sentence, ascending (one pass, so a statement with ten
    // thousand members does not make this check quadratic).
    let mut listed_in: Vec<Vec<usize>> = vec![Vec::new(); digest.sentences.len()];
    for (id, st) in digest.statements.iter().enumerate() {
        for &k in &st.sentences {
            if let Some(slot) = listed_in.get_mut(k) {
                slot.push(id);
            }
        }
    }
    let check_slice = |what: &str, source: usize, start: usize, end: usize, text: &str| {
        let found = slice(source, start, end);
        (found.as_deref() != Some(text))
            .then(|| format!("{what} {text:?} is not source {source} [{start}..{end}] ({found:?})"))
    };
    for (k, s) in digest.sentences.iter().enumerate() {
        if let Some(v) = check_slice("sentence", s.source, s.start, s.end, &s.text) {
            return Some(v);
        }
        if s.statement.is_some() != (s.role == Role::Body) {
            return Some(format!("sentence {k} ({:?}) has statement {:?}", s.role, s.statement));
        }
        let supported = s.statements.get(1..).unwrap_or_default();
        if s.statements.first().copied() != s.statement
            || supported.windows(2).any(|w| w[0] >= w[1])
            || s.statement.is_some_and(|id| supported.contains(&id))
        {
            return Some(format!("sentence {k} has statement {:?} and statements {:?}", s.statement, s.statements));
        }
        let mut feeds = s.statements.clone();
        feeds.sort_unstable();
        if listed_in[k] != feeds {
            return Some(format!(
                "sentence {k} feeds statements {:?}, which list it: {:?}",
                s.statements, listed_in[k]
            ));
        }
    }
    for e in &digest.entities {
        for m in &e.mentions {
            if let Some(v) = check_slice("mention", m.source, m.start, m.end, &m.text) {
                return Some(v);
            }
        }
    }
    for q in &digest.quotes {
        if let Some(v) = check_slice("quote", q.source, q.start, q.end, &q.text) {
            return Some(v);
        }
    }
    for (i, source) in sources.iter().enumerate() {
        let mut covered = vec![0u8; units[i].len()];
        for s in digest.sentences.iter().filter(|s| s.source == i) {
            covered[s.start..s.end]
                .iter_mut()
                .for_each(|c| *c = c.saturating_add(1));
        }
        let mut unit = 0;
        for ch in source.text.chars() {
            if !ch.is_whitespace() && covered[unit] != 1 {
                return Some(format!(
                    "source {i}: {ch:?} at unit {unit} covered {} times",
                    covered[unit]
                ));
            }
            unit += ch.len_utf16();
        }
    }
    for (id, st) in digest.statements.iter().enumerate() {
        if st.id != id || st.rank != id + 1 {
            return Some(format!("statement {id} has id {} and rank {}", st.id, st.rank));
        }
        let Some(members) = st
            .sentences
            .iter()
            .map(|&k| digest.sentences.get(k))
            .collect::<Option<Vec<_>>>()
        else {
            return Some(format!("statement {id} lists a sentence that does not exist"));
        };
        let mut member_sources: Vec<usize> = members.iter().map(|s| s.source).collect();
        crate::sort::sort_unstable(&mut member_sources);
        member_sources.dedup();
        if st.sources != member_sources {
            return Some(format!(
                "statement {id} credits {:?}, its sentences come from {member_sources:?}",
                st.sources
            ));
        }
        if st.sentences.windows(2).any(|w| w[0] >= w[1]) {
            return Some(format!("statement {id}'s sentences {:?} are not ascending", st.sentences));
        }
    }
    for (n, c) in digest.claims.iter().enumerate() {
        let Some(s) = digest.sentences.get(c.sentence) else {
            return Some(format!("claim {n} names sentence {}, which does not exist", c.sentence));
        };
        if c.source != s.source || c.start < s.start || c.end > s.end || c.start >= c.end {
            return Some(format!("claim {n} [{}..{}] is not inside sentence {}", c.start, c.end, c.sentence));
        }
        if !s.statements.get(1..).unwrap_or_default().contains(&c.statement) {
            return Some(format!("claim {n} supports statement {}, which sentence {} does not", c.statement, c.sentence));
        }
    }
    None
}
