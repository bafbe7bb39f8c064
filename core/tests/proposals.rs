//! Comparing proposals: band moves, metrics and bands side by side, deltas, movers, CSVs.
mod common;

use healthscore_core::engine::{Scores, SubScores};
use healthscore_core::proposals::{
    band_rows, compare, comparison_csv, delta_of, metric_rows, movers, summary_csv, titles,
    CompareError, MovementMatrix, Proposal, NO_SCORE,
};
use healthscore_core::{Band, MissingPolicy, Rule, Scorecard};
use proptest::prelude::*;

fn as_is() -> Rule {
    Rule::Linear {
        floor: 0.0,
        target: 100.0,
    }
}

/// Metrics a and b (weights `wa`, `wb`) reading columns a and b as they are.
fn card(name: &str, wa: f64, wb: f64, missing: MissingPolicy) -> Scorecard {
    let mut a = common::metric("a", "a", as_is(), missing.clone());
    let mut b = common::metric("b", "b", as_is(), missing);
    a.weight = wa;
    b.weight = wb;
    let mut card = common::card(vec![a, b]);
    card.name = name.to_owned();
    card
}

/// Card `x` scores column a alone, card `y` column b alone; missing values left out.
fn opposites(x: &str, y: &str) -> (Scorecard, Scorecard) {
    (
        card(x, 100.0, 0.0, MissingPolicy::Exclude),
        card(y, 0.0, 100.0, MissingPolicy::Exclude),
    )
}

/// Gives the card's second metric another id and name.
fn rename(card: &mut Scorecard, id: &str, name: &str) {
    card.metrics[1].id = id.to_owned();
    card.metrics[1].name = name.to_owned();
}

fn proposal<'a>(card: &'a Scorecard, scores: &'a Scores) -> Proposal<'a> {
    Proposal { card, scores }
}

fn scored(card: &Scorecard, csv: &str) -> Scores {
    let subs = SubScores::read(card, &common::table(csv));
    Scores::compute(card.validate().expect("valid"), &subs)
}

// Red 0 / Yellow 50 / Green 75. Under A (a 100%): 90 G, 60 Y, 20 R, 80 G, blank (none).
// Under B (b 100%): 40 R, 60 Y, 80 G, 10 R, 70 Y.
const ACCOUNTS: &str = "Account,a,b\nP,90,40\nQ,60,60\nR,20,80\nS,80,10\nT,,70\n";

#[test]
fn the_matrix_counts_band_moves_and_lists_their_rows() {
    let (a, b) = (
        card("A", 100.0, 0.0, MissingPolicy::Exclude),
        card("B", 0.0, 100.0, MissingPolicy::Exclude),
    );
    let (sa, sb) = (scored(&a, ACCOUNTS), scored(&b, ACCOUNTS));
    let pa = proposal(&a, &sa);
    let pb = proposal(&b, &sb);
    let m = MovementMatrix::build(pa, pb);
    assert_eq!(m.from_labels(), ["Red", "Yellow", "Green", NO_SCORE]);
    assert_eq!(m.count(2, 0), 2, "P and S: Green to Red");
    assert_eq!(m.count(1, 1), 1, "Q stays Yellow");
    assert_eq!(m.count(0, 2), 1, "R: Red to Green");
    assert_eq!(m.count(3, 1), 1, "T: no score to Yellow");
    assert_eq!(m.count(9, 9), 0);
    assert_eq!(m.changed(), 4);
    assert_eq!(m.cell_rows(&sa, &sb, 2, 0), vec![0, 3]);
    assert_eq!(m.changed_rows(&sa, &sb), vec![0, 2, 3, 4]);
    assert!(!m.is_change(1, 1) && m.is_change(3, 1) && !m.is_change(3, 3));
}

#[test]
fn changed_band_compares_labels_case_aside_across_different_bands() {
    let a = card("A", 100.0, 0.0, MissingPolicy::Zero);
    let mut b = card("B", 100.0, 0.0, MissingPolicy::Zero);
    // B: " green " from 50 and a new top band: same label Green counts as no move.
    b.bands = vec![
        Band::new("red", "#dc2626", 0.0),
        Band::new(" green ", "#16a34a", 50.0),
        Band::new("Star", "#0000ff", 85.0),
    ];
    let (sa, sb) = (scored(&a, ACCOUNTS), scored(&b, ACCOUNTS));
    let m = MovementMatrix::build(proposal(&a, &sa), proposal(&b, &sb));
    // P 90: Green to Star (move); Q 60: Yellow to green (move); R 20: Red to red (none);
    // S 80: Green to green (none); T 0: Red to red (none).
    assert_eq!(m.changed(), 2);
    assert_eq!(m.changed_rows(&sa, &sb), vec![0, 1]);
    assert!(!m.is_change(2, 1), "Green and ' green ' are one label");
}

#[test]
fn metrics_match_by_id_then_name_and_flag_differences() {
    let a = card("Pilot", 60.0, 40.0, MissingPolicy::Zero);
    let mut b = card("pilot", 50.0, 50.0, MissingPolicy::Zero);
    // b's second metric has a new id but the same name (case aside): matched by name.
    rename(&mut b, "b2", "B");
    let mut c = card("Third", 60.0, 40.0, MissingPolicy::Value { score: 50.0 });
    rename(&mut c, "other", "Other");
    let rows = metric_rows(&[&a, &b, &c]);
    assert_eq!(rows.len(), 3);
    assert_eq!((rows[0].id.as_str(), rows[1].id.as_str()), ("a", "b"));
    assert!(rows[0].weight_differs && rows[0].rule_differs && !rows[0].absent());
    assert_eq!(rows[1].cells[1].as_ref().map(|c| c.index), Some(1));
    assert!(rows[1].absent() && rows[1].differs());
    assert_eq!(rows[2].name, "Other");
    assert_eq!(
        rows[2]
            .cells
            .iter()
            .map(Option::is_some)
            .collect::<Vec<_>>(),
        [false, false, true]
    );
    let same = metric_rows(&[&a, &a]);
    assert!(same.iter().all(|r| !r.differs()));
    assert_eq!(
        same[0].cells[0].as_ref().map(|c| c.rule.as_str()),
        Some("0 = 0 pts rising in a straight line to 100 = 60 pts")
    );
    assert_eq!(titles(&[&a, &b, &c]), ["Pilot (A)", "pilot (B)", "Third"]);
}

#[test]
fn bands_line_up_by_position_with_counts() {
    let (a, mut b) = opposites("A", "B");
    b.bands[2].from = 70.0;
    b.bands.push(Band::new("Star", "#0000ff", 90.0));
    let (sa, sb) = (scored(&a, ACCOUNTS), scored(&b, ACCOUNTS));
    let rows = band_rows(&[proposal(&a, &sa), proposal(&b, &sb)]);
    assert_eq!(rows.len(), 4);
    assert!(!rows[0].differs && !rows[1].differs && rows[2].differs && rows[3].differs);
    let counts = |r: usize| -> Vec<Option<usize>> {
        rows[r]
            .cells
            .iter()
            .map(|c| c.as_ref().map(|c| c.accounts))
            .collect()
    };
    // A: R 20 red; Q 60 yellow; P 90, S 80 green. B: P 40, S 10 red; Q 60 yellow; R 80, T 70 green.
    assert_eq!(counts(0), [Some(1), Some(2)]);
    assert_eq!(counts(1), [Some(1), Some(1)]);
    assert_eq!(counts(2), [Some(2), Some(2)]);
    assert_eq!(counts(3), [None, Some(0)]);
}

#[test]
fn deltas_and_movers() {
    assert!(delta_of(f64::NAN, 3.0).is_nan() && delta_of(3.0, f64::NAN).is_nan());
    assert_eq!(delta_of(70.1, 70.1).to_bits(), 0.0f64.to_bits());
    assert_eq!(delta_of(0.3, 0.1 + 0.2), 0.0);
    assert_eq!(delta_of(50.0, 62.5), 12.5);
    let d = [5.0, -2.0, f64::NAN, 9.0, 5.0, -7.0, 0.0, 1.0];
    let m = movers(&d, 2);
    assert_eq!(m.up, vec![(3, 9.0), (0, 5.0)], "ties go to the earlier row");
    assert_eq!(m.down, vec![(5, -7.0), (1, -2.0)]);
    assert_eq!(movers(&d, 0), Default::default());
}

#[test]
fn comparison_takes_two_or_three_proposals_on_the_same_accounts() {
    let a = card("A", 100.0, 0.0, MissingPolicy::Exclude);
    let sa = scored(&a, ACCOUNTS);
    let short = scored(&a, "Account,a,b\nP,1,2\n");
    let p = proposal(&a, &sa);
    let q = proposal(&a, &short);
    assert_eq!(compare(&[p], None, 5).err(), Some(CompareError::Count(1)));
    assert_eq!(
        compare(&[p; 4], None, 5).err(),
        Some(CompareError::Count(4))
    );
    assert_eq!(
        compare(&[p, q], None, 5).err(),
        Some(CompareError::Accounts(5, 1))
    );
    assert!(comparison_csv(&[p, q], ["x"]).is_err());
}

#[test]
fn comparison_with_outcomes_gives_each_card_its_auc_and_churn_per_band() {
    let (a, b) = opposites("A", "B");
    let (sa, sb) = (scored(&a, ACCOUNTS), scored(&b, ACCOUNTS));
    let ps = [proposal(&a, &sa), proposal(&b, &sb)];
    // P and S churned (high a, low b): B separates perfectly, A backwards.
    let labels = [
        Some(true),
        Some(false),
        Some(false),
        Some(true),
        Some(false),
    ];
    let c = compare(&ps, Some(&labels), 3).unwrap();
    let outcomes = c.outcomes.as_ref().unwrap();
    assert_eq!(outcomes[1].separation.map(|s| s.auc), Some(1.0));
    // A: retained Q 60, R 20 (T has no score) vs churned P 90, S 80: retained never higher.
    assert_eq!(outcomes[0].separation.map(|s| s.auc), Some(0.0));
    assert_eq!(outcomes[0].per_band[2].churned, 2);
    assert_eq!(outcomes[1].per_band[0].rate(), Some(1.0));
    assert_eq!(c.unscored, [1, 0]);
    let v = &c.versus[0];
    assert_eq!((v.card, v.movement.changed()), (1, 4));
    // Deltas b - a: P -50, Q 0, R +60, S -70, T none.
    assert_eq!(v.movers.up, vec![(2, 60.0)]);
    assert_eq!(v.movers.down, vec![(3, -70.0), (0, -50.0)]);
    assert!(v.deltas[4].is_nan());
}

fn read_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_account_csv_has_scores_bands_and_deltas_safely() {
    let (a, b) = opposites("=A", "B, \"quoted\"");
    let (sa, sb) = (scored(&a, ACCOUNTS), scored(&b, ACCOUNTS));
    let ps = [proposal(&a, &sa), proposal(&b, &sb)];
    let text = comparison_csv(&ps, ["P", "=cmd()", "R"]).unwrap();
    assert!(text.ends_with("\r\n"));
    let rows = read_csv(&text);
    assert_eq!(
        rows[0],
        [
            "Account",
            "'=A score",
            "'=A band",
            "B, \"quoted\" score",
            "B, \"quoted\" band",
            "Delta (B, \"quoted\" - =A)"
        ]
    );
    assert_eq!(rows[1], ["P", "90.00", "Green", "40.00", "Red", "-50.00"]);
    assert_eq!(
        rows[2],
        ["'=cmd()", "60.00", "Yellow", "60.00", "Yellow", "0.00"]
    );
    assert_eq!(rows[5], ["", "", "", "70.00", "Yellow", ""]);
    assert_eq!(rows.len(), 6);
}

#[test]
fn the_summary_csv_is_metrics_by_cards() {
    let a = card("A", 60.0, 40.0, MissingPolicy::Zero);
    let mut b = card("B", 60.0, 40.0, MissingPolicy::Exclude);
    rename(&mut b, "x", "-x");
    let (sa, sb) = (scored(&a, ACCOUNTS), scored(&b, ACCOUNTS));
    let ps = [proposal(&a, &sa), proposal(&b, &sb)];
    let rows = read_csv(&summary_csv(&compare(&ps, None, 0).unwrap()));
    assert_eq!(
        rows[0],
        ["Metric", "A weight", "A rule", "B weight", "B rule", "Differs"]
    );
    assert_eq!(rows[1][0], "a");
    assert_eq!((rows[1][1].as_str(), rows[1][3].as_str()), ("60", "60"));
    assert!(rows[1][2].ends_with("Missing scores 0"));
    assert_eq!(rows[1][5], "rule");
    assert_eq!(rows[2][5], "absent");
    assert_eq!((rows[3][0].as_str(), rows[3][1].as_str()), ("'-x", ""));
    assert_eq!(rows.len(), 4);
}

proptest! {
    #[test]
    fn matrix_cells_partition_the_accounts(
        a in proptest::collection::vec(0u8..5, 0..60),
        b in proptest::collection::vec(0u8..5, 0..60),
    ) {
        let n = a.len().min(b.len());
        let to_scores = |bands: &[u8]| {
            let mut s = Scores::default();
            for &x in &bands[..n] {
                s.score.push(if x == 4 { f64::NAN } else { f64::from(x) * 25.0 });
                s.band.push(if x == 4 { u16::MAX } else { u16::from(x.min(2)) });
            }
            s
        };
        let card = common::card(vec![]);
        let (sa, sb) = (to_scores(&a), to_scores(&b));
        let m = MovementMatrix::build(
            proposal(&card, &sa),
            proposal(&card, &sb),
        );
        let mut all: Vec<usize> = Vec::new();
        for from in 0..4 {
            for to in 0..4 {
                let rows = m.cell_rows(&sa, &sb, from, to);
                prop_assert_eq!(rows.len(), m.count(from, to));
                prop_assert_eq!(m.is_change(from, to), from != to);
                all.extend(rows);
            }
        }
        all.sort_unstable();
        prop_assert_eq!(all, (0..n).collect::<Vec<_>>());
        prop_assert_eq!(m.changed_rows(&sa, &sb).len(), m.changed());
    }
}
