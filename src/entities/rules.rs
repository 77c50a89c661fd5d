//! Grammar rules for DATE, TIME, MONEY, PERCENT and QUANTITY, with dates
//! normalised to ISO relative to the article's publication date.

use super::{is_in, EntityType};
use crate::lexicon::dates::{month_number, weekday_number, Date};
use crate::text::{is_currency_sign, AsciiLower, Token};

/// A matched expression: tokens `[start, end)` of the sentence, with its type and normalised value.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleHit {
    pub end: usize,
    pub ty: EntityType,
    pub value: Option<String>,
}

/// What the rules need to know about the sentence and its article.
pub struct SentenceTokens<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub published: Option<Date>,
}

impl SentenceTokens<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map(|t| t.span.of(self.text)).unwrap_or("")
    }

    /// The text between token `i` and token `i + 1` (punctuation and spaces).
    fn gap_after(&self, i: usize) -> &str {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => self.text.get(a.span.end..b.span.start).unwrap_or(""),
            (Some(a), None) => self.text.get(a.span.end..).unwrap_or(""),
            _ => "",
        }
    }

    fn char_before(&self, i: usize) -> Option<char> {
        self.tokens
            .get(i)
            .and_then(|t| self.text.get(..t.span.start))
            .and_then(|s| s.chars().next_back())
    }
}

const FUTURE_CUES: &[&str] = &[
    "'ll", "coming", "due", "expected", "next", "planned", "plans", "scheduled", "set", "shall", "slated", "upcoming",
    "will", "would",
];

/// Past-tense verbs that do not end in "-ed" (and "last": "last Sunday").
const PAST_CUES: &[&str] = &[
    "began", "brought", "came", "did", "fell", "found", "gave", "got", "had", "held", "kept", "last", "led", "left",
    "lost", "made", "met", "paid", "ran", "rose", "said", "sat", "saw", "sent", "sold", "spent", "spoke", "stood",
    "struck", "thought", "told", "took", "was", "went", "were", "won", "wrote",
];

/// Which way a word points in time, if it does.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tense {
    Past,
    Future,
}

/// The tense word `k` of the sentence marks: a future cue ("will", "expected", "see
/// you"), a past verb ("said", "voted"), or none. A participle after "be" is neither
/// ("will be released Friday"), after "have" past ("would have voted Thursday").
fn tense_of(sentence: &SentenceTokens, k: usize) -> Option<Tense> {
    let w = AsciiLower::of(sentence.word(k));
    let w = w.as_str();
    if is_in(FUTURE_CUES, w) || (w == "see" && sentence.word(k + 1).eq_ignore_ascii_case("you")) {
        return Some(Tense::Future);
    }
    if is_in(PAST_CUES, w) {
        return Some(Tense::Past);
    }
    if w.len() > 4 && w.ends_with("ed") {
        let before = k.checked_sub(1).map(|j| AsciiLower::of(sentence.word(j)));
        return match before.as_ref().map(|b| b.as_str()) {
            Some("be" | "been" | "being" | "is" | "are") => None,
            _ => Some(Tense::Past),
        };
    }
    None
}

/// True if the tense around token `i` (a weekday or month) points to the future, so
/// the day resolves forward: "will take effect in January", "expected to be announced
/// on Friday", "See you Sunday", "by Friday". The nearest cue before it in its clause
/// decides ("said he would vote Thursday" is future, "will ask why they voted Thursday"
/// past); with none, a cue after it does ("On Sunday, the league will"). Otherwise the
/// day is past, as news most often reports ("said Thursday").
fn is_future(sentence: &SentenceTokens, i: usize) -> bool {
    let clause_end = |gap: &str| gap.contains([';', ':', '"', '“', '”']);
    if i > 0 && sentence.word(i - 1).eq_ignore_ascii_case("by") {
        return true; // a deadline: "must decide by Friday"
    }
    for k in (i.saturating_sub(6)..i).rev() {
        let gap = sentence.gap_after(k);
        if clause_end(gap) || gap.contains(',') {
            break;
        }
        if let Some(tense) = tense_of(sentence, k) {
            return tense == Tense::Future;
        }
    }
    // Forward, past a comma only after an opening adverbial ("On Sunday, ...").
    for k in i + 1..(i + 7).min(sentence.tokens.len()) {
        let gap = sentence.gap_after(k - 1);
        if clause_end(gap) || (gap.contains(',') && (k - 1 != i || i > 2)) {
            break;
        }
        if let Some(tense) = tense_of(sentence, k) {
            return tense == Tense::Future;
        }
    }
    false
}

/// A cheap test run before [`match_at`]: can a temporal or numeric expression start with `w`?
pub fn may_start(w: &str) -> bool {
    let Some(c) = w.chars().next() else {
        return false;
    };
    if c.is_ascii_digit() || c.is_uppercase() {
        return true;
    }
    // Most tokens are other lower-case words: rule them out by length and first letter
    // before comparing strings (this runs for every token).
    const FIRST_LETTERS: u32 = letters(b"tylnpbdefhmos");
    let plausible =
        (3..=9).contains(&w.len()) && c.is_ascii_lowercase() && FIRST_LETTERS & (1 << (c as u8 - b'a')) != 0;
    plausible
        && (matches!(
            w,
            "today" | "yesterday" | "tomorrow" | "this" | "last" | "next" | "past"
        ) || is_in(NUMBER_WORDS, w))
}

/// A bit per letter of `s` (ASCII lower case), for [`may_start`]'s first-letter test.
const fn letters(s: &[u8]) -> u32 {
    let mut mask = 0;
    let mut i = 0;
    while i < s.len() {
        mask |= 1 << (s[i] - b'a');
        i += 1;
    }
    mask
}

/// The temporal or numeric expression starting at token `i`, if any.
pub fn match_at(sentence: &SentenceTokens, i: usize) -> Option<RuleHit> {
    date_at(sentence, i).or_else(|| number_at(sentence, i))
}

fn day_of(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    matches!(&word[digits.len()..], "" | "st" | "nd" | "rd" | "th")
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn date_at(sentence: &SentenceTokens, i: usize) -> Option<RuleHit> {
    let w = sentence.word(i);
    let lower = AsciiLower::of(w);
    let date = |end, value: Option<String>| {
        Some(RuleHit {
            end,
            ty: EntityType::Date,
            value,
        })
    };
    if let Some(d) = Date::parse_iso(w) {
        return date(i + 1, Some(d.iso()));
    }
    match lower.as_str() {
        "today" | "yesterday" | "tomorrow" => {
            // "today's Ukraine could be tomorrow's East Asia": a day word owning a name
            // is a figure of speech, not a date ("tomorrow's meeting" is one).
            if sentence.word(i + 1) == "s" && matches!(sentence.gap_after(i), "'" | "’") && capitalised(sentence.word(i + 2)) {
                return None;
            }
            let shift = match lower.as_str() {
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            return date(i + 1, sentence.published.map(|p| p.add_days(shift).iso()));
        }
        "this" | "last" | "next" | "past" => {
            if is_number(sentence.word(i + 1)) && is_in(TIME_UNITS, AsciiLower::of(sentence.word(i + 2)).as_str()) {
                return date(i + 3, None); // "the past five years"
            }
            let unit = AsciiLower::of(sentence.word(i + 1));
            let unit = unit.as_str();
            if ["week", "month", "year", "weekend"].contains(&unit) {
                let value = sentence.published.filter(|_| unit == "year").map(|p| {
                    let y = p.year
                        + match lower.as_str() {
                            "last" | "past" => -1,
                            "next" => 1,
                            _ => 0,
                        };
                    format!("{y:04}")
                });
                return date(i + 2, value);
            }
        }
        _ => {}
    }
    if let Some(weekday) = weekday_number(w).filter(|_| capitalised(w) && w.len() > 3) {
        // "Friday, November 1, 2024": the weekday leads a date.
        if matches!(sentence.gap_after(i).trim(), "" | ",") {
            if let Some(hit) = month_day_year(sentence, i + 1) {
                return Some(hit);
            }
        }
        let value = sentence
            .published
            .map(|p| resolve_weekday(p, weekday, is_future(sentence, i)).iso());
        return date(i + 1, value);
    }
    if let Some(hit) = month_day_year(sentence, i) {
        return Some(hit);
    }
    // Day Month [Year]: "1 November", "1 November 2024".
    if let (Some(day), Some(month)) = (day_of(w), month_word(sentence, i + 1)) {
        if let Some(year) = year_of(sentence.word(i + 2)) {
            return date(i + 3, Date::new(year, month, day).map(|d| d.iso()));
        }
        return date(
            i + 2,
            sentence.published.and_then(|p| nearest_day(p, month, day)).map(|d| d.iso()),
        );
    }
    if let Some(year) = year_of(w) {
        let unit = AsciiLower::of(sentence.word(i + 1));
        if !is_unit(unit.as_str()) && !sentence.gap_after(i).starts_with('-') {
            return date(i + 1, Some(format!("{year:04}")));
        }
    }
    None
}

/// Month [Day][,] [Year] starting at token `i`.
fn month_day_year(sentence: &SentenceTokens, i: usize) -> Option<RuleHit> {
    let month = month_word(sentence, i)?;
    let date = |end, value: Option<String>| {
        Some(RuleHit {
            end,
            ty: EntityType::Date,
            value,
        })
    };
    if let Some(day) = day_of(sentence.word(i + 1)) {
        if let Some(year) = year_of(sentence.word(i + 2)) {
            return date(i + 3, Date::new(year, month, day).map(|d| d.iso()));
        }
        return date(
            i + 2,
            sentence.published.and_then(|p| nearest_day(p, month, day)).map(|d| d.iso()),
        );
    }
    if let Some(year) = year_of(sentence.word(i + 1)) {
        return date(i + 2, Some(format!("{year:04}-{month:02}")));
    }
    // A month alone: "May" only when a date word follows or precedes (it is also a verb and a name).
    let w = sentence.word(i);
    if w.eq_ignore_ascii_case("may") || w.eq_ignore_ascii_case("march") {
        let before = i
            .checked_sub(1)
            .map(|j| AsciiLower::of(sentence.word(j)))
            .unwrap_or_else(|| AsciiLower::of(""));
        if ![
            "in", "since", "until", "by", "early", "late", "mid", "last", "next", "this",
        ]
        .contains(&before.as_str())
        {
            return None;
        }
    }
    date(i + 1, sentence.published.map(|p| resolve_month(p, month, is_future(sentence, i))))
}

/// A capitalised month name or abbreviation at token `i` ("Nov." keeps its dot outside the token).
fn month_word(sentence: &SentenceTokens, i: usize) -> Option<u32> {
    let w = sentence.word(i);
    if !capitalised(w) {
        return None;
    }
    let m = month_number(w)?;
    // Three-letter abbreviations must be followed by their period or a day ("Nov. 1", "Nov 1").
    if w.len() <= 4
        && w.len() < full_month_len(m)
        && !sentence.gap_after(i).starts_with('.')
        && day_of(sentence.word(i + 1)).is_none()
    {
        return None;
    }
    Some(m)
}

fn full_month_len(m: u32) -> usize {
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ][(m - 1) as usize]
        .len()
}

/// The weekday nearest the publication day: the past one (or the day itself), or in
/// future-tense sentences the coming one.
pub fn resolve_weekday(published: Date, weekday: u32, future: bool) -> Date {
    let today = published.weekday() as i64;
    let target = weekday as i64;
    if future {
        published.add_days((target - today).rem_euclid(7))
    } else {
        published.add_days(-((today - target).rem_euclid(7)))
    }
}

/// A month without a year: this year's if it has begun (or, in future-tense
/// sentences, if it has not ended), otherwise the neighbouring year's.
pub fn resolve_month(published: Date, month: u32, future: bool) -> String {
    let year = if future {
        if month >= published.month {
            published.year
        } else {
            published.year + 1
        }
    } else if month <= published.month {
        published.year
    } else {
        published.year - 1
    };
    format!("{year:04}-{month:02}")
}

/// A day and month without a year: the occurrence closest to the publication date.
fn nearest_day(published: Date, month: u32, day: u32) -> Option<Date> {
    [published.year - 1, published.year, published.year + 1]
        .iter()
        .filter_map(|&y| Date::new(y, month, day))
        .min_by_key(|d| (d.to_days() - published.to_days()).abs())
}

const NUMBER_WORDS: &[&str] = &[
    "billion", "billions", "dozen", "dozens", "eight", "eleven", "fifteen", "fifty", "five", "forty", "four", "half",
    "hundred", "hundreds", "million", "millions", "nine", "one", "seven", "six", "ten", "thirty", "thousand",
    "thousands", "three", "trillion", "twelve", "twenty", "two",
];
const MULTIPLIERS: &[&str] = &["billion", "bn", "hundred", "million", "mn", "thousand", "trillion"];
const CURRENCY_WORDS: &[&str] = &[
    "dollar", "dollars", "eur", "euro", "euros", "francs", "pounds", "roubles", "rubles", "rupees", "usd", "won",
    "yen", "yuan",
];
const UNITS: &[&str] = &[
    "acres", "barrels", "degrees", "feet", "foot", "gigawatts", "hectares", "kg", "kilograms", "kilometer",
    "kilometers", "kilometre", "kilometres", "kilos", "km", "knots", "liters", "litres", "megawatts", "meter",
    "meters", "metre", "metres", "mile", "miles", "ton", "tonne", "tonnes", "tons",
];
const TIME_UNITS: &[&str] = &[
    "centuries", "day", "days", "decade", "decades", "month", "months", "week", "weeks", "year", "years",
];
const CLOCK_UNITS: &[&str] = &["hour", "hours", "minute", "minutes", "seconds"];

fn is_unit(w: &str) -> bool {
    is_in(UNITS, w) || is_in(TIME_UNITS, w) || is_in(CLOCK_UNITS, w)
}

fn is_number(w: &str) -> bool {
    let lower = AsciiLower::of(w);
    (w.starts_with(|c: char| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ','))
        || is_in(NUMBER_WORDS, lower.as_str())
}

fn number_at(sentence: &SentenceTokens, i: usize) -> Option<RuleHit> {
    let w = sentence.word(i);
    if !is_number(w) {
        return None;
    }
    // Clock time: "10:30", "3 p.m."
    if w.chars().all(|c| c.is_ascii_digit())
        && sentence.gap_after(i) == ":"
        && sentence.word(i + 1).chars().all(|c| c.is_ascii_digit())
        && sentence.word(i + 1).len() == 2
    {
        let end = if matches!(AsciiLower::of(sentence.word(i + 2)).as_str(), "a.m." | "p.m." | "am" | "pm") {
            i + 3
        } else {
            i + 2
        };
        return Some(RuleHit {
            end,
            ty: EntityType::Time,
            value: None,
        });
    }
    let mut end = i + 1;
    while is_number(sentence.word(end)) && sentence.gap_after(end - 1).trim().is_empty() {
        end += 1; // "two hundred", "2.5 billion"
    }
    let next = AsciiLower::of(sentence.word(end));
    let next = next.as_str();
    let currency_before = sentence.char_before(i).is_some_and(is_currency_sign);
    let hit = |end, ty| Some(RuleHit { end, ty, value: None });
    if sentence.gap_after(end - 1).starts_with('%') || next == "percent" || next == "pct" {
        return hit(if next.starts_with('p') { end + 1 } else { end }, EntityType::Percent);
    }
    if next == "per" && sentence.word(end + 1).eq_ignore_ascii_case("cent") {
        return hit(end + 2, EntityType::Percent);
    }
    if currency_before {
        return hit(if is_in(MULTIPLIERS, next) { end + 1 } else { end }, EntityType::Money);
    }
    if is_in(CURRENCY_WORDS, next) {
        return hit(end + 1, EntityType::Money);
    }
    if is_in(UNITS, next) {
        return hit(end + 1, EntityType::Quantity);
    }
    if is_in(TIME_UNITS, next) {
        return hit(end + 1, EntityType::Date);
    }
    if is_in(CLOCK_UNITS, next) || matches!(next, "a.m." | "p.m.") {
        return hit(end + 1, EntityType::Time);
    }
    // A bare count ("thousands of troops", "two of our partners"): QUANTITY. A lone "one" is too often a pronoun.
    if w.eq_ignore_ascii_case("one") && end == i + 1 {
        return None;
    }
    hit(end, EntityType::Quantity)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{words, Span};

    /// `may_start`'s length and first-letter guard must let every listed word through.
    #[test]
    fn every_rule_word_may_start_a_rule() {
        for w in NUMBER_WORDS
            .iter()
            .chain(&["today", "yesterday", "tomorrow", "this", "last", "next", "past"])
        {
            assert!(may_start(w), "{w}");
        }
        for w in ["the", "said", "a", "", "zebra", "considerably"] {
            assert!(!may_start(w), "{w}");
        }
    }

    /// (sentence, published, expected (matched text, type, value) list)
    fn run(sentence: &str, published: Option<&str>) -> Vec<(String, EntityType, Option<String>)> {
        let tokens = words(sentence, Span::new(0, sentence.len()));
        let tokens_of = SentenceTokens {
            text: sentence,
            tokens: &tokens,
            published: published.and_then(Date::parse_iso),
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match match_at(&tokens_of, i) {
                Some(hit) => {
                    let span = Span::new(tokens[i].span.start, tokens[hit.end - 1].span.end);
                    out.push((span.of(sentence).to_string(), hit.ty, hit.value));
                    i = hit.end;
                }
                None => i += 1,
            }
        }
        out
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [
            NUMBER_WORDS, CURRENCY_WORDS, UNITS, TIME_UNITS, CLOCK_UNITS, MULTIPLIERS, FUTURE_CUES, PAST_CUES,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn dates_normalise_against_publication() {
        use EntityType::*;
        let p = Some("2024-11-01"); // a Friday
        /// A sentence, the publication date, and the expected (span, type, value) mentions.
        type Case<'a> = (&'a str, Option<&'a str>, &'a [(&'a str, EntityType, Option<&'a str>)]);
        let cases: &[Case] = &[
            (
                "It test-fired a missile on Thursday.",
                p,
                &[("Thursday", Date, Some("2024-10-31"))],
            ),
            (
                "The pact will take effect in January.",
                p,
                &[("January", Date, Some("2025-01"))],
            ),
            (
                "He was hosted for a state visit in April.",
                p,
                &[("April", Date, Some("2024-04"))],
            ),
            (
                "A ceremony in Tokyo on Nov. 1, 2024.",
                None,
                &[("Nov. 1, 2024", Date, Some("2024-11-01"))],
            ),
            (
                "Posted: Friday, November 1, 2024",
                None,
                &[("Friday, November 1, 2024", Date, Some("2024-11-01"))],
            ),
            (
                "North Korea claims Thursday’s test.",
                p,
                &[("Thursday", Date, Some("2024-10-31"))],
            ),
            (
                "They announced on Friday (November 1) a deal.",
                p,
                &[
                    ("Friday", Date, Some("2024-11-01")),
                    ("November 1", Date, Some("2024-11-01")),
                ],
            ),
            (
                "set Friday (1 November) to announce",
                p,
                &[
                    ("Friday", Date, Some("2024-11-01")),
                    ("1 November", Date, Some("2024-11-01")),
                ],
            ),
            (
                "On October 31, Pyongyang test-fired",
                p,
                &[("October 31", Date, Some("2024-10-31"))],
            ),
            (
                "closed in October 2022 but",
                None,
                &[("October 2022", Date, Some("2022-10"))],
            ),
            ("airborne by 2035.", None, &[("2035", Date, Some("2035"))]),
            ("He will meet on Monday.", p, &[("Monday", Date, Some("2024-11-04"))]),
            // Relative days go the way the tense points.
            ("See you Sunday, she told the crowd.", p, &[("Sunday", Date, Some("2024-11-03"))]),
            (
                "The senator said Thursday that he would resign.",
                p,
                &[("Thursday", Date, Some("2024-10-31"))],
            ),
            (
                "He said he would vote on Thursday.",
                p,
                &[("Thursday", Date, Some("2024-11-07"))],
            ),
            (
                "The results will be released Monday.",
                p,
                &[("Monday", Date, Some("2024-11-04"))],
            ),
            (
                "On Sunday, the league will announce its decision.",
                p,
                &[("Sunday", Date, Some("2024-11-03"))],
            ),
            (
                "On Sunday, the league announced its decision.",
                p,
                &[("Sunday", Date, Some("2024-10-27"))],
            ),
            (
                "Lawmakers must decide by Wednesday.",
                p,
                &[("Wednesday", Date, Some("2024-11-06"))],
            ),
            (
                "He would have voted on Tuesday.",
                p,
                &[("Tuesday", Date, Some("2024-10-29"))],
            ),
            (
                "Officials will ask why the board voted Tuesday.",
                p,
                &[("Tuesday", Date, Some("2024-10-29"))],
            ),
            (
                "Tomorrow's meeting is off.",
                p,
                &[("Tomorrow", Date, Some("2024-11-02"))],
            ),
            ("today’s Ukraine could be tomorrow’s East Asia", p, &[]),
            ("Iwaya said on Tuesday.", p, &[("Tuesday", Date, Some("2024-10-29"))]),
            (
                "The pact, expected to be announced on Friday, will help, Iwaya said on Tuesday.",
                p,
                &[
                    ("Friday", Date, Some("2024-11-01")),
                    ("Tuesday", Date, Some("2024-10-29")),
                ],
            ),
            (
                "He was hosted for a visit in April at which the allies announced plans",
                p,
                &[("April", Date, Some("2024-04"))],
            ),
            (
                "Spending of two percent of GDP",
                None,
                &[("two percent", Percent, None)],
            ),
            (
                "a rise of 2.5% this year",
                p,
                &[("2.5", Percent, None), ("this year", Date, Some("2024"))],
            ),
            ("It cost $2.5 billion.", None, &[("2.5 billion", Money, None)]),
            ("thousands of troops", None, &[("thousands", Quantity, None)]),
            ("a range of 15,000 km", None, &[("15,000 km", Quantity, None)]),
            ("the past five years", None, &[("past five years", Date, None)]),
            ("at 10:30 a.m. local time", None, &[("10:30 a.m.", Time, None)]),
            ("You may go. One of them.", None, &[]),
        ];
        for (sentence, published, expect) in cases {
            let got = run(sentence, *published);
            let expect: Vec<(String, EntityType, Option<String>)> = expect
                .iter()
                .map(|(t, ty, v)| (t.to_string(), *ty, v.map(String::from)))
                .collect();
            assert_eq!(got, expect, "{sentence}");
        }
    }
}
