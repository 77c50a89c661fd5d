//! Runs the whole pipeline once on a corpus, for instruction-count profiling:
//! `valgrind --tool=callgrind target/release/examples/profile_once CORPUS.json`.
//! With a second argument, also writes the Digest as JSON there, so that an
//! optimisation can be checked to leave the output byte for byte unchanged.
//! With `PROFILE_CALLS=N` in the environment it weaves the corpus N times: the
//! difference between N = 3 and N = 1, halved, is one call with warm word caches.
//! With `PROFILE_THREADS=T` it reads the sources on up to T threads (`Options::threads`).
newsweave::native_allocator!();

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: profile_once CORPUS.json [OUT.json]");
    let corpus: Vec<newsweave::Source> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("readable corpus")).expect("corpus JSON");
    let limits = newsweave::Limits {
        max_sources: usize::MAX,
        max_total_bytes: usize::MAX,
    };
    let number = |name: &str| -> usize {
        std::env::var(name)
            .map(|n| n.parse().unwrap_or_else(|_| panic!("{name} is a number")))
            .unwrap_or(1)
    };
    let (calls, threads) = (number("PROFILE_CALLS"), number("PROFILE_THREADS"));
    let mut digest = newsweave::weave(&corpus, &newsweave::Options { limits, threads }).expect("weave");
    for _ in 1..calls {
        digest = newsweave::weave(&corpus, &newsweave::Options { limits, threads }).expect("weave");
    }
    println!(
        "{} statements, {} entities",
        digest.statements.len(),
        digest.entities.len()
    );
    if let Some(out) = std::env::args().nth(2) {
        std::fs::write(out, serde_json::to_string(&digest).expect("Digest serialises")).expect("writable output");
    }
}
