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
    let summary = move || {
        results.moves.get().map(|moves| {
            let total: usize = moves.moves.iter().map(|(_, n)| n).sum();
            if total == 0 {
                return view! { {moves.summary()} }.into_any();
            }
            let noun = if total == 1 { "account" } else { "accounts" };
            let count = moves.moves.len();
            let phrases = moves.moves.into_iter().enumerate().map(|(i, ((from, to), n))| {
                let text = format!("{n} {from} to {to}");
                let pair = (from, to);
                view! {
                    <button class="link" on:click=move |_| show_focus(results, Focus::Moved(Some(pair.clone())))>{text}</button>
                    {if i + 1 < count { ", " } else { "." }}
                }
            }).collect_view();
            view! {
                <button class="link" on:click=move |_| show_focus(results, Focus::Moved(None))>{format!("{total} {noun} changed band")}</button>
                ": "
                {phrases}
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
