//! Banners about the library's state: saved or not, another tab's change, a link's scorecard, storage notices.

use crate::library::{Conflict, Library, SaveState};
use leptos::prelude::*;

/// "Saved just now" or "Not saved: ...", always visible next to the name.
#[component]
pub fn SaveStatus(
    /// The library.
    library: Library,
) -> impl IntoView {
    view! {
        <p class="save-status" role="status" class:unsaved=move || matches!(library.state.get(), SaveState::NotSaved(_))>
            {move || match library.state.get() {
                SaveState::Saved(_) => "Saved".to_owned(),
                SaveState::Pending => "Saving\u{2026}".to_owned(),
                SaveState::NotSaved(why) => format!("Not saved: {why}"),
            }}
        </p>
    }
}

/// Another tab changed or deleted this scorecard: autosave is paused until the user chooses.
#[component]
pub fn ConflictBanner(
    /// The library.
    library: Library,
) -> impl IntoView {
    move || {
        library.conflict.get().map(|conflict| {
            let what = match conflict {
                Conflict::Changed => "This scorecard was changed in another tab.",
                Conflict::Deleted => "This scorecard was deleted in another tab.",
            };
            view! {
                <div class="notice conflict" role="alert">
                    <span>{what}" Saving here is paused so neither tab's work is overwritten."</span>
                    {(conflict == Conflict::Changed).then(|| view! {
                        <button on:click=move |_| library.take_theirs()>"Load the other tab's version"</button>
                    })}
                    <button on:click=move |_| library.keep_mine()>"Keep mine as a copy"</button>
                </div>
            }
        })
    }
}

/// A scorecard opened from a share link is not in the library until the user says so.
#[component]
pub fn LinkBanner(
    /// The library.
    library: Library,
) -> impl IntoView {
    move || {
        library.from_link.get().then(|| view! {
            <div class="notice link-banner" role="region" aria-label="Opened from a share link">
                <span>{move || format!("\u{201c}{}\u{201d} was opened from a share link. It is not in your library yet.", library.designer.card.with(|c| c.name.clone()))}</span>
                <button on:click=move |_| library.keep_link()>"Save to my library"</button>
                <button on:click=move |_| library.discard_link()>"Discard"</button>
            </div>
        })
    }
}

/// Storage problems in plain words, each dismissible, with an export offer when work is only in memory.
#[component]
pub fn StorageNotices(
    /// The library.
    library: Library,
) -> impl IntoView {
    view! {
        <For each=move || library.notices.get() key=|n| n.text.clone() let:notice>
            <StorageNotice library notice />
        </For>
    }
}

/// One notice; kept as it is while others come and go, so screen readers hear it once.
#[component]
fn StorageNotice(library: Library, notice: healthscore_core::library::Notice) -> impl IntoView {
    let text = StoredValue::new(notice.text.clone());
    view! {
        <div class="notice" role="alert">
            <span>{notice.text.clone()}</span>
            {notice.offer_export.then(|| view! { <button on:click=move |_| library.export_file()>"Export scorecard"</button> })}
            <button on:click=move |_| library.dismiss(text.get_value())>"Dismiss"</button>
        </div>
    }
}
