//! What-if comparison: pin the current scores, keep editing, see who changed band.

use crate::components::show_focus;
use crate::results::{Focus, Results};
use leptos::prelude::*;

/// "Pin as baseline" / "Unpin" and a one-line summary of band changes.
#[component]
pub fn WhatIf(
    /// The scores, and the baseline they are compared with.
    results: Results,
) -> impl IntoView {
    let baseline = results.baseline;
    let pinned = move || baseline.with(Option::is_some);
    let toggle = move |_| {
        if pinned() {
            baseline.set(None);
            if matches!(results.focus.get_untracked(), Some(Focus::Moved(_))) {
                results.focus.set(None);
            }
        } else {
            results.pin();
        }
    };
    // The summary sentence, each of its phrases a link that narrows the table to those accounts.
    // Its links are made when a move appears or goes; a drag rewrites their counts.
    let total = results.moved_total();
    let pairs = results.moved_pairs();
    let moved = Memo::new(move |_| total.get().map(|n| n > 0));
    let phrase = move |pair: (String, String)| {
        let (shown, last) = (pair.clone(), pair.clone());
        let text = move || format!("{} {} to {}", results.moved_count(&shown), shown.0, shown.1);
        let after = move || if pairs.with(|p| p.last() == Some(&last)) { "." } else { ", " };
        view! {
            <button class="link" on:click=move |_| show_focus(results, Focus::Moved(Some(pair.clone())))>{text}</button>
            {after}
        }
    };
    let summary = move || {
        moved.get().map(|moved| {
            if !moved {
                return view! { {move || results.moves.with(|m| m.as_ref().map(|m| m.summary()).unwrap_or_default())} }.into_any();
            }
            let total_text = move || {
                let n = total.get().unwrap_or(0);
                format!("{n} {} changed band", if n == 1 { "account" } else { "accounts" })
            };
            view! {
                <button class="link" on:click=move |_| show_focus(results, Focus::Moved(None))>{total_text}</button>
                ": "
                <For each=move || pairs.get() key=|pair| pair.clone() children=phrase />
            }.into_any()
        })
    };
    view! {
        <div class="what-if">
            <button aria-pressed=move || pinned().to_string() on:click=toggle>
                {move || if pinned() { "Unpin baseline" } else { "Pin as baseline" }}
            </button>
            <p role="status" class="what-if-summary">{summary}</p>
        </div>
    }
}
