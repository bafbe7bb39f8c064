//! What-if comparison: pin the current scores, keep editing, see who changed band.

use crate::designer::Designer;
use healthscore_core::insight::{compare, pin, summarise, Pinned};
use healthscore_core::AccountScore;
use leptos::prelude::*;

/// "Pin as baseline" / "Unpin" and a one-line summary of band changes.
#[component]
pub fn WhatIf(
    /// The scorecard, for bands.
    designer: Designer,
    /// The scored accounts.
    results: Memo<Vec<AccountScore>>,
    /// The pinned baseline.
    baseline: RwSignal<Option<Vec<Pinned>>>,
) -> impl IntoView {
    let card = designer.card;
    let pinned = move || baseline.with(Option::is_some);
    let toggle = move |_| {
        if pinned() {
            baseline.set(None);
        } else {
            let frozen = card.with_untracked(|c| results.with_untracked(|r| pin(r, &c.bands)));
            baseline.set(Some(frozen));
        }
    };
    let summary = move || {
        baseline.with(|b| {
            b.as_ref().map(|b| card.with(|c| results.with(|r| summarise(&compare(b, r, &c.bands)))))
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
