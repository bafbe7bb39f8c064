//! Weight sensitivity counts and single-slider flips agree with rescoring the dragged card.
mod common;

use healthscore_core::engine::{Scores, SubScores};
use healthscore_core::sensitivity::{
    flips, sensitivity, sensitivity_by, sensitivity_in, Flip, Shift,
};
use healthscore_core::weights::{drag, largest_remainder};
use healthscore_core::{Band, Direction, MissingPolicy, Rule, Scorecard, Tier};
use proptest::prelude::*;

/// A straight line from 0 to 100: the cell is the sub-score.
fn as_is() -> Rule {
    Rule::Linear {
        floor: 0.0,
        target: 100.0,
    }
}

/// Three metrics a, b, c weighted 50/30/20; bands Red 0, Yellow 50, Green 75.
fn three() -> Scorecard {
    let metrics = ["a", "b", "c"]
        .iter()
        .zip([50.0, 30.0, 20.0])
        .map(|(id, weight)| {
            let mut m = common::metric(id, id, as_is(), MissingPolicy::Zero);
            m.weight = weight;
            m
        })
        .collect();
    common::card(metrics)
}

// Sub-scores (a, b, c) and scores at 50/30/20:
//   A (80, 60, 40): 40 + 18 + 8     = 66   Yellow
//   B (100, 50, 60): 50 + 15 + 12   = 77   Green
//   C (40, 60, 50): 20 + 18 + 10    = 48   Red
//   D (70, 90, 70): 35 + 27 + 14    = 76   Green
const ACCOUNTS: &str = "Account,a,b,c\nA,80,60,40\nB,100,50,60\nC,40,60,50\nD,70,90,70\n";

fn read(card: &Scorecard, csv: &str) -> (SubScores, Scores) {
    let subs = SubScores::read(card, &common::table(csv));
    let scores = Scores::compute(card.validate().expect("valid card"), &subs);
    (subs, scores)
}

fn shift(weight: f64, accounts: usize) -> Option<Shift> {
    Some(Shift { weight, accounts })
}

/// Each metric's (up, down) shifts under `card` on [`ACCOUNTS`].
fn shifts(card: &Scorecard) -> Vec<(Option<Shift>, Option<Shift>)> {
    let (subs, scores) = read(card, ACCOUNTS);
    sensitivity(card.validate().unwrap(), &subs, &scores)
        .into_iter()
        .map(|s| (s.up, s.down))
        .collect()
}

#[test]
fn five_points_each_way_by_hand() {
    // a +5: 55/27/18 (45 left, split 30:20 exactly)
    //   A 44 + 16.2 + 7.2 = 67.4, B 55 + 13.5 + 10.8 = 79.3, C 47.2, D 75.4: no change.
    // a -5: 45/33/22: B 45 + 16.5 + 13.2 = 74.7 drops to Yellow; A 64.6, C 48.8, D 76.6.
    // b +5: 65 left split 50:20 = 46.43 / 18.57, floors 46 / 18, the spare point to the
    //   larger remainder: 46/35/19. B 46 + 17.5 + 11.4 = 74.9 drops; A 65.4, C 48.9, D 77.
    // b -5: 75 left = 53.57 / 21.43, so 54/25/21: A 66.6, B 79.1, C 47.1, and D
    //   37.8 + 22.5 + 14.7 = 75 exactly, still Green (a band starts at its `from`).
    // c +5: 75 left split 50:30 = 46.875 / 28.125, so 47/28/25: A 64.4, B 76, C 48.1, D 75.6.
    // c -5: 85 left = 53.125 / 31.875, so 53/32/15: A 67.6, B 78, C 47.9, D 76.4.
    assert_eq!(
        shifts(&three()),
        [
            (shift(55.0, 0), shift(45.0, 1)),
            (shift(35.0, 1), shift(25.0, 0)),
            (shift(25.0, 0), shift(15.0, 0)),
        ]
    );
}

#[test]
fn a_locked_metric_has_no_sensitivity_and_holds_its_weight() {
    let mut card = three();
    card.metrics[2].locked = true;
    // a +5 = b -5: 55/25/20. A 67, B 79.5, C 47, D 38.5 + 22.5 + 14 = 75: no change.
    // a -5 = b +5: 45/35/20. B 45 + 17.5 + 12 = 74.5 drops to Yellow; A 65, C 49, D 77.
    assert_eq!(
        shifts(&card),
        [
            (shift(55.0, 0), shift(45.0, 1)),
            (shift(35.0, 1), shift(25.0, 0)),
            (None, None),
        ]
    );
}

#[test]
fn a_score_landing_on_a_boundary_is_rescored_exactly() {
    // X (76.6, 68.1, 79.1) scores 74.55, Yellow. With b at 25 (54/25/21) it scores
    // 41.364 + 17.025 + 16.611 = 75 exactly: Green. Y (81.1, 16.4, 36.6) scores 52.79;
    // with b at 35 (46/35/19) it scores 37.306 + 5.74 + 6.954 = 50 exactly: still Yellow.
    // A quick sum of weight × sub-score gives 74.99999999999999 and 49.99999999999999
    // there; the engine's rounding to 1e-6 gives 75 and 50, and so must the counts.
    let card = three();
    let csv = "Account,a,b,c\nX,76.6,68.1,79.1\nY,81.1,16.4,36.6\n";
    let (subs, scores) = read(&card, csv);
    let found = sensitivity(card.validate().unwrap(), &subs, &scores);
    assert_eq!(
        (found[1].up, found[1].down),
        (shift(35.0, 0), shift(25.0, 1))
    );
    let down = rescored(&card, &[54.0, 25.0, 21.0], &subs);
    let up = rescored(&card, &[46.0, 35.0, 19.0], &subs);
    assert_eq!((down.score_of(0), up.score_of(1)), (Some(75.0), Some(50.0)));
}

#[test]
fn a_slider_at_its_end_cannot_move_that_way() {
    let mut card = three();
    card.metrics[0].weight = 0.0;
    card.metrics[1].weight = 80.0;
    let (subs, scores) = read(&card, ACCOUNTS);
    let found = sensitivity_by(card.validate().unwrap(), &subs, &scores, 5.0);
    assert_eq!(found[0].down, None);
    assert!(found[0].up.is_some());
}

#[test]
fn smallest_flips_by_hand() {
    let card = three();
    let (subs, _) = read(&card, ACCOUNTS);
    let valid = card.validate().unwrap();
    // B (77, Green) is in the top band: no move lifts it. Down, a at 49..46 gives 76.5,
    // 76.1, 75.6, 75.2; at 45 (45/33/22) 74.7. b at 31..34 gives 76.5, 76.4, 75.9, 75.4;
    // at 35 (46/35/19) 74.9: also 5 points, and the earlier metric wins the tie. c needs 11.
    let b = flips(valid, &subs, 1);
    assert_eq!(b.up, None);
    let down = b.down.expect("a move drops B");
    assert_eq!((down.metric, down.weight, down.change), (0, 45.0, -5.0));
    assert_eq!(down.band, Some(1));
    assert!((down.score.unwrap() - 74.7).abs() < 1e-9);
    assert_eq!(b.smallest(), Some(&down));
    // C (48, Red) is in the bottom band. Up: b at 41 (42/41/17) gives 16.8 + 24.6 + 8.5 =
    // 49.9; at 42 (41/42/17) 16.4 + 25.2 + 8.5 = 50.1, Yellow. a must fall 13 points
    // (37/38/25 gives 50.1; 38/37/25 gives 49.9); c helps by a fortieth of a point a point.
    let c = flips(valid, &subs, 2);
    assert_eq!(c.down, None);
    let up = c.up.expect("a move lifts C");
    assert_eq!(
        (up.metric, up.weight, up.change, up.band),
        (1, 42.0, 12.0, Some(1))
    );
    assert!((up.score.unwrap() - 50.1).abs() < 1e-9);
    assert_eq!(flips(valid, &subs, 99), Default::default());
}

// ---- against full rescoring ----

fn metric(index: usize) -> impl Strategy<Value = healthscore_core::Metric> {
    (any::<bool>(), 0u8..3, 0u8..=100, 0u8..8, 0u8..8).prop_map(
        move |(tiers, policy, neutral, locked, unmapped)| {
            let rule = if tiers {
                Rule::Tiers {
                    direction: Direction::HigherIsBetter,
                    tiers: vec![
                        Tier {
                            threshold: 80.0,
                            points: 100.0,
                        },
                        Tier {
                            threshold: 50.0,
                            points: 60.0,
                        },
                    ],
                    otherwise: 20.0,
                    out_of: 100.0,
                }
            } else {
                as_is()
            };
            let missing = match policy {
                0 => MissingPolicy::Zero,
                1 => MissingPolicy::Value {
                    score: f64::from(neutral),
                },
                _ => MissingPolicy::Exclude,
            };
            let column = if unmapped == 0 {
                "absent".to_owned()
            } else {
                format!("c{index}")
            };
            let mut m = common::metric(&format!("m{index}"), &column, rule, missing);
            m.locked = locked == 0;
            m
        },
    )
}

fn card() -> impl Strategy<Value = Scorecard> {
    (2usize..6)
        .prop_flat_map(|n| {
            (
                (0..n).map(metric).collect::<Vec<_>>(),
                proptest::collection::vec(0u32..10, n),
                20u8..60,
                1u8..30,
            )
        })
        .prop_map(|(mut metrics, shares, yellow, gap)| {
            let total = shares.iter().sum::<u32>().max(1);
            let raw: Vec<f64> = shares
                .iter()
                .map(|&s| f64::from(s) * 100.0 / f64::from(total))
                .collect();
            let raw = if shares.iter().all(|&s| s == 0) {
                vec![100.0 / raw.len() as f64; raw.len()]
            } else {
                raw
            };
            for (m, w) in metrics.iter_mut().zip(largest_remainder(&raw, 100.0)) {
                m.weight = w;
            }
            let mut card = common::card(metrics);
            card.bands = vec![
                Band::new("Red", "#dc2626", 0.0),
                Band::new("Yellow", "#eab308", f64::from(yellow)),
                Band::new("Green", "#16a34a", f64::from(yellow + gap)),
            ];
            card
        })
}

fn data(metrics: usize) -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        4 => (0u8..=100).prop_map(|v| v.to_string()),
        1 => Just(String::new()),
        1 => (0u16..1000).prop_map(|v| format!("{}", f64::from(v) / 10.0)),
    ];
    proptest::collection::vec(proptest::collection::vec(cell, metrics), 1..40).prop_map(
        move |rows| {
            let header: Vec<String> = (0..metrics).map(|m| format!("c{m}")).collect();
            let mut text = format!("Account,{}\n", header.join(","));
            for (i, cells) in rows.iter().enumerate() {
                text.push_str(&format!("Acct {i},{}\n", cells.join(",")));
            }
            text
        },
    )
}

fn with_weights(card: &Scorecard, weights: &[f64]) -> Scorecard {
    let mut moved = card.clone();
    for (m, &w) in moved.metrics.iter_mut().zip(weights) {
        m.weight = w;
    }
    moved
}

/// The scores of `card` with `weights`, by the engine.
fn rescored(card: &Scorecard, weights: &[f64], subs: &SubScores) -> Scores {
    let moved = with_weights(card, weights);
    Scores::compute(moved.validate().expect("dragged card is valid"), subs)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn counts_equal_rescoring_the_dragged_card(
        (card, text) in card().prop_flat_map(|c| { let n = c.metrics.len(); (Just(c), data(n)) })
    ) {
        let (subs, scores) = read(&card, &text);
        let found = sensitivity(card.validate().unwrap(), &subs, &scores);
        // Counted a slice of accounts at a time and added up: the same counts.
        let n = subs.len();
        let mut sliced = sensitivity_in(card.validate().unwrap(), &subs, &scores, 5.0, 0..card.metrics.len(), 0..n / 3);
        for rows in [n / 3..n / 2, n / 2..n] {
            let part = sensitivity_in(card.validate().unwrap(), &subs, &scores, 5.0, 0..card.metrics.len(), rows);
            for (total, part) in sliced.iter_mut().zip(&part) {
                total.add(part);
            }
        }
        prop_assert_eq!(&sliced, &found, "counted in slices of rows");
        let weights: Vec<f64> = card.metrics.iter().map(|m| m.weight).collect();
        let locked: Vec<bool> = card.metrics.iter().map(|m| m.locked).collect();
        for (i, s) in found.iter().enumerate() {
            if locked[i] {
                prop_assert_eq!(*s, Default::default());
                continue;
            }
            for (step, got) in [(5.0, s.up), (-5.0, s.down)] {
                let moved = drag(&weights, &locked, i, weights[i] + step);
                if moved[i] == weights[i] {
                    prop_assert_eq!(got, None, "metric {} step {}", i, step);
                    continue;
                }
                let after = rescored(&card, &moved, &subs);
                let changed = after.band.iter().zip(&scores.band).filter(|(a, b)| a != b).count();
                prop_assert_eq!(got, Some(Shift { weight: moved[i], accounts: changed }), "metric {} step {}", i, step);
            }
        }
    }

    #[test]
    fn flips_are_the_smallest_moves_rescoring_confirms(
        (card, text) in card().prop_flat_map(|c| { let n = c.metrics.len(); (Just(c), data(n)) }),
        pick in 0usize..40,
    ) {
        let (subs, scores) = read(&card, &text);
        let row = pick % scores.len();
        let found = flips(card.validate().unwrap(), &subs, row);
        let weights: Vec<f64> = card.metrics.iter().map(|m| m.weight).collect();
        let locked: Vec<bool> = card.metrics.iter().map(|m| m.locked).collect();
        let now = scores.band_of(row);
        // Every single move, rescored by the engine: the smallest each way.
        let mut best: (Option<Flip>, Option<Flip>) = (None, None);
        for i in (0..weights.len()).filter(|&i| !locked[i]) {
            for value in 0..=100 {
                let moved = drag(&weights, &locked, i, f64::from(value));
                if moved[i] == weights[i] {
                    continue;
                }
                let after = rescored(&card, &moved, &subs);
                let band = after.band_of(row);
                if band == now {
                    continue;
                }
                let flip = Flip { metric: i, weight: moved[i], change: moved[i] - weights[i], band, score: after.score_of(row) };
                let slot = if band > now { &mut best.0 } else { &mut best.1 };
                if slot.is_none_or(|b| flip.change.abs() < b.change.abs()) {
                    *slot = Some(flip);
                }
            }
        }
        prop_assert_eq!((found.up, found.down), best);
    }
}

#[test]
fn metrics_computed_a_few_at_a_time_agree_with_all_at_once() {
    let card = healthscore_core::templates::dear();
    let table = healthscore_core::parse_table(healthscore_core::templates::DEMO_ACCOUNTS_CSV).table;
    let subs = healthscore_core::engine::SubScores::read(&card, &table);
    let valid = card.validate().unwrap();
    let scores = healthscore_core::engine::Scores::compute(valid, &subs);
    let whole = healthscore_core::sensitivity::sensitivity(valid, &subs, &scores);
    let n = card.metrics.len();
    let pieces: Vec<_> = (0..n)
        .step_by(2)
        .flat_map(|i| {
            healthscore_core::sensitivity::sensitivity_of(
                valid,
                &subs,
                &scores,
                5.0,
                i..(i + 2).min(n),
            )
        })
        .collect();
    assert_eq!(pieces, whole);
    assert!(whole.iter().any(|s| s.up.is_some_and(|u| u.accounts > 0)));
}
