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
