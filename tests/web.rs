//! Component tests in headless Chromium: mount a component, act on it, read the DOM.
#![cfg(target_arch = "wasm32")]

use healthscore::accounts::Accounts;
use healthscore::app::Workspace;
use healthscore::designer::Designer;
use healthscore_core::templates::{dear, DEMO_ACCOUNTS_CSV};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_workspace(card: healthscore_core::Scorecard, csv: &str) -> (web_sys::HtmlElement, Designer) {
    let document = document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let root: web_sys::HtmlElement = root.unchecked_into();
    let designer = Designer::new(card);
    let accounts = RwSignal::new(Accounts::from_text(csv.to_owned()));
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <Workspace designer=designer accounts=accounts /> });
    handle.forget();
    (root, designer)
}

/// Waits `ms` milliseconds.
async fn wait(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().expect("a window").set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits, up to two seconds, until `ready` holds; says whether it did.
async fn until(mut ready: impl FnMut() -> bool) -> bool {
    for _ in 0..100 {
        if ready() {
            return true;
        }
        wait(20).await;
    }
    ready()
}

/// Moves the core-feature usage weight slider to `value`, as one `input` event of a drag.
async fn move_core_usage_slider(root: &web_sys::HtmlElement, value: &str) {
    let slider: web_sys::HtmlInputElement = root
        .query_selector("input[type=range][aria-label='Weight of Core-feature usage']")
        .unwrap()
        .expect("the core usage slider")
        .unchecked_into();
    slider.set_value(value);
    slider.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|i| nodes.item(i).unwrap().text_content().unwrap_or_default().trim().to_owned())
        .collect()
}

const EXAMPLE: &str = "Account,Core feature usage %,Login days per week,Usage trend,Active users,Licensed seats,Meetings,Champion,Onboarding,Outcome KPI,NPS\n\
                       Example Co,70%,2,Flat,60,100,Somewhat stalled,Present,Complete,Partial,8\n";

#[wasm_bindgen_test]
async fn workspace_scores_the_worked_example_68_yellow() {
    let (root, _) = mount_workspace(dear(), EXAMPLE);
    leptos::task::tick().await;
    assert_eq!(texts(&root, "table.results tbody td.score"), vec!["68.0"]);
    // Grades are off by default: the band alone.
    assert_eq!(texts(&root, "table.results tbody .band-chip"), vec!["Yellow"]);
    assert!(root.query_selector(".validation-banner").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn weights_off_100_keep_the_scores_marked_provisional_and_other_errors_blank_them() {
    let mut card = dear();
    card.metrics[0].weight = 15.0;
    let (root, _) = mount_workspace(card.clone(), DEMO_ACCOUNTS_CSV);
    leptos::task::tick().await;
    assert!(texts(&root, ".validation-banner li").is_empty());
    assert_eq!(texts(&root, ".weight-total"), vec!["Weights total 95: under by 5"]);
    assert!(until(|| texts(&root, "table.results tbody td.score").len() == 42).await);
    assert!(texts(&root, ".provisional")[0].starts_with("Provisional: the weights total 95, not 100"));
    // Any other problem and there are no scores, only the errors.
    card.metrics[1].id = card.metrics[0].id.clone();
    let (root, _) = mount_workspace(card, DEMO_ACCOUNTS_CSV);
    leptos::task::tick().await;
    let banner = texts(&root, ".validation-banner li");
    assert!(banner.contains(&"weights total 95, not 100 (under by 5)".to_owned()), "{banner:?}");
    assert!(texts(&root, "table.results tbody td.score").is_empty());
}

#[wasm_bindgen_test]
async fn a_short_table_builds_its_first_rows_for_the_first_frame_and_the_rest_when_idle() {
    let (root, _) = mount_workspace(dear(), DEMO_ACCOUNTS_CSV);
    leptos::task::tick().await;
    // The first frame: the best 12 accounts, and a spacer as tall as the 30 rows to come, so
    // nothing below the table moves when they arrive.
    let ranks = texts(&root, "table.results tbody tr:not(.spacer) td:first-child");
    assert_eq!(ranks.len(), 12, "{ranks:?}");
    assert_eq!(ranks[0], "1");
    let spacers = root.query_selector_all("table.results tr.spacer td").unwrap();
    let heights: Vec<String> = (0..spacers.length())
        .map(|i| spacers.item(i).unwrap().unchecked_into::<web_sys::HtmlElement>().style().get_property_value("height").unwrap_or_default())
        .collect();
    assert!(heights.contains(&"1080px".to_owned()), "{heights:?}");
    // Once idle, every account, best first, and no spacer left showing.
    assert!(until(|| texts(&root, "table.results tbody td.score").len() == 42).await);
    let ranks = texts(&root, "table.results tbody tr:not(.spacer) td:first-child");
    assert_eq!(ranks.first().map(String::as_str), Some("1"));
    let shown: Vec<String> = (0..spacers.length())
        .map(|i| spacers.item(i).unwrap().parent_element().unwrap().unchecked_into::<web_sys::HtmlElement>().style().get_property_value("display").unwrap_or_default())
        .collect();
    assert_eq!(shown, vec!["none", "none"]);
}

#[wasm_bindgen_test]
async fn a_slider_input_rebalances_the_other_weights_to_100() {
    let (root, designer) = mount_workspace(dear(), EXAMPLE);
    leptos::task::tick().await;
    move_core_usage_slider(&root, "40").await;
    let weights: Vec<f64> = designer.card.with_untracked(|c| c.metrics.iter().map(|m| m.weight).collect());
    assert_eq!(weights[0], 40.0);
    assert_eq!(weights.iter().sum::<f64>(), 100.0);
    assert_eq!(texts(&root, ".weight-total"), vec!["Weights total 100"]);
    // The score followed: 70% usage is worth 13/20 of a heavier metric now.
    assert_ne!(texts(&root, "table.results tbody td.score"), vec!["68.0"]);
}

/// A histogram's bars as (fill, outline), one path per band and one for no band.
fn bars(root: &web_sys::HtmlElement, svg: &str) -> Vec<(String, String)> {
    let nodes = root.query_selector_all(&format!("{svg} path")).unwrap();
    (0..nodes.length())
        .map(|i| {
            let path: web_sys::Element = nodes.item(i).unwrap().unchecked_into();
            (path.get_attribute("fill").unwrap_or_default(), path.get_attribute("d").unwrap_or_default())
        })
        .collect()
}

const MINI: &str = ".scoreboard svg.mini-histogram";
const FULL: &str = ".distribution svg.histogram";

/// The outline of one full-height bar at the 5-point bin `score` falls in, in histogram `svg`.
fn full_bar_at(svg: &str, score: f64) -> String {
    let bin = (score / 5.0).floor();
    match svg {
        MINI => format!("M{:.1} 28v-28.0h5.0v28.0z", bin * 6.0 + 0.5),
        _ => format!("M{:.1} 120v-104.0h18.0v104.0z", bin * 20.0 + 1.0),
    }
}

#[wasm_bindgen_test]
async fn the_histograms_draw_each_account_in_its_band_colour_and_follow_a_drag() {
    let (root, designer) = mount_workspace(dear(), EXAMPLE);
    leptos::task::tick().await;
    let colours: Vec<String> = designer.card.with_untracked(|c| c.bands.iter().map(|b| b.colour.clone()).collect());
    for svg in [MINI, FULL] {
        let bars = bars(&root, svg);
        assert_eq!(bars.len(), colours.len() + 1, "{svg}: a path per band and one for no band");
        // The one account scores 68, Yellow: one full bar in the 65-70 bin, in Yellow's colour.
        let drawn: Vec<&(String, String)> = bars.iter().filter(|(_, d)| !d.is_empty()).collect();
        assert_eq!(drawn, vec![&(colours[1].clone(), full_bar_at(svg, 68.0))], "{svg}");
    }
    assert!(texts(&root, ".distribution svg.histogram rect.bin title").contains(&"65-70: 1".to_owned()));
    move_core_usage_slider(&root, "40").await;
    let score: f64 = texts(&root, "table.results tbody td.score")[0].parse().unwrap();
    assert_ne!(score, 68.0);
    for svg in [MINI, FULL] {
        let drawn: Vec<String> = bars(&root, svg).into_iter().map(|(_, d)| d).filter(|d| !d.is_empty()).collect();
        assert_eq!(drawn, vec![full_bar_at(svg, score)], "{svg}: the bar moved with the score, {score}");
    }
    // The hover counts catch up once the edits pause.
    let bin = (score / 5.0).floor() * 5.0;
    let tip = format!("{bin}-{}: 1", bin + 5.0);
    assert!(until(|| texts(&root, ".distribution svg.histogram rect.bin title").contains(&tip)).await, "{tip}");
}

#[wasm_bindgen_test]
async fn a_rule_edit_rescores_at_once() {
    let (root, designer) = mount_workspace(dear(), EXAMPLE);
    leptos::task::tick().await;
    designer.edit_metric("core_usage", None, |m| {
        if let healthscore_core::Rule::Tiers { tiers, .. } = &mut m.rule {
            tiers[0].threshold = 70.0;
        }
    });
    leptos::task::tick().await;
    assert_eq!(texts(&root, "table.results tbody td.score"), vec!["75.0"]);
}

#[wasm_bindgen_test]
async fn typing_in_a_playbook_field_changes_that_part_of_that_band_only() {
    let (root, designer) = mount_workspace(dear(), EXAMPLE);
    // The band editor is below the first screen: built once the browser is idle after it.
    assert!(until(|| root.query_selector("input[aria-label='Owner for Yellow']").ok().flatten().is_some()).await);
    let owner: web_sys::HtmlInputElement = root
        .query_selector("input[aria-label='Owner for Yellow']")
        .unwrap()
        .expect("the Yellow owner box")
        .unchecked_into();
    owner.set_value("Named CSM");
    owner.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    let (yellow, red) = designer.card.with_untracked(|c| (c.bands[1].playbook.clone(), c.bands[0].playbook.clone()));
    assert_eq!(yellow.owner, "Named CSM");
    assert_eq!(yellow.plays, dear().bands[1].playbook.plays);
    assert_eq!(red, dear().bands[0].playbook);
    // The example account is yellow: its explanation shows the new owner.
    // The explanation's place is built when the browser is idle after the first paint.
    until(|| root.query_selector(".account-detail-slot").ok().flatten().is_some()).await;
    root.query_selector("table.results tbody button").unwrap().expect("the account button").unchecked_into::<web_sys::HtmlElement>().click();
    leptos::task::tick().await;
    assert!(texts(&root, ".account-detail .playbook-view dd").contains(&"Named CSM".to_owned()));
}

#[wasm_bindgen_test]
async fn the_summary_states_every_rule_as_a_sentence_and_each_band_playbook() {
    let (root, _) = mount_workspace(dear(), EXAMPLE);
    leptos::task::tick().await;
    let present = (0..root.query_selector_all("button").unwrap().length())
        .filter_map(|i| root.query_selector_all("button").unwrap().item(i))
        .find(|b| b.text_content().as_deref() == Some("Present"))
        .expect("the Present button");
    present.unchecked_into::<web_sys::HtmlElement>().click();
    leptos::task::tick().await;
    let rules = texts(&root, ".summary-metrics tbody td:nth-child(3)");
    assert_eq!(rules.len(), 9);
    assert!(rules[0].starts_with("80+ = 20 pts, 50 to 80 = 13 pts"), "{}", rules[0]);
    assert_eq!(texts(&root, ".summary-bands h3").len(), 3);
    assert_eq!(texts(&root, ".summary-metrics tfoot td.num"), vec!["100"]);
}

/// The engine's SIMD lanes exist only in the wasm build: here, every built-in card on both
/// bundled data sets (whole, and an odd number of rows for the last lone lane), weights as
/// given and scaled off 100, scores every account to the same bits as the per-account path,
/// with the same bands, grades, band counts and 5-point histogram; and a drag from the kept
/// totals (`Scores::reweighed`) bands, grades, counts and bins as a full pass does.
#[wasm_bindgen_test]
fn the_engine_in_simd_lanes_scores_as_per_account() {
    use healthscore_core::engine::{Scores, SubScores};
    use healthscore_core::templates::{SYNTHETIC_CHURN_CSV, TEMPLATES};
    let odd = |csv: &str| csv.lines().take(402).collect::<Vec<_>>().join("\n");
    let (mut compared, mut reweighed) = (0, 0);
    for template in TEMPLATES {
        for csv in [DEMO_ACCOUNTS_CSV.to_owned(), SYNTHETIC_CHURN_CSV.to_owned(), odd(SYNTHETIC_CHURN_CSV)] {
            for factor in [1.0, 0.37] {
                let mut card = (template.build)();
                for metric in &mut card.metrics {
                    metric.weight *= factor;
                }
                if factor != 1.0 {
                    // Grades too, on the bands' starts.
                    card.grades = card.bands.clone();
                }
                // Weights off 100 score provisionally, rescaled, as the app does while they are.
                let valid = card.scorable().expect("a scorable card");
                let table = healthscore_core::parse_table(&csv).table;
                let expected = healthscore_core::score_table(valid, &table);
                let scores = Scores::compute(valid, &SubScores::read(&card, &table));
                let mut bins = vec![0usize; 20];
                for (row, account) in expected.iter().enumerate() {
                    let got = scores.score_of(row);
                    assert_eq!(got.map(f64::to_bits), account.score.map(f64::to_bits), "{} x{factor} ({} rows) row {row}: {got:?} vs {:?}", template.id, expected.len(), account.score);
                    assert_eq!(scores.band_of(row), account.band, "{} row {row}", template.id);
                    assert_eq!(scores.grade_of(row), account.grade, "{} row {row}", template.id);
                    if let Some(score) = account.score {
                        bins[((score / 5.0).floor().max(0.0) as usize).min(19)] += 1;
                    }
                }
                assert_eq!(scores.bins, bins, "{}: 5-point histogram", template.id);
                let counts = healthscore_core::insight::band_counts(&expected, card.bands.len());
                assert_eq!((scores.band_counts.clone(), scores.unscored), counts, "{}: accounts per band", template.id);
                compared += expected.len();
                // A slider drag from the kept totals, and a band edit: the same bands, counts
                // and bins as a full pass, scores to 1e-9.
                let subs = SubScores::read(&card, &table);
                let mut dragged = card.clone();
                let mut last = scores;
                for (step, to) in [3.0, 0.0, 17.0, 8.0].into_iter().enumerate() {
                    if step == 3 {
                        dragged.bands[1].from += 2.5;
                    } else {
                        dragged.drag_weight(step % dragged.metrics.len(), to);
                    }
                    let valid = dragged.scorable().expect("a scorable card");
                    let full = Scores::compute(valid, &subs);
                    let Some(quick) = last.reweighed(valid, &subs) else {
                        last = full;
                        continue;
                    };
                    for row in 0..full.len() {
                        let (a, b) = (full.score_of(row), quick.score_of(row));
                        assert!(a == b || a.zip(b).is_some_and(|(a, b)| (a - b).abs() <= 1e-9), "{} step {step} row {row}: {a:?} vs {b:?}", template.id);
                    }
                    assert_eq!((&quick.band, &quick.grade, &quick.bins), (&full.band, &full.grade, &full.bins), "{} step {step}", template.id);
                    assert_eq!((&quick.band_counts, quick.unscored), (&full.band_counts, full.unscored), "{} step {step}", template.id);
                    reweighed += 1;
                    last = quick;
                }
            }
        }
    }
    assert!(compared > 4 * 2 * 900, "{compared} accounts compared");
    assert!(reweighed > 20, "{reweighed} edits from kept totals");
}
