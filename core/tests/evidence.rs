//! Evidence on the synthetic churn data: separation, churn per band, per-metric signal, and
//! suggested weights and boundaries judged on held-out folds.

use healthscore_core::engine::{Scores, SubScores};
use healthscore_core::evidence::{self, NoSuggestion};
use healthscore_core::templates::{dear, SYNTHETIC_CHURN_CSV};
use healthscore_core::{parse_table, OutcomeColumn, Scorecard, Table};

fn synthetic() -> (Scorecard, Table, evidence::Labels) {
    let mut card = dear();
    card.data.outcome = Some(OutcomeColumn {
        column: "Churned".into(),
        churned_value: Some("yes".into()),
    });
    let table = parse_table(SYNTHETIC_CHURN_CSV).table;
    let labels = evidence::labels(card.data.outcome.as_ref().unwrap(), &table).unwrap();
    (card, table, labels)
}

#[test]
fn the_outcome_column_reads_yes_no_and_churn_dates() {
    let table =
        parse_table("Account,Churned,Churn date\nA,yes,2026-01-03\nB,No,\nC,,\nD,YES,n/a\n").table;
    let yes = OutcomeColumn {
        column: "churned".into(),
        churned_value: Some("Yes".into()),
    };
    assert_eq!(
        evidence::labels(&yes, &table),
        Some(vec![Some(true), Some(false), None, Some(true)])
    );
    let dated = OutcomeColumn {
        column: "Churn date".into(),
        churned_value: None,
    };
    assert_eq!(
        evidence::labels(&dated, &table),
        Some(vec![Some(true), Some(false), Some(false), Some(false)])
    );
    let absent = OutcomeColumn {
        column: "Renewed".into(),
        churned_value: None,
    };
    assert_eq!(evidence::labels(&absent, &table), None);
    let (values, guess) = evidence::outcome_values(&table, "Churned", 10);
    assert_eq!(values, vec![("yes".to_owned(), 2), ("No".to_owned(), 1)]);
    assert_eq!(guess.as_deref(), Some("yes"));
}

#[test]
fn outcome_values_count_every_value_however_many_different_ones_come_first() {
    // A column picked by mistake (names) ahead of the real flag: 1,500 different names, then
    // "Churned" written in three cases. Each is counted, case aside, and guessed.
    let mut text = String::from("Account,Status\n");
    for i in 0..1_500 {
        text.push_str(&format!("A{i},Name {i}\n"));
    }
    for (i, status) in ["Churned", "churned", "CHURNED", "Retained", "retained"]
        .iter()
        .enumerate()
    {
        text.push_str(&format!("B{i},{status}\n"));
    }
    let table = parse_table(&text).table;
    let (values, guess) = evidence::outcome_values(&table, "Status", 3);
    assert_eq!(
        values,
        vec![
            ("Churned".to_owned(), 3),
            ("Retained".to_owned(), 2),
            ("Name 0".to_owned(), 1)
        ]
    );
    assert_eq!(guess.as_deref(), Some("Churned"));
}

#[test]
fn separation_matches_the_exact_auc_and_its_interval_is_stable() {
    let (card, table, labels) = synthetic();
    let scores = Scores::compute(card.validate().unwrap(), &SubScores::read(&card, &table));
    let exact = healthscore_core::stats::auc(&scores.score, &labels).unwrap();
    let live = evidence::separation(&scores.score, &labels).unwrap();
    assert!((live.auc - exact).abs() < 1e-3, "{} vs {exact}", live.auc);
    let (lo, hi) = live.interval.unwrap();
    assert!(lo < live.auc && live.auc < hi && hi - lo < 0.2, "{lo} {hi}");
    assert_eq!(
        evidence::separation(&scores.score, &labels),
        Some(live),
        "same data, same interval"
    );
    assert_eq!(
        (live.accounts, live.churned),
        (500, labels.iter().filter(|l| **l == Some(true)).count())
    );
    println!("template AUC on the synthetic data: {exact:.4}");
}

#[test]
fn the_live_auc_and_the_deferred_bootstrap_make_the_whole_separation() {
    // A drag recomputes only the AUC and keeps the last spread; at rest both agree exactly.
    let (card, table, labels) = synthetic();
    let scores = Scores::compute(card.validate().unwrap(), &SubScores::read(&card, &table));
    let hist = evidence::histogram(&scores.score, &labels);
    let whole = evidence::separation_of(&hist).unwrap();
    let quick = evidence::auc_of(&hist).unwrap();
    assert_eq!(quick.interval, None);
    assert_eq!(quick.auc, whole.auc);
    let spread = evidence::spread_of(&hist).unwrap();
    assert!(spread.low < 0.0 && spread.high > 0.0, "{spread:?}");
    assert_eq!(quick.widened(Some(spread)), whole);
    // A stale spread moves with the AUC and stays within 0..=1.
    let moved = evidence::Separation { auc: 0.99, ..quick }.widened(Some(spread));
    let (lo, hi) = moved.interval.unwrap();
    assert!(
        (lo - (0.99 + spread.low)).abs() < 1e-12 && hi == 1.0,
        "{lo} {hi}"
    );
}

#[test]
fn churn_per_band_falls_from_red_to_green_and_counts_every_account() {
    let (card, table, labels) = synthetic();
    let scores = Scores::compute(card.validate().unwrap(), &SubScores::read(&card, &table));
    let bands = evidence::per_band(
        (0..scores.len()).map(|r| scores.band_of(r)),
        &labels,
        card.bands.len(),
    );
    assert_eq!(bands.iter().map(|b| b.accounts).sum::<usize>(), 500);
    let rates: Vec<f64> = bands.iter().map(|b| b.rate().unwrap()).collect();
    assert!(rates[0] > rates[1] && rates[1] > rates[2], "{rates:?}");
    let (comfort, total) = evidence::surprises(&scores, &labels, 2, true);
    assert_eq!(total, bands[2].churned);
    assert!(comfort
        .iter()
        .all(|&r| scores.band_of(r) == Some(2) && labels[r] == Some(true)));
}

#[test]
fn metrics_without_signal_are_flagged_and_drivers_are_not() {
    let (card, table, labels) = synthetic();
    let subs = SubScores::read(&card, &table);
    let found = evidence::per_metric(&card, &subs, &labels);
    let flag = |id: &str| {
        let m = card.metrics.iter().position(|m| m.id == id).unwrap();
        (found[m].auc.unwrap(), found[m].flag)
    };
    for driver in ["core_usage", "login_frequency", "usage_trend", "champion"] {
        let (auc, flag) = flag(driver);
        assert!(auc > 0.65 && flag.is_none(), "{driver}: {auc} {flag:?}");
    }
    for noise in ["onboarding", "outcome_kpi"] {
        let (auc, flag) = flag(noise);
        assert_eq!(flag, Some(evidence::MetricFlag::NoSignal), "{noise}: {auc}");
    }
}

#[test]
fn suggested_weights_total_100_keep_locks_and_do_better_on_held_out_folds() {
    let (mut card, table, labels) = synthetic();
    let subs = SubScores::read(&card, &table);
    let s = evidence::suggest_weights(&card, &subs, &labels).unwrap();
    assert_eq!(s.weights.iter().sum::<f64>(), 100.0);
    assert!(s.weights.iter().all(|w| *w >= 0.0 && w.fract() == 0.0));
    assert!(
        s.held_out_auc >= s.current_auc,
        "{} < {}",
        s.held_out_auc,
        s.current_auc
    );
    let weight = |id: &str| s.weights[card.metrics.iter().position(|m| m.id == id).unwrap()];
    assert!(
        weight("core_usage") + weight("champion")
            > weight("onboarding") + weight("outcome_kpi") + weight("nps")
    );
    println!(
        "held-out AUC: template {:.4}, suggested {:.4}; weights {:?}",
        s.current_auc, s.held_out_auc, s.weights
    );
    // A locked metric keeps its weight.
    card.metrics[0].locked = true;
    let locked = evidence::suggest_weights(&card, &subs, &labels).unwrap();
    assert_eq!(locked.weights[0], card.metrics[0].weight);
    assert_eq!(locked.weights.iter().sum::<f64>(), 100.0);
    // Too little data: nothing suggested.
    let few = &labels[..20];
    assert!(matches!(
        evidence::suggest_weights(
            &card,
            &SubScores::read(
                &card,
                &parse_table(
                    &SYNTHETIC_CHURN_CSV
                        .lines()
                        .take(21)
                        .collect::<Vec<_>>()
                        .join("\n")
                )
                .table
            ),
            few
        ),
        Err(NoSuggestion::TooLittle(_))
    ));
}

#[test]
fn suggested_boundaries_ascend_within_the_scale() {
    let (card, table, labels) = synthetic();
    let scores = Scores::compute(card.validate().unwrap(), &SubScores::read(&card, &table));
    for bands in 2..=6 {
        let s = evidence::suggest_boundaries(&scores.score, &labels, bands).unwrap();
        assert_eq!(s.starts.len(), bands - 1);
        assert!(s.starts.windows(2).all(|w| w[0] < w[1]), "{:?}", s.starts);
        assert!(s.starts.iter().all(|&b| b > 0.0 && b <= 100.0));
        assert!(s.ks > 0.0 && s.ks <= 1.0);
    }
}

#[test]
fn too_little_data_is_said_not_suggested() {
    let (card, table, labels) = synthetic();
    let scores = Scores::compute(card.validate().unwrap(), &SubScores::read(&card, &table));
    assert_eq!(evidence::enough(&scores, &labels), Ok(()));
    let mut few = labels.clone();
    for l in few.iter_mut().skip(25) {
        *l = None;
    }
    assert!(evidence::enough(&scores, &few).is_err());
    let no_churn: Vec<Option<bool>> = labels.iter().map(|l| l.map(|_| false)).collect();
    assert!(evidence::enough(&scores, &no_churn).is_err());
}

#[test]
fn binned_boundaries_agree_with_the_exact_statistics() {
    let (card, table, labels) = synthetic();
    let scores = Scores::compute(card.validate().unwrap(), &SubScores::read(&card, &table));
    let (threshold, ks) = healthscore_core::stats::ks_threshold(&scores.score, &labels).unwrap();
    let two = evidence::suggest_boundaries(&scores.score, &labels, 2).unwrap();
    assert!((two.ks - ks).abs() < 1e-9, "{} vs {ks}", two.ks);
    assert!(
        (two.starts[0] - threshold.round()).abs() <= 1.0,
        "{:?} vs {threshold}",
        two.starts
    );
    let q90 = healthscore_core::stats::class_quantile(&scores.score, &labels, true, 0.9).unwrap();
    let three = evidence::suggest_boundaries(&scores.score, &labels, 3).unwrap();
    assert!(
        (three.starts[1] - q90.round()).abs() <= 1.0,
        "{:?} vs {q90}",
        three.starts
    );
}

#[test]
fn the_current_weights_are_rejudged_on_the_same_folds_in_one_pass() {
    let (card, table, labels) = synthetic();
    let subs = SubScores::read(&card, &table);
    let s = evidence::suggest_weights(&card, &subs, &labels).unwrap();
    let current: Vec<f64> = card.metrics.iter().map(|m| m.weight).collect();
    assert!((s.held_out_auc_of(&current, &labels) - s.current_auc).abs() < 2e-3);
    // The suggested weights, judged on the same folds without refitting, do better too.
    assert!(s.held_out_auc_of(&s.weights, &labels) > s.current_auc);
}

#[test]
fn a_narrow_spread_of_scores_is_called_out() {
    let narrow: Vec<f64> = (0..100).map(|i| 60.0 + (i % 10) as f64).collect();
    let (lo, hi) = evidence::narrow_range(&narrow).unwrap();
    assert!(
        (60.0..=61.0).contains(&lo) && (68.0..=70.0).contains(&hi),
        "{lo} {hi}"
    );
    let wide: Vec<f64> = (0..100).map(f64::from).collect();
    assert_eq!(evidence::narrow_range(&wide), None);
    assert_eq!(
        evidence::narrow_range(&narrow[..10]),
        None,
        "too few to say"
    );
}

#[test]
fn suggested_weights_total_exactly_100_beside_a_fractional_locked_weight() {
    let (mut card, table, labels) = synthetic();
    card.metrics[0].weight = 20.4;
    card.metrics[1].weight = 14.6;
    card.metrics[0].locked = true;
    let subs = SubScores::read(&card, &table);
    let s = evidence::suggest_weights(&card, &subs, &labels).unwrap();
    assert!(
        (s.weights.iter().sum::<f64>() - 100.0).abs() < 1e-9,
        "{:?}",
        s.weights
    );
    assert_eq!(s.weights[0], 20.4);
    let mut applied = card.clone();
    for (m, w) in applied.metrics.iter_mut().zip(&s.weights) {
        m.weight = *w;
    }
    assert_eq!(applied.errors(), vec![]);
}

#[test]
fn the_least_varying_metrics_come_first() {
    let (card, table, labels) = synthetic();
    let found = evidence::per_metric(&card, &SubScores::read(&card, &table), &labels);
    let least = evidence::least_varying(&found, 3);
    assert_eq!(least.len(), 3);
    assert!(least.windows(2).all(|w| w[0].spread <= w[1].spread));
    let smallest = found
        .iter()
        .filter_map(|e| e.spread)
        .fold(f64::INFINITY, f64::min);
    assert_eq!(least[0].spread, Some(smallest));
}

#[test]
fn one_pass_tally_equals_the_histogram_and_churn_per_band() {
    let (card, table, labels) = synthetic();
    let scores = Scores::compute(card.validate().unwrap(), &SubScores::read(&card, &table));
    let (hist, bands) = evidence::tally(&scores, &labels);
    assert_eq!(hist, evidence::histogram(&scores.score, &labels));
    assert_eq!(
        bands,
        evidence::per_band(
            (0..scores.len()).map(|r| scores.band_of(r)),
            &labels,
            scores.band_counts.len()
        )
    );
    assert_eq!(
        evidence::enough_of(&hist),
        evidence::enough(&scores, &labels)
    );
    // Too few: the same answer, counted from the bins.
    let few: Vec<Option<bool>> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| if i < 20 { *l } else { None })
        .collect();
    let (small, _) = evidence::tally(&scores, &few);
    assert_eq!(evidence::enough_of(&small), evidence::enough(&scores, &few));
    assert!(evidence::enough_of(&small).is_err());
}
