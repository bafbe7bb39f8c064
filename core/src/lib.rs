//! Healthscore's domain core: scorecard model, account parsing, scoring.
//!
//! Pure Rust with no web dependency, so the browser app, a command-line tool
//! and any export share one proven engine, tested natively in seconds.
#![deny(missing_docs)]

pub mod bands;
pub mod cell;
pub mod data_edit;
pub mod dates;
pub mod describe;
pub mod edit;
pub mod engine;
pub mod evidence;
pub mod file;
pub mod history;
pub mod improve;
pub mod insight;
pub mod json;
pub mod library;
pub mod mapping;
pub mod memory;
pub mod model;
pub mod number;
pub mod proposals;
pub mod quality;
pub mod results_csv;
pub mod scoring;
pub mod sensitivity;
pub mod share;
pub mod sql;
pub mod stats;
pub mod stream;
pub mod table;
pub mod templates;
pub mod validate;
pub mod weights;

pub use model::{
    Band, Category, Choice, ColumnFormat, DataSettings, Direction, Input, Mapping, Metric,
    MissingPolicy, OutcomeColumn, Playbook, ReadAs, Rule, Scorecard, Signal, Tier, FORMAT_VERSION,
};
pub use scoring::{score_table, AccountScore, ColumnMap, MetricScore, MissingReason, Outcome};
pub use table::{parse_table, Delimiter, Encoding, ParseWarning, Parsed, Table};
pub use validate::{BandError, CardError, RuleError, ValidScorecard};
