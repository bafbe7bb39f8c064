//! A folded section (`<details>`) whose body is built only while it is open.
//!
//! A closed `<details>` still holds its body in the DOM: built on load, kept up to date on
//! every change, though nobody sees it. The column mapping alone is a select per metric with
//! an option per column; built only when opened, the folded sections cost a first visit
//! neither their nodes nor their code.

use leptos::prelude::*;

/// `<details class=class>` with `summary` always shown and `children` only while open, by the
/// user or by `open` (something inside needs the user's attention; they may still fold it).
#[component]
pub fn Fold(
    /// The section's class.
    class: &'static str,
    /// The summary line.
    #[prop(into)]
    summary: ViewFn,
    /// Opens the section from outside while true.
    #[prop(optional, into)]
    open: Option<Signal<bool>>,
    /// The body.
    children: ChildrenFn,
) -> impl IntoView {
    let toggled = RwSignal::new(false);
    let asked = move || open.is_some_and(|o| o.get());
    // Opened from outside: the toggle event that follows records it as the user's state.
    let shown = move || toggled.get() || asked();
    view! {
        <details
            class=class
            prop:open=move || asked() || toggled.get_untracked()
            on:toggle=move |ev| toggled.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
        >
            <summary>{summary.run()}</summary>
            <Show when=shown>{children()}</Show>
        </details>
    }
}
