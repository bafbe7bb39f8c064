//! Every missing-value policy, and the explanation each result carries.
mod common;

use common::{card, metric, scores};
use healthscore_core::{MissingPolicy, MissingReason, Outcome, Rule};

fn two_metrics(missing_policy: MissingPolicy) -> healthscore_core::Scorecard {
    let line = Rule::Linear {
        floor: 0.0,
        target: 100.0,
    };
    let mut usage = metric("usage", "Usage", line.clone(), MissingPolicy::Zero);
    usage.weight = 60.0;
    let mut nps = metric("nps", "NPS", line, missing_policy);
    nps.weight = 40.0;
    card(vec![usage, nps])
}

const DATA: &str = "Account,Usage,NPS\nAnswered,50,100\nBlank,50,\nNA,50,n/a\nText,50,lots\n";

#[test]
fn zero_policy_scores_missing_as_zero() {
    // 60 x 50% = 30 from usage; NPS missing scores 0.
    let got = scores(&two_metrics(MissingPolicy::Zero), DATA);
    assert_eq!(got, vec![Some(70.0), Some(30.0), Some(30.0), Some(30.0)]);
}

#[test]
fn value_policy_scores_missing_at_the_chosen_sub_score() {
    let got = scores(&two_metrics(MissingPolicy::Value { score: 50.0 }), DATA);
    assert_eq!(got, vec![Some(70.0), Some(50.0), Some(50.0), Some(50.0)]);
}

#[test]
fn exclude_policy_rescales_the_remaining_weights() {
    // Without NPS, usage carries the full 100: 50% usage = 50.
    let got = scores(&two_metrics(MissingPolicy::Exclude), DATA);
    assert_eq!(got, vec![Some(70.0), Some(50.0), Some(50.0), Some(50.0)]);
    let card = two_metrics(MissingPolicy::Exclude);
    let valid = card.validate().unwrap();
    let result = &healthscore_core::score_table(valid, &common::table(DATA))[1];
    assert!((result.metrics[0].effective_weight - 100.0).abs() < 1e-9);
    assert_eq!(result.metrics[1].effective_weight, 0.0);
    assert_eq!(result.metrics[1].sub_score, None);
}

#[test]
fn every_result_names_its_missing_values_and_why() {
    let card = two_metrics(MissingPolicy::Zero);
    let valid = card.validate().unwrap();
    let results = healthscore_core::score_table(valid, &common::table(DATA));
    assert!(results[0].missing(valid).is_empty());
    assert_eq!(results[1].missing(valid), vec!["nps"]);
    assert_eq!(
        results[1].metrics[1].outcome,
        Outcome::Imputed(MissingReason::Blank)
    );
    assert_eq!(
        results[3].metrics[1].outcome,
        Outcome::Imputed(MissingReason::NotANumber("lots".to_owned()))
    );
    // Each metric's points are listed and add up to the score.
    let sum: f64 = results[0].metrics.iter().map(|m| m.points).sum();
    assert_eq!(results[0].score, Some(sum));
    assert_eq!(results[0].metrics[0].points, 30.0);
}

#[test]
fn an_unmapped_column_is_left_out_whatever_the_policy_never_scored_0() {
    for policy in [
        MissingPolicy::Zero,
        MissingPolicy::Value { score: 50.0 },
        MissingPolicy::Exclude,
    ] {
        let card = two_metrics(policy.clone());
        assert_eq!(
            scores(&card, "Account,Usage\nA,80\n"),
            vec![Some(80.0)],
            "{policy:?}"
        );
        let valid = card.validate().unwrap();
        let results = healthscore_core::score_table(valid, &common::table("Account,Usage\nA,80\n"));
        assert_eq!(
            results[0].metrics[1].outcome,
            Outcome::Excluded(MissingReason::Unmapped)
        );
    }
}

#[test]
fn a_column_declined_by_the_user_follows_the_policy() {
    for (policy, expected) in [
        (MissingPolicy::Zero, 48.0),
        (MissingPolicy::Value { score: 50.0 }, 68.0),
        (MissingPolicy::Exclude, 80.0),
    ] {
        let mut card = two_metrics(policy.clone());
        let input = card.metrics[1].input.columns()[0].to_owned();
        card.data.mappings.push(healthscore_core::Mapping {
            input,
            column: None,
        });
        assert_eq!(
            scores(&card, "Account,Usage\nA,80\n"),
            vec![Some(expected)],
            "{policy:?}"
        );
        let valid = card.validate().unwrap();
        let results = healthscore_core::score_table(valid, &common::table("Account,Usage\nA,80\n"));
        assert!(matches!(
            &results[0].metrics[1].outcome,
            Outcome::Excluded(MissingReason::NoColumn) | Outcome::Imputed(MissingReason::NoColumn)
        ));
    }
}

#[test]
fn every_metric_excluded_gives_no_score_and_no_band() {
    let mut card = two_metrics(MissingPolicy::Exclude);
    card.metrics[0].missing = MissingPolicy::Exclude;
    let valid = card.validate().unwrap();
    let results = healthscore_core::score_table(valid, &common::table("Account,Usage,NPS\nA,,\n"));
    assert_eq!(results[0].score, None);
    assert_eq!(results[0].band, None);
}

#[test]
fn points_summing_to_a_band_edge_land_in_the_upper_band() {
    // 0.1 + 0.2 style dust must not push 75 down into yellow.
    let line = Rule::Linear {
        floor: 0.0,
        target: 100.0,
    };
    let metrics = [
        ("a", 10.0, 70.0),
        ("b", 20.0, 80.0),
        ("c", 70.0, 75.0 - 7.0 - 16.0),
    ]
    .iter()
    .map(|&(id, weight, _)| {
        let mut m = metric(id, id, line.clone(), MissingPolicy::Zero);
        m.weight = weight;
        m
    })
    .collect();
    let card = card(metrics);
    // 10 x 0.7 + 20 x 0.8 + 70 x (52/70) = 7 + 16 + 52 = 75
    let valid = card.validate().unwrap();
    let table = common::table("Account,a,b,c\nEdge,70,80,74.28571428571429\n");
    let result = &healthscore_core::score_table(valid, &table)[0];
    assert_eq!(result.score, Some(75.0));
    assert_eq!(result.band, Some(2));
}

#[test]
fn a_date_metric_counts_days_from_the_cards_as_of_date() {
    let rule = Rule::Linear {
        floor: 90.0,
        target: 0.0,
    };
    let mut recency = metric("recency", "Last meeting", rule, MissingPolicy::Zero);
    recency.weight = 100.0;
    recency.read = healthscore_core::ReadAs::DaysSince;
    let mut card = card(vec![recency]);
    card.data.as_of = Some("2026-03-31".into());
    let data =
        "Account,Last meeting\nA,2026-03-31\nB,16/03/2026\nC,45 days\nD,1 Jan 2020\nE,soon\n";
    // 0, 15 and 45 days on a line from 90 (0) to 0 (100); long ago clamps to 0; "soon" is unread.
    assert_eq!(
        scores(&card, data),
        vec![
            Some(100.0),
            Some(83.333333),
            Some(50.0),
            Some(0.0),
            Some(0.0)
        ]
    );
    // Without an as-of date (and no today given) a date cannot be counted: missing, not guessed.
    card.data.as_of = None;
    let valid = card.validate().unwrap();
    let results = healthscore_core::score_table(valid, &common::table(data));
    assert_eq!(
        results[0].metrics[0].outcome,
        Outcome::Imputed(MissingReason::NoAsOf)
    );
    // "Days until" counts the other way.
    card.data.as_of = Some("2026-03-01".into());
    card.metrics[0].read = healthscore_core::ReadAs::DaysUntil;
    assert_eq!(
        scores(&card, "Account,Last meeting\nA,2026-03-31\n"),
        vec![Some(66.666667)]
    );
}
