//! HTML pages as text, natively (the CLI reads `.html` files and piped pages with it).
//! The page does the same with the browser's own parser (`www/html-to-text.js`); both
//! follow the same rules, and `tests/html.rs` and `tests/e2e/html.test.mjs` hold them
//! to the same examples (`tests/html/`).
//!
//! The markup is read by html5ever's tokenizer, the HTML standard's: character
//! references, comments, attributes and the raw text of scripts and styles come out as
//! a browser reads them. Only the text is kept: scripts, styles, navigation, forms and
//! hidden elements are dropped, block elements end paragraphs, `<br>` ends a line.
//!
//! No tree is built. A tree builder finds an element's scope by walking the open
//! elements, and html5ever's took 3.7 s for 40,000 nested `<div>`s (quadratic; a
//! browser stops nesting at 512). Text needs no tree: a block's start and end both end
//! a paragraph, and a dropped element is skipped up to its matching end tag. So the cost
//! is linear in the page. Where the two readers can differ is an element dropped
//! whose end tag is implied rather than written (`<p hidden>a<p>b`): here it runs to
//! a written `</p>`.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};

/// Elements whose whole content is dropped. Not `<object>`, `<video>`, `<audio>` or
/// `<canvas>`: their content is fallback text, and one left open would take the rest of
/// the page with it.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "iframe", "embed", "svg", "math", "form", "button", "select",
    "input", "textarea", "head", "title", "meta", "link",
];

/// Start tags that close an open `<p>` (the HTML standard's "in body" rules), so the
/// text on either side is two paragraphs even where the element is not a block here.
const CLOSE_P: &[&str] = &[
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section",
    "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "li", "dd", "dt", "plaintext",
    "table", "hr", "xmp",
];

/// Start tags that end SVG or MathML content (the standard's "breakout" elements): an
/// `<svg>` left open stops at the next paragraph, as in a browser.
const BREAKOUT: &[&str] = &[
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2", "h3",
    "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s",
    "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
];

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "ul", "ol", "blockquote", "pre", "figure", "figcaption", "table", "tr", "dl", "dt", "dd", "address", "hr",
];

/// Elements that have no end tag (and no content).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
];

/// Whether `text` is an HTML document rather than plain text: it starts (after a byte
/// order mark and white space) with a doctype, `<html`, `<head` or `<body`, or with
/// a comment followed by one of those.
pub fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    while let Some(comment) = rest.strip_prefix("<!--") {
        rest = comment.split_once("-->").map_or("", |(_, after)| after).trim_start();
    }
    let head = rest.get(..14).unwrap_or(rest).to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|start| head.starts_with(start))
}

/// The text of an HTML document, one blank line between paragraphs.
pub fn to_text(html: &str) -> String {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Reader::default(), Default::default());
    // The reader never asks to pause for a script, so one feed reads everything.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut reader = tokenizer.sink.state.take();
    reader.flush();
    reader.paragraphs.join("\n\n")
}

#[derive(Default)]
struct Reader {
    state: RefCell<Text>,
}

/// A dropped element being skipped.
struct Skip {
    name: String,
    /// Elements of that name open, its own included.
    open: usize,
    /// It was opened inside a `<p>`: what closes the paragraph closes it too (a
    /// browser pops it with the `<p>`), except where it bounds the paragraph's scope.
    ends_with_paragraph: bool,
}

/// What the reader has collected so far.
#[derive(Default)]
struct Text {
    paragraphs: Vec<String>,
    current: String,
    /// While inside a dropped element: which.
    skipping: Option<Skip>,
    /// A `<p>` is open: a start tag in [`CLOSE_P`] closes it, so the text on either
    /// side is two paragraphs (as in a browser's tree).
    in_paragraph: bool,
}

impl TokenSink for Reader {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut text = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => return text.tag(&tag),
            Token::CharacterTokens(chars) if text.skipping.is_none() => text.push_collapsed(&chars),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl Text {
    /// Reads one tag; tells the tokenizer when the content that follows is raw text.
    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        // Raw text is read as text by the tokenizer, as a browser does, and dropped here.
        let raw = match name {
            "script" => Some(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
            "title" | "textarea" => Some(RawKind::Rcdata),
            _ => None,
        };
        let continue_as = match raw {
            Some(kind) if start && !tag.self_closing_honoured() => TokenSinkResult::RawData(kind),
            _ => TokenSinkResult::Continue,
        };
        if let Some(skip) = &mut self.skipping {
            let foreign = skip.name == "svg" || skip.name == "math";
            let closes_paragraph = (start && CLOSE_P.contains(&name)) || (!start && name == "p");
            let ends = (foreign && ((start && BREAKOUT.contains(&name)) || (!start && (name == "p" || name == "br"))))
                || (skip.ends_with_paragraph && closes_paragraph);
            if ends {
                // The skipped element ends here; the tag itself is read as HTML.
                self.skipping = None;
                self.in_paragraph = false;
            } else {
                if name == skip.name {
                    if start && !tag.self_closing_honoured() {
                        skip.open += 1;
                    } else if !start {
                        skip.open -= 1;
                    }
                }
                // The head ends at its end tag, or where the body visibly starts.
                let body_starts = skip.name == "head" && start && name == "body";
                if skip.open == 0 || body_starts {
                    self.skipping = None;
                }
                return continue_as;
            }
        }
        if start && self.in_paragraph && CLOSE_P.contains(&name) {
            self.flush();
            self.in_paragraph = false;
        }
        if BLOCKS.contains(&name) || (!start && name == "p") {
            self.in_paragraph = start && name == "p";
        }
        if start {
            let hidden = tag.attrs.iter().any(|a| {
                let attr: &str = &a.name.local;
                attr == "hidden" || (attr == "role" && &*a.value == "navigation")
            });
            if (DROPPED.contains(&name) || hidden) && !VOID.contains(&name) && !tag.self_closing_honoured() {
                self.skipping = Some(Skip {
                    name: name.to_string(),
                    open: 1,
                    ends_with_paragraph: self.in_paragraph && !matches!(name, "button" | "template" | "select"),
                });
                return continue_as;
            }
            match name {
                "br" => self.current.push('\n'),
                "td" | "th" => self.push_collapsed(" "), // cells of a row stay apart
                _ if BLOCKS.contains(&name) => self.flush(),
                _ => {}
            }
        } else if BLOCKS.contains(&name) {
            self.flush();
        }
        continue_as
    }

    /// Appends `text` with each run of white space as one space (as HTML renders it),
    /// runs that span two text tokens included.
    fn push_collapsed(&mut self, text: &str) {
        for c in text.chars() {
            if !c.is_whitespace() {
                self.current.push(c);
            } else if !self.current.ends_with(' ') {
                self.current.push(' ');
            }
        }
    }

    /// Ends the paragraph being collected: its lines trimmed, kept if not empty.
    fn flush(&mut self) {
        let lines: Vec<&str> = self.current.split('\n').map(str::trim).collect();
        let paragraph = lines.join("\n");
        let paragraph = paragraph.trim_matches('\n');
        if !paragraph.is_empty() {
            self.paragraphs.push(paragraph.to_string());
        }
        self.current.clear();
    }
}

/// `<x/>` closes the element only in SVG and MathML; in HTML the slash is ignored.
trait SelfClosing {
    fn self_closing_honoured(&self) -> bool;
}

impl SelfClosing for Tag {
    fn self_closing_honoured(&self) -> bool {
        self.self_closing && matches!(&*self.name, "svg" | "math")
    }
}
