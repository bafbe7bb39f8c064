//! Adds a metric from the DEAR catalog, or a blank one, at weight 0 so the total stays 100.

use crate::designer::Designer;
use healthscore_core::file::MAX_METRICS;
use healthscore_core::templates::catalog::CATALOG;
use healthscore_core::{Category, Input, Metric, MissingPolicy, Rule, Signal};
use leptos::prelude::*;

fn blank_metric() -> Metric {
    Metric {
        id: "metric".to_owned(),
        name: "New metric".to_owned(),
        category: Category::Adoption,
        signal: Signal::Leading,
        weight: 0.0,
        input: Input::Column("New metric".to_owned()),
        rule: Rule::Linear { floor: 0.0, target: 100.0 },
        missing: MissingPolicy::Zero,
        read: Default::default(),
        locked: false,
    }
}

/// A catalog picker and an "add" button, plus "add a blank metric".
#[component]
pub fn AddMetric(
    /// The scorecard being designed.
    designer: Designer,
) -> impl IntoView {
    let picked = RwSignal::new(0usize);
    let add = move |metric: Metric| designer.edit(None, |c| {
        c.add_metric(metric);
    });
    // A file holds at most this many metrics; past it, export would be refused on import.
    let full = move || designer.shape.with(|c| c.metrics.len() >= MAX_METRICS);
    view! {
        <div class="add-metric">
            <label>
                "Catalog metric "
                <select on:change=move |ev| picked.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {CATALOG.iter().enumerate().map(|(i, entry)| view! { <option value=i.to_string()>{entry.name}</option> }).collect_view()}
                </select>
            </label>
            <button disabled=full on:click=move |_| {
                if let Some(entry) = CATALOG.get(picked.get_untracked()) {
                    add((entry.build)());
                }
            }>"Add from catalog"</button>
            <button disabled=full on:click=move |_| add(blank_metric())>"Add blank metric"</button>
            <p class="hint">"New metrics start at weight 0: drag their slider to give them weight."</p>
        </div>
    }
}
