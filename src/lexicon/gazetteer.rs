//! Lookups in the compiled gazetteer (`data/gazetteer.tsv`, turned into sorted
//! static tables by the build script (`build/`)). Almost every capitalised word of a text is in none of
//! them; the sorted hashes of the forms, and of every start of a form that ends before
//! a space ("North" of "North Korea"), answer that with integer comparisons. A form's
//! hash leads to its one candidate (the build checks that forms hash apart), so a hit
//! costs one string comparison, not a binary search over strings.

use crate::text::fnv;

mod tables {
    include!(concat!(env!("OUT_DIR"), "/gazetteer_tables.rs"));
    include!(concat!(env!("OUT_DIR"), "/places.rs"));
}

/// What a gazetteer form names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GazKind {
    Loc,
    Org,
    Misc,
    Title,
    /// "Japanese": relates to a place, tagged MISC, never merged into it.
    Demonym,
}

/// One gazetteer hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GazEntry {
    /// Index of the canonical entry; stable for one build.
    pub id: u16,
    pub kind: GazKind,
    /// The canonical name of the entry (for a demonym, its place).
    pub name: &'static str,
}

/// Looks up an exact surface form (typographic apostrophes folded).
pub fn lookup(form: &str) -> Option<GazEntry> {
    let form = crate::text::straight_apostrophes(form);
    let form = form.as_ref();
    // Almost every word stops at the hash; a hit has one candidate form, as forms hash apart.
    let k = tables::FORM_HASHES.binary_search_by_key(&fnv(form), |&(h, _)| h).ok()?;
    let &(f, id, demonym) = tables::FORMS.get(tables::FORM_HASHES[k].1 as usize)?;
    if f != form {
        return None;
    }
    let (kind, name) = tables::ENTRIES[id as usize];
    let kind = match (kind, demonym) {
        (_, true) => GazKind::Demonym,
        ("LOC", _) => GazKind::Loc,
        ("ORG", _) => GazKind::Org,
        ("TITLE", _) => GazKind::Title,
        _ => GazKind::Misc,
    };
    Some(GazEntry { id, kind, name })
}

/// True if some form starts with `prefix` followed by a space: a longer match may exist.
pub fn has_longer(prefix: &str) -> bool {
    if tables::PREFIX_HASHES.binary_search(&fnv(prefix)).is_err() {
        return false;
    }
    // ' ' sorts before every letter, so "North Korea" comes right after "North" (if present).
    let i = tables::FORMS.partition_point(|(f, _, _)| *f <= prefix);
    tables::FORMS
        .get(i)
        .is_some_and(|(f, _, _)| f.len() > prefix.len() && f.starts_with(prefix) && f.as_bytes()[prefix.len()] == b' ')
}

/// True if `name` is a place: a LOC form of the gazetteer as written, or, in any case,
/// one of the countries, US states, capitals and large cities of `data/places.txt`
/// (GeoNames; see `scripts/derive_places.py`). Only entity resolution asks, of a name
/// the tagger took for a person's.
pub fn is_place(name: &str) -> bool {
    lookup(name).is_some_and(|e| e.kind == GazKind::Loc)
        || tables::PLACE_HASHES
            .binary_search(&(crate::text::fnv_lower(name) as u32))
            .is_ok()
}

/// The canonical name of entry `id` ("" for an unknown id).
pub fn name_of(id: u16) -> &'static str {
    tables::ENTRIES.get(id as usize).map(|e| e.1).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_sorted_and_resolve() {
        assert!(tables::FORMS.windows(2).all(|w| w[0].0 < w[1].0));
        let cases = [
            ("EU", GazKind::Org, "European Union"),
            ("U.S.", GazKind::Loc, "United States"),
            ("Britain", GazKind::Loc, "United Kingdom"),
            ("Japanese", GazKind::Demonym, "Japan"),
            ("AFP", GazKind::Org, "Agence France-Presse"),
            ("Foreign Minister", GazKind::Title, "Foreign Minister"),
            ("People’s Republic of China", GazKind::Loc, "China"),
        ];
        for (form, kind, name) in cases {
            let e = lookup(form).unwrap_or_else(|| panic!("{form} missing"));
            assert_eq!((e.kind, e.name), (kind, name), "{form}");
        }
        assert!(lookup("us").is_none());
        assert!(has_longer("North"));
        assert!(!has_longer("Tokyo"));
    }

    #[test]
    fn places_are_known_in_any_case_and_common_words_are_not() {
        let cases = [
            ("Madagascar", true),
            ("MADAGASCAR", true),
            ("Jacksonville", true),
            ("North Carolina", true),
            ("Tokyo", true),           // the hand-written gazetteer
            ("European Union", false), // in it, but not a place
            ("Mobile", false),         // a city, and a word news writes in lower case
            ("Borrell", false),
            ("", false),
        ];
        for (name, place) in cases {
            assert_eq!(is_place(name), place, "{name}");
        }
    }

    /// Every name of the derived list is found (the build hashes as the library does).
    #[test]
    fn every_listed_place_is_found() {
        let listed = include_str!("../../data/places.txt");
        let names: Vec<&str> = listed.lines().skip(1).filter(|l| !l.is_empty()).collect();
        assert!(names.len() > 1000);
        assert!(
            names.iter().all(|n| is_place(n)),
            "{:?}",
            names.iter().find(|n| !is_place(n))
        );
    }
}
