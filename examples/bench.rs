//! Native benchmark: `cargo run --release --example bench -- [CORPUS.json]`.
//! Prints a Markdown table: the five seeds (median of many runs) and throughput
//! on a corpus built by `bench/ecb_corpus.py`.

use std::time::Instant;

use newsweave::{weave, Limits, Options, Source};

newsweave::native_allocator!();

fn seeds() -> Vec<Source> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/demo");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("www/demo exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            Source::new(
                p.file_stem().unwrap().to_string_lossy(),
                std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect()
}

/// Calls timed per corpus row. Nine rather than five: on the two-core VM the benchmarks
/// run on, a median of five calls on both cores varied by up to 20 % between runs.
const CORPUS_RUNS: usize = 9;

/// Median wall time in milliseconds of `runs` calls.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let seeds = seeds();
    let seed_bytes: usize = seeds.iter().map(|s| s.text.len()).sum();
    for _ in 0..20 {
        weave(&seeds, &newsweave::Options::default()).unwrap(); // warm up
    }
    let seed_ms = median_ms(200, || {
        weave(&seeds, &newsweave::Options::default()).unwrap();
    });
    // The same call with the per-word caches emptied first: every word is new to it.
    let seed_cold_ms = median_ms(200, || {
        newsweave::clear_caches();
        weave(&seeds, &newsweave::Options::default()).unwrap();
    });
    println!("| what | input | time (median) | throughput |");
    println!("|---|---|---|---|");
    for (what, ms) in [
        ("native: five seeds, whole pipeline", seed_ms),
        (
            "native: five seeds, whole pipeline, word caches emptied first",
            seed_cold_ms,
        ),
    ] {
        println!(
            "| {what} | {:.1} KB | {:.3} ms | {:.1} MB/s |",
            seed_bytes as f64 / 1e3,
            ms,
            seed_bytes as f64 / 1e6 / (ms / 1e3)
        );
    }
    for path in std::env::args().skip(1) {
        let json =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e} (run bench/ecb_corpus.py first)"));
        let corpus: Vec<Source> = serde_json::from_str(&json).expect("corpus JSON is an array of sources");
        let bytes: usize = corpus.iter().map(|s| s.text.len()).sum();
        let limits = Limits {
            max_sources: usize::MAX,
            max_total_bytes: usize::MAX,
        };
        let ms = median_ms(CORPUS_RUNS, || {
            weave(&corpus, &Options { limits, threads: 1 }).unwrap();
        });
        let cold_ms = median_ms(CORPUS_RUNS, || {
            newsweave::clear_caches();
            weave(&corpus, &Options { limits, threads: 1 }).unwrap();
        });
        // The command line reads a large input on one thread per core.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let parallel_ms = median_ms(CORPUS_RUNS, || {
            weave(&corpus, &Options { limits, threads: cores }).unwrap();
        });
        let name = std::path::Path::new(&path).file_name().unwrap().to_string_lossy();
        let on_cores = format!(", {cores} threads (the CLI's default here)");
        for (caches, ms) in [
            ("", ms),
            (", word caches emptied first", cold_ms),
            (on_cores.as_str(), parallel_ms),
        ] {
            println!(
                "| native: {name} ({} articles), whole pipeline{caches} | {:.2} MB | {:.1} ms | {:.1} MB/s |",
                corpus.len(),
                bytes as f64 / 1e6,
                ms,
                bytes as f64 / 1e6 / (ms / 1e3)
            );
        }
        // The CLI's default output, on its own: the report of a Digest already made.
        let digest = weave(&corpus, &Options { limits, threads: 1 }).unwrap();
        let mut report_bytes = 0;
        let report_ms = median_ms(CORPUS_RUNS, || {
            report_bytes = digest.to_markdown(None).len();
        });
        println!(
            "| native: {name}, the Markdown report alone (`--top all`: {:.2} MB of Markdown) | {:.2} MB | {:.1} ms | {:.1} MB/s |",
            report_bytes as f64 / 1e6,
            bytes as f64 / 1e6,
            report_ms,
            bytes as f64 / 1e6 / (report_ms / 1e3)
        );
    }
    // Saved pages as the CLI reads them (`newsweave::html`): a news page's body
    // repeated to 1 MB, and nesting 200,000 deep (a tree builder is quadratic there).
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/html/article.html")).unwrap();
    let body = page
        .split_once("<body>")
        .and_then(|(_, rest)| rest.split_once("</body>"))
        .map_or(page.as_str(), |(body, _)| body);
    let pages = [
        (
            "tests/html/article.html's body repeated",
            format!("<!doctype html><body>{}</body>", body.repeat(1_000_000 / body.len())),
        ),
        (
            "200,000 nested <div>",
            format!(
                "<!doctype html><body>{}text{}</body>",
                "<div>".repeat(200_000),
                "</div>".repeat(200_000)
            ),
        ),
    ];
    for (what, html) in &pages {
        let ms = median_ms(CORPUS_RUNS, || {
            std::hint::black_box(newsweave::html::to_text(html));
        });
        println!(
            "| native: HTML page to text, {what} | {:.2} MB | {ms:.1} ms | {:.1} MB/s |",
            html.len() as f64 / 1e6,
            html.len() as f64 / 1e6 / (ms / 1e3)
        );
    }
    if let Some(kb) = peak_rss_kb() {
        println!(
            "\npeak RSS of this benchmark process (all rows above): {:.1} MB",
            kb as f64 / 1024.0
        );
    }
}

/// The process's peak resident set size (Linux `VmHWM`).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}
