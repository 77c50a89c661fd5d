//! Calendar arithmetic and date words, shared by the cleaner (byline dates) and the
//! entity tagger (DATE normalisation). Proleptic Gregorian, no time zones.

use crate::text::{words, Span};

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A valid date, or `None` (Feb 30, month 13, ...).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) || !(1..=9999).contains(&year) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let y = parts.next()?;
        let m = parts.next()?;
        let d = parts.next()?;
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = if self.month <= 2 {
            self.year as i64 - 1
        } else {
            self.year as i64
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::to_days`].
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u32
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Month number for a month name or abbreviation ("Nov", "Nov.", "November"), any case.
pub fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ];
    let w = crate::text::AsciiLower::of(word.trim_end_matches('.'));
    let w = w.as_str();
    if w.len() < 3 {
        return None;
    }
    for (i, name) in MONTHS.iter().enumerate() {
        if *name == w || (w.len() >= 3 && name.starts_with(w) && (w.len() == 3 || w == "sept")) {
            return Some(i as u32 + 1);
        }
    }
    None
}

/// Weekday number (0 = Monday) for a weekday name or its three-letter abbreviation.
pub fn weekday_number(word: &str) -> Option<u32> {
    const DAYS: [&str; 7] = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ];
    let w = crate::text::AsciiLower::of(word.trim_end_matches('.'));
    let w = w.as_str();
    DAYS.iter()
        .position(|d| *d == w || (w.len() == 3 && d.starts_with(w)))
        .map(|p| p as u32)
}

fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // 1st, 2nd, 31st
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: &str) -> Option<i32> {
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        word.parse().ok().filter(|y| (1000..=2999).contains(y))
    } else {
        None
    }
}

/// The first complete calendar date written anywhere in `text`:
/// "November 1, 2024", "Nov. 1, 2024", "1 November 2024", "2024-11-01".
pub fn find_full_date(text: &str) -> Option<Date> {
    let toks = words(text, Span::new(0, text.len()));
    let w: Vec<&str> = toks.iter().map(|t| t.span.of(text)).collect();
    (0..w.len()).find_map(|i| {
        Date::parse_iso(w[i]).or_else(|| match month_day_at(&w, i) {
            Some((Some(year), month, day)) => Date::new(year, month, day),
            _ => None,
        })
    })
}

/// The calendar day that `text` writes as a month and a day ("Nov. 1", "1 November",
/// "November 1, 2024"), with its year if it gives one: `(year, month, day)`. For dates
/// that no publication date resolves, so that "Friday (November 1)" and "Nov. 1" can
/// still be seen to agree.
pub fn month_and_day(text: &str) -> Option<(Option<i32>, u32, u32)> {
    let toks = words(text, Span::new(0, text.len()));
    let w: Vec<&str> = toks.iter().map(|t| t.span.of(text)).collect();
    (0..w.len()).find_map(|i| month_day_at(&w, i))
}

/// The day written around word `i` of `w` if it is a month: Month Day [Year], else
/// Day Month [Year]. (A word after the month is never both a day and a year, so a
/// year found either way is the one a full date has.)
fn month_day_at(w: &[&str], i: usize) -> Option<(Option<i32>, u32, u32)> {
    let month = month_number(w[i])?;
    if let Some(day) = w.get(i + 1).and_then(|s| day_number(s)) {
        return Some((w.get(i + 2).and_then(|s| year_number(s)), month, day));
    }
    let day = i.checked_sub(1).and_then(|j| day_number(w[j]))?;
    Some((w.get(i + 1).and_then(|s| year_number(s)), month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_arithmetic_round_trips() {
        for days in [-800_000i64, -1, 0, 1, 19_000, 20_028, 2_000_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(Date::new(2024, 11, 1).unwrap().weekday(), 4); // a Friday
        assert_eq!(Date::new(2024, 3, 1).unwrap().add_days(-1).iso(), "2024-02-29");
    }

    #[test]
    fn reads_a_month_and_day_without_a_year() {
        let cases = [
            ("Friday (November 1)", Some((None, 11, 1))),
            ("Nov. 1", Some((None, 11, 1))),
            ("1st November", Some((None, 11, 1))),
            ("November 1, 2024", Some((Some(2024), 11, 1))),
            ("May", None),
            ("Friday", None),
            ("November 32", None),
        ];
        for (text, expect) in cases {
            assert_eq!(month_and_day(text), expect, "{text}");
        }
    }

    #[test]
    fn finds_full_dates_in_bylines() {
        let cases = [
            ("By: EBR - Posted: Friday, November 1, 2024", Some("2024-11-01")),
            ("Published 1 November 2024, 10:00", Some("2024-11-01")),
            ("Updated Nov. 3, 2024", Some("2024-11-03")),
            ("posted 2023-02-28", Some("2023-02-28")),
            ("February 30, 2024", None),
            ("By Jane Doe", None),
        ];
        for (text, expect) in cases {
            assert_eq!(find_full_date(text).map(|d| d.iso()).as_deref(), expect, "{text}");
        }
    }

    #[test]
    fn month_and_weekday_words() {
        assert_eq!(month_number("Nov."), Some(11));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Mayor"), None);
        assert_eq!(weekday_number("Thursday"), Some(3));
        assert_eq!(weekday_number("Thu"), Some(3));
    }
}
