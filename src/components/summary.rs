//! The scorecard on one page, to present on a wall or print to PDF: metrics, rules as sentences,
//! weights, bands with their playbooks, and how the accounts spread.

use crate::components::{Distribution, PlaybookView};
use crate::format;
use crate::accounts::Accounts;
use crate::results::Results;
use healthscore_core::templates::{DEMO_ACCOUNTS_CSV, SYNTHETIC_CHURN_CSV};
use healthscore_core::describe::{missing_sentence, rule_sentence};
use leptos::prelude::*;

/// The one-page summary, with Print and Back buttons that do not print.
#[component]
pub fn Summary(
    /// The scorecard and its scores, for the distribution.
    results: Results,
    /// Set to false to go back to the designer.
    present: RwSignal<bool>,
    /// The accounts, for where they came from.
    accounts: RwSignal<Accounts>,
) -> impl IntoView {
    let card = results.card;
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let metrics = move || card.with(|c| c.metrics.iter().map(|m| view! {
        <tr>
            <th scope="row">{m.name.clone()}<span class="summary-meta">{format!("{} \u{b7} {}", m.category.label(), if m.signal == healthscore_core::Signal::Leading { "leading" } else { "lagging" })}</span></th>
            <td class="num">{format::number(m.weight)}</td>
            <td>{rule_sentence(m)}<span class="summary-meta">{missing_sentence(&m.missing)}</span></td>
        </tr>
    }).collect_view());
    let bands = move || card.with(|c| c.bands.iter().enumerate().map(|(i, b)| {
        let end = c.bands.get(i + 1).map_or("100".to_owned(), |n| format!("below {}", format::number(n.from)));
        let written = [&b.playbook.owner, &b.playbook.first_response, &b.playbook.plays, &b.playbook.donts].iter().any(|t| !t.trim().is_empty());
        let playbook = b.playbook.clone();
        let counts = move || results.scores.with(|s| {
            let n = s.band_counts.get(i).copied().unwrap_or(0);
            let all = s.len().max(1);
            format!("{n} accounts ({:.0}%)", n as f64 / all as f64 * 100.0)
        });
        view! {
            <li style=format!("--band-colour: {}", crate::format::colour(&b.colour))>
                <h3><span class="band-chip">{b.label.clone()}</span>" "{format!("{} to {end}", format::number(b.from))}</h3>
                <p class="summary-band-count">{counts}</p>
                {written.then(|| view! { <PlaybookView playbook /> })}
            </li>
        }
    }).collect_view());
    // Where the accounts came from, how many, and when: a handout says what it was computed on.
    let source = move || {
        let from = accounts.with(|a| match (&a.origin, a.text()) {
            (Some(name), _) => format!("the file {name}"),
            (None, DEMO_ACCOUNTS_CSV) => "the demo accounts".to_owned(),
            (None, SYNTHETIC_CHURN_CSV) => "the synthetic churn data".to_owned(),
            (None, _) => "pasted accounts".to_owned(),
        });
        let rows = results.parsed.with(|p| p.table.len());
        let scored = results.scores.with(|s| s.len() - s.unscored);
        let as_of = card.with(|c| c.data.as_of.clone()).map(|d| format!(" Dates read as of {d}.")).unwrap_or_default();
        format!("Scored on {from}: {rows} accounts, {scored} with a score. Printed {}.{as_of}", crate::browser::today().iso())
    };
    // The page's main landmark while presenting: the designer's <main> is hidden meanwhile.
    view! {
        <main>
            <article class="summary" aria-labelledby="summary-heading">
                <div class="summary-actions no-print">
                    <button on:click=print>"Print or save as PDF"</button>
                    <button on:click=move |_| present.set(false)>"Back to the designer"</button>
                </div>
                <h1 id="summary-heading">{move || card.with(|c| c.name.clone())}</h1>
                {move || card.with(|c| (!c.description.is_empty()).then(|| view! { <p class="summary-description">{c.description.clone()}</p> }))}
                <p class="summary-source">{source}</p>
                <section aria-labelledby="summary-metrics">
                    <h2 id="summary-metrics">"Metrics and weights"</h2>
                    <table class="summary-metrics">
                        <thead><tr><th scope="col">"Metric"</th><th scope="col" class="num">"Weight"</th><th scope="col">"Rule"</th></tr></thead>
                        <tbody>{metrics}</tbody>
                        <tfoot><tr><th scope="row">"Total"</th><td class="num">{move || card.with(|c| format::number(c.total_weight()))}</td><td></td></tr></tfoot>
                    </table>
                </section>
                <section aria-labelledby="summary-bands">
                    <h2 id="summary-bands">"Bands and playbooks"</h2>
                    <ul class="summary-bands">{bands}</ul>
                </section>
                <section aria-labelledby="summary-spread">
                    <h2 id="summary-spread">"How the accounts score"</h2>
                    <Distribution results />
                </section>
            </article>
        </main>
    }
}
