//! A band or grade label on its own colour.

use healthscore_core::Band;
use leptos::prelude::*;

/// Shows a band's label on its colour (readable on any colour), with its playbook as a tooltip.
#[component]
pub fn BandChip(
    /// The band to show.
    band: Band,
) -> impl IntoView {
    let playbook = band.playbook.summary();
    view! {
        <span
            class="band-chip"
            style=format!("--band-colour: {}", crate::format::colour(&band.colour))
            title=(!playbook.is_empty()).then(|| format!("Playbook. {playbook}"))
        >
            {band.label}
        </span>
    }
}
