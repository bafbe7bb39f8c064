//! Scorecard files and links: export, import (file picker, paste), share link, and the
//! "replace or keep both" question when an import has a namesake.

use crate::browser::location::{base_url, copy_to_clipboard};
use crate::library::Library;
use healthscore_core::file::MAX_FILE_BYTES;
use healthscore_core::share::encode;
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
                Ok(()) => Ok(format!("Imported {name}.")),
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
            Ok(()) => {
                message.set(Some(Ok("Imported the pasted scorecard.".to_owned())));
                pasted.set(String::new());
                pasting.set(false);
            }
            Err(reason) => message.set(Some(Err(format!("The pasted text was not imported: {reason}. Nothing was changed.")))),
        }
    };
    let make_link = move |_| {
        let url = format!("{}#{}", base_url(), library.designer.card.with_untracked(encode));
        copy_to_clipboard(&url);
        link.set(Some(url));
    };
    // A link describes one version of the card: an edit makes it stale, so hide it.
    Effect::new(move |_| {
        library.designer.card.track();
        link.set(None);
    });
    view! {
        <section class="panel file-actions" aria-label="Files and sharing">
            <div class="field-row">
                <button on:click=move |_| library.export_file()>"Export scorecard (.json)"</button>
                <label class="file-button">
                    "Import scorecard file"
                    <input type="file" accept=".json,application/json" on:change=on_pick />
                </label>
                <button aria-expanded=move || pasting.get().to_string() on:click=move |_| pasting.update(|p| *p = !*p)>"Paste scorecard JSON"</button>
                <button on:click=make_link>"Share link"</button>
            </div>
            <p class="hint">"Or drop a .json scorecard file anywhere on the page."</p>
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

/// Asks what to do when an imported scorecard has the same name as a saved one.
#[component]
fn ReplaceOrKeepBoth(library: Library) -> impl IntoView {
    move || {
        library.pending.get().map(|pending| {
            let name = pending.card.name.clone();
            view! {
                <div class="dialog" role="dialog" aria-modal="false" aria-labelledby="namesake-heading">
                    <h3 id="namesake-heading">{format!("A scorecard named \u{201c}{name}\u{201d} is already in your library")}</h3>
                    <p>"Replace it with the imported one (you can undo), or keep both?"</p>
                    <button on:click=move |_| library.resolve_import(true)>"Replace"</button>
                    <button on:click=move |_| library.resolve_import(false)>"Keep both"</button>
                    <button on:click=move |_| library.pending.set(None)>"Cancel"</button>
                </div>
            }
        })
    }
}
