//! The scorecard's metrics grouped by category, with each weight and category total.

use crate::format;
use healthscore_core::{Metric, Scorecard, Signal};
use leptos::prelude::*;

/// Read-only list of metrics by category, each with its weight.
#[component]
pub fn MetricList(
    /// The scorecard whose metrics are listed.
    card: RwSignal<Scorecard>,
) -> impl IntoView {
    move || {
        card.with(|card| {
            card.category_weights()
                .into_iter()
                .map(|(category, total)| {
                    let metrics: Vec<Metric> = card
                        .metrics
                        .iter()
                        .filter(|m| m.category == category)
                        .cloned()
                        .collect();
                    let label = category.label().to_owned();
                    let aria_label = label.clone();
                    view! {
                        <section class="category" aria-label=aria_label>
                            <h3>
                                <span>{label}</span>
                                <span class="category-total">{format::number(total)}</span>
                            </h3>
                            <ul class="metric-list">
                                {metrics.into_iter().map(metric_row).collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()
        })
    }
}

fn metric_row(metric: Metric) -> impl IntoView {
    let signal = match metric.signal {
        Signal::Leading => "leading",
        Signal::Lagging => "lagging",
    };
    view! {
        <li class="metric">
            <span class="metric-name">{metric.name}</span>
            <span class="metric-signal">{signal}</span>
            <span class="metric-weight" aria-label="weight">{format::number(metric.weight)}</span>
        </li>
    }
}
