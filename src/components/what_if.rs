//! What-if comparison: pin the current scores, keep editing, see who changed band.

use crate::results::Results;
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
        } else {
            results.pin();
        }
    };
    let summary = move || {
        let base = baseline.get()?;
        Some(results.card.with(|c| {
            results.scores.with(|s| {
                results.parsed.with(|p| {
                    let column = p.table.name_column();
                    let same = |row: usize| base.same_account(p.version(), row, p.table.cell(row, column));
                    base.scores.moves(s, &c.bands, same).summary()
                })
            })
        }))
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
