//! Healthscore's browser shell: Leptos components that read signals and call the core.
//!
//! All scoring, parsing and validation lives in `healthscore-core`; this crate
//! only holds state, derives views from it, and talks to the browser.

pub mod accounts;
pub mod app;
pub mod browser;
pub mod components;
pub mod designer;
pub mod format;
pub mod library;
pub mod results;
pub mod sensitivities;
pub mod settle;

pub use app::App;
