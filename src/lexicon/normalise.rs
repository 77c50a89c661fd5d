//! Word normalisation: the comparable form of a word, shared by deduplication, the
//! paraphrase verifier and entity keys. "Defence", "defense" and "defences" compare
//! equal; "planet" and "plan" do not.

use crate::text::is_currency_sign;

/// The comparable form of one word, or `None` for a stop word.
#[cfg(test)]
fn normalise(word: &str) -> Option<String> {
    let mut buf = String::new();
    normalise_into(word, &mut buf).then_some(buf)
}

/// Writes the comparable form of `word` into `buf` (lower case, US spelling,
/// light stem, number words as digits); false for a stop word. Allocation-free
/// for the common case, because it runs for every word of the input.
pub fn normalise_into(word: &str, buf: &mut String) -> bool {
    buf.clear();
    for c in word.chars() {
        match c {
            '\'' | '’' | '‘' | '.' | ',' => {}
            '‐' | '‑' | '‒' | '–' | '—' => buf.push('-'),
            c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
            c => buf.extend(c.to_lowercase()),
        }
    }
    if buf.is_empty() || STOP_WORDS.binary_search(&buf.as_str()).is_ok() {
        return false;
    }
    if let Some(n) = number_word(buf) {
        buf.clear();
        buf.push_str(n);
        return true;
    }
    if buf.bytes().any(|b| b.is_ascii_digit()) {
        strip_unit(buf);
        return true;
    }
    americanise(buf);
    stem_in_place(buf);
    true
}

/// "320km" -> "320", "$5bn" -> "$5": a number with its unit written on is the number, as
/// in "320 km" (where the unit is a word of its own).
fn strip_unit(buf: &mut String) {
    const UNITS: [&str; 24] = [
        "bn", "cm", "ft", "gb", "ghz", "gw", "kb", "kg", "km", "kms", "kw", "lb", "lbs", "m", "mb", "mg", "mhz", "mi",
        "ml", "mm", "mph", "kph", "mw", "tb",
    ];
    // After a currency sign, if any ("$5bn").
    let start = buf.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    if !buf[..start].chars().all(is_currency_sign) {
        return;
    }
    let end = start + buf[start..].bytes().take_while(u8::is_ascii_digit).count();
    if end > start && UNITS.contains(&&buf[end..]) {
        buf.truncate(end);
    }
}

fn number_word(w: &str) -> Option<&'static str> {
    if w.len() > 6 {
        return None;
    }
    const NUMBERS: [(&str, &str); 13] = [
        ("zero", "0"),
        ("one", "1"),
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("ten", "10"),
        ("eleven", "11"),
        ("twelve", "12"),
    ];
    NUMBERS.iter().find(|(word, _)| *word == w).map(|(_, n)| *n)
}

const OUR_WORDS: &[&str] = &[
    "neighbour", "colour", "favour", "labour", "honour", "behaviour", "harbour", "rumour", "armour", "endeavour",
    "vigour", "valour", "humour", "flavour", "savour", "candour",
];
const RE_WORDS: &[(&str, &str)] = &[
    ("defence", "defense"),
    ("offence", "offense"),
    ("licence", "license"),
    ("centre", "center"),
    ("metre", "meter"),
    ("theatre", "theater"),
    ("programme", "program"),
    ("travelled", "traveled"),
    ("cancelled", "canceled"),
    ("labelled", "labeled"),
];
const ISE_EXCEPTIONS: &[&str] = &[
    "exercise", "otherwise", "promise", "compromise", "surprise", "enterprise", "expertise", "franchise", "advertise",
    "supervise", "revise", "devise", "televise", "improvise", "merchandise", "premise", "concise", "precise",
    "disguise", "despise", "chastise", "raise", "praise", "noise", "cruise", "bruise",
];
const ISE_SUFFIXES: &[(&str, &str)] = &[
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
];

/// British to American spelling for the patterns that differ between outlets.
pub fn american(w: &str) -> String {
    let mut s = w.to_string();
    americanise(&mut s);
    s
}

fn americanise(w: &mut String) {
    // Cheap guards first: this runs for every word of the input.
    if w.len() < 5 {
        return;
    }
    let has = |needle: &[u8]| w.as_bytes().windows(needle.len()).any(|x| x == needle);
    if let Some(base) = has(b"our")
        .then(|| OUR_WORDS.iter().find(|b| w.starts_with(**b)))
        .flatten()
    {
        w.replace_range(base.len() - 2..base.len() - 1, ""); // neighbour -> neighbor
        return;
    }
    if let Some((uk, us)) = RE_WORDS
        .iter()
        .find(|(uk, _)| w.as_bytes()[..2] == uk.as_bytes()[..2] && w.starts_with(*uk))
    {
        w.replace_range(..uk.len(), us);
        return;
    }
    if w.len() >= 7 && has(b"is") {
        if let Some((uk, us)) = ISE_SUFFIXES.iter().find(|(uk, _)| w.ends_with(*uk)) {
            let stem_len = w.len() - uk.len();
            // "exercised" keeps its s: its stem "exerc" ends like the exception's.
            let exception = ISE_EXCEPTIONS
                .iter()
                .any(|e| w[..stem_len].ends_with(&e[..e.len() - 3]));
            if !exception {
                w.replace_range(stem_len.., us);
            }
        }
    }
}

/// A light suffix stripper: enough to equate "announce/announced/announces" and
/// "drill/drills", conservative enough not to conflate unrelated words.
fn stem_in_place(s: &mut String) {
    const KEEP: &[&str] = &[
        "news", "series", "species", "means", "always", "perhaps", "whereas", "politics", "economics", "physics",
        "lens", "gas", "bus", "bias", "chaos", "arms",
    ];
    if s.len() <= 3 || !s.is_ascii() || (s.ends_with('s') && KEEP.contains(&s.as_str())) {
        return;
    }
    if s.len() > 4 && s.ends_with("ies") {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if s.ends_with("sses") || s.ends_with("xes") || s.ends_with("ches") || s.ends_with("shes") {
        s.truncate(s.len() - 2);
    } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
        s.pop();
    }
    for suffix in ["ing", "ed"] {
        if s.len() > suffix.len() + 3 && s.ends_with(suffix) {
            s.truncate(s.len() - suffix.len());
            let b = s.as_bytes();
            let l = b.len();
            if l >= 2 && b[l - 1] == b[l - 2] && !matches!(b[l - 1], b'l' | b's' | b'z') {
                s.pop(); // planned -> plan
            }
            break;
        }
    }
    if s.len() > 5 && s.ends_with("ly") {
        s.truncate(s.len() - 2);
    }
    if s.len() > 4 && s.ends_with('e') {
        s.pop();
    }
}

/// English stop words, sorted for binary search.
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
    "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
    "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "s", "said", "same", "says", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn normalisation_equates_variants_and_keeps_words_apart() {
        let same = [
            ("Defence", "defense"),
            ("neighbour", "neighbors"),
            ("organised", "organized"),
            ("announced", "announces"),
            ("drills", "drill"),
            ("planned", "plan"),
            ("two", "2"),
            ("1,000", "1000"),
            ("Borrell's", "Borrell"),
            ("320km", "320"),
            ("$5bn", "$5"),
        ];
        for (a, b) in same {
            assert_eq!(normalise(a), normalise(b), "{a} / {b}");
        }
        let different = [
            ("exercise", "exercize"),
            ("planet", "plan"),
            ("news", "new"),
            ("us", "u"),
            ("1990s", "1990"),
            ("21st", "21"),
        ];
        for (a, b) in different {
            assert_ne!(normalise(a), normalise(b), "{a} / {b}");
        }
        assert_eq!(normalise("The"), None);
    }
}
