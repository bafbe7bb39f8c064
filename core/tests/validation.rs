//! Weights that do not total 100, broken rules, band gaps and overlaps.
mod common;

use common::{card, metric};
use healthscore_core::{
    Band, BandError, CardError, Choice, Direction, MissingPolicy, Rule, RuleError, Tier,
};

fn line() -> Rule {
    Rule::Linear {
        floor: 0.0,
        target: 100.0,
    }
}

fn weighted(weights: &[f64]) -> healthscore_core::Scorecard {
    card(
        weights
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                let mut m = metric(
                    &format!("m{i}"),
                    &format!("c{i}"),
                    line(),
                    MissingPolicy::Zero,
                );
                m.weight = w;
                m
            })
            .collect(),
    )
}

#[test]
fn weights_totalling_100_are_valid() {
    assert!(weighted(&[20.0, 30.0, 50.0]).validate().is_ok());
    assert!(weighted(&[33.3, 33.3, 33.4]).validate().is_ok());
    assert!(weighted(&[100.0, 0.0]).validate().is_ok());
}

#[test]
fn weights_under_100_are_an_error_not_a_rescale() {
    let errors = weighted(&[20.0, 30.0, 45.0]).validate().unwrap_err();
    assert_eq!(errors, vec![CardError::WeightsTotal { total: 95.0 }]);
    assert_eq!(
        errors[0].to_string(),
        "weights total 95, not 100 (under by 5)"
    );
}

#[test]
fn weights_over_100_say_by_how_much() {
    let errors = weighted(&[60.0, 50.0]).validate().unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "weights total 110, not 100 (over by 10)"
    );
}

#[test]
fn negative_and_nan_weights_are_named() {
    let errors = weighted(&[110.0, -10.0]).errors();
    assert!(errors.contains(&CardError::WeightOutOfRange {
        index: 0,
        weight: 110.0
    }));
    assert!(errors.contains(&CardError::WeightOutOfRange {
        index: 1,
        weight: -10.0
    }));
    let errors = weighted(&[f64::NAN, 100.0]).errors();
    assert!(matches!(
        errors[0],
        CardError::WeightOutOfRange { index: 0, .. }
    ));
}

#[test]
fn empty_and_duplicate_ids_are_named() {
    let mut card = weighted(&[50.0, 50.0]);
    card.metrics[1].id = "m0".to_owned();
    assert_eq!(
        card.errors(),
        vec![CardError::DuplicateId {
            index: 1,
            id: "m0".to_owned()
        }]
    );
    card.metrics[1].id = " ".to_owned();
    assert_eq!(card.errors(), vec![CardError::EmptyId { index: 1 }]);
}

#[test]
fn no_metrics_is_an_error() {
    assert_eq!(weighted(&[]).errors(), vec![CardError::NoMetrics]);
}

fn rule_problems(rule: Rule) -> Vec<RuleError> {
    let card = card(vec![metric("m", "c", rule, MissingPolicy::Zero)]);
    card.errors()
        .into_iter()
        .filter_map(|e| match e {
            CardError::Rule { problem, .. } => Some(problem),
            _ => None,
        })
        .collect()
}

fn tiers(direction: Direction, steps: &[(f64, f64)]) -> Rule {
    Rule::Tiers {
        direction,
        tiers: steps
            .iter()
            .map(|&(threshold, points)| Tier { threshold, points })
            .collect(),
        otherwise: 0.0,
        out_of: 20.0,
    }
}

#[test]
fn unordered_tiers_are_flagged_in_both_directions() {
    let problems = rule_problems(tiers(
        Direction::HigherIsBetter,
        &[(50.0, 13.0), (80.0, 20.0)],
    ));
    assert!(matches!(
        problems[..],
        [RuleError::TiersUnordered { index: 1, .. }]
    ));
    assert_eq!(
        problems[0].to_string(),
        "tiers[1].threshold 80 must be below the tier above it (50)"
    );
    let problems = rule_problems(tiers(Direction::LowerIsBetter, &[(2.0, 20.0), (2.0, 10.0)]));
    assert!(matches!(
        problems[..],
        [RuleError::TiersUnordered { index: 1, .. }]
    ));
    assert!(rule_problems(tiers(Direction::LowerIsBetter, &[(0.0, 20.0), (2.0, 10.0)])).is_empty());
}

#[test]
fn tier_points_beyond_the_scale_are_flagged() {
    let problems = rule_problems(tiers(Direction::HigherIsBetter, &[(80.0, 25.0)]));
    assert_eq!(
        problems[0].to_string(),
        "tiers[0].points: 25 points is outside 0-20"
    );
}

#[test]
fn flat_linear_rule_is_flagged() {
    assert_eq!(
        rule_problems(Rule::Linear {
            floor: 5.0,
            target: 5.0
        }),
        vec![RuleError::FlatLine { value: 5.0 }]
    );
}

#[test]
fn categorical_duplicates_and_emptiness_are_flagged() {
    let values = vec![
        Choice {
            value: "Yes".to_owned(),
            points: 1.0,
            aliases: vec![],
        },
        Choice {
            value: " yes".to_owned(),
            points: 0.0,
            aliases: vec![],
        },
    ];
    let problems = rule_problems(Rule::Categorical {
        values,
        out_of: 1.0,
    });
    assert_eq!(
        problems,
        vec![RuleError::DuplicateValue {
            index: 1,
            value: " yes".to_owned()
        }]
    );
    let problems = rule_problems(Rule::Categorical {
        values: vec![],
        out_of: 0.0,
    });
    assert!(problems.contains(&RuleError::NoValues));
    assert!(problems.contains(&RuleError::BadScale { out_of: 0.0 }));
}

fn band_problems(bands: Vec<Band>) -> Vec<BandError> {
    let mut card = weighted(&[100.0]);
    card.bands = bands;
    card.errors()
        .into_iter()
        .filter_map(|e| match e {
            CardError::Bands {
                list: "bands",
                problem,
            } => Some(problem),
            _ => None,
        })
        .collect()
}

#[test]
fn bands_must_start_at_zero() {
    let problems = band_problems(vec![
        Band::new("Red", "#ff0000", 10.0),
        Band::new("Green", "#00ff00", 70.0),
    ]);
    assert_eq!(problems, vec![BandError::Gap { from: 10.0 }]);
    assert_eq!(
        problems[0].to_string(),
        "[0] starts at 10, leaving a gap from 0 to 10"
    );
}

#[test]
fn overlapping_or_unordered_bands_are_errors() {
    let problems = band_problems(vec![
        Band::new("Red", "#ff0000", 0.0),
        Band::new("Green", "#00ff00", 70.0),
        Band::new("Yellow", "#ffff00", 40.0),
    ]);
    assert!(matches!(
        problems[..],
        [BandError::Overlap { index: 2, .. }]
    ));
    let problems = band_problems(vec![
        Band::new("Red", "#ff0000", 0.0),
        Band::new("Also red", "#ff0000", 0.0),
    ]);
    assert!(matches!(
        problems[..],
        [BandError::Overlap { index: 1, .. }]
    ));
}

#[test]
fn bands_above_100_and_empty_lists_are_errors() {
    let problems = band_problems(vec![
        Band::new("Red", "#ff0000", 0.0),
        Band::new("Green", "#00ff00", 101.0),
    ]);
    assert!(matches!(
        problems[..],
        [BandError::AboveHundred { index: 1, .. }]
    ));
    assert_eq!(band_problems(vec![]), vec![BandError::Empty]);
}

#[test]
fn grade_problems_are_reported_as_grades() {
    let mut card = weighted(&[100.0]);
    card.grades[2].from = 55.0; // C below D at 60
    let errors = card.errors();
    assert!(matches!(
        errors[..],
        [CardError::Bands {
            list: "grades",
            problem: BandError::Overlap { index: 2, .. }
        }]
    ));
    assert!(errors[0]
        .to_string()
        .starts_with("grades: [2] \"C\" starts at 55"));
}

#[test]
fn band_index_puts_edges_in_the_upper_band() {
    let card = weighted(&[100.0]);
    use healthscore_core::validate::band_index;
    assert_eq!(band_index(&card.bands, 0.0), Some(0));
    assert_eq!(band_index(&card.bands, 49.9), Some(0));
    assert_eq!(band_index(&card.bands, 50.0), Some(1));
    assert_eq!(band_index(&card.bands, 75.0), Some(2));
    assert_eq!(band_index(&card.bands, 100.0), Some(2));
}

#[test]
fn a_colour_must_be_hex_so_no_css_reaches_a_style_attribute() {
    let problems = band_problems(vec![
        Band::new("Red", "red", 0.0),
        Band::new("Green", "#00ff00;background:url(x)", 70.0),
    ]);
    assert_eq!(
        problems,
        vec![
            BandError::BadColour {
                index: 0,
                colour: "red".to_owned()
            },
            BandError::BadColour {
                index: 1,
                colour: "#00ff00;background:url(x)".to_owned()
            },
        ]
    );
    assert!(band_problems(vec![
        Band::new("Red", "#A1b2C3", 0.0),
        Band::new("Green", "#00ff00", 50.0)
    ])
    .is_empty());
}

#[test]
fn a_card_off_only_in_its_total_scores_provisionally_as_if_rescaled_to_100() {
    use healthscore_core::engine::{Scores, SubScores};
    let typed = weighted(&[53.0, 53.0]);
    assert!(typed.validate().is_err(), "still not valid");
    assert_eq!(typed.provisional_total(), Some(106.0));
    let valid = typed.scorable().expect("scorable");
    let rescaled = weighted(&[50.0, 50.0]);
    assert_eq!(rescaled.provisional_total(), None);
    let table = healthscore_core::parse_table("c0,c1\n80,20\n100,0\n,50\n").table;
    let provisional = Scores::compute(valid, &SubScores::read(&typed, &table));
    let exact = Scores::compute(
        rescaled.validate().unwrap(),
        &SubScores::read(&rescaled, &table),
    );
    for (p, e) in provisional.score.iter().zip(&exact.score) {
        assert!((p - e).abs() < 1e-9, "{p} vs {e}");
    }
    assert_eq!(provisional.band, exact.band);
    // Any other problem, or nothing to weigh, and there is no score at all.
    assert!(weighted(&[0.0, 0.0]).scorable().is_err());
    let mut broken = weighted(&[53.0, 53.0]);
    broken.metrics[1].id = "m0".into();
    assert!(broken.scorable().is_err());
    assert_eq!(broken.provisional_total(), None);
}

#[test]
fn minus_zero_reads_as_zero() {
    assert_eq!(healthscore_core::validate::readable(-0.0), "0");
    assert_eq!(healthscore_core::validate::readable(-0.001), "-0.001");
    assert_eq!(healthscore_core::validate::trim_number(-0.001), "0");
}
