//! How much of a Digest the views show: the Markdown report and the page read the same
//! numbers from here (the page through the binding's `viewLimits()`).

use serde::Serialize;

/// The sizes of the account's views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ViewLimits {
    /// Statements in each story's account unless the reader asks for another number.
    pub summary_length: usize,
    /// Rows of the coverage grid: it is taken in at a glance, so it stops here whatever
    /// the summary length (and its size stays bounded by rows × sources).
    pub grid_rows: usize,
    /// Entities listed per type in the index, most mentioned first.
    pub index_limit: usize,
}

/// The limits every view uses.
pub const VIEW_LIMITS: ViewLimits = ViewLimits {
    summary_length: 10,
    grid_rows: 25,
    index_limit: 40,
};
