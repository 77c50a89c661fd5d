//! Quotes and their speakers: quoted passages found in body paragraphs and
//! attributed when the sentence says who spoke ("…,” Borrell said; Iwaya added;
//! he said → the nearest person mentioned before, in the same source).

use crate::entities::{EntityType, Gender};
use crate::text::{words, Span, Token};

/// A quoted passage (the text inside the marks) and its speaker's entity index, if known.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub source: usize,
    pub span: Span,
    pub speaker: Option<usize>,
}

/// A person mention: (start byte, entity index), per source, in text order.
pub type People = Vec<(usize, usize)>;

const SPEECH_VERBS: &[&str] = &[
    "acknowledged", "added", "adding", "admitted", "announced", "answered", "argued", "asked", "calling", "cautioned",
    "claimed", "conceded", "confirmed", "contended", "continued", "declared", "denied", "emphasised", "emphasized",
    "explained", "fumed", "insisted", "lamented", "maintained", "noted", "recalled", "remarked", "replied",
    "responded", "said", "saying", "says", "shared", "stated", "stressed", "suggested", "testified", "told", "tweeted",
    "urged", "warned", "wrote",
];
/// Words at most between "said" and the speaker's name ("said SeaMicro CEO and new AMD
/// general manager Andrew Feldman").
const MAX_TITLE_WORDS: usize = 10;

/// Words that open a clause: after "said", they mean the name that follows is not the
/// speaker's ("said Hansbrough, who sat between Ford and coach Roy Williams").
const CLAUSE_WORDS: &[&str] = &[
    "after", "as", "asked", "because", "before", "if", "once", "since", "that", "to", "told", "when", "where", "which",
    "while", "who", "whom", "whose",
];

/// Whether `between`, the text from a speech verb to a person's name, is only a title
/// or description of that person: at most [`MAX_TITLE_WORDS`] words, no clause word,
/// and a comma only right before the name ("said her nephew, Ravi Singh"; not "the
/// source said, and Stefanski expected").
fn names_the_speaker(between: &str) -> bool {
    let (title, after_comma) = between.rsplit_once(',').unwrap_or((between, ""));
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    after_comma.trim().is_empty()
        && !between.contains([';', ':'])
        && words.len() <= MAX_TITLE_WORDS
        && !words.iter().any(|w| CLAUSE_WORDS.contains(&w.as_str()))
}
/// Quotes shorter than this many words are scare quotes ("very timely"), not speech.
const MIN_WORDS: usize = 3;

/// The quotes of the body paragraphs `blocks` ((source, span), in text order) of the
/// sources `texts`, with their speakers (`people[s]`: source `s`'s person mentions),
/// and each quote's index in `blocks`. News prints a long quote over several
/// paragraphs: one left open at its paragraph's end is a quote when the next paragraph
/// goes on with it (its first mark closes it) or opens the next part (it starts with
/// a mark), and it takes the speaker of the part that follows, else the one its own
/// sentence names. `persons` is each entity's [`Person`] facts ([`persons`]).
pub fn find_all(
    texts: &[&str],
    blocks: &[(usize, Span)],
    people: &[People],
    persons: &[Person],
) -> (Vec<Quote>, Vec<usize>) {
    let mut out = Vec::new();
    let mut block_of = Vec::new();
    // (block, opening mark, absolute start) of a quote the last paragraph left open.
    let mut left_open: Option<(usize, char, usize)> = None;
    // Quotes (and their blocks) that the quote right after them goes on with.
    let mut continued: Vec<usize> = Vec::new();
    for (k, &(source, paragraph)) in blocks.iter().enumerate() {
        let (Some(text), Some(people)) = (texts.get(source), people.get(source)) else {
            continue;
        };
        let mut carried = None;
        if let Some((b, mark, start)) = left_open.take() {
            // The paragraph right after it in the text: no heading or caption between.
            let adjacent = b + 1 == k
                && blocks.get(b).is_some_and(|&(s, previous)| {
                    s == source
                        && text
                            .get(previous.end..paragraph.start)
                            .is_some_and(|gap| gap.trim().is_empty())
                });
            let opens_word = text
                .get(start..)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_alphanumeric);
            let next = if adjacent {
                goes_on(paragraph.of(text), mark, opens_word)
            } else {
                None
            };
            if let Some(carries) = next {
                let opened = blocks.get(b).map_or(Span::new(start, start), |&(_, p)| p);
                let span = Span::new(start, opened.end).trimmed(text);
                if words(text, span).len() >= MIN_WORDS {
                    // Its own sentence may name the speaker ("Jenna Coleman said: “With
                    // …"); the part that follows, if it does, names them last.
                    let before = Span::new(opened.start, start.saturating_sub(mark.len_utf8()).max(opened.start));
                    let speaker = speaker(text, before, Span::new(opened.end, opened.end), people, persons);
                    continued.push(out.len());
                    out.push(Quote { source, span, speaker });
                    block_of.push(b);
                }
                carried = carries.then_some(mark);
            }
        }
        left_open =
            find(text, paragraph, source, (people, persons), carried, &mut out).map(|(mark, start)| (k, mark, start));
        block_of.resize(out.len(), k);
    }
    // Backward, so that a quote over three paragraphs reaches its first.
    for &i in continued.iter().rev() {
        let next = out
            .get(i + 1)
            .filter(|_| block_of.get(i + 1).copied() == block_of.get(i).map(|b| b + 1));
        if let Some(speaker) = next.and_then(|q| q.speaker) {
            out[i].speaker = Some(speaker);
        }
    }
    (out, block_of)
}

/// How `paragraph` goes on with a quote the paragraph before left open with `mark`:
/// `Some(true)` if its first quote mark closes it (the quote runs on), `Some(false)`
/// if it starts with an opening mark (the next part of the quote), `None` if neither.
/// A single mark left open is more likely an apostrophe. A straight `"` may close as
/// well as open (`…biodiversity, " said Alan Thornhill` leaves one "open" that was a
/// closing mark), so it counts as left open only when a word follows it right away
/// (`opens_word`: `saying: "I just want`), and the mark that closes it must follow
/// the end of a sentence or clause (`biodiversity. "`).
fn goes_on(paragraph: &str, mark: char, opens_word: bool) -> Option<bool> {
    let straight = mark == '"';
    if !(matches!(mark, '“' | '«') || straight && opens_word) {
        return None;
    }
    if paragraph.trim_start().starts_with(['“', '"', '«']) {
        return Some(false);
    }
    let (at, first) = quote_marks(paragraph).next()?;
    let ends_clause = || paragraph[..at].trim_end().ends_with(['.', ',', '!', '?']);
    (closes(mark, first) && (!straight || ends_clause())).then_some(true)
}

/// Quoted passages in `paragraph` (a byte span of `text`) of source `source`. If
/// `carried` is an opening mark, the paragraph starts inside a quote it opened. Returns
/// the mark and absolute start of a quote the paragraph leaves open, if any.
fn find(
    text: &str,
    paragraph: Span,
    source: usize,
    (people, persons): (&People, &[Person]),
    carried: Option<char>,
    out: &mut Vec<Quote>,
) -> Option<(char, usize)> {
    let slice = paragraph.of(text);
    // (mark, where the quoted text starts, where the mark starts), in `slice`.
    let mut open: Option<(char, usize, usize)> = carried.map(|mark| (mark, 0, 0));
    for (i, c) in quote_marks(slice) {
        match (open, c) {
            (None, '“' | '"' | '«') => open = Some((c, i + c.len_utf8(), i)),
            (None, '‘') if slice[..i].chars().next_back().is_none_or(|p| !p.is_alphanumeric()) => {
                open = Some((c, i + c.len_utf8(), i))
            }
            (Some((o, start, mark_start)), _)
                if closes(o, c) && (c != '’' || !slice[i + c.len_utf8()..].starts_with(char::is_alphanumeric)) =>
            {
                open = None;
                let span = Span::new(paragraph.start + start, paragraph.start + i).trimmed(text);
                if words(text, span).len() >= MIN_WORDS {
                    let after = Span::new(paragraph.start + i + c.len_utf8(), paragraph.end);
                    let before = Span::new(paragraph.start, paragraph.start + mark_start);
                    let speaker = speaker(text, before, after, people, persons);
                    out.push(Quote { source, span, speaker });
                }
            }
            _ => {}
        }
    }
    open.map(|(mark, start, _)| (mark, paragraph.start + start))
}

/// The characters of `s` that may open or close a quotation, with their byte offsets:
/// `"`, and every character whose UTF-8 starts with 0xC2 (« ») or 0xE2 (“ ” ‘ ’). A byte
/// scan finds them; the match in [`find`] ignores the other characters anyway, and
/// decoding every character of every paragraph was most of this stage's cost.
fn quote_marks(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    s.bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'"' | 0xC2 | 0xE2)) // lead bytes: always a char boundary
        .filter_map(move |(i, _)| s[i..].chars().next().map(|c| (i, c)))
}

/// Whether `c` closes a quote opened by `open`. A straight mark and a curly one pair
/// too: pasted text mixes them (`the police "patrol these neighborhoods …”`).
fn closes(open: char, c: char) -> bool {
    matches!(
        (open, c),
        ('“', '”') | ('"', '"') | ('«', '»') | ('‘', '’') | ('"', '”') | ('“', '"')
    )
}

/// Where the last sentence of `s` starts (after its last `.`, `!`, `?` or `”`), if one
/// ends in it. The full stop of an initial or a title ("A. J. Smith said", "a U. N.
/// spokesman said", "the Rev. Larry Kroon said") ends no sentence.
fn sentence_start(s: &str) -> Option<usize> {
    let mut end = s.len();
    while let Some(k) = s[..end].rfind(['.', '!', '?', '”']) {
        if !abbreviation_stop(s, k) {
            return Some(k + s[k..].chars().next().map_or(1, char::len_utf8));
        }
        end = k;
    }
    None
}

/// Where the first sentence of `s` ends (its first `.`, `!` or `?`, or an opening
/// quote mark), an abbreviation's full stop aside ("said Mr. Atti"); `s.len()` if none.
fn sentence_end(s: &str) -> usize {
    let mut start = 0;
    while let Some(k) = s[start..].find(['.', '!', '?', '“', '"']).map(|k| start + k) {
        if !abbreviation_stop(s, k) {
            return k;
        }
        start = k + 1;
    }
    s.len()
}

/// How many person mentions back a surname the tagger missed is looked for.
const MAX_SURNAME_LOOKBACK: usize = 64;

/// How many people of the other sex "he" or "she" may pass over to the one it stands for.
const MAX_PRONOUN_SKIPS: usize = 3;

/// "he" or "she" (lower-cased): a subject that stands for the person last named.
fn is_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she")
}

/// Whether the character at `k` of `s` is the full stop of an initial or of an
/// abbreviation that keeps its period ([`crate::segment::is_abbreviation`]).
fn abbreviation_stop(s: &str, k: usize) -> bool {
    if !s[k..].starts_with('.') {
        return false;
    }
    let before = &s[..k];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    !word.is_empty() && crate::segment::is_abbreviation(word)
}

/// The last person named in `span` (`people` sorted by position: a binary search).
fn last_person_in(people: &People, span: Span) -> Option<usize> {
    let last = people.partition_point(|(at, _)| *at < span.end).checked_sub(1)?;
    people.get(last).filter(|(at, _)| *at >= span.start).map(|p| p.1)
}

/// How many words a description between a speaker's name and the speech verb may have.
const MAX_APPOSITIVE_WORDS: usize = 16;

/// "…,” Dustin Childs, a manager in the Trustworthy Computing group and its usual
/// spokesman, said …": the quote is followed by a person's name, a description between
/// commas, and a speech verb (too far for the eight words [`speaker`] looks at). `tail`
/// is the rest of the sentence after the quote, `tokens` its words.
fn named_then_described(text: &str, tail: Span, tokens: &[Token], people: &People) -> Option<usize> {
    let &(at, person) = people.get(people.partition_point(|(at, _)| *at < tail.start))?;
    // The name comes first, after the quote's own punctuation.
    let lead = text.get(tail.start..at)?;
    if at >= tail.end || lead.chars().any(char::is_alphanumeric) {
        return None;
    }
    let name_start = tokens.iter().position(|t| t.span.start >= at)?;
    let gap_after = |k: usize| {
        tokens
            .get(k + 1)
            .and_then(|next| text.get(tokens[k].span.end..next.span.start))
    };
    // The description opens with a comma right after the name's words...
    let opens =
        (name_start..tokens.len().min(name_start + 4)).find(|&k| gap_after(k).is_some_and(|g| g.contains(',')))?;
    // ...and the verb follows a comma that closes it.
    let verb = (opens + 1..tokens.len().min(opens + 2 + MAX_APPOSITIVE_WORDS)).find(|&k| {
        SPEECH_VERBS.contains(&tokens[k].span.of(text).to_lowercase().as_str())
            && text
                .get(tokens[k - 1].span.end..tokens[k].span.start)
                .is_some_and(|g| g.contains(','))
    })?;
    let description = text.get(tokens[opens].span.end..tokens[verb].span.start)?;
    (!description.contains(['.', ';', ':', '“', '"'])).then_some(person)
}

/// Who the text around a quote says spoke it.
fn speaker(text: &str, before: Span, after: Span, people: &People, persons: &[Person]) -> Option<usize> {
    // `people` is sorted by position: binary searches keep a quote-dense paragraph linear.
    let before_end = |end: usize| people.partition_point(|(at, _)| *at < end);
    let person_in = |span: Span| last_person_in(people, span);
    // The nearest person before `end` whom `pronoun` may stand for: "she said" passes
    // over "the Bush administration" to Francesca Grifo. A few people back at most.
    let last_person_before = |end: usize, pronoun: Option<&str>| {
        let disagrees = |p: usize| {
            matches!(
                (pronoun, persons.get(p).and_then(|person| person.gender)),
                (Some("he"), Some(Gender::Female)) | (Some("she"), Some(Gender::Male))
            )
        };
        people[..before_end(end)]
            .iter()
            .rev()
            .take(MAX_PRONOUN_SKIPS + 1)
            .map(|p| p.1)
            .find(|&p| !disagrees(p))
    };
    // After the quote, up to the end of the sentence: ", Borrell said" / ", he said" / "said Borrell".
    let tail_end = after.start + sentence_end(crate::text::head(after.of(text), 200));
    let tail = Span::new(after.start, tail_end);
    let tail_tokens = words(text, tail);
    let tail_words: Vec<String> = tail_tokens
        .iter()
        .take(8)
        .map(|t| t.span.of(text).to_lowercase())
        .collect();
    // "according to" is a verb here, its "to" the verb's end (", according to Danny Gold").
    let according = |k: usize| tail_words[k] == "according" && tail_words.get(k + 1).is_some_and(|w| w == "to");
    let tail_verb = (0..tail_words.len())
        .find(|&k| SPEECH_VERBS.contains(&tail_words[k].as_str()) || according(k))
        .map(|k| if according(k) { k + 1 } else { k });
    if let Some(verb) = tail_verb {
        // The first person after the quote: before the verb ("…,” Borrell said), or
        // after it when only a title stands between ("said military spokesman Brigadier
        // General Avi Benayahu", "said her nephew, Ravi Singh"), not a clause ("…,” a
        // prosecutor told jurors as he asked them to send … Scott Peterson to death).
        let verb_end = tail_tokens.get(verb).map_or(tail.start, |t| t.span.end);
        let first = people.get(before_end(tail.start)).filter(|(at, _)| *at < tail.end);
        // Whom someone "told" is the listener ("…,” one man told Schuck).
        let names_after = tail_words[verb] != "told";
        let close = first
            .filter(|(at, _)| *at < verb_end || names_after && text.get(verb_end..*at).is_some_and(names_the_speaker));
        if let Some(p) = close.map(|p| p.1) {
            return Some(p);
        }
        // A surname the tagger missed, right after the quote and before the verb ("…,”
        // Read added", beside "Rory Read"): the person named before with that surname.
        let missed = (verb == 1)
            .then(|| tail_tokens[0].span.of(text))
            .filter(|w| w.starts_with(char::is_uppercase))
            .map(crate::entities::name_hash);
        if let Some(surname) = missed {
            let named = people[..before_end(tail.start)]
                .iter()
                .rev()
                .take(MAX_SURNAME_LOOKBACK)
                .find(|&&(_, p)| persons.get(p).and_then(|person| person.surname) == Some(surname));
            if let Some(&(_, p)) = named {
                return Some(p);
            }
        }
        if let Some(pronoun) = tail_words.iter().find(|w| is_pronoun(w)) {
            return last_person_before(before.end, Some(pronoun));
        }
    } else if let Some(p) = named_then_described(text, tail, &tail_tokens, people) {
        return Some(p);
    }
    // Before the quote, in the same sentence: "Borrell said, “…" / "Borrell told reporters: "…".
    // Only the last 200 bytes (some 30 words): the speech verb is among the last eight
    // words, or opens the reported speech that leads to the quote.
    let near = crate::text::tail(before.of(text), 200);
    let near_start = before.end - near.len();
    let head_start = sentence_start(near).map_or(near_start, |k| near_start + k);
    let head = Span::new(head_start, before.end);
    let head_tokens = words(text, head);
    let head_words: Vec<String> = head_tokens.iter().map(|t| t.span.of(text).to_lowercase()).collect();
    // The verb is among the last eight words, or further back when reported speech
    // follows it ("Kempthorne said that he wouldn't allow the 1973 law to be used as a
    // “back door …”": the words quoted are the subject's).
    let verb = head_words
        .iter()
        .rposition(|w| SPEECH_VERBS.contains(&w.as_str()))
        .filter(|&k| k + 8 >= head_words.len() || head_words.get(k + 1).is_some_and(|w| w == "that"));
    if let Some(verb) = verb {
        // The person right before the verb ("Asked about Borrell, Iwaya said: …"; "and,
        // Payton said, everyone …"); else the person the sentence opens with ("Iwaya,
        // speaking after meeting Borrell, said: …"); else the last person named.
        let verb_start = head_tokens.get(verb).map_or(head.end, |t| t.span.start);
        let adjacent = before_end(verb_start)
            .checked_sub(1)
            .and_then(|k| people.get(k))
            .filter(|(at, _)| {
                *at >= head.start
                    && text
                        .get(*at..verb_start)
                        .is_some_and(|between| !between.contains([',', ';', ':', '(', ')', '—']))
            })
            .map(|p| p.1);
        let opening = head_tokens.first().and_then(|t| {
            let first = people.get(before_end(head.start))?;
            (first.0 == t.span.start && first.0 < verb_start).then_some(first.1)
        });
        // The last person before the verb, before one after it: that one is the subject
        // of the reported speech ("Larry Holder puts this in a one liner, saying Bush
        // “could sit out the final two games.”").
        let before_verb = || person_in(Span::new(head.start, verb_start));
        if let Some(p) = adjacent.or(opening).or_else(before_verb).or_else(|| person_in(head)) {
            return Some(p);
        }
        // "…, and added, “…”" / "He said “…”": the person last mentioned. Not when
        // something else is the subject, before the verb ("The text, seen by AFP, said
        // they would …") or after it ("”, claimed the official KCNA agency, according
        // to which “…”").
        let subject = &head_words[..verb];
        // A pronoun, or only connectives ("and added", "also said"); not "It also said".
        let connective = |w: &String| matches!(w.as_str(), "and" | "but" | "also" | "then" | "later");
        let elided = subject.iter().any(|w| is_pronoun(w)) || (!subject.is_empty() && subject.iter().all(connective));
        let pronoun = subject.iter().find(|w| is_pronoun(w)).map(String::as_str);
        return if elided {
            last_person_before(head.start, pronoun)
        } else {
            None
        };
    }
    // "Lin “invited the EU to …”"; not when a verb after the quote names someone else
    // ("Echenique “was definitely a big factor,” said VanDeest").
    if head_words.len() <= 3 && tail_verb.is_none() {
        return person_in(head);
    }
    // "Finally Homeland star David Harewood … managed a cheeky joke: “Well …”": a
    // sentence that ends in a colon introduces the words of the first person it names,
    // unless a reported clause names them ("Showrunner, 51, adds that Malcolm Tucker
    // will not cast a shadow …: “…”").
    if text
        .get(head.start..before.end)
        .is_some_and(|h| h.trim_end().ends_with(':'))
        && tail_verb.is_none()
    {
        let clause = head_words
            .iter()
            .position(|w| w == "that")
            .map_or(before.end, |k| head_tokens[k].span.start);
        return people
            .get(before_end(head.start))
            .filter(|(at, _)| *at < clause)
            .map(|p| p.1);
    }
    None
}

/// A paragraph that is only a quote, with no one named, right after a paragraph that
/// ends with an attributed quote, goes on with that speaker: news prints a long quote
/// as several paragraphs and attributes the first (“…,” said Paul Ferguson. / “This
/// vulnerability is being actively exploited …”). `block_of[i]` is quote `i`'s index
/// in `blocks`, the body paragraphs in text order.
pub fn continue_speakers(texts: &[&str], blocks: &[(usize, Span)], block_of: &[usize], quotes: &mut [Quote]) {
    for i in 1..quotes.len() {
        let (previous, quote) = (&quotes[i - 1], &quotes[i]);
        let (Some(&block), Some(&previous_block)) = (block_of.get(i), block_of.get(i - 1)) else {
            continue;
        };
        let Some(&(source, paragraph)) = blocks.get(block) else {
            continue;
        };
        let follows = previous.source == source && previous_block + 1 == block;
        if quote.speaker.is_none()
            && follows
            && opens_paragraph(texts, paragraph, quote)
            && !names_someone_new(texts, paragraph, quote)
            && previous.speaker.is_some()
        {
            quotes[i].speaker = quotes[i - 1].speaker;
        }
    }
}

/// Whether the rest of `quote`'s `paragraph` introduces a speaker of its own: someone
/// new ("…,” a local barber told The New York Times) or a name ("…,” the New York Daily
/// News quoted witness Devonte Brown as saying), rather than the one before by a role
/// ("…,” added the doctor) or nothing.
fn names_someone_new(texts: &[&str], paragraph: Span, quote: &Quote) -> bool {
    let Some(rest) = texts
        .get(quote.source)
        .and_then(|t| t.get(quote.span.end..paragraph.end))
    else {
        return false;
    };
    rest.split(|c: char| !c.is_alphanumeric()).any(|w| {
        w.starts_with(char::is_uppercase)
            || ["a", "an", "another", "one"]
                .iter()
                .any(|new| w.eq_ignore_ascii_case(new))
    })
}

/// Whether only the opening mark stands before `quote` in its `paragraph`.
fn opens_paragraph(texts: &[&str], paragraph: Span, quote: &Quote) -> bool {
    texts
        .get(quote.source)
        .and_then(|t| t.get(paragraph.start..quote.span.start))
        .is_some_and(|lead| lead.chars().all(|c| c.is_whitespace() || "\"“‘«".contains(c)))
}

/// A quote with no one named that opens the paragraph after one ending in a colon is
/// spoken by whom that sentence introduces: by the rules of [`speaker`] ("Asked if
/// that gave him pause, he replied:"), else the last person it names ("The UN's Mr
/// Gunness disagreed with the minister:"). `people[s]` are source `s`'s person
/// mentions; `blocks` and `block_of` as for [`continue_speakers`]. Run it first: a
/// long quote it attributes then goes on in the paragraphs after.
pub fn introduced_speakers(
    texts: &[&str],
    blocks: &[(usize, Span)],
    block_of: &[usize],
    (people, persons): (&[People], &[Person]),
    quotes: &mut [Quote],
) {
    for (i, quote) in quotes.iter_mut().enumerate() {
        let Some(block) = block_of.get(i).copied().filter(|&b| b > 0) else {
            continue;
        };
        let (Some(&(source, paragraph)), Some(&(intro_source, intro))) = (blocks.get(block), blocks.get(block - 1))
        else {
            continue;
        };
        let (Some(text), Some(people)) = (texts.get(source), people.get(source)) else {
            continue;
        };
        let intro = intro.trimmed(text);
        if quote.speaker.is_some() || intro_source != source || !opens_paragraph(texts, paragraph, quote) {
            continue;
        }
        // The last sentence: where one ends before the paragraph's own final stop.
        let body = intro.of(text).trim_end_matches(['.', ' ']);
        let sentence_start = sentence_start(body).map_or(intro.start, |k| intro.start + k);
        let sentence = Span::new(sentence_start, intro.end);
        if intro.of(text).ends_with(':') {
            quote.speaker = speaker(text, sentence, Span::new(intro.end, intro.end), people, persons)
                .or_else(|| last_person_in(people, sentence));
        } else if !names_someone_new(texts, paragraph, quote) && !intro.of(text).contains(['“', '”', '"']) {
            quote.speaker = reported_by(text, sentence, people);
        }
    }
}

/// Words at most in the clause that closes a sentence of reported speech (", Insp
/// Gaskin said.", ", said Chan.").
const MAX_ATTRIBUTION_WORDS: usize = 8;

/// Who a sentence of reported speech says it is from, when a clause after its last
/// comma names them with a speech verb ("Two deaths so close together was unusual for
/// the time of year, Insp Gaskin said."): the quote in the paragraph after goes on
/// with their words. Whom someone "told" is the listener. The caller checks that the
/// paragraph quotes nothing itself (“He's getting into it, calling Larry a cheater.).
fn reported_by(text: &str, sentence: Span, people: &People) -> Option<usize> {
    let body = sentence.of(text).trim_end();
    let comma = body.rfind(',')?;
    let clause = Span::new(sentence.start + comma + 1, sentence.start + body.len());
    if !body.ends_with('.') || clause.of(text).contains(['“', '”', '"']) {
        return None;
    }
    let tokens = words(text, clause);
    if tokens.len() > MAX_ATTRIBUTION_WORDS {
        return None;
    }
    let verb = tokens
        .iter()
        .find(|t| SPEECH_VERBS.contains(&t.span.of(text).to_lowercase().as_str()))?;
    let end = if verb.span.of(text).eq_ignore_ascii_case("told") {
        verb.span.start
    } else {
        clause.end
    };
    last_person_in(people, Span::new(clause.start, end))
}

/// How many earlier wordings of the same speaker a quote is compared with.
const MAX_VARIANTS: usize = 32;

/// Groups quotes that are one quote in different words: the same speaker, and most of
/// the shorter wording's concepts (content words, synonyms mapped to one another) in
/// the longer one. An unattributed quote groups only by identical text (`wording[i]` is
/// quote `i`'s [`wording_hash`](crate::text::wording_hash)): with an attributed quote of
/// that text if there is one (a sentence that quotes two passages names the speaker
/// once, after the last), else with other unattributed ones. Returns each quote's
/// group, numbered by first appearance.
pub fn group(
    texts: &[&str],
    quotes: &[Quote],
    wording: &[u64],
    terms: &mut crate::paraphrase::TermCache,
) -> Vec<usize> {
    // Concepts of each attributed quote, computed once (unattributed ones compare by wording).
    let concepts: Vec<Vec<u64>> = quotes
        .iter()
        .map(|q| {
            let text = texts[q.source];
            match q.speaker {
                Some(_) => crate::paraphrase::Facts::new(text, &words(text, q.span), &[], terms).concepts,
                None => Vec::new(),
            }
        })
        .collect();
    // Groups are first numbered in the order they are made (attributed quotes first),
    // then renumbered by first appearance.
    let mut group_of = vec![0usize; quotes.len()];
    let mut groups = 0;
    // Per speaker: (first member, group) of each group so far.
    let mut seen: std::collections::HashMap<usize, Vec<(usize, usize)>, crate::text::BuildFnv> =
        std::collections::HashMap::with_hasher(crate::text::BuildFnv);
    // Wording -> group: attributed quotes' wordings, then unattributed ones'.
    let mut by_wording: std::collections::HashMap<u64, usize, crate::text::BuildFnv> =
        std::collections::HashMap::with_hasher(crate::text::BuildFnv);
    for (i, q) in quotes.iter().enumerate() {
        let Some(speaker) = q.speaker else { continue };
        let earlier = seen.entry(speaker).or_default();
        let found = earlier
            .iter()
            .take(MAX_VARIANTS)
            .find(|&&(j, _)| same_quote(&concepts[i], &concepts[j]));
        group_of[i] = match found {
            Some(&(_, g)) => g,
            None => {
                earlier.push((i, groups));
                groups += 1;
                groups - 1
            }
        };
        by_wording.entry(wording[i]).or_insert(group_of[i]);
    }
    for (i, q) in quotes.iter().enumerate() {
        if q.speaker.is_none() {
            group_of[i] = *by_wording.entry(wording[i]).or_insert_with(|| {
                groups += 1;
                groups - 1
            });
        }
    }
    let mut renumbered = vec![usize::MAX; groups];
    let mut next = 0;
    for g in &mut group_of {
        if renumbered[*g] == usize::MAX {
            renumbered[*g] = next;
            next += 1;
        }
        *g = renumbered[*g];
    }
    group_of
}

/// Most of the shorter wording's concepts appear in the longer one.
fn same_quote(a: &[u64], b: &[u64]) -> bool {
    let shared = crate::text::shared_count(a, b);
    let smaller = a.len().min(b.len());
    smaller > 0 && shared >= 2.min(smaller) && shared * 5 >= smaller * 3
}

/// Person mentions of each source, from resolved entities: `people[source]`. A
/// possessive mention ("Reid's rep told Us") is left out: it names whose someone is,
/// never who speaks.
pub fn people_by_source(
    texts: &[&str],
    entities: &[crate::entities::Entity],
    mentions: &[crate::entities::Mention],
) -> Vec<People> {
    let mut out = vec![People::new(); texts.len()];
    for (id, e) in entities.iter().enumerate().filter(|(_, e)| e.ty == EntityType::Per) {
        for &k in &e.mentions {
            let m = &mentions[k];
            let text = texts.get(m.source).copied().unwrap_or("");
            let after = text.get(m.span.end..).unwrap_or("");
            let name = m.span.of(text);
            let possessive = crate::text::opens_possessive(after)
                || (name.ends_with('s') && (after.starts_with("' ") || after.starts_with("’ ")));
            if !possessive {
                out[m.source].push((m.span.start, id));
            }
        }
    }
    for list in &mut out {
        list.sort_unstable();
    }
    out
}

/// What the speaker rules know of an entity that is a person: its given name's
/// [`Gender`] and its [`surname_hash`](crate::entities::surname_hash).
#[derive(Debug, Clone, Copy, Default)]
pub struct Person {
    pub gender: Option<Gender>,
    pub surname: Option<u64>,
}

/// Each entity's [`Person`] facts (empty for all but people named in full).
pub fn persons(entities: &[crate::entities::Entity]) -> Vec<Person> {
    entities
        .iter()
        .map(|e| {
            let person = e.ty == EntityType::Per;
            Person {
                gender: person.then(|| crate::entities::gender_of(&e.name)).flatten(),
                surname: person.then(|| crate::entities::surname_hash(&e.name)).flatten(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str, people: &[(&str, usize)]) -> Vec<(String, Option<usize>)> {
        let people: People = people
            .iter()
            .map(|(name, id)| (text.find(name).unwrap(), *id))
            .collect();
        let mut out = Vec::new();
        find(text, Span::new(0, text.len()), 0, (&people, &[]), None, &mut out);
        out.iter().map(|q| (q.span.of(text).to_string(), q.speaker)).collect()
    }

    #[test]
    fn attributes_quotes_to_speakers() {
        /// A paragraph, its people (name, entity id), and the expected (quote, speaker) pairs.
        type Case<'a> = (&'a str, &'a [(&'a str, usize)], &'a [(&'a str, Option<usize>)]);
        let cases: &[Case] = &[
            (
                "“I am very pleased to announce the agreement,” Borrell said.",
                &[("Borrell", 7)],
                &[("I am very pleased to announce the agreement,", Some(7))],
            ),
            (
                "Borrell said in a statement. \"We have secured alignment on issues,\" he said.",
                &[("Borrell", 1)],
                &[("We have secured alignment on issues,", Some(1))],
            ),
            (
                "The region is \"inseparable from that of Europe\", Iwaya added.",
                &[("Iwaya", 2)],
                &[("inseparable from that of Europe", Some(2))],
            ),
            (
                "In a briefing, Borrell stated, “We live in a very dangerous world.”",
                &[("Borrell", 3)],
                &[("We live in a very dangerous world.", Some(3))],
            ),
            (
                "“Consultation under the act is not necessary,” Kempthorne maintained.",
                &[("Kempthorne", 5)],
                &[("Consultation under the act is not necessary,", Some(5))],
            ),
            (
                "“The window was rolled down by someone else,” Gotcher contended.",
                &[("Gotcher", 4)],
                &[("The window was rolled down by someone else,", Some(4))],
            ),
            (
                "He called it “historic and very timely”, not a “big deal”.",
                &[],
                &[("historic and very timely", None)],
            ),
            (
                "Lin “invited the EU to avoid intervening in disputes”.",
                &[("Lin", 4)],
                &[("invited the EU to avoid intervening in disputes", Some(4))],
            ),
            (
                "Iwaya, who told reporters this week that the pact comes \"as Japan and the EU face a challenge\".",
                &[("Iwaya", 5)],
                &[("as Japan and the EU face a challenge", Some(5))],
            ),
            ("Japan’s ‘Indo-Pacific’ plan, the ministry’s view.", &[], &[]),
            (
                "Borrell met Iwaya. The text, seen by AFP, said they would promote \"concrete naval cooperation\" soon.",
                &[("Borrell", 1)],
                &[("concrete naval cooperation", None)],
            ),
            (
                "The team met on Tuesday. The general manager, A. J. Smith said that \"we will monitor the situation\".",
                &[("A. J. Smith", 6)],
                &[("we will monitor the situation", Some(6))],
            ),
            (
                "Borrell left. It was “the most powerful missile in the world”, claimed the agency, according to which “the new type of missile showed its position”.",
                &[("Borrell", 1)],
                &[("the most powerful missile in the world", None), ("the new type of missile showed its position", None)],
            ),
            (
                "Borrell stated, “We live in a very dangerous world,” and added, “Given the situation, we must act.”",
                &[("Borrell", 1)],
                &[("We live in a very dangerous world,", Some(1)), ("Given the situation, we must act.", Some(1))],
            ),
            (
                "Iwaya, speaking after meeting Borrell, said: “The talks went very well.”",
                &[("Iwaya", 2), ("Borrell", 1)],
                &[("The talks went very well.", Some(2))],
            ),
            (
                "Asked about Borrell, Iwaya said: “The talks went very well.”",
                &[("Borrell", 1), ("Iwaya", 2)],
                &[("The talks went very well.", Some(2))],
            ),
            (
                "“There are only reports of a limited number of attacks,” Dustin Childs, a manager in the Trustworthy Computing group and its usual spokesman, said in a blog post.",
                &[("Dustin Childs", 8)],
                &[("There are only reports of a limited number of attacks,", Some(8))],
            ),
            (
                "“We are working on a fix for it,” the company, whose group Dustin Childs leads as its manager and usual spokesman, said on Tuesday.",
                &[("Dustin Childs", 8)],
                &[("We are working on a fix for it,", None)],
            ),
            (
                "But Kempthorne said that he would not allow the 1973 law to be used as a “back door for climate policy.”",
                &[("Kempthorne", 5)],
                &[("back door for climate policy.", Some(5))],
            ),
            (
                "Kempthorne said the law, which the agency has used for decades in many states, was “not the vehicle for it.”",
                &[("Kempthorne", 5)],
                &[("not the vehicle for it.", None)],
            ),
            (
                "Thomas had a setback and, Payton said, everyone \"felt this was the best move.\"",
                &[("Thomas", 3), ("Payton", 4)],
                &[("felt this was the best move.", Some(4))],
            ),
            (
                "Borrell signed it. It also said the two would discuss \"the development of defence initiatives\".",
                &[("Borrell", 1)],
                &[("the development of defence initiatives", None)],
            ),
            (
                "The deal was signed. \"They promised us a lot of things,\" said Mr. Atti, the spokesman.",
                &[("Atti", 7)],
                &[("They promised us a lot of things,", Some(7))],
            ),
            (
                "Relatives have \"a hole in their hearts that will never be repaired\" a prosecutor told jurors today as he asked them to send Scott Peterson to death.",
                &[("Scott Peterson", 8)],
                &[("a hole in their hearts that will never be repaired", None)],
            ),
            (
                "\"We face a very delicate situation,\" said military spokesman Brigadier General Avi Benayahu.",
                &[("Avi Benayahu", 9)],
                &[("We face a very delicate situation,", Some(9))],
            ),
            (
                "“We are really sad,” said her nephew, Ravi Singh, 32, of Coney Island.",
                &[("Ravi Singh", 10)],
                &[("We are really sad,", Some(10))],
            ),
            (
                "“I am usually not nervous,” said Hansbrough, who sat beside coach Roy Williams.",
                &[("Roy Williams", 11)],
                &[("I am usually not nervous,", None)],
            ),
            (
                "Officials met Borrell. Officials said \"the talks went very well\".",
                &[("Borrell", 1)],
                &[("the talks went very well", None)],
            ),
            (
                "Borrell spoke in Tokyo. Later he told reporters: \"The pact is a milestone.\"",
                &[("Borrell", 1)],
                &[("The pact is a milestone.", Some(1))],
            ),
            (
                "Borrell spoke in Tokyo. And added: “We will meet again next year.”",
                &[("Borrell", 1)],
                &[("We will meet again next year.", Some(1))],
            ),
        ];
        for (text, people, expect) in cases {
            let expect: Vec<(String, Option<usize>)> = expect.iter().map(|(t, s)| (t.to_string(), *s)).collect();
            assert_eq!(quotes(text, people), expect, "{text}");
        }
    }
}
