//! Why an account scores what it does: each metric's value, rule step and points, and what would lift it.

use crate::components::{BandChip, PlaybookView};
use crate::format;
use crate::results::Results;
use healthscore_core::describe::step_labels;
use healthscore_core::improve::lifts;
use healthscore_core::scoring::{MissingReason, Outcome};
use healthscore_core::sensitivity::flips;
use leptos::prelude::*;

fn reason_text(reason: &MissingReason) -> String {
    match reason {
        MissingReason::NoColumn => "no column in the data; you chose to score it by its policy".to_owned(),
        MissingReason::Unmapped => "no column mapped yet".to_owned(),
        MissingReason::Ambiguous(text) => format!("\"{text}\" reads two ways; pick the column's format"),
        MissingReason::NoAsOf => "no as-of date".to_owned(),
        MissingReason::Blank => "blank".to_owned(),
        MissingReason::NotANumber(text) => format!("\"{text}\" is not a number"),
        MissingReason::ZeroDenominator => "divides by zero".to_owned(),
        MissingReason::UnknownValue(text) => format!("\"{text}\" is not a listed value"),
    }
}

/// The explanation panel for the selected account.
#[component]
pub fn AccountDetail(
    /// The scorecard, the data and the scores.
    results: Results,
    /// The selected account's row.
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    // Out of sight during a drag, the explanation keeps its figures until the edits pause;
    // choosing another account shows at once.
    let slot = NodeRef::<leptos::html::Div>::new();
    let chosen = Signal::derive(move || selected.get().map_or(0, |row| row as u64 + 1));
    let results = results.while_seen(slot, chosen);
    // Only the selected account is explained, so a weight drag costs one row here.
    let account = Memo::new(move |_| results.explain(selected.get()?));
    let explanation = move || {
        let account = account.get()?;
        results.card.with(|card| results.parsed.with(|p| {
            let valid = card.scorable().ok()?;
            let columns = results.columns.read();
            let cells = p.table.row(account.row);
            let band = account.band.and_then(|b| card.bands.get(b).cloned());
            let playbook = band.as_ref().map(|b| b.playbook.clone()).filter(|p| !p.summary().is_empty());
            let rows = card.metrics.iter().enumerate().map(|(i, metric)| {
                let score = &account.metrics[i];
                let raw = columns.metrics[i].as_ref().map(|cols| {
                    cols.iter().map(|&c| cells.get(c).map(|v| v.trim().to_owned()).unwrap_or_default()).collect::<Vec<_>>().join(" / ")
                }).unwrap_or_default();
                let step = match &score.outcome {
                    Outcome::Scored { step } => step_labels(metric).get(*step).cloned().unwrap_or_default(),
                    Outcome::Imputed(reason) => format!("missing ({}): scored {} by policy", reason_text(reason), format::number(score.sub_score.unwrap_or(0.0))),
                    Outcome::Excluded(reason) => format!("missing ({}): left out, other weights rescaled", reason_text(reason)),
                };
                let points = if score.sub_score.is_none() {
                    format!("– / {}", format::number(metric.weight))
                } else {
                    format!("{} / {}", format::number(score.points), format::number(score.effective_weight))
                };
                view! {
                    <tr>
                        <th scope="row">{metric.name.clone()}</th>
                        <td>{raw}</td>
                        <td>{step}</td>
                        <td class="num">{points}</td>
                    </tr>
                }
            }).collect_view();
            let next = account.band.and_then(|b| card.bands.get(b + 1)).map(|b| b.label.clone());
            let lift_list = lifts(valid, &p.table, &columns, &account);
            let lift_view = match (next, lift_list.is_empty()) {
                (None, _) => view! { <p>"Already in the top band."</p> }.into_any(),
                (Some(next), true) => view! { <p>{format!("No single value change reaches {next}; it needs several metrics to improve.")}</p> }.into_any(),
                (Some(next), false) => view! {
                    <h3>{format!("Smallest changes that reach {next}")}</h3>
                    <ul class="lifts">
                        {lift_list.iter().take(5).map(|l| {
                            let band = card.bands.get(l.band).map(|b| b.label.clone()).unwrap_or_default();
                            let from = if l.from.is_empty() { "blank".to_owned() } else { l.from.clone() };
                            view! { <li>{format!("{}: {} → {} (score {}, {band})", l.column, from, l.to, format::score(l.score))}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            };
            // The smallest single slider move (others rebalanced as a drag does) that changes its band.
            let flip = results.subs.with(|subs| flips(valid, subs, account.row));
            let flip_text = match flip.smallest() {
                None => "No single weight change moves it to another band.".to_owned(),
                Some(f) => {
                    let metric = &card.metrics[f.metric];
                    let band = f.band.and_then(|b| card.bands.get(b)).map_or("no score".to_owned(), |b| b.label.clone());
                    format!(
                        "Smallest weight change that changes its band: {} from {} to {} ({:+} points, the others rebalanced) puts it in {band}{}.",
                        metric.name,
                        format::number(metric.weight),
                        format::number(f.weight),
                        f.change,
                        f.score.map(|s| format!(" at {}", format::score(s))).unwrap_or_default()
                    )
                }
            };
            let score_text = account.score.map_or("no score".to_owned(), format::score);
            Some(view! {
                <section class="panel account-detail" aria-labelledby="detail-heading">
                    <div class="detail-head">
                        <h2 id="detail-heading">{format!("Why {} scores {score_text}", account.name)}</h2>
                        <button on:click=move |_| selected.set(None)>"Close"</button>
                    </div>
                    {band.map(|b| view! { <p><BandChip band=b /></p> })}
                    {playbook.map(|p| view! { <PlaybookView playbook=p /> })}
                    <table class="explain">
                        <caption class="visually-hidden">"Points by metric"</caption>
                        <thead><tr><th scope="col">"Metric"</th><th scope="col">"Value"</th><th scope="col">"Rule step"</th><th scope="col" class="num">"Points"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    {lift_view}
                    <p class="flip">{flip_text}</p>
                </section>
            })
        }))
    };
    view! { <div class="account-detail-slot" node_ref=slot>{explanation}</div> }
}
