//! Training and evaluation, behind the `train` feature: the CoNLL-2003, MSRP and ECB+
//! readers, the trainers of the two learned models, and the scores the `eval-*` and
//! `train-*` commands print. Nothing in the pipeline depends on it, and the wasm
//! module is built without it.

pub mod clusters;
pub mod conll;
pub mod ner;
pub mod paraphrase;
