//! The `newsweave` command: output forms and one-line errors.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

fn cli(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsweave"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.unwrap_or(b"")).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn demo(file: &str) -> String {
    format!("{}/www/demo/{file}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn json_is_the_digest() {
    let (code, out, err) = cli(
        &[
            "merge",
            "--json",
            &demo("003_c7d9bafb4a5f74ae.txt"),
            &demo("004_1bcfa3094ee00e81.txt"),
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["sources"][1]["outlet"], "Euractiv.com");
    for key in ["sources", "sentences", "statements", "entities"] {
        assert!(v[key].as_array().is_some_and(|a| !a.is_empty()), "{key}");
    }
    let sources: Vec<newsweave::Source> = ["003_c7d9bafb4a5f74ae", "004_1bcfa3094ee00e81"]
        .iter()
        .map(|f| newsweave::Source::new(*f, std::fs::read_to_string(demo(&format!("{f}.txt"))).unwrap()))
        .collect();
    let expected = serde_json::to_value(newsweave::weave(&sources, &newsweave::Options::default()).unwrap()).unwrap();
    assert_eq!(v, expected, "the CLI prints exactly the library's digest");
    let files = [demo("003_c7d9bafb4a5f74ae.txt"), demo("004_1bcfa3094ee00e81.txt")];
    let (code, one_thread, err) = cli(&["merge", "--json", "--threads", "1", &files[0], &files[1]], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(one_thread, out, "--threads changes the speed, never the digest");
}

/// `--published` dates every file that has no byline date, as the page's date field
/// does: relative dates resolve against it, so "Thursday" (in a Friday 1 November
/// article) and "October 31" are one date and the two outlets' missile sentences one
/// statement.
#[test]
fn published_dates_every_file() {
    let files: Vec<String> = common::seeds()
        .iter()
        .map(|s| demo(&format!("{}.txt", s.label)))
        .collect();
    let mut args = vec!["merge", "--json", "--published", "2024-11-01"];
    args.extend(files.iter().map(String::as_str));
    let (code, out, err) = cli(&args, None);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let expected = serde_json::to_value(newsweave::weave(&common::seeds(), &newsweave::Options::default()).unwrap()).unwrap();
    assert_eq!(v, expected, "the CLI's digest is the library's with every source dated");
    let statement_with = |needle: &str| {
        v["statements"]
            .as_array()
            .unwrap()
            .iter()
            .position(|st| {
                st["sentences"].as_array().unwrap().iter().any(|k| {
                    v["sentences"][k.as_u64().unwrap() as usize]["text"]
                        .as_str()
                        .is_some_and(|t| t.contains(needle))
                })
            })
            .unwrap_or_else(|| panic!("no statement has {needle:?}"))
    };
    assert_eq!(
        statement_with("missiles on Thursday"),
        statement_with("On October 31, Pyongyang test-fired")
    );

    let (code, _, err) = cli(&["merge", "--published", "2024-13-01", &files[0]], None);
    assert_eq!(code, 2);
    assert!(err.contains("--published \"2024-13-01\" is not a date"), "{err}");
    let (code, _, err) = cli(&["merge", &files[0], "--published"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--published takes a date"), "{err}");
}

/// Each file keeps its own date: the one given with it (`FILE@YYYY-MM-DD`), else its
/// byline's, else `--published`. Relative days resolve against each file's date.
#[test]
fn each_file_has_its_own_date() {
    let dir = std::env::temp_dir().join(format!("newsweave-dates-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    };
    let story = "The county board voted on Thursday to close the bridge, officials said. \
                 Crews will begin the repairs on Monday.";
    let bylined = write(
        "bylined.txt",
        &format!("Board votes to close bridge\n\nBy: Jane Roe - Posted: Sunday, November 3, 2024\n\n{story}\n"),
    );
    let plain = write("plain.txt", &format!("Bridge to close\n\n{story}\n"));
    let dated = write("dated@copy.txt", &format!("Bridge closure approved\n\n{story}\n"));
    let run = |args: &[&str]| {
        let (code, out, err) = cli(args, None);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let given = format!("{dated}@2024-10-30");
    let v = run(&["merge", "--json", "--published", "2024-11-01", &bylined, &plain, &given]);
    let published: Vec<&str> = (0..3).map(|s| v["sources"][s]["published"].as_str().unwrap()).collect();
    assert_eq!(published, ["2024-11-03", "2024-11-01", "2024-10-30"]);
    let value_of = |v: &serde_json::Value, source: u64, text: &str| -> String {
        v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| {
                e["mentions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|m| m["source"] == source && m["text"] == text)
            })
            .and_then(|e| e["value"].as_str())
            .unwrap_or_else(|| panic!("no dated {text:?} in source {source}"))
            .to_string()
    };
    // "voted on Thursday" is the Thursday before each date, "will begin on Monday" the next Monday.
    let thursdays: Vec<String> = (0..3).map(|s| value_of(&v, s, "Thursday")).collect();
    assert_eq!(thursdays, ["2024-10-31", "2024-10-31", "2024-10-24"]);
    let mondays: Vec<String> = (0..3).map(|s| value_of(&v, s, "Monday")).collect();
    assert_eq!(mondays, ["2024-11-04", "2024-11-04", "2024-11-04"]);
    // Without --published, a file with neither a date nor a byline has none; a file
    // whose whole name holds an "@" is read as that file.
    let v = run(&["merge", "--json", &plain, &bylined, &dated]);
    assert!(v["sources"][0]["published"].is_null(), "{}", v["sources"][0]);
    assert_eq!(v["sources"][1]["published"], "2024-11-03");
    assert!(v["sources"][2]["published"].is_null());
    // A bad date names its file.
    let bad = format!("{plain}@2024-13-01");
    let (code, _, err) = cli(&["merge", &bylined, &bad], None);
    assert_eq!(code, 2);
    assert!(err.contains(&format!("{bad}: \"2024-13-01\" is not a date")), "{err}");
    let empty = format!("{plain}@");
    let (code, _, err) = cli(&["merge", &empty], None);
    assert_eq!(code, 2);
    assert!(err.contains("give the date after @"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn markdown_has_a_footnote_per_source() {
    let (code, out, _) = cli(&["merge", "--markdown", &demo("003_c7d9bafb4a5f74ae.txt"), "-"], Some(b"Japan, which for decades has relied on the United States for military hardware, is also developing a new fighter jet with EU member Italy and Britain set to be airborne by 2035."));
    assert_eq!(code, 0);
    assert!(out.starts_with("# Japan and EU announce new defense pact\n"));
    assert!(out.contains("airborne by 2035. [^1][^2] (2 sources)\n"), "{out}");
    assert!(out.contains("\n[^1]: 003_c7d9bafb4a5f74ae, Japan and EU announce new defense pact\n"));
    assert!(out.contains("\n[^2]: stdin\n"));
}

#[test]
fn top_sets_the_length_of_the_markdown_account() {
    let files: Vec<String> = std::fs::read_dir(format!("{}/www/demo", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    let items = |out: &str| {
        out.lines()
            .take_while(|l| !l.starts_with("## "))
            .filter(|l| {
                l.split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
            .count()
    };
    let run = |extra: &[&str]| {
        let mut args = vec!["merge"];
        args.extend_from_slice(extra);
        args.extend(files.iter().map(String::as_str));
        let (code, out, err) = cli(&args, None);
        assert_eq!(code, 0, "{err}");
        out
    };
    assert_eq!(items(&run(&[])), 10, "a short account by default, as on the page");
    assert_eq!(items(&run(&["--top", "3"])), 3);
    let (code, json, _) = cli(
        &[
            &["merge", "--json"][..],
            &files.iter().map(String::as_str).collect::<Vec<_>>(),
        ]
        .concat(),
        None,
    );
    assert_eq!(code, 0);
    let statements = serde_json::from_str::<serde_json::Value>(&json).unwrap()["statements"]
        .as_array()
        .unwrap()
        .len();
    assert!(statements > 10);
    assert_eq!(items(&run(&["--top", "all"])), statements);
}

#[test]
fn an_html_page_is_read_as_its_text() {
    let page = format!("{}/tests/html/article.html", env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = cli(&["merge", "--json", &page], None);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["sources"][0]["title"],
        "Japan and the EU sign a new security and defence pact"
    );
    assert_eq!(v["sources"][0]["published"], "2024-11-01", "the byline date");
    let sentences: Vec<&str> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    for furniture in [
        "dataLayer", "Search", "Politics", "Buy now", "Enable JavaScript", "template text", "icon", "<",
    ] {
        assert!(
            sentences.iter().all(|s| !s.contains(furniture)),
            "{furniture:?} in {sentences:?}"
        );
    }
    assert!(v["statements"][0]["text"]
        .as_str()
        .unwrap()
        .contains("sweeping new security"));
    // Piped, the page is told from text by its start; text that merely holds a tag stays text.
    let html = std::fs::read(&page).unwrap();
    let (code, piped, _) = cli(&["merge", "--json", "-"], Some(&html));
    assert_eq!(code, 0);
    let piped: serde_json::Value = serde_json::from_str(&piped).unwrap();
    assert_eq!(piped["statements"], v["statements"]);
    let (code, text, _) = cli(
        &["merge", "--json", "-"],
        Some(b"Japan and the EU signed a <b>new</b> pact in Tokyo on Friday, officials said."),
    );
    assert_eq!(code, 0);
    assert!(text.contains("a <b>new</b> pact"), "{text}");
}

#[test]
fn errors_are_one_line_on_stderr_with_a_nonzero_exit() {
    let dir = std::env::temp_dir().join(format!("newsweave-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 au lait").unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["merge".into(), "/no/such/file.txt".into()],
            "cannot read /no/such/file.txt: no such file",
        ),
        (
            vec!["merge".into(), latin1.to_string_lossy().into()],
            "is not UTF-8 text",
        ),
        (vec!["merge".into()], "no input files"),
        (vec!["merge".into(), "-".into()], "every source is empty"),
        (vec!["frobnicate".into()], "unknown command"),
        (
            vec!["merge".into(), "--threads".into(), "0".into(), "-".into()],
            "--threads takes a number",
        ),
        (vec!["merge".into(), "--threads".into()], "--threads takes a number"),
        (
            vec!["merge".into(), "--top".into(), "0".into(), "-".into()],
            "--top takes a number",
        ),
        (
            vec!["merge".into(), "--top".into(), "many".into(), "-".into()],
            "--top takes a number",
        ),
        (
            vec!["merge".into(), "--json".into(), "--top".into(), "3".into(), "-".into()],
            "--top shapes the Markdown account",
        ),
    ];
    for (args, message) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = cli(&args, None);
        assert_ne!(code, 0, "{args:?}");
        assert!(out.is_empty());
        let first = err.lines().next().unwrap_or("");
        assert!(
            first.starts_with("newsweave: ") && first.contains(message),
            "{args:?}: {err}"
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}
