//! Alias resolution: one entity per referent across all sources.
//!
//! Mentions group by key (gazetteer entry, folded name, normalised date value).
//! Then the full names of one person join within a story ("Roy S. Moore", "Roy Moore";
//! "Bill Kristol", "William Kristol"; [`PersonName`]). Then short forms join long
//! ones: a lone surname joins the person whose full name ends (or, for names written
//! family-name first, starts) with it, and an unknown acronym joins the organisation or
//! place whose initials spell it. A short form joins only a long one of its own story:
//! pasted together, a story on wildlife rules and one on American football both say
//! "Bush", and mean two people.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{name_key, EntityType, GazKind, Key, Mention};
use crate::text::{fnv, fold, words, BuildFnv, Span};

/// An entity with the indices of its mentions (into the slice given to [`KeyedMentions::new`]).
#[derive(Debug, Clone)]
pub struct Entity {
    pub name: String,
    pub ty: EntityType,
    pub aliases: Vec<String>,
    pub mentions: Vec<usize>,
    pub value: Option<String>,
    pub roles: Vec<String>,
    pub related: Option<String>,
}

/// Groups `mentions` (of the sources `texts`, source `s` in story `story_of_source[s]`)
/// into entities, ordered by first mention: both passes at once.
#[cfg(test)]
pub fn resolve(texts: &[&str], mentions: &[Mention], story_of_source: &[usize]) -> Vec<Entity> {
    KeyedMentions::new(texts, mentions).resolve(texts, story_of_source)
}

/// Resolution's first pass, which needs no stories (so it can run while the stories
/// are found): mentions grouped by key, full person names by their first and last
/// words, and the acronyms of multi-word names. [`KeyedMentions::resolve`] does the rest.
pub struct KeyedMentions<'m> {
    mentions: &'m [Mention],
    /// Each mention's folded name words (none for dates and numbers).
    words_of: Vec<Vec<String>>,
    /// Hashes of words seen in names that do not open a sentence: evidence that a
    /// sentence-opening one-word name is a name too.
    confirmed: HashSet<u64, BuildFnv>,
    group_of: HashMap<&'m Key, usize, BuildFnv>,
    /// Each mention's group; short forms get theirs in the second pass.
    assigned: Vec<Option<usize>>,
    person_by_last: HashMap<String, Vec<usize>, BuildFnv>,
    person_by_first: HashMap<String, Vec<usize>, BuildFnv>,
    /// A full name (its first mention tagged PER) of each person group.
    full_name_of: HashMap<usize, usize, BuildFnv>,
    /// The full names of person groups taken apart, once full names are joined: (group,
    /// name). Read only for a presidency, which is rare, so a list does.
    person_names: Vec<(usize, PersonName)>,
    /// (mention, its name's initials, its group), in mention order.
    acronyms: Vec<(usize, String, usize)>,
}

impl<'m> KeyedMentions<'m> {
    /// The first pass over `mentions` of the sources `texts`.
    pub fn new(texts: &[&str], mentions: &'m [Mention]) -> Self {
        let surface = |m: &Mention| m.span.of(texts.get(m.source).copied().unwrap_or(""));
        let is_name = |m: &Mention| {
            matches!(
                m.ty,
                EntityType::Per | EntityType::Org | EntityType::Loc | EntityType::Misc
            )
        };
        let words_of: Vec<Vec<String>> = mentions
            .iter()
            .map(|m| if is_name(m) { name_words(surface(m)) } else { Vec::new() })
            .collect();
        let confirmed = mentions
            .iter()
            .zip(&words_of)
            .filter(|(m, _)| !m.sentence_initial)
            .flat_map(|(_, w)| w.iter().map(|w| crate::text::fnv(w)))
            .collect();
        let mut keyed = KeyedMentions {
            mentions,
            words_of,
            confirmed,
            group_of: HashMap::default(),
            assigned: vec![None; mentions.len()],
            person_by_last: HashMap::default(),
            person_by_first: HashMap::default(),
            full_name_of: HashMap::default(),
            person_names: Vec::new(),
            acronyms: Vec::new(),
        };
        for (i, m) in mentions.iter().enumerate() {
            let tokens = &keyed.words_of[i];
            let multiword = tokens.len() > 1;
            let deferred =
                matches!(m.key, Key::Bare(_)) || (m.ty == EntityType::Per && !multiword) || lone_misc(m, tokens);
            if deferred {
                continue; // decided in the second pass, once every full name is known
            }
            let next = keyed.group_of.len();
            let g = *keyed.group_of.entry(&m.key).or_insert(next);
            keyed.assigned[i] = Some(g);
            if m.ty == EntityType::Per && multiword {
                keyed.full_name_of.entry(g).or_insert(i);
                push_unique(
                    keyed
                        .person_by_last
                        .entry(tokens[tokens.len() - 1].clone())
                        .or_default(),
                    g,
                );
                push_unique(keyed.person_by_first.entry(tokens[0].clone()).or_default(), g);
            }
            if matches!(m.ty, EntityType::Org | EntityType::Loc | EntityType::Misc) && multiword {
                keyed.acronyms.push((i, acronym_of(tokens), g));
            }
        }
        keyed
    }

    /// The mentions this pass grouped.
    pub fn mentions(&self) -> &'m [Mention] {
        self.mentions
    }

    /// The second pass: short forms join the long forms they abbreviate, within their
    /// story (source `s` is in story `story_of_source[s]`); then the entities.
    pub fn resolve(mut self, texts: &[&str], story_of_source: &[usize]) -> Vec<Entity> {
        let mentions = self.mentions;
        let story = |m: &Mention| story_of_source.get(m.source).copied().unwrap_or(0);
        let surface = |m: &Mention| m.span.of(texts.get(m.source).copied().unwrap_or(""));
        self.join_full_names(texts, story_of_source);
        let mut counts = GroupCounts::with_capacity(mentions.len());
        for (m, g) in mentions.iter().zip(&self.assigned) {
            if let Some(g) = *g {
                counts.add(g, m.source, story(m));
            }
        }
        // Names most of whose mentions are tagged PER: the persons a lone MISC surname
        // may join ("Immelman" to "Trevor Immelman"). Not a place ("Aceh" to "Banda
        // Aceh", which one sentence tagged PER), nor a name that opens with a company's
        // ("CPUs" to "Intel CPUs").
        // KeyedMentions by a hash of the name's words (a map of its own key type would be one
        // more hash table compiled into the page).
        let name_hash = |words: &[String]| words.iter().fold(0u64, |h, w| h.rotate_left(5) ^ fnv(w));
        let mut per_votes: HashMap<u64, (usize, usize), BuildFnv> = HashMap::default();
        for (m, words) in mentions.iter().zip(&self.words_of) {
            if words.len() > 1 {
                let votes = per_votes.entry(name_hash(words)).or_default();
                *if m.ty == EntityType::Per {
                    &mut votes.0
                } else {
                    &mut votes.1
                } += 1;
            }
        }
        let is_person = |g: usize| {
            self.full_name_of
                .get(&g)
                .filter(|&&i| is_person_like(surface(&mentions[i])))
                .and_then(|&i| per_votes.get(&name_hash(&self.words_of[i])))
                .is_some_and(|&(per, other)| per > other)
        };
        let mut initials: HashMap<(usize, &str), usize, BuildFnv> = HashMap::default();
        for (i, acronym, g) in &self.acronyms {
            initials.entry((story(&mentions[*i]), acronym.as_str())).or_insert(*g);
        }
        // Groups of a president named by a surname before "administration" and no one
        // of the story named in full.
        let mut presidents: HashSet<usize, BuildFnv> = HashSet::default();
        for (i, m) in mentions.iter().enumerate() {
            if self.assigned[i].is_some() {
                continue;
            }
            let lone_misc = lone_misc(m, &self.words_of[i]);
            let opening_word = self.words_of[i].first();
            if m.sentence_initial
                && !lone_misc
                && !opening_word.is_some_and(|w| self.confirmed.contains(&crate::text::fnv(w)))
            {
                continue; // "Additionally," opening a sentence: capitalised, but not a name
            }
            let text = surface(m);
            let word = fold(text).trim_end_matches('.').replace('.', "");
            let by_last = self
                .person_by_last
                .get(&word)
                .or_else(|| self.person_by_last.get(&plain_surname(&word)));
            // "King said": a title standing alone names someone only by a surname. A lone
            // MISC word is a person only as the surname of someone its source names in
            // full ("added Immelman", tagged MISC beside "Trevor Immelman"), and else
            // keeps its own key.
            // "the Bush administration" beside "Jeb Bush" is another Bush's.
            let president = presidency_of(texts.get(m.source).copied().unwrap_or(""), m.span.end, &word);
            let nearest = if let Some(groups) = by_last {
                match president {
                    None => counts.nearest(groups, m.source, story(m)),
                    Some(presidents) => {
                        let fits = |g: &usize| {
                            self.person_names.iter().any(|(h, n)| {
                                h == g
                                    && n.suffix.is_none()
                                    && presidents.iter().any(|full| n.compatible(&PersonName::of_full(full)))
                            })
                        };
                        let groups: Vec<usize> = groups.iter().copied().filter(fits).collect();
                        counts.nearest(&groups, m.source, story(m))
                    }
                }
            } else if m.surname_only || lone_misc {
                None
            } else {
                // A given name alone ("Donald", in a friend's quote) or the family name of a
                // name written family-name first ("Xi"): only a person's, only if one person
                // of the story has it ("Rick" beside Rick Santorum and Rick Perry names
                // neither), and never a place ("Arizona" beside "Arizona State").
                let mut only = None;
                if let Some(groups) = self.person_by_first.get(&word) {
                    if !crate::lexicon::gazetteer::is_place(text) {
                        for &g in groups {
                            if counts.in_story(g, story(m)) && is_person(g) {
                                if only.is_some() {
                                    only = None;
                                    break;
                                }
                                only = Some(g);
                            }
                        }
                    }
                }
                only
            };
            // A common word, a place or a plural acronym stays itself ("Doctor" beside a
            // "Hello Doctor" tagged PER, "Aceh" beside "Banda Aceh", "CPUs").
            let surname = || {
                !crate::entities::tagger::is_common_hash(crate::text::fnv_lower(text))
                    && !crate::lexicon::gazetteer::is_place(text)
                    && !text.chars().nth(1).is_some_and(char::is_uppercase)
            };
            let joined =
                match nearest.filter(|&g| !lone_misc || (counts.names_in(g, m.source) && is_person(g) && surname())) {
                    Some(g) => Some(g),
                    None if m.surname_only => continue,
                    None if lone_misc => None,
                    None => initials
                        .get(&(story(m), word.as_str()))
                        .copied()
                        .filter(|_| text.chars().all(|c| c.is_uppercase() || c == '.')),
                };
            let g = joined.unwrap_or_else(|| {
                let next = self.group_of.len();
                *self.group_of.entry(&m.key).or_insert(next)
            });
            if joined.is_none() && president.is_some() {
                presidents.insert(g); // a person, however the tagger typed the word
            }
            self.assigned[i] = Some(g);
            counts.add(g, m.source, story(m));
        }
        build(texts, mentions, &self.assigned, &presidents)
    }
}

impl KeyedMentions<'_> {
    /// Joins the groups of full names that name one person in a story ("Roy S. Moore",
    /// "Roy Moore"; [`PersonName::compatible`]), unless a third name of that story fits
    /// one of the two and not the other: "George Bush" beside "George W. Bush" and
    /// "George H. W. Bush" joins neither. A group joins another only if every name of
    /// the one fits every name of the other, so two stories cannot chain "George W. Bush"
    /// to "George H. W. Bush" through a "George Bush" in each. Then lone surnames are
    /// looked up by each person's surname too ("Mueller" for "Robert S. Mueller III",
    /// "Rourke" for "O'Rourke").
    fn join_full_names(&mut self, texts: &[&str], story_of_source: &[usize]) {
        let mentions = self.mentions;
        let surface = |m: &Mention| m.span.of(texts.get(m.source).copied().unwrap_or(""));
        // How each person group's full-name mentions are tagged, and its stories. Groups
        // are numbered densely here, so vectors hold what maps would (this runs for every
        // mention of the input), and nothing is sorted: each sort and ordered map is code
        // of its own in the page's module.
        let groups = self.group_of.len();
        let mut votes: Vec<(u32, u32)> = vec![(0, 0); groups];
        let mut stories: Vec<Vec<usize>> = vec![Vec::new(); groups];
        let mut full = vec![false; groups];
        for &g in self.full_name_of.keys() {
            full[g] = true;
        }
        for (i, m) in mentions.iter().enumerate() {
            let Some(g) = self.assigned[i] else { continue };
            if self.words_of[i].len() < 2 || !full[g] {
                continue;
            }
            push_unique(&mut stories[g], story_of_source.get(m.source).copied().unwrap_or(0));
            if m.ty == EntityType::Per {
                votes[g].0 += 1;
            } else {
                votes[g].1 += 1;
            }
        }
        // A name mostly tagged PER, not a place's nor opening with an organisation's; in
        // group order.
        let people: Vec<(usize, PersonName)> = (0..groups)
            .filter(|&g| full[g])
            .filter_map(|g| self.full_name_of.get(&g).map(|&i| (g, i)))
            .filter(|&(g, i)| votes[g].0 >= votes[g].1 && is_person_like(surface(&mentions[i])))
            .filter_map(|(g, i)| PersonName::parse(&self.words_of[i]).map(|n| (g, n)))
            .collect();
        // The people of each story and surname, by a hash of the two (two surnames that
        // hash alike only cost comparisons: different surnames never fit).
        let mut buckets: HashMap<u64, Vec<usize>, BuildFnv> = HashMap::default();
        for (k, (g, name)) in people.iter().enumerate() {
            for &story in &stories[*g] {
                buckets
                    .entry(fnv(&name.surname).rotate_left(17) ^ story as u64)
                    .or_default()
                    .push(k);
            }
        }
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        // A surname shared by more than 64 full names in one story (a list, or hostile
        // input) joins none of them: the test below is cubic in a bucket's size.
        for members in buckets.values().filter(|m| (2..=64).contains(&m.len())) {
            let n = members.len();
            let mut fit = vec![false; n * n]; // each pair compared once
            for x in 0..n {
                for y in x + 1..n {
                    let both = people[members[x]].1.compatible(&people[members[y]].1);
                    fit[x * n + y] = both;
                    fit[y * n + x] = both;
                }
            }
            for x in 0..n {
                for y in x + 1..n {
                    if fit[x * n + y] && (0..n).all(|z| z == x || z == y || fit[z * n + x] == fit[z * n + y]) {
                        pairs.push((members[x], members[y]));
                    }
                }
            }
        }
        // The buckets' order is the hasher's, fixed, so the joins are the same every run.
        let mut sets = crate::union_find::UnionFind::new(people.len());
        let mut members: Vec<Vec<usize>> = (0..people.len()).map(|k| vec![k]).collect();
        for (a, b) in pairs {
            let (ra, rb) = (sets.find(a), sets.find(b));
            if ra == rb
                || !members[ra]
                    .iter()
                    .all(|&x| members[rb].iter().all(|&y| people[x].1.compatible(&people[y].1)))
            {
                continue;
            }
            sets.union(ra, rb);
            let root = sets.find(ra);
            let moved = std::mem::take(&mut members[if root == ra { rb } else { ra }]);
            members[root].extend(moved);
        }
        // Each joined group takes the id of its set's first group (people are in group order).
        let mut target: Vec<usize> = (0..groups).collect();
        let mut joined = false;
        for k in 0..people.len() {
            let first = people[members[sets.find(k)].iter().copied().min().unwrap_or(k)].0;
            if first != people[k].0 {
                target[people[k].0] = first;
                joined = true;
            }
        }
        let to = |g: usize| target.get(g).copied().unwrap_or(g);
        if joined {
            for g in self.assigned.iter_mut().flatten() {
                *g = to(*g);
            }
            for g in self.group_of.values_mut() {
                *g = to(*g);
            }
            for groups in self
                .person_by_last
                .values_mut()
                .chain(self.person_by_first.values_mut())
            {
                let mut kept = 0;
                for k in 0..groups.len() {
                    let g = to(groups[k]);
                    if !groups[..kept].contains(&g) {
                        groups[kept] = g;
                        kept += 1;
                    }
                }
                groups.truncate(kept);
            }
            for (_, _, g) in &mut self.acronyms {
                *g = to(*g);
            }
            // A joined group keeps its first full-name mention.
            for g in 0..groups {
                if to(g) != g {
                    if let Some(i) = self.full_name_of.remove(&g) {
                        let first = self.full_name_of.entry(to(g)).or_insert(i);
                        *first = (*first).min(i);
                    }
                }
            }
        }
        for (g, name) in people {
            let g = to(g);
            for key in name.surname_keys() {
                push_unique(self.person_by_last.entry(key).or_default(), g);
            }
            self.person_names.push((g, name));
        }
    }
}

/// A person's full name taken apart to compare with another: folded given names (an
/// initial is one letter), surname (apostrophes dropped: "O'Rourke" is written with
/// three kinds) and generational suffix.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PersonName {
    given: Vec<String>,
    surname: String,
    suffix: Option<String>,
}

impl PersonName {
    /// The name of folded words `words` ("robert", "s", "mueller", "iii"); `None` for one
    /// word. Stray marks are dropped ("john ?mclaughlin"), and initials run together
    /// are split ("h.w.").
    fn parse(words: &[String]) -> Option<PersonName> {
        let mut parts: Vec<String> = Vec::with_capacity(words.len() + 1);
        for word in words {
            let pieces: Vec<&str> = word.split('.').filter(|p| !p.is_empty()).collect();
            if pieces.len() > 1 && pieces.iter().all(|p| p.chars().count() == 1) {
                parts.extend(pieces.iter().map(|p| p.to_string()));
                continue;
            }
            let kept: String = word
                .chars()
                .filter(|&c| c.is_alphanumeric() || c == '-' || c == '\'')
                .map(without_accent)
                .collect();
            if kept.chars().any(char::is_alphanumeric) {
                parts.push(kept);
            }
        }
        let suffix = match parts.last() {
            Some(w) if is_generational_suffix(w) => parts.pop().map(|w| w.trim_end_matches(['.', ',']).to_string()),
            _ => None,
        };
        let surname = parts.pop()?.replace('\'', "");
        if parts.is_empty() || surname.is_empty() {
            return None;
        }
        Some(PersonName {
            given: parts,
            surname,
            suffix,
        })
    }

    /// A name written out in full ("George H. W. Bush").
    fn of_full(full: &str) -> PersonName {
        let words: Vec<String> = full.split_whitespace().map(fold).collect();
        PersonName::parse(&words).expect("a full name of two words or more")
    }

    /// The keys a lone surname may be looked up by: the surname, and after an "O'" or
    /// "D'" the rest too ("Rourke", as a tokenizer may leave it).
    fn surname_keys(&self) -> Vec<String> {
        let mut keys = vec![self.surname.clone()];
        if let Some(rest) = ["o", "d"].iter().find_map(|p| self.surname.strip_prefix(p)) {
            if rest.len() > 2 && self.surname.len() > 3 {
                keys.push(rest.to_string());
            }
        }
        keys
    }

    /// Whether the two names may be one person's: the same surname; first given names
    /// that are equal, a short form of one another ("Bill", "William") or an initial of
    /// the other, a leading initial aside ("A. Barry Rand", "Barry Rand"); middle names
    /// that one of the two leaves out ("Roy S. Moore", "Hillary Rodham Clinton") or
    /// that fit one by one ("Robert S. Mueller", "Robert Swan Mueller"); and no two
    /// different suffixes. So "George W. Bush" and "George H. W. Bush" are two people,
    /// as are "Jeb Bush" and "George W. Bush".
    ///
    /// "Jr." and "Sr." tell a son from his father, and an article that names both writes
    /// the one with and the other without: a name without the suffix fits the suffixed
    /// one only as the informal form of a formal name, which has a middle name the other
    /// leaves out ("Eric H. Holder Jr.", "Eric Holder"). "Donald Trump Jr." is not
    /// "Donald Trump" or "Donald J. Trump", nor "Jesse L. Jackson Jr." "Jesse L. Jackson".
    pub(crate) fn compatible(&self, other: &PersonName) -> bool {
        if self.surname != other.surname || matches!((&self.suffix, &other.suffix), (Some(a), Some(b)) if a != b) {
            return false;
        }
        let (a, b) = (&self.given, &other.given);
        let initial = |w: &str| w.chars().count() == 1;
        let middles = if given_fits(&a[0], &b[0]) {
            (&a[1..], &b[1..])
        } else if initial(&a[0]) && a.len() > 1 && !initial(&b[0]) && given_fits(&a[1], &b[0]) {
            (&a[2..], &b[1..])
        } else if initial(&b[0]) && b.len() > 1 && !initial(&a[0]) && given_fits(&b[1], &a[0]) {
            (&a[1..], &b[2..])
        } else {
            return false;
        };
        let family = |n: &PersonName| n.suffix.as_deref().is_some_and(|s| s == "jr" || s == "sr");
        let formal_and_informal = match (
            family(self),
            family(other),
            other.suffix.is_none(),
            self.suffix.is_none(),
        ) {
            (true, false, true, _) => !middles.0.is_empty() && middles.1.is_empty(),
            (false, true, _, true) => middles.0.is_empty() && !middles.1.is_empty(),
            _ => true,
        };
        formal_and_informal
            && match middles {
                ([], _) | (_, []) => true,
                (x, y) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| given_fits(p, q)),
            }
    }
}

/// A folded surname as [`PersonName`] keeps it: no apostrophes, no accents ("o'rourke"
/// is "orourke", "peña" "pena").
fn plain_surname(word: &str) -> String {
    word.chars().filter(|&c| c != '\'').map(without_accent).collect()
}

/// A lower-case Latin letter without its accent ("ú" is "u"): outlets write "Raúl
/// Labrador" and "Raul Labrador". Other characters are returned as they are.
fn without_accent(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ł' | 'ľ' | 'ļ' | 'ĺ' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

/// Two folded given names, or initials, that may be one person's.
fn given_fits(a: &str, b: &str) -> bool {
    match (a.chars().count() == 1, b.chars().count() == 1) {
        (true, true) => a == b,
        (true, false) => b.starts_with(a),
        (false, true) => a.starts_with(b),
        (false, false) => crate::lexicon::names::same_given_name(a, b),
    }
}

/// US presidents since 1900 by surname (public record): "the Bush administration" is
/// one of them, whichever other Bush the story names.
const PRESIDENTS: &[(&str, &[&str])] = &[
    ("biden", &["Joseph R. Biden"]),
    ("bush", &["George H. W. Bush", "George W. Bush"]),
    ("carter", &["James E. Carter"]),
    ("clinton", &["William J. Clinton"]),
    ("coolidge", &["Calvin Coolidge"]),
    ("eisenhower", &["Dwight D. Eisenhower"]),
    ("ford", &["Gerald R. Ford"]),
    ("harding", &["Warren G. Harding"]),
    ("hoover", &["Herbert C. Hoover"]),
    ("johnson", &["Lyndon B. Johnson"]),
    ("kennedy", &["John F. Kennedy"]),
    ("nixon", &["Richard M. Nixon"]),
    ("obama", &["Barack H. Obama"]),
    ("reagan", &["Ronald W. Reagan"]),
    ("roosevelt", &["Theodore Roosevelt", "Franklin D. Roosevelt"]),
    ("taft", &["William H. Taft"]),
    ("truman", &["Harry S. Truman"]),
    ("trump", &["Donald J. Trump"]),
    ("wilson", &["Woodrow Wilson"]),
];

/// The presidents a lone surname `word` (folded) names when it ends at byte `end` of
/// `text` before "administration", "presidency" or "White House" ("the Obama
/// administration", "Clinton's presidency"); `None` otherwise.
fn presidency_of(text: &str, end: usize, word: &str) -> Option<&'static [&'static str]> {
    let rest = text.get(end..)?;
    let rest = ["'s", "’s"].iter().find_map(|p| rest.strip_prefix(p)).unwrap_or(rest);
    let next = rest.strip_prefix(' ')?;
    if !["administration", "presidency", "White House"]
        .iter()
        .any(|w| next.starts_with(w))
    {
        return None;
    }
    PRESIDENTS
        .binary_search_by(|(s, _)| (*s).cmp(word))
        .ok()
        .map(|k| PRESIDENTS[k].1)
}

/// A one-word name tagged MISC: grouped by its own key, unless it is the surname of a
/// person its source names in full (the tagger's MISC for a surname it has not seen).
fn lone_misc(m: &Mention, words: &[String]) -> bool {
    m.ty == EntityType::Misc && words.len() == 1 && matches!(m.key, Key::Name(_))
}

fn push_unique(v: &mut Vec<usize>, g: usize) {
    if !v.contains(&g) {
        v.push(g);
    }
}

/// Mention counts per group, per source and per story, kept as mentions are assigned.
struct GroupCounts {
    in_source: HashMap<(usize, usize), usize, BuildFnv>,
    in_story: HashMap<(usize, usize), usize, BuildFnv>,
}

impl GroupCounts {
    /// Counts with room for `mentions` keys each, at most one per mention: they are
    /// only looked up, never listed, so their size changes no result.
    fn with_capacity(mentions: usize) -> Self {
        GroupCounts {
            in_source: HashMap::with_capacity_and_hasher(mentions, BuildFnv),
            in_story: HashMap::with_capacity_and_hasher(mentions, BuildFnv),
        }
    }

    fn add(&mut self, group: usize, source: usize, story: usize) {
        *self.in_source.entry((group, source)).or_default() += 1;
        *self.in_story.entry((group, story)).or_default() += 1;
    }

    /// Whether group `g` has a mention in `source` already.
    fn names_in(&self, g: usize, source: usize) -> bool {
        self.in_source.contains_key(&(g, source))
    }

    /// Whether group `g` has a mention in `story` already.
    fn in_story(&self, g: usize, story: usize) -> bool {
        self.in_story.contains_key(&(g, story))
    }

    /// Among candidate groups, the one most mentioned in `source`, else the one most
    /// mentioned in `story`; none if no candidate is mentioned in `story`.
    fn nearest(&self, groups: &[usize], source: usize, story: usize) -> Option<usize> {
        let key = |g: usize| {
            let here = self.in_source.get(&(g, source)).copied().unwrap_or(0);
            (
                here,
                self.in_story.get(&(g, story)).copied().unwrap_or(0),
                std::cmp::Reverse(g),
            )
        };
        groups
            .iter()
            .copied()
            .filter(|&g| self.in_story.contains_key(&(g, story)))
            .max_by_key(|&g| key(g))
    }
}

/// Folded words of a name, possessive dropped: "Josep Borrell's" -> ["josep", "borrell"].
fn name_words(s: &str) -> Vec<String> {
    let tokens = words(s, Span::new(0, s.len()));
    name_tokens(s, &tokens).map(fold).collect()
}

/// How many [`name_words`] `s` has, counted without copying them.
fn name_word_count(s: &str) -> usize {
    let tokens = words(s, Span::new(0, s.len()));
    name_tokens(s, &tokens).count()
}

/// The words of name `s` (its `tokens`) as written, without the "s" of a possessive (a
/// token of its own).
fn name_tokens<'a>(s: &'a str, tokens: &'a [crate::text::Token]) -> impl Iterator<Item = &'a str> {
    tokens
        .iter()
        .map(|t| t.span.of(s))
        .filter(|w| !w.eq_ignore_ascii_case("s"))
}

/// The shorter forms that may stand for the name `surface` of a mention of type `ty`
/// (as the second pass of [`KeyedMentions`] joins them to it): a person's surname, and first
/// and last name without the middle ones ("Edward J. Markey" -> "markey", "edward
/// markey"); the initials of a multi-word organisation, place or other name. Folded,
/// US-spelled like [`Key::Name`]; none for one-word names ("Agence France-Presse" has
/// two). Split at spaces only: it runs for every name of the input, and the tokeniser
/// costs more.
pub fn short_forms(ty: EntityType, surface: &str) -> Vec<String> {
    let mut words = surface
        .split_whitespace()
        .map(|w| w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w));
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return Vec::new(); // the common case: a one-word name
    };
    match ty {
        // KeyedMentions as a name is ([`Key::Name`]), so that a short form meets the key of the
        // mention that writes it. The surname is the last word before a generational
        // suffix ("Arcade Joseph Comeaux Jr." -> "comeaux").
        EntityType::Per => {
            let mut rest: Vec<&str> = words.collect();
            if rest.last().is_some_and(|w| is_generational_suffix(w)) {
                rest.pop();
            } else if rest.is_empty() && is_generational_suffix(second) {
                return vec![name_key(first)]; // "Cal Ripken Jr" written "Ripken Jr"
            }
            match rest.last() {
                None => vec![name_key(second)],
                Some(last) => vec![name_key(last), name_key(&format!("{first} {last}"))],
            }
        }
        EntityType::Org | EntityType::Loc | EntityType::Misc => vec![acronym_of(surface.split_whitespace())],
        _ => Vec::new(),
    }
}

/// The hash of a person's surname as [`short_forms`] finds it ("Herbert Flynn Jr" ->
/// "flynn"), for matching a lone word by [`name_hash`]; `None` for a one-word name.
pub fn surname_hash(full_name: &str) -> Option<u64> {
    short_forms(EntityType::Per, full_name).first().map(|s| fnv(s))
}

/// The hash of a word or name keyed as a name is ([`name_key`]): "Read" meets the
/// [`surname_hash`] of "Rory Read".
pub fn name_hash(word: &str) -> u64 {
    fnv(&name_key(word))
}

/// "Jr", "Sr." or a Roman numeral that follows a person's surname, in any case.
fn is_generational_suffix(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',']);
    ["jr", "sr", "ii", "iii", "iv"]
        .iter()
        .any(|s| word.eq_ignore_ascii_case(s))
}

/// Initials of the words, hyphenated parts included, small words left out:
/// "Agence France-Presse" -> "afp", "Bank of England" -> "be".
fn acronym_of<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> String {
    let mut initials = String::new();
    for word in words {
        let word = word.as_ref();
        if ["of", "the", "and", "for", "de"]
            .iter()
            .any(|small| word.eq_ignore_ascii_case(small))
        {
            continue;
        }
        for initial in word.split('-').filter_map(|part| part.chars().next()) {
            initials.extend(initial.to_lowercase());
        }
    }
    initials
}

/// The entities of the groups `assigned`; the groups in `persons` are people whatever
/// their mentions' types.
fn build(
    texts: &[&str],
    mentions: &[Mention],
    assigned: &[Option<usize>],
    persons: &HashSet<usize, BuildFnv>,
) -> Vec<Entity> {
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, g) in assigned.iter().enumerate() {
        if let Some(g) = g {
            members.entry(*g).or_default().push(i);
        }
    }
    let surface = |m: &Mention| m.span.of(texts.get(m.source).copied().unwrap_or(""));
    let mut entities: Vec<Entity> = members
        .into_iter()
        .map(|(g, mut idx)| {
            crate::sort::sort_by_key(&mut idx, |&i| (mentions[i].source, mentions[i].span.start));
            let mut ty = majority_type(idx.iter().map(|&i| mentions[i].ty));
            // A full name tagged PER that opens with a given name, and is also named by
            // its last word alone, is a person's, however the short mentions were tagged:
            // the tagger often calls a lone surname ORG ("Hansbrough said" after "Tyler
            // Hansbrough"). The surname test keeps out "Wayne State".
            if ty != EntityType::Per
                && idx.iter().any(|&i| {
                    let full = surface(&mentions[i]);
                    mentions[i].ty == EntityType::Per
                        && opens_with_given_name(full)
                        && full
                            .split_whitespace()
                            .rfind(|w| !is_generational_suffix(w))
                            .is_some_and(|last| idx.iter().any(|&j| surface(&mentions[j]) == last))
                })
            {
                ty = EntityType::Per;
            }
            // Distinct forms and roles, compared before they are copied (a name can have
            // thousands of mentions in a few forms).
            let mut forms: Vec<&str> = Vec::new();
            for &i in &idx {
                let s = surface(&mentions[i]);
                if !forms.contains(&s) {
                    forms.push(s);
                }
            }
            // Seeing one sentence, the tagger takes many places for people ("Madagascar",
            // "Jacksonville"): a person named by place names only is a place. One whose
            // full name is known is not ("Cam Newton" named "Newton").
            if ty == EntityType::Per && forms.iter().all(|f| crate::lexicon::gazetteer::is_place(f)) {
                ty = EntityType::Loc;
            }
            if persons.contains(&g) {
                ty = EntityType::Per;
            }
            let canonical = idx.iter().find_map(|&i| match mentions[i].key {
                Key::Gazetteer(id) => Some(crate::lexicon::gazetteer::name_of(id)),
                _ => None,
            });
            let name = canonical.map(str::to_string).unwrap_or_else(|| {
                forms
                    .iter()
                    .max_by_key(|f| (name_word_count(f), f.len()))
                    .map_or_else(String::new, |f| f.to_string())
            });
            let mut roles: Vec<&str> = Vec::new();
            for r in idx.iter().filter_map(|&i| mentions[i].role.as_deref()) {
                if !roles.contains(&r) {
                    roles.push(r);
                }
            }
            Entity {
                aliases: forms.into_iter().filter(|f| *f != name).map(str::to_string).collect(),
                roles: roles.into_iter().map(str::to_string).collect(),
                name,
                ty,
                value: idx.iter().find_map(|&i| mentions[i].value.clone()),
                related: idx.iter().find_map(|&i| mentions[i].related).map(str::to_string),
                mentions: idx,
            }
        })
        .collect();
    let first = |e: &Entity| e.mentions.first().map(|&i| (mentions[i].source, mentions[i].span.start));
    crate::sort::sort_by(&mut entities, |a, b| first(a).cmp(&first(b)));
    entities
}

/// True if `name` has two words or more and the first is a given name ("Tyler
/// Hansbrough", not "Banda Aceh" or "Tar Heels"). About 1 % of other words pass too
/// (the filter's false positives): a name must also be tagged PER and named by its
/// last word alone to count.
fn opens_with_given_name(name: &str) -> bool {
    crate::lexicon::names::given_name(name).is_some_and(|first| crate::lexicon::names::is_given_name(&first))
}

/// Whether a full name tagged PER may be a person's: not a place, and not opening with
/// an organisation of the gazetteer.
fn is_person_like(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or(name);
    !crate::lexicon::gazetteer::is_place(name)
        && crate::lexicon::gazetteer::lookup(first).is_none_or(|e| e.kind != GazKind::Org)
}

/// The most frequent type; PER wins ties with MISC (a bare surname among full names).
fn majority_type(types: impl Iterator<Item = EntityType>) -> EntityType {
    let mut counts: BTreeMap<EntityType, usize> = BTreeMap::new();
    for t in types {
        *counts.entry(t).or_default() += 1;
    }
    if counts.contains_key(&EntityType::Per) {
        let misc = counts.remove(&EntityType::Misc).unwrap_or(0);
        *counts.entry(EntityType::Per).or_default() += misc;
    }
    counts
        .into_iter()
        .max_by_key(|&(t, n)| (n, std::cmp::Reverse(t)))
        .map(|(t, _)| t)
        .unwrap_or(EntityType::Misc)
}

#[cfg(test)]
mod tests {
    use super::super::tag_source;
    use super::*;

    fn entities(sources: &[&str]) -> Vec<Entity> {
        entities_in_stories(sources, &vec![0; sources.len()])
    }

    fn entities_in_stories(sources: &[&str], story_of_source: &[usize]) -> Vec<Entity> {
        let mut mentions = Vec::new();
        for (s, text) in sources.iter().enumerate() {
            tag_source(text, s, &mut mentions);
        }
        resolve(sources, &mentions, story_of_source)
    }

    fn group_of<'a>(es: &'a [Entity], form: &str) -> &'a Entity {
        es.iter()
            .find(|e| e.name == form || e.aliases.iter().any(|a| a == form))
            .unwrap_or_else(|| panic!("no entity for {form}: {es:#?}"))
    }

    #[test]
    fn short_forms_of_names() {
        let cases: &[(EntityType, &str, &[&str])] = &[
            (EntityType::Per, "Edward J. Markey", &["markey", "edward markey"]),
            (EntityType::Per, "Takeshi Iwaya", &["iwaya"]),
            (
                EntityType::Per,
                "Arcade Joseph Comeaux Jr.",
                &["comeaux", "arcade comeaux"],
            ),
            (EntityType::Per, "Herbert Flynn Jr", &["flynn"]),
            (EntityType::Per, "Ripken Jr", &["ripken"]),
            (EntityType::Per, "Borrell", &[]),
            (EntityType::Org, "Agence France-Presse", &["afp"]),
        ];
        for &(ty, surface, forms) in cases {
            assert_eq!(short_forms(ty, surface), forms, "{surface}");
        }
    }

    #[test]
    fn a_full_name_opening_with_a_given_name_is_a_person() {
        let cases = [
            ("Tyler Hansbrough", true),
            ("George W. Bush", true),
            ("Sarah Palin's", true),
            ("Banda Aceh", false),
            ("Tar Heels", false),
            ("North Carolina", false),
            ("Tyler", false),
            ("", false),
        ];
        for (name, person) in cases {
            assert_eq!(opens_with_given_name(name), person, "{name}");
        }
    }

    fn person(full: &str) -> PersonName {
        PersonName::of_full(full)
    }

    /// Full names that differ by a middle name or initial, a suffix, a short given name,
    /// a leading initial or a stray mark fit; different given names, middle initials or
    /// suffixes do not.
    #[test]
    fn full_names_that_fit() {
        let fit = [
            ("Roy S. Moore", "Roy Moore"),
            ("Robert S. Mueller III", "Robert Mueller"),
            ("Robert S. Mueller", "Robert Swan Mueller"),
            ("Sarah Huckabee Sanders", "Sarah Sanders"),
            ("Hillary Rodham Clinton", "Hillary Clinton"),
            ("Bill Kristol", "William Kristol"),
            ("Bibi Netanyahu", "Benjamin Netanyahu"),
            ("Beto O'Rourke", "Robert Francis O’Rourke"),
            ("A. Barry Rand", "Barry Rand"),
            ("Christopher J. Dodd", "Chris Dodd"),
            ("John ?McLaughlin", "John McLaughlin"),
            ("George Bush", "George H.W. Bush"),
            ("J. Smith", "John Smith"),
            ("Eric H. Holder Jr.", "Eric Holder"),
            ("Joseph R. Biden Jr.", "Joe Biden"),
            ("Jesse L. Jackson Jr.", "Jesse Jackson Jr."),
            ("Raúl R. Labrador", "Raul Labrador"),
            ("Enrique Peña Nieto", "Enrique Pena Nieto"),
        ];
        for (a, b) in fit {
            assert!(person(a).compatible(&person(b)), "{a} / {b}");
            assert!(person(b).compatible(&person(a)), "{b} / {a}");
        }
        let apart = [
            ("George W. Bush", "George H. W. Bush"),
            ("Jeb Bush", "George W. Bush"),
            ("Bill Clinton", "Hillary Clinton"),
            ("John McCain", "John Skipper"),
            ("Rick Santorum", "Rick Perry"),
            ("Martin Luther King Jr.", "Martin Luther King Sr."),
            ("Donald Trump Jr.", "Donald Trump"),
            ("Donald Trump Jr.", "Donald J. Trump"),
            ("Jesse L. Jackson Jr.", "Jesse L. Jackson"),
            ("Mark Mattioli", "James Mattioli"),
            ("Ted Smith", "Ed Smith"),
        ];
        for (a, b) in apart {
            assert!(!person(a).compatible(&person(b)), "{a} / {b}");
        }
    }

    /// Each outlet's form of one person's name makes one entity, with the lone surname.
    #[test]
    fn one_person_across_outlets() {
        let cases: &[&[&str]] = &[
            &[
                "Republican Senate candidate Roy S. Moore denied the allegations on Friday.",
                "Roy Moore told supporters in Gallant that the reports were false. Moore said he would stay in the race.",
            ],
            &[
                "Special counsel Robert S. Mueller III has interviewed several aides.",
                "Robert Mueller was appointed in May. Mueller declined to comment through a spokesman.",
            ],
            &[
                "The magazine's founder, Bill Kristol, said the party had lost its way.",
                "William Kristol wrote on Twitter that he would back an independent. Kristol did not say whom.",
            ],
            &[
                "White House press secretary Sarah Huckabee Sanders said the president was not worried.",
                "Sarah Sanders told reporters the meeting went well. Sanders said the briefing would resume on Monday.",
            ],
            &[
                "Israeli Prime Minister Benjamin Netanyahu arrived in Washington on Sunday.",
                "Supporters chanted the name of Bibi Netanyahu outside the hotel. Netanyahu waved.",
            ],
            &[
                "Hillary Rodham Clinton spoke at the dinner in Manhattan.",
                "Hillary Clinton thanked the donors. Clinton said the campaign would go on.",
            ],
            &[
                "Rep. Beto O’Rourke drew a large crowd in El Paso on Tuesday.",
                "Robert O'Rourke, a Democrat, has raised more than his rival. O’Rourke said he would debate.",
            ],
            &[
                "Representative Raúl R. Labrador of Idaho entered the race on Friday.",
                "Raul Labrador said he was stunned by the result. Labrador is a former immigration lawyer.",
            ],
            &[
                "The board named A. Barry Rand as its chief executive.",
                "Barry Rand said the group would oppose the cuts. Rand spoke for ten minutes.",
            ],
        ];
        for sources in cases {
            let es = entities(sources);
            let people: Vec<&Entity> = es.iter().filter(|e| e.ty == EntityType::Per).collect();
            assert_eq!(people.len(), 1, "{sources:?}: {people:#?}");
            assert!(people[0].mentions.len() >= 3, "{sources:?}: {people:#?}");
        }
    }

    /// People who share a given name or a surname stay apart, and a lone given name or
    /// surname that two of them could have joins neither.
    #[test]
    fn namesakes_stay_apart() {
        let es = entities(&[
            "Sen. John McCain said ESPN president John Skipper had called him on Monday. John later denied it.",
            "Former senator Rick Santorum and Texas Gov. Rick Perry both spoke in Des Moines. Rick drew the larger crowd.",
        ]);
        for name in ["John McCain", "John Skipper", "Rick Santorum", "Rick Perry"] {
            let e = group_of(&es, name);
            assert_eq!(e.name, name, "{es:#?}");
            assert_eq!(e.mentions.len(), 1, "{name}: {e:#?}");
        }
        let es = entities(&[
            "Former Florida Gov. Jeb Bush criticized the use of private email.",
            "In 2007 Clinton criticized the Bush administration for its secrecy. Jeb Bush said she should release the server.",
        ]);
        let jeb = group_of(&es, "Jeb Bush");
        assert_eq!(jeb.mentions.len(), 2, "{es:#?}");
        let president = group_of(&es, "Bush");
        assert!(president.name == "Bush" && president.ty == EntityType::Per, "{es:#?}");
        // Told beside two presidents, "George Bush" could be either.
        let es = entities(&[
            "George W. Bush and his father George H. W. Bush attended the funeral. George Bush spoke first.",
        ]);
        for name in ["George W. Bush", "George H. W. Bush", "George Bush"] {
            assert_eq!(group_of(&es, name).name, name, "{es:#?}");
        }
    }

    /// "the Obama administration" is Barack Obama's when the story names him.
    #[test]
    fn an_administration_is_its_presidents() {
        let es = entities(&[
            "President Barack Obama met the families on Tuesday. Lawmakers dismissed warnings from the Obama administration.",
        ]);
        assert_eq!(group_of(&es, "Obama").name, "Barack Obama", "{es:#?}");
    }

    /// A place does not join a person or a team that starts or ends with its name.
    #[test]
    fn places_stay_places() {
        let es = entities(&[
            "Arizona State beat Oregon on Saturday. Fans across Arizona celebrated the win.",
            "George Washington crossed the Delaware in 1776. Washington is now a city of 700,000 people.",
        ]);
        assert_ne!(group_of(&es, "Arizona").name, "Arizona State", "{es:#?}");
        let george = group_of(&es, "George Washington");
        assert_eq!((george.ty, george.mentions.len()), (EntityType::Per, 1), "{es:#?}");
    }

    /// Forms of one name join within a story only, as short forms do.
    #[test]
    fn full_names_join_within_a_story() {
        let sources = [
            "Roy Moore spoke in Montgomery on Friday.",
            "Roy S. Moore, a retired engineer, wrote to the council.",
        ];
        let apart = entities_in_stories(&sources, &[0, 1]);
        assert_ne!(
            group_of(&apart, "Roy Moore").name,
            group_of(&apart, "Roy S. Moore").name
        );
        let one = entities(&sources);
        assert_eq!(group_of(&one, "Roy Moore").name, "Roy S. Moore", "{one:#?}");
    }

    /// A title word standing alone ("King said") is the surname of a person named in
    /// full in the story, and nothing otherwise.
    #[test]
    fn a_title_standing_alone_is_a_surname_or_nothing() {
        let es = entities(&[
            "Witness Tishana King saw the shooting from her window.",
            "\u{201c}Kimani started backing up,\u{201d} King said. King said the street was lit.",
        ]);
        let king = group_of(&es, "King");
        assert_eq!(
            (king.name.as_str(), king.ty, king.mentions.len()),
            ("Tishana King", EntityType::Per, 3)
        );
        let alone = entities(&["The King said the palace would open. Then King said the talks would resume."]);
        assert!(alone.iter().all(|e| e.ty != EntityType::Per), "{alone:#?}");
    }

    /// The tagger calls the lone surname ORG in most of these sentences; the full name,
    /// which opens with a given name, makes the entity a person.
    #[test]
    fn lone_surnames_typed_org_join_a_person() {
        let es = entities(&[
            "Tyler Hansbrough scored 20 points on Thursday night.",
            "Hansbrough broke the record. Hansbrough said the crowd was loud. Hansbrough thanked Ford.",
        ]);
        let person = group_of(&es, "Hansbrough");
        assert_eq!(person.name, "Tyler Hansbrough");
        assert_eq!(person.ty, EntityType::Per, "{es:#?}");
    }

    /// The tagger calls these lone surnames MISC; the full name in the same source makes
    /// them the person's. A common word, a place or a plural acronym does not join.
    #[test]
    fn lone_surnames_typed_misc_join_a_person_named_in_full() {
        let es = entities(&[
            "Golf - U.S. Masters champion Trevor Immelman has become the fourth South African to be awarded honorary life membership of the European Tour. “To become an honorary life member is something extremely special,” added Immelman who follows in the footsteps of compatriots Gary Player and Ernie Els.",
        ]);
        let person = group_of(&es, "Immelman");
        assert_eq!(person.name, "Trevor Immelman", "{es:#?}");
        assert_eq!(person.ty, EntityType::Per);
    }

    /// The tagger calls these places persons, seeing one sentence; a "person" named by
    /// place names only is a place, unless the full name of a person has the name.
    #[test]
    fn a_person_named_only_by_place_names_is_a_place() {
        let es = entities(&[
            "Speaking in South Sudan's capital, Juba, Mr. Kiir denounced the government.",
            "AMD agreed to buy Markham, Ont-based ATI for $5.4 billion.",
        ]);
        for place in ["Juba", "Markham"] {
            assert_eq!(group_of(&es, place).ty, EntityType::Loc, "{place}: {es:#?}");
        }
        let es = entities(&[
            "Cam Newton in 2011 had the previous record with 4,051 yards.",
            "Luck broke Newton's record of 4,051 yards passing in the second quarter.",
        ]);
        let newton = group_of(&es, "Newton");
        assert_eq!((newton.name.as_str(), newton.ty), ("Cam Newton", EntityType::Per));
    }

    #[test]
    fn aliases_across_sources() {
        let es = entities(&[
            "EU foreign policy chief Josep Borrell met Japanese Foreign Minister Takeshi Iwaya in Tokyo. Borrell said the EU and Japan agreed.",
            "High Representative Borrell, on a mission to Japan, wrote on X. The European Union and the U.S. agreed. Iwaya added more.",
            "Borrell conferred with Defense Minister Gen Nakatani. He met General Nakatani. The United States, the US and Britain and the UK.",
            "The text, seen by Agence France-Presse, was confirmed by AFP.",
        ]);
        let groups: &[&[&str]] = &[
            &["Josep Borrell", "Borrell"],
            &["EU", "European Union"],
            &["Takeshi Iwaya", "Iwaya"],
            &["Gen Nakatani", "Nakatani"],
            &["U.S.", "United States", "US"],
            &["Britain", "UK"],
            &["Agence France-Presse", "AFP"],
        ];
        for group in groups {
            let first = group_of(&es, group[0]).name.clone();
            for form in *group {
                assert_eq!(group_of(&es, form).name, first, "{form} should be with {}", group[0]);
            }
        }
        let borrell = group_of(&es, "Borrell");
        assert_eq!(borrell.name, "Josep Borrell");
        assert_eq!(borrell.ty, EntityType::Per);
        assert!(
            borrell.roles.iter().any(|r| r == "EU foreign policy chief"),
            "{:?}",
            borrell.roles
        );
        assert!(borrell.roles.iter().any(|r| r == "High Representative"));
        assert_eq!(group_of(&es, "Gen Nakatani").name, "Gen Nakatani");
        let japanese = group_of(&es, "Japanese");
        assert_eq!(
            (japanese.ty, japanese.related.as_deref()),
            (EntityType::Misc, Some("Japan"))
        );
        assert_ne!(group_of(&es, "Japan").name, japanese.name);
    }

    #[test]
    fn unconfirmed_sentence_openers_are_dropped() {
        let es = entities(&["Cooperation matters. Borrell left. Later, Josep Borrell returned."]);
        assert!(es.iter().all(|e| e.name != "Cooperation"));
        assert_eq!(group_of(&es, "Borrell").name, "Josep Borrell");
    }

    #[test]
    fn acronyms_join_their_expansion() {
        let es = entities(&["The Korean Workers Alliance met. Later the KWA said no."]);
        assert_eq!(group_of(&es, "KWA").name, "Korean Workers Alliance");
    }

    /// Short forms join long ones of their own story only; full names hold everywhere.
    #[test]
    fn short_forms_stay_in_their_story() {
        let sources = [
            "Running back Reggie Bush scored twice. Bush ran for 120 yards. The National Football League said so.",
            "The rule was issued by the administration of George W. Bush in December. Bush signed it. The World Boxing Council met.",
            "Critics said Bush had weakened the law. The NFL and the WBC were not involved.",
        ];
        let es = entities_in_stories(&sources, &[0, 1, 1]);
        let names_of = |form: &str| -> Vec<&str> {
            es.iter()
                .filter(|e| e.name == form || e.aliases.iter().any(|a| a == form))
                .map(|e| e.name.as_str())
                .collect()
        };
        // "Bush" of story 0 is Reggie Bush; of story 1 George W. Bush, in the source
        // that names no Bush in full too.
        assert_eq!(names_of("Bush"), ["Reggie Bush", "George W. Bush"]);
        assert_eq!(group_of(&es, "Reggie Bush").mentions.len(), 2);
        assert_eq!(group_of(&es, "George W. Bush").mentions.len(), 3);
        // An acronym joins the expansion in its story only.
        assert_eq!(names_of("WBC"), ["World Boxing Council"]);
        assert_eq!(names_of("NFL"), ["NFL"]);
        // Told as one story, NFL goes with its expansion.
        let one = entities(&sources);
        assert_eq!(group_of(&one, "NFL").name, "National Football League");
    }
}
