//! HTML pages as text (`newsweave::html`, what the CLI does with an `.html` file): the
//! examples in `tests/html/`, each `NAME.html` with the `NAME.txt` it must give. The
//! page's `www/html-to-text.js` is held to the same files in Chromium
//! (`tests/e2e/html.test.mjs`), so the CLI and the page read a page alike.

use newsweave::html::{looks_like_html, to_text};

#[test]
fn each_example_gives_its_text() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/html");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(&path).unwrap();
            let expected = std::fs::read_to_string(path.with_extension("txt")).unwrap();
            assert_eq!(to_text(&html), expected, "{}", path.display());
            seen += 1;
        }
    }
    assert!(seen >= 3, "the examples are missing");
}

#[test]
fn html_is_told_from_text() {
    let table = [
        ("<!DOCTYPE html><html><body><p>a</p></body></html>", true),
        ("\u{feff}\n  <!doctype HTML>\n<p>a", true),
        ("<html lang=\"en\"><p>a", true),
        ("<!-- saved from url -->\n<HTML><body>a", true),
        ("<body><p>a</p></body>", true),
        ("Japan and the EU signed a pact. <b>Bold</b> claims.", false),
        ("<p>A fragment</p> is text that happens to hold a tag", false),
        ("", false),
        ("<!-- never closed", false),
    ];
    for (text, html) in table {
        assert_eq!(looks_like_html(text), html, "{text:?}");
    }
}

#[test]
fn a_page_nested_very_deep_is_read_without_exhausting_the_stack() {
    let depth = 200_000;
    let html = format!(
        "<!doctype html><body>{}deep text{}</body>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    assert_eq!(to_text(&html), "deep text");
    let spans = format!(
        "<!doctype html><body><p>{}inline{}</p></body>",
        "<span>".repeat(depth),
        "</span>".repeat(depth)
    );
    assert_eq!(to_text(&spans), "inline");
}

mod generated {
    use proptest::prelude::*;

    /// Tags, broken tags, references and text, in any order: whatever a page holds.
    const PIECES: &[&str] = &[
        "<p>", "</p>", "<div>", "</div>", "<br>", "<b>", "</b>", "<nav>", "</nav>", "<form>", "</form>", "<svg>",
        "</svg>", "<math>", "<script>", "</script>", "<style>", "</style>", "<title>", "</title>", "<textarea>",
        "<noscript>", "</noscript>", "<head>", "</head>", "<body>", "<div hidden>", "<ul role=navigation>", "<td>",
        "<table>", "<li>", "<!--", "-->", "<!doctype html>", "<", ">", "</", "/>", "&amp;", "&#0;", "&#x110000;",
        "&nbsp;", "&", "\"", "'", "=", " ", "\n", "\t", "text", "Borrell", "é", "東京", "\u{0}", "<p hidden>",
        "<select>", "<button>", "<template>", "</template>", "<iframe>", "<plaintext>", "<![CDATA[", "]]>",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        #[test]
        fn any_page_is_read_without_a_panic(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..200)) {
            let page = pieces.concat();
            let text = newsweave::html::to_text(&page);
            // Paragraphs are separated by exactly one blank line and none is blank.
            prop_assert!(text.split("\n\n").all(|p| !p.trim().is_empty()) || text.is_empty(), "{:?}", text);
        }
    }
}
