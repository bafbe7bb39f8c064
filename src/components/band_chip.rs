//! A band or grade label on its own colour.

use healthscore_core::Band;
use leptos::prelude::*;

/// Shows a band's label on its colour; the text stays readable on any colour.
#[component]
pub fn BandChip(
    /// The band to show.
    band: Band,
) -> impl IntoView {
    view! {
        <span class="band-chip" style=format!("--band-colour: {}", band.colour)>
            {band.label}
        </span>
    }
}
