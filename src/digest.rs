//! The output contract: what `weave` returns, serialised identically by the CLI
//! (`--json`) and by the wasm binding (a plain JS object). Field names are relied
//! on by consumers; add fields, never rename.
//!
//! A Digest borrows the sources it was made from: every sentence, statement, mention
//! and quote `text` is a slice of a source, never a copy. (The wasm binding does not
//! even send those slices across: it has the caller's own strings. Nor does it send
//! sentences, statements and mentions one value at a time: it packs them. See `wasm.rs`.)

use serde::Serialize;

use crate::clean::Role;
use crate::entities::EntityType;

/// Everything newsweave found in a set of sources.
#[derive(Debug, Clone, Serialize)]
pub struct Digest<'a> {
    /// Contract version.
    pub version: u32,
    pub sources: Vec<SourceInfo>,
    /// Every non-blank stretch of every source, in source then text order.
    #[cfg_attr(target_arch = "wasm32", serde(serialize_with = "crate::wasm::sentences"))]
    pub sentences: Vec<Sentence<'a>>,
    /// Distinct statements, most important first (`rank` 1, 2, ...); `id` is the index here.
    #[cfg_attr(target_arch = "wasm32", serde(serialize_with = "crate::wasm::statements"))]
    pub statements: Vec<Statement<'a>>,
    pub entities: Vec<Entity<'a>>,
    /// Quoted passages with their speaker, in source then text order.
    pub quotes: Vec<Quote<'a>>,
    /// Groups of sources that tell the same story, numbered by first appearance.
    /// Statements never mix stories; the largest story's statements come first.
    pub stories: Vec<Story>,
}

/// Sources that tell one story.
#[derive(Debug, Clone, Serialize)]
pub struct Story {
    pub id: usize,
    /// Source indices, ascending.
    pub sources: Vec<usize>,
}

/// Metadata of one source: as given, or as found in the text.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    pub index: usize,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// A sentence (or a line of page furniture) with UTF-16 offsets into its source text.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence<'a> {
    pub source: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub role: Role,
    /// The statement this body sentence belongs to; `None` for other roles.
    pub statement: Option<usize>,
}

/// One distinct statement, credited to every source that carries it.
#[derive(Debug, Clone, Serialize)]
pub struct Statement<'a> {
    pub id: usize,
    /// The representative (most complete) wording: its sentence's `text`.
    pub text: &'a str,
    /// Source indices, each once, ascending.
    pub sources: Vec<usize>,
    /// Member sentence indices, ascending (so their sources come in order too).
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
    #[serde(rename = "type")]
    pub ty: EntityType,
    pub by_source: Vec<SourceDetail>,
}

/// The details of one type that one source's wording of a statement gives.
#[derive(Debug, Clone, Serialize)]
pub struct SourceDetail {
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
    pub id: usize,
    /// The most complete form.
    pub name: String,
    #[serde(rename = "type")]
    pub ty: EntityType,
    /// Other surface forms, in order of first appearance.
    pub aliases: Vec<String>,
    #[cfg_attr(target_arch = "wasm32", serde(serialize_with = "crate::wasm::mentions"))]
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
    pub source: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// A quoted passage: `text` is what stands inside the quotation marks.
#[derive(Debug, Clone, Serialize)]
pub struct Quote<'a> {
    /// The speaking person's entity id, when the sentence says who spoke (or, for a
    /// paragraph that is only a quote, the attributed quote ending the paragraph before).
    pub speaker: Option<usize>,
    #[cfg_attr(target_arch = "wasm32", serde(serialize_with = "crate::wasm::source_text"))]
    pub text: &'a str,
    pub source: usize,
    pub start: usize,
    pub end: usize,
    /// Quotes with the same `group` are one quote as different sources word it.
    pub group: usize,
    /// Its group holds more than one wording.
    pub wording_differs: bool,
}
