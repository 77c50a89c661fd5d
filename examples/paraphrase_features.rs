//! Writes the paraphrase verifier's features of every pair of an MSRP-format file as
//! TSV (label, then the features, bias first), in file order, for experiments with
//! other features or learners (`bench/msrp_probe.py`).
//! Usage: `cargo run --release --example paraphrase_features MSRP_FILE > FEATURES.tsv`
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: paraphrase_features MSRP_FILE")?;
    let pairs = newsweave::train::paraphrase::parse_msrp(&std::fs::read_to_string(&path)?)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (x, same) in newsweave::train::paraphrase::features(&pairs) {
        let values: Vec<String> = x.iter().map(f32::to_string).collect();
        writeln!(out, "{}\t{}", same as u8, values.join("\t"))?;
    }
    Ok(())
}
