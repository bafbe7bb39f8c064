//! The metric editors, in card order or grouped by category with each category's total weight.

use crate::components::MetricEditor;
use crate::designer::Designer;
use crate::format;
use leptos::prelude::*;

/// Metric editors built for the page's first frame: about a screen of them.
const FIRST_FRAME_METRICS: usize = 4;

/// All metric editors; a toggle groups them by category.
#[component]
pub fn MetricList(
    /// The scorecard being designed.
    designer: Designer,
    /// The pasted data's headers, for column pickers.
    headers: Memo<Vec<String>>,
) -> impl IntoView {
    // Ids and categories from the shape: a weight drag does not touch them.
    let card = designer.shape;
    let grouped = RwSignal::new(false);
    let ids = Memo::new(move |_| card.with(|c| c.metrics.iter().map(|m| m.id.clone()).collect::<Vec<_>>()));
    // The editors below the first screen are built once the browser is idle after it.
    let first_frame_done = crate::browser::after_first_frame();
    let shown = move || {
        let ids = ids.get();
        let count = if first_frame_done.get() { ids.len() } else { ids.len().min(FIRST_FRAME_METRICS) };
        ids.into_iter().take(count).collect::<Vec<_>>()
    };
    let categories = Memo::new(move |_| {
        card.with(|c| c.category_weights().into_iter().map(|(cat, _)| cat.label().to_owned()).collect::<Vec<_>>())
    });
    view! {
        <label class="group-toggle">
            <input type="checkbox" prop:checked=move || grouped.get() on:change=move |ev| grouped.set(event_target_checked(&ev)) />
            " Group by category"
        </label>
        <Show
            when=move || grouped.get()
            fallback=move || view! {
                <ol class="metric-editors">
                    <For each=shown key=|id| id.clone() let:id>
                        <MetricEditor designer=designer id=id headers=headers />
                    </For>
                </ol>
            }
        >
            <For each=move || categories.get() key=|label| label.clone() let:label>
                <CategoryGroup designer=designer label=label headers=headers />
            </For>
        </Show>
    }
}

/// One category's heading with its total weight, and its metrics' editors.
#[component]
fn CategoryGroup(designer: Designer, label: String, headers: Memo<Vec<String>>) -> impl IntoView {
    let (card, shape) = (designer.card, designer.shape);
    let (label_total, label_ids) = (label.clone(), label.clone());
    let total = Memo::new(move |_| {
        card.with(|c| c.metrics.iter().filter(|m| m.category.label() == label_total).map(|m| m.weight).sum::<f64>())
    });
    let ids = Memo::new(move |_| {
        shape.with(|c| c.metrics.iter().filter(|m| m.category.label() == label_ids).map(|m| m.id.clone()).collect::<Vec<_>>())
    });
    let heading = label.clone();
    view! {
        <section class="category-group" aria-label=label>
            <h3><span>{heading}</span> <span class="category-total">{move || format::number(total.get())}</span></h3>
            <ol class="metric-editors">
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <MetricEditor designer=designer id=id headers=headers />
                </For>
            </ol>
        </section>
    }
}
