//! Stage 1, clean: split a pasted page into paragraphs and give each a [`Role`].
//!
//! Pasted pages mix the article with menus, bylines, captions, related-story
//! teasers and footers. We classify paragraph by paragraph with explicit patterns
//! first (bylines, credits, navigation words, copyright lines), then by shape and
//! context in the spirit of jusText: long, sentence-like paragraphs are body; short
//! ones take their role from where they stand. Metadata (title, outlet, byline
//! date) is read off the paragraphs that carry it.

use serde::Serialize;

use crate::lexicon::dates::{find_full_date, month_number, weekday_number, Date};
use crate::text::{contains_any, fold, Span};

/// What a stretch of a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The article's title.
    Headline,
    /// The article's own text: what statements are made of.
    Body,
    /// A place and date line ("TOKYO, Nov 1 (Reuters) -").
    Dateline,
    /// Who wrote it, and when ("By Jane Doe", "Updated 6:42 PM ET").
    Byline,
    /// A photo or video caption.
    Caption,
    /// A photo or agency credit ("Photo: Reuters").
    Credit,
    /// Page furniture: menus, related links, sharing buttons, footers.
    Boilerplate,
}

impl Role {
    /// Every role, each at the index of its discriminant (`role as usize`). The wasm
    /// binding sends roles as these indices.
    pub const ALL: [Role; 7] = [
        Role::Headline,
        Role::Body,
        Role::Dateline,
        Role::Byline,
        Role::Caption,
        Role::Credit,
        Role::Boilerplate,
    ];
}

/// A paragraph (or the dateline prefix of one) with its role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    pub role: Role,
}

/// One source after cleaning.
#[derive(Debug, Default)]
pub struct Cleaned {
    /// Non-blank paragraphs in text order; together they cover every non-blank character.
    pub blocks: Vec<Block>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<Date>,
}

/// Words that make a paragraph body by its size alone (unless it is marked otherwise:
/// a byline, a caption, a related-stories zone); shorter ones are body only as
/// sentences among body text.
const BODY_WORDS: usize = 6;

/// Classifies the paragraphs of one source and extracts its metadata.
pub fn clean(text: &str) -> Cleaned {
    let paragraphs = paragraphs(text);
    let counts: Vec<usize> = paragraphs.iter().map(|p| word_count(p.of(text))).collect();
    let long: Vec<bool> = paragraphs
        .iter()
        .zip(&counts)
        .map(|(p, &n)| is_long(p.of(text), n))
        .collect();
    let mut kinds: Vec<Kind> = paragraphs
        .iter()
        .zip(&counts)
        .map(|(p, &n)| first_look(p.of(text), n))
        .collect();
    mark_related_zones(text, &paragraphs, &long, &mut kinds);
    mark_duplicates_as_captions(text, &paragraphs, &counts, &long, &mut kinds);
    let mut out = Cleaned::default();
    let set_aside = logo_lines(text, &paragraphs, &counts, &long, &kinds);
    // A paste of a sentence or two ("Borrell heads to South Korea.") has no paragraph
    // long enough to be body by size; then its short sentences are the body, not page
    // furniture (a menu line rarely ends a sentence).
    let no_body_by_size =
        !(0..paragraphs.len()).any(|i| kinds[i] == Kind::Text && (long[i] || counts[i] >= BODY_WORDS));
    let mut seen_body = false;
    for (i, (para, kind)) in paragraphs.iter().zip(&kinds).enumerate() {
        let s = para.of(text);
        let words = counts[i];
        let role = match *kind {
            Kind::Explicit(role) => role,
            Kind::Text => {
                if long[i] {
                    Role::Body
                } else if set_aside.contains(&i) {
                    Role::Boilerplate // a site's name or tagline above the headline
                } else if let Some(date) = (!seen_body).then(|| dated_dateline(s, words)).flatten() {
                    // Before the headline test: "AL-AIN, United Arab Emirates 1996-12-06".
                    out.published = out.published.or(Some(date));
                    Role::Dateline
                } else if !seen_body && out.title.is_none() && !ends_sentence(s) && (3..=25).contains(&words) {
                    out.title = Some(s.to_string());
                    Role::Headline
                } else if !seen_body && is_dateline_line(s) {
                    Role::Dateline
                } else if seen_body
                    && !ends_sentence(s)
                    && !introduces(s, words)
                    && next_is_long(&long, &kinds, i)
                    && words <= 20
                {
                    Role::Headline // a subheading between body paragraphs
                } else if words >= BODY_WORDS || ((seen_body || no_body_by_size) && words >= 2 && ends_sentence(s)) {
                    Role::Body // "He declined to comment." between body paragraphs, or all there is
                } else {
                    Role::Boilerplate
                }
            }
        };
        match role {
            Role::Byline if out.published.is_none() => out.published = byline_date(s),
            Role::Credit if out.outlet.is_none() => out.outlet = outlet_of_credit(s),
            _ => {}
        }
        if role == Role::Body {
            if let Some(cut) = dateline_prefix(s) {
                // "WASHINGTON (Reuters) -", "Washington (CNN)": the agency in brackets.
                if out.outlet.is_none() {
                    out.outlet = bracketed_outlet(&s[..cut]);
                }
                let dateline = Span::new(para.start, para.start + cut).trimmed(text);
                let rest = Span::new(para.start + cut, para.end).trimmed(text);
                out.blocks.push(Block {
                    span: dateline,
                    role: Role::Dateline,
                });
                if !rest.is_empty() {
                    out.blocks.push(Block {
                        span: rest,
                        role: Role::Body,
                    });
                }
                seen_body = true;
                continue;
            }
            seen_body = true;
        }
        out.blocks.push(Block { span: *para, role });
    }
    // A site's name above the headline names the outlet when nothing else does.
    if out.outlet.is_none() {
        out.outlet = set_aside
            .first()
            .map(|&i| paragraphs[i].of(text).trim())
            .filter(|name| looks_like_a_name(name))
            .map(str::to_string);
    }
    out
}

/// The lines above the headline that are the site's name, its tagline or the like
/// ("The Morning Ledger", "Truth Matters Every Day"): short lines of up to four words
/// that would take the headline's place, when a longer headline follows them before
/// the article starts. Returns their indices, in order.
fn logo_lines(text: &str, paragraphs: &[Span], counts: &[usize], long: &[bool], kinds: &[Kind]) -> Vec<usize> {
    let mut candidates = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if kinds[i] != Kind::Text {
            continue;
        }
        let s = p.of(text);
        if long[i] || (ends_sentence(s) && counts[i] >= BODY_WORDS) {
            break; // the article has started
        }
        if dated_dateline(s, counts[i]).is_some() || ends_sentence(s) || !(3..=25).contains(&counts[i]) {
            continue;
        }
        if counts[i] > 4 {
            // The headline: the short lines before it, if any, are the site's.
            return if candidates.is_empty() { Vec::new() } else { candidates };
        }
        candidates.push(i);
    }
    Vec::new()
}

/// Every word capitalised (or a short joining word): a name, not a sentence.
fn looks_like_a_name(s: &str) -> bool {
    s.split_whitespace().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || ["of", "the", "and", "&", "de", "la", "du", "der"].contains(&w)
    })
}

/// The agency named in brackets at the end of a dateline ("(Reuters)"), if any.
fn bracketed_outlet(dateline: &str) -> Option<String> {
    let t = dateline.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '—' | '–'));
    let inside = t.strip_suffix(')')?;
    let name = inside[inside.rfind('(')? + 1..].trim();
    (!name.is_empty() && name.len() <= 40 && looks_like_a_name(name)).then(|| name.to_string())
}

/// The date a byline gives: the one after "Published" when it says when the article
/// was both updated and published, else the first full date.
fn byline_date(s: &str) -> Option<Date> {
    let lower = fold(s);
    lower
        .find("published")
        .and_then(|at| find_full_date(&lower[at..]))
        .or_else(|| find_full_date(&lower))
}

/// The role a paragraph gets from its own text, before context is considered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Explicit(Role),
    /// Marks the start of a related-stories block ("READ ALSO").
    Text,
}

const RELATED_MARKERS: &[&str] = &[
    "read also", "also read", "read more", "related", "related articles", "related stories", "related news",
    "related content", "more from", "more stories", "more news", "you may also like", "you might also like",
    "recommended", "recommended for you", "see also", "most read", "most popular", "trending", "more on this story",
    "latest news", "top stories",
];

const NAV_WORDS: &[&str] = &[
    "menu", "home", "search", "subscribe", "advertise", "magazine", "current issue", "newsletter", "sign in", "log in",
    "login", "register", "share", "share this", "tweet", "email", "print", "comments", "skip to content",
    "skip to main content", "advertisement", "sponsored", "close", "back to top", "follow us", "market indices",
    "cookies", "accept", "more", "next", "previous", "world", "europe", "business", "politics", "sports", "opinion",
    "video", "videos", "podcasts", "contact", "contact us", "about us", "view past issues", "digital edition",
];

const NAV_PHRASES: &[&str] = &[
    "digital edition", "view past issues", "subscribe to", "sign up for", "follow us on", "click here",
    "privacy policy", "terms of use", "terms of service", "cookie policy", "powered by", "all rights reserved",
];

const NAV_PREFIXES: &[&str] = &[
    "edition:", "home »", "home >", "home /", "home |", "powered by", "all contents", "tags:", "topics:", "share on",
    "image source", "listen to this", "advertisement", "subscribe", "sign up", "follow us",
];

const CREDIT_PREFIXES: &[&str] = &[
    "*first published",
    "first published",
    "originally published",
    "(transcribed from",
    "transcribed from",
    "this article first appeared",
    "this story first appeared",
    "this article was first published",
    "this article originally appeared",
    "(source:",
    "source:",
    "(reporting by",
    "reporting by",
];

const CAPTION_MARKS: &[&str] = &[
    "(l)", "(r)", "(c)", "(left)", "(right)", "(center)", "(centre)", "getty images", "photo by", "photo credit",
    "file photo", "/ afp", "/afp", "(photo", "[photo", "photo:",
];

fn first_look(s: &str, words: usize) -> Kind {
    let lower = fold(s);
    let lower = lower.trim_matches(|c: char| c.is_whitespace());
    let bare = lower.trim_end_matches(':').trim();
    let short = words <= 12 && !ends_sentence(s);
    if RELATED_MARKERS.contains(&bare) {
        return Kind::Explicit(Role::Boilerplate); // the zone after it is marked by `mark_related_zones`
    }
    if RELATED_MARKERS
        .iter()
        .any(|m| lower.starts_with(m) && lower[m.len()..].starts_with(':'))
    {
        return Kind::Explicit(Role::Boilerplate); // "Read also: <teaser>"
    }
    if CREDIT_PREFIXES.iter().any(|p| lower.starts_with(p)) && words <= 20 {
        return Kind::Explicit(Role::Credit);
    }
    if PRINT_NOTES.iter().any(|p| lower.starts_with(p)) || is_photo_credit(s, words) {
        return Kind::Explicit(Role::Credit);
    }
    if is_byline(lower, words) {
        return Kind::Explicit(Role::Byline);
    }
    if ends_in_a_credit(s) {
        return Kind::Explicit(Role::Caption); // "…at the Capitol.CreditAna Ruiz/Reuters"
    }
    let footer_sized = words <= 30;
    if (footer_sized && contains_any(lower, &["©", "copyright"])) || NAV_PREFIXES.iter().any(|p| lower.starts_with(p))
    {
        return Kind::Explicit(Role::Boilerplate);
    }
    if short && (NAV_WORDS.contains(&bare) || contains_any(lower, NAV_PHRASES) || is_breadcrumb(lower)) {
        return Kind::Explicit(Role::Boilerplate);
    }
    if short && letter_ratio(s) < 0.5 {
        return Kind::Explicit(Role::Boilerplate); // "04/2021 2021", "| | |"
    }
    if contains_any(lower, CAPTION_MARKS) || lower.starts_with("image:") {
        return Kind::Explicit(Role::Caption);
    }
    Kind::Text
}

/// Notes on where an article appeared, however long ("A version of this article
/// appears in print on …").
const PRINT_NOTES: &[&str] = &[
    "a version of this article appears in print",
    "a version of this article appeared in print",
    "a version of this story appears in print",
];

/// Words that open a line stamping when the article was published or changed
/// ("Updated 6:42 PM ET, Fri April 6, 2018", "Published April 6, 2018 at 10:12 a.m.").
const STAMPS: &[&str] = &["updated", "published", "last updated", "posted", "last modified"];

fn is_byline(lower: &str, words: usize) -> bool {
    let starts_by = words <= 16 && (lower.starts_with("by ") || lower.starts_with("by:"));
    let dated = words <= 16
        && contains_any(
            lower,
            &[
                "posted:", "posted on", "published:", "published on", "updated:", "updated on",
            ],
        );
    let stamped = words <= 24
        && STAMPS
            .iter()
            .any(|p| lower.starts_with(p) && !lower[p.len()..].starts_with(|c: char| c.is_alphanumeric()));
    starts_by || ((dated || stamped) && find_full_date(lower).is_some()) || is_date_line(lower, words)
}

/// A line that is only a date, with perhaps its weekday and time ("April 6, 2018",
/// "Fri 6 Apr 2018 18.42 BST"): the article's date, set apart from the text.
fn is_date_line(lower: &str, words: usize) -> bool {
    if words > 8 || ends_sentence(lower) || find_full_date(lower).is_none() {
        return false;
    }
    let other = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !(w.bytes().all(|b| b.is_ascii_digit())
                || month_number(w).is_some()
                || weekday_number(w).is_some()
                || [
                    "am", "pm", "a", "p", "m", "at", "et", "edt", "est", "gmt", "bst", "utc", "cet", "cest", "pt",
                    "pdt", "pst",
                ]
                .contains(w))
        })
        .count();
    other == 0
}

/// Agencies and picture libraries whose name ends a photo credit.
const PICTURE_CREDITS: &[&str] = &[
    "reuters", "getty images", "associated press", "ap", "afp", "epa", "shutterstock", "alamy", "bloomberg", "xinhua",
    "the new york times", "the washington post", "pool", "handout",
];

/// The words of a credit: a photographer and an agency ("Ana Ruiz/Reuters"), or an
/// agency or library alone ("Getty Images"). At most eight words, not a sentence.
fn is_credit_text(t: &str) -> bool {
    let t = t.trim();
    let words = word_count(t);
    if words == 0 || words > 8 || ends_sentence(t) {
        return false;
    }
    let lower = fold(t);
    t.contains('/') || PICTURE_CREDITS.iter().any(|c| lower.ends_with(c))
}

/// A photo credit on its own line: "CreditAna Ruiz/Reuters", "Credit: Getty Images",
/// "Photo: Ana Ruiz/Reuters" (and not "Credit Suisse said…").
fn is_photo_credit(s: &str, words: usize) -> bool {
    if words > 10 {
        return false;
    }
    let t = s.trim();
    ["Credit", "CREDIT", "Photograph", "Photo"].iter().any(|p| {
        t.strip_prefix(p).is_some_and(|rest| {
            let glued = rest.starts_with(|c: char| c.is_uppercase());
            let rest = rest.trim_start_matches([':', ' ']);
            (glued || rest.len() < t.len() - p.len()) && is_credit_text(rest)
        })
    })
}

/// A caption that ends in its photo credit: glued on by the page's markup
/// ("…at the Capitol.CreditAna Ruiz/Reuters") or in brackets ("… on Friday. (Jon
/// Reyes/The Capital Post)", "(AP Photo/Evan Vucci)").
fn ends_in_a_credit(s: &str) -> bool {
    let t = s.trim_end();
    if let Some(inside) = t.strip_suffix(')') {
        if let Some(open) = inside.rfind('(') {
            let credit = &inside[open + 1..];
            let before = inside[..open].trim_end();
            if !before.is_empty() && credit.contains('/') && is_credit_text(credit) {
                return true;
            }
        }
    }
    t.match_indices("Credit").any(|(at, _)| {
        let before = t[..at].trim_end();
        let after = &t[at + "Credit".len()..];
        at > 0
            && before.ends_with(['.', '!', '?', '”', '"', '’', ')'])
            && after
                .trim_start_matches([':', ' '])
                .starts_with(|c: char| c.is_uppercase())
            && is_credit_text(after.trim_start_matches([':', ' ']))
    })
}

fn is_breadcrumb(lower: &str) -> bool {
    lower.contains(" » ") || lower.contains(" › ") || lower.matches(" | ").count() >= 2
}

fn letter_ratio(s: &str) -> f32 {
    let total = s.chars().filter(|c| !c.is_whitespace()).count().max(1);
    s.chars().filter(|c| c.is_alphabetic()).count() as f32 / total as f32
}

fn outlet_of_credit(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_start_matches(['*', '('])
        .trim_end_matches([')', '.', '*'])
        .trim();
    let lower = fold(t);
    if PRINT_NOTES.iter().any(|p| lower.starts_with(p)) {
        return None; // its colon introduces the print headline, not an outlet
    }
    let cut = match t.find(':') {
        Some(i) => i + 1,
        None => [" from ", " in ", " on ", " by "]
            .iter()
            .filter_map(|w| lower.find(w).map(|i| i + w.len()))
            .min()?,
    };
    let outlet = t.get(cut..)?.trim();
    (!outlet.is_empty()).then(|| outlet.to_string())
}

/// A sentence that ends in a colon to introduce what follows ("Mr Gunness disagreed
/// with the minister:"): body, not a subheading. A short one ("What we know:") may be
/// either, and stays a subheading.
fn introduces(s: &str, words: usize) -> bool {
    words >= BODY_WORDS && s.trim_end().ends_with(':')
}

/// Sentence-final punctuation at the end, possibly inside closing quotes or brackets,
/// spaced or not (`happen. "`, as tokenised text prints it).
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || ['"', '\'', '”', '’', ')', ']', '»', '*'].contains(&c));
    t.ends_with(['.', '!', '?', '…', ';'])
}

fn word_count(s: &str) -> usize {
    if !s.is_ascii() {
        return s
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
    }
    // The same count by bytes (most paragraphs are ASCII). The white space is
    // `char::is_whitespace`'s: it includes the vertical tab that `u8::is_ascii_whitespace` does not.
    let mut count = 0;
    let mut counted = false; // the current word has a letter or digit, and was counted
    for &b in s.as_bytes() {
        if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            counted = false;
        } else if !counted && b.is_ascii_alphanumeric() {
            counted = true;
            count += 1;
        }
    }
    count
}

/// Long and sentence-like (`n` words): what body paragraphs look like.
fn is_long(s: &str, n: usize) -> bool {
    (n >= 12 && ends_sentence(s)) || n >= 20
}

fn next_is_long(long: &[bool], kinds: &[Kind], i: usize) -> bool {
    long.get(i + 1) == Some(&true) && kinds[i + 1] == Kind::Text
}

/// "TOKYO", "WASHINGTON, D.C.": a short line of capitals naming a place.
fn is_dateline_line(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3
        && s.len() <= 40
        && word_count(s) <= 4
        && letters.iter().all(|c| c.is_uppercase())
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | ',' | '.' | '-' | '\''))
}

/// The date of a wire service's dateline line: a place opened by a word in capitals,
/// then the full date, ending the line ("LONDON 1996-08-30", "AL-AIN, United Arab
/// Emirates 1996-12-06", as in Reuters copy). The date is the story's: relative dates
/// resolve against it.
fn dated_dateline(s: &str, words: usize) -> Option<Date> {
    if !(2..=8).contains(&words) || ends_sentence(s) {
        return None;
    }
    let first = s
        .split(|c: char| !c.is_alphabetic() && c != '-')
        .find(|w| !w.is_empty())?;
    let letters = first.chars().filter(|c| c.is_alphabetic());
    if letters.clone().count() < 2 || !letters.clone().all(char::is_uppercase) || !s.starts_with(first) {
        return None;
    }
    let date = find_full_date(s)?;
    // The date ends the line: its year or ISO form is the last word.
    let last = s.split_whitespace().next_back()?.trim_end_matches([',', ')']);
    (last.contains(&date.year.to_string()) && last.bytes().all(|b| b.is_ascii_digit() || b == b'-')).then_some(date)
}

/// Byte length of a "TOKYO —" / "PARIS (AFP) -" prefix at the start of a body paragraph.
fn dateline_prefix(s: &str) -> Option<usize> {
    // A dash past byte 60 is not a dateline's: search the paragraph's start only.
    let mut end = s.len().min(60 + " — ".len());
    while !s.is_char_boundary(end) {
        end += 1;
    }
    let start = &s[..end];
    // Most paragraphs have no dash near their start: rule them out by bytes before five
    // string searches (checking 0xE2 alone let in every curly quote and apostrophe).
    let bytes = start.as_bytes();
    let em_or_en_dash = |w: &[u8]| w[0] == 0xE2 && w[1] == 0x80 && matches!(w[2], 0x93 | 0x94);
    if !bytes.contains(&b'-') && !bytes.windows(3).any(em_or_en_dash) {
        return bracket_dateline(s);
    }
    for dash in [" — ", " – ", " - ", "— ", "– "] {
        if let Some(i) = start.find(dash) {
            if i == 0 || i > 60 {
                continue;
            }
            let head = &s[..i];
            let caps: Vec<&str> = head
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .collect();
            let first_is_caps = caps
                .first()
                .is_some_and(|w| w.chars().count() >= 2 && w.chars().all(char::is_uppercase));
            if first_is_caps && word_count(head) <= 8 && !ends_sentence(head) {
                return Some(i + dash.len());
            }
        }
    }
    bracket_dateline(s)
}

/// Byte length of a dateline that ends in an agency in brackets, with no dash, as a
/// page's markup glues it to the text: "Washington (CNN)The Senate…", "(Reuters) The…".
/// The place is a few capitalised words (or none), the agency a name of up to four
/// words, and the text goes on with a capital letter or a quotation mark.
fn bracket_dateline(s: &str) -> Option<usize> {
    let open = s
        .char_indices()
        .take_while(|&(i, _)| i < 48)
        .find(|&(_, c)| c == '(')?
        .0;
    let close = open
        + s[open..]
            .char_indices()
            .take_while(|&(i, _)| i < 32)
            .find(|&(_, c)| c == ')')?
            .0;
    let place = s[..open].trim();
    let agency = s[open + 1..close].trim();
    let after = &s[close + 1..];
    // A dash after the brackets belongs to the dateline: "(Reuters) - Oil prices…".
    let rest = after.trim_start_matches([' ', '-', '–', '—']);
    let cut = close + 1 + (after.len() - rest.len());
    let place_ok = place.is_empty()
        || (word_count(place) <= 4 && !ends_sentence(place) && looks_like_a_name(place.trim_end_matches(',')));
    let agency_ok = (1..=4).contains(&word_count(agency)) && looks_like_a_name(agency);
    let goes_on = rest.starts_with(|c: char| c.is_uppercase() || matches!(c, '"' | '“' | '‘'));
    (place_ok && agency_ok && goes_on).then_some(cut)
}

/// Paragraphs: non-blank lines, with hard-wrapped lines joined back together.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut blank_before = true;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = Span::new(offset, offset + raw.len()).trimmed(text);
        offset += raw.len();
        if line.is_empty() {
            blank_before = true;
            continue;
        }
        let joins = !blank_before && out.last().is_some_and(|prev| is_wrapped(prev.of(text), line.of(text)));
        match out.last_mut() {
            Some(prev) if joins => prev.end = line.end,
            _ => out.push(line),
        }
        blank_before = false;
    }
    out
}

/// True when a line break looks like hard wrapping inside one paragraph.
fn is_wrapped(prev: &str, next: &str) -> bool {
    if ends_sentence(prev) || prev.ends_with(':') {
        return false;
    }
    let next_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
    let prev_dangling = prev.ends_with([',', '-'])
        // The last word only: a long joined paragraph must not be rescanned per line.
        || crate::text::tail(prev, 16).rsplit(char::is_whitespace).next().is_some_and(|w| {
            [
                "the", "a", "an", "of", "and", "to", "in", "for", "with", "on", "at", "by", "that",
            ]
            .contains(&w)
        });
    next_lower || prev_dangling
}

/// A paragraph repeated verbatim inside one source (an image caption echoing the
/// body, a pull quote) keeps its body role at one occurrence only: the one whose
/// neighbours are body text. The other copies are set aside as captions.
fn mark_duplicates_as_captions(text: &str, paragraphs: &[Span], counts: &[usize], long: &[bool], kinds: &mut [Kind]) {
    use std::collections::HashMap;
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if kinds[i] == Kind::Text && counts[i] >= BODY_WORDS {
            groups.entry(p.of(text)).or_default().push(i);
        }
    }
    let mut repeated: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    crate::sort::sort(&mut repeated);
    for group in repeated {
        let is_body_neighbour =
            |j: usize| !group.contains(&j) && kinds.get(j) == Some(&Kind::Text) && long.get(j) == Some(&true);
        let body_neighbours =
            |i: usize| i.checked_sub(1).is_some_and(is_body_neighbour) as u8 + is_body_neighbour(i + 1) as u8;
        let keep = group
            .iter()
            .copied()
            .max_by_key(|&i| (body_neighbours(i), i))
            .unwrap_or(group[0]);
        for &i in &group {
            if i != keep {
                kinds[i] = Kind::Explicit(Role::Caption);
            }
        }
    }
}

/// After a stand-alone "READ ALSO"-style marker, everything is teaser material until
/// the article visibly resumes: three long body paragraphs in a row, or one long
/// paragraph that ends as a sentence does. Teasers are headlines and ledes cut short
/// ("… will control all its borders from November 1"); a whole sentence after them is
/// the article again (a page's last paragraph after a "Read also" box was lost before).
fn mark_related_zones(text: &str, paragraphs: &[Span], long: &[bool], kinds: &mut [Kind]) {
    const LONGEST_MARKER: usize = 40;
    let mut i = 0;
    while i < paragraphs.len() {
        if paragraphs[i].end - paragraphs[i].start > LONGEST_MARKER {
            i += 1;
            continue;
        }
        let bare = fold(paragraphs[i].of(text));
        let bare = bare.trim().trim_end_matches(':').trim();
        if !RELATED_MARKERS.contains(&bare) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < paragraphs.len() {
            let body = |k: usize| long.get(k) == Some(&true) && kinds[k] == Kind::Text;
            let resumes = (j..j + 3).all(body) || (body(j) && ends_sentence(paragraphs[j].of(text)));
            if resumes {
                break;
            }
            if kinds[j] == Kind::Text {
                kinds[j] = Kind::Explicit(Role::Boilerplate);
            }
            j += 1;
        }
        i = j;
    }
}

/// Every word of every block: used by tests to check that nothing is lost.
#[cfg(test)]
fn covered_words(text: &str, blocks: &[Block]) -> usize {
    use crate::text::words;
    blocks.iter().map(|b| words(text, b.span).len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_is_listed_at_its_discriminant() {
        for (index, role) in Role::ALL.iter().enumerate() {
            assert_eq!(*role as usize, index);
            // A new variant stops this match compiling: list it in `Role::ALL` too.
            match role {
                Role::Headline | Role::Body | Role::Dateline | Role::Byline => {}
                Role::Caption | Role::Credit | Role::Boilerplate => {}
            }
        }
    }

    #[test]
    fn word_count_by_bytes_agrees_with_the_unicode_count() {
        let unicode = |s: &str| {
            s.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        for s in [
            "", " ", "one", "one two", "  lead and trail  ", "a - b -- c", "x\u{0b}y\u{0c}z\r\nw\tv", "-- ... !!",
            "3 cats, 2 dogs.", "(AFP) -", "word\u{0b}", "e-mail co-op",
        ] {
            assert_eq!(word_count(s), unicode(s), "{s:?}");
        }
        assert_eq!(word_count("caf\u{e9} ol\u{e9}"), 2); // not ASCII: the Unicode path
    }

    fn roles(text: &str) -> Vec<(Role, String)> {
        clean(text)
            .blocks
            .iter()
            .map(|b| (b.role, b.span.of(text).to_string()))
            .collect()
    }

    #[test]
    fn line_roles() {
        use Role::*;
        let cases: &[(&str, Role)] = &[
            ("Edition: International | Greek", Boilerplate),
            ("MENU", Boilerplate),
            ("Home » World", Boilerplate),
            ("READ ALSO", Boilerplate),
            ("Subscribe", Boilerplate),
            (
                "All contents © Copyright EMG Strategic Consulting Ltd. 1997-2024. All Rights Reserved",
                Boilerplate,
            ),
            ("By: EBR - Posted: Friday, November 1, 2024", Byline),
            ("*first published in: Euractiv.com", Credit),
            ("(Transcribed from Taiwan Central Broadcasting Station)", Credit),
            (
                "EU foreign policy chief Josep Borrell (L) and Japan's Foreign Minister Takeshi Iwaya (R) pose.",
                Caption,
            ),
        ];
        for (line, role) in cases {
            let text = format!("Headline of the story here\n\n{line}\n\nThe body paragraph says something long enough to count as a real sentence of news.");
            let got = roles(&text);
            assert_eq!(got[1].0, *role, "{line}");
        }
    }

    #[test]
    fn a_short_paste_is_body_when_nothing_else_is() {
        use Role::*;
        let cases: &[(&str, &[Role])] = &[
            ("Borrell met Iwaya in Tokyo.", &[Body]),
            ("Borrell heads to South Korea.\n\nHe met Iwaya.", &[Body, Body]),
            ("Borrell heads to South Korea", &[Headline]),
            (
                "MENU\n\nHome » World\n\nBorrell met Iwaya.",
                &[Boilerplate, Boilerplate, Body],
            ),
            // With a real body, a short line before it stays furniture.
            (
                "Sign in now.\n\nBorrell met Iwaya in Tokyo on Friday to launch a pact.",
                &[Boilerplate, Body],
            ),
        ];
        for (text, expected) in cases {
            let got: Vec<Role> = roles(text).iter().map(|r| r.0).collect();
            assert_eq!(&got, expected, "{text:?}");
        }
    }

    #[test]
    fn metadata() {
        let text = "Japan, EU to announce new defence pact\n\nBy: EBR - Posted: Friday, November 1, 2024\n\nTOKYO — Japan and the EU announced a pact on Friday that both sides called historic and timely.\n\n*first published in: Euractiv.com";
        let c = clean(text);
        assert_eq!(c.title.as_deref(), Some("Japan, EU to announce new defence pact"));
        assert_eq!(c.published.map(|d| d.iso()).as_deref(), Some("2024-11-01"));
        assert_eq!(c.outlet.as_deref(), Some("Euractiv.com"));
        let r = roles(text);
        assert_eq!(r[2], (Role::Dateline, "TOKYO —".to_string()));
        assert_eq!(r[3].0, Role::Body);
        assert!(r[3].1.starts_with("Japan and the EU"));
    }

    #[test]
    fn dated_dateline_lines() {
        for (line, date) in [
            ("LONDON 1996-08-30", Some("1996-08-30")),
            ("AL-AIN, United Arab Emirates 1996-12-06", Some("1996-12-06")),
            ("WASHINGTON, DC, April 28, 2009", Some("2009-04-28")),
            ("INDONESIA, July 2, 2013", Some("2013-07-02")),
            ("Strong earthquake hits Aceh on July 2, 2013", None), // no capitals first
            ("TOKYO talks end on July 2, 2013 with a pact", None), // the date does not end it
            ("LONDON 1996-08-30.", None),                          // a sentence
            ("LONDON", None),
        ] {
            let got = dated_dateline(line, word_count(line)).map(|d| d.iso());
            assert_eq!(got.as_deref(), date, "{line}");
        }
        let c = clean("INDONESIA, July 2, 2013\n\nStrong earthquake hits Indonesia's Aceh province\n\nA strong earthquake struck Indonesia's Aceh province on Tuesday, killing at least one person and injuring dozens, officials said.");
        assert_eq!(c.blocks[0].role, Role::Dateline);
        assert_eq!(
            c.title.as_deref(),
            Some("Strong earthquake hits Indonesia's Aceh province")
        );
        assert_eq!(c.published.map(|d| d.iso()).as_deref(), Some("2013-07-02"));
    }

    #[test]
    fn dateline_prefixes_by_dash() {
        for (paragraph, prefix) in [
            ("TOKYO — Japan and the EU signed a pact.", Some("TOKYO — ")),
            ("SEOUL – South Korea said so.", Some("SEOUL – ")),
            ("PARIS (AFP) - France agreed.", Some("PARIS (AFP) - ")),
            ("“We live in a very dangerous world,” Borrell’s aide said.", None),
            ("The pact — the first of its kind — was signed.", None),
            ("", None),
        ] {
            assert_eq!(
                dateline_prefix(paragraph).map(|n| &paragraph[..n]),
                prefix,
                "{paragraph}"
            );
        }
    }

    #[test]
    fn lone_dateline_and_subheading() {
        let long =
            "Borrell and his Japanese counterpart unveiled the pact to develop cooperation on joint military drills.";
        let text = format!("Japan and EU announce new defense pact\n\nTOKYO\n\n{long}\n\nBorrell condemns missile launch\n\n{long} Again.");
        let r = roles(&text);
        assert_eq!(r[1].0, Role::Dateline);
        assert_eq!(r[3].0, Role::Headline);
    }

    /// After a "READ ALSO" marker, teasers (headlines, ledes cut short) are boilerplate
    /// until the article resumes: three long paragraphs, or one whole sentence (a
    /// page's last paragraph after its "Read also" box).
    #[test]
    fn related_zone_is_boilerplate_until_article_resumes() {
        use Role::{Body, Boilerplate};
        let long = "This is a long paragraph of the article with enough words to count as body text for sure.";
        let cases = [
            (
                format!("{long}\n\nREAD ALSO\n\nEU Actually\n\nBorder controls are the new normal\n\nPrime Minister Michel Barnier announced that France will control all its borders from November 1\n\n{long} One.\n{long} Two.\n{long} Three."),
                vec![Body, Boilerplate, Boilerplate, Boilerplate, Boilerplate, Body, Body, Body],
            ),
            (
                format!("{long}\n\nRead also\n\nBorrell visits Seoul\n\nThe pact and its text, seen by AFP, take effect in January, officials said.\n\n© 2024 Example News"),
                vec![Body, Boilerplate, Boilerplate, Body, Boilerplate],
            ),
        ];
        for (text, expected) in cases {
            let r = roles(&text);
            assert_eq!(r.iter().map(|x| x.0).collect::<Vec<_>>(), expected, "{text}");
        }
    }

    #[test]
    fn repeated_paragraph_keeps_one_body_copy() {
        let rep = "EU foreign policy chief Josep Borrell will meet his Japanese counterpart Takeshi Iwaya this week.";
        let long = "Japan and the European Union were set to announce a new security partnership on Friday in Tokyo.";
        let text = format!("{rep}\n{rep}\n\n{long}\n\n{rep}\n\n{long} More.");
        let r = roles(&text);
        assert_eq!(
            r.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![Role::Caption, Role::Caption, Role::Body, Role::Body, Role::Body]
        );
    }

    #[test]
    fn sentence_ends_inside_marks_spaced_or_not() {
        let cases = [
            ("He declined to comment.", true),
            ("“It was insane.”", true),
            ("It was insane. \"", true),
            ("He said, 'Thank you.' \" ", true),
            ("(See the full list.)", true),
            ("Creamery lacks the cheddar", false),
            ("Going heavy on \"milk futures\"", false),
            ("What we know:", false),
        ];
        for (s, expected) in cases {
            assert_eq!(ends_sentence(s), expected, "{s:?}");
        }
    }

    #[test]
    fn short_sentences_inside_the_article_are_body() {
        let long = "Japan and the European Union were set to announce a new security partnership on Friday in Tokyo.";
        let text = format!("{long}\n\nHe declined to comment.\n\nEurope\n\n{long} Again.");
        let r = roles(&text);
        assert_eq!(
            r.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![Role::Body, Role::Body, Role::Boilerplate, Role::Body]
        );
    }

    /// Whole pages pasted as text: a site's name above the headline is not the headline
    /// (it names the outlet), "Updated …" and "Published …" lines and a date alone on its
    /// line are bylines that date the article, and a credit glued to a caption, or in
    /// brackets after it, makes the caption a caption.
    #[test]
    fn pasted_pages_logo_stamps_and_credits() {
        use Role::*;
        let body = "The Senate passed a short-term spending bill on Friday evening, sending it to the House.";
        let c = clean(&format!(
            "The Morning Ledger\n\nPolitics\n\nSenate Passes Spending Bill, Averting a Shutdown\n\n\
             Senator Mitch McConnell at the Capitol.CreditAna Ruiz/Reuters\n\nBy Emily Carter\n\nApril 6, 2018\n\n{body}"
        ));
        assert_eq!(
            c.title.as_deref(),
            Some("Senate Passes Spending Bill, Averting a Shutdown")
        );
        assert_eq!(c.outlet.as_deref(), Some("The Morning Ledger"));
        assert_eq!(c.published.map(|d| d.iso()).as_deref(), Some("2018-04-06"));
        let got: Vec<Role> = c.blocks.iter().map(|b| b.role).collect();
        assert_eq!(got, [Boilerplate, Boilerplate, Headline, Caption, Byline, Byline, Body]);

        let text = format!(
            "The Capital Post\n\nTruth Matters Every Day\n\nTrump signs spending bill after a veto threat\n\n\
             Updated April 7, 2018 at 6:42 p.m. EDT|Published April 6, 2018 at 10:12 a.m. EDT\n\n\
             President Trump speaks on Friday. (Jon Reyes/The Capital Post)\n\n{body}"
        );
        let c = clean(&text);
        assert_eq!(
            c.title.as_deref(),
            Some("Trump signs spending bill after a veto threat")
        );
        assert_eq!(c.outlet.as_deref(), Some("The Capital Post"));
        assert_eq!(
            c.published.map(|d| d.iso()).as_deref(),
            Some("2018-04-06"),
            "the published date, not the update"
        );
        let got: Vec<Role> = c.blocks.iter().map(|b| b.role).collect();
        assert_eq!(got, [Boilerplate, Boilerplate, Headline, Byline, Caption, Body]);

        let text = format!("Senate passes stopgap bill hours before deadline\n\nUpdated 6:42 PM ET, Fri April 6, 2018\n\nWashington (Example News)The {}", &body[4..]);
        let c = clean(&text);
        assert_eq!(c.outlet.as_deref(), Some("Example News"));
        assert_eq!(c.published.map(|d| d.iso()).as_deref(), Some("2018-04-06"));
        let r = roles(&text);
        assert_eq!(r[1].0, Byline);
        assert_eq!(r[2], (Dateline, "Washington (Example News)".to_string()));
        assert_eq!(r[3].0, Body);
        assert!(r[3].1.starts_with("The Senate passed"));
    }

    #[test]
    fn credits_and_stamps_are_told_from_text() {
        for (line, credit) in [
            ("CreditAna Ruiz/Reuters", true),
            ("Credit: Getty Images", true),
            ("Photo: Ana Ruiz/Reuters", true),
            ("Credit Suisse said on Friday that it would cut 5,000 jobs.", false),
            ("Credit Suisse Group AG", false),
        ] {
            assert_eq!(is_photo_credit(line, word_count(line)), credit, "{line}");
        }
        for (line, caption) in [
            ("Senator McConnell at the Capitol.CreditAna Ruiz/Reuters", true),
            ("President Trump speaks on Friday. (AP Photo/Evan Vucci)", true),
            (
                "The bank's shares fell.Credit Suisse said it would cut 5,000 jobs.",
                false,
            ),
            ("He spoke to reporters (via video/phone) on Friday.", false),
        ] {
            assert_eq!(ends_in_a_credit(line), caption, "{line}");
        }
        for (line, byline) in [
            ("updated 6:42 pm et, fri april 6, 2018", true),
            ("published april 6, 2018 at 10:12 a.m. edt", true),
            ("april 6, 2018", true),
            ("fri 6 apr 2018 18.42 bst", true),
            ("strong earthquake hits aceh on july 2, 2013", false),
            ("updated guidance was published in april", false),
        ] {
            assert_eq!(is_byline(line, word_count(line)), byline, "{line}");
        }
        for (paragraph, prefix) in [
            ("Washington (CNN)The Senate passed a bill.", Some("Washington (CNN)")),
            ("(Reuters) - Oil prices rose on Monday.", Some("(Reuters) - ")),
            ("The European Union (EU) said on Friday it would act.", None),
            ("Borrell (L) and Iwaya (R) pose after the ceremony.", None),
        ] {
            assert_eq!(
                dateline_prefix(paragraph).map(|n| &paragraph[..n]),
                prefix,
                "{paragraph}"
            );
        }
    }

    #[test]
    fn wrapped_lines_join_and_nothing_is_lost() {
        let text =
            "The minister said that the\npact would take effect in January,\nofficials added.\nSubscribe\nAdvertise";
        let c = clean(text);
        assert_eq!(
            c.blocks[0].span.of(text),
            "The minister said that the\npact would take effect in January,\nofficials added."
        );
        assert_eq!(
            covered_words(text, &c.blocks),
            crate::text::words(text, Span::new(0, text.len())).len()
        );
    }
}
