//! Scorecard files and links: export, import (file picker, paste), share link, and the
//! "replace or keep both" question when an import has a namesake.

use crate::browser::copy_to_clipboard;
use crate::browser::location::base_url;
use crate::library::{Imported, Library};
use healthscore_core::file::{import_problem, MAX_FILE_BYTES};
use healthscore_core::share::{encode, MAX_LINK_CHARS};
use healthscore_core::library::file_name;
use healthscore_core::sql::{export_sql, Dialect, SqlOptions};
use leptos::prelude::*;

/// Reads a picked or dropped file and imports it; the outcome lands in `message`.
pub fn import_file(library: Library, file: web_sys::File, message: RwSignal<Option<Result<String, String>>>) {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES as f64 {
        let mb = file.size() / 1_048_576.0;
        message.set(Some(Err(format!("{name} was not imported: the file is {mb:.1} MB; a scorecard file is at most 2 MB. Nothing was changed."))));
        return;
    }
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
        let outcome = match text {
            None => Err(format!("{name} could not be read as text. Nothing was changed.")),
            Some(text) => match library.import_text(&text) {
                Ok(Imported::Opened) => Ok(format!("Imported {name}.")),
                // The replace-or-keep-both question speaks for itself.
                Ok(Imported::AskReplace | Imported::Cancelled) => return message.set(None),
                Err(reason) => Err(format!("{name} was not imported: {reason}. Nothing was changed.")),
            },
        };
        message.set(Some(outcome));
    });
}

/// Export, import and share controls for the open scorecard.
#[component]
pub fn FileActions(
    /// The library.
    library: Library,
    /// The last import's outcome, shared with the page-wide drop target.
    message: RwSignal<Option<Result<String, String>>>,
) -> impl IntoView {
    let pasting = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let link: RwSignal<Option<String>> = RwSignal::new(None);
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            import_file(library, file, message);
        }
        input.set_value("");
    };
    let import_pasted = move |_| {
        match library.import_text(&pasted.get_untracked()) {
            Ok(imported) => {
                let done = (imported == Imported::Opened).then(|| Ok("Imported the pasted scorecard.".to_owned()));
                message.set(done);
                if imported != Imported::Cancelled {
                    pasted.set(String::new());
                    pasting.set(false);
                }
            }
            Err(reason) => message.set(Some(Err(format!("The pasted text was not imported: {reason}. Nothing was changed.")))),
        }
    };
    let make_link = move |_| {
        // A link must open: a scorecard that import would refuse gets no link.
        if let Some(problem) = library.designer.card.with_untracked(import_problem) {
            link.set(None);
            message.set(Some(Err(format!("No share link yet: fix the scorecard first ({problem}); a link to it would not open."))));
            return;
        }
        let fragment = library.designer.card.with_untracked(encode);
        if fragment.len() > MAX_LINK_CHARS {
            message.set(Some(Err(format!("The scorecard is too large for a link ({} KB); export it as a file instead.", fragment.len() / 1024))));
            return;
        }
        let url = format!("{}#{fragment}", base_url());
        copy_to_clipboard(&url);
        message.set(None);
        link.set(Some(url));
    };
    let export = move |_| {
        library.export_file();
        let problem = library.designer.card.with_untracked(import_problem);
        message.set(problem.map(|p| Err(format!("Exported, but the file will be refused on import until the scorecard is fixed: {p}."))));
    };
    // A link describes one version of the card: an edit makes it stale, so hide it.
    Effect::new(move |_| {
        library.designer.card.track();
        if link.with_untracked(Option::is_some) {
            link.set(None);
        }
    });
    view! {
        <section class="panel file-actions" aria-label="Files and sharing">
            <div class="field-row">
                <button on:click=export>"Export scorecard (.json)"</button>
                <label class="file-button">
                    "Import scorecard file"
                    <input type="file" accept=".json,application/json" on:change=on_pick />
                </label>
                <button aria-expanded=move || pasting.get().to_string() on:click=move |_| pasting.update(|p| *p = !*p)>"Paste scorecard JSON"</button>
                <button on:click=make_link>"Share link"</button>
            </div>
            <p class="hint">"Or drop a .json scorecard file anywhere on the page."</p>
            <SqlExport library message />
            <Show when=move || pasting.get()>
                <label class="paste-json">
                    "Scorecard JSON"
                    <textarea rows="6" spellcheck="false" prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                </label>
                <button on:click=import_pasted>"Import pasted JSON"</button>
            </Show>
            {move || link.get().map(|url| view! {
                <div class="share-link">
                    <label>
                        {format!("Share link ({} characters, copied to the clipboard; the scorecard travels inside the link, never to a server)", url.len())}
                        <input type="text" readonly prop:value=url.clone() on:focus=move |ev| { let input: web_sys::HtmlInputElement = event_target(&ev); input.select(); } />
                    </label>
                </div>
            })}
            {move || message.get().map(|outcome| match outcome {
                Ok(text) => view! { <p class="import-ok" role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="field-problem" role="alert">{text}</p> }.into_any(),
            })}
            <ReplaceOrKeepBoth library />
        </section>
    }
}

/// The scorecard as one SQL query for the warehouse (docs/warehouse.md), in the chosen dialect.
#[component]
fn SqlExport(library: Library, message: RwSignal<Option<Result<String, String>>>) -> impl IntoView {
    let dialect = RwSignal::new(Dialect::DuckDb.name().to_owned());
    let export = move |_| {
        let Ok(chosen) = dialect.get_untracked().parse::<Dialect>() else { return };
        let outcome = library.designer.card.with_untracked(|card| {
            let valid = card.validate().map_err(|errors| {
                format!("The scorecard must be valid to export as SQL: {}", errors.first().map(ToString::to_string).unwrap_or_default())
            })?;
            let sql = export_sql(valid, &SqlOptions::table(chosen, "accounts")).map_err(|e| e.to_string())?;
            let name = file_name(&format!("{} {}", card.name, chosen.name()), "sql");
            crate::browser::download::download(&name, "application/sql;charset=utf-8", &sql)?;
            Ok(format!("Exported as {name}: one SELECT over a table named accounts; see docs/warehouse.md for dbt and scheduled queries."))
        });
        message.set(Some(outcome));
    };
    view! {
        <div class="field-row">
            <label>
                "SQL for "
                <select prop:value=move || dialect.get() on:change=move |ev| dialect.set(event_target_value(&ev))>
                    {Dialect::ALL.iter().map(|d| view! { <option value=d.name()>{d.name()}</option> }).collect_view()}
                </select>
            </label>
            <button on:click=export>"Export as SQL"</button>
        </div>
    }
}

/// Asks what to do when an imported scorecard has the same name as a saved one.
#[component]
fn ReplaceOrKeepBoth(library: Library) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H3>::new();
    // The question takes focus when it appears, so keyboard and screen-reader users meet it.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            request_animation_frame(move || {
                let _ = h.focus();
            });
        }
    });
    move || {
        library.pending.get().map(|pending| {
            let name = pending.card.name.clone();
            view! {
                <div class="dialog" role="dialog" aria-modal="false" aria-labelledby="namesake-heading">
                    <h3 id="namesake-heading" tabindex="-1" node_ref=heading>{format!("A scorecard named \u{201c}{name}\u{201d} is already in your library")}</h3>
                    <p>"Replace it with the imported one (you can undo), or keep both?"</p>
                    <button on:click=move |_| library.resolve_import(true)>"Replace"</button>
                    <button on:click=move |_| library.resolve_import(false)>"Keep both"</button>
                    <button on:click=move |_| library.cancel_import()>"Cancel"</button>
                </div>
            }
        })
    }
}
