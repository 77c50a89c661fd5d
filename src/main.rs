//! The `newsweave` command: the same core as the browser, for batch work.

use std::io::Read;
use std::process::ExitCode;

use newsweave::{weave, Options, Source, VIEW_LIMITS};

const USAGE: &str =
    "usage: newsweave merge [--json | --markdown [--top N|all]] [--threads N] [--published YYYY-MM-DD] FILE[@YYYY-MM-DD]...
       FILE may be - for standard input, and an HTML page (.html, or text that starts as one) is read as its text;
       FILE@YYYY-MM-DD dates that file (\"said Thursday\" is then the Thursday before it, \"will vote Thursday\" the next);
       a FILE given no date is dated by its own byline, and else by --published;
       N threads read a large input (default: one per core);
       --top sets how many statements each story's Markdown account lists (default 10)";

newsweave::native_allocator!();

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            use std::io::Write;
            match std::io::stdout().lock().write_all(output.as_bytes()) {
                // A reader that stops early (`newsweave merge … | head`) is not a failure.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("newsweave: cannot write the output: {e}");
                    ExitCode::FAILURE
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(CliError::Usage(msg)) => {
            eprintln!("newsweave: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(CliError::Failed(msg)) => {
            eprintln!("newsweave: {msg}");
            ExitCode::FAILURE
        }
    }
}

enum CliError {
    Usage(String),
    Failed(String),
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Markdown,
}

fn run(args: &[String]) -> Result<String, CliError> {
    let Some((command, rest)) = args.split_first() else {
        return Err(CliError::Usage("no command given".into()));
    };
    match command.as_str() {
        "merge" => merge(rest),
        "eval-ner" => eval_ner(rest),
        "train-ner" => train_ner(rest),
        "eval-paraphrase" => eval_paraphrase(rest),
        "eval-clusters" => eval_clusters(rest),
        "eval-stories" => eval_stories(rest),
        "verifier-features" => verifier_features(rest),
        "-h" | "--help" | "help" => Ok(format!("{USAGE}\n")),
        other => Err(CliError::Usage(format!("unknown command {other:?}"))),
    }
}

fn merge(args: &[String]) -> Result<String, CliError> {
    let mut format = Format::Markdown;
    let mut files = Vec::new();
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut published = None;
    let mut top = Some(VIEW_LIMITS.summary_length);
    let mut top_given = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" => {
                threads = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or_else(|| CliError::Usage("--threads takes a number of threads, 1 or more".into()))?;
            }
            // Checked by the core, which names the bad value (`Error::InvalidDate`).
            "--published" => {
                published = Some(
                    args.next()
                        .ok_or_else(|| CliError::Usage("--published takes a date, YYYY-MM-DD".into()))?
                        .clone(),
                );
            }
            "--top" => {
                top = match args.next().map(String::as_str) {
                    Some("all") => None,
                    n => Some(n.and_then(|n| n.parse().ok()).filter(|&n| n > 0).ok_or_else(|| {
                        CliError::Usage("--top takes a number of statements, 1 or more, or all".into())
                    })?),
                };
                top_given = true;
            }
            "--json" => format = Format::Json,
            "--markdown" => format = Format::Markdown,
            "-" => files.push(file_and_date(arg)?),
            flag if flag.starts_with("-@") => files.push(file_and_date(flag)?),
            flag if flag.starts_with('-') => return Err(CliError::Usage(format!("unknown option {flag:?}"))),
            _ => files.push(file_and_date(arg)?),
        }
    }
    if top_given && format == Format::Json {
        return Err(CliError::Usage(
            "--top shapes the Markdown account; --json always gives the whole Digest".into(),
        ));
    }
    if files.is_empty() {
        return Err(CliError::Usage(
            "no input files: name at least one FILE (or - for standard input)".into(),
        ));
    }
    let mut sources = files
        .iter()
        .map(|(file, _)| read_source(file))
        .collect::<Result<Vec<_>, _>>()?;
    // Each file's own date first: the one given with it, else its byline's (which the
    // core reads), else the default. Articles of one story often span days.
    for (source, (_, date)) in sources.iter_mut().zip(&files) {
        source.published = match date {
            Some(date) => Some(date.clone()),
            None if published.is_some() && newsweave::byline_date(&source.text).is_none() => published.clone(),
            None => None,
        };
    }
    let digest = weave(&sources, &Options { threads, ..Options::default() }).map_err(|e| match e {
        // Name the flag or the file that gave the date, not "source 1".
        newsweave::Error::InvalidDate { source, value } => match files.get(source) {
            Some((file, Some(_))) => {
                CliError::Usage(format!("{file}@{value}: {value:?} is not a date of the form YYYY-MM-DD"))
            }
            _ => CliError::Usage(format!("--published {value:?} is not a date of the form YYYY-MM-DD")),
        },
        e => CliError::Failed(e.to_string()),
    })?;
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(&digest)
            .map(|s| s + "\n")
            .map_err(|e| CliError::Failed(e.to_string()))?,
        Format::Markdown => digest.to_markdown(top),
    })
}

/// A FILE argument and the date given with it: "article.txt@2024-11-01" is
/// ("article.txt", "2024-11-01"). A file that exists under the whole name is that file
/// ("notes@home.txt"); the date is checked by the core, which names a bad one.
fn file_and_date(arg: &str) -> Result<(String, Option<String>), CliError> {
    match arg.rsplit_once('@') {
        Some((file, date)) if !file.is_empty() && (file == "-" || !std::path::Path::new(arg).exists()) => {
            if date.trim().is_empty() {
                return Err(CliError::Usage(format!("{arg}: give the date after @, YYYY-MM-DD")));
            }
            Ok((file.to_string(), Some(date.to_string())))
        }
        _ => Ok((arg.to_string(), None)),
    }
}

fn read_conll(path: &str) -> Result<Vec<newsweave::train::conll::Sentence>, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Failed(format!("cannot read {path}: {}", io_reason(&e))))?;
    newsweave::train::conll::parse(&text).map_err(|e| CliError::Failed(format!("{path}: {e}")))
}

/// Per-type and overall precision, recall and F1 (exact spans), the spread of F1
/// between documents, plus speed; with a training file also the recall of entities
/// seen and unseen in it, and F1 on it (the dev-to-train gap).
fn eval_ner(args: &[String]) -> Result<String, CliError> {
    let (path, train_path) = match args {
        [path] => (path, None),
        [path, train] => (path, Some(train)),
        _ => return Err(CliError::Usage("eval-ner takes a CoNLL-2003 file and optionally the training file".into())),
    };
    let data = read_conll(path)?;
    let tokens: usize = data.iter().map(|s| s.tokens.len()).sum();
    let bytes: usize = data.iter().flat_map(|s| &s.tokens).map(|t| t.len() + 1).sum();
    let scores = newsweave::train::ner::evaluate(&data).map_err(CliError::Failed)?;
    let mut out = format!("{path}: {} sentences, {tokens} tokens\n\n| type | precision | recall | F1 | gold | predicted |\n|---|---|---|---|---|---|\n", data.len());
    for (ty, c) in scores
        .iter()
        .filter(|(t, _)| !t.is_empty())
        .chain(scores.get_key_value(""))
    {
        let name = if ty.is_empty() { "**overall**" } else { ty };
        out.push_str(&format!(
            "| {name} | {:.4} | {:.4} | {:.4} | {} | {} |\n",
            c.precision(),
            c.recall(),
            c.f1(),
            c.gold,
            c.predicted
        ));
    }
    // Per-document F1: how far one document's score is from another's, so that a
    // change within the noise shows as such.
    let docs = newsweave::train::ner::f1_by_document(&data).map_err(CliError::Failed)?;
    if docs.len() > 1 {
        let mut f1s: Vec<f64> = docs.iter().map(|d| d.0).collect();
        f1s.sort_by(f64::total_cmp);
        let n = f1s.len() as f64;
        let mean = f1s.iter().sum::<f64>() / n;
        let sd = (f1s.iter().map(|f| (f - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
        let quantile = |q: f64| f1s[((n - 1.0) * q).round() as usize];
        out.push_str(&format!(
            "\nby document ({} with entities): mean F1 {mean:.4}, sd {sd:.4} (standard error of the mean {:.4}); quartiles {:.3} / {:.3} / {:.3}, lowest {:.3}\n",
            f1s.len(),
            sd / n.sqrt(),
            quantile(0.25),
            quantile(0.5),
            quantile(0.75),
            f1s[0]
        ));
    }
    if let Some(train_path) = train_path {
        let train = read_conll(train_path)?;
        let [seen, unseen] = newsweave::train::ner::recall_seen_unseen(&data, &train).map_err(CliError::Failed)?;
        let train_f1 = newsweave::train::ner::evaluate(&train).map_err(CliError::Failed)?[""].f1();
        let ratio = |(a, b): (usize, usize)| a as f64 / b.max(1) as f64;
        out.push_str(&format!(
            "recall of entities seen in {train_path} with their type: {:.4} ({} entities); unseen: {:.4} ({}); F1 on {train_path} itself: {train_f1:.4}\n",
            ratio(seen),
            seen.1,
            ratio(unseen),
            unseen.1
        ));
    }
    // Speed: the model and word table decoded first (once per process), then the
    // fastest of three passes, each with a fresh word cache.
    let mut seconds = f64::INFINITY;
    for _ in 0..3 {
        let started = std::time::Instant::now();
        newsweave::train::ner::evaluate(&data).map_err(CliError::Failed)?;
        seconds = seconds.min(started.elapsed().as_secs_f64());
    }
    out.push_str(&format!(
        "\ntagging speed: {:.0} tokens/s, {:.1} MB/s (one thread, features, Viterbi and scoring included; fastest of 3)\n",
        tokens as f64 / seconds,
        bytes as f64 / 1e6 / seconds
    ));
    Ok(out)
}

fn read_msrp(path: &str) -> Result<Vec<newsweave::train::paraphrase::LabelledPair>, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| CliError::Failed(format!("{path}: {e}")))?;
    newsweave::train::paraphrase::parse_msrp(&text).map_err(|e| CliError::Failed(format!("{path}: {e}")))
}

fn eval_paraphrase(args: &[String]) -> Result<String, CliError> {
    let [path] = args else {
        return Err(CliError::Usage("eval-paraphrase takes one MSRP-format file".into()));
    };
    let pairs = read_msrp(path)?;
    let newsweave::train::paraphrase::Scores {
        accuracy,
        precision,
        recall,
        f1,
    } = newsweave::train::paraphrase::evaluate(&pairs);
    Ok(format!(
        "{path}: {} pairs

| accuracy | precision | recall | F1 |
|---|---|---|---|
| {accuracy:.4} | {precision:.4} | {recall:.4} | {f1:.4} |
",
        pairs.len()
    ))
}

/// The verifier's features of every pair of an MSRP-format file, as TSV
/// (`label<TAB>group<TAB>features...`), for `scripts/train_verifier.py`.
fn verifier_features(args: &[String]) -> Result<String, CliError> {
    let (path, sentences) = match args {
        [path] => (path, Vec::new()),
        [path, flag, sentences] if flag == "--sentences" => {
            let text = std::fs::read_to_string(sentences).map_err(|e| CliError::Failed(format!("{sentences}: {e}")))?;
            let parsed = newsweave::train::paraphrase::parse_story_sentences(&text)
                .map_err(|e| CliError::Failed(format!("{sentences}: {e}")))?;
            (path, parsed)
        }
        _ => {
            return Err(CliError::Usage(
                "verifier-features takes one MSRP-format file [--sentences STORY-SENTENCES.tsv]".into(),
            ))
        }
    };
    let pairs = read_msrp(path)?;
    let mut out = String::new();
    for (x, pair) in newsweave::train::paraphrase::features(&pairs, &sentences).iter().zip(&pairs) {
        let values: Vec<String> = x.iter().map(f32::to_string).collect();
        out += &format!("{}\t{}\t{}\n", u8::from(pair.same), pair.group, values.join("\t"));
    }
    Ok(out)
}

/// ECB+ token XML to text: tokens joined by spaces, one paragraph per sentence
/// (sentence 0 of an `*ecbplus.xml` file is its source URL and is skipped).
fn ecb_text(xml: &str, plus: bool) -> String {
    let mut out = String::new();
    let mut sentence = None;
    for chunk in xml.split("<token ").skip(1) {
        let Some((attrs, rest)) = chunk.split_once('>') else {
            continue;
        };
        let Some((word, _)) = rest.split_once("</token>") else {
            continue;
        };
        let s = attrs
            .split("sentence=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or("");
        if plus && s == "0" {
            continue;
        }
        if sentence.as_deref() != Some(s) {
            if sentence.is_some() {
                out.push_str("\n\n");
            }
            sentence = Some(s.to_string());
        } else {
            out.push(' ');
        }
        let word = word
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        out.push_str(&word);
    }
    out
}

/// The articles of an ECB+ directory (topic folders of *ecb.xml / *ecbplus.xml), with
/// their topic and event (`ecb` or `ecbplus`).
fn ecb_articles(dir: &str) -> Result<Vec<newsweave::train::clusters::Article>, CliError> {
    let read_dir =
        |p: &std::path::Path| std::fs::read_dir(p).map_err(|e| CliError::Failed(format!("{}: {e}", p.display())));
    let mut paths: Vec<std::path::PathBuf> = Vec::new();
    for topic in read_dir(std::path::Path::new(dir))? {
        let topic = topic.map_err(|e| CliError::Failed(e.to_string()))?.path();
        if topic.is_dir() {
            for f in read_dir(&topic)? {
                let f = f.map_err(|e| CliError::Failed(e.to_string()))?.path();
                if f.extension().is_some_and(|x| x == "xml") {
                    paths.push(f);
                }
            }
        }
    }
    paths.sort();
    if paths.is_empty() {
        return Err(CliError::Failed(format!("{dir}: no ECB+ XML files in topic folders")));
    }
    let mut articles = Vec::new();
    for p in &paths {
        let xml = std::fs::read_to_string(p).map_err(|e| CliError::Failed(format!("{}: {e}", p.display())))?;
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let plus = name.ends_with("ecbplus.xml");
        let topic = p
            .parent()
            .and_then(|t| t.file_name())
            .map(|t| t.to_string_lossy().to_string())
            .unwrap_or_default();
        articles.push(newsweave::train::clusters::Article {
            topic,
            event: if plus { "ecbplus".into() } else { "ecb".into() },
            text: ecb_text(&xml, plus),
        });
    }
    Ok(articles)
}

/// Story grouping settings swept over ECB+ topics and BASIL mixes (written by
/// `bench/basil_stories.py --manifest`): one tab-separated line per setting, for
/// `bench/basil_stories.py --select` to choose from on one half and check on the other.
fn eval_stories(args: &[String]) -> Result<String, CliError> {
    use newsweave::train::clusters::{doc_of_text, score_setting, Mix, Setting, Weighting};
    let [dir, manifest] = args else {
        return Err(CliError::Usage(
            "eval-stories takes an ECB+ directory and a manifest (MIX, STORY, PATH lines)".into(),
        ));
    };
    let ecb = ecb_articles(dir)?;
    let ecb_docs: Vec<_> = ecb.iter().map(|a| doc_of_text(&a.text)).collect();
    let lines = std::fs::read_to_string(manifest).map_err(|e| CliError::Failed(format!("{manifest}: {e}")))?;
    let mut mixes: Vec<Mix> = Vec::new();
    for line in lines.lines().filter(|l| !l.is_empty()) {
        let [name, story, path] = line.split('\t').collect::<Vec<_>>()[..] else {
            return Err(CliError::Failed(format!("{manifest}: not MIX, STORY, PATH: {line:?}")));
        };
        let text = std::fs::read_to_string(path).map_err(|e| CliError::Failed(format!("{path}: {e}")))?;
        if mixes.last().is_none_or(|m| m.name != name) {
            mixes.push(Mix {
                name: name.into(),
                stories: Vec::new(),
                docs: Vec::new(),
            });
        }
        let mix = mixes.last_mut().expect("pushed above");
        mix.stories.push(story.into());
        mix.docs.push(doc_of_text(&text));
    }
    let mut settings = Vec::new();
    for (lead_sentences, lead_weight) in [(3, 2.0), (3, 3.0), (5, 2.0), (5, 3.0)] {
        for name_weight in [1.0, 1.5, 2.0] {
            for max_terms in [0, 20, 30, 40, 50, 60, 80, 120] {
                for t in 6..=30 {
                    settings.push(Setting {
                        weighting: Weighting {
                            lead_sentences,
                            lead_weight,
                            name_weight,
                        },
                        threshold: t as f32 * 0.01,
                        max_terms,
                    });
                }
            }
        }
    }
    let mut out = String::new();
    for (k, setting) in settings.iter().enumerate() {
        let (topic, event, kinds) = score_setting(&ecb, &ecb_docs, &mixes, setting);
        if k == 0 {
            out += "lead\tlead_weight\tname_weight\tmax_terms\tthreshold\tecb_topic\tecb_event";
            for (kind, _) in &kinds {
                out += &format!("\t{kind}_p\t{kind}_r\t{kind}_f1\t{kind}_joined");
            }
            out += "\n";
        }
        let w = &setting.weighting;
        out += &format!(
            "{}\t{}\t{}\t{}\t{:.2}\t{topic:.4}\t{event:.4}",
            w.lead_sentences, w.lead_weight, w.name_weight, setting.max_terms, setting.threshold
        );
        for (_, (p, r, f, j)) in &kinds {
            out += &format!("\t{p:.4}\t{r:.4}\t{f:.4}\t{j}");
        }
        out += "\n";
    }
    Ok(out)
}

fn eval_clusters(args: &[String]) -> Result<String, CliError> {
    let [dir] = args else {
        return Err(CliError::Usage(
            "eval-clusters takes one ECB+ directory (topic folders of *ecb.xml / *ecbplus.xml)".into(),
        ));
    };
    let articles = ecb_articles(dir)?;
    let started = std::time::Instant::now();
    let ((tp, tr, tf), (ep, er, ef)) = newsweave::train::clusters::evaluate(&articles);
    Ok(format!(
        "{dir}: {} articles\n\n| level | B³ precision | B³ recall | B³ F1 |\n|---|---|---|---|\n| topic | {tp:.4} | {tr:.4} | {tf:.4} |\n| event within topic | {ep:.4} | {er:.4} | {ef:.4} |\n\n{:.2} s\n",
        articles.len(),
        started.elapsed().as_secs_f64()
    ))
}

fn train_ner(args: &[String]) -> Result<String, CliError> {
    let (train_path, dev_path, out_path, epochs) = match args {
        [t, d, o] => (t, d, o, 12),
        [t, d, o, e] => (
            t,
            d,
            o,
            e.parse()
                .map_err(|_| CliError::Usage(format!("EPOCHS must be a number, not {e:?}")))?,
        ),
        _ => return Err(CliError::Usage("train-ner takes TRAIN DEV OUT [EPOCHS]".into())),
    };
    let (train, dev) = (read_conll(train_path)?, read_conll(dev_path)?);
    let model = newsweave::train::ner::train(&train, &dev, epochs, &mut |line| eprintln!("{line}"));
    std::fs::write(out_path, &model).map_err(|e| CliError::Failed(format!("cannot write {out_path}: {e}")))?;
    Ok(format!("wrote {out_path} ({} bytes)\n", model.len()))
}

fn read_source(path: &str) -> Result<Source, CliError> {
    let mut bytes = Vec::new();
    let label = if path == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| CliError::Failed(format!("cannot read standard input: {e}")))?;
        "stdin".to_string()
    } else {
        bytes = std::fs::read(path).map_err(|e| CliError::Failed(format!("cannot read {path}: {}", io_reason(&e))))?;
        std::path::Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.to_string())
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        CliError::Failed(format!(
            "{path} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(Source::new(label, page_text(path, text)))
}

/// A saved web page is read as the page reads a pasted one: its text, paragraphs kept.
/// Other input is returned as it is.
#[cfg(not(target_arch = "wasm32"))]
fn page_text(path: &str, text: String) -> String {
    let extension = std::path::Path::new(path)
        .extension()
        .map(|x| x.to_string_lossy().to_ascii_lowercase());
    if matches!(extension.as_deref(), Some("html" | "htm" | "xhtml")) || newsweave::html::looks_like_html(&text) {
        newsweave::html::to_text(&text)
    } else {
        text
    }
}

/// The command has no use in wasm (the page reads HTML with DOMParser), but
/// `cargo test --target wasm32-unknown-unknown` builds it.
#[cfg(target_arch = "wasm32")]
fn page_text(_path: &str, text: String) -> String {
    text
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
