//! Lists what is wrong with the scorecard, so scores are never shown as valid when they are not.

use healthscore_core::CardError;
use leptos::prelude::*;

/// An alert listing every validation error; empty when the card is valid.
#[component]
pub fn ValidationBanner(
    /// The scorecard's current errors.
    errors: Memo<Vec<CardError>>,
) -> impl IntoView {
    move || {
        let errors = errors.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="validation-banner" role="alert">
                    <p>"Scores are not valid until the scorecard is fixed:"</p>
                    <ul>
                        {errors.iter().map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
