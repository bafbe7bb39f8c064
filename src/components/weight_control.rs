//! A metric's weight: a slider that keeps the total at 100, a number box that does not, and a lock.

use crate::sensitivities::Sensitivities;
use crate::designer::Designer;
use crate::format;
use healthscore_core::Metric;
use leptos::prelude::*;

/// Slider (drag: others move in proportion), number box (typed: only this one
/// changes, the total may go over or under) and a lock that pins the weight.
#[component]
pub fn WeightControl(
    /// The scorecard being designed.
    designer: Designer,
    /// The metric's id.
    id: String,
    /// The metric as it is now, but for its weight (see [`Designer::shape`]).
    metric: Memo<Option<Metric>>,
) -> impl IntoView {
    // The weight from the card itself; the lock and the name from the shape, which a drag
    // leaves still.
    let weight = designer.read_metric(id.clone(), |m| m.weight);
    let weight = move || weight.get().unwrap_or(0.0);
    let locked = Memo::new(move |_| metric.with(|m| m.as_ref().is_some_and(|m| m.locked)));
    let name = Memo::new(move |_| metric.with(|m| m.as_ref().map(|m| m.name.clone()).unwrap_or_default()));
    let (id_drag, id_type, id_lock) = (id.clone(), id.clone(), id);
    let on_drag = move |ev| {
        let Some(value) = format::parse(&event_target_value(&ev)) else { return };
        let Some(index) = designer.index_of(&id_drag) else { return };
        designer.edit(Some(&format!("weight:{id_drag}")), |c| c.drag_weight(index, value));
    };
    let on_type = move |ev| {
        let Some(value) = format::parse(&event_target_value(&ev)) else { return };
        let Some(index) = designer.index_of(&id_type) else { return };
        designer.edit(Some(&format!("typed-weight:{id_type}")), |c| c.type_weight(index, value));
    };
    let index_of = id_lock.clone();
    let toggle_lock = move |_| designer.edit_metric(&id_lock, None, |m| m.locked = !m.locked);
    // How many accounts change band if this slider moves 5 points either way.
    let moves = use_context::<Sensitivities>().map(|s| s.0);
    let shift = move || {
        let index = designer.index_of(&index_of)?;
        moves?.with(|m| m.as_ref().and_then(|(m, n)| Some((m.get(index).copied()?, *n))))
    };
    let sensitivity = move || {
        let (s, accounts) = shift()?;
        let n = |x: Option<healthscore_core::sensitivity::Shift>| x.map_or("\u{2013}".to_owned(), |x| x.accounts.to_string());
        let most = s.up.map_or(0, |x| x.accounts).max(s.down.map_or(0, |x| x.accounts));
        let share = if accounts > 0 { most as f64 / accounts as f64 * 100.0 } else { 0.0 };
        Some(view! {
            <p class="sensitivity" title=format!("Accounts (of {accounts}) that change band if this weight moves by 5 points, the others rebalanced as the slider does")>
                <span class="sensitivity-bar" aria-hidden="true"><span style=format!("width: {:.1}%", share.min(100.0))></span></span>
                {format!("+5: {} change band \u{b7} \u{2212}5: {}", n(s.up), n(s.down))}
            </p>
        })
    };
    view! {
        <div class="weight-control" class:locked=locked>
            <input
                type="range"
                min="0"
                max="100"
                step="1"
                aria-label=move || format!("Weight of {}", name.get())
                prop:value=move || weight().to_string()
                disabled=locked
                on:input=on_drag
                on:change=move |_| designer.seal()
            />
            <input
                type="number"
                class="weight-number"
                min="0"
                max="100"
                step="any"
                aria-label=move || format!("Weight of {}", name.get())
                prop:value=move || format::number(weight())
                on:input=on_type
                on:change=move |_| designer.seal()
            />
            <button
                class="lock"
                aria-label=move || format!("Lock weight of {}", name.get())
                aria-pressed=move || locked.get().to_string()
                title="A locked weight stays put while other weights are dragged"
                on:click=toggle_lock
            >
                {move || if locked.get() { "Locked" } else { "Lock" }}
            </button>
        </div>
        // The line keeps its place while the figures are computed, so nothing below it jumps.
        <div class="sensitivity-slot">{sensitivity}</div>
    }
}
