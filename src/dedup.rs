//! Stage 3, deduplicate: group sentences that say the same thing.
//!
//! Each sentence becomes a set of normalised content terms (lower case, US
//! spelling, light stemming, stop words dropped, number words as digits). Near
//! duplicates are found without comparing all pairs: MinHash signatures are cut
//! into LSH bands, and only sentences sharing a band bucket are compared, each
//! against at most [`MAX_PROBES`] earlier members of the bucket, so even ten
//! thousand identical sentences cost linear time. A candidate pair is merged when
//! the exact Jaccard similarity of the term sets (or their containment, for one
//! sentence that extends another) clears a threshold. Groups are the connected
//! components (union-find).

use std::collections::{HashMap, HashSet};

use crate::text::hash::{mix, FNV_OFFSET};
use crate::paraphrase::{self, Facts, Placed, StoryFrequencies};
use crate::text::{fold, shared_count, BuildFnv};
use crate::threads;
use crate::union_find::UnionFind;

const BANDS: usize = 16;
const ROWS: usize = 3;
const HASHES: usize = BANDS * ROWS;
/// How many earlier members of an LSH bucket, or of a concept's postings, a new
/// sentence is compared with.
const MAX_PROBES: usize = 8;
const MIN_JACCARD: f64 = 0.6;
const MIN_CONTAINMENT: f64 = 0.9;
const MIN_TERMS_FOR_CONTAINMENT: usize = 6;

/// What deduplication found: groups of sentences that are one statement, and links
/// between sentences of different groups that share a fact.
pub struct Grouped {
    /// For each sentence, the index of its group, groups numbered by first appearance.
    pub groups: Vec<usize>,
    /// Pairs of sentences of two sources (earlier, later) that state one fact, one of
    /// them among more. They stay two statements, and [`crate::merge`] credits the
    /// fact to both.
    pub links: Vec<(u32, u32)>,
}

/// Groups `sentences` into statements; `facts[i]` are the [`Facts`] of `sentences[i]`
/// (its normalised content terms for shingling, its concepts for the paraphrase pass).
/// `source[i]` and `story[i]` are sentence `i`'s source and its story: sentences of
/// different stories never merge, and one source's sentences merge only as near copies
/// (an article that says a thing twice in other words usually says two things). With
/// `parallel`, the second pass runs on a thread of its own.
pub fn group(sentences: &[&str], facts: &[Facts], source: &[usize], story: &[usize], parallel: bool) -> Grouped {
    let mut sets = UnionFind::new(sentences.len());
    let surnames = person_surnames(facts);
    // Sentences of one story, and not about different people, may be one statement.
    let may_join = |i: usize, j: usize| story[i] == story[j] && !disjoint(&surnames[i], &surnames[j]);
    let mut in_source = Vec::new();
    let ordinal: Vec<u32> = source
        .iter()
        .map(|&s| {
            if in_source.len() <= s {
                in_source.resize(s + 1, 0u32);
            }
            in_source[s] += 1;
            in_source[s] - 1
        })
        .collect();
    let placed = |i: usize| Placed {
        facts: &facts[i],
        story: story[i],
        source: source[i],
        ordinal: ordinal[i],
    };
    let links = if parallel {
        // Both passes only join sets, so each may work on sets of its own, joined after.
        // The paraphrase pass then also compares pairs that the first pass already joined
        // (one thread skips them), and joining those again changes nothing; a link
        // between sentences the first pass joined is dropped by the merge.
        let paraphrases = || {
            let mut own = UnionFind::new(sentences.len());
            let links = join_paraphrases(&mut own, facts, story, &placed, &may_join);
            (own, links)
        };
        let ((), (paraphrases, links)) = threads::join(
            true,
            || join_near_duplicates(&mut sets, sentences, facts, &may_join),
            paraphrases,
        );
        sets.absorb(paraphrases);
        links
    } else {
        join_near_duplicates(&mut sets, sentences, facts, &may_join);
        join_paraphrases(&mut sets, facts, story, &placed, &may_join)
    };
    Grouped {
        groups: sets.components(),
        links,
    }
}

/// First pass: copies and near copies, by MinHash LSH over the content terms.
fn join_near_duplicates(
    sets: &mut UnionFind,
    sentences: &[&str],
    facts: &[Facts],
    may_join: &(impl Fn(usize, usize) -> bool + Sync),
) {
    let mut buckets = Buckets::with_capacity(sentences.len() * BANDS);
    let mut exact: HashMap<String, usize, BuildFnv> = HashMap::with_hasher(BuildFnv);
    // The candidates a sentence was compared with, over all its bands.
    let mut compared: Vec<u32> = Vec::with_capacity(BANDS * MAX_PROBES);
    for (i, t) in facts.iter().map(|f| &f.terms).enumerate() {
        if t.is_empty() {
            // No content words ("Yes.", "..."): only identical text is the same statement.
            let key = fold(sentences[i]);
            match exact.get(&key) {
                Some(&j) => sets.union(i, j),
                None => {
                    exact.insert(key, i);
                }
            }
            continue;
        }
        let signature = minhash(t);
        compared.clear();
        for band in 0..BANDS {
            let key = mix(band_hash(&signature[band * ROWS..(band + 1) * ROWS]) ^ band as u64);
            for &j in buckets.members_then_add(key, i as u32).members() {
                // A near-duplicate shares many bands: `compared` keeps it to one test.
                consider(sets, &mut compared, may_join, i, j, |j| {
                    same_statement(t, &facts[j].terms)
                });
            }
        }
    }
}

/// A concept that more sentences of its story hold than this is the story's subject
/// ("Mattis", "resign"): sharing it says nothing of sharing a fact, so it brings no
/// candidates (and bounds each sentence's walk through the postings).
const MAX_SHARERS: u32 = 12;
/// Rarer concepts two sentences must share to be compared, and how many candidates (most
/// shared first) a sentence is compared with at most: the cost stays linear.
const MIN_SHARED_RARE: u8 = 3;
const MAX_CANDIDATES: usize = 8;
/// Fewer shared concepts than this cannot make two sentences one fact.
const MIN_SHARED_CONCEPTS: usize = 3;
/// Two sentences of different sources that the verifier calls one fact become one
/// statement when each holds at least this weighted share of the other's concepts
/// ([`paraphrase::story_features`]'s smaller share); with less, one says more than the
/// other, and they are linked.
const EQUIVALENT: f32 = 0.8;

/// Second pass: the same fact in other words. Each sentence is compared with the
/// earlier sentences of its story that share the most of its rarer concepts (at least
/// [`MIN_SHARED_RARE`]; postings per concept and story, concepts held by more than
/// [`MAX_SHARERS`] sentences left out, so the cost stays linear), by the paraphrase
/// verifier. When it is confident and their names, numbers and dates do not disagree,
/// two sentences of different sources that say no more than each other are joined; the
/// other pairs are returned as links.
fn join_paraphrases<'a>(
    sets: &mut UnionFind,
    facts: &'a [Facts],
    story: &[usize],
    placed: &(impl Fn(usize) -> Placed<'a> + Sync),
    may_join: &(impl Fn(usize, usize) -> bool + Sync),
) -> Vec<(u32, u32)> {
    let verifier = paraphrase::Verifier::embedded();
    let frequencies = StoryFrequencies::new(facts, story);
    // Candidates meet by whole concepts ("test-fired"), counted per story; the
    // verifier's story features weigh their parts. Per concept key: the sentences
    // holding it, where its postings start in `postings`, and how many are there yet
    // (filled as sentences arrive).
    let key = |i: usize, c: u64| StoryFrequencies::key(story[i], c);
    let concepts: usize = facts.iter().map(|f| f.concepts.len()).sum();
    let mut index: HashMap<u64, [u32; 3], BuildFnv> = HashMap::with_capacity_and_hasher(concepts, BuildFnv);
    for (i, f) in facts.iter().enumerate() {
        for &c in &f.concepts {
            index.entry(key(i, c)).or_default()[0] += 1;
        }
    }
    let mut total = 0u32;
    for [held, start, _] in index.values_mut() {
        if (2..=MAX_SHARERS).contains(held) {
            *start = total;
            total += *held;
        }
    }
    let mut postings = vec![0u32; total as usize];
    // Shared rarer concepts per earlier sentence, for the sentence at hand (`seen_by`
    // marks which sentence last touched a count, so nothing is cleared between sentences).
    let mut shared = vec![0u8; facts.len()];
    let mut seen_by = vec![u32::MAX; facts.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut ranked: Vec<u64> = Vec::new();
    let mut links = Vec::new();
    for (i, f) in facts.iter().enumerate() {
        touched.clear();
        for &c in &f.concepts {
            let Some([held, start, len]) = index.get_mut(&key(i, c)) else {
                continue;
            };
            if !(2..=MAX_SHARERS).contains(held) {
                continue;
            }
            let list = &mut postings[*start as usize..(*start + *held) as usize];
            for &j in &list[..*len as usize] {
                let j = j as usize;
                if seen_by[j] != i as u32 {
                    seen_by[j] = i as u32;
                    shared[j] = 0;
                    touched.push(j as u32);
                }
                shared[j] = shared[j].saturating_add(1);
            }
            if let Some(slot) = list.get_mut(*len as usize) {
                *slot = i as u32;
                *len += 1;
            }
        }
        // Most shared first, then the latest (the key packs both into one sortable word).
        // One source's two tellings are left as they are (only pass 1 joins them, and
        // on the tuning sample most links between them were wrong): not compared.
        ranked.clear();
        let own_source = placed(i).source;
        ranked.extend(
            touched
                .iter()
                .filter(|&&j| shared[j as usize] >= MIN_SHARED_RARE && placed(j as usize).source != own_source)
                .map(|&j| u64::from(u8::MAX - shared[j as usize]) << 32 | u64::from(u32::MAX - j)),
        );
        ranked.sort_unstable();
        for &packed in ranked.iter().take(MAX_CANDIDATES) {
            let j = (u32::MAX - packed as u32) as usize;
            if !may_join(i, j) || sets.find(i) == sets.find(j) {
                continue;
            }
            // The same content words make a copy, as in the first pass: no verifier
            // needed (with two threads, this pass meets the copies the first joins).
            let verdict = if f.terms == facts[j].terms {
                Verdict::Join
            } else {
                verdict(verifier, placed(j), placed(i), &frequencies)
            };
            match verdict {
                Verdict::Join => sets.union(i, j),
                Verdict::Link => links.push((j as u32, i as u32)),
                Verdict::Apart => {}
            }
        }
    }
    links
}

/// What the verifier makes of a pair.
enum Verdict {
    /// Different facts.
    Apart,
    /// One fact, which one of them states among more.
    Link,
    /// One fact, and neither says much more.
    Join,
}

/// Each sentence's surnames of the people it names ([`Facts::people`]), counting as
/// people only the names tagged PER in most of the sentences that name them: seeing
/// one sentence, the tagger takes many places and teams for people ("Brooklyn", "Tar
/// Heels"). Sentences naming people with no surname in common are about different
/// people ("Reggie Bush" and "Pierre Thomas" placed on injured reserve).
fn person_surnames(facts: &[Facts]) -> Vec<Vec<u64>> {
    // Per name key: sentences tagging it PER (high half) and sentences naming it (low
    // half), in one u64: the map type the synonym table uses, so no more code in the page.
    let mut counts: HashMap<u64, u64, BuildFnv> = HashMap::default();
    for f in facts {
        for &key in &f.named.keys {
            *counts.entry(key).or_default() += 1;
        }
        for &(key, _) in &f.people {
            *counts.entry(key).or_default() += 1 << 32;
        }
    }
    let is_person = |key: &u64| counts.get(key).is_some_and(|&n| 2 * (n >> 32) > n & 0xffff_ffff);
    // A one-word organisation that is a person's surname names that person: the tagger
    // often calls a lone surname ORG ("Newsom signs bill" after "Gavin Newsom"). Its
    // key hashes as the surname does.
    let surnames_known: HashSet<u64, BuildFnv> = facts
        .iter()
        .flat_map(|f| {
            f.people
                .iter()
                .filter(|(key, _)| is_person(key))
                .map(|&(_, surname)| surname)
        })
        .collect();
    facts
        .iter()
        .map(|f| {
            let mut surnames: Vec<u64> = f
                .people
                .iter()
                .filter(|(key, _)| is_person(key))
                .map(|&(_, surname)| surname)
                .chain(
                    f.lone_organisations
                        .iter()
                        .copied()
                        .filter(|key| surnames_known.contains(key)),
                )
                .collect();
            surnames.sort_unstable();
            surnames.dedup();
            surnames
        })
        .collect()
}

/// Both lists have members, and none in common (both sorted).
fn disjoint(x: &[u64], y: &[u64]) -> bool {
    !x.is_empty() && !y.is_empty() && shared_count(x, y) == 0
}

/// Joins sentence `i` and candidate `j` if they `may_join`, are not one group yet, and
/// `same(j)` says they state the same thing. `compared` lists the candidates `i` has
/// met so far: each is considered once.
fn consider(
    sets: &mut UnionFind,
    compared: &mut Vec<u32>,
    may_join: impl Fn(usize, usize) -> bool,
    i: usize,
    j: u32,
    same: impl FnOnce(usize) -> bool,
) {
    if compared.contains(&j) {
        return;
    }
    compared.push(j);
    let j = j as usize;
    if may_join(i, j) && sets.find(i) != sets.find(j) && same(j) {
        sets.union(i, j);
    }
}

/// The verifier's verdict, with hard vetoes: statements that name different people or
/// places, give different numbers or dates, or where one is negated and the other not,
/// are different facts (a wrong merge would credit a source with what it did not say).
fn verdict(verifier: &paraphrase::Verifier, a: Placed, b: Placed, story: &StoryFrequencies) -> Verdict {
    let (x, y) = (a.facts, b.facts);
    if shared_count(&x.concepts, &y.concepts) < MIN_SHARED_CONCEPTS {
        return Verdict::Apart; // the common case, decided before computing any feature
    }
    if x.negated != y.negated
        || x.named.disjoint(&y.named)
        || disjoint(&x.numbers, &y.numbers)
        || disjoint(&x.dates, &y.dates)
    {
        return Verdict::Apart;
    }
    let features = paraphrase::features(a, b, story);
    if verifier.probability(&features) < verifier.threshold {
        Verdict::Apart
    } else if features[paraphrase::PAIR_FEATURES] >= EQUIVALENT {
        Verdict::Join
    } else {
        Verdict::Link
    }
}

/// The first [`MAX_PROBES`] sentences that fell into one LSH bucket.
#[derive(Default, Clone, Copy)]
struct Bucket {
    members: [u32; MAX_PROBES],
    len: u8,
}

impl Bucket {
    fn members(&self) -> &[u32] {
        &self.members[..self.len as usize]
    }

    fn push(&mut self, i: u32) {
        if (self.len as usize) < MAX_PROBES {
            self.members[self.len as usize] = i;
            self.len += 1;
        }
    }
}

/// Bounded buckets of sentences by key: the LSH buckets (by band key) and the
/// paraphrase candidates (by rare concept). Most buckets only ever hold one sentence, so
/// the table stores a lone member itself and moves a bucket to `spilled` when a second
/// arrives: a table of whole [`Bucket`]s was three times larger, and its lookups (one
/// per band of every sentence) missed the processor's cache.
struct Buckets {
    /// A lone member, or [`SPILLED`] plus the bucket's index in `spilled`.
    table: HashMap<u64, u32, BuildFnv>,
    spilled: Vec<Bucket>,
}

/// Marks a [`Buckets::table`] value as an index into [`Buckets::spilled`].
const SPILLED: u32 = 1 << 31;

impl Buckets {
    fn with_capacity(keys: usize) -> Self {
        Buckets {
            table: HashMap::with_capacity_and_hasher(keys, BuildFnv),
            spilled: Vec::new(),
        }
    }

    /// The bucket of `key` as it was, and adds sentence `i` to it (if it has room).
    fn members_then_add(&mut self, key: u64, i: u32) -> Bucket {
        use std::collections::hash_map::Entry;
        if i >= SPILLED {
            // Past two billion sentences (only with limits raised far beyond the
            // defaults) the index would read as a spill mark: no candidates, no panic.
            return Bucket::default();
        }
        match self.table.entry(key) {
            Entry::Vacant(slot) => {
                slot.insert(i);
                Bucket::default()
            }
            Entry::Occupied(mut slot) => {
                let value = *slot.get();
                if value & SPILLED == 0 {
                    let lone = Bucket {
                        members: [value; MAX_PROBES],
                        len: 1,
                    };
                    let mut grown = lone;
                    grown.push(i);
                    *slot.get_mut() = SPILLED | self.spilled.len() as u32;
                    self.spilled.push(grown);
                    lone
                } else {
                    let bucket = &mut self.spilled[(value & !SPILLED) as usize];
                    let before = *bucket;
                    bucket.push(i);
                    before
                }
            }
        }
    }
}

/// Jaccard of the term sets, or containment of the smaller in the larger.
fn same_statement(a: &[u64], b: &[u64]) -> bool {
    let shared = shared_count(a, b);
    let union = a.len() + b.len() - shared;
    let smaller = a.len().min(b.len());
    let jaccard = shared as f64 / union.max(1) as f64;
    let containment = shared as f64 / smaller.max(1) as f64;
    jaccard >= MIN_JACCARD || (smaller >= MIN_TERMS_FOR_CONTAINMENT && containment >= MIN_CONTAINMENT)
}

/// MinHash signature. Terms are already 64-bit hashes, so each of the
/// [`HASHES`] permutations is one xor-multiply-fold (cheap; it runs for every
/// term of every sentence).
fn minhash(terms: &[u64]) -> [u64; HASHES] {
    // Eight permutations at a time over all terms: their running minima stay in
    // registers, and each pass over the terms serves eight of them.
    const AT_ONCE: usize = 8;
    let mut signature = [u64::MAX; HASHES];
    for (minima, seeds) in signature
        .chunks_exact_mut(AT_ONCE)
        .zip(SEEDS.chunks_exact(AT_ONCE))
    {
        let mut running = [u64::MAX; AT_ONCE];
        for &t in terms {
            for (min, &seed) in running.iter_mut().zip(seeds) {
                let h = (t ^ seed).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                *min = (*min).min(h ^ (h >> 29));
            }
        }
        minima.copy_from_slice(&running);
    }
    signature
}

fn band_hash(rows: &[u64]) -> u64 {
    rows.iter().fold(FNV_OFFSET, |acc, &r| mix(acc ^ r))
}

const SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut i = 0;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    while i < HASHES {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        seeds[i] = state;
        i += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    /// A bucket answers with the members it had, keeps the first [`MAX_PROBES`], and
    /// keys never see each other's members, whether lone or spilled.
    #[test]
    fn buckets_return_earlier_members_and_keep_the_first_few() {
        let mut buckets = Buckets::with_capacity(4);
        let mut expected: Vec<u32> = Vec::new();
        for i in 0..12u32 {
            assert_eq!(
                buckets.members_then_add(7, i).members(),
                &expected[..],
                "key 7, sentence {i}"
            );
            if expected.len() < MAX_PROBES {
                expected.push(i);
            }
            let other = buckets.members_then_add(1000 + u64::from(i), 100 + i);
            assert!(other.members().is_empty(), "a new key starts empty");
        }
        assert_eq!(buckets.members_then_add(1003, 5).members(), &[103]);
        assert_eq!(buckets.members_then_add(1003, 6).members(), &[103, 5]);
        assert!(
            buckets.members_then_add(7, SPILLED).members().is_empty(),
            "an index too large to store"
        );
    }

    fn group_texts(s: &[&str]) -> Vec<usize> {
        let (mut words, mut terms) = Default::default();
        let facts: Vec<Facts> = s
            .iter()
            .map(|t| paraphrase::facts_of_text(t, &mut words, &mut terms))
            .collect();
        let story = vec![0; s.len()];
        // Each sentence its own source, as in a batch of one-sentence articles.
        let source: Vec<usize> = (0..s.len()).collect();
        let serial = group(s, &facts, &source, &story, false).groups;
        assert_eq!(group(s, &facts, &source, &story, true).groups, serial, "the passes on two threads");
        serial
    }

    #[test]
    fn merge_verdicts_on_pairs() {
        let verifier = paraphrase::Verifier::embedded();
        let (mut words, mut terms) = Default::default();
        let mut facts = |s: &str| paraphrase::facts_of_text(s, &mut words, &mut terms);
        let cases = [
            (
                "Thousands of North Korean troops are in Russia readying to fight in Ukraine.",
                "Thousands of North Korean soldiers are currently in Russia preparing to engage in combat in Ukraine.",
                true,
            ),
            (
                "Japan has previously called its neighbour its greatest security challenge.",
                "Japan has previously identified its neighbor as its biggest security challenge.",
                true,
            ),
            // Numbers, names or negation that disagree keep two statements apart.
            (
                "The company sold 300 trucks in March.",
                "The company sold 450 trucks in March.",
                false,
            ),
            (
                "Officials in Lyon opened the new bridge on Monday.",
                "Officials in Nantes opened the new bridge on Monday.",
                false,
            ),
            (
                "The minister did attend the summit in Paris.",
                "The minister did not attend the summit in Paris.",
                false,
            ),
            (
                "Floods closed schools across the north of the country.",
                "The central bank raised interest rates by half a point.",
                false,
            ),
            // A name and its acronym, a surname or a spelling are one name, not a veto.
            (
                "The text of the Arctic Shipping Accord, seen by Deutsche Presse-Agentur, says both navies will share ice charts.",
                "The text of the Arctic Shipping Accord, seen by DPA, said the two navies would share ice charts.",
                true,
            ),
            (
                "Senator Edward J. Markey said the new drilling rules would harm the coast.",
                "Senator Edward Markey said the new drilling rules would harm the coast.",
                true,
            ),
            (
                "The Harbour Defence Board approved the new dredging plan on Monday.",
                "The Harbor Defense Board approved the new dredging plan on Monday.",
                true,
            ),
        ];
        for (a, b, same) in cases {
            let pair = [facts(a), facts(b)];
            let (frequencies, [x, y]) = paraphrase::as_own_story(&pair);
            let one_fact = !matches!(verdict(verifier, x, y, &frequencies), Verdict::Apart);
            assert_eq!(one_fact, same, "{a} / {b}");
        }
    }

    /// Near copies about people of different surnames stay apart (the same news about
    /// two players); with a shared surname but another first name, they merge.
    #[test]
    fn sentences_about_different_people_stay_apart() {
        let s = [
            "The Falcons placed running back Mark Ellison on injured reserve on Wednesday because of a sprained knee.",
            "The Falcons placed running back Peter Doyle on injured reserve on Wednesday because of a sprained knee.",
            "The Falcons placed running back Marcus Ellison on injured reserve on Wednesday because of a sprained knee.",
        ];
        assert_eq!(group_texts(&s), vec![0, 1, 0]);
    }

    #[test]
    fn groups_copies_and_near_copies_but_not_different_facts() {
        let s = [
            "Japan, which for decades has relied on the United States for military hardware, is also developing a new fighter jet.",
            "He did not mention China, but Japan has previously called its neighbour its greatest security challenge.",
            "Japan, which for decades has relied on the United States for military hardware, is also developing a new fighter jet.",
            "He did not mention China, but Japan has previously called its neighbor its greatest security challenge.",
            "Japan is ramping up defence spending to the NATO standard of two percent of GDP by 2027.",
            "Yes.",
            "Yes.",
            "No.",
        ];
        assert_eq!(group_texts(&s), vec![0, 1, 0, 1, 2, 3, 3, 4]);
    }

    #[test]
    fn many_identical_sentences_form_one_group() {
        let s: Vec<&str> = std::iter::repeat_n("The same sentence about missiles and treaties again.", 5000).collect();
        assert!(group_texts(&s).iter().all(|&g| g == 0));
    }
}
