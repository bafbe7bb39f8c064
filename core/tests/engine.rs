//! The column engine scores exactly as the straightforward per-account scoring does.
mod common;

use healthscore_core::engine::{Baseline, Ranking, Scores, SubScores};
use healthscore_core::insight::{band_counts, compare, pin, ranks, summarise};
use healthscore_core::scoring::Outcome;
use healthscore_core::{
    parse_table, score_table, Band, Choice, ColumnMap, Direction, Input, Metric, MissingPolicy,
    Rule, Scorecard, Tier,
};
use proptest::prelude::*;

const CATEGORIES: [&str; 4] = ["Present", "Left", "Unknown", "Über"];

fn rule() -> impl Strategy<Value = Rule> {
    prop_oneof![
        (1usize..5, 1.0f64..100.0, any::<bool>(), 0.0f64..1.0).prop_map(
            |(n, out_of, higher, otherwise)| Rule::Tiers {
                direction: if higher {
                    Direction::HigherIsBetter
                } else {
                    Direction::LowerIsBetter
                },
                tiers: (0..n)
                    .map(|i| Tier {
                        threshold: if higher {
                            90.0 - i as f64 * 20.0
                        } else {
                            5.0 + i as f64 * 10.0
                        },
                        points: out_of * ((n - i) as f64 / n as f64),
                    })
                    .collect(),
                otherwise: otherwise * out_of / 2.0,
                out_of,
            }
        ),
        (-50.0f64..50.0, 1.0f64..150.0, any::<bool>()).prop_map(|(floor, span, reversed)| {
            if reversed {
                Rule::Linear {
                    floor: floor + span,
                    target: floor,
                }
            } else {
                Rule::Linear {
                    floor,
                    target: floor + span,
                }
            }
        }),
        (1usize..4, 1.0f64..10.0).prop_map(|(n, out_of)| Rule::Categorical {
            values: CATEGORIES[..n]
                .iter()
                .enumerate()
                .map(|(i, v)| Choice {
                    value: v.to_string(),
                    points: out_of * i as f64 / n as f64,
                    aliases: vec![format!("{v}-alias")],
                })
                .collect(),
            out_of,
        }),
    ]
}

fn metric(index: usize) -> impl Strategy<Value = Metric> {
    (rule(), 0u8..3, 0.0f64..100.0, any::<bool>(), 0usize..7).prop_map(
        move |(rule, missing, neutral, ratio, column)| {
            let mut m = common::metric(
                &format!("m{index}"),
                &format!("c{column}"),
                rule,
                match missing {
                    0 => MissingPolicy::Zero,
                    1 => MissingPolicy::Value { score: neutral },
                    _ => MissingPolicy::Exclude,
                },
            );
            if ratio && !matches!(m.rule, Rule::Categorical { .. }) {
                m.input = Input::Ratio {
                    numerator: format!("c{column}"),
                    denominator: "seats".to_owned(),
                };
            }
            // Column 6 names a header the data lacks: unmapped, or declined by the card (below).
            if column >= 5 {
                m.input = Input::Column(format!("absent column {column}"));
            }
            m
        },
    )
}

fn card() -> impl Strategy<Value = Scorecard> {
    (1usize..9)
        .prop_flat_map(|n| {
            (
                (0..n).map(metric).collect::<Vec<_>>(),
                proptest::collection::vec(0.01f64..1.0, n),
                proptest::collection::vec(1.0f64..99.0, 1..11),
            )
        })
        .prop_map(|(mut metrics, shares, mut starts)| {
            let total: f64 = shares.iter().sum::<f64>().max(1e-9);
            let raw: Vec<f64> = shares.iter().map(|s| s / total * 100.0).collect();
            let weights = healthscore_core::weights::largest_remainder(&raw, 100.0);
            for (m, w) in metrics.iter_mut().zip(weights) {
                m.weight = w;
            }
            starts.sort_by(|a, b| a.partial_cmp(b).unwrap());
            starts.dedup_by(|a, b| (*a - *b).abs() < 0.5);
            let mut card = common::card(metrics);
            card.data.mappings.push(healthscore_core::Mapping {
                input: "absent column 6".to_owned(),
                column: None,
            });
            card.bands = std::iter::once(0.0)
                .chain(starts.into_iter().map(|s| (s * 4.0).round() / 4.0))
                .enumerate()
                .map(|(i, from)| Band::new(&format!("B{i}"), "#123456", from))
                .collect();
            card.bands.dedup_by(|a, b| a.from == b.from);
            card
        })
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..12000).prop_map(|v| format!("{}", v as f64 / 100.0)),
        (0u32..120).prop_map(|v| v.to_string()),
        (0u32..120).prop_map(|v| format!("{v}%")),
        Just("1,234".to_owned()),
        Just("0".to_owned()),
        Just(String::new()),
        Just("n/a".to_owned()),
        Just("lots".to_owned()),
        Just("-".to_owned()),
        (0usize..4, any::<bool>()).prop_map(|(i, upper)| {
            let v = format!(" {} ", CATEGORIES[i]);
            if upper {
                v.to_uppercase()
            } else {
                v
            }
        }),
        Just("Presnt".to_owned()),
        Just(" left-ALIAS".to_owned()),
    ]
}

fn data() -> impl Strategy<Value = String> {
    proptest::collection::vec((proptest::collection::vec(cell(), 5), 0u32..4), 0..60).prop_map(
        |rows| {
            let mut text = "Account,c0,c1,c2,c3,c4,seats\n".to_owned();
            for (i, (cells, seats)) in rows.iter().enumerate() {
                let cells: Vec<String> = cells.iter().map(|c| format!("\"{c}\"")).collect();
                text.push_str(&format!(
                    "Acct {},{},{}\n",
                    i % 7,
                    cells.join(","),
                    seats * 5
                ));
            }
            text
        },
    )
}

/// Every account's score (to 1e-9), band and grade agree with the per-account scoring.
fn same_scores(
    expected: &[healthscore_core::AccountScore],
    scores: &Scores,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(scores.len(), expected.len());
    for (i, account) in expected.iter().enumerate() {
        match (account.score, scores.score_of(i)) {
            (Some(a), Some(b)) => prop_assert!((a - b).abs() <= 1e-9, "row {}: {} vs {}", i, a, b),
            (a, b) => prop_assert_eq!(a, b, "row {}", i),
        }
        prop_assert_eq!(account.band, scores.band_of(i), "band of row {}", i);
        prop_assert_eq!(account.grade, scores.grade_of(i), "grade of row {}", i);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// A rule edit reads again only the metric it changed, and the result is a fresh read's.
    #[test]
    fn reading_again_only_what_changed_equals_a_fresh_read(
        card in card(),
        text in data(),
        pick in any::<prop::sample::Index>(),
        replacement in metric(0),
        rename in any::<bool>(),
    ) {
        let table = parse_table(&text).table;
        let map = ColumnMap::resolve(&card, &table);
        let mut subs = SubScores::read(&card, &table);
        // One metric gets another rule, input and missing policy; the rest are left as they are.
        let m = pick.index(card.metrics.len());
        let mut edited = card.clone();
        let kept = edited.metrics[m].clone();
        edited.metrics[m] = Metric { id: kept.id.clone(), name: if rename { kept.name.clone() } else { replacement.name.clone() }, ..replacement };
        let edited_map = ColumnMap::resolve(&edited, &table);
        // Cards with the same map key resolve the same map: a key unchanged resolves nothing.
        if ColumnMap::key(&card) == ColumnMap::key(&edited) {
            prop_assert_eq!(&map, &edited_map);
        }
        subs.reread((&card.metrics, &map), (&edited.metrics, &edited_map), &table);
        prop_assert_eq!(&subs, &SubScores::read(&edited, &table));
        // A threshold, a slope or a category's points moved (as typing does): one metric read.
        let mut typed = edited.clone();
        match &mut typed.metrics[m].rule {
            Rule::Tiers { tiers, .. } => tiers[0].threshold += 1.0,
            Rule::Linear { target, .. } => *target += 1.0,
            Rule::Categorical { values, .. } => values[0].points += 0.5,
        }
        let typed_map = ColumnMap::resolve(&typed, &table);
        prop_assert_eq!(ColumnMap::key(&typed), ColumnMap::key(&edited));
        prop_assert_eq!(&typed_map, &edited_map);
        let read = subs.reread((&edited.metrics, &edited_map), (&typed.metrics, &typed_map), &table);
        prop_assert_eq!(read, 1, "metrics read again for one rule edit");
        prop_assert_eq!(&subs, &SubScores::read(&typed, &table));
        let (edited, edited_map) = (typed, typed_map);
        for metric in 0..edited.metrics.len() {
            prop_assert_eq!(subs.missing(metric), SubScores::read(&edited, &table).missing(metric));
        }
        // Nothing changed: nothing is read again. A metric removed: everything is.
        prop_assert_eq!(subs.reread((&edited.metrics, &edited_map), (&edited.metrics, &edited_map), &table), 0);
        if edited.metrics.len() > 1 {
            let mut fewer = edited.clone();
            fewer.metrics.pop();
            let fewer_map = ColumnMap::resolve(&fewer, &table);
            prop_assert_eq!(subs.reread((&edited.metrics, &edited_map), (&fewer.metrics, &fewer_map), &table), fewer.metrics.len());
            prop_assert_eq!(&subs, &SubScores::read(&fewer, &table));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn column_engine_equals_per_account_scoring(card in card(), text in data()) {
        prop_assert_eq!(card.errors(), vec![]);
        let valid = card.validate().unwrap();
        let table = parse_table(&text).table;
        let expected = score_table(valid, &table);
        let subs = SubScores::read(&card, &table);
        let mut sliced = SubScores::default();
        for until in [table.len() / 3, table.len() / 2, table.len()] {
            sliced.read_rows(&card.metrics, &ColumnMap::resolve(&card, &table), &table, until);
        }
        prop_assert_eq!(&sliced, &subs, "reading in slices reads the same");
        for m in 0..card.metrics.len() {
            let blank = (0..table.len()).filter(|&r| !matches!(expected[r].metrics[m].outcome, Outcome::Scored { .. })).count();
            prop_assert_eq!(sliced.missing(m), blank, "accounts missing metric {}, read in slices", m);
        }
        let scores = Scores::compute(valid, &subs);
        prop_assert_eq!(scores.len(), expected.len());
        same_scores(&expected, &scores)?;
        for (i, account) in expected.iter().enumerate() {
            let points = Scores::points_of(valid, &subs, i);
            for (m, metric) in account.metrics.iter().enumerate() {
                match (metric.sub_score.map(|_| metric.points), points[m]) {
                    (Some(a), Some(b)) => prop_assert!((a - b).abs() <= 1e-9),
                    (a, b) => prop_assert_eq!(a, b),
                }
            }
        }
        prop_assert_eq!((scores.band_counts.clone(), scores.unscored), band_counts(&expected, card.bands.len()));
        let mut bins = vec![0usize; 20];
        for score in expected.iter().filter_map(|a| a.score) {
            bins[((score / 5.0).floor().max(0.0) as usize).min(19)] += 1;
        }
        prop_assert_eq!(&scores.bins, &bins, "5-point histogram made with the scores");
        let ranking = Ranking::new(&scores);
        let old_ranks = ranks(&expected);
        for (i, &rank) in old_ranks.iter().enumerate() {
            prop_assert_eq!(ranking.rank_of(scores.score_of(i)), rank, "rank of row {}", i);
        }
        // Problems: exactly the unreadable cells.
        let unreadable = expected.iter().flat_map(|a| a.metrics.iter()).filter(|m| matches!(
            &m.outcome,
            healthscore_core::Outcome::Imputed(r) | healthscore_core::Outcome::Excluded(r)
                if matches!(r, healthscore_core::MissingReason::NotANumber(_) | healthscore_core::MissingReason::UnknownValue(_) | healthscore_core::MissingReason::Ambiguous(_))
        )).count();
        prop_assert_eq!(subs.problems.len(), unreadable);
    }

    #[test]
    fn baseline_moves_equal_the_per_account_comparison(card in card(), text in data(), shift in 0usize..3) {
        let valid = card.validate().unwrap();
        let table = parse_table(&text).table;
        let name_col = table.name_column();
        let names = || (0..table.len()).map(|r| table.cell(r, name_col));
        let subs = SubScores::read(&card, &table);
        let before = Scores::compute(valid, &subs);
        let mut edited = card.clone();
        let n = edited.metrics.len();
        if n > 1 {
            let w0 = edited.metrics[shift % n].weight;
            edited.metrics[shift % n].weight = 0.0;
            edited.metrics[(shift + 1) % n].weight += w0;
        }
        for band in edited.bands.iter_mut().skip(1) {
            band.from = (band.from - 3.0).max(0.5);
        }
        edited.bands.dedup_by(|a, b| a.from == b.from);
        prop_assume!(edited.errors().is_empty());
        let after = Scores::compute(edited.validate().unwrap(), &subs);
        let baseline = Baseline::pin(&before, &card.bands, names());
        let old_before = score_table(valid, &table);
        let old_after = score_table(edited.validate().unwrap(), &table);
        let old = compare(&pin(&old_before, &card.bands), &old_after, &edited.bands);
        let moves = baseline.moves(&after, &edited.bands, |_| true);
        let mut got: Vec<_> = moves.moves.clone();
        got.sort();
        let mut want: Vec<((String, String), usize)> = Vec::new();
        for pair in old.iter().filter_map(|c| c.moved.clone()) {
            match want.iter_mut().find(|(p, _)| *p == pair) { Some((_, n)) => *n += 1, None => want.push((pair, 1)) }
        }
        want.sort();
        prop_assert_eq!(moves.total(), want.iter().map(|(_, n)| n).sum::<usize>());
        for (pair, n) in &want {
            prop_assert_eq!(moves.count(pair), *n);
        }
        prop_assert_eq!(got, want);
        prop_assert_eq!(moves.summary() == "No account changed band.", summarise(&old) == "No account changed band.");
        for (i, change) in old.iter().enumerate() {
            let name = table.cell(i, name_col);
            prop_assert_eq!(baseline.delta(i, after.score_of(i), name), change.delta);
            prop_assert_eq!(baseline.moved(i, after.band_of(i), &edited.bands, name), change.moved.clone());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]
    /// The engine works in blocks of accounts: tables longer than a block (with a part-filled
    /// last one) score as the per-account path does.
    #[test]
    fn tables_across_blocks_score_as_per_account(card in card(), text in data(), times in 5usize..12) {
        let valid = card.validate().unwrap();
        let (header, body) = text.split_once('\n').unwrap();
        let text = format!("{header}\n{}", body.repeat(times));
        let table = parse_table(&text).table;
        let expected = score_table(valid, &table);
        let scores = Scores::compute(valid, &SubScores::read(&card, &table));
        prop_assert_eq!(scores.len(), expected.len());
        same_scores(&expected, &scores)?;
        prop_assert_eq!((scores.band_counts.clone(), scores.unscored), band_counts(&expected, card.bands.len()));
        prop_assert_eq!(scores.bins.clone(), scores.histogram(2.5).chunks(2).map(|c| c.iter().sum()).collect::<Vec<usize>>());
    }
}

#[test]
fn large_tables_score_the_same_in_both_engines() {
    let card = healthscore_core::templates::dear();
    let valid = card.validate().unwrap();
    let text = healthscore_core::templates::DEMO_ACCOUNTS_CSV.repeat(1);
    let table = parse_table(&text).table;
    let scores = Scores::compute(valid, &SubScores::read(&card, &table));
    let expected: Vec<Option<f64>> = score_table(valid, &table).iter().map(|a| a.score).collect();
    let got: Vec<Option<f64>> = (0..table.len()).map(|i| scores.score_of(i)).collect();
    assert_eq!(got, expected);
    assert!(got.iter().flatten().count() > 20, "the demo accounts score");
}

/// A weight change reads each column through codes into its distinct sub-scores when it has
/// few (one byte per account up to 256, two up to 65,536; one-byte columns four at a time),
/// else the column itself: whichever is read, every score is the per-account path's to the bit.
#[test]
fn coded_and_uncoded_columns_score_to_the_bit() {
    use common::{card, metric};
    use healthscore_core::engine::{Codes, Dictionary};
    let linear = |id: &str, column: &str, target: f64| {
        metric(
            id,
            column,
            Rule::Linear { floor: 0.0, target },
            MissingPolicy::Value { score: 37.5 },
        )
    };
    let mut card = card(vec![
        linear("a", "few", 3.0),
        linear("b", "few", 11.0),
        linear("c", "few", 6.5),
        linear("d", "few", 9.0),
        linear("few", "few", 7.0),
        linear("some", "some", 900.0),
        linear("many", "many", 70_000.0),
    ]);
    for (metric, weight) in card
        .metrics
        .iter_mut()
        .zip([7.7, 11.1, 13.3, 3.3, 21.1, 21.1, 22.4])
    {
        metric.weight = weight;
    }
    let valid = card.validate().unwrap();
    let rows = 70_000;
    let mut text = String::from("account,few,some,many\n");
    for i in 0..rows {
        // A blank cell now and then: missing, scored at the policy's 37.5.
        let few = if i % 97 == 0 {
            String::new()
        } else {
            (i % 7).to_string()
        };
        text.push_str(&format!("A{i},{few},{},{}\n", (i * 7) % 900, i));
    }
    let table = parse_table(&text).table;
    let subs = SubScores::read(&card, &table);
    let kind = |m: usize| match subs.codes(m).map(Dictionary::codes) {
        Some(Codes::Narrow(_)) => "narrow",
        Some(Codes::Wide(_)) => "wide",
        _ => "uncoded",
    };
    let kinds: Vec<&str> = (0..card.metrics.len()).map(kind).collect();
    assert_eq!(
        kinds,
        ["narrow", "narrow", "narrow", "narrow", "narrow", "wide", "uncoded"]
    );
    let scores = Scores::compute(valid, &subs);
    let expected = score_table(valid, &table);
    assert_eq!(scores.len(), rows);
    for (i, account) in expected.iter().enumerate() {
        assert_eq!(
            scores.score_of(i).map(f64::to_bits),
            account.score.map(f64::to_bits),
            "row {i}"
        );
        assert_eq!(scores.band_of(i), account.band, "band of row {i}");
    }
    // A drag's events read the changed metrics through the same codes (one byte, two, or the
    // column): moving the one-byte, two-byte and uncoded metrics' weights in turn scores as a
    // full pass.
    let (mut dragged, mut last) = (card.clone(), scores);
    for (m, to) in [(4, 30.0), (5, 10.0), (6, 35.0)] {
        dragged.metrics[m].weight = to;
        let valid = dragged.scorable().unwrap();
        let full = Scores::compute(valid, &subs);
        let quick = last.reweighed(valid, &subs).expect("one weight typed");
        for i in 0..rows {
            let (a, b) = (full.score_of(i).unwrap(), quick.score_of(i).unwrap());
            assert!(
                (a - b).abs() <= 1e-9,
                "{} weight {to}: row {i}: {a} vs {b}",
                kinds[m]
            );
        }
        assert_eq!(quick.band, full.band, "{} weight {to}", kinds[m]);
        last = quick;
    }
}

/// One edit in a drag: a slider moved (the other weights follow to keep 100), a metric's
/// weight typed (to 0 at times), or every band start moved.
#[derive(Debug, Clone)]
enum DragEdit {
    Slider(usize, f64),
    Weight(usize, f64),
    Bands(f64),
}

fn drag() -> impl Strategy<Value = Vec<DragEdit>> {
    let edit = prop_oneof![
        4 => (0usize..8, 0.0f64..100.0).prop_map(|(m, w)| DragEdit::Slider(m, w)),
        4 => (0usize..8, prop_oneof![Just(0.0), 0.0f64..60.0, (0u32..60).prop_map(f64::from)])
            .prop_map(|(m, w)| DragEdit::Weight(m, w)),
        1 => (-3.0f64..3.0).prop_map(DragEdit::Bands),
    ];
    proptest::collection::vec(edit, 1..40)
}

/// Applies `edit` to `card`; false when it leaves the card unscorable (a weight total of 0).
fn apply(card: &mut Scorecard, edit: &DragEdit) -> bool {
    match *edit {
        DragEdit::Slider(m, w) => card.drag_weight(m % card.metrics.len(), w),
        DragEdit::Weight(m, w) => {
            let m = m % card.metrics.len();
            card.metrics[m].weight = w;
        }
        DragEdit::Bands(shift) => {
            for band in card.bands.iter_mut().skip(1) {
                band.from = (band.from + shift).clamp(0.5, 99.5);
            }
            card.bands.dedup_by(|a, b| a.from <= b.from);
        }
    }
    card.scorable().is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// During a drag each event starts from the last event's scores and reads only the edited
    /// metric's column: after every edit of a chain, the scores equal a full pass's to 1e-9,
    /// with the same bands, counts and bins.
    #[test]
    fn a_drag_from_kept_totals_scores_as_a_full_pass(card in card(), text in data(), times in 1usize..6, edits in drag()) {
        let (header, body) = text.split_once('\n').unwrap();
        let table = parse_table(&format!("{header}\n{}", body.repeat(times))).table;
        let subs = SubScores::read(&card, &table);
        let mut card = card;
        let mut scores = Scores::compute(card.validate().unwrap(), &subs);
        let total = |card: &Scorecard| card.metrics.iter().map(|m| m.weight).sum::<f64>();
        // The largest weight total since the last full pass.
        let mut heaviest = total(&card);
        for (step, edit) in edits.iter().enumerate() {
            let weights: Vec<f64> = card.metrics.iter().map(|m| m.weight).collect();
            if !apply(&mut card, edit) {
                break;
            }
            let valid = card.scorable().unwrap();
            let full = Scores::compute(valid, &subs);
            let Some(quick) = scores.reweighed(valid, &subs) else {
                // Only a weight total under 1/16 of the largest since the last full pass, or
                // most weights changing, takes a full pass.
                let changed = card.metrics.iter().zip(&weights).filter(|(m, &w)| m.weight != w).count();
                prop_assert!(total(&card) * 16.0 < heaviest.max(total(&card)) || changed * 2 > card.metrics.len(), "edit {} ({:?}) starts from the kept totals", step, edit);
                scores = full;
                heaviest = total(&card);
                continue;
            };
            heaviest = heaviest.max(total(&card));
            for row in 0..full.len() {
                match (full.score_of(row), quick.score_of(row)) {
                    (Some(a), Some(b)) => prop_assert!((a - b).abs() <= 1e-9, "edit {}, row {}: {} vs {}", step, row, a, b),
                    (a, b) => prop_assert_eq!(a, b, "edit {}, row {}", step, row),
                }
            }
            prop_assert_eq!(&quick.band, &full.band, "bands after edit {}", step);
            prop_assert_eq!(&quick.grade, &full.grade, "grades after edit {}", step);
            prop_assert_eq!((&quick.band_counts, quick.unscored), (&full.band_counts, full.unscored));
            prop_assert_eq!(&quick.bins, &full.bins);
            scores = quick;
        }
    }
}

/// An edit other than a few weights or the bands (here a missing policy, or most weights at
/// once) needs a full pass, as do other sub-scores than the kept totals' and a chain of more
/// than `MAX_STEPS` edits.
#[test]
fn edits_that_change_the_reading_need_a_full_pass() {
    use healthscore_core::engine::MAX_STEPS;
    let mut card = healthscore_core::templates::dear();
    let table = parse_table(healthscore_core::templates::DEMO_ACCOUNTS_CSV).table;
    let subs = SubScores::read(&card, &table);
    let mut scores = Scores::compute(card.validate().unwrap(), &subs);
    card.metrics[0].weight += 1.0;
    let reweighed = scores
        .reweighed(card.scorable().unwrap(), &subs)
        .expect("a weight edit");
    assert_eq!(reweighed.len(), table.len());

    let mut policy = card.clone();
    policy.metrics[1].missing = MissingPolicy::Value { score: 42.0 };
    assert!(
        scores
            .reweighed(policy.scorable().unwrap(), &subs)
            .is_none(),
        "a missing policy"
    );

    let mut slid = card.clone();
    slid.drag_weight(2, slid.metrics[2].weight + 1.0);
    let moved = slid
        .metrics
        .iter()
        .zip(&card.metrics)
        .filter(|(a, b)| a.weight != b.weight)
        .count();
    assert!(moved >= 2, "a slider moves other weights");
    let slid_valid = slid.scorable().unwrap();
    let quick = reweighed
        .reweighed(slid_valid, &subs)
        .expect("a slider's few weights");
    // What needs the full pass's bits (the slider sensitivities) can tell, and gets them.
    assert!(scores.is_full_pass() && !quick.is_full_pass());
    let full = Scores::compute(slid_valid, &subs);
    assert_eq!(
        healthscore_core::sensitivity::sensitivity(slid_valid, &subs, &quick),
        healthscore_core::sensitivity::sensitivity(slid_valid, &subs, &full)
    );

    let mut most = card.clone();
    for metric in most.metrics.iter_mut() {
        metric.weight += 1.0;
    }
    assert!(
        reweighed
            .reweighed(most.scorable().unwrap(), &subs)
            .is_none(),
        "most weights at once"
    );

    let fewer = SubScores::read(
        &card,
        &parse_table(&healthscore_core::templates::DEMO_ACCOUNTS_CSV[..400]).table,
    );
    assert!(
        scores.reweighed(card.scorable().unwrap(), &fewer).is_none(),
        "other data"
    );

    for step in 0..MAX_STEPS {
        card.metrics[0].weight += if step % 2 == 0 { 1.0 } else { -1.0 };
        scores = scores
            .reweighed(card.scorable().unwrap(), &subs)
            .expect("within the steps");
    }
    assert!(
        scores.reweighed(card.scorable().unwrap(), &subs).is_none(),
        "past MAX_STEPS"
    );
}

/// Typed weights that shrink the total step by step (each step under sixteenfold, many in
/// all) magnify the totals' rounding as much as one large step: the bound is against the
/// largest total since the last full pass, so the scores stay within 1e-9 of a full pass's,
/// with one scale for all and with a scale per account.
#[test]
fn many_shrinking_steps_stay_within_the_bound() {
    use common::{card, metric};
    for missing in [MissingPolicy::Zero, MissingPolicy::Exclude] {
        let linear = |id: &str, column: &str| {
            metric(
                id,
                column,
                Rule::Linear {
                    floor: 0.0,
                    target: 1000.0,
                },
                missing.clone(),
            )
        };
        let mut card = card(vec![
            linear("a", "a"),
            linear("b", "b"),
            linear("c", "c"),
            linear("d", "d"),
        ]);
        for (metric, weight) in card.metrics.iter_mut().zip([0.001, 100.0, 100.0, 100.0]) {
            metric.weight = weight;
        }
        let mut text = String::from("account,a,b,c,d\n");
        for i in 0..4000u64 {
            let cell = |k: u64| {
                let v = (i * 7919 + k * 104_729) % 1_000_003;
                if v % 41 == 0 {
                    String::new()
                } else {
                    format!("{}.{:03}", v % 1000, v % 997)
                }
            };
            text.push_str(&format!(
                "A{i},{},{},{},{}\n",
                cell(1),
                cell(2),
                cell(3),
                cell(4)
            ));
        }
        let table = parse_table(&text).table;
        let subs = SubScores::read(&card, &table);
        let mut scores = Scores::compute(card.scorable().unwrap(), &subs);
        let mut quick_steps = 0;
        for step in 0..18 {
            let m = 1 + step % 3;
            card.metrics[m].weight /= 12.0;
            let valid = card.scorable().unwrap();
            let full = Scores::compute(valid, &subs);
            scores = match scores.reweighed(valid, &subs) {
                Some(quick) => {
                    quick_steps += 1;
                    for row in 0..full.len() {
                        let (a, b) = (full.score_of(row), quick.score_of(row));
                        assert!(
                            a == b || a.zip(b).is_some_and(|(a, b)| (a - b).abs() <= 1e-9),
                            "{missing:?} step {step} row {row}: {a:?} vs {b:?}"
                        );
                    }
                    quick
                }
                None => full,
            };
        }
        assert!(
            quick_steps > 0,
            "{missing:?}: some steps start from the kept totals"
        );
    }
}
