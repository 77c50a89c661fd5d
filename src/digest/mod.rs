//! The output contract: what `weave` returns, serialised identically by the CLI
//! (`--json`) and by the wasm binding (a plain JS object). Field names are relied
//! on by consumers; add fields, never rename.
//!
//! A Digest borrows the sources it was made from: every sentence, statement, mention
//! and quote `text` is a slice of a source, never a copy ([`Digest::into_owned`] makes
//! one that outlives them, for a binding that keeps it).
//!
//! This module also assembles a Digest from what the stages found ([`assemble`]),
//! checks the contract ([`contract`]), writes the Markdown report (`markdown`) and
//! holds the views' limits ([`view`]).

pub(crate) mod assemble;
pub mod contract;
mod markdown;
pub mod view;

use std::borrow::Cow;

use serde::Serialize;

use crate::clean::Role;
use crate::entities::EntityType;

/// Everything newsweave found in a set of sources.
#[derive(Debug, Clone, Serialize)]
pub struct Digest<'a> {
    /// Contract version.
    pub version: u32,
    /// Each source's metadata, in the order given.
    pub sources: Vec<SourceInfo>,
    /// Every non-blank stretch of every source, in source then text order.
    pub sentences: Vec<Sentence<'a>>,
    /// Distinct statements, most important first (`rank` 1, 2, ...); `id` is the index here.
    pub statements: Vec<Statement<'a>>,
    /// People, organisations, places, dates and numbers, each with every mention.
    pub entities: Vec<Entity<'a>>,
    /// Quoted passages with their speaker, in source then text order.
    pub quotes: Vec<Quote<'a>>,
    /// Groups of sources that tell the same story, numbered by first appearance.
    /// Statements never mix stories; the largest story's statements come first.
    pub stories: Vec<Story>,
    /// The parts of sentences that state another statement's fact among more: the
    /// words a sentence shares with the statement it supports, in sentence order. A
    /// sentence's whole text is its own statement's claim, and is not listed.
    pub claims: Vec<Claim>,
}

impl Digest<'_> {
    /// The same Digest with its texts copied out of the sources, so it outlives them.
    pub fn into_owned(self) -> Digest<'static> {
        let owned = |text: Cow<str>| Cow::Owned(text.into_owned());
        Digest {
            version: self.version,
            sources: self.sources,
            sentences: self
                .sentences
                .into_iter()
                .map(|s| Sentence {
                    text: owned(s.text),
                    ..s
                })
                .collect(),
            statements: self
                .statements
                .into_iter()
                .map(|s| Statement {
                    text: owned(s.text),
                    ..s
                })
                .collect(),
            entities: self
                .entities
                .into_iter()
                .map(|e| Entity {
                    mentions: e
                        .mentions
                        .into_iter()
                        .map(|m| Mention {
                            text: owned(m.text),
                            ..m
                        })
                        .collect(),
                    ..e
                })
                .collect(),
            quotes: self
                .quotes
                .into_iter()
                .map(|q| Quote {
                    text: owned(q.text),
                    ..q
                })
                .collect(),
            stories: self.stories,
            claims: self.claims,
        }
    }
}

/// The part of a sentence that states a fact of another statement.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    /// The source's index.
    pub source: usize,
    /// The sentence's index in `sentences`.
    pub sentence: usize,
    /// UTF-16 offset of the first unit: from the first to the last word the sentence
    /// shares with the statement's wording.
    pub start: usize,
    /// UTF-16 offset past the last unit.
    pub end: usize,
    /// The statement it supports (one of the sentence's `statements`, not the first).
    pub statement: usize,
}

/// Sources that tell one story.
#[derive(Debug, Clone, Serialize)]
pub struct Story {
    /// Its index in `stories`.
    pub id: usize,
    /// Source indices, ascending.
    pub sources: Vec<usize>,
}

/// Metadata of one source: as given, or as found in the text.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    /// The source's position in the input.
    pub index: usize,
    /// The label as given.
    pub label: String,
    /// The headline, if the text has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The outlet: as given, or read from a credit line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// A sentence (or a line of page furniture) with UTF-16 offsets into its source text.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence<'a> {
    /// The source's index.
    pub source: usize,
    /// UTF-16 offset of the first unit.
    pub start: usize,
    /// UTF-16 offset past the last unit.
    pub end: usize,
    /// The slice `start..end` of the source.
    pub text: Cow<'a, str>,
    /// What this stretch of the page is.
    pub role: Role,
    /// The statement this body sentence belongs to; `None` for other roles.
    pub statement: Option<usize>,
    /// Every statement a body sentence feeds: its own `statement` first, then those
    /// whose fact it states among more (see `claims`), ascending. Empty for other roles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<usize>,
}

/// One distinct statement, credited to every source that carries it.
#[derive(Debug, Clone, Serialize)]
pub struct Statement<'a> {
    /// Its index in `statements`.
    pub id: usize,
    /// The representative (most complete) wording: its sentence's `text`.
    pub text: Cow<'a, str>,
    /// Source indices, each once, ascending.
    pub sources: Vec<usize>,
    /// Member sentence indices, ascending (so their sources come in order too): the
    /// sentences whose `statement` it is, and those that state it among more.
    pub sentences: Vec<usize>,
    /// 1 = most important.
    pub rank: usize,
    /// Sentence index of the representative wording.
    pub representative: usize,
    /// The story (index into `stories`) it belongs to.
    pub story: usize,
    /// Only one source carries it.
    pub single_source: bool,
    /// Sources carry it in different words (each source's wording is in `sentences`).
    pub wording_differs: bool,
    /// Dates and numbers that not every source's wording gives alike.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
}

/// A kind of detail (a date, an amount) on which the sources of a statement differ:
/// what each source's wording gives, an empty list where it gives none.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    /// The kind of detail.
    #[serde(rename = "type")]
    pub ty: EntityType,
    /// What each of the statement's sources gives, in source order.
    pub by_source: Vec<SourceDetail>,
}

/// The details of one type that one source's wording of a statement gives.
#[derive(Debug, Clone, Serialize)]
pub struct SourceDetail {
    /// The source's index.
    pub source: usize,
    /// As written ("Thursday", "January").
    pub texts: Vec<String>,
    /// Normalised, for comparison (ISO dates, folded numbers), one per text.
    pub values: Vec<String>,
}

impl SourceDetail {
    /// The `i`th detail as a reader should see it: as written, and for a date the day
    /// it resolves to when the words do not say it ("Friday (2024-11-01)"), so that
    /// "Friday" and "Nov. 1" are seen to agree.
    pub fn given(&self, ty: EntityType, i: usize) -> String {
        let text = self.texts.get(i).map_or("", String::as_str);
        match self.values.get(i) {
            Some(value)
                if ty == EntityType::Date
                    && value.starts_with(|c: char| c.is_ascii_digit())
                    && !text.contains(value.as_str()) =>
            {
                format!("{text} ({value})")
            }
            _ => text.to_string(),
        }
    }
}

/// One real-world referent and everywhere it is mentioned.
#[derive(Debug, Clone, Serialize)]
pub struct Entity<'a> {
    /// Its index in `entities`.
    pub id: usize,
    /// The most complete form.
    pub name: String,
    /// Person, organisation, place, date, ...
    #[serde(rename = "type")]
    pub ty: EntityType,
    /// Other surface forms, in order of first appearance.
    pub aliases: Vec<String>,
    /// Every mention, in source then text order.
    pub mentions: Vec<Mention<'a>>,
    /// Normalised value: ISO date (`2024-10-31`, `2025-01`, `2035`) for DATE entities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Titles and descriptors of a person ("Foreign Minister").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// For a demonym, the place it relates to ("Japanese" -> "Japan").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<String>,
}

/// Where an entity is mentioned: UTF-16 offsets, `text` equal to that slice.
#[derive(Debug, Clone, Serialize)]
pub struct Mention<'a> {
    /// The source's index.
    pub source: usize,
    /// UTF-16 offset of the first unit.
    pub start: usize,
    /// UTF-16 offset past the last unit.
    pub end: usize,
    /// The slice `start..end` of the source.
    pub text: Cow<'a, str>,
}

/// A quoted passage: `text` is what stands inside the quotation marks.
#[derive(Debug, Clone, Serialize)]
pub struct Quote<'a> {
    /// The speaker's entity id (a person, or an organisation whose statement it is)
    /// when the text says who spoke; null when it does not, or names no one ("an aide
    /// said"). A sentence that is only a quote goes on with the paragraph's speaker.
    pub speaker: Option<usize>,
    /// The role the attribution gives the speaker ("Moore's campaign chairman",
    /// "Senate Majority Leader"), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_role: Option<String>,
    /// What stands inside the marks: the slice `start..end` of the source.
    pub text: Cow<'a, str>,
    /// The source's index.
    pub source: usize,
    /// UTF-16 offset of the first unit inside the marks.
    pub start: usize,
    /// UTF-16 offset past the last unit inside the marks.
    pub end: usize,
    /// Quotes with the same `group` are one quote as different sources word it.
    pub group: usize,
    /// Its group holds more than one wording.
    pub wording_differs: bool,
}
