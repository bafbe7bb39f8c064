//! Builders shared by the core's integration tests.
#![allow(dead_code)]

use healthscore_core::model::letter_grades;
use healthscore_core::{
    parse_table, Band, Category, Input, Metric, MissingPolicy, Rule, Scorecard, Signal, Table,
    FORMAT_VERSION,
};

/// A metric reading `column` with `rule`, weight 100 unless changed.
pub fn metric(id: &str, column: &str, rule: Rule, missing: MissingPolicy) -> Metric {
    Metric {
        id: id.to_owned(),
        name: id.to_owned(),
        category: Category::Adoption,
        signal: Signal::Leading,
        weight: 100.0,
        input: Input::Column(column.to_owned()),
        rule,
        missing,
        locked: false,
        read: Default::default(),
    }
}

/// A card over `metrics` with red 0 / yellow 50 / green 75 bands.
pub fn card(metrics: Vec<Metric>) -> Scorecard {
    Scorecard {
        version: FORMAT_VERSION,
        name: "Test".to_owned(),
        description: String::new(),
        metrics,
        bands: vec![
            Band::new("Red", "#dc2626", 0.0),
            Band::new("Yellow", "#eab308", 50.0),
            Band::new("Green", "#16a34a", 75.0),
        ],
        grades: letter_grades(),
        data: Default::default(),
    }
}

/// A table parsed from CSV text, asserting it parsed without warnings.
pub fn table(csv: &str) -> Table {
    let parsed = parse_table(csv);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    parsed.table
}

/// Scores of every row of `csv` under `card`.
pub fn scores(card: &Scorecard, csv: &str) -> Vec<Option<f64>> {
    let valid = card.validate().expect("valid card");
    healthscore_core::score_table(valid, &table(csv))
        .into_iter()
        .map(|a| a.score)
        .collect()
}

/// A browser tab for the library's tests: one state machine, its clock, and the commands
/// it gave last, stepped over a store shared with other tabs.
pub struct Tab {
    /// The tab's library.
    pub library: healthscore_core::library::Library,
    /// Its clock (ms).
    pub now: f64,
    /// The commands of the last step.
    pub out: Vec<healthscore_core::library::Command>,
}

/// Entry ids unique across every tab of a test.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Tab {
    /// A tab opened on `store`: the machine's Start event.
    pub fn start(
        store: &mut healthscore_core::library::MemoryStore,
        link: Option<String>,
        tab_open: Option<String>,
    ) -> Tab {
        let mut tab = Tab {
            library: healthscore_core::library::Library::new(),
            now: 1_000.0,
            out: Vec::new(),
        };
        tab.send(
            store,
            healthscore_core::library::Event::Start { link, tab_open },
        );
        tab
    }

    /// Applies one event; a question the user is asked is answered "no" (see [`Tab::agree`]).
    pub fn send(
        &mut self,
        store: &mut healthscore_core::library::MemoryStore,
        event: healthscore_core::library::Event,
    ) {
        self.now += 1_000.0;
        let mut new_id = || {
            let n = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            format!("id{n}")
        };
        let mut env = healthscore_core::library::Env {
            store,
            now: self.now,
            new_id: &mut new_id,
        };
        self.out = self.library.apply(&mut env, event);
    }

    /// The user agrees to the question of the last step, if any.
    pub fn agree(&mut self, store: &mut healthscore_core::library::MemoryStore) {
        let then = self.out.iter().find_map(|c| match c {
            healthscore_core::library::Command::Ask { then, .. } => Some(then.clone()),
            _ => None,
        });
        if let Some(then) = then {
            self.send(store, then);
        }
    }

    /// The user edits the card on screen.
    pub fn edit(
        &mut self,
        store: &mut healthscore_core::library::MemoryStore,
        change: impl FnOnce(&mut Scorecard),
    ) {
        let mut card = self.library.card.clone();
        change(&mut card);
        self.send(store, healthscore_core::library::Event::Edited(card));
    }

    /// Whether the last step asked the user something.
    pub fn asked(&self) -> bool {
        self.out
            .iter()
            .any(|c| matches!(c, healthscore_core::library::Command::Ask { .. }))
    }
}
