//! The top-level component: owns the scorecard and the pasted accounts, derives everything else.

use crate::components::{
    import_file, ComparePanel, EvidencePanel, FirstSteps, Scoreboard, PartialScores, AccountDetail, AccountsInput, AddMetric, BandEditor, ConflictBanner, Distribution,
    FileActions, LibraryPanel, LinkBanner, MetricList, ResultsTable, SaveStatus, StorageNotices,
    Summary, Toast, ValidationBanner, WeightSummary, WhatIf,
};
use crate::designer::Designer;
use crate::format;
use crate::sensitivities::{live_sensitivities, Sensitivities};
use crate::library::{self, Library};
use healthscore_core::library::file_name;
use healthscore_core::results_csv::results_csv;
use healthscore_core::templates::DEMO_ACCOUNTS_CSV;
use crate::accounts::Accounts;
use crate::results::Results;
use healthscore_core::validate::provisional_total;
use healthscore_core::{CardError, Scorecard};
use leptos::prelude::*;

/// The whole app: the library's open scorecard scoring the saved (or demo) accounts.
#[component]
pub fn App() -> impl IntoView {
    let library = Library::start();
    let designer = library.designer;
    let accounts = library::load_accounts().unwrap_or_else(|message| {
        library.notify(message, false);
        None
    });
    if let Some(message) = library::accounts_not_kept() {
        library.notify(message, false);
    }
    let accounts = RwSignal::new(Accounts::from_text(accounts.unwrap_or_else(|| DEMO_ACCOUNTS_CSV.to_owned())));
    let import_message = RwSignal::new(None);

    // Keep the card and the accounts for the next visit, as the user works.
    install_autosave(library);
    Effect::new(move |_| {
        if let Err(message) = accounts.with(|a| library::save_accounts(a.text.as_deref().map(String::as_str), a.bytes)) {
            library.notify(message, false);
        }
    });
    // Accounts another tab saved over this tab's, until the user chooses whose to keep.
    let their_accounts: RwSignal<Option<String>> = RwSignal::new(None);
    install_storage_listener(library, accounts, their_accounts);
    install_leave_guard(library, their_accounts);
    let dragging_file = install_page_drop(library, import_message);
    install_undo_keys(designer);

    view! {
        <Show when=move || dragging_file.get()>
            <div class="drop-overlay" aria-hidden="true">
                <p>"Drop a scorecard file (.json) to import it, or a .csv / .tsv on the Accounts panel to load accounts."</p>
            </div>
        </Show>
        <StorageNotices library />
        <ConflictBanner library />
        <AccountsConflict accounts theirs=their_accounts library />
        <LinkBanner library />
        <Workspace designer=designer accounts=accounts library=library import_message=import_message />
    }
}

/// Tells the library each change of the card (it restarts the autosave pause), and writes
/// at once when the page is hidden or closed.
fn install_autosave(library: Library) {
    let designer = library.designer;
    Effect::new(move |_| library.edited(designer.card.get()));
    let hide = window_event_listener(leptos::ev::pagehide, move |_| library.flush());
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            library.flush();
        }
    });
    on_cleanup(move || {
        hide.remove();
        hidden.remove();
    });
}

/// Closing or reloading asks first while the open scorecard is not stored as it is (a conflict
/// with another tab, a card opened from a link, storage full or failing): the header already
/// says why ("Not saved: ..."), and the browser's own prompt gives the chance to stay.
fn install_leave_guard(library: Library, their_accounts: RwSignal<Option<String>>) {
    let guard = window_event_listener(leptos::ev::beforeunload, move |ev| {
        let unsaved = matches!(library.state.get_untracked(), crate::library::SaveState::NotSaved(_));
        let accounts_replaced = their_accounts.with_untracked(Option::is_some);
        if (unsaved && library.designer.can_undo()) || accounts_replaced {
            ev.prevent_default();
            ev.set_return_value("This scorecard is not saved in this browser.");
        }
    });
    on_cleanup(move || guard.remove());
}

/// Another tab saved other accounts: this tab keeps showing its own until the user chooses.
#[component]
fn AccountsConflict(accounts: RwSignal<Accounts>, theirs: RwSignal<Option<String>>, library: Library) -> impl IntoView {
    let load = move |_| {
        if let Some(text) = theirs.get_untracked() {
            accounts.set(Accounts::from_text(text));
        }
        theirs.set(None);
    };
    let keep = move |_| {
        let result = accounts.with_untracked(|a| library::save_accounts(a.text.as_deref().map(String::as_str), a.bytes));
        if let Err(message) = result {
            library.notify(message, false);
        }
        theirs.set(None);
    };
    move || {
        theirs.with(|t| t.as_ref().map(|text| {
            let rows = text.lines().count().saturating_sub(1);
            view! {
                <div class="notice conflict" role="alert">
                    <span>{format!("Another tab saved other accounts ({rows} rows) in this browser. This tab still shows its own; a reload would show the other tab's.")}</span>
                    <button on:click=load>"Load the other tab's accounts"</button>
                    <button on:click=keep>"Keep mine"</button>
                </div>
            }
        }))
    }
}

/// Another tab wrote to storage: the library rereads its list and checks the open scorecard.
/// A share link pasted into the address bar of an open page opens too.
fn install_storage_listener(library: Library, accounts: RwSignal<Accounts>, theirs: RwSignal<Option<String>>) {
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        match ev.key() {
            // Another tab saved its accounts over this tab's: say so, and let the user choose.
            Some(key) if library::is_accounts_key(&key) => {
                let new = ev.new_value().unwrap_or_default();
                let same = accounts.with_untracked(|a| a.text.as_deref().map(String::as_str) == Some(new.as_str()));
                theirs.set((!same).then_some(new));
            }
            key => library.on_storage_event(key, ev.new_value()),
        }
    });
    let hash = window_event_listener(leptos::ev::hashchange, move |_| library.on_hash_change());
    on_cleanup(move || {
        handle.remove();
        hash.remove();
    });
}

/// A .json file dropped anywhere on the page is imported as a scorecard; other files dropped
/// outside the accounts area are stopped, so the browser does not navigate away from the work.
fn install_page_drop(library: Library, message: RwSignal<Option<Result<String, String>>>) -> RwSignal<bool> {
    let dragging_file = RwSignal::new(false);
    let has_files = |ev: &web_sys::DragEvent| ev.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0));
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        ev.prevent_default();
        if has_files(&ev) && !dragging_file.get_untracked() {
            dragging_file.set(true);
        }
    });
    // Leaving the window: the pointer's new target is outside the page.
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        if ev.related_target().is_none() {
            dragging_file.set(false);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        dragging_file.set(false);
        if ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) else { return };
        if file.name().to_lowercase().ends_with(".json") {
            import_file(library, file, message);
        } else {
            message.set(Some(Err(format!("{} is not a scorecard file (.json). To load accounts, drop a .csv or .tsv file on the Accounts panel.", file.name()))));
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
    dragging_file
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

/// Printing from the designer prints the one-page summary: it is shown for the print and
/// the designer comes back afterwards.
fn install_print_view(present: RwSignal<bool>) {
    let was_presenting = StoredValue::new(false);
    let before = window_event_listener_untyped("beforeprint", move |_| {
        was_presenting.set_value(present.get_untracked());
        // Printing a comparison prints the comparison, not the summary.
        let comparing = document().document_element().is_some_and(|r| r.class_list().contains("printing-comparison"));
        if !comparing {
            present.set(true);
        }
    });
    let after = window_event_listener_untyped("afterprint", move |_| present.set(was_presenting.get_value()));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
}

/// The designer's page for one scorecard and one set of accounts.
#[component]
pub fn Workspace(
    /// The scorecard being designed.
    designer: Designer,
    /// The accounts being scored.
    accounts: RwSignal<Accounts>,
    /// The library the card is saved in; without it (component tests) the page has no library controls.
    #[prop(optional)]
    library: Option<Library>,
    /// The outcome of the last scorecard import, from the file controls or a page drop.
    #[prop(optional)]
    import_message: Option<RwSignal<Option<Result<String, String>>>>,
) -> impl IntoView {
    let present = RwSignal::new(false);
    install_print_view(present);
    let card = designer.card;
    let results = Results::new(&designer, accounts);
    let errors: Memo<Vec<CardError>> = Memo::new(move |_| card.with(Scorecard::errors));
    // Scores show while the card is valid or off only in its weight total (provisional).
    let provisional = Memo::new(move |_| errors.with(|e| provisional_total(e)));
    let valid = Memo::new(move |_| errors.with(Vec::is_empty) || provisional.with(Option::is_some));
    // A card with no metric yet is a start, not an error.
    let blank = Memo::new(move |_| designer.shape.with(|c| c.metrics.is_empty()));
    let blocking = Memo::new(move |_| if valid.get() || blank.get() { Vec::new() } else { errors.get() });
    let selected: RwSignal<Option<usize>> = RwSignal::new(None);
    // How many accounts each slider's ±5 would move, once edits pause (read by every slider).
    provide_context(Sensitivities(live_sensitivities(card, results)));
    let headers = Memo::new(move |_| results.parsed.with(|p| p.table.headers.clone()));

    let export_scores = move |_| {
        let text = card.with_untracked(|c| {
            let valid = c.scorable().ok()?;
            let all = results.explain_all()?;
            Some(results.parsed.with_untracked(|p| results_csv(valid, &p.table, &all)))
        });
        if let Some(text) = text {
            let name = file_name(&card.with_untracked(|c| format!("{} scores", c.name)), "csv");
            if let Err(message) = crate::browser::download::download(&name, "text/csv;charset=utf-8", &format!("\u{feff}{text}")) {
                if let Some(library) = library {
                    library.notify(message, false);
                }
            }
        }
    };
    let import_message = import_message.unwrap_or_else(|| RwSignal::new(None));

    // The panels below the first screen (evidence, comparison, explanation) are built once the
    // browser is idle after the first frame with the scores: they are not needed for it.
    let below_fold = crate::browser::after_first_frame();
    let projector = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.class_list().toggle_with_force("projector", projector.get());
        }
    });
    view! {
        <div class="top-bar no-print">
        <header class="app-header">
            <h1>"Healthscore"</h1>
            <label class="card-name">
                <span class="visually-hidden">"Scorecard name"</span>
                <input
                    type="text"
                    maxlength="10000"
                    prop:value=move || designer.shape.with(|c| c.name.clone())
                    on:input=move |ev| {
                        let name = event_target_value(&ev);
                        designer.edit(Some("card-name"), |c| c.name = name);
                    }
                    on:change=move |_| designer.seal()
                />
            </label>
            {library.map(|library| view! { <SaveStatus library /> })}
            <div class="history-buttons">
                <button on:click=move |_| designer.undo() disabled=move || !designer.can_undo() aria-keyshortcuts="Control+Z">"Undo"</button>
                <button on:click=move |_| designer.redo() disabled=move || !designer.can_redo() aria-keyshortcuts="Control+Shift+Z">"Redo"</button>
            </div>
            <button aria-pressed=move || present.get().to_string() on:click=move |_| present.update(|p| *p = !*p)>"Present"</button>
            <button aria-pressed=move || projector.get().to_string() on:click=move |_| projector.update(|p| *p = !*p) title="Larger type for a projector or a shared screen">"Projector"</button>
            <p class="privacy">"Your data stays in this browser."</p>
        </header>
        <Show when=move || valid.get() && !present.get()>
            <Scoreboard results provisional />
        </Show>
        </div>
        <Show when=move || present.get()>
            <Summary results present accounts />
        </Show>
        <div class="library-row-wrap no-print" class:hidden=move || present.get()>
            {library.map(|library| view! {
                <LibraryPanel library />
                <FileActions library message=import_message />
            })}
        </div>
        <main class="workspace no-print" class:hidden=move || present.get() hidden=move || present.get()>
            <ValidationBanner errors=blocking />
            <Toast designer=designer />
            <section class="panel scorecard-panel" aria-labelledby="metrics-heading">
                <h2 id="metrics-heading">"Metrics"</h2>
                <WeightSummary designer=designer />
                <MetricList designer=designer headers=headers />
                <AddMetric designer=designer />
                <Show when=move || below_fold.get()>
                    <BandEditor designer=designer />
                </Show>
            </section>
            <div class="results-column">
                <AccountsInput accounts=accounts results=results designer=designer />
                <section class="panel results-panel" aria-labelledby="results-heading">
                    <h2 id="results-heading">"Scores"</h2>
                    <Show
                        when=move || valid.get()
                        fallback=move || if blank.get() {
                            view! { <FirstSteps /> }.into_any()
                        } else {
                            view! {
                                <p class="not-valid" role="status">
                                    "Scores are not valid until the scorecard is fixed: "
                                    {move || errors.with(|e| e.first().map(ToString::to_string).unwrap_or_default())}
                                </p>
                            }.into_any()
                        }
                    >
                        {move || provisional.get().map(|total| view! {
                            <p class="provisional" role="status">{format!(
                                "Provisional: the weights total {}, not 100, so these scores count each metric in proportion, as if rescaled to 100. Bring the total to 100 to make them final.",
                                format::number(total)
                            )}</p>
                        })}
                        <button class="export-scores" on:click=export_scores>"Export scores (.csv)"</button>
                        <PartialScores results=results />
                        <WhatIf results=results />
                        <Distribution results=results />
                        <ResultsTable results=results selected=selected />
                    </Show>
                </section>
                <Show when=move || valid.get() && below_fold.get()>
                    <EvidencePanel designer=designer results=results selected=selected />
                </Show>
                {library.map(|library| view! {
                    <Show when=move || valid.get() && below_fold.get()>
                        <ComparePanel results saved=Signal::derive(move || library.entries.get()) load=Callback::new(library::read_saved) />
                    </Show>
                })}
                <Show when=move || below_fold.get()>
                    <AccountDetail results=results selected=selected />
                </Show>
            </div>
        </main>
    }
}
