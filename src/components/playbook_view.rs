//! A band's playbook as a short definition list: owner, first response, plays, don'ts.

use healthscore_core::Playbook;
use leptos::prelude::*;

/// Shows the filled-in parts of a playbook; empty parts are left out.
#[component]
pub fn PlaybookView(
    /// The playbook to show.
    playbook: Playbook,
) -> impl IntoView {
    let parts = [
        ("Owner", playbook.owner),
        ("First response", playbook.first_response),
        ("Plays", playbook.plays),
        ("Don'ts", playbook.donts),
    ];
    view! {
        <dl class="playbook-view">
            {parts.into_iter().filter(|(_, text)| !text.trim().is_empty()).map(|(name, text)| view! {
                <div><dt>{name}</dt><dd>{text}</dd></div>
            }).collect_view()}
        </dl>
    }
}
