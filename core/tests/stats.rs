//! Statistics for judging a health score against churn: hand-computed cases, a
//! scikit-learn reference for the logistic fit, and inputs that must not panic.
#![allow(clippy::type_complexity)] // table-style cases spell out their tuple types

use healthscore_core::stats::{
    auc, bootstrap_interval, class_quantile, fit_logistic, folds, ks_threshold, mean_sd, Histogram,
    MIN_BIN_WIDTH,
};

const C: Option<bool> = Some(true);
const R: Option<bool> = Some(false);
const U: Option<bool> = None;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// A small seeded generator for test data (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `n` accounts whose churn probability falls as the score (0..=100, two decimals) rises.
fn synthetic(n: usize, seed: u64) -> (Vec<f64>, Vec<Option<bool>>) {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let score = (rng.next() * 10_000.0).round() / 100.0;
            let p_churn = 1.0 / (1.0 + ((score - 45.0) / 12.0).exp());
            (score, Some(rng.next() < p_churn))
        })
        .unzip()
}

/// Brute force over all (retained, churned) pairs.
fn pairwise_auc(scores: &[f64], churned: &[Option<bool>]) -> f64 {
    let (mut wins, mut pairs) = (0.0, 0.0);
    for (r, _) in scores.iter().zip(churned).filter(|p| *p.1 == R) {
        for (c, _) in scores.iter().zip(churned).filter(|p| *p.1 == C) {
            pairs += 1.0;
            wins += if r > c {
                1.0
            } else if r == c {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / pairs
}

#[test]
fn auc_hand_cases() {
    let nan = f64::NAN;
    let cases: &[(&str, &[f64], &[Option<bool>], Option<f64>)] = &[
        (
            "perfect separation",
            &[9.0, 8.0, 2.0, 1.0],
            &[R, R, C, C],
            Some(1.0),
        ),
        ("reversed", &[1.0, 2.0, 8.0, 9.0], &[R, R, C, C], Some(0.0)),
        ("all tied", &[5.0, 5.0, 5.0, 5.0], &[R, C, R, C], Some(0.5)),
        // retained [3,2,2], churned [2,1]: (3>2) 1, (3>1) 1, (2=2) .5, (2>1) 1,
        // (2=2) .5, (2>1) 1 = 5 of 6 pairs.
        (
            "ties",
            &[3.0, 2.0, 2.0, 2.0, 1.0],
            &[R, R, R, C, C],
            Some(5.0 / 6.0),
        ),
        // retained [4,1], churned [3,2]: (4>3) 1, (4>2) 1, (1<3) 0, (1<2) 0 = 2/4.
        (
            "interleaved",
            &[4.0, 3.0, 2.0, 1.0],
            &[R, C, C, R],
            Some(0.5),
        ),
        // One retained at 2 against churned [1,2,3]: 1 + .5 + 0 = 1.5/3.
        (
            "one retained",
            &[1.0, 2.0, 3.0, 2.0],
            &[C, C, C, R],
            Some(0.5),
        ),
        ("all churned", &[1.0, 2.0, 3.0], &[C, C, C], None),
        ("all retained", &[1.0, 2.0], &[R, R], None),
        ("empty", &[], &[], None),
        ("only unknown", &[1.0, 2.0], &[U, U], None),
        // The NaN score and the unknown label drop out, leaving perfect separation.
        (
            "NaN and None skipped",
            &[9.0, nan, 1.0, 0.5, 10.0],
            &[R, C, C, U, R],
            Some(1.0),
        ),
        ("NaN leaves one class", &[9.0, nan], &[R, C], None),
        // -0.0 and 0.0 are the same score: a tie.
        ("signed zero tie", &[0.0, -0.0], &[R, C], Some(0.5)),
        (
            "infinities",
            &[f64::INFINITY, f64::NEG_INFINITY],
            &[R, C],
            Some(1.0),
        ),
        // Extra scores beyond the labels are ignored.
        ("length mismatch", &[2.0, 1.0, 0.0, 5.0], &[R, C], Some(1.0)),
    ];
    for (name, scores, churned, want) in cases {
        let got = auc(scores, churned);
        match (got, want) {
            (Some(g), Some(w)) => assert!(close(g, *w, 1e-12), "{name}: got {g}, want {w}"),
            (g, w) => assert_eq!(g, *w, "{name}"),
        }
    }
}

#[test]
fn auc_matches_brute_force() {
    for seed in 0..5 {
        let (scores, churned) = synthetic(300, seed);
        // Round to whole points so ties are common.
        let scores: Vec<f64> = scores.iter().map(|s| s.round()).collect();
        let exact = auc(&scores, &churned).expect("both classes");
        assert!(close(exact, pairwise_auc(&scores, &churned), 1e-12));
    }
}

#[test]
fn histogram_auc_equals_exact_on_the_grid() {
    let cases: &[(&[f64], &[Option<bool>], f64)] = &[
        (&[3.0, 2.0, 2.0, 2.0, 1.0], &[R, R, R, C, C], 1.0),
        (
            &[0.0, 5.0, 10.0, 100.0, 5.0, 95.0],
            &[C, C, R, R, R, C],
            5.0,
        ),
        (&[0.3, 0.1, 0.7, 0.2, 0.3], &[R, C, R, C, C], 0.1),
        (&[100.0, 0.0, 50.0, 50.0], &[R, C, R, C], 25.0),
        // Width 3 does not divide 100: bins [99, 102) hold 99 and 100 alike, so 100 is off
        // the grid; 96 and 99 are on it.
        (&[99.0, 96.0, 99.0], &[R, C, C], 3.0),
    ];
    for (scores, churned, width) in cases {
        let hist = Histogram::new(scores, churned, *width);
        let (h, e) = (
            hist.auc().unwrap_or(-1.0),
            auc(scores, churned).unwrap_or(-2.0),
        );
        assert!(
            close(h, e, 1e-12),
            "width {width}: histogram {h}, exact {e}"
        );
        assert_eq!(
            hist.retained_bins().len(),
            (100.0 / width).ceil() as usize + 1
        );
    }
    // Whole-point scores of a realistic set, one-point bins.
    let (scores, churned) = synthetic(2000, 7);
    let scores: Vec<f64> = scores.iter().map(|s| s.round()).collect();
    let hist = Histogram::new(&scores, &churned, 1.0);
    assert!(close(
        hist.auc().unwrap_or(-1.0),
        auc(&scores, &churned).unwrap_or(-2.0),
        1e-12
    ));
}

#[test]
fn histogram_auc_is_within_its_resolution() {
    for width in [0.5, 1.0, 2.0, 5.0] {
        let (scores, churned) = synthetic(3000, 11);
        let hist = Histogram::new(&scores, &churned, width);
        let exact = auc(&scores, &churned).expect("both classes");
        let binned = hist.auc().expect("both classes");
        // Only pairs sharing a bin can differ, by at most half a win each.
        let bin = |s: f64| (s / width).floor() as usize;
        let retained: Vec<f64> = scores
            .iter()
            .zip(&churned)
            .filter(|p| *p.1 == R)
            .map(|p| *p.0)
            .collect();
        let churned_s: Vec<f64> = scores
            .iter()
            .zip(&churned)
            .filter(|p| *p.1 == C)
            .map(|p| *p.0)
            .collect();
        let same_bin = retained
            .iter()
            .flat_map(|r| {
                churned_s
                    .iter()
                    .map(move |c| (bin(*r) == bin(*c)) as u32 as f64)
            })
            .sum::<f64>();
        let bound = 0.5 * same_bin / (retained.len() * churned_s.len()) as f64;
        assert!(
            (binned - exact).abs() <= bound + 1e-12,
            "width {width}: {binned} vs {exact}, bound {bound}"
        );
        assert!(
            (binned - exact).abs() < 0.01 * width,
            "width {width}: {binned} vs {exact}"
        );
    }
}

#[test]
fn histogram_counts_and_edges() {
    let nan = f64::NAN;
    let scores = [-5.0, 0.0, 42.0, 100.0, 250.0, nan, f64::INFINITY, 7.0];
    let churned = [R, C, R, C, R, R, C, U];
    let hist = Histogram::new(&scores, &churned, 10.0);
    assert_eq!(hist.counts(), (3, 3));
    assert_eq!(hist.retained_bins().len(), 11);
    // -5 clamps into bin 0, 250 and +inf into the last bin (100).
    assert_eq!(hist.retained_bins()[0], 1);
    assert_eq!(hist.churned_bins()[0], 1);
    assert_eq!(hist.retained_bins()[4], 1);
    assert_eq!(hist.retained_bins()[10], 1);
    assert_eq!(hist.churned_bins()[10], 2);

    for (width, want) in [
        (0.0, 1.0),
        (-3.0, 1.0),
        (nan, 1.0),
        (f64::INFINITY, 1.0),
        (1e-300, MIN_BIN_WIDTH),
        (1000.0, 1000.0),
    ] {
        let hist = Histogram::new(&scores, &churned, width);
        assert_eq!(hist.width(), want, "width {width}");
        assert_eq!(hist.counts(), (3, 3));
        assert!(hist.auc().is_some());
    }
    assert_eq!(Histogram::new(&[], &[], 1.0).auc(), None);
    assert_eq!(Histogram::new(&[1.0, 2.0], &[C, C], 1.0).auc(), None);
    assert_eq!(Histogram::new(&[1.0], &[R], 1.0).counts(), (1, 0));
}

#[test]
fn bootstrap_is_deterministic_and_brackets_the_auc() {
    let (scores, churned) = synthetic(2000, 3);
    let hist = Histogram::new(&scores, &churned, 1.0);
    let point = hist.auc().expect("both classes");
    let a = bootstrap_interval(&hist, 2000, 0.9, 42).expect("interval");
    let b = bootstrap_interval(&hist, 2000, 0.9, 42).expect("interval");
    assert_eq!(a, b, "same seed, same interval");
    let c = bootstrap_interval(&hist, 2000, 0.9, 43).expect("interval");
    assert_ne!(a, c, "another seed draws other resamples");
    assert!(
        close(a.0, c.0, 0.01) && close(a.1, c.1, 0.01),
        "{a:?} vs {c:?}"
    );
    assert!(a.0 < point && point < a.1, "{a:?} should contain {point}");
    // A 90% interval for an AUC near 0.85 at 2,000 accounts is a few points wide.
    let width = a.1 - a.0;
    assert!(width > 0.01 && width < 0.1, "width {width}");
    // A wider level gives a wider interval.
    let wide = bootstrap_interval(&hist, 2000, 0.99, 42).expect("interval");
    assert!(wide.0 <= a.0 && wide.1 >= a.1, "{wide:?} vs {a:?}");
}

#[test]
fn bootstrap_narrows_as_n_grows() {
    let mut widths = Vec::new();
    for n in [200, 2000, 20_000] {
        let (scores, churned) = synthetic(n, 5);
        let hist = Histogram::new(&scores, &churned, 1.0);
        let (lo, hi) = bootstrap_interval(&hist, 1000, 0.9, 1).expect("interval");
        let point = hist.auc().expect("both classes");
        assert!(lo <= point && point <= hi, "n {n}: ({lo}, {hi}) vs {point}");
        widths.push(hi - lo);
    }
    // Width shrinks like 1/sqrt(n): about 3.2x per tenfold.
    assert!(
        widths[0] > 2.0 * widths[1] && widths[1] > 2.0 * widths[2],
        "{widths:?}"
    );
}

#[test]
fn bootstrap_refuses_what_it_cannot_answer() {
    let (scores, churned) = synthetic(500, 9);
    let hist = Histogram::new(&scores, &churned, 1.0);
    assert_eq!(bootstrap_interval(&hist, 0, 0.9, 1), None);
    for level in [f64::NAN, -0.1, 1.5] {
        assert_eq!(
            bootstrap_interval(&hist, 100, level, 1),
            None,
            "level {level}"
        );
    }
    let (lo, hi) = bootstrap_interval(&hist, 100, 0.0, 1).expect("median");
    assert_eq!(lo, hi);
    let one_class = Histogram::new(&[1.0, 2.0], &[C, C], 1.0);
    assert_eq!(bootstrap_interval(&one_class, 100, 0.9, 1), None);
    assert_eq!(
        bootstrap_interval(&Histogram::new(&[], &[], 1.0), 100, 0.9, 1),
        None
    );
    // One account per class: many resamples lose a class and are discarded.
    let tiny = Histogram::new(&[80.0, 20.0], &[R, C], 1.0);
    assert_eq!(bootstrap_interval(&tiny, 500, 0.9, 1), Some((1.0, 1.0)));
    // Counts large enough for the normal approximation in every bin.
    let mut scores = Vec::new();
    let mut labels = Vec::new();
    for s in 0..=100 {
        for i in 0..80 {
            scores.push(s as f64);
            labels.push(Some(i % 2 == 0 && s < 60 || i % 5 == 0));
        }
    }
    let hist = Histogram::new(&scores, &labels, 1.0);
    let (lo, hi) = bootstrap_interval(&hist, 300, 0.9, 8).expect("interval");
    let point = hist.auc().expect("both classes");
    assert!(lo < point && point < hi, "({lo}, {hi}) vs {point}");
}

// scikit-learn 1.9.1 (numpy 2.4.6) on core/tests/data/logistic_reference.csv, printed by
// tests/reference/logistic_reference.py: LogisticRegression(C=1/l2, penalty="l2",
// solver="lbfgs", tol=1e-12, max_iter=10000) with l2 = 1.0.
const REF_L2: f64 = 1.0;
const REF_INTERCEPT: f64 = 0.05431807892;
const REF_COEFFICIENTS: [f64; 4] = [2.395135653, -0.237163337, -2.374392392, -0.1385674219];
// lbfgs stops about 2e-7 short of the exact optimum; the script's own numpy Newton fit of
// the same objective (printed on its last line) pins it to 10 significant digits.
const NEWTON_INTERCEPT: f64 = 0.05431812356;
const NEWTON_COEFFICIENTS: [f64; 4] = [2.395135609, -0.2371632366, -2.374392592, -0.1385673154];

fn reference_data() -> (Vec<Vec<f64>>, Vec<bool>) {
    let text = include_str!("data/logistic_reference.csv");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("x1,x2,x3,x4,churned"));
    lines
        .filter(|l| !l.is_empty())
        .map(|line| {
            let fields: Vec<f64> = line
                .split(',')
                .map(|f| f.parse().expect("number"))
                .collect();
            (fields[..4].to_vec(), fields[4] == 1.0)
        })
        .unzip()
}

#[test]
fn logistic_matches_scikit_learn() {
    let (rows, y) = reference_data();
    assert_eq!(rows.len(), 400);
    let fit = fit_logistic(&rows, &y, REF_L2).expect("fit");
    assert!(fit.converged, "{fit:?}");
    assert!(fit.iterations <= 10, "{fit:?}");
    let got = std::iter::once(fit.intercept).chain(fit.coefficients.iter().copied());
    let sklearn = std::iter::once(REF_INTERCEPT).chain(REF_COEFFICIENTS);
    let newton = std::iter::once(NEWTON_INTERCEPT).chain(NEWTON_COEFFICIENTS);
    for (i, ((g, s), n)) in got.zip(sklearn).zip(newton).enumerate() {
        assert!(close(g, s, 1e-6), "parameter {i}: {g} vs scikit-learn {s}");
        assert!(
            close(g, n, 1e-9 * n.abs().max(1.0)),
            "parameter {i}: {g} vs Newton {n}"
        );
    }
    // The fitted probabilities follow the data: x1 raises churn, x3 lowers it.
    assert!(fit.probability(&[1.0, 0.5, 0.0, 0.5]) > 0.9);
    assert!(fit.probability(&[0.0, 0.5, 1.0, 0.5]) < 0.1);
}

#[test]
fn logistic_gradient_vanishes_at_the_fit() {
    let (rows, y) = reference_data();
    for l2 in [0.0, 0.01, 1.0, 100.0] {
        let fit = fit_logistic(&rows, &y, l2).expect("fit");
        assert!(fit.converged, "l2 {l2}: {fit:?}");
        let mut gradient = vec![0.0; 5];
        for (row, &t) in rows.iter().zip(&y) {
            let residual = fit.probability(row) - if t { 1.0 } else { 0.0 };
            gradient[0] += residual;
            for j in 0..4 {
                gradient[j + 1] += residual * row[j];
            }
        }
        for j in 0..4 {
            gradient[j + 1] += l2 * fit.coefficients[j];
        }
        assert!(
            gradient.iter().all(|g| g.abs() < 1e-8),
            "l2 {l2}: {gradient:?}"
        );
    }
}

#[test]
fn logistic_edge_cases_do_not_panic() {
    let nan = f64::NAN;
    // Perfectly separable: the penalty keeps the coefficients finite.
    let rows: Vec<Vec<f64>> = (0..20).map(|i| vec![i as f64 / 19.0]).collect();
    let y: Vec<bool> = (0..20).map(|i| i >= 10).collect();
    let fit = fit_logistic(&rows, &y, 1.0).expect("fit");
    assert!(fit.converged && fit.intercept.is_finite() && fit.coefficients[0].is_finite());
    assert!(fit.coefficients[0] > 0.0);
    let tiny = fit_logistic(&rows, &y, 1e-6).expect("fit");
    assert!(
        tiny.intercept.is_finite() && tiny.coefficients[0].is_finite(),
        "{tiny:?}"
    );
    assert!(tiny.coefficients[0] > fit.coefficients[0]);
    // No penalty on separable data: no finite optimum, but finite numbers and no panic.
    let free = fit_logistic(&rows, &y, 0.0).expect("fit");
    assert!(
        free.intercept.is_finite() && free.coefficients[0].is_finite(),
        "{free:?}"
    );
    assert!(free.iterations <= 50);

    // A constant column gets coefficient 0; the intercept absorbs it.
    let (data, labels) = reference_data();
    let with_constant: Vec<Vec<f64>> = data.iter().map(|r| vec![r[0], 7.0, r[2]]).collect();
    let fit = fit_logistic(&with_constant, &labels, 1.0).expect("fit");
    assert!(fit.converged && fit.coefficients[1].abs() < 1e-9, "{fit:?}");
    // Without a penalty the constant column is collinear with the intercept: no panic.
    let fit = fit_logistic(&with_constant, &labels, 0.0).expect("fit");
    assert!(fit.intercept.is_finite() && fit.coefficients.iter().all(|c| c.is_finite()));
    // Zero features: an intercept-only fit, the log-odds of churn shrunk by nothing.
    let empty_rows: Vec<Vec<f64>> = vec![vec![]; 4];
    let fit = fit_logistic(&empty_rows, &[true, false, false, false], 1.0).expect("fit");
    assert!(close(fit.intercept, (1.0f64 / 3.0).ln(), 1e-9), "{fit:?}");

    let cases: &[(&str, Vec<Vec<f64>>, Vec<bool>, f64)] = &[
        ("empty", vec![], vec![], 1.0),
        ("one row", vec![vec![1.0, 2.0]], vec![true], 1.0),
        (
            "one class",
            vec![vec![1.0], vec![2.0]],
            vec![false, false],
            1.0,
        ),
        (
            "length mismatch",
            vec![vec![1.0], vec![2.0]],
            vec![true],
            1.0,
        ),
        (
            "ragged rows",
            vec![vec![1.0], vec![2.0, 3.0]],
            vec![true, false],
            1.0,
        ),
        (
            "negative l2",
            vec![vec![1.0], vec![2.0]],
            vec![true, false],
            -1.0,
        ),
        ("NaN l2", vec![vec![1.0], vec![2.0]], vec![true, false], nan),
        // The NaN row is skipped, leaving one class.
        (
            "NaN row",
            vec![vec![1.0], vec![nan]],
            vec![true, false],
            1.0,
        ),
    ];
    for (name, rows, y, l2) in cases {
        assert_eq!(fit_logistic(rows, y, *l2), None, "{name}");
    }
    // Non-finite rows are skipped, the rest fitted.
    let rows = vec![
        vec![0.0],
        vec![nan],
        vec![1.0],
        vec![f64::INFINITY],
        vec![0.5],
    ];
    let fit = fit_logistic(&rows, &[false, true, true, false, true], 1.0).expect("fit");
    assert!(fit.converged && fit.coefficients[0].is_finite());
    // Huge feature values: finite, converged.
    let rows: Vec<Vec<f64>> = (0..10).map(|i| vec![i as f64 * 1e6]).collect();
    let y: Vec<bool> = (0..10).map(|i| i % 3 == 0).collect();
    let fit = fit_logistic(&rows, &y, 1.0).expect("fit");
    assert!(
        fit.intercept.is_finite() && fit.coefficients[0].is_finite(),
        "{fit:?}"
    );
    assert!(fit.probability(&[nan]).is_nan());
    assert!((0.0..=1.0).contains(&fit.probability(&[])));
}

#[test]
fn ks_threshold_hand_cases() {
    let nan = f64::NAN;
    let cases: &[(&str, &[f64], &[Option<bool>], Option<(f64, f64)>)] = &[
        // Churned [10,20,30], retained [25,40,50]. Below t=25: churned 2/3, retained 0;
        // below 30: 2/3 - 1/3; below 40: 1 - 1/3 = 2/3 again, so the lowest, 25, wins.
        (
            "partial overlap",
            &[10.0, 20.0, 30.0, 25.0, 40.0, 50.0],
            &[C, C, C, R, R, R],
            Some((25.0, 2.0 / 3.0)),
        ),
        // Perfect separation: below 60 holds every churned and no retained account.
        (
            "separated",
            &[10.0, 20.0, 60.0, 70.0],
            &[C, C, R, R],
            Some((60.0, 1.0)),
        ),
        // Reversed: no threshold flags more churned than retained; t is the lowest score.
        (
            "reversed",
            &[60.0, 70.0, 10.0, 20.0],
            &[C, C, R, R],
            Some((10.0, 0.0)),
        ),
        ("all tied", &[5.0, 5.0, 5.0], &[C, R, C], Some((5.0, 0.0))),
        // Ties at 20 across classes: below 20 holds churned 1/2, retained 0;
        // below 30 holds churned 2/2, retained 1/2.
        (
            "ties",
            &[10.0, 20.0, 20.0, 30.0],
            &[C, C, R, R],
            Some((20.0, 0.5)),
        ),
        (
            "NaN and None skipped",
            &[nan, 1.0, 9.0, 0.0],
            &[R, C, R, U],
            Some((9.0, 1.0)),
        ),
        ("one class", &[1.0, 2.0], &[C, C], None),
        ("empty", &[], &[], None),
    ];
    for (name, scores, churned, want) in cases {
        let got = ks_threshold(scores, churned);
        match (got, want) {
            (Some((t, k)), Some((wt, wk))) => {
                assert_eq!(t, *wt, "{name}: threshold");
                assert!(close(k, *wk, 1e-12), "{name}: ks {k} vs {wk}");
            }
            (g, w) => assert_eq!(g, *w, "{name}"),
        }
    }
}

#[test]
fn class_quantile_matches_numpy_interpolation() {
    let nan = f64::NAN;
    // Churned [1, 2, 3, 4] (plus a NaN and an unknown that drop out), retained [10, 20].
    let scores = [4.0, 1.0, 3.0, 2.0, nan, 99.0, 20.0, 10.0];
    let churned = [C, C, C, C, C, U, R, R];
    // numpy.quantile([1,2,3,4], q): position (n-1)*q, linear between neighbours.
    let cases: &[(bool, f64, Option<f64>)] = &[
        (true, 0.0, Some(1.0)),
        (true, 0.25, Some(1.75)), // position 0.75
        (true, 0.5, Some(2.5)),   // position 1.5
        (true, 0.9, Some(3.7)),   // position 2.7
        (true, 1.0, Some(4.0)),
        (false, 0.5, Some(15.0)),
        (false, 0.1, Some(11.0)),
        (true, -0.1, None),
        (true, 1.1, None),
        (true, nan, None),
    ];
    for (class, q, want) in cases {
        let got = class_quantile(&scores, &churned, *class, *q);
        match (got, want) {
            (Some(g), Some(w)) => assert!(close(g, *w, 1e-12), "class {class} q {q}: {g} vs {w}"),
            (g, w) => assert_eq!(g, *w, "class {class} q {q}"),
        }
    }
    assert_eq!(class_quantile(&[7.0], &[R], false, 0.3), Some(7.0));
    assert_eq!(class_quantile(&[7.0], &[R], true, 0.3), None);
    assert_eq!(class_quantile(&[], &[], true, 0.5), None);
    assert_eq!(class_quantile(&[nan, nan], &[C, C], true, 0.5), None);
}

#[test]
fn mean_sd_cases() {
    let nan = f64::NAN;
    let cases: &[(&[f64], Option<(f64, f64)>)] = &[
        (&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0], Some((5.0, 2.0))),
        (&[3.0], Some((3.0, 0.0))),
        (&[1.0, nan, 3.0, f64::INFINITY], Some((2.0, 1.0))),
        (&[6.0, 6.0, 6.0], Some((6.0, 0.0))),
        (&[], None),
        (&[nan, f64::NEG_INFINITY], None),
    ];
    for (values, want) in cases {
        let got = mean_sd(values);
        match (got, want) {
            (Some((m, s)), Some((wm, ws))) => {
                assert!(
                    close(m, *wm, 1e-12) && close(s, *ws, 1e-12),
                    "{values:?}: {m}, {s}"
                );
            }
            (g, w) => assert_eq!(g, *w, "{values:?}"),
        }
    }
    // A large offset does not swallow a small spread.
    let (m, s) = mean_sd(&[1e9 + 1.0, 1e9 + 2.0, 1e9 + 3.0]).expect("values");
    assert!(close(m, 1e9 + 2.0, 1e-6) && close(s, (2.0f64 / 3.0).sqrt(), 1e-6));
}

#[test]
fn folds_are_stratified_and_deterministic() {
    let (_, churned) = synthetic(1003, 2);
    let mut labels = churned.clone();
    for i in (0..labels.len()).step_by(17) {
        labels[i] = None;
    }
    for k in [1, 2, 3, 5, 10] {
        let assignment = folds(&labels, k, 99);
        assert_eq!(assignment.len(), labels.len());
        assert_eq!(assignment, folds(&labels, k, 99), "k {k}: deterministic");
        if k > 1 {
            assert_ne!(
                assignment,
                folds(&labels, k, 100),
                "k {k}: the seed shuffles"
            );
        }
        let mut per_fold = vec![(0usize, 0usize); k];
        for (label, fold) in labels.iter().zip(&assignment) {
            match (label, fold) {
                (None, None) => {}
                (Some(c), Some(f)) => {
                    assert!(*f < k);
                    if *c {
                        per_fold[*f].0 += 1;
                    } else {
                        per_fold[*f].1 += 1;
                    }
                }
                _ => panic!("k {k}: label {label:?} got fold {fold:?}"),
            }
        }
        let spread = |v: Vec<usize>| v.iter().max().unwrap_or(&0) - v.iter().min().unwrap_or(&0);
        assert!(
            spread(per_fold.iter().map(|f| f.0).collect()) <= 1,
            "k {k}: {per_fold:?}"
        );
        assert!(
            spread(per_fold.iter().map(|f| f.1).collect()) <= 1,
            "k {k}: {per_fold:?}"
        );
        assert!(
            spread(per_fold.iter().map(|f| f.0 + f.1).collect()) <= 1,
            "k {k}: {per_fold:?}"
        );
    }
    assert_eq!(folds(&[C, R, U], 0, 1), vec![None, None, None]);
    assert_eq!(folds(&[], 5, 1), Vec::<Option<usize>>::new());
    assert_eq!(folds(&[U, U], 3, 1), vec![None, None]);
    let few = folds(&[C, R], 5, 1);
    assert!(few.iter().all(|f| f.is_some_and(|f| f < 5)));
}

#[test]
fn nothing_panics_on_awkward_input() {
    let nan = f64::NAN;
    let awkward: &[(&[f64], &[Option<bool>])] = &[
        (&[], &[]),
        (&[nan, nan], &[C, R]),
        (&[1.0], &[C]),
        (&[1.0], &[]),
        (&[], &[C, R]),
        (
            &[f64::INFINITY, f64::NEG_INFINITY, nan, f64::MAX, -f64::MAX],
            &[C, R, C, R, C],
        ),
        (&[50.0; 6], &[C, R, C, R, U, C]),
    ];
    for (scores, churned) in awkward {
        let _ = auc(scores, churned);
        let _ = ks_threshold(scores, churned);
        let _ = class_quantile(scores, churned, true, 0.5);
        let _ = mean_sd(scores);
        let _ = folds(churned, 3, 0);
        let hist = Histogram::new(scores, churned, 1.0);
        let _ = bootstrap_interval(&hist, 50, 0.9, 0);
    }
    // A large data set stays exact and quick.
    let (scores, churned) = synthetic(100_000, 13);
    let exact = auc(&scores, &churned).expect("both classes");
    let binned = Histogram::new(&scores, &churned, 0.5)
        .auc()
        .expect("both classes");
    assert!(close(exact, binned, 0.002), "{exact} vs {binned}");
}
