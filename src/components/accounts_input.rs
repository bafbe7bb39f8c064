//! Where accounts come in: paste area, file picker and drop zone, and a report of what was read.

use crate::accounts::{Accounts, Loader};
use crate::browser::pieces::{pasted_text, value_of, Source};
use crate::designer::Designer;
use crate::results::Results;
use crate::components::{ColumnMapping, DataQuality, DataSettingsPanel};
use healthscore_core::templates::{DEMO_ACCOUNTS_CSV, SYNTHETIC_CHURN_CSV};
use healthscore_core::Encoding;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Accounts text up to this many bytes is shown in the paste box and can be edited there;
/// larger data goes straight from the clipboard or file into the engine. Text in a form
/// control is what the browser copies into its form state after every input event, and
/// inserting megabytes into a text box alone takes seconds.
const EDITABLE_BYTES: usize = 100_000;
/// Warnings listed one by one; the rest are counted.
const LISTED_WARNINGS: usize = 200;

/// Paste area, file picker / drop zone, and what was read from them.
#[component]
pub fn AccountsInput(
    /// The accounts being scored.
    accounts: RwSignal<Accounts>,
    /// The parsed accounts and what each metric read from them, for warnings.
    results: Results,
    /// The scorecard, for the column mapping.
    designer: Designer,
) -> impl IntoView {
    let parsed = results.parsed;
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let loader = Loader::new();
    let focused: RwSignal<Option<String>> = RwSignal::new(None);
    // Small text is read at once, so typing and small pastes show their scores in the same frame.
    let set_text = move |text: String| {
        loader.cancel();
        accounts.set(Accounts::from_text(text));
    };
    let read_file = move |file: web_sys::File| {
        let name = file.name();
        loader.start(Source::File(file), name, designer.card, accounts);
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read_file(file);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        let file = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0));
        // A scorecard file goes on to the page-wide drop target, which imports it.
        if let Some(file) = file.filter(|f| !f.name().to_lowercase().ends_with(".json")) {
            ev.prevent_default();
            read_file(file);
        }
    };
    // Selects the row's line in the paste area, so "see the cell" is one click.
    let show_line = move |line: u64, what: String| {
        focused.set(Some(what));
        let Some(area) = textarea.get_untracked() else { return };
        if accounts.with_untracked(|a| a.bytes > EDITABLE_BYTES) {
            return;
        }
        // The box holds the text with each CRLF and lone CR as LF, and selects in that; the
        // core counts lines alike (LF, CRLF and CR each end one).
        let text = accounts.with_untracked(|a| a.text().replace("\r\n", "\n").replace('\r', "\n"));
        let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1) as usize).map(str::len).sum();
        let end = text[start.min(text.len())..].find('\n').map_or(text.len(), |n| start + n);
        let area: &web_sys::HtmlTextAreaElement = area.unchecked_ref();
        let _ = area.focus();
        let to_utf16 = |byte: usize| text[..byte.min(text.len())].encode_utf16().count() as u32;
        let _ = area.set_selection_range(to_utf16(start), to_utf16(end));
    };
    let summary = move || {
        parsed.with(|p| {
            // Files not in UTF-8 say what they were read as.
            let encoding = match p.encoding {
                Encoding::Utf8 | Encoding::Utf8Bom => String::new(),
                other => format!(", {}", other.label()),
            };
            format!(
                "{} rows, {} columns, {}{encoding}.",
                p.table.len(),
                p.table.headers.len(),
                p.delimiter.label()
            )
        })
    };
    // Cells a rule could not read are grouped in the data-quality panel, not listed here.
    let warnings = Memo::new(move |_| parsed.with(|p| p.warnings.clone()));
    // Big data never enters the box: the paste is taken from the clipboard event itself.
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(text) = pasted_text(&ev) else { return };
        if text.length() as usize > EDITABLE_BYTES {
            ev.prevent_default();
            loader.start(Source::Text(text), "the pasted accounts".to_owned(), designer.card, accounts);
        }
    };
    // Text put in the box by other means (a drop, a script) that is too large to keep there.
    let on_input = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target() else { return };
        let Some(text) = value_of(&target) else { return };
        // Large accounts are not in the box: a keystroke there must not replace them.
        let typed = ev.dyn_ref::<web_sys::InputEvent>().is_some_and(|e| e.input_type().starts_with("insertText") || e.input_type().starts_with("delete"));
        if typed && accounts.with_untracked(|a| a.bytes > EDITABLE_BYTES) {
            if let Some(area) = textarea.get_untracked() {
                area.set_value("");
            }
            loader.error.set(Some("These accounts are too many to edit as text here. Paste or open a file to replace them, or Clear accounts first.".to_owned()));
            return;
        }
        if text.length() as usize > EDITABLE_BYTES {
            if let Some(area) = textarea.get_untracked() {
                area.set_value("");
            }
            loader.start(Source::Text(text), "the pasted accounts".to_owned(), designer.card, accounts);
        } else {
            set_text(text.into());
        }
    };
    let shown = move || accounts.with(|a| if a.bytes > EDITABLE_BYTES { String::new() } else { a.text().to_owned() });
    let placeholder = move || {
        accounts.with(|a| a.bytes > EDITABLE_BYTES).then(|| {
            parsed.with(|p| format!("{} accounts are loaded, too many to edit as text here. Paste or open a file to replace them.", p.table.len()))
        })
    };
    view! {
        <section
            class="panel accounts-panel"
            aria-labelledby="accounts-heading"
            on:dragover=move |ev| ev.prevent_default()
            on:drop=on_drop
        >
            <h2 id="accounts-heading">"Accounts"</h2>
            <label class="paste-label" for="accounts-paste">"Paste accounts from Excel, Google Sheets or a CSV file (first row: headers)"</label>
            <textarea
                id="accounts-paste"
                node_ref=textarea
                rows="5"
                spellcheck="false"
                autocomplete="off"
                placeholder=placeholder
                prop:value=shown
                on:paste=on_paste
                on:input=on_input
            ></textarea>
            <div class="field-row">
                <label class="file-button">
                    "Open a .csv or .tsv file"
                    <input type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" on:change=on_pick />
                </label>
                <span class="hint">"or drop one here"</span>
                <button on:click=move |_| set_text(DEMO_ACCOUNTS_CSV.to_owned())>"Load demo accounts"</button>
                <button on:click=move |_| set_text(SYNTHETIC_CHURN_CSV.to_owned())>"Load synthetic churn data (500 made-up accounts)"</button>
                <button on:click=move |_| set_text(String::new())>"Clear accounts"</button>
            </div>
            <LoadProgress loader=loader />
            {move || loader.error.get().map(|e| view! { <p class="field-problem" role="alert">{e}</p> })}
            <p class="read-summary">{summary}</p>
            {move || accounts.with(|a| a.text() == SYNTHETIC_CHURN_CSV).then(|| view! {
                <p class="synthetic-note" role="note">"Synthetic data: 500 made-up accounts. Churn was generated to depend on usage, logins, usage trend and the champion, and not on NPS, the outcome KPI or onboarding (scripts/synthetic_churn.py). Mark \u{201c}Churned\u{201d} as the outcome under Evidence."</p>
            })}
            <ColumnMapping designer=designer results=results />
            <DataQuality designer=designer results=results />
            <DataSettingsPanel designer=designer results=results />
            <Show when=move || warnings.with(|w| !w.is_empty())>
                <details class="warnings" open>
                    <summary>{move || warnings.with(|w| {
                        if w.len() > LISTED_WARNINGS { format!("{} warnings (the first {LISTED_WARNINGS} are listed)", w.len()) } else { format!("{} warnings", w.len()) }
                    })}</summary>
                    <ul>
                        {move || warnings.with(|list| list.iter().take(LISTED_WARNINGS).map(|w| {
                            let text = w.to_string();
                            let line = w.line;
                            let shown = text.clone();
                            view! {
                                <li>
                                    <button class="link" on:click=move |_| if let Some(line) = line { show_line(line, shown.clone()) }>{text}</button>
                                </li>
                            }
                        }).collect_view())}
                    </ul>
                </details>
            </Show>
            {move || focused.get().map(|w| view! { <p class="focused-warning" role="status">{w}</p> })}
        </section>
    }
}

/// A load under way: what is read, a progress bar, and Cancel (which keeps the accounts on screen).
#[component]
fn LoadProgress(
    /// The loader whose progress is shown.
    loader: Loader,
) -> impl IntoView {
    // Made once per load; only the label and the bar follow each slice, so Cancel stays the
    // same button under the pointer however often the progress moves.
    let loading = Memo::new(move |_| loader.progress.with(Option::is_some));
    let label = move || loader.progress.with(|p| p.as_ref().map(|p| format!("Reading {}: {} rows", p.what, crate::format::count(p.rows as u64))));
    let fraction = move || loader.progress.with(|p| p.as_ref().map_or(0.0, |p| p.fraction).to_string());
    view! {
        <Show when=move || loading.get()>
            <div class="load-progress" role="status">
                <label>
                    <span>{label}</span>
                    <progress max="1" value=fraction></progress>
                </label>
                <button on:click=move |_| loader.cancel()>"Cancel loading"</button>
            </div>
        </Show>
    }
}

