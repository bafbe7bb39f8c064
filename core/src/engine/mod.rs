//! The column engine: what every rule makes of every account, read once into flat columns.
//!
//! Reading cells is the costly half of scoring and depends only on the metrics'
//! inputs and rules and on the data; [`SubScores::read`] does it once into one
//! `f64` column per metric. A weight, band or missing-policy edit then costs
//! [`Scores::compute`]: a few multiply-adds per cell over those columns, with no
//! allocation per account, in blocks of accounts small enough to stay in cache and, in the
//! browser, two accounts at a time in SIMD lanes (the same bits as one at a time); the
//! 5-point histogram comes out of the same pass. A weight or band edit during a drag costs
//! less again: [`Scores::reweighed`] reads only the columns of the metrics whose weights moved. [`Ranking`] orders accounts by score with a radix pass
//! instead of a comparison sort. The per-account explanation ([`crate::scoring`])
//! is computed only for the accounts a person looks at.

mod codes;
mod compare;
mod order;
mod read;
mod reweigh;
mod scores;

pub use codes::{Codes, Dictionary};
pub use compare::{Baseline, Moves};
pub use order::{by_score_desc, order_by, ranks_of, window, NameOrder, Ranking, Window};
pub use read::{CellProblem, SubScores};
pub use reweigh::MAX_STEPS;
pub use scores::{Scores, BIN, NO_BAND};
