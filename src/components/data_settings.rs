//! Which columns ride along with the score (account id, owner, plan, ARR) and the date that
//! "days since" and "days until" count from; saved with the scorecard.

use super::Fold;
use crate::designer::Designer;
use crate::results::Results;
use healthscore_core::Scorecard;
use leptos::prelude::*;

/// The carried-columns and as-of settings, folded away until wanted.
#[component]
pub fn DataSettingsPanel(
    /// The scorecard, where the settings are saved.
    designer: Designer,
    /// The data, for its headers.
    results: Results,
) -> impl IntoView {
    let card = designer.shape;
    let headers = Memo::new(move |_| results.parsed.with(|p| p.table.headers.clone()));
    let data = Memo::new(move |_| card.with(|c| c.data.clone()));
    let single = move |label: &'static str, get: fn(&Scorecard) -> Option<String>, set: fn(&mut Scorecard, Option<String>)| {
        let current = Memo::new(move |_| card.with(|c| get(c)).unwrap_or_default());
        let current = move || current.get();
        view! {
            <label>
                {label} " "
                <select on:change=move |ev| {
                    let value = event_target_value(&ev);
                    designer.edit(None, |c| set(c, (!value.is_empty()).then_some(value)));
                }>
                    <option value="" selected=move || current().is_empty()>"None"</option>
                    {move || headers.get().into_iter().map(|h| {
                        let selected = h == current();
                        view! { <option value=h.clone() selected=selected>{h.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    let carried = move || {
        headers.get().into_iter().map(|h| {
            let header = h.clone();
            let checked = move || data.with(|d| d.carried.contains(&header));
            let toggle = h.clone();
            view! {
                <label class="check">
                    <input type="checkbox" prop:checked=checked on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        designer.edit(None, |c| c.set_carried(&toggle, on));
                    } />
                    {h}
                </label>
            }
        }).collect_view()
    };
    let as_of = move || data.with(|d| d.as_of.clone().unwrap_or_default());
    let on_as_of = move |ev| {
        let value = event_target_value(&ev);
        let valid = healthscore_core::dates::Day::parse_iso(&value).is_some();
        designer.edit(None, |c| c.data.as_of = valid.then_some(value));
    };
    view! {
        <Fold class="data-settings" summary=|| "Columns kept beside the score, and the as-of date">
            <div class="field-row">
                {single("Account id column", |c| c.data.id_column.clone(), |c, v| c.data.id_column = v)}
                {single("ARR column (totalled per band)", |c| c.data.arr_column.clone(), |c, v| c.data.arr_column = v)}
            </div>
            <fieldset class="carried">
                <legend>"Columns kept beside the score (results table and scores CSV)"</legend>
                {carried}
            </fieldset>
            <div class="field-row">
                <label>
                    "Count days since / until from "
                    <input type="date" aria-label="As-of date" prop:value=as_of on:change=on_as_of />
                </label>
                <span class="hint">{move || if as_of().is_empty() { "Empty: today.".to_owned() } else { String::new() }}</span>
                <button on:click=move |_| designer.edit(None, |c| c.data.as_of = None) disabled=move || as_of().is_empty()>"Use today"</button>
            </div>
        </Fold>
    }
}
