//! The built-in templates are valid, add up, and the DEAR worked example holds.
mod common;

use healthscore_core::templates::{dear, DEMO_ACCOUNTS_CSV, TEMPLATES};
use healthscore_core::{parse_table, score_table, Category, Scorecard};

#[test]
fn every_template_validates_and_totals_100() {
    for template in TEMPLATES {
        let card = (template.build)();
        assert_eq!(card.errors(), vec![], "template {}", template.id);
        assert_eq!(card.total_weight(), 100.0, "template {}", template.id);
    }
}

#[test]
fn dear_worked_example_scores_68_yellow() {
    let card = dear();
    let valid = card.validate().unwrap();
    let csv = "Account,Core feature usage %,Login days per week,Usage trend,Active users,Licensed seats,Meetings,Champion,Onboarding,Outcome KPI,NPS\n\
               Example,70%,2,Flat,60,100,Somewhat stalled,Present,Complete,Partial,8\n";
    let result = &score_table(valid, &common::table(csv))[0];
    let points: Vec<f64> = result
        .metrics
        .iter()
        .map(|m| (m.points * 1e6).round() / 1e6)
        .collect();
    assert_eq!(
        points,
        vec![13.0, 10.0, 6.0, 6.0, 5.0, 10.0, 10.0, 5.0, 3.0]
    );
    assert_eq!(result.score, Some(68.0));
    assert_eq!(card.bands[result.band.unwrap()].label, "Yellow");
    // Grades are off by default; with the standard letters on, 68 is a D.
    assert_eq!(result.grade, None);
    let mut graded = card.clone();
    graded.grades = healthscore_core::model::letter_grades();
    let result = &score_table(graded.validate().unwrap(), &common::table(csv))[0];
    assert_eq!(graded.grades[result.grade.unwrap()].label, "D");
}

#[test]
fn dear_weights_by_category() {
    let weights = dear().category_weights();
    assert_eq!(
        weights,
        vec![
            (Category::Adoption, 45.0),
            (Category::Deployment, 20.0),
            (Category::Engagement, 25.0),
            (Category::Roi, 10.0),
        ]
    );
}

fn band_starts(card: &Scorecard) -> Vec<(String, f64)> {
    card.bands
        .iter()
        .map(|b| (b.label.clone(), b.from))
        .collect()
}

#[test]
fn template_weights_and_bands_match_the_literature() {
    let expect = [
        (
            "dear",
            vec![20.0, 15.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 5.0],
            [("Red", 0.0), ("Yellow", 50.0), ("Green", 75.0)],
        ),
        (
            "b2b_saas",
            vec![35.0, 20.0, 20.0, 15.0, 10.0],
            [("Red", 0.0), ("Yellow", 40.0), ("Green", 70.0)],
        ),
        (
            "four_quarters",
            vec![25.0; 4],
            [("Red", 0.0), ("Yellow", 60.0), ("Green", 80.0)],
        ),
        (
            "usage_led",
            vec![40.0, 25.0, 20.0, 15.0],
            [("Critical", 0.0), ("At risk", 31.0), ("Healthy", 71.0)],
        ),
    ];
    for (template, (id, weights, bands)) in TEMPLATES.iter().zip(expect) {
        assert_eq!(template.id, id);
        let card = (template.build)();
        assert_eq!(
            card.metrics.iter().map(|m| m.weight).collect::<Vec<_>>(),
            weights,
            "{id}"
        );
        let bands: Vec<(String, f64)> = bands.iter().map(|(l, f)| (l.to_string(), *f)).collect();
        assert_eq!(band_starts(&card), bands, "{id}");
    }
}

#[test]
fn demo_accounts_score_under_every_template() {
    let parsed = parse_table(DEMO_ACCOUNTS_CSV);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert!((30..=50).contains(&parsed.table.len()));
    for template in TEMPLATES {
        let card = (template.build)();
        let valid = card.validate().unwrap();
        let results = score_table(valid, &parsed.table);
        assert!(results.iter().all(|r| r.score.is_some()), "{}", template.id);
        // Every metric finds its column in the demo data.
        let columns = healthscore_core::ColumnMap::resolve(&card, &parsed.table);
        assert!(
            columns.metrics.iter().all(Option::is_some),
            "{}",
            template.id
        );
        // The demo spreads across bands, so the first screen shows every colour.
        for band in 0..card.bands.len() {
            assert!(
                results.iter().any(|r| r.band == Some(band)),
                "{} has no account in band {band}",
                template.id
            );
        }
    }
}

#[test]
fn demo_has_a_few_missing_cells() {
    let card = dear();
    let valid = card.validate().unwrap();
    let results = score_table(valid, &parse_table(DEMO_ACCOUNTS_CSV).table);
    let with_missing = results
        .iter()
        .filter(|r| !r.missing(valid).is_empty())
        .count();
    assert!(
        (3..=10).contains(&with_missing),
        "{with_missing} accounts with missing values"
    );
    let northwind = results
        .iter()
        .find(|r| r.name == "Northwind Traders")
        .unwrap();
    assert_eq!(northwind.score, Some(68.0));
}

#[test]
fn templates_survive_a_json_round_trip() {
    for template in TEMPLATES {
        let card = (template.build)();
        let json = healthscore_core::json::to_pretty_json(&card);
        assert!(
            !json.contains(".0,"),
            "whole numbers are written without a fraction"
        );
        let back: Scorecard = serde_json::from_str(&json).unwrap();
        assert_eq!(back, card);
    }
}

/// The documented example is the DEAR template itself, so the docs cannot drift.
/// Regenerate with `UPDATE_DOCS=1 cargo test -p healthscore-core`.
#[test]
fn documented_example_matches_the_dear_template() {
    // Read where this checkout is now (cargo sets the variable when it runs the test), not
    // where the test was compiled: a build cache shared between checkouts keeps old paths.
    let dir = std::env::var("CARGO_MANIFEST_DIR")
        .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned());
    let path = format!("{dir}/../docs/examples/dear.json");
    let json = healthscore_core::file::export(&dear());
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &json).unwrap();
    }
    let documented = std::fs::read_to_string(&path).expect("docs/examples/dear.json");
    assert_eq!(documented, json, "docs/examples/dear.json is out of date");
}

#[test]
fn a_blank_scorecard_only_lacks_metrics() {
    let card = healthscore_core::templates::blank();
    assert_eq!(card.errors(), vec![healthscore_core::CardError::NoMetrics]);
}
