//! The list of saved scorecards: create (blank or template), open, rename, duplicate, delete with undo.

use crate::browser::now_ms;
use crate::library::Library;
use healthscore_core::library::age;
use healthscore_core::templates::{blank, TEMPLATES};
use leptos::prelude::*;

/// The library drawer.
#[component]
pub fn LibraryPanel(
    /// The library.
    library: Library,
) -> impl IntoView {
    let template = RwSignal::new("blank".to_owned());
    let create = move |_| {
        let id = template.get_untracked();
        let card = TEMPLATES.iter().find(|t| t.id == id).map_or_else(blank, |t| (t.build)());
        let mut card = card;
        card.name = library.free_name(&card.name);
        library.create(card);
    };
    // Ages are shown relative to a clock that ticks each minute.
    let now = RwSignal::new(now_ms());
    let tick = set_interval_with_handle(move || now.set(now_ms()), std::time::Duration::from_secs(30)).ok();
    on_cleanup(move || {
        if let Some(t) = tick {
            t.clear();
        }
    });
    view! {
        <nav class="panel library-panel" aria-labelledby="library-heading">
            <h2 id="library-heading">"Your scorecards"</h2>
            <div class="field-row">
                <label>
                    "Start from "
                    <select aria-label="Start from" on:change=move |ev| template.set(event_target_value(&ev))>
                        <option value="blank" selected>"Blank scorecard"</option>
                        {TEMPLATES.iter().map(|t| view! { <option value=t.id>{(t.build)().name}</option> }).collect_view()}
                    </select>
                </label>
                <button on:click=create>"New scorecard"</button>
            </div>
            <ul class="library-list" aria-label="Saved scorecards">
                <For each=move || library.entries.with(|e| e.iter().map(|e| e.id.clone()).collect::<Vec<_>>()) key=|id| id.clone() let:id>
                    <LibraryRow library id now />
                </For>
            </ul>
            {move || library.undo_delete.get().map(|undo| view! {
                <p class="toast" role="status">{undo.message}" "<button on:click=move |_| library.undo_delete()>"Undo delete"</button></p>
            })}
            <AsideList library />
        </nav>
    }
}

/// One saved scorecard: its name (opens it), age, and actions. Keyed by id, so a save or a
/// rename updates it in place and keyboard focus stays where it was.
#[component]
fn LibraryRow(library: Library, id: String, now: RwSignal<f64>) -> impl IntoView {
    let id = StoredValue::new(id);
    let entry = Memo::new(move |_| library.entries.with(|e| e.iter().find(|e| e.id == id.get_value()).cloned()));
    let name = Signal::derive(move || entry.with(|e| e.as_ref().map(|e| e.name.clone()).unwrap_or_default()));
    let renaming = RwSignal::new(false);
    let is_open = move || library.current.get().as_deref() == Some(id.get_value().as_str());
    let rename_box = NodeRef::<leptos::html::Input>::new();
    // Typing starts at once: the box takes focus with its text selected.
    Effect::new(move |_| {
        if let Some(input) = rename_box.get() {
            // After this frame the box is in the document and can take focus.
            request_animation_frame(move || {
                let _ = input.focus();
                input.select();
            });
        }
    });
    let commit = move |value: String| {
        if renaming.get_untracked() {
            renaming.set(false);
            if !value.trim().is_empty() && value != name.get_untracked() {
                library.rename(&id.get_value(), value);
            }
        }
    };
    view! {
        <li class="library-row" class:open=is_open>
            <Show
                when=move || renaming.get()
                fallback=move || view! {
                    <button class="entry-open" aria-current=move || is_open().then_some("true")
                        on:click=move |_| library.open(&id.get_value())>{name}</button>
                }
            >
                <input type="text" maxlength="10000" node_ref=rename_box aria-label=move || format!("New name for {}", name.get()) value=name.get_untracked()
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            commit(event_target_value(&ev));
                        } else if ev.key() == "Escape" {
                            renaming.set(false);
                        }
                    }
                    on:blur=move |ev| commit(event_target_value(&ev)) />
            </Show>
            <span class="entry-age">{move || format!("saved {}", age(now.get(), entry.with(|e| e.as_ref().map_or(0.0, |e| e.saved_at))))}</span>
            <span class="entry-actions">
                <button aria-label=move || format!("Rename {}", name.get()) on:click=move |_| renaming.set(true)>"Rename"</button>
                <button aria-label=move || format!("Duplicate {}", name.get()) on:click=move |_| library.duplicate(&id.get_value())>"Duplicate"</button>
                <button aria-label=move || format!("Delete {}", name.get()) on:click=move |_| library.delete(&id.get_value())>"Delete"</button>
            </span>
        </li>
    }
}

/// Entries that could not be read and were moved aside: download or delete, the user's choice.
#[component]
fn AsideList(library: Library) -> impl IntoView {
    move || {
        let aside = library.aside.get();
        (!aside.is_empty()).then(|| view! {
            <section class="aside-list" aria-labelledby="aside-heading">
                <h3 id="aside-heading">"Set aside: could not be read"</h3>
                <ul>
                    {aside.into_iter().map(|a| {
                        let key = StoredValue::new(a.key.clone());
                        view! {
                            <li>
                                <code>{a.key.clone()}</code>" "<span>{a.reason.clone()}</span>" "
                                <button on:click=move |_| library.download_aside(&key.get_value())>"Download it"</button>
                                <button on:click=move |_| library.delete_aside(&key.get_value())>"Delete it for good"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
