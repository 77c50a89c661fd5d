//! What the stages know about English words, independent of any one input: word
//! normalisation, dates and day names, and the compiled gazetteer and name lists.

pub mod dates;
pub mod gazetteer;
pub mod names;
pub mod normalise;
pub mod words;
