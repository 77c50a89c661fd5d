//! The wasm binding in headless Chromium (`make test-wasm`): plain JS objects out,
//! errors with codes, and offsets that agree with the browser's own `String.slice`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The five demo seeds: their Digest has corroborated, single-source and differently
/// worded statements, so the binding's packed lists are all exercised.
const SEEDS: [(&str, &str); 5] = [
    ("000", include_str!("../www/demo/000_a5ac829314fd93d2.txt")),
    ("001", include_str!("../www/demo/001_5cdee6b3adf297d2.txt")),
    ("002", include_str!("../www/demo/002_95ec95232d0eab6f.txt")),
    ("003", include_str!("../www/demo/003_c7d9bafb4a5f74ae.txt")),
    ("004", include_str!("../www/demo/004_1bcfa3094ee00e81.txt")),
];

/// Two reports that disagree on a date: with the seeds, a statement with disagreements.
const CONFLICTING: [(&str, &str); 2] = [
    ("005", "Japan's defence ministry said the new pact with the European Union takes effect on Jan. 1, 2025, after both parliaments approve it."),
    ("006", "Japan's defense ministry said the new pact with the European Union takes effect on March 1, 2025, after both parliaments approve it."),
];

fn source(label: &str, text: &JsValue) -> JsValue {
    let object = Object::new();
    Reflect::set(&object, &"label".into(), &label.into()).unwrap();
    Reflect::set(&object, &"text".into(), text).unwrap();
    object.into()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

#[wasm_bindgen_test]
fn weave_returns_the_same_digest_as_native_code_as_a_plain_object() {
    let all: Vec<(&str, &str)> = SEEDS.iter().chain(&CONFLICTING).copied().collect();
    let input: Array = all.iter().map(|(l, t)| source(l, &JsValue::from_str(t))).collect();
    let digest = newsweave::wasm::weave(input.into()).unwrap();
    assert_eq!(
        Object::get_prototype_of(&digest),
        Object::get_prototype_of(&Object::new().into()),
        "a plain object"
    );
    let json: String = JSON::stringify(&digest).unwrap().into();
    let from_js: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sources: Vec<_> = all.iter().map(|&(l, t)| newsweave::Source::new(l, t)).collect();
    let native = newsweave::weave(&sources, &newsweave::Options::default()).unwrap();
    assert_eq!(from_js, serde_json::to_value(&native).unwrap());
    assert_eq!(from_js["sources"][4]["outlet"], "Euractiv.com");
    let statements = from_js["statements"].as_array().unwrap();
    for flag in ["single_source", "wording_differs"] {
        assert!(statements.iter().any(|s| s[flag] == true), "a statement with {flag}");
    }
    assert!(
        statements.iter().any(|s| s.get("disagreements").is_some()),
        "a statement with disagreements"
    );
}

#[wasm_bindgen_test]
fn markdown_is_the_report_the_cli_prints() {
    let input: Array = SEEDS.iter().map(|(l, t)| source(l, &JsValue::from_str(t))).collect();
    let sources: Vec<_> = SEEDS.iter().map(|&(l, t)| newsweave::Source::new(l, t)).collect();
    let native = newsweave::weave(&sources, &newsweave::Options::default()).unwrap();
    for top in [Some(3), None] {
        let markdown = newsweave::wasm::markdown(input.clone().into(), top).unwrap();
        assert_eq!(markdown, native.to_markdown(top.map(|n| n as usize)));
    }
    let error = newsweave::wasm::markdown(Array::new().into(), Some(3)).unwrap_err();
    assert_eq!(get(&error, "code"), JsValue::from_str("no_sources"));
}

#[wasm_bindgen_test]
fn offsets_agree_with_javascript_string_slice() {
    // Built in JS, so the offsets are checked against the string the page really holds.
    let text =
        JsString::from("Borrell 👋🏽 met Iwaya in Tokyo on “Friday”. Café\u{301} owners 👨‍👩‍👧 cheered Josep Borrell.");
    let input: Array = [source("a", &text.clone().into())].into_iter().collect();
    let digest = newsweave::wasm::weave(input.into()).unwrap();
    let mut checked = 0;
    for sentence in Array::from(&get(&digest, "sentences")).iter() {
        let (start, end) = (
            get(&sentence, "start").as_f64().unwrap() as u32,
            get(&sentence, "end").as_f64().unwrap() as u32,
        );
        assert_eq!(JsValue::from(text.slice(start, end)), get(&sentence, "text"));
        checked += 1;
    }
    for entity in Array::from(&get(&digest, "entities")).iter() {
        for mention in Array::from(&get(&entity, "mentions")).iter() {
            let (start, end) = (
                get(&mention, "start").as_f64().unwrap() as u32,
                get(&mention, "end").as_f64().unwrap() as u32,
            );
            assert_eq!(JsValue::from(text.slice(start, end)), get(&mention, "text"));
            checked += 1;
        }
    }
    assert!(checked >= 5, "checked {checked} spans");
}

#[wasm_bindgen_test]
fn errors_are_thrown_with_a_code() {
    let one_source = || -> Array {
        [source("a", &JsValue::from_str("Borrell met Iwaya."))]
            .into_iter()
            .collect()
    };
    // A getter that gives a string once, when the sources are read, and then a number.
    let fickle = Object::new();
    Reflect::set(&fickle, &"label".into(), &"b".into()).unwrap();
    let getter =
        js_sys::Function::new_no_args("return (this.reads = (this.reads || 0) + 1) === 1 ? 'Borrell met Iwaya.' : 42;");
    let descriptor = Object::new();
    Reflect::set(&descriptor, &"get".into(), &getter).unwrap();
    Reflect::set(&descriptor, &"enumerable".into(), &true.into()).unwrap();
    Object::define_property(&fickle, &"text".into(), &descriptor);
    let cases: [(JsValue, &str); 5] = [
        (Array::new().into(), "no_sources"),
        // The sources must be an array (their texts are read twice), not any iterable.
        (js_sys::Set::new(&one_source()).into(), "invalid_input"),
        (
            [JsValue::from(fickle)].into_iter().collect::<Array>().into(),
            "invalid_input",
        ),
        (
            [source("a", &JsValue::from_str("   "))]
                .into_iter()
                .collect::<Array>()
                .into(),
            "all_empty",
        ),
        (JsValue::from_f64(42.0), "invalid_input"),
    ];
    for (input, code) in cases {
        let error = newsweave::wasm::weave(input).unwrap_err();
        assert!(error.is_instance_of::<js_sys::Error>());
        assert_eq!(get(&error, "code"), JsValue::from_str(code));
    }
}

#[wasm_bindgen_test]
fn runs_inside_a_real_page() {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document");
    let host = document.create_element("div").unwrap(); // not the body: the runner reports there
                                                        // The digest's text is inserted as text: markup in a source stays inert.
    let input: Array = [source(
        "x",
        &JsValue::from_str("Officials said <img src=x onerror=alert(1)> was pasted into the article on Monday."),
    )]
    .into_iter()
    .collect();
    let digest = newsweave::wasm::weave(input.into()).unwrap();
    let statement = Array::from(&get(&digest, "statements")).get(0);
    host.set_text_content(get(&statement, "text").as_string().as_deref());
    document.body().expect("a body").append_child(&host).unwrap();
    assert_eq!(host.query_selector_all("img").unwrap().length(), 0);
    assert!(host.inner_html().contains("&lt;img src=x onerror=alert(1)&gt;"));
    host.remove();
}
