//! Proposals side by side: two or three scorecards (saved ones, the pinned baseline, the one
//! being edited) on the same accounts: weights and thresholds with differences marked, band
//! counts, the band-movement matrix whose cells narrow the table, the largest movers, and,
//! with an outcome marked, each card's AUC and churn per band. Exported as CSV, printed on a page.

use crate::components::show_focus;
use crate::format;
use crate::results::{unmapped_names, Focus, Results};
use healthscore_core::engine::Scores;
use healthscore_core::library::{file_name, Entry};
use healthscore_core::proposals::{compare, comparison_csv, summary_csv, Comparison, MovementMatrix, Proposal};
use healthscore_core::Scorecard;
use leptos::prelude::*;
use std::sync::Arc;

/// The value of the "this scorecard" choice, and of the pinned baseline.
const CURRENT: &str = "current";
const BASELINE: &str = "baseline";
const NONE: &str = "";
/// Largest movers listed each way.
const MOVERS: usize = 5;

/// One chosen proposal: its card and its scores on the shared accounts.
#[derive(Clone)]
struct Chosen {
    card: Arc<Scorecard>,
    scores: Arc<Scores>,
    /// Its metrics with no column in these accounts: left out, so its scores are partial.
    unmapped: Vec<String>,
}

impl PartialEq for Chosen {
    /// Recomputed means changed: comparing 100,000 scores to find out costs more than redrawing.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.card, &other.card) && Arc::ptr_eq(&self.scores, &other.scores)
    }
}

/// The chosen cards as the core's proposals.
fn as_proposals(list: &[Chosen]) -> Vec<Proposal<'_>> {
    list.iter().map(|c| Proposal { card: &c.card, scores: &c.scores }).collect()
}

/// The panel.
#[component]
pub fn ComparePanel(
    /// The accounts, the card being edited and the baseline.
    results: Results,
    /// The saved scorecards to choose from.
    #[prop(into)]
    saved: Signal<Vec<Entry>>,
    /// Reads a saved scorecard by id.
    load: Callback<String, Option<Scorecard>>,
) -> impl IntoView {
    let picks: [RwSignal<String>; 3] = [RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new())];
    let pinned = Memo::new(move |_| results.baseline.with(Option::is_some));
    // Each pick's card and scores: a saved card is read and scored when picked or when the
    // data changes; the card being edited follows every edit with the scores already computed.
    let chosen = picks.map(|pick| {
        Memo::new(move |_| {
            let value = pick.get();
            let card: Arc<Scorecard> = match value.as_str() {
                NONE => return None,
                CURRENT => {
                    let card = results.card.with(|c| c.shared());
                    card.scorable().ok()?;
                    let unmapped = results.subs.with(|subs| unmapped_names(&card, subs));
                    return Some(Chosen { card, scores: results.scores.with(|s| s.shared()), unmapped });
                }
                BASELINE => results.baseline.with(|b| b.as_ref().map(|b| b.card.clone()))?,
                id => Arc::new(load.run(id.trim_start_matches("saved:").to_owned())?),
            };
            let (scores, unmapped) = results.scores_of(&card)?;
            Some(Chosen { card, scores: Arc::new(scores), unmapped })
        })
    });
    let proposals = move || -> Vec<Chosen> { chosen.iter().filter_map(|c| c.get()).collect() };
    let comparison = Memo::new(move |_| {
        let list = proposals();
        let props = as_proposals(&list);
        let labels = results.labels.get();
        compare(&props, labels.as_ref().map(|l| l.as_slice()), MOVERS).ok().map(Arc::new)
    });
    let options = move || {
        let mut list = vec![(CURRENT.to_owned(), "This scorecard, as edited".to_owned())];
        if pinned.get() {
            list.push((BASELINE.to_owned(), "The pinned baseline".to_owned()));
        }
        list.extend(saved.get().into_iter().map(|e| (format!("saved:{}", e.id), format!("Saved: {}", e.name))));
        list
    };
    let picker = move |i: usize, label: &'static str| {
        let pick = picks[i];
        view! {
            <label>
                {label}
                " "
                <select prop:value=move || pick.get() on:change=move |ev| pick.set(event_target_value(&ev))>
                    <option value=NONE>"Choose\u{2026}"</option>
                    {move || options().into_iter().map(|(value, text)| view! { <option value=value.clone() selected=move || pick.get() == value>{text}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    let export = move |_| {
        let list = proposals();
        let props = as_proposals(&list);
        let names = results.parsed.with_untracked(|p| (0..p.table.len()).map(|r| p.table.cell(r, p.table.name_column()).trim().to_owned()).collect::<Vec<_>>());
        let Ok(accounts) = comparison_csv(&props, names) else { return };
        let summary = comparison.get_untracked().map(|c| summary_csv(&c)).unwrap_or_default();
        let _ = crate::browser::download::download(&file_name("Comparison", "csv"), "text/csv;charset=utf-8", &format!("\u{feff}{summary}\r\n{accounts}"));
    };
    let print = move |_| {
        let root = document().document_element();
        if let Some(root) = &root {
            let _ = root.class_list().add_1("printing-comparison");
        }
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
        if let Some(root) = &root {
            let _ = root.class_list().remove_1("printing-comparison");
        }
    };
    view! {
        <section class="panel compare-panel" aria-labelledby="compare-heading">
            <h2 id="compare-heading">"Compare proposals"</h2>
            <p class="hint">"Two or three scorecards on these same accounts: save each proposal, or pin one as the baseline, then pick them here."</p>
            <div class="field-row no-print">
                {picker(0, "Proposal A")}
                {picker(1, "Proposal B")}
                {picker(2, "Proposal C (optional)")}
            </div>
            {move || comparison.get().map(|c| {
                let list = proposals();
                view! {
                    <div class="field-row no-print">
                        <button on:click=export>"Export comparison (.csv)"</button>
                        <button on:click=print>"Print comparison"</button>
                    </div>
                    <ComparisonView comparison=c list results />
                }
            })}
        </section>
    }
}

/// The comparison's tables.
#[component]
fn ComparisonView(comparison: Arc<Comparison>, list: Vec<Chosen>, results: Results) -> impl IntoView {
    let titles = comparison.titles.clone();
    let head = move || titles.iter().map(|t| view! { <th scope="col">{t.clone()}</th> }).collect_view();
    let metrics = comparison.metrics.iter().map(|row| {
        let cells = row.cells.iter().map(|c| match c {
            Some(c) => view! { <td class:differs=row.differs()><span class="num">{format::number(c.weight)}</span><span class="summary-meta">{c.rule.clone()}</span></td> }.into_any(),
            None => view! { <td class="differs">"absent"</td> }.into_any(),
        }).collect_view();
        let differs = [row.weight_differs.then_some("weight"), row.rule_differs.then_some("rule"), row.absent().then_some("absent")].into_iter().flatten().collect::<Vec<_>>().join(", ");
        view! { <tr><th scope="row">{row.name.clone()}</th>{cells}<td>{differs}</td></tr> }
    }).collect_view();
    let bands = comparison.bands.iter().map(|row| {
        let cells = row.cells.iter().map(|c| match c {
            Some(c) => view! { <td class:differs=row.differs>{format!("{} from {}: {} accounts", c.label, format::number(c.from), c.accounts)}</td> }.into_any(),
            None => view! { <td>"\u{2013}"</td> }.into_any(),
        }).collect_view();
        view! { <tr>{cells}</tr> }
    }).collect_view();
    let outcomes = comparison.outcomes.clone().map(|outcomes| {
        let cells = outcomes.iter().map(|o| view! { <td>{o.separation.map_or("\u{2013}".to_owned(), |s| format!("{:.3}", s.auc))}</td> }).collect_view();
        let churn = outcomes.iter().zip(&list).map(|(o, c)| {
            let text = o.per_band.iter().zip(&c.card.bands).map(|(b, band)| format!("{} {}", band.label, b.rate().map_or("\u{2013}".to_owned(), |r| format!("{:.0}%", r * 100.0)))).collect::<Vec<_>>().join(", ");
            view! { <td>{text}</td> }
        }).collect_view();
        view! {
            <tr><th scope="row">"AUC against churn"</th>{cells}</tr>
            <tr><th scope="row">"Churn rate per band"</th>{churn}</tr>
        }
    });
    let versus = comparison.versus.iter().map(|v| {
        let a = list[0].clone();
        let b = list[v.card].clone();
        let title = format!("{} \u{2192} {}", comparison.titles[0], comparison.titles[v.card]);
        let movers = v.movers.up.iter().chain(&v.movers.down).map(|(row, delta)| {
            let row = *row;
            view! { <li><button class="link" on:click=move |_| show_focus(results, Focus::Rows { label: results.name(row), rows: Arc::new(vec![row as u32]) })>{results.name(row)}</button>{format!(" {delta:+.1}")}</li> }
        }).collect_view();
        view! {
            <Matrix matrix=v.movement.clone() a b title=title.clone() results />
            <h3>{format!("Largest movers, {title}")}</h3>
            <ul class="movers" aria-label=format!("Largest movers, {title}")>{movers}</ul>
        }
    }).collect_view();
    let head2 = head.clone();
    // A proposal scored without some of its metrics says so: its scores are partial here.
    let partial = list.iter().zip(&comparison.titles).filter(|(c, _)| !c.unmapped.is_empty()).map(|(c, title)| view! {
        <p class="partial" role="status">{format!(
            "Partial: {title} has {} with no column in these accounts, left out of its scores: {}.",
            if c.unmapped.len() == 1 { "1 metric".to_owned() } else { format!("{} metrics", c.unmapped.len()) },
            c.unmapped.join(", ")
        )}</p>
    }).collect_view();
    view! {
        {partial}
        <table class="compare-table">
            <caption>"Weights and rules"</caption>
            <thead><tr><th scope="col">"Metric"</th>{head}<th scope="col">"Differs in"</th></tr></thead>
            <tbody>{metrics}</tbody>
        </table>
        <table class="compare-table">
            <caption>"Bands and accounts per band"</caption>
            <thead><tr>{head2}</tr></thead>
            <tbody>{bands}</tbody>
        </table>
        {outcomes.map(|rows| view! { <table class="compare-table"><caption>"Against the outcome"</caption><tbody>{rows}</tbody></table> })}
        {versus}
    }
}

/// From-band (rows) by to-band (columns) counts; each count narrows the table to its accounts.
#[component]
fn Matrix(matrix: MovementMatrix, a: Chosen, b: Chosen, title: String, results: Results) -> impl IntoView {
    let to = matrix.to_labels().to_vec();
    let from = matrix.from_labels().to_vec();
    let (a_title, b_title) = title.split_once(" \u{2192} ").map(|(x, y)| (x.to_owned(), y.to_owned())).unwrap_or_default();
    let matrix = Arc::new(matrix);
    let rows = from.iter().enumerate().map(|(i, from_label)| {
        let cells = to.iter().enumerate().map(|(j, to_label)| {
            let n = matrix.count(i, j);
            let label = format!("{from_label} in {a_title} \u{2192} {to_label} in {b_title}");
            let (m, a, b) = (matrix.clone(), a.scores.clone(), b.scores.clone());
            let change = matrix.is_change(i, j);
            let focus = label.clone();
            view! {
                <td class="num" class:change=change>
                    <button class="link" disabled=n == 0 aria-label=format!("{n} accounts: {label}") on:click=move |_| {
                        let rows = m.cell_rows(&a, &b, i, j).into_iter().map(|r| r as u32).collect();
                        show_focus(results, Focus::Rows { label: focus.clone(), rows: Arc::new(rows) });
                    }>{n}</button>
                </td>
            }
        }).collect_view();
        view! { <tr><th scope="row">{from_label.clone()}</th>{cells}</tr> }
    }).collect_view();
    view! {
        <table class="compare-table movement">
            <caption>{format!("Band movement, {title} (rows: {a_title}, columns: {b_title})")}</caption>
            <thead><tr><td></td>{to.iter().map(|t| view! { <th scope="col">{t.clone()}</th> }).collect_view()}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
