fn main() {
    let path = std::env::args().nth(1).unwrap();
    let corpus: Vec<newsweave::Source> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let n: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    for _ in 0..n { let d = newsweave::weave(&corpus).unwrap(); std::hint::black_box(d); }
}
