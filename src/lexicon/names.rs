//! Given names: a Bloom filter of the census's given names, the sex each clearly
//! belongs to ("she said" is not a man's quote), and the short forms news writes for
//! them ("Bill" for William). Compiled from `data/first-names.txt`,
//! `data/given-name-genders.txt` and `data/nicknames.txt` by the build script
//! (`build/names.rs`).

use crate::text::fold;
use crate::text::hash::fnv;

// GIVEN_NAMES, MALE_NAMES, FEMALE_NAMES: data/first-names.txt and
// data/given-name-genders.txt as Bloom filters; SHORT_FORMS: data/nicknames.txt as
// "short formal" lines. Compiled by the build script.
include!(concat!(env!("OUT_DIR"), "/given_names.rs"));

/// Whether two folded given names may name one person: equal, or one a short form
/// of the other in `data/nicknames.txt` ("bill" and "william"). Two short forms of one
/// name do not count ("ted" is Edward's and Theodore's), nor a name and an initial:
/// the caller decides about initials.
pub fn same_given_name(a: &str, b: &str) -> bool {
    a == b || is_short_form_of(a, b) || is_short_form_of(b, a)
}

/// Whether `short` is a short form of the formal given name `formal`, both folded: a
/// binary search over the sorted lines of SHORT_FORMS by byte offset.
fn is_short_form_of(short: &str, formal: &str) -> bool {
    let table = SHORT_FORMS.as_bytes();
    // The line starting at `start`: its short form, its formal name, the next line's start.
    let line_at = |start: usize| {
        let len = table[start..].iter().position(|&b| b == b'\n').unwrap_or(table.len() - start);
        let line = &table[start..start + len];
        let space = line.iter().position(|&b| b == b' ').unwrap_or(len);
        (&line[..space], line.get(space + 1..).unwrap_or(&[]), start + len + 1)
    };
    let (short, formal) = (short.as_bytes(), formal.as_bytes());
    let (mut lo, mut hi) = (0, table.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let start = table[..mid].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let (s, _, next) = line_at(start);
        if s < short {
            lo = next;
        } else {
            hi = start;
        }
    }
    while lo < table.len() {
        let (s, f, next) = line_at(lo);
        if s != short {
            return false;
        }
        if f == formal {
            return true;
        }
        lo = next;
    }
    false
}

/// The first word of a name of two words or more, folded ("Tyler Hansbrough" ->
/// "tyler"); `None` for a one-word name.
pub fn given_name(name: &str) -> Option<String> {
    let mut words = name.split_whitespace();
    let (Some(first), Some(_)) = (words.next(), words.next()) else {
        return None;
    };
    Some(fold(first))
}

/// Membership of a lower-case word in the given-name filter.
pub fn is_given_name(lower: &str) -> bool {
    in_filter(&GIVEN_NAMES, lower)
}

fn in_filter(filter: &[u64], lower: &str) -> bool {
    let bits = filter.len() as u64 * 64;
    crate::text::hash::bloom_probes(fnv(lower), bits).all(|bit| filter[(bit / 64) as usize] & (1 << (bit % 64)) != 0)
}

/// A person's sex as the census gives their given name, if it clearly does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// The [`Gender`] of a full name's given name ("Francesca Grifo": female), if the name
/// has two words or more and its first is clearly one sex's in the census; a name in
/// both filters (a false positive of one) has none.
pub fn gender_of(name: &str) -> Option<Gender> {
    let first = given_name(name)?;
    match (in_filter(&MALE_NAMES, &first), in_filter(&FEMALE_NAMES, &first)) {
        (true, false) => Some(Gender::Male),
        (false, true) => Some(Gender::Female),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every listed name passes the filter; few other words do.
    #[test]
    fn the_given_name_filter_holds_every_name_and_few_others() {
        let listed = include_str!("../../data/first-names.txt");
        let names: Vec<&str> = listed.lines().skip(1).filter(|l| !l.is_empty()).collect();
        assert!(names.len() > 1000);
        assert!(names.iter().all(|n| is_given_name(n)));
        let common = include_str!("../../data/common-words.txt");
        let others: Vec<&str> = common.lines().skip(1).filter(|w| !names.contains(w)).collect();
        let passed = others.iter().filter(|w| is_given_name(w)).count();
        assert!(
            passed * 50 < others.len(),
            "{passed} of {} common words pass",
            others.len()
        );
    }

    /// Most gendered names keep their gender through the two filters; a one-word name,
    /// or a given name of either sex, has none.
    #[test]
    fn gendered_given_names() {
        let listed = include_str!("../../data/given-name-genders.txt");
        let pairs: Vec<(&str, &str)> = listed.lines().skip(1).filter_map(|l| l.split_once(' ')).collect();
        assert!(pairs.len() > 800);
        let kept = pairs
            .iter()
            .filter(|&&(name, g)| {
                gender_of(&format!("{name} Smith")) == Some(if g == "m" { Gender::Male } else { Gender::Female })
            })
            .count();
        assert!(kept * 100 >= pairs.len() * 98, "{kept} of {}", pairs.len());
        let cases = [
            ("Francesca Grifo", Some(Gender::Female)),
            ("George W. Bush", Some(Gender::Male)),
            ("Grifo", None),
            ("Jamie Rappaport Clark", None),
        ];
        for (name, expected) in cases {
            assert_eq!(gender_of(name), expected, "{name}");
        }
    }

    /// Short forms meet their formal names in either order, and nothing else does.
    #[test]
    fn short_forms_of_given_names() {
        let lines: Vec<&str> = SHORT_FORMS.lines().collect();
        assert!(lines.len() > 100 && lines.windows(2).all(|w| w[0] < w[1]), "sorted and distinct");
        for (a, b) in [
            ("bill", "william"),
            ("william", "bill"),
            ("bob", "robert"),
            ("dick", "richard"),
            ("bibi", "benjamin"),
            ("beto", "robert"),
            ("chris", "christopher"),
            ("roy", "roy"),
        ] {
            assert!(same_given_name(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("rick", "rich"), // two short forms of Richard
            ("ted", "ed"),    // of Edward; "ted" is also Theodore's
            ("john", "jon"),  // two names in the census
            ("jeb", "george"),
            ("hillary", "bill"),
            ("w", "william"), // an initial is the caller's to judge
        ] {
            assert!(!same_given_name(a, b), "{a} {b}");
        }
        // The search finds every line, first and last included.
        for line in &lines {
            let (short, formal) = line.split_once(' ').unwrap();
            assert!(is_short_form_of(short, formal), "{line}");
        }
    }
}
