//! The accounts being scored and how they arrive: typed or small pastes at once,
//! large pastes and files a slice at a time, with progress and a Cancel that keeps
//! the accounts already on screen.

use crate::browser::memory::can_have;
use crate::browser::pieces::{next_task, Source};
use crate::results::Versioned;
use healthscore_core::engine::SubScores;
use healthscore_core::mapping::FirstMarks;
use healthscore_core::memory::{projected_bytes, size_words, SCORED_ROW_BYTES};
use healthscore_core::scoring::ColumnMap;
use healthscore_core::table::TableReader;
use healthscore_core::{parse_table, ColumnFormat, Input, Mapping, Parsed, ReadAs, Rule, Scorecard};
use leptos::prelude::*;
use std::sync::Arc;

/// Text up to this many bytes is kept with the accounts, to edit in place and store in the browser.
pub const KEPT_TEXT_BYTES: usize = 2_000_000;
/// Rows whose sub-scores are read between two breaths of the page while loading.
const ROWS_PER_TASK: usize = 40_000;
/// Rows looked through for decimal marks between two breaths (a quick test per cell).
const MARK_ROWS_PER_TASK: usize = 100_000;
/// Loads projected to need more than this (a quarter of the most a tab can have) ask the
/// browser for that memory before most of their data is read, so a file too large is refused
/// at once. Smaller ones are not asked for ahead: what is asked for stays the app's (wasm memory
/// never shrinks), so they keep their footprint; they grow as they read, asking first, and say
/// where memory ran out if it does.
const CHECKED_LOAD_BYTES: u64 = 1_000_000_000;
/// Bytes of data read between two such checks, as the projection firms up.
const CHECK_EVERY_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// What reading sub-scores depends on, and nothing else (weights and bands do not): every
/// metric's input, rule and way of reading, and how the card maps and reads the data's columns.
#[derive(Clone, PartialEq)]
pub struct RuleSet {
    metrics: Vec<(Input, Rule, ReadAs)>,
    mappings: Vec<Mapping>,
    formats: Vec<ColumnFormat>,
    as_of: Option<String>,
}

/// The rule set of a scorecard.
pub fn rules_of(card: &Scorecard) -> RuleSet {
    RuleSet {
        metrics: card.metrics.iter().map(|m| (m.input.clone(), m.rule.clone(), m.read)).collect(),
        mappings: card.data.mappings.clone(),
        formats: card.data.formats.clone(),
        as_of: card.data.as_of.clone(),
    }
}

/// What a load read ahead, so the results need not read it again.
#[derive(Clone)]
pub struct Prepared {
    /// The rules the columns were resolved and read with.
    pub rules: RuleSet,
    /// The columns each metric reads.
    pub columns: Versioned<ColumnMap>,
    /// Every metric's sub-scores.
    pub subs: Versioned<SubScores>,
}

/// The accounts on screen.
#[derive(Clone)]
pub struct Accounts {
    /// The data, parsed.
    pub parsed: Versioned<Parsed>,
    /// The text as given, when small enough to keep ([`KEPT_TEXT_BYTES`]).
    pub text: Option<Arc<String>>,
    /// The size of the data in bytes.
    pub bytes: usize,
    /// Columns resolved and sub-scores read while loading, and the rules they were read with.
    pub prepared: Option<Prepared>,
    /// Where the data came from, for the present view: a file's name, else None (pasted or typed).
    pub origin: Option<String>,
    /// Each column's first cell showing a decimal mark, found while loading (a slice at a time):
    /// the column map is resolved from it again after a rule or mapping change, instead of
    /// looking through every row of the newly read columns in one task.
    pub marks: Option<Arc<FirstMarks>>,
}

impl Accounts {
    /// Accounts parsed from text at once (typing, small pastes, the demo, a saved paste).
    pub fn from_text(text: String) -> Accounts {
        let parsed = Versioned::new(parse_table(&text));
        let bytes = text.len();
        let text = (bytes <= KEPT_TEXT_BYTES).then(|| Arc::new(text));
        Accounts { parsed, text, bytes, prepared: None, origin: None, marks: None }
    }

    /// The kept text, or nothing for data too large to keep.
    pub fn text(&self) -> &str {
        self.text.as_deref().map_or("", String::as_str)
    }

    /// Which column each input of `card` reads in these accounts: from the marks found while
    /// loading when there are any (the same map, see [`ColumnMap::resolve_scanned`]).
    pub fn resolve(&self, card: &Scorecard) -> ColumnMap {
        match &self.marks {
            Some(marks) => ColumnMap::resolve_scanned(card, &self.parsed, marks),
            None => ColumnMap::resolve_parsed(card, &self.parsed),
        }
    }
}

/// How far a load has got.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// What is being read, for the progress label.
    pub what: String,
    /// Rows read so far.
    pub rows: usize,
    /// 0 to 1.
    pub fraction: f64,
}

/// Loads large accounts in slices; at most one load runs, a new one cancels the last.
#[derive(Clone, Copy)]
pub struct Loader {
    /// The load under way, if any.
    pub progress: RwSignal<Option<Progress>>,
    /// The last load's failure, if it failed.
    pub error: RwSignal<Option<String>>,
    generation: StoredValue<u64>,
}

impl Default for Loader {
    fn default() -> Self {
        Loader::new()
    }
}

impl Loader {
    /// A loader with nothing under way.
    pub fn new() -> Loader {
        Loader { progress: RwSignal::new(None), error: RwSignal::new(None), generation: StoredValue::new(0) }
    }

    /// Stops the load under way; the accounts on screen stay as they are.
    pub fn cancel(&self) {
        self.generation.update_value(|g| *g += 1);
        self.progress.set(None);
    }

    /// Reads `source` a slice at a time, then replaces the accounts with it.
    pub fn start(&self, source: Source, what: String, card: ReadSignal<Scorecard>, accounts: RwSignal<Accounts>) {
        self.generation.update_value(|g| *g += 1);
        let mine = self.generation.get_value();
        let loader = *self;
        loader.error.set(None);
        loader.progress.set(Some(Progress { what: what.clone(), rows: 0, fraction: 0.0 }));
        leptos::task::spawn_local(async move {
            match loader.run(mine, &source, &what, card).await {
                Ok(Some(loaded)) => {
                    loader.progress.set(None);
                    accounts.set(loaded);
                }
                Ok(None) => {}
                Err(message) => {
                    loader.progress.set(None);
                    loader.error.set(Some(message));
                }
            }
        });
    }

    /// Whether load `mine` is still the one wanted.
    fn current(&self, mine: u64) -> bool {
        self.generation.try_get_value() == Some(mine)
    }

    async fn run(&self, mine: u64, source: &Source, what: &str, card: ReadSignal<Scorecard>) -> Result<Option<Accounts>, String> {
        let total = source.len().max(1.0);
        let mut reader = TableReader::new();
        let mut kept: Option<Vec<u8>> = Some(Vec::new());
        let mut bytes = 0;
        let mut at = 0.0;
        let metrics = card.with_untracked(|c| c.metrics.len()) as u64;
        let mut checked_at = f64::NEG_INFINITY;
        while at < source.len() {
            let (piece, next) = source.piece(at).await?;
            if !self.current(mine) {
                return Ok(None);
            }
            bytes += piece.len();
            kept = kept.filter(|k| k.len() + piece.len() <= KEPT_TEXT_BYTES).map(|mut k| {
                k.extend_from_slice(&piece);
                k
            });
            reader.push(&piece);
            if let Some(line) = reader.out_of_memory() {
                return Err(ran_out(what, line, reader.rows()));
            }
            at = next;
            if at < source.len() && at - checked_at >= CHECK_EVERY_BYTES {
                checked_at = at;
                let held = reader.held_bytes() as u64;
                let need = projected_bytes(total as u64, at as u64, reader.used_bytes() as u64, reader.rows() as u64, metrics);
                if need > CHECKED_LOAD_BYTES && !can_have(need.saturating_sub(held)) {
                    let rows = (reader.rows() as f64 * total / at) as u64;
                    return Err(too_large(what, rows, need));
                }
            }
            self.report(what, reader.rows(), at / total * 0.7);
            next_task().await;
            if !self.current(mine) {
                return Ok(None);
            }
        }
        let parsed = reader.finish();
        let rows = parsed.table.len();
        // Each column's decimal mark, from its first cell that shows one: a slice at a time.
        let mut marks = FirstMarks::default();
        loop {
            marks.scan(&parsed.table, marks.scanned() + MARK_ROWS_PER_TASK);
            if marks.scanned() >= rows {
                break;
            }
            self.report(what, rows, 0.7 + marks.scanned() as f64 / rows as f64 * 0.05);
            next_task().await;
            if !self.current(mine) {
                return Ok(None);
            }
        }
        let card = card.get_untracked();
        let map = ColumnMap::resolve_scanned(&card, &parsed, &marks).on(crate::browser::today());
        let mut subs = SubScores::default();
        loop {
            let until = (subs.len() + ROWS_PER_TASK).min(rows);
            if subs.room_for(card.metrics.len(), until - subs.len()).is_err() {
                return Err(ran_out_scoring(what, subs.len(), rows));
            }
            subs.read_rows(&card.metrics, &map, &parsed.table, until);
            self.report(what, rows, 0.75 + until as f64 / rows.max(1) as f64 * 0.25);
            // A breath after the last slice too: scoring and drawing the accounts is a task of its own.
            next_task().await;
            if !self.current(mine) {
                return Ok(None);
            }
            if until >= rows {
                break;
            }
        }
        // Every edit scores every account anew: that room too, for a load that needs checking.
        let scored = rows as u64 * SCORED_ROW_BYTES;
        if scored > CHECKED_LOAD_BYTES / 8 && !can_have(scored) {
            let need = (parsed.table.used_bytes() + subs.held_bytes()) as u64 + scored;
            return Err(too_large(what, rows as u64, need));
        }
        let text = kept.and_then(|k| String::from_utf8(k).ok()).map(Arc::new);
        Ok(Some(Accounts {
            parsed: Versioned::new(parsed),
            text,
            bytes,
            prepared: Some(Prepared { rules: rules_of(&card), columns: Versioned::new(map), subs: Versioned::new(subs) }),
            origin: matches!(source, Source::File(_)).then(|| what.to_owned()),
            marks: Some(Arc::new(marks)),
        }))
    }

    fn report(&self, what: &str, rows: usize, fraction: f64) {
        self.progress.set(Some(Progress { what: what.to_owned(), rows, fraction }));
    }
}

/// What to do with accounts too large for the tab, said after each reason below.
const TOO_LARGE_ADVICE: &str = "The accounts on screen are unchanged. Open part of the data, or score all of it with the command-line tool (healthscore score card.json accounts.csv), which reads a file of any length in constant memory.";

/// A load whose memory the tab cannot have: projected from its first pieces, or its scores' room.
fn too_large(what: &str, rows: u64, need: u64) -> String {
    format!(
        "This browser tab cannot have the memory {what} would need: {} rows, about {} to score (a tab's app memory ends at 4 GB, or sooner when the computer is short of memory). {TOO_LARGE_ADVICE}",
        about(rows),
        size_words(need)
    )
}

/// A projected count in round words: "about 20 million", "about 850,000".
fn about(rows: u64) -> String {
    if rows >= 1_000_000 {
        format!("about {} million", crate::format::number((rows as f64 / 100_000.0).round() / 10.0))
    } else {
        format!("about {}", crate::format::count(rows / 1_000 * 1_000))
    }
}

/// A load that ran out of memory while reading, at `line` of the data.
fn ran_out(what: &str, line: u64, rows: usize) -> String {
    format!(
        "Memory ran out at line {} of {what}, after {} rows: this browser tab cannot have more. {TOO_LARGE_ADVICE}",
        crate::format::count(line),
        crate::format::count(rows as u64)
    )
}

/// A load that ran out of memory while scoring its rows.
fn ran_out_scoring(what: &str, scored: usize, rows: usize) -> String {
    format!(
        "Memory ran out while scoring {what} ({} of its {} rows scored): this browser tab cannot have more. {TOO_LARGE_ADVICE}",
        crate::format::count(scored as u64),
        crate::format::count(rows as u64)
    )
}
