//! Entity targets on the five seed articles (published 2024-11-01) and on new cases.

mod common;

use common::{seeds, utf16_slice};
use newsweave::{weave, Digest, Entity, EntityType, Source};

fn entity<'a>(d: &'a Digest, form: &str) -> &'a Entity<'a> {
    d.entities
        .iter()
        .find(|e| e.name == form || e.aliases.iter().any(|a| a == form))
        .unwrap_or_else(|| panic!("no entity for {form:?}"))
}

#[test]
fn alias_groups_on_the_seeds() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let groups: &[(&str, EntityType, &[&str])] = &[
        ("Josep Borrell", EntityType::Per, &["Borrell"]),
        ("Gen Nakatani", EntityType::Per, &["Nakatani"]),
        ("Takeshi Iwaya", EntityType::Per, &["Iwaya"]),
        ("European Union", EntityType::Org, &["EU"]),
        ("Agence France-Presse", EntityType::Org, &["AFP"]),
        ("United States", EntityType::Loc, &["US", "U.S."]),
        ("United Kingdom", EntityType::Loc, &["UK", "Britain"]),
    ];
    for (name, ty, aliases) in groups {
        let e = entity(&d, name);
        assert_eq!((&e.name[..], e.ty), (*name, *ty));
        for alias in *aliases {
            assert_eq!(entity(&d, alias).id, e.id, "{alias} belongs to {name}");
        }
    }
    // "High Representative Borrell" and "General Nakatani": titles become roles.
    let borrell = entity(&d, "Josep Borrell");
    for role in ["EU foreign policy chief", "High Representative"] {
        assert!(borrell.roles.iter().any(|r| r == role), "{role} in {:?}", borrell.roles);
    }
    assert!(entity(&d, "Gen Nakatani").roles.iter().any(|r| r == "General"));
    assert!(entity(&d, "Takeshi Iwaya")
        .roles
        .iter()
        .any(|r| r == "Japanese Foreign Minister"));
    assert!(d
        .entities
        .iter()
        .all(|e| !matches!(&e.name[..], "High Representative" | "General" | "Foreign Minister")));
    // Demonyms relate to their place but are not merged into it.
    let japanese = entity(&d, "Japanese");
    assert_eq!(
        (japanese.ty, japanese.related.as_deref()),
        (EntityType::Misc, Some("Japan"))
    );
    assert_ne!(japanese.id, entity(&d, "Japan").id);
}

#[test]
fn every_mention_of_the_people_is_a_person() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    for name in ["Borrell", "Iwaya", "Nakatani", "Ishiba", "Kishida", "Biden", "Lin Jian"] {
        for (i, s) in sources.iter().enumerate() {
            for (byte, _) in s.text.match_indices(name) {
                let start = s.text[..byte].encode_utf16().count();
                let end = start + name.encode_utf16().count();
                let tagged = d
                    .entities
                    .iter()
                    .filter(|e| e.ty == EntityType::Per)
                    .flat_map(|e| &e.mentions)
                    .any(|m| m.source == i && m.start <= start && m.end >= end);
                assert!(
                    tagged,
                    "{name} in source {i} at {start}: {:?}",
                    utf16_slice(&s.text, start.saturating_sub(40), end)
                );
            }
        }
    }
}

#[test]
fn named_things_have_sensible_types() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let cases = [
        ("Hwasong-19", EntityType::Misc),
        ("Iikura Guest House", EntityType::Loc),
        ("KCNA", EntityType::Org),
        ("Pyongyang", EntityType::Loc),
        ("Indo-Pacific", EntityType::Loc),
        ("Asia-Pacific", EntityType::Loc),
        ("Nov. 1, 2024", EntityType::Date),
    ];
    for (form, ty) in cases {
        assert_eq!(entity(&d, form).ty, ty, "{form}");
    }
    for furniture in ["Home", "MENU", "Subscribe", "Digital edition"] {
        assert!(d
            .entities
            .iter()
            .filter(|e| e.ty == EntityType::Per)
            .all(|e| e.name != furniture && !e.aliases.iter().any(|a| a == furniture)));
    }
}

#[test]
fn dates_resolve_against_publication() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let value_of = |source: usize, surface: &str| {
        d.entities
            .iter()
            .filter(|e| e.ty == EntityType::Date)
            .find(|e| e.mentions.iter().any(|m| m.source == source && m.text == surface))
            .and_then(|e| e.value.clone())
            .unwrap_or_else(|| panic!("no dated {surface:?} in source {source}"))
    };
    assert_eq!(value_of(0, "Thursday"), "2024-10-31"); // "North Korea claims Thursday’s … test"
    assert_eq!(value_of(4, "Thursday"), "2024-10-31");
    assert_eq!(value_of(0, "January"), "2025-01"); // "will take effect in January"
    assert_eq!(value_of(3, "Nov. 1, 2024"), "2024-11-01");
    assert_eq!(value_of(2, "October 31"), "2024-10-31");
    assert_eq!(value_of(4, "Tuesday"), "2024-10-29"); // "Iwaya said on Tuesday"
    assert_eq!(value_of(4, "April"), "2024-04"); // "hosted … for a state visit in April"
                                                 // "Thursday" (000) and "October 31" (002) are one date entity.
    assert_eq!(entity(&d, "October 31").id, entity(&d, "Thursday").id);
}

#[test]
fn new_cases_of_our_own() {
    let text = "BERLIN — German Chancellor Olaf Scholz met French President Emmanuel Macron on Monday. \
                Scholz said the European Commission (EC) would act by March 2025. Macron added that the EC agreed. \
                Later, the North Atlantic Treaty Organization said 3 percent was the goal.";
    let sources = [Source {
        published: Some("2024-11-06".into()),
        ..Source::new("t", text)
    }];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    assert_eq!(entity(&d, "Scholz").name, "Olaf Scholz");
    assert_eq!(entity(&d, "Macron").name, "Emmanuel Macron");
    assert!(entity(&d, "Olaf Scholz").roles.iter().any(|r| r == "German Chancellor"));
    assert_eq!(entity(&d, "Monday").value.as_deref(), Some("2024-11-04"));
    assert_eq!(entity(&d, "March 2025").value.as_deref(), Some("2025-03"));
    assert_eq!(entity(&d, "EC").id, entity(&d, "European Commission").id);
    assert_eq!(entity(&d, "North Atlantic Treaty Organization").name, "NATO");
    assert_eq!(entity(&d, "3 percent").ty, EntityType::Percent);
    assert!(d.entities.iter().all(|e| e.name != "Later"));
}

#[test]
fn a_compound_written_in_either_order_is_one_name() {
    let one = "Officials said the India-Pakistan Water Treaty would be signed in Tokyo on Monday.";
    let other = "Critics of the Pakistan-India Water Treaty protested in Seoul.";
    let sources = [Source::new("a", one), Source::new("b", other)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    assert_eq!(
        entity(&d, "India-Pakistan Water Treaty").id,
        entity(&d, "Pakistan-India Water Treaty").id
    );
}

#[test]
fn sentence_openers_are_names_only_when_rare() {
    let text = "Leicester beat Somerset by an innings and 39 runs on Saturday after a long wait. \
                Additionally, the weather held for the whole of the final day of the match.";
    let sources = [Source::new("t", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    // A county side: a team (ORG) in CoNLL's annotation, a place by its name alone.
    assert!(matches!(entity(&d, "Leicester").ty, EntityType::Loc | EntityType::Org));
    assert!(d.entities.iter().all(|e| e.name != "Additionally"));
}

#[test]
fn quotes_have_their_speakers() {
    let sources = seeds();
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    let speaker_of = |source: usize, start_of_quote: &str| {
        let q = d
            .quotes
            .iter()
            .find(|q| q.source == source && q.text.starts_with(start_of_quote))
            .unwrap_or_else(|| panic!("no quote {start_of_quote:?}"));
        q.speaker.map(|id| d.entities[id].name.as_str())
    };
    assert_eq!(speaker_of(2, "I am very pleased to announce"), Some("Josep Borrell")); // “…,” Borrell said.
    assert_eq!(speaker_of(4, "We have secured alignment"), Some("Josep Borrell")); // "…," he said
    assert_eq!(speaker_of(4, "inseparable from that of Europe"), Some("Takeshi Iwaya")); // "…", Iwaya added.
    assert_eq!(speaker_of(1, "We find ourselves"), Some("Josep Borrell")); // “…,” Borrell stated.
    assert_eq!(speaker_of(0, "invited the EU"), Some("Lin Jian")); // Lin “invited …”
    assert_eq!(speaker_of(4, "today’s Ukraine could be"), Some("Shigeru Ishiba"));
    assert_eq!(speaker_of(0, "the most powerful strategic missile"), None); // claimed by an agency, not a person
}

/// A title in front of a name is the person's role, even where the tagger took the
/// whole run for an organisation's name ("AARP CEO Barry Rand").
#[test]
fn titles_in_front_are_roles() {
    let text = "The offer was made by White House Chief of Staff Rahm Emanuel through an intermediary.\n\n\
                AARP CEO Barry Rand said the group would fight any cut to benefits.\n\n\
                BuzzFeed Editor-in-Chief Ben Smith defended the decision to publish.\n\n\
                GOP Rep. Blake Farenthold of Texas said he would not run again.\n\n\
                AG Eric Schneiderman sued the company on Tuesday.";
    let sources = [Source::new("t", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    for (name, role) in [
        ("Rahm Emanuel", "White House Chief of Staff"),
        ("Barry Rand", "CEO"),
        ("Ben Smith", "Editor-in-Chief"),
        ("Blake Farenthold", "Rep."),
        ("Eric Schneiderman", "AG"),
    ] {
        let e = entity(&d, name);
        assert_eq!((&e.name[..], e.ty), (name, EntityType::Per), "{name}");
        assert!(e.roles.iter().any(|r| r.ends_with(role)), "{name}: {:?}", e.roles);
    }
    assert_eq!(entity(&d, "AARP").ty, EntityType::Org);
    // A company's "AG" stays in its name.
    let company = [Source::new("t", "Shares of Deutsche Bank AG fell 3 percent on Monday.")];
    let d = weave(&company, &newsweave::Options::default()).unwrap();
    assert_eq!(entity(&d, "Deutsche Bank AG").ty, EntityType::Org);
}

/// Three outlets name each person their own way; the Digest has one entity per person.
#[test]
fn one_entity_per_person_across_outlets() {
    let sources = [
        Source::new(
            "a",
            "Special counsel Robert S. Mueller III questioned Attorney General Jeff Sessions for hours on Tuesday \
             about the firing of the FBI director. Sen. Dick Durbin of Illinois called the interview routine.",
        ),
        Source::new(
            "b",
            "Robert Mueller questioned Jeff Sessions for hours on Tuesday about the firing of the FBI director, \
             two people said. Mueller declined to comment. Richard J. Durbin called the interview routine.",
        ),
        Source::new(
            "c",
            "Bob Mueller questioned Attorney General Jeff Sessions on Tuesday about the firing of the FBI director. \
             Senator Richard Durbin said the interview was routine.",
        ),
    ];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    assert_eq!(d.stories.len(), 1, "one story");
    let mueller = entity(&d, "Robert S. Mueller III");
    for form in ["Robert Mueller", "Mueller", "Bob Mueller"] {
        assert_eq!(entity(&d, form).id, mueller.id, "{form}");
    }
    let durbin = entity(&d, "Dick Durbin");
    for form in ["Richard J. Durbin", "Richard Durbin"] {
        assert_eq!(entity(&d, form).id, durbin.id, "{form}");
    }
    assert!(durbin.roles.iter().any(|r| r == "Sen."), "{:?}", durbin.roles);
    let people = d.entities.iter().filter(|e| e.ty == EntityType::Per).count();
    assert_eq!(people, 3, "{:#?}", d.entities);
}

/// The names and types of a text's PER, ORG, LOC and MISC entities.
fn names_of(text: &str) -> Vec<(String, EntityType)> {
    let sources = [Source::new("t", text)];
    let d = weave(&sources, &newsweave::Options::default()).unwrap();
    d.entities
        .iter()
        .filter(|e| matches!(e.ty, EntityType::Per | EntityType::Org | EntityType::Loc | EntityType::Misc))
        .map(|e| (e.name.to_string(), e.ty))
        .collect()
}

fn type_of(names: &[(String, EntityType)], name: &str) -> Option<EntityType> {
    names.iter().find(|(n, _)| n == name).map(|(_, ty)| *ty)
}

/// "X administration", "X campaign": X is the person, not a place; "X-care" is a
/// programme; a storm's name is an event; an office between a place and a name
/// splits them; a name does not start with "of".
#[test]
fn modifiers_storms_and_offices_keep_their_types() {
    use EntityType::*;
    let text = "The Obama administration said on Monday that the rules would stay. \
                Aides said the Biden administration and the Warren campaign disagreed. \
                Critics of Obamacare and of Trumpcare met in the capital on Tuesday. \
                Hurricane Sandy flooded the coast, and Typhoon Haiyan struck the islands a year later. \
                Texas Rep. Beto O'Rourke and Ohio Sen. Sherrod Brown spoke at the rally on Friday. \
                The Romney campaign declined to comment, as did the Texas campaign office. \
                Voters in New Hampshire and South Carolina went to the polls, and Cam Newton watched.";
    let names = names_of(text);
    for (name, ty) in [
        ("Obama", Per),
        ("Biden", Per),
        ("Warren", Per),
        ("Obamacare", Misc),
        ("Trumpcare", Misc),
        ("Hurricane Sandy", Misc),
        ("Typhoon Haiyan", Misc),
        ("Beto O'Rourke", Per),
        ("Sherrod Brown", Per),
        ("Texas", Loc),
        ("Ohio", Loc),
        ("Romney", Per),
        ("New Hampshire", Loc),
        ("South Carolina", Loc),
        ("Cam Newton", Per),
    ] {
        assert_eq!(type_of(&names, name), Some(ty), "{name}: {names:?}");
    }
    assert!(
        names.iter().all(|(n, _)| !n.starts_with("of ") && !n.contains("Rep.") && !n.contains("Sen.")),
        "{names:?}"
    );
}

/// A headline in title case is tagged in sentence case: its verbs and common nouns are
/// no names, and an office after a place is not an organisation.
#[test]
fn title_case_headlines_are_read_in_sentence_case() {
    let text = "Perry Wins Endorsement of Texas Governor in Primary Race\n\n\
                Rick Perry won the endorsement of the Texas governor on Tuesday, his campaign said.";
    let names = names_of(text);
    for furniture in ["Wins", "Endorsement", "Perry Wins Endorsement", "Texas Governor", "Primary Race"] {
        assert!(names.iter().all(|(n, _)| n != furniture), "{furniture}: {names:?}");
    }
    assert_eq!(type_of(&names, "Rick Perry"), Some(EntityType::Per), "{names:?}");
    assert_eq!(type_of(&names, "Texas"), Some(EntityType::Loc), "{names:?}");
}
