//! The WebAssembly binding: a thin layer that converts JS values to core types
//! and back with `serde-wasm-bindgen`. Compiled only for `wasm32`.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{Claim, Digest, Disagreement, Entity, EntityType, Error, Source, SourceInfo, Story};

// TypeScript types of the Digest (src/digest/mod.rs) for the generated `newsweave.d.ts`.
#[wasm_bindgen(typescript_custom_section)]
const DIGEST_TYPES: &str = r#"
/** One article as the user gave it. */
export interface Source { label: string; text: string; outlet?: string; published?: string /* YYYY-MM-DD */ }
export type Role = "headline" | "body" | "dateline" | "byline" | "caption" | "credit" | "boilerplate";
export type EntityType = "PER" | "ORG" | "LOC" | "MISC" | "DATE" | "TIME" | "MONEY" | "PERCENT" | "QUANTITY";
export interface SourceInfo { index: number; label: string; title?: string; outlet?: string; published?: string }
/** Offsets are UTF-16 (String.slice) into the source text; `text` equals that slice. */
export interface Sentence {
  source: number; start: number; end: number; text: string; role: Role; statement: number | null;
  /** Body sentences: `statement`, then the statements whose fact it states among more. */
  statements?: number[];
}
/** The words of a sentence that state another statement's fact (see `Sentence.statements`). */
export interface Claim { source: number; sentence: number; start: number; end: number; statement: number }
export interface SourceDetail { source: number; texts: string[]; values: string[] }
export interface Disagreement { type: EntityType; by_source: SourceDetail[] }
export interface Statement {
  id: number; text: string; sources: number[]; sentences: number[]; rank: number; representative: number;
  story: number; single_source: boolean; wording_differs: boolean; disagreements?: Disagreement[];
}
/** Sources that tell one story; statements never mix stories. */
export interface Story { id: number; sources: number[] }
export interface Mention { source: number; start: number; end: number; text: string }
export interface Entity {
  id: number; name: string; type: EntityType; aliases: string[]; mentions: Mention[];
  value?: string; roles?: string[]; related?: string;
}
export interface Quote {
  speaker: number | null; speaker_role?: string; text: string; source: number; start: number; end: number;
  group: number; wording_differs: boolean;
}
export interface Digest {
  version: number; sources: SourceInfo[]; sentences: Sentence[]; statements: Statement[];
  entities: Entity[]; quotes: Quote[]; stories: Story[]; claims: Claim[];
}
/** How much of a Digest the views show. */
export interface ViewLimits { summary_length: number; grid_rows: number; index_limit: number }
export type ErrorCode = "no_sources" | "all_empty" | "too_many_sources" | "input_too_large" | "invalid_date" | "invalid_input";
"#;

/// `weave(sources)`: `sources` is an array of `{label, text, outlet?, published?}`.
/// Returns the Digest as a plain JS object, or throws an `Error` whose `code`
/// names the problem (one of `errorCodes()`).
#[wasm_bindgen(unchecked_return_type = "Digest")]
pub fn weave(#[wasm_bindgen(unchecked_param_type = "Source[]")] sources: JsValue) -> Result<JsValue, JsValue> {
    let internal = |e: serde_wasm_bindgen::Error| js_error("internal", &e.to_string());
    LAST_WOVEN.with(|last| last.borrow_mut().take());
    let parsed = parse_sources(&sources)?;
    let digest = crate::weave(&parsed, &crate::Options::default()).map_err(|e| core_error(&e))?;
    let packed = Packed::of(&digest);
    // json_compatible: maps become plain objects, so JSON.stringify(digest) works.
    let object = WireDigest::of(&digest)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(internal)?;
    let roles = serde_wasm_bindgen::to_value(&crate::Role::ALL).map_err(internal)?;
    let sentences = js_sys::Uint32Array::from(&packed.sentences[..]);
    let statements = js_sys::Uint32Array::from(&packed.statements[..]);
    let mentions = js_sys::Uint32Array::from(&packed.mentions[..]);
    // Fails only if a source's `text` is no longer a string (a getter, a Proxy).
    unpack(&object, &sources, &roles, &sentences, &statements, &mentions).map_err(|e| {
        let message = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
        invalid(&message.unwrap_or_else(|| format!("{e:?}")))
    })?;
    LAST_WOVEN.with(|last| *last.borrow_mut() = Some(digest.into_owned()));
    Ok(object)
}

/// `markdown(sources, top?)`: the merged account as Markdown, the report the CLI prints
/// (`Digest::to_markdown`): `top` statements per story, all of them if `top` is
/// omitted. Takes `sources` and throws as `weave` does.
#[wasm_bindgen]
pub fn markdown(
    #[wasm_bindgen(unchecked_param_type = "Source[]")] sources: JsValue,
    top: Option<u32>,
) -> Result<String, JsValue> {
    let parsed = parse_sources(&sources)?;
    let digest = crate::weave(&parsed, &crate::Options::default()).map_err(|e| core_error(&e))?;
    Ok(digest.to_markdown(top.map(|n| n as usize)))
}

thread_local! {
    /// The Digest the last successful [`weave`] returned, its texts copied, so that its
    /// Markdown export ([`last_markdown`]) does not weave the sources again.
    static LAST_WOVEN: std::cell::RefCell<Option<Digest<'static>>> = const { std::cell::RefCell::new(None) };
}

/// `lastMarkdown(top?)`: the Markdown report of the Digest that the last `weave` call
/// of this module returned, without weaving again; `top` as for `markdown`. Throws
/// `no_sources` if no `weave` call has succeeded since the last failed one.
#[wasm_bindgen(js_name = lastMarkdown)]
pub fn last_markdown(top: Option<u32>) -> Result<String, JsValue> {
    LAST_WOVEN.with(|last| match last.borrow().as_ref() {
        Some(digest) => Ok(digest.to_markdown(top.map(|n| n as usize))),
        None => Err(core_error(&Error::NoSources)),
    })
}

/// The sources of a call, or an `invalid_input` error that says what is wrong.
fn parse_sources(sources: &JsValue) -> Result<Vec<Source>, JsValue> {
    // An array, not any iterable: `weave` reads the texts twice (here, and in `unpack`).
    if !js_sys::Array::is_array(sources) {
        return Err(invalid(&"not an array"));
    }
    let array: &js_sys::Array = sources.unchecked_ref();
    array
        .iter()
        .enumerate()
        .map(|(n, source)| parse_source(n, &source))
        .collect()
}

/// One source object, read field by field rather than by serde: serde's deserializer
/// brings float formatting and its error machinery into the module for what is four
/// string fields (with the integer `Megabytes` of lib.rs, 12 KB less gzipped module).
/// Other fields are ignored, as serde ignored them.
fn parse_source(n: usize, source: &JsValue) -> Result<Source, JsValue> {
    if !source.is_object() {
        return Err(invalid(&format_args!("source {n} is not an object")));
    }
    let field = |name: &str| {
        js_sys::Reflect::get(source, &JsValue::from_str(name)).map_err(|e| {
            let message = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
            invalid(&message.unwrap_or_else(|| format!("source {n}: `{name}` could not be read")))
        })
    };
    let string = |name: &str, value: JsValue| {
        value
            .as_string()
            .ok_or_else(|| invalid(&format_args!("source {n}: `{name}` is not a string")))
    };
    let required = |name: &str| {
        let value = field(name)?;
        if value.is_undefined() {
            return Err(invalid(&format_args!("source {n}: missing field `{name}`")));
        }
        string(name, value)
    };
    let optional = |name: &str| {
        let value = field(name)?;
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        string(name, value).map(Some)
    };
    Ok(Source {
        label: required("label")?,
        text: required("text")?,
        outlet: optional("outlet")?,
        published: optional("published")?,
    })
}

fn invalid(e: &dyn std::fmt::Display) -> JsValue {
    js_error(
        "invalid_input",
        &format!("sources must be an array of {{label, text}} objects: {e}"),
    )
}

// Two costs of building the Digest in JS from wasm, and how the binding avoids them:
// - Texts. The sentence, statement, mention and quote texts are slices of the sources.
//   Sent from wasm, each would be copied out of linear memory and decoded from UTF-8:
//   40,000 strings for a 1 MB input, 10 % of a call. The caller already holds the
//   sources as JS strings, so the binding sends null in their place and JS slices the
//   caller's strings (V8 shares a slice's characters with its string).
// - Values. serde-wasm-bindgen makes one call across the boundary per object, field
//   and number. Sentences, statements and mentions are most of them (1 MB: 200,000 of
//   the Digest's 280,000 values), nearly all small integers. So the binding packs
//   those lists into u32 arrays, sends each in one copy, and JS builds their objects:
//   the fields `sentences` and each entity's `mentions` arrive as counts, and
//   `statements` as the few disagreements, `[statement id, disagreements]` pairs.
#[wasm_bindgen(inline_js = r#"
export function unpack(digest, sources, roles, sentenceWords, statementWords, mentionWords) {
  const texts = sources.map((source) => source.text);
  const slice = (source, start, end) => {
    const text = texts[source];
    if (typeof text !== 'string') throw new TypeError(`source ${source} has no text`);
    return text.slice(start, end);
  };

  const sentences = [];
  for (let at = 0; at < sentenceWords.length; at += 5) {
    const source = sentenceWords[at], start = sentenceWords[at + 1], end = sentenceWords[at + 2];
    const role = roles[sentenceWords[at + 3]], statement = sentenceWords[at + 4];
    const text = slice(source, start, end);
    sentences.push({ source, start, end, text, role, statement: statement === 0 ? null : statement - 1 });
  }
  digest.sentences = sentences;

  const statements = [];
  for (let at = 0; at < statementWords.length;) {
    const id = statementWords[at], rank = statementWords[at + 1], representative = statementWords[at + 2];
    const story = statementWords[at + 3], flags = statementWords[at + 4];
    at += 5;
    const ids = [], members = [];
    for (let n = statementWords[at++]; n > 0; n -= 1) ids.push(statementWords[at++]);
    for (let n = statementWords[at++]; n > 0; n -= 1) members.push(statementWords[at++]);
    statements.push({
      id, text: sentences[representative].text, sources: ids, sentences: members, rank, representative, story,
      single_source: (flags & 1) !== 0, wording_differs: (flags & 2) !== 0,
    });
  }
  for (const [id, disagreements] of digest.statements) statements[id].disagreements = disagreements;
  digest.statements = statements;
  // A body sentence feeds its own statement, then those that list it besides (in id order).
  for (const sentence of sentences) if (sentence.statement !== null) sentence.statements = [sentence.statement];
  for (const statement of statements) {
    for (const k of statement.sentences) {
      if (sentences[k].statement !== statement.id) sentences[k].statements.push(statement.id);
    }
  }

  let at = 0;
  for (const entity of digest.entities) {
    const mentions = [];
    for (const stop = at + 3 * entity.mentions; at < stop; at += 3) {
      const source = mentionWords[at], start = mentionWords[at + 1], end = mentionWords[at + 2];
      mentions.push({ source, start, end, text: slice(source, start, end) });
    }
    entity.mentions = mentions;
  }

  for (const quote of digest.quotes) quote.text = slice(quote.source, quote.start, quote.end);
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn unpack(
        digest: &JsValue,
        sources: &JsValue,
        roles: &JsValue,
        sentence_words: &js_sys::Uint32Array,
        statement_words: &js_sys::Uint32Array,
        mention_words: &js_sys::Uint32Array,
    ) -> Result<(), JsValue>;
}

/// The packed lists, one `u32` per value:
/// - five words per sentence: source, start, end, role (its index in `Role::ALL`),
///   statement + 1 (0 for none);
/// - per statement: id, rank, representative, story, flags (1 single source,
///   2 wording differs), then the sources and the member sentences, each list
///   preceded by its length;
/// - three words per mention, entity by entity: source, start, end.
#[derive(Default)]
struct Packed {
    sentences: Vec<u32>,
    statements: Vec<u32>,
    mentions: Vec<u32>,
}

// `usize` is 32 bits on wasm32, so these `as u32` casts are exact.
impl Packed {
    fn of(digest: &Digest) -> Packed {
        let mut packed = Packed::default();
        for s in &digest.sentences {
            let statement = s.statement.map_or(0, |id| id as u32 + 1);
            packed
                .sentences
                .extend([s.source as u32, s.start as u32, s.end as u32, s.role as u32, statement]);
        }
        for s in &digest.statements {
            let flags = u32::from(s.single_source) | u32::from(s.wording_differs) << 1;
            let words = &mut packed.statements;
            words.extend([
                s.id as u32, s.rank as u32, s.representative as u32, s.story as u32, flags,
            ]);
            words.push(s.sources.len() as u32);
            words.extend(s.sources.iter().map(|&source| source as u32));
            words.push(s.sentences.len() as u32);
            words.extend(s.sentences.iter().map(|&sentence| sentence as u32));
        }
        for m in digest.entities.iter().flat_map(|e| &e.mentions) {
            packed.mentions.extend([m.source as u32, m.start as u32, m.end as u32]);
        }
        packed
    }
}

/// The Digest as the binding sends it: the fields of [`Digest`], in its order, with
/// the packed lists as counts (`sentences`, each entity's `mentions`), the statements
/// as the few disagreements (`[statement id, disagreements]` pairs), and the source
/// slices (quote texts) as null, for JS to fill in.
#[derive(Serialize)]
struct WireDigest<'d> {
    version: u32,
    sources: &'d [SourceInfo],
    sentences: usize,
    statements: Vec<(usize, &'d [Disagreement])>,
    entities: Vec<WireEntity<'d>>,
    quotes: Vec<WireQuote<'d>>,
    stories: &'d [Story],
    claims: &'d [Claim],
}

/// An [`Entity`] with its mentions as their count.
#[derive(Serialize)]
struct WireEntity<'d> {
    id: usize,
    name: &'d str,
    #[serde(rename = "type")]
    ty: EntityType,
    aliases: &'d [String],
    mentions: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'d str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    roles: &'d [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    related: Option<&'d str>,
}

/// A [`crate::Quote`] with its text as null.
#[derive(Serialize)]
struct WireQuote<'d> {
    speaker: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_role: Option<&'d str>,
    text: (),
    source: usize,
    start: usize,
    end: usize,
    group: usize,
    wording_differs: bool,
}

impl<'d> WireDigest<'d> {
    fn of(digest: &'d Digest) -> Self {
        WireDigest {
            version: digest.version,
            sources: &digest.sources,
            sentences: digest.sentences.len(),
            statements: digest
                .statements
                .iter()
                .filter(|s| !s.disagreements.is_empty())
                .map(|s| (s.id, &s.disagreements[..]))
                .collect(),
            entities: digest.entities.iter().map(WireEntity::of).collect(),
            quotes: digest
                .quotes
                .iter()
                .map(|q| WireQuote {
                    speaker: q.speaker,
                    speaker_role: q.speaker_role.as_deref(),
                    text: (),
                    source: q.source,
                    start: q.start,
                    end: q.end,
                    group: q.group,
                    wording_differs: q.wording_differs,
                })
                .collect(),
            stories: &digest.stories,
            claims: &digest.claims,
        }
    }
}

impl<'d> WireEntity<'d> {
    fn of(e: &'d Entity) -> Self {
        WireEntity {
            id: e.id,
            name: &e.name,
            ty: e.ty,
            aliases: &e.aliases,
            mentions: e.mentions.len(),
            value: e.value.as_deref(),
            roles: &e.roles,
            related: e.related.as_deref(),
        }
    }
}

/// `viewLimits()`: how much of a Digest the views show (`{summary_length, grid_rows,
/// index_limit}`), the numbers the Markdown report uses too.
#[wasm_bindgen(js_name = viewLimits, unchecked_return_type = "ViewLimits")]
pub fn view_limits() -> Result<JsValue, JsValue> {
    serde_wasm_bindgen::to_value(&crate::VIEW_LIMITS).map_err(|e| js_error("internal", &e.to_string()))
}

/// `errorCodes()`: every `code` an error thrown by `weave` or `markdown` can carry.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "ErrorCode[]")]
pub fn error_codes() -> Vec<String> {
    Error::CODES.iter().map(|c| c.to_string()).collect()
}

/// The crate version, for bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// `clearCaches()`: empties the per-word caches that `weave` keeps between calls, so the
/// next call meets every word afresh (same answer; for benchmarks).
#[wasm_bindgen(js_name = clearCaches)]
pub fn clear_caches() {
    crate::clear_caches();
}

/// Bytes of linear memory the module holds now (it only grows), for benchmarks.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}

/// A core error as a JS `Error` with its `code`.
fn core_error(e: &Error) -> JsValue {
    js_error(e.code(), &e.to_string())
}

fn js_error(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail; ignore the Result all the same.
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.into());
    error.into()
}

// Talc instead of Rust's default wasm allocator (dlmalloc): the pipeline makes many
// small short-lived allocations, and with Talc a warm weave() of the seeds is 1-3 %
// faster in Chromium and the 1 MB corpus 3 % faster in Node, for 2.5 KB more module
// (docs/BENCHMARKS.md). Pure Rust, so the wasm path stays free of C.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
