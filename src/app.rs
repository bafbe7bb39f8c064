//! The top-level component: owns the scorecard and the pasted accounts, derives everything else.

use crate::components::{MetricList, ResultsTable, ValidationBanner};
use healthscore_core::templates::{dear, DEMO_ACCOUNTS_CSV};
use healthscore_core::{parse_table, score_table, AccountScore, CardError, Parsed, Scorecard};
use leptos::prelude::*;

/// The whole app: the demo DEAR scorecard scoring the demo accounts.
#[component]
pub fn App() -> impl IntoView {
    let card = RwSignal::new(dear());
    let accounts_text = RwSignal::new(DEMO_ACCOUNTS_CSV.to_owned());
    view! { <Workspace card=card accounts_text=accounts_text /> }
}

/// The designer's page for one scorecard and one set of accounts.
#[component]
pub fn Workspace(
    /// The scorecard being designed.
    card: RwSignal<Scorecard>,
    /// The accounts as pasted text (CSV or TSV), kept verbatim so nothing is lost.
    accounts_text: RwSignal<String>,
) -> impl IntoView {
    let parsed: Memo<Parsed> = Memo::new(move |_| accounts_text.with(|text| parse_table(text)));
    let errors: Memo<Vec<CardError>> = Memo::new(move |_| card.with(Scorecard::errors));
    let results: Memo<Vec<AccountScore>> = Memo::new(move |_| {
        card.with(|card| match card.validate() {
            Ok(valid) => parsed.with(|p| score_table(valid, &p.table)),
            Err(_) => Vec::new(),
        })
    });
    let name = move || card.with(|c| c.name.clone());

    view! {
        <header class="app-header">
            <h1>"Healthscore"</h1>
            <p class="card-name">{name}</p>
        </header>
        <main class="workspace">
            <ValidationBanner errors=errors />
            <section class="panel metrics-panel" aria-labelledby="metrics-heading">
                <h2 id="metrics-heading">"Metrics"</h2>
                <MetricList card=card />
            </section>
            <section class="panel results-panel" aria-labelledby="results-heading">
                <h2 id="results-heading">"Accounts"</h2>
                <ResultsTable card=card results=results />
            </section>
        </main>
    }
}
