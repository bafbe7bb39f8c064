//! The first screen of a blank scorecard: what to do first, in order, instead of an error.

use leptos::prelude::*;

/// Three steps to a first score, shown where the scores will appear.
#[component]
pub fn FirstSteps() -> impl IntoView {
    view! {
        <div class="first-steps" role="note" aria-label="Getting started">
            <p><strong>"A blank scorecard: scores appear here once it has a metric."</strong></p>
            <ol>
                <li>"Add a metric under Metrics: \u{201c}Add from catalog\u{201d} offers usage, logins, NPS and more, each with a rule to start from; or start from a template with \u{201c}Start from\u{201d} and \u{201c}New scorecard\u{201d}."</li>
                <li>"Paste accounts from a spreadsheet, open a .csv file, or load the demo accounts."</li>
                <li>"Drag the weights until they total 100 and set where each band starts. Every score follows as you move them."</li>
            </ol>
        </div>
    }
}
