//! Prints the evidence figures on the synthetic churn data: the AUC of the template weights,
//! of the suggested weights (on held-out folds) and of the logistic fit itself (the reference:
//! its predicted probability as the score, in-sample and on held-out folds).
//! `cargo run --release -p healthscore-core --example evidence_report`
use healthscore_core::engine::{Scores, SubScores};
use healthscore_core::evidence;
use healthscore_core::stats;
use healthscore_core::templates::{dear, SYNTHETIC_CHURN_CSV};
use healthscore_core::OutcomeColumn;

fn main() {
    let mut card = dear();
    card.data.outcome = Some(OutcomeColumn {
        column: "Churned".into(),
        churned_value: Some("yes".into()),
    });
    let table = healthscore_core::parse_table(SYNTHETIC_CHURN_CSV).table;
    let Some(labels) = card
        .data
        .outcome
        .as_ref()
        .and_then(|o| evidence::labels(o, &table))
    else {
        eprintln!("no Churned column");
        std::process::exit(1);
    };
    let subs = SubScores::read(&card, &table);
    let Ok(valid) = card.validate() else {
        eprintln!("the template is not valid");
        std::process::exit(1);
    };
    let scores = Scores::compute(valid, &subs);
    let template = stats::auc(&scores.score, &labels).unwrap_or(f64::NAN);
    println!("template weights, all accounts:      AUC {template:.4}");
    let Ok(s) = evidence::suggest_weights(&card, &subs, &labels) else {
        eprintln!("no suggestion");
        std::process::exit(1);
    };
    println!(
        "template weights, held-out folds:    AUC {:.4}",
        s.current_auc
    );
    println!(
        "suggested weights, held-out folds:   AUC {:.4} (refit per fold)",
        s.held_out_auc
    );
    println!("suggested weights: {:?}", s.weights);
    let mut suggested = card.clone();
    for (m, w) in suggested.metrics.iter_mut().zip(&s.weights) {
        m.weight = *w;
    }
    if let Ok(v) = suggested.validate() {
        let applied = Scores::compute(v, &subs);
        println!(
            "suggested weights, all accounts:     AUC {:.4}",
            stats::auc(&applied.score, &labels).unwrap_or(f64::NAN)
        );
    }
    // The reference: the unconstrained logistic model's probability (negated: lower churn risk = healthier).
    let x: Vec<Vec<f64>> = (0..labels.len())
        .map(|r| {
            (0..card.metrics.len())
                .map(|m| {
                    subs.sub_score(r, m)
                        .or(card.metrics[m].missing.imputed())
                        .unwrap_or(50.0)
                        / 100.0
                })
                .collect()
        })
        .collect();
    let y: Vec<bool> = labels.iter().map(|l| *l == Some(true)).collect();
    if let Some(fit) = stats::fit_logistic(&x, &y, evidence::L2) {
        let health: Vec<f64> = x.iter().map(|row| -fit.probability(row)).collect();
        println!(
            "reference logistic fit, in-sample:   AUC {:.4}",
            stats::auc(&health, &labels).unwrap_or(f64::NAN)
        );
        println!(
            "reference coefficients (0-1 sub-scores): {:?}",
            fit.coefficients
                .iter()
                .map(|c| (c * 1000.0).round() / 1000.0)
                .collect::<Vec<_>>()
        );
    }
    let folds = stats::folds(&labels, evidence::FOLDS, 7);
    let mut sum = 0.0;
    for k in 0..evidence::FOLDS {
        let train: Vec<usize> = (0..labels.len())
            .filter(|&r| folds[r].is_some_and(|f| f != k))
            .collect();
        let xs: Vec<Vec<f64>> = train.iter().map(|&r| x[r].clone()).collect();
        let ys: Vec<bool> = train.iter().map(|&r| y[r]).collect();
        if let Some(fit) = stats::fit_logistic(&xs, &ys, evidence::L2) {
            let health: Vec<f64> = (0..labels.len()).map(|r| -fit.probability(&x[r])).collect();
            let held: Vec<Option<bool>> = (0..labels.len())
                .map(|r| if folds[r] == Some(k) { labels[r] } else { None })
                .collect();
            sum += stats::auc(&health, &held).unwrap_or(f64::NAN);
        }
    }
    println!(
        "reference logistic fit, held-out:    AUC {:.4}",
        sum / evidence::FOLDS as f64
    );
}
