//! Every rule kind in both directions, tier edges, and the ratio input.
mod common;

use common::{card, metric, scores};
use healthscore_core::scoring::numeric;
use healthscore_core::{Choice, Direction, Input, MissingPolicy, Outcome, Rule, Tier};

fn tiers(direction: Direction, steps: &[(f64, f64)], otherwise: f64, out_of: f64) -> Rule {
    Rule::Tiers {
        direction,
        tiers: steps
            .iter()
            .map(|&(threshold, points)| Tier { threshold, points })
            .collect(),
        otherwise,
        out_of,
    }
}

fn usage_tiers() -> Rule {
    tiers(
        Direction::HigherIsBetter,
        &[(80.0, 20.0), (50.0, 13.0), (20.0, 6.0)],
        0.0,
        20.0,
    )
}

fn p1_tiers() -> Rule {
    // Open P1 tickets: 0 = 100, 1-2 = 60, 3-5 = 20, more = 0.
    tiers(
        Direction::LowerIsBetter,
        &[(0.0, 100.0), (2.0, 60.0), (5.0, 20.0)],
        0.0,
        100.0,
    )
}

macro_rules! scores_to {
    ($($name:ident: $rule:expr, $value:expr => ($step:expr, $sub:expr);)*) => {$(
        #[test]
        fn $name() {
            let (step, sub) = numeric(&$rule, $value);
            assert_eq!(step, $step, "step for {}", $value);
            assert!((sub - $sub).abs() < 1e-9, "sub-score for {}: {} != {}", $value, sub, $sub);
        }
    )*};
}

scores_to! {
    higher_top_tier: usage_tiers(), 95.0 => (0, 100.0);
    higher_edge_belongs_to_better_tier: usage_tiers(), 80.0 => (0, 100.0);
    higher_just_below_edge: usage_tiers(), 79.9 => (1, 65.0);
    higher_middle_edge: usage_tiers(), 50.0 => (1, 65.0);
    higher_low_edge: usage_tiers(), 20.0 => (2, 30.0);
    higher_below_all_tiers: usage_tiers(), 19.99 => (3, 0.0);
    higher_negative: usage_tiers(), -3.0 => (3, 0.0);
    lower_best: p1_tiers(), 0.0 => (0, 100.0);
    lower_edge_belongs_to_better_tier: p1_tiers(), 2.0 => (1, 60.0);
    lower_just_above_edge: p1_tiers(), 2.5 => (2, 20.0);
    lower_last_edge: p1_tiers(), 5.0 => (2, 20.0);
    lower_beyond_all_tiers: p1_tiers(), 6.0 => (3, 0.0);
    linear_up_middle: Rule::Linear { floor: 20.0, target: 90.0 }, 55.0 => (0, 50.0);
    linear_up_clamps_below_floor: Rule::Linear { floor: 20.0, target: 90.0 }, 5.0 => (0, 0.0);
    linear_up_clamps_above_target: Rule::Linear { floor: 20.0, target: 90.0 }, 120.0 => (0, 100.0);
    linear_down_middle: Rule::Linear { floor: 60.0, target: 10.0 }, 35.0 => (0, 50.0);
    linear_down_at_target: Rule::Linear { floor: 60.0, target: 10.0 }, 10.0 => (0, 100.0);
    linear_down_clamps_past_target: Rule::Linear { floor: 60.0, target: 10.0 }, 0.0 => (0, 100.0);
    linear_down_clamps_past_floor: Rule::Linear { floor: 60.0, target: 10.0 }, 90.0 => (0, 0.0);
}

fn trend() -> Rule {
    Rule::Categorical {
        values: [("Rising", 10.0), ("Flat", 6.0), ("Falling", 0.0)]
            .iter()
            .map(|&(v, p)| Choice {
                value: v.to_owned(),
                points: p,
                aliases: vec![],
            })
            .collect(),
        out_of: 10.0,
    }
}

#[test]
fn categorical_is_trimmed_and_case_insensitive() {
    let card = card(vec![metric("trend", "Trend", trend(), MissingPolicy::Zero)]);
    let got = scores(
        &card,
        "Account,Trend\nA,Rising\nB,  flat \nC,FALLING\nD,rising\n",
    );
    assert_eq!(got, vec![Some(100.0), Some(60.0), Some(0.0), Some(100.0)]);
}

#[test]
fn categorical_unknown_value_is_missing_and_named() {
    let card = card(vec![metric(
        "trend",
        "Trend",
        trend(),
        MissingPolicy::Value { score: 50.0 },
    )]);
    let valid = card.validate().unwrap();
    let table = common::table("Account,Trend\nA,Sideways\n");
    let result = &healthscore_core::score_table(valid, &table)[0];
    assert_eq!(result.score, Some(50.0));
    assert_eq!(
        result.metrics[0].outcome,
        Outcome::Imputed(healthscore_core::MissingReason::UnknownValue(
            "Sideways".to_owned()
        ))
    );
}

fn seats_metric(rule: Rule, missing: MissingPolicy) -> healthscore_core::Metric {
    let mut m = metric("active_rate", "unused", rule, missing);
    m.input = Input::Ratio {
        numerator: "Active users".to_owned(),
        denominator: "Licensed seats".to_owned(),
    };
    m
}

#[test]
fn ratio_normalises_by_contract_size() {
    // 45 of 50 seats active beats 400 of 1000, although 400 > 45.
    let rule = tiers(
        Direction::HigherIsBetter,
        &[(80.0, 10.0), (50.0, 6.0)],
        2.0,
        10.0,
    );
    let card = card(vec![seats_metric(rule, MissingPolicy::Zero)]);
    let got = scores(
        &card,
        "Account,Active users,Licensed seats\nSmall,45,50\nBig,400,1000\n",
    );
    assert_eq!(got, vec![Some(100.0), Some(20.0)]);
}

#[test]
fn ratio_feeds_a_linear_rule() {
    let card = card(vec![seats_metric(
        Rule::Linear {
            floor: 20.0,
            target: 90.0,
        },
        MissingPolicy::Zero,
    )]);
    let got = scores(&card, "Account,Active users,Licensed seats\nA,55,100\n");
    assert_eq!(got, vec![Some(50.0)]);
}

#[test]
fn ratio_with_zero_denominator_is_missing_not_infinite() {
    let rule = Rule::Linear {
        floor: 20.0,
        target: 90.0,
    };
    let card = card(vec![seats_metric(
        rule,
        MissingPolicy::Value { score: 40.0 },
    )]);
    let valid = card.validate().unwrap();
    let table = common::table("Account,Active users,Licensed seats\nA,10,0\n");
    let result = &healthscore_core::score_table(valid, &table)[0];
    assert_eq!(result.score, Some(40.0));
    assert_eq!(result.metrics[0].value, None);
    assert_eq!(
        result.metrics[0].outcome,
        Outcome::Imputed(healthscore_core::MissingReason::ZeroDenominator)
    );
}
