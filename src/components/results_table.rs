//! The scored accounts: name, score, band in its colour, grade.

use crate::components::BandChip;
use crate::format;
use healthscore_core::{AccountScore, Band, Scorecard};
use leptos::prelude::*;

/// One table row's worth of display data, resolved from a result and the card.
struct RowView {
    name: String,
    score: String,
    band: Option<Band>,
    grade: Option<Band>,
    missing: usize,
}

/// Table of every account's score, highest first.
#[component]
pub fn ResultsTable(
    /// The scorecard, for band and grade labels and colours.
    card: RwSignal<Scorecard>,
    /// The scored accounts.
    results: Memo<Vec<AccountScore>>,
) -> impl IntoView {
    let rows = move || {
        let mut results = results.get();
        results.sort_by(|a, b| b.score.partial_cmp(&a.score).unwrap_or(std::cmp::Ordering::Equal));
        card.with(|card| {
            results
                .iter()
                .map(|r| RowView {
                    name: r.name.clone(),
                    score: r.score.map_or("no data".to_owned(), format::score),
                    band: r.band.and_then(|i| card.bands.get(i).cloned()),
                    grade: r.grade.and_then(|i| card.grades.get(i).cloned()),
                    missing: r.metrics.iter().filter(|m| !matches!(m.outcome, healthscore_core::Outcome::Scored { .. })).count(),
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <table class="results">
            <caption>{move || format!("{} accounts scored", results.with(Vec::len))}</caption>
            <thead>
                <tr>
                    <th scope="col">"Account"</th>
                    <th scope="col" class="num">"Score"</th>
                    <th scope="col">"Band"</th>
                    <th scope="col">"Grade"</th>
                    <th scope="col" class="num">"Missing"</th>
                </tr>
            </thead>
            <tbody>
                {move || rows().into_iter().map(|row| view! {
                    <tr>
                        <th scope="row">{row.name}</th>
                        <td class="num">{row.score}</td>
                        <td>{row.band.map(|band| view! { <BandChip band=band /> })}</td>
                        <td>{row.grade.map(|grade| view! { <BandChip band=grade /> })}</td>
                        <td class="num">{(row.missing > 0).then(|| row.missing.to_string())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
