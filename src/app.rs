//! The top-level component: owns the scorecard and the pasted accounts, derives everything else.

use crate::components::{
    AccountDetail, AccountsInput, AddMetric, BandEditor, Distribution, MetricList, ResultsTable,
    Toast, ValidationBanner, WeightSummary, WhatIf,
};
use crate::designer::Designer;
use crate::storage;
use healthscore_core::insight::Pinned;
use healthscore_core::scoring::{combine, read_table, AccountReading};
use healthscore_core::templates::{dear, DEMO_ACCOUNTS_CSV};
use healthscore_core::{parse_table, AccountScore, CardError, Input, Parsed, Rule, Scorecard};
use leptos::prelude::*;

/// The whole app: the saved (or demo) scorecard scoring the saved (or demo) accounts.
#[component]
pub fn App() -> impl IntoView {
    let mut notices = Vec::new();
    let card = storage::load_card().unwrap_or_else(|message| {
        notices.push(message);
        None
    });
    let accounts = storage::load_accounts().unwrap_or_else(|message| {
        notices.push(message);
        None
    });
    let designer = Designer::new(card.unwrap_or_else(dear));
    let accounts_text = RwSignal::new(accounts.unwrap_or_else(|| DEMO_ACCOUNTS_CSV.to_owned()));
    let notices = RwSignal::new(notices);

    // The effects that matter: keep the card and the accounts for the next visit.
    Effect::new(move |_| {
        if let Err(message) = designer.card.with(storage::save_card) {
            notices.update(|n| push_once(n, message));
        }
    });
    Effect::new(move |_| {
        if let Err(message) = accounts_text.with(|t| storage::save_accounts(t)) {
            notices.update(|n| push_once(n, message));
        }
    });
    install_undo_keys(designer);

    view! {
        <Notices notices=notices />
        <Workspace designer=designer accounts_text=accounts_text />
    }
}

fn push_once(notices: &mut Vec<String>, message: String) {
    if !notices.contains(&message) {
        notices.push(message);
    }
}

/// Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo, except inside a text field,
/// where the browser's own text undo is what the user expects.
fn install_undo_keys(designer: Designer) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let modifier = ev.ctrl_key() || ev.meta_key();
        let key = ev.key().to_lowercase();
        if !modifier || !(key == "z" || key == "y") {
            return;
        }
        let in_text = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| {
                let tag = el.tag_name().to_lowercase();
                tag == "textarea" || (tag == "input" && el.get_attribute("type").as_deref() == Some("text"))
            });
        if in_text {
            return;
        }
        ev.prevent_default();
        if key == "y" || ev.shift_key() {
            designer.redo();
        } else {
            designer.undo();
        }
    });
    on_cleanup(move || handle.remove());
}

/// Messages about storage problems, each dismissible.
#[component]
fn Notices(
    /// The messages to show.
    notices: RwSignal<Vec<String>>,
) -> impl IntoView {
    move || {
        notices.with(|list| {
            list.iter()
                .enumerate()
                .map(|(i, message)| {
                    view! {
                        <div class="notice" role="alert">
                            <span>{message.clone()}</span>
                            <button on:click=move |_| notices.update(|n| { n.remove(i); })>"Dismiss"</button>
                        </div>
                    }
                })
                .collect_view()
        })
    }
}

/// The inputs and rules of every metric: scoring's costly half depends on these alone.
fn rules_of(card: &Scorecard) -> Vec<(Input, Rule)> {
    card.metrics.iter().map(|m| (m.input.clone(), m.rule.clone())).collect()
}

/// The designer's page for one scorecard and one set of accounts.
#[component]
pub fn Workspace(
    /// The scorecard being designed.
    designer: Designer,
    /// The accounts as pasted text (CSV or TSV), kept verbatim so nothing is lost.
    accounts_text: RwSignal<String>,
) -> impl IntoView {
    let card = designer.card;
    let parsed: Memo<Parsed> = Memo::new(move |_| accounts_text.with(|text| parse_table(text)));
    let rules = Memo::new(move |_| card.with(rules_of));
    // Reading cells depends on rules and data only: a weight drag skips it.
    let readings: Memo<Vec<AccountReading>> = Memo::new(move |_| {
        // Read (not just track) the rules memo, so it recomputes and a rule edit is seen.
        rules.with(|_| ());
        card.with_untracked(|c| parsed.with(|p| read_table(&c.metrics, &p.table)))
    });
    let errors: Memo<Vec<CardError>> = Memo::new(move |_| card.with(Scorecard::errors));
    let results: Memo<Vec<AccountScore>> = Memo::new(move |_| {
        card.with(|c| match c.validate() {
            Ok(valid) => readings.with(|r| {
                r.iter()
                    .filter(|a| a.metrics.len() == c.metrics.len())
                    .map(|a| combine(valid, a))
                    .collect()
            }),
            Err(_) => Vec::new(),
        })
    });
    let valid = Memo::new(move |_| errors.with(Vec::is_empty));
    let baseline: RwSignal<Option<Vec<Pinned>>> = RwSignal::new(None);
    let selected: RwSignal<Option<usize>> = RwSignal::new(None);
    let headers = Memo::new(move |_| parsed.with(|p| p.table.headers.clone()));

    view! {
        <header class="app-header">
            <h1>"Healthscore"</h1>
            <label class="card-name">
                <span class="visually-hidden">"Scorecard name"</span>
                <input
                    type="text"
                    prop:value=move || card.with(|c| c.name.clone())
                    on:input=move |ev| {
                        let name = event_target_value(&ev);
                        designer.edit(Some("card-name"), |c| c.name = name);
                    }
                    on:change=move |_| designer.seal()
                />
            </label>
            <div class="history-buttons">
                <button on:click=move |_| designer.undo() disabled=move || !designer.can_undo() aria-keyshortcuts="Control+Z">"Undo"</button>
                <button on:click=move |_| designer.redo() disabled=move || !designer.can_redo() aria-keyshortcuts="Control+Shift+Z">"Redo"</button>
            </div>
            <p class="privacy">"Your data stays in this browser."</p>
        </header>
        <main class="workspace">
            <ValidationBanner errors=errors />
            <Toast designer=designer />
            <section class="panel scorecard-panel" aria-labelledby="metrics-heading">
                <h2 id="metrics-heading">"Metrics"</h2>
                <WeightSummary designer=designer />
                <MetricList designer=designer headers=headers />
                <AddMetric designer=designer />
                <BandEditor designer=designer />
            </section>
            <div class="results-column">
                <AccountsInput accounts_text=accounts_text parsed=parsed designer=designer readings=readings />
                <section class="panel results-panel" aria-labelledby="results-heading">
                    <h2 id="results-heading">"Scores"</h2>
                    <Show
                        when=move || valid.get()
                        fallback=move || view! {
                            <p class="not-valid" role="status">
                                "Scores are not valid until the scorecard is fixed: "
                                {move || errors.with(|e| e.first().map(ToString::to_string).unwrap_or_default())}
                            </p>
                        }
                    >
                        <WhatIf designer=designer results=results baseline=baseline />
                        <Distribution designer=designer results=results />
                        <ResultsTable designer=designer results=results baseline=baseline selected=selected />
                    </Show>
                </section>
                <AccountDetail designer=designer results=results parsed=parsed selected=selected />
            </div>
        </main>
    }
}
