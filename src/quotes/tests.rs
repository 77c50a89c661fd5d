//! Speaker rules on news-shaped paragraphs (written for these tests, not copied).

use super::*;

/// A person's name and entity id; "ORG:" before the name makes it an organisation.
type Who<'a> = (&'a str, usize);

/// The quotes of `paragraphs` (one source) and their speakers, with every occurrence
/// of each name in `who` as a mention, the way resolution would find them.
fn attributed(paragraphs: &[&str], who: &[Who]) -> Vec<(String, Option<usize>, Option<String>)> {
    let text = paragraphs.join("\n\n");
    let mut blocks = Vec::new();
    let mut at = 0;
    for p in paragraphs {
        blocks.push((0, Span::new(at, at + p.len())));
        at += p.len() + 2;
    }
    let mut names = Names::new();
    let mut max_id = 0;
    for &(name, id) in who {
        let (kind, name) = match name.strip_prefix("ORG:") {
            Some(n) => (NameKind::Organisation, n),
            None => (NameKind::Person, name),
        };
        max_id = max_id.max(id);
        let mut from = 0;
        while let Some(k) = text[from..].find(name) {
            let start = from + k;
            let end = start + name.len();
            let bounded = text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
                && text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if bounded {
                let after = &text[end..];
                let possessive = crate::text::opens_possessive(after);
                names.push(Named { span: Span::new(start, end), entity: id, kind, possessive, role: None });
            }
            from = end;
        }
    }
    names.sort_by_key(|n| (n.span.start, std::cmp::Reverse(n.span.end)));
    let mut end = 0;
    names.retain(|n| {
        let keep = n.span.start >= end;
        if keep {
            end = n.span.end;
        }
        keep
    });
    let persons: Vec<Person> = (0..=max_id)
        .map(|id| {
            let name = who.iter().find(|w| w.1 == id).map_or("", |w| w.0);
            Person { gender: crate::entities::gender_of(name), surname: crate::entities::surname_hash(name) }
        })
        .collect();
    let texts = [text.as_str()];
    find_all(&texts, &blocks, &[names], &persons)
        .into_iter()
        .map(|q| (q.span.of(&text).to_string(), q.speaker, q.role))
        .collect()
}

/// Checks each expected (start of the quote, speaker) pair in order.
fn check(paragraphs: &[&str], who: &[Who], expect: &[(&str, Option<usize>)]) {
    let got = attributed(paragraphs, who);
    let got_pairs: Vec<(String, Option<usize>)> = got.iter().map(|(t, s, _)| (t.clone(), *s)).collect();
    assert_eq!(got.len(), expect.len(), "{paragraphs:?}: {got_pairs:?}");
    for ((text, speaker, _), (start, want)) in got.iter().zip(expect) {
        assert!(text.starts_with(start), "{text:?} is not {start:?}; got {got_pairs:?}");
        assert_eq!(speaker, want, "speaker of {text:?} in {paragraphs:?}");
    }
}

#[test]
fn a_speaker_named_after_the_quote() {
    check(
        &["“We will not back down from this fight,” Mendez said on Tuesday."],
        &[("Mendez", 1)],
        &[("We will not", Some(1))],
    );
    check(
        &["“The numbers simply do not add up,” said Senator Carla Mendez, a Democrat on the budget panel."],
        &[("Carla Mendez", 1)],
        &[("The numbers", Some(1))],
    );
    check(
        &["\"It is a sad day for the party,\" Tom Brandt, the state party treasurer, said in an interview."],
        &[("Tom Brandt", 2)],
        &[("It is a sad day", Some(2))],
    );
    check(
        &["“We expect the vote to go our way,” according to Ellen Park, who leads the caucus."],
        &[("Ellen Park", 3)],
        &[("We expect", Some(3))],
    );
}

#[test]
fn a_speaker_named_before_the_quote() {
    check(
        &["At a rally in Dayton, Governor Ruth Okafor said: “This state deserves better roads.”"],
        &[("Ruth Okafor", 1)],
        &[("This state", Some(1))],
    );
    check(
        &["Okafor told reporters on Monday, \"Nobody in my office was consulted about the plan.\""],
        &[("Okafor", 1)],
        &[("Nobody in my office", Some(1))],
    );
}

#[test]
fn a_title_or_description_between_verb_and_name() {
    // "said X's campaign chairman, Bill Armistead": the chairman, not the candidate.
    let got = attributed(
        &["“These claims are false and malicious,” said Hale’s campaign chairman, Walt Dunmore."],
        &[("Hale", 1), ("Walt Dunmore", 2)],
    );
    assert_eq!(got[0].1, Some(2));
    assert_eq!(got[0].2.as_deref(), Some("Hale’s campaign chairman"));
    // The chairman before the verb, described after his name.
    check(
        &["“The senator will not step aside,” Walt Dunmore, Hale's campaign chairman, told reporters."],
        &[("Hale", 1), ("Walt Dunmore", 2)],
        &[("The senator will", Some(2))],
    );
    check(
        &["“We have a plan for every county,” Hale's campaign chairman, Walt Dunmore, said."],
        &[("Hale", 1), ("Walt Dunmore", 2)],
        &[("We have a plan", Some(2))],
    );
}

#[test]
fn an_unnamed_speaker_is_no_one() {
    // A spokesperson for someone is not that someone.
    check(
        &["“The vice president has full confidence in the nominee,” a spokesperson for Vice President Dale Whitmore said."],
        &[("Dale Whitmore", 1)],
        &[("The vice president has", None)],
    );
    check(
        &["“The vice president has full confidence in the nominee,” said a spokesperson for Vice President Dale Whitmore."],
        &[("Dale Whitmore", 1)],
        &[("The vice president has", None)],
    );
    check(
        &["Whitmore met donors in Ohio. \"The trip was planned months ago,\" an aide said."],
        &[("Whitmore", 1)],
        &[("The trip was", None)],
    );
    check(
        &["“There is no room for this kind of conduct in the chamber,” the statement said, without naming Whitmore."],
        &[("Whitmore", 1)],
        &[("There is no room", None)],
    );
}

#[test]
fn quotes_in_reported_speech_belong_to_the_reporter() {
    // Trump tweeted that Moore is "a really great guy": Trump's words, not Moore's.
    check(
        &["Garland tweeted on Friday that Voss is “a really great guy who will win big.”"],
        &[("Garland", 1), ("Voss", 2)],
        &[("a really great guy", Some(1))],
    );
    check(
        &["Voss said that the allegations against Garland were “a political hit job.”"],
        &[("Voss", 2), ("Garland", 1)],
        &[("a political hit job", Some(2))],
    );
    check(
        &["Senator Amy Lund called the nominee’s record “deeply troubling for working families.”"],
        &[("Amy Lund", 3)],
        &[("deeply troubling", Some(3))],
    );
}

#[test]
fn told_names_the_listener() {
    check(
        &["“I was never offered a job,” Brandt told Okafor after the hearing."],
        &[("Brandt", 2), ("Okafor", 1)],
        &[("I was never", Some(2))],
    );
    check(
        &["“He has to step aside now,” one voter told Okafor."],
        &[("Okafor", 1)],
        &[("He has to step", None)],
    );
}

#[test]
fn the_person_a_quote_is_about_is_not_its_speaker() {
    check(
        &["Asked about Hale, Senator Ann Rico said: “If these allegations are true, he must step aside.”"],
        &[("Hale", 1), ("Ann Rico", 2)],
        &[("If these allegations", Some(2))],
    );
    check(
        &["Gordon Pike, speaking after a meeting with Hale, said, “Chairman Hale needs to apologize to our troops.”"],
        &[("Hale", 1), ("Gordon Pike", 2)],
        &[("Chairman Hale", Some(2))],
    );
}

#[test]
fn pronouns_stand_for_the_last_subject() {
    check(
        &[
            "Senator Ann Rico criticized the plan on Monday.",
            "“It does nothing for the families who need it most,” she said.",
        ],
        &[("Ann Rico", 2)],
        &[("It does nothing", Some(2))],
    );
    // "she" passes over a man to the woman who was the subject.
    check(
        &["Ann Rico spoke after Tom Brandt. “We have waited long enough,” she said."],
        &[("Ann Rico", 2), ("Tom Brandt", 3)],
        &[("We have waited", Some(2))],
    );
    // Mr. tells the sex where the given name is not known.
    check(
        &["Mr. Okafor met Ms. Lund on Monday. “The talks went well,” he said."],
        &[("Okafor", 1), ("Lund", 3)],
        &[("The talks went", Some(1))],
    );
}

#[test]
fn quotes_over_several_paragraphs() {
    check(
        &[
            "“We are going to take this fight to every county in the state,” Okafor said. “And we are going to win.",
            "“Nobody thought we could do it. They were wrong.”",
            "“The voters will decide this, not the party bosses.”",
        ],
        &[("Okafor", 1)],
        &[
            ("We are going to take", Some(1)),
            ("And we are going to win", Some(1)),
            ("Nobody thought", Some(1)),
            ("The voters will decide", Some(1)),
        ],
    );
    // The first paragraph introduces the speaker with a colon.
    check(
        &["In a statement on Friday, Senator Ann Rico wrote:", "“The bill is a step backward for every worker in this state.”"],
        &[("Ann Rico", 2)],
        &[("The bill is", Some(2))],
    );
    // A quote with no speaker of its own after a paragraph of narrative stays unattributed.
    check(
        &["Okafor left the hall before the vote.", "“The voters will decide this, not the party bosses.”"],
        &[("Okafor", 1)],
        &[("The voters will decide", None)],
    );
}

#[test]
fn a_later_quote_in_the_paragraph_goes_on_with_its_speaker() {
    check(
        &["“This is about the governor,” Brandt said. “This is not about the lieutenant governor.”"],
        &[("Brandt", 2)],
        &[("This is about the governor", Some(2)), ("This is not about", Some(2))],
    );
    check(
        &["Brandt said the deal was dead. “There is nothing left to negotiate with these people.”"],
        &[("Brandt", 2)],
        &[("There is nothing left", Some(2))],
    );
    check(
        &["“A fair deal,” Brandt said, “is one that both sides can live with.”"],
        &[("Brandt", 2)],
        &[("A fair deal", Some(2)), ("is one that both sides", Some(2))],
    );
}

#[test]
fn quotes_inside_quotes() {
    check(
        &["“He looked at me and said, ‘You are fired,’ and walked out,” Brandt said."],
        &[("Brandt", 2)],
        &[("He looked at me", Some(2))],
    );
}

#[test]
fn tweets_and_written_statements() {
    check(
        &["“Great meeting with the governor today. Big things ahead!” Garland wrote on Twitter."],
        &[("Garland", 1)],
        &[("Great meeting", Some(1))],
    );
    check(
        &["The Harbor Institute said in a statement that the report was “deeply flawed and politically motivated.”"],
        &[("ORG:Harbor Institute", 5)],
        &[("deeply flawed", Some(5))],
    );
}

#[test]
fn scare_quotes_and_titles_get_no_speaker() {
    check(
        &["Okafor spoke to voters about the “grand bargain plan” he wants."],
        &[("Okafor", 1)],
        &[("grand bargain plan", None)],
    );
    check(
        &["Okafor said on “Meet the Press Today” that he would run."],
        &[("Okafor", 1)],
        &[("Meet the Press Today", None)],
    );
    check(
        &["The program known as “the health care exchange” grew under Okafor."],
        &[("Okafor", 1)],
        &[("the health care exchange", None)],
    );
}

/// Paragraphs of the ECB+ shape (one sentence or two), the rules' first cases.
#[test]
fn single_paragraph_cases() {
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
        let got: Vec<(String, Option<usize>)> =
            attributed(&[text], people).into_iter().map(|(t, s, _)| (t, s)).collect();
        let expect: Vec<(String, Option<usize>)> = expect.iter().map(|(t, s)| (t.to_string(), *s)).collect();
        assert_eq!(got, expect, "{text}");
    }
}

#[test]
fn a_surname_the_tagger_missed_is_the_person_named_before() {
    // Only "Jim Jordan" is a mention; "Mr. Jordan" is found by its surname.
    check(
        &["Representative Jim Jordan spoke first. Mr. Jordan said the president had already “been clear about what he will ask.”"],
        &[("Jim Jordan", 4)],
        &[("been clear", Some(4))],
    );
}

#[test]
fn a_title_the_tagger_took_for_a_name_is_no_speaker() {
    check(
        &["On Saturday, the Alaska Governor said she regrets “the attention this has brought to the town.”"],
        &[("Alaska Governor", 6)],
        &[("the attention", None)],
    );
}

#[test]
fn a_quote_closing_a_sentence_does_not_run_into_the_next() {
    check(
        &["“My view has not changed,” Okafor told a local station. “I oppose the plan.” Asked why, he explained his reasons."],
        &[("Okafor", 1)],
        &[("My view", Some(1)), ("I oppose", Some(1))],
    );
    // A show's title does not end the speaker's run of quotes.
    check(
        &["“The leverage is going to shift,” Brandt said on “Meet the Press Today.” “We will do the same thing again.”"],
        &[("Brandt", 2)],
        &[("The leverage", Some(2)), ("Meet the Press", None), ("We will do", Some(2))],
    );
}

#[test]
fn a_participle_takes_the_subject_of_its_clause() {
    check(
        &["Salva Kiir denied those claims in a statement on Thursday, calling them \"smoke screens to mask the other side's own activities.\""],
        &[("Salva Kiir", 7)],
        &[("smoke screens", Some(7))],
    );
}
