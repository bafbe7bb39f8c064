//! The weights' total with over/under, the balancing buttons, and each category's total.

use crate::designer::Designer;
use crate::format;
use healthscore_core::weights::imbalance;
use leptos::prelude::*;

/// Total weight, "over by N" / "under by N", distribute and normalise buttons, category totals.
#[component]
pub fn WeightSummary(
    /// The scorecard being designed.
    designer: Designer,
) -> impl IntoView {
    let card = designer.card;
    let weights = Memo::new(move |_| card.with(|c| c.metrics.iter().map(|m| m.weight).collect::<Vec<f64>>()));
    let status = move || {
        weights.with(|w| {
            if w.is_empty() {
                return "No metrics yet: add one below, then weigh them to total 100".to_owned();
            }
            let total = format::number(w.iter().sum());
            match imbalance(w) {
                None => format!("Weights total {total}"),
                Some(off) => format!("Weights total {total}: {off}"),
            }
        })
    };
    let balanced = move || weights.with(|w| imbalance(w).is_none());
    let categories = move || {
        card.with(|c| {
            c.category_weights()
                .into_iter()
                .map(|(category, total)| {
                    view! {
                        <li>
                            <span>{category.label().to_owned()}</span>
                            " "
                            <strong>{format::number(total)}</strong>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="weight-summary">
            <p role="status" class="weight-total" class:off=move || !balanced()>{status}</p>
            <div class="weight-actions">
                <button on:click=move |_| designer.edit(None, |c| c.distribute_equally())>"Distribute equally"</button>
                <button on:click=move |_| designer.edit(None, |c| c.normalise_weights()) disabled=balanced>"Normalise to 100"</button>
            </div>
            <ul class="category-totals" aria-label="Weight by category">{categories}</ul>
        </div>
    }
}
