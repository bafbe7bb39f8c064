//! A metric's missing-value policy: score 0, a chosen sub-score, or leave out and rescale.

use crate::designer::Designer;
use crate::format;
use healthscore_core::{Metric, MissingPolicy};
use leptos::prelude::*;

/// Picks what a missing or unreadable value scores for one metric.
#[component]
pub fn MissingEditor(
    /// The scorecard being designed.
    designer: Designer,
    /// The metric's id.
    id: String,
    /// The metric as it is now.
    metric: Memo<Option<Metric>>,
) -> impl IntoView {
    let policy = Memo::new(move |_| metric.with(|m| m.as_ref().map(|m| m.missing.clone())));
    let kind = move || match policy.get() {
        Some(MissingPolicy::Value { .. }) => "value",
        Some(MissingPolicy::Exclude) => "exclude",
        _ => "zero",
    };
    let score = Memo::new(move |_| match policy.get() {
        Some(MissingPolicy::Value { score }) => Some(score),
        _ => None,
    });
    let (id_kind, id_value) = (id.clone(), id);
    view! {
        <div class="field-row">
            <label>
                "When missing "
                <select
                    prop:value=kind
                    on:change=move |ev| {
                        let policy = match event_target_value(&ev).as_str() {
                            "value" => MissingPolicy::Value { score: 50.0 },
                            "exclude" => MissingPolicy::Exclude,
                            _ => MissingPolicy::Zero,
                        };
                        designer.edit_metric(&id_kind, None, |m| m.missing = policy);
                    }
                >
                    <option value="zero">"Score 0"</option>
                    <option value="value">"Score a chosen value"</option>
                    <option value="exclude">"Leave out and rescale the rest"</option>
                </select>
            </label>
            <Show when=move || score.get().is_some()>
                <label>
                    "Missing scores (0-100) "
                    <input
                        type="number"
                        min="0"
                        max="100"
                        step="any"
                        prop:value=move || score.get().map(format::number).unwrap_or_default()
                        on:input={
                            let id = id_value.clone();
                            move |ev| {
                                if let Some(score) = format::parse(&event_target_value(&ev)) {
                                    designer.edit_metric(&id, Some(&format!("missing:{id}")), |m| m.missing = MissingPolicy::Value { score });
                                }
                            }
                        }
                        on:change=move |_| designer.seal()
                    />
                </label>
            </Show>
        </div>
    }
}
