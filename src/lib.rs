//! newsweave turns several news articles about one story into one merged,
//! attributed account.
//!
//! ```
//! use newsweave::{weave, Options, Source};
//!
//! let sources = vec![
//!     Source::new("A", "Japan and the EU signed a pact in Tokyo on Friday."),
//!     Source::new("B", "Japan and the EU signed a pact in Tokyo on Friday, officials said."),
//! ];
//! let digest = weave(&sources, &Options::default()).unwrap();
//! assert_eq!(digest.statements[0].sources, vec![0, 1]);
//! ```
//!
//! The modules read like the pipeline (`pipeline` runs them in this order):
//! `clean` (roles and metadata), `segment` (sentences), `entities` (tagging and
//! aliases), `paraphrase` (what a sentence says, and the verifier), `stories`
//! (grouping sources), `dedup` (same-fact groups), `merge` (ranked statements),
//! `quotes` (quotes and speakers), and `digest` (the output, its contract and the
//! Markdown report). They use `lexicon` (word lists and normalisation) and `text`
//! (spans, tokens, hashing). `docs/DESIGN.md` describes how data flows between them.
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

mod bits;
mod clean;
mod dedup;
mod digest;
mod entities;
/// HTML pages as text (native only; in the browser the page uses DOMParser).
#[cfg(not(target_arch = "wasm32"))]
pub mod html;
mod lexicon;
mod merge;
mod paraphrase;
mod pipeline;
mod quotes;
mod segment;
mod sort;
#[doc(hidden)]
pub mod stages;
mod stories;
mod text;
mod threads;
#[cfg(feature = "train")]
pub mod train;
mod union_find;
/// The JavaScript binding (wasm32 only): `weave(sources)` returning a plain object.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use serde::Deserialize;

pub use clean::Role;
pub use digest::view::{ViewLimits, VIEW_LIMITS};
pub use digest::{Claim, Digest, Disagreement, Entity, Mention, Quote, Sentence, SourceDetail, SourceInfo, Statement, Story};
pub use entities::EntityType;
pub use pipeline::clear_caches;

/// One article as the user gave it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Source {
    /// A short name for the source (shown on badges).
    pub label: String,
    /// The pasted text: an article or a whole copied page.
    pub text: String,
    /// The outlet, if the user knows it; otherwise read from a credit line.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Publication date `YYYY-MM-DD`, if known; otherwise read from a byline.
    #[serde(default)]
    pub published: Option<String>,
}

impl Source {
    /// A source with a label and text and no metadata.
    pub fn new(label: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            label: label.into(),
            text: text.into(),
            outlet: None,
            published: None,
        }
    }
}

/// Limits that keep one call's time and memory bounded.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Sources in one call.
    pub max_sources: usize,
    /// Total UTF-8 bytes of all source texts.
    pub max_total_bytes: usize,
}

impl Default for Limits {
    /// 1,000 sources and 8 MiB: room for several hundred long articles.
    fn default() -> Self {
        Limits {
            max_sources: 1_000,
            max_total_bytes: 8 * 1024 * 1024,
        }
    }
}

/// Why `weave` could not produce a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The list of sources was empty.
    NoSources,
    /// Every source's text was blank.
    AllEmpty,
    /// More sources than [`Limits::max_sources`].
    TooManySources {
        /// Sources given.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// More text than [`Limits::max_total_bytes`].
    InputTooLarge {
        /// UTF-8 bytes given.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// A user-supplied publication date that is not `YYYY-MM-DD`.
    InvalidDate {
        /// The source's index.
        source: usize,
        /// The date as given.
        value: String,
    },
}

impl Error {
    /// Every [`Error::code`], and `invalid_input`, which only the bindings raise (input
    /// that is not a list of sources at all). The page and the TypeScript types read
    /// this list; it is the only one.
    pub const CODES: [&'static str; 6] = [
        "no_sources",
        "all_empty",
        "too_many_sources",
        "input_too_large",
        "invalid_date",
        "invalid_input",
    ];

    /// A stable name for the kind of error, for programs (`error.code` in JavaScript).
    pub fn code(&self) -> &'static str {
        match self {
            Error::NoSources => Self::CODES[0],
            Error::AllEmpty => Self::CODES[1],
            Error::TooManySources { .. } => Self::CODES[2],
            Error::InputTooLarge { .. } => Self::CODES[3],
            Error::InvalidDate { .. } => Self::CODES[4],
        }
    }
}

/// Bytes as megabytes (10^6 bytes) with one decimal, rounded half up: written with
/// integers, so the wasm module carries no float formatting code.
struct Megabytes(usize);

impl std::fmt::Display for Megabytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = self.0 / 100_000 + usize::from(self.0 % 100_000 >= 50_000);
        write!(f, "{}.{}", tenths / 10, tenths % 10)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NoSources => write!(f, "no sources given: add at least one article"),
            Error::AllEmpty => write!(f, "every source is empty: paste the text of at least one article"),
            Error::TooManySources { count, max } => {
                write!(f, "too many sources: {count} given, at most {max} allowed")
            }
            Error::InputTooLarge { bytes, max } => {
                write!(
                    f,
                    "input too large: {} MB given, at most {} MB allowed",
                    Megabytes(*bytes),
                    Megabytes(*max)
                )
            }
            Error::InvalidDate { source, value } => {
                write!(
                    f,
                    "source {}: publication date {value:?} is not a date of the form YYYY-MM-DD",
                    source + 1
                )
            }
        }
    }
}

impl std::error::Error for Error {}

/// How [`weave`] runs.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Bounds on the input.
    pub limits: Limits,
    /// Threads that read the sources (cleaning, tagging: most of the work) when the
    /// input is large enough to gain from them (64 KB a thread). The Digest is the same
    /// for any number; the wasm module has one thread and ignores it.
    pub threads: usize,
}

impl Default for Options {
    /// The default [`Limits`], one thread.
    fn default() -> Self {
        Options {
            limits: Limits::default(),
            threads: 1,
        }
    }
}

/// Runs the whole pipeline: clean, segment, tag, group stories, merge, find quotes.
///
/// Work that depends on a word alone is cached on the calling thread and kept for later
/// calls, up to a bound ([`clear_caches`] empties it). Answers never depend on it.
pub fn weave<'a>(sources: &'a [Source], options: &Options) -> Result<Digest<'a>, Error> {
    check(sources, options.limits)?;
    pipeline::run(sources, options.threads)
}

/// The publication date, `YYYY-MM-DD`, that [`weave`] reads from a byline or dateline
/// of `text` when its [`Source`] gives none ("Posted: Friday, November 1, 2024"), if
/// any. The command line asks it to date a file by its own byline before its default.
pub fn byline_date(text: &str) -> Option<String> {
    clean::clean(text).published.map(lexicon::dates::Date::iso)
}

/// Whether `sources` are within `limits` and not all blank.
fn check(sources: &[Source], limits: Limits) -> Result<(), Error> {
    if sources.is_empty() {
        return Err(Error::NoSources);
    }
    if sources.len() > limits.max_sources {
        return Err(Error::TooManySources {
            count: sources.len(),
            max: limits.max_sources,
        });
    }
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    if bytes > limits.max_total_bytes {
        return Err(Error::InputTooLarge {
            bytes,
            max: limits.max_total_bytes,
        });
    }
    if sources.iter().all(|s| s.text.trim().is_empty()) {
        return Err(Error::AllEmpty);
    }
    Ok(())
}

/// The allocator [`native_allocator!`] declares.
#[cfg(all(feature = "mimalloc", not(target_arch = "wasm32")))]
#[doc(hidden)]
pub use mimalloc::MiMalloc as NativeAllocator;

/// Declares the native programs' global allocator (`newsweave::native_allocator!();` at
/// the top level of a binary): mimalloc, when the default `mimalloc` feature is on. The
/// pipeline makes many short-lived allocations per sentence, and glibc's allocator
/// spent 14 % of a 1 MB run in `malloc`, `free` and page faults (docs/BENCHMARKS.md).
/// The library sets no allocator of its own; the wasm module has its own (`wasm.rs`).
#[cfg(all(feature = "mimalloc", not(target_arch = "wasm32")))]
#[macro_export]
macro_rules! native_allocator {
    () => {
        #[global_allocator]
        static NATIVE_ALLOCATOR: $crate::NativeAllocator = $crate::NativeAllocator;
    };
}

/// Without the `mimalloc` feature, binaries keep the system allocator.
#[cfg(not(all(feature = "mimalloc", not(target_arch = "wasm32"))))]
#[macro_export]
macro_rules! native_allocator {
    () => {};
}
