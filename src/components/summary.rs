//! The scorecard on one page, to present on a wall or print to PDF: metrics, rules as sentences,
//! weights, bands with their playbooks, and how the accounts spread.

use crate::components::{Distribution, PlaybookView};
use crate::format;
use crate::results::Results;
use healthscore_core::describe::{missing_sentence, rule_sentence};
use leptos::prelude::*;

/// The one-page summary, with Print and Back buttons that do not print.
#[component]
pub fn Summary(
    /// The scorecard and its scores, for the distribution.
    results: Results,
    /// Set to false to go back to the designer.
    present: RwSignal<bool>,
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
        view! {
            <li style=format!("--band-colour: {}", crate::format::colour(&b.colour))>
                <h3><span class="band-chip">{b.label.clone()}</span>" "{format!("{} to {end}", format::number(b.from))}</h3>
                <PlaybookView playbook=b.playbook.clone() />
            </li>
        }
    }).collect_view());
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
