//! Paraphrase-aware merging on the seeds (issue 4): the same fact told in other words
//! is one statement (or, when one sentence says more, a statement both sentences feed);
//! different facts stay apart; each source is credited once.

mod common;

use common::seeds;
use newsweave::{weave, Digest, Source};

/// The speaker's name of the quote containing `needle`, if the Digest names one (panics
/// if no quote contains it).
fn speaker_of<'d>(d: &'d Digest, needle: &str) -> Option<&'d str> {
    let q = d
        .quotes
        .iter()
        .find(|q| q.text.contains(needle))
        .unwrap_or_else(|| panic!("no quote with {needle:?}"));
    q.speaker.map(|e| d.entities[e].name.as_str())
}

/// Every statement that a body sentence containing `needle` feeds (panics if none does).
fn statements_fed(d: &Digest, needle: &str) -> Vec<usize> {
    let fed: Vec<usize> = d
        .sentences
        .iter()
        .filter(|s| s.text.contains(needle))
        .flat_map(|s| s.statements.iter().copied())
        .collect();
    assert!(!fed.is_empty(), "no body sentence contains {needle:?}");
    fed
}

/// The statement that sentences containing `a` and `b` both feed, if any.
fn shared_statement(d: &Digest, a: &str, b: &str) -> Option<usize> {
    let of_b = statements_fed(d, b);
    statements_fed(d, a).into_iter().find(|id| of_b.contains(id))
}

#[test]
fn the_same_fact_in_other_words_is_one_statement() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let groups: &[&[&str]] = &[
        &[
            "Borrell heads to South Korea",
            "Borrell departed for South Korea",
            "Borrell will head to South Korea",
        ],
        &[
            "North Korean troops are in Russia readying to fight",
            "North Korean soldiers are currently in Russia preparing to engage in combat",
        ],
        &[
            "called its neighbor its greatest security challenge",
            "identified its neighbor as its biggest security challenge",
        ],
        &[
            "test-fired one of its newest and most powerful missiles on Thursday",
            "On October 31, Pyongyang test-fired its latest",
        ],
    ];
    for group in groups {
        for needle in &group[1..] {
            assert!(shared_statement(&d, group[0], needle).is_some(), "{:?} and {needle:?}", group[0]);
        }
    }
}

#[test]
fn different_facts_stay_apart() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    assert_eq!(
        shared_statement(
            &d,
            "He did not mention China",
            "partly to counter China, which is increasing military pressure on Taiwan"
        ),
        None
    );
}

#[test]
fn each_source_is_credited_once_per_statement() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    for st in &d.statements {
        let mut sources = st.sources.clone();
        sources.dedup();
        assert_eq!(sources, st.sources, "statement {} credits a source twice", st.id);
    }
}

#[test]
fn statements_say_who_said_what() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let heads = &d.statements[shared_statement(&d, "Borrell heads to South Korea", "Borrell departed for South Korea")
        .expect("one statement for the South Korea trip")];
    assert!(heads.wording_differs && !heads.single_source);
    // Each source's own wording is among the statement's sentences.
    for &s in &heads.sources {
        assert!(heads.sentences.iter().any(|&k| d.sentences[k].source == s));
    }
    for st in &d.statements {
        assert_eq!(st.single_source, st.sources.len() == 1);
        assert!(!(st.single_source && st.wording_differs));
    }
}

/// Two sources, "a" and "b", both published on 1 November 2024.
fn published_2024_11_01(a: &str, b: &str) -> [newsweave::Source; 2] {
    [("a", a), ("b", b)].map(|(label, text)| newsweave::Source {
        published: Some("2024-11-01".into()),
        ..newsweave::Source::new(label, text)
    })
}

#[test]
fn dates_and_numbers_that_differ_are_listed() {
    let sources = published_2024_11_01(
        "Officials in Tokyo said on Friday that the new defence pact will take effect in January.",
        "Officials in Tokyo said on Friday that the new defense pact will take effect in March.",
    );
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    assert_eq!(d.statements.len(), 1, "{:#?}", d.statements);
    let st = &d.statements[0];
    assert!(st.wording_differs);
    let dates = st
        .disagreements
        .iter()
        .find(|x| x.ty == newsweave::EntityType::Date)
        .expect("a date disagreement");
    let by: Vec<(usize, Vec<String>)> = dates.by_source.iter().map(|b| (b.source, b.values.clone())).collect();
    assert_eq!(
        by,
        vec![
            (0, vec!["2024-11-01".into(), "2025-01".into()]),
            (1, vec!["2024-11-01".into(), "2025-03".into()])
        ]
    );
}

/// A source that gives more than another ("in January") does not contradict it.
#[test]
fn a_date_one_source_adds_is_no_disagreement() {
    let sources = published_2024_11_01(
        "Officials in Tokyo said on Friday that the new defence pact will take effect in January.",
        "Officials in Tokyo said on Friday that the new defense pact will take effect soon.",
    );
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    assert_eq!(d.statements.len(), 1, "{:#?}", d.statements);
    assert!(d.statements[0].disagreements.is_empty(), "{:?}", d.statements[0].disagreements);
}

/// Numbers are compared as numbers: "two", "2" and "both" agree; "three" does not.
#[test]
fn quantities_written_differently_agree() {
    let cases = [("Both", false), ("The 2", false), ("The three", true)];
    for (opening, differ) in cases {
        let sources = [
            Source::new(
                "a",
                "The two leaders met in Geneva on Monday to discuss trade, energy and border security.",
            ),
            Source::new(
                "b",
                format!("{opening} leaders met in Geneva on Monday to discuss trade, energy and border security."),
            ),
        ];
        let d = weave(&sources, &newsweave::Options::default()).unwrap();
        assert_eq!(d.statements.len(), 1, "{opening}: one statement");
        let numbers = d.statements[0]
            .disagreements
            .iter()
            .any(|x| x.ty == newsweave::EntityType::Quantity);
        assert_eq!(numbers, differ, "{opening}: {:?}", d.statements[0].disagreements);
    }
}

#[test]
fn a_quote_worded_differently_by_two_outlets_is_one_quote() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let quote = |needle: &str| {
        d.quotes
            .iter()
            .find(|q| q.text.contains(needle))
            .unwrap_or_else(|| panic!("no quote with {needle:?}"))
    };
    let (a, b) = (
        quote("We live in a very dangerous world"),
        quote("We find ourselves in an increasingly perilous world"),
    );
    assert_eq!(a.group, b.group);
    assert!(a.wording_differs && b.wording_differs);
    assert_ne!(a.source, b.source);
    // 003 quotes the same words and names Borrell once, after its second passage
    // ("“…” and “…,” Borrell told reporters"): the first passage is his too, and joins
    // his quote.
    let repeat = d
        .quotes
        .iter()
        .find(|q| q.source == 3 && q.text.contains("We live in a very dangerous world"))
        .expect("003 quotes it");
    assert_eq!((repeat.speaker, repeat.group), (a.speaker, a.group));
    // A different quote of the same speaker is not in that group.
    assert_ne!(quote("the first agreement of this nature").group, a.group);
}

#[test]
fn unrelated_stories_in_004_never_enter_the_account() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    for st in &d.statements {
        for needle in ["Schengen", "Barnier", "Varna", "consulate", "Bulgaria"] {
            assert!(
                !st.text.contains(needle),
                "statement {} is about another story: {}",
                st.id,
                st.text
            );
            for &k in &st.sentences {
                assert!(!d.sentences[k].text.contains(needle), "{}", d.sentences[k].text);
            }
        }
    }
}

#[test]
fn unrelated_articles_make_their_own_story() {
    let mut sources = seeds();
    assert_eq!(
        weave(&sources, &newsweave::Options::default()).unwrap().stories.len(),
        1,
        "the five seeds tell one story"
    );
    let quake = "An earthquake of magnitude 6.1 struck the coast of northern Chile on Tuesday, the geological \
        survey said. Buildings swayed in the port city of Arica and power was cut to thousands of homes.\n\n\
        Officials in Arica said two people were injured and schools would stay closed on Wednesday while \
        engineers inspect them. The navy said there was no risk of a tsunami after the earthquake.";
    let quake2 = "A strong earthquake shook northern Chile on Tuesday, cutting power to thousands of homes in Arica, \
        officials said. The navy ruled out a tsunami. Two people were hurt and schools in Arica will stay \
        closed on Wednesday for inspections, the regional government said.";
    sources.push(newsweave::Source::new("quake A", quake));
    sources.push(newsweave::Source::new("quake B", quake2));
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    assert_eq!(d.stories.len(), 2, "{:?}", d.stories);
    assert_eq!(d.stories[0].sources, vec![0, 1, 2, 3, 4]);
    assert_eq!(d.stories[1].sources, vec![5, 6]);
    for st in &d.statements {
        let story = &d.stories[st.story].sources;
        assert!(
            st.sources.iter().all(|s| story.contains(s)),
            "statement {} mixes stories",
            st.id
        );
    }
    // The larger story's statements come first; the quake has a corroborated statement too.
    let first_quake = d.statements.iter().position(|s| s.story == 1).unwrap();
    assert!(d.statements[..first_quake].iter().all(|s| s.story == 0));
    assert!(d.statements.iter().any(|s| s.story == 1 && s.sources == vec![5, 6]));
}

#[test]
fn members_and_story_sources_come_in_order() {
    let mut sources = seeds();
    sources.push(newsweave::Source::new(
        "quake",
        "An earthquake of magnitude 6.1 struck the coast of northern Chile on Tuesday, the survey said.",
    ));
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    for st in &d.statements {
        assert!(st.sentences.windows(2).all(|w| w[0] < w[1]), "{:?}", st.sentences);
        assert!(st.sources.windows(2).all(|w| w[0] < w[1]), "{:?}", st.sources);
    }
    for story in &d.stories {
        assert!(story.sources.windows(2).all(|w| w[0] < w[1]), "{:?}", story.sources);
    }
}

#[test]
fn a_possessive_name_is_not_the_speaker() {
    let text = "Tara Reid checked into a clinic in Los Angeles on Tuesday, her spokesman said.\n\n\
        “Tara Reid has checked herself into Promises Treatment Center,” Reid's rep told Us Weekly.\n\n\
        “It was a mess,” Reid said of the show in an interview in October.";
    let sources = [Source::new("a", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let speaker = |needle: &str| speaker_of(&d, needle);
    assert_eq!(speaker("has checked herself"), None, "the rep spoke, not Reid");
    assert_eq!(speaker("It was a mess"), Some("Tara Reid"));
}

#[test]
fn a_quote_that_is_a_paragraph_of_its_own_goes_on_with_the_speaker_before() {
    let text = "Hackers are exploiting a flaw in the browser, security researchers said on Monday.\n\n\
        “When the patch is released, people should run, not walk, to get it installed,” said Paul Ferguson, a researcher with Trend Micro.\n\n\
        “This vulnerability is being actively exploited by criminals and getting worse every day.”\n\n\
        Officials at the company said a fix was coming.\n\n\
        “We are working on an update for every supported version.”\n\n\
        When the driver yelled, “Don’t move right now!” it clicked that they were police, she said.";
    let sources = [Source::new("a", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let speaker = |needle: &str| speaker_of(&d, needle);
    assert_eq!(speaker("people should run"), Some("Paul Ferguson"));
    assert_eq!(
        speaker("actively exploited"),
        Some("Paul Ferguson"),
        "the next paragraph goes on"
    );
    // After a paragraph without an attributed quote, no one is guessed.
    assert_eq!(speaker("working on an update"), None);
}

#[test]
fn a_quote_after_a_sentence_ending_in_a_colon_is_spoken_by_whom_it_introduces() {
    let text =
        "Israel said there was no humanitarian crisis in Gaza, officials in Jerusalem told reporters on Monday.\n\n\
        The UN's spokesman Christopher Gunness disagreed with the Israeli minister:\n\n\
        “There is a humanitarian crisis already, and nobody has managed to avoid one.”\n\n\
        “The reason we had to cancel food distributions is that our staff were under fire.”\n\n\
        Asked whether the agency would stop its work in the city, he replied:\n\n\
        “We will go on delivering food for as long as the crossings stay open.”\n\n\
        The agency published a statement from its office in the city:\n\n\
        “Our schools are full of families who have nowhere else to go.”";
    let sources = [Source::new("a", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let speaker = |needle: &str| speaker_of(&d, needle);
    // The introducing sentence is body text, not a subheading.
    assert!(d
        .statements
        .iter()
        .any(|s| s.text.contains("disagreed with the Israeli minister:")));
    assert_eq!(speaker("humanitarian crisis already"), Some("Christopher Gunness"));
    assert_eq!(
        speaker("cancel food distributions"),
        Some("Christopher Gunness"),
        "and goes on"
    );
    assert_eq!(
        speaker("go on delivering food"),
        Some("Christopher Gunness"),
        "he: the person last named"
    );
    // No person introduces it.
    assert_eq!(speaker("nowhere else to go"), None);
}

#[test]
fn a_quote_over_several_paragraphs_is_found_with_its_speaker() {
    let text = "The coach spoke after the game on Saturday night in the arena.\n\n\
        “We played hard for the whole of the first half.\n\n\
        “Then we stopped moving the ball and they punished us for it.\n\n\
        We will learn from this one,” coach Mark Phelps said.\n\n\
        His team plays again on Tuesday against a much stronger side.\n\n\
        “I have never seen a crowd like this one in all my years.\n\n\
        Nobody expected this,” said Ann Lee, a fan.\n\n\
        “Nothing closes this one, and a heading follows it.\n\n\
        Results\n\n\
        “The next game is sold out already,” the club said in a statement.";
    let sources = [Source::new("a", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let speaker = |needle: &str| speaker_of(&d, needle);
    // Each paragraph opens with a mark and only the last closes.
    assert_eq!(speaker("played hard"), Some("Mark Phelps"));
    assert_eq!(speaker("stopped moving the ball"), Some("Mark Phelps"));
    assert_eq!(speaker("learn from this one"), Some("Mark Phelps"));
    // The quote runs on into a paragraph without an opening mark.
    assert_eq!(speaker("never seen a crowd"), Some("Ann Lee"));
    assert_eq!(speaker("Nobody expected this"), Some("Ann Lee"));
    // A mark left open before a heading is no quote.
    assert!(d.quotes.iter().all(|q| !q.text.contains("Nothing closes this one")));
}

#[test]
fn straight_quote_marks_over_several_paragraphs_keep_their_speaker() {
    let text = "Smith wishes his successor luck\n\n\
        The former star recorded a message for his successor on Sunday evening.\n\n\
        Matt Smith said: \"I just want to wish my successor all the best and good luck.\n\n\
        \"The casting of it made me really excited, and it is going to be a thrill.\"\n\n\
        Alan Thornhill, an ecologist, said, \"As the threats we face evolve, scientists must be able to judge them.\n\n\
        Putting boundaries on the science undermines the Endangered Species Act.\"\n\n\
        The rule took effect in January, the agency said, and the lawyers \"expect a long fight.\n\n\
        Officials declined to comment on the case.";
    let sources = [Source::new("a", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let speaker = |needle: &str| speaker_of(&d, needle);
    // A straight mark left open before a word, the next paragraph opening with one.
    assert_eq!(speaker("wish my successor"), Some("Matt Smith"));
    assert_eq!(speaker("casting of it"), Some("Matt Smith"), "and goes on");
    // Closed in the next paragraph, after the end of a sentence.
    assert_eq!(speaker("Putting boundaries"), Some("Alan Thornhill"));
    // A straight mark that no later mark closes is no quote.
    assert!(d.quotes.iter().all(|q| !q.text.contains("expect a long fight")));
}

#[test]
fn a_paragraph_that_names_its_own_speaker_does_not_go_on_with_the_one_before() {
    let text = "Residents gathered outside the precinct on Wednesday night after the shooting.\n\n\
        Kenneth Montgomery, a lawyer for the family, told reporters that the police \"patrol these streets like an army.”\n\n\
        “The police have a hard time because there is a lot of crime here,” a local barber told the newspaper.\n\n\
        “But when they play hardball, they end up going after innocent people.”\n\n\
        “We have received around 50 people with injuries,” said Ema Suryani, a doctor at the clinic.\n\n\
        “There are around 30 people seriously injured,” added the doctor.";
    let sources = [Source::new("a", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let speaker = |needle: &str| speaker_of(&d, needle);
    // A straight mark closed by a curly one.
    assert_eq!(speaker("patrol these streets"), Some("Kenneth Montgomery"));
    assert_eq!(speaker("hard time"), None, "a barber, not the lawyer");
    assert_eq!(speaker("play hardball"), None);
    // A role that names the speaker before goes on with them.
    assert_eq!(speaker("seriously injured"), Some("Ema Suryani"));
}

#[test]
fn according_to_and_adding_name_the_speaker() {
    let text = "Tensions rose in the neighbourhood again on Wednesday night.\n\n\
        Tensions \"seemed to be decreasing until the arrest,\" according to Danny Gold of Metropolis.\n\n\
        \"I see many houses were damaged,\" said Bensu Elianita, a resident, adding, \"Many people were injured in the village.\"\n\n\
        Beat writer Larry Holder put it in one line, saying Bush \"could sit out the final two games.\"";
    let sources = [Source::new("a", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let speaker = |needle: &str| speaker_of(&d, needle);
    assert_eq!(speaker("seemed to be decreasing"), Some("Danny Gold"));
    assert_eq!(speaker("Many people were injured"), Some("Bensu Elianita"));
    // The subject of the reported speech is not its speaker.
    assert_eq!(speaker("sit out the final"), Some("Larry Holder"));
}

#[test]
fn a_listener_is_not_the_speaker_and_a_colon_introduces_the_subject() {
    let text = "Neighbours ran outside to help the woman after the crash on Monday evening.\n\n\
        \u{201c}Oh man, she was bad,\u{201d} one man told Glenn Schuck.\n\n\
        Finally Homeland star David Harewood, one of the names tipped for the role, managed a joke: \"Well, if it is me, the taxi is late.\"\n\n\
        Showrunner Steven Moffat adds that Malcolm Tucker will not cast a shadow over the role: \"You know when the Doctor is in the room.\"\n\n\
        Salva Kiir denied those claims in a statement on Thursday, calling them \"smoke screens to mask Khartoum's own activities.\"";
    let sources = [Source::new("a", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let speaker = |needle: &str| speaker_of(&d, needle);
    assert_eq!(speaker("she was bad"), None, "Schuck listened");
    assert_eq!(speaker("the taxi is late"), Some("David Harewood"));
    assert_ne!(
        speaker("Doctor is in the room"),
        Some("Malcolm Tucker"),
        "named in the reported clause"
    );
    assert_eq!(speaker("smoke screens"), Some("Salva Kiir"));
}

#[test]
fn a_quote_after_reported_speech_goes_on_with_whom_it_reports() {
    let text = "Climbers die in the Alps\n\n\
        Two climbers died on the mountain on Sunday after a fall in bad weather.\n\n\
        Two deaths so close together was unusual for the time of year, Inspector Dave Gaskin said.\n\n\
        \"We do not normally get many climbing accidents at this time of year.\"\n\n\
        The season starts in late October, the guide told Anna Berg.\n\n\
        \"It is still winter up there.\"\n\n\
        \u{201c}He was getting into it, calling Larry Drew a cheater.\n\n\
        Stuff like that you would not get at a professional level.\u{201d}";
    let sources = [Source::new("a", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let speaker = |needle: &str| speaker_of(&d, needle);
    assert_eq!(speaker("many climbing accidents"), Some("Dave Gaskin"));
    assert_eq!(speaker("still winter"), None, "Anna Berg listened");
    assert_ne!(
        speaker("Stuff like that"),
        Some("Larry Drew"),
        "a quoted paragraph reports no one"
    );
}

#[test]
fn he_or_she_stands_for_the_nearest_person_of_that_sex() {
    let text = "Scientists welcome the new rule\n\n\
        Francesca Grifo, director of a scientific integrity program, said lifting the requirement was one of a number of ways the George W. Bush administration weakened the Act.\n\n\
        \"Several last-minute regulatory changes have undermined the scientific foundation of the Act,\" she said.\n\n\
        Matthew Dunn, who worked with Tara Reid last year, praised the actress on Monday.\n\n\
        \"She came in totally prepared every single day,\" he told reporters.";
    let sources = [Source::new("a", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let speaker = |needle: &str| speaker_of(&d, needle);
    assert_eq!(speaker("last-minute regulatory changes"), Some("Francesca Grifo"));
    assert_eq!(speaker("totally prepared"), Some("Matthew Dunn"));
}

#[test]
fn a_surname_the_tagger_misses_after_a_quote_is_the_person_named_before() {
    let text = "AMD buys SeaMicro\n\n\
        \u{201c}By acquiring SeaMicro, we are accelerating our transformation,\u{201d} said Rory Read, president and chief executive of AMD.\n\n\
        \u{201c}We are clearly skating to where the puck is going,\u{201d} Read added.";
    let sources = [Source::new("a", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    assert_eq!(speaker_of(&d, "skating to where the puck"), Some("Rory Read"));
    // With no Rory Read named before, the word names no one.
    let alone = "AMD buys SeaMicro\n\n\
        \u{201c}By acquiring SeaMicro, we are accelerating our transformation,\u{201d} said Lisa Su of AMD.\n\n\
        \u{201c}We are clearly skating to where the puck is going,\u{201d} Read added.";
    let sources = [Source::new("a", alone)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    assert_eq!(speaker_of(&d, "skating to where the puck"), None);
}
