//! The WebAssembly binding: a thin layer that converts JS values to core types
//! and back with `serde-wasm-bindgen`. Compiled only for `wasm32`.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{Error, Source};

// TypeScript types of the Digest (src/digest.rs) for the generated `newsweave.d.ts`.
#[wasm_bindgen(typescript_custom_section)]
const DIGEST_TYPES: &str = r#"
/** One article as the user gave it. */
export interface Source { label: string; text: string; outlet?: string; published?: string /* YYYY-MM-DD */ }
export type Role = "headline" | "body" | "dateline" | "byline" | "caption" | "credit" | "boilerplate";
export type EntityType = "PER" | "ORG" | "LOC" | "MISC" | "DATE" | "TIME" | "MONEY" | "PERCENT" | "QUANTITY";
export interface SourceInfo { index: number; label: string; title?: string; outlet?: string; published?: string }
/** Offsets are UTF-16 (String.slice) into the source text; `text` equals that slice. */
export interface Sentence { source: number; start: number; end: number; text: string; role: Role; statement: number | null }
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
  speaker: number | null; text: string; source: number; start: number; end: number;
  group: number; wording_differs: boolean;
}
export interface Digest {
  version: number; sources: SourceInfo[]; sentences: Sentence[]; statements: Statement[];
  entities: Entity[]; quotes: Quote[]; stories: Story[];
}
export type ErrorCode = "no_sources" | "all_empty" | "too_many_sources" | "input_too_large" | "invalid_date" | "invalid_input";
"#;

/// `weave(sources)`: `sources` is an array of `{label, text, outlet?, published?}`.
/// Returns the Digest as a plain JS object, or throws an `Error` whose `code`
/// names the problem (`no_sources`, `all_empty`, `too_many_sources`,
/// `input_too_large`, `invalid_date`, `invalid_input`).
#[wasm_bindgen(unchecked_return_type = "Digest")]
pub fn weave(#[wasm_bindgen(unchecked_param_type = "Source[]")] sources: JsValue) -> Result<JsValue, JsValue> {
    let invalid = |e: &dyn std::fmt::Display| {
        js_error(
            "invalid_input",
            &format!("sources must be an array of {{label, text}} objects: {e}"),
        )
    };
    // An array, not any iterable: the texts are read twice (here, and by `fill_texts`).
    if !js_sys::Array::is_array(&sources) {
        return Err(invalid(&"not an array"));
    }
    let parsed: Vec<Source> = serde_wasm_bindgen::from_value(sources.clone()).map_err(|e| invalid(&e))?;
    let digest = crate::weave(&parsed).map_err(|e| js_error(code(&e), &e.to_string()))?;
    let object = {
        let _omitted = OmitSourceTexts::start();
        // json_compatible: maps become plain objects, so JSON.stringify(digest) works.
        digest
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| js_error("internal", &e.to_string()))?
    };
    // Fails only if a source's `text` is no longer a string (a getter, a Proxy).
    fill_texts(&object, &sources).map_err(|e| {
        let message = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
        invalid(&message.unwrap_or_else(|| format!("{e:?}")))
    })?;
    Ok(object)
}

// The Digest's sentence, statement, mention and quote texts are slices of the sources.
// Sent from wasm, each would be copied out of linear memory and decoded from UTF-8:
// 40,000 strings for a 1 MB input, 10 % of a call (more in Chromium, whose TextDecoder
// costs more per string). The caller already holds the sources as JS strings, so the
// binding sends null in their place and JS slices the caller's strings (V8 shares a
// slice's characters with its string rather than copying them).
#[wasm_bindgen(inline_js = r#"
export function fill_texts(digest, sources) {
  const texts = sources.map((source) => source.text);
  const slice = (item) => {
    const text = texts[item.source];
    if (typeof text !== 'string') throw new TypeError(`source ${item.source} has no text`);
    item.text = text.slice(item.start, item.end);
  };
  digest.sentences.forEach(slice);
  for (const statement of digest.statements) statement.text = digest.sentences[statement.representative].text;
  for (const entity of digest.entities) entity.mentions.forEach(slice);
  digest.quotes.forEach(slice);
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn fill_texts(digest: &JsValue, sources: &JsValue) -> Result<(), JsValue>;
}

thread_local! {
    /// True while [`weave`] serialises a Digest: its source slices go as null.
    static OMITTING_SOURCE_TEXTS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// While alive, source slices are serialised as null (for `fill_texts` to fill);
/// dropped, even on an error, they are serialised as themselves again. Any other
/// serialisation (`serde_json` in a test, say) gives the texts.
struct OmitSourceTexts;

impl OmitSourceTexts {
    fn start() -> Self {
        OMITTING_SOURCE_TEXTS.with(|flag| flag.set(true));
        OmitSourceTexts
    }
}

impl Drop for OmitSourceTexts {
    fn drop(&mut self) {
        OMITTING_SOURCE_TEXTS.with(|flag| flag.set(false));
    }
}

/// Serialises a Digest text that is a slice of a source (`serialize_with` in
/// `digest.rs`): as null while the binding omits them, as the text otherwise.
pub(crate) fn source_text<S: serde::Serializer>(text: &&str, serializer: S) -> Result<S::Ok, S::Error> {
    if OMITTING_SOURCE_TEXTS.with(|flag| flag.get()) {
        serializer.serialize_unit()
    } else {
        serializer.serialize_str(text)
    }
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

fn code(e: &Error) -> &'static str {
    match e {
        Error::NoSources => "no_sources",
        Error::AllEmpty => "all_empty",
        Error::TooManySources { .. } => "too_many_sources",
        Error::InputTooLarge { .. } => "input_too_large",
        Error::InvalidDate { .. } => "invalid_date",
    }
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
