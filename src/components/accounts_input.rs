//! Where accounts come in: paste area, file picker and drop zone, and a report of what was read.

use crate::designer::Designer;
use healthscore_core::scoring::{AccountReading, ColumnMap, MissingReason};
use healthscore_core::templates::DEMO_ACCOUNTS_CSV;
use healthscore_core::{Parsed, ParseWarning};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Files larger than this are refused before reading, to keep the tab responsive.
const MAX_FILE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Paste area, file picker / drop zone, and what was read from them.
#[component]
pub fn AccountsInput(
    /// The pasted text, kept verbatim.
    accounts_text: RwSignal<String>,
    /// The text, parsed.
    parsed: Memo<Parsed>,
    /// The scorecard, for the column mapping.
    designer: Designer,
    /// What each metric read from each account, for warnings about unreadable cells.
    readings: Memo<Vec<AccountReading>>,
) -> impl IntoView {
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let file_error: RwSignal<Option<String>> = RwSignal::new(None);
    let focused: RwSignal<Option<String>> = RwSignal::new(None);
    let read_file = move |file: web_sys::File| {
        if file.size() > MAX_FILE_BYTES {
            file_error.set(Some(format!("{} is {:.1} MB; files up to 20 MB can be read.", file.name(), file.size() / 1048576.0)));
            return;
        }
        let name = file.name();
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => {
                    file_error.set(None);
                    accounts_text.set(text.as_string().unwrap_or_default());
                }
                Err(_) => file_error.set(Some(format!("{name} could not be read as text."))),
            }
        });
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
        let text = accounts_text.get_untracked();
        let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1) as usize).map(str::len).sum();
        let end = text[start.min(text.len())..].find('\n').map_or(text.len(), |n| start + n);
        let area: &web_sys::HtmlTextAreaElement = area.unchecked_ref();
        let _ = area.focus();
        let to_utf16 = |byte: usize| text[..byte.min(text.len())].encode_utf16().count() as u32;
        let _ = area.set_selection_range(to_utf16(start), to_utf16(end));
    };
    let summary = move || {
        parsed.with(|p| {
            format!(
                "{} rows, {} columns, {}.",
                p.table.rows.len(),
                p.table.headers.len(),
                p.delimiter.label()
            )
        })
    };
    let names = Memo::new(move |_| designer.card.with(|c| c.metrics.iter().map(|m| m.name.clone()).collect::<Vec<_>>()));
    let warnings = Memo::new(move |_| all_warnings(designer, names, parsed, readings));
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
                prop:value=move || accounts_text.get()
                on:input=move |ev| accounts_text.set(event_target_value(&ev))
            ></textarea>
            <div class="field-row">
                <label class="file-button">
                    "Open a .csv or .tsv file"
                    <input type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" on:change=on_pick />
                </label>
                <span class="hint">"or drop one here"</span>
                <button on:click=move |_| accounts_text.set(DEMO_ACCOUNTS_CSV.to_owned())>"Load demo accounts"</button>
                <button on:click=move |_| accounts_text.set(String::new())>"Clear accounts"</button>
            </div>
            {move || file_error.get().map(|e| view! { <p class="field-problem" role="alert">{e}</p> })}
            <p class="read-summary">{summary}</p>
            <ColumnMapping designer=designer parsed=parsed />
            <Show when=move || warnings.with(|w| !w.is_empty())>
                <details class="warnings" open>
                    <summary>{move || format!("{} warnings", warnings.with(Vec::len))}</summary>
                    <ul>
                        {move || warnings.with(|list| list.iter().take(200).map(|w| {
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

/// Parse warnings plus a warning for every cell a rule could not read.
/// Built from readings, not scores, so a weight drag does not rebuild it.
fn all_warnings(
    designer: Designer,
    names: Memo<Vec<String>>,
    parsed: Memo<Parsed>,
    readings: Memo<Vec<AccountReading>>,
) -> Vec<ParseWarning> {
    let mut list = parsed.with(|p| p.warnings.clone());
    let names = names.get();
    parsed.with(|p| {
        readings.with(|readings| {
            let Some(first) = readings.first() else { return };
            if first.metrics.len() != names.len() {
                return;
            }
            let columns = designer.card.with_untracked(|c| ColumnMap::resolve(&c.metrics, &p.table));
            for account in readings {
                for (i, reading) in account.metrics.iter().enumerate() {
                    let message = match &reading.result {
                        Err(MissingReason::NotANumber(text)) => format!("\"{text}\" is not a number; scored as missing"),
                        Err(MissingReason::UnknownValue(text)) => format!("\"{text}\" is not a value of {}; scored as missing", names[i]),
                        _ => continue,
                    };
                    let column = columns.metrics[i].as_ref().and_then(|c| p.table.headers.get(c[0]).cloned());
                    list.push(ParseWarning { line: p.table.rows.get(account.row).map(|r| r.line), column, message });
                }
            }
        });
    });
    list
}

/// Which column feeds which metric; metrics without a column; columns nobody reads.
#[component]
fn ColumnMapping(designer: Designer, parsed: Memo<Parsed>) -> impl IntoView {
    // Only names and inputs matter here: a weight drag must not rebuild this list.
    let metrics = Memo::new(move |_| {
        designer.card.with(|c| {
            let mut card = c.clone();
            card.metrics.iter_mut().for_each(|m| m.weight = 0.0);
            card.bands.clear();
            card
        })
    });
    move || {
        metrics.with(|card| {
            parsed.with(|p| {
                let columns = ColumnMap::resolve(&card.metrics, &p.table);
                let rows = card.metrics.iter().zip(&columns.metrics).map(|(metric, cols)| {
                    let (text, missing) = match cols {
                        Some(cols) => (cols.iter().map(|&c| p.table.headers[c].clone()).collect::<Vec<_>>().join(" / "), false),
                        None => (format!("no column \"{}\" in the data", metric.input.columns().join("\" / \"")), true),
                    };
                    view! { <li class:unmatched=missing><span>{metric.name.clone()}</span>" ← "<span>{text}</span></li> }
                }).collect_view();
                let unused = columns.unused_columns(&p.table).join(", ");
                let unmatched: Vec<String> = card.metrics.iter().zip(&columns.metrics)
                    .filter(|(_, c)| c.is_none()).map(|(m, _)| m.name.clone()).collect();
                let unmatched = (!unmatched.is_empty()).then(|| view! {
                    <p class="field-problem">{format!("No column found for: {}", unmatched.join(", "))}</p>
                });
                view! {
                    {unmatched}
                    <details class="column-mapping">
                        <summary>"Columns feeding each metric"</summary>
                        <ul aria-label="Columns feeding each metric">{rows}</ul>
                        <p>{if unused.is_empty() { "Every column is used.".to_owned() } else { format!("Unused columns: {unused}") }}</p>
                    </details>
                }
            })
        })
    }
}
