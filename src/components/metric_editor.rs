//! One metric, editable in place: name, weight, category, columns, rule, missing policy, actions.

use crate::components::{MissingEditor, RuleEditor, WeightControl};
use crate::designer::Designer;
use healthscore_core::describe::{missing_sentence, rule_sentence};
use healthscore_core::{Category, Input, Metric, ReadAs, Signal as Lead};
use leptos::prelude::*;

/// The editor of the metric with id `id`; removed when the metric is deleted.
#[component]
pub fn MetricEditor(
    /// The scorecard being designed.
    designer: Designer,
    /// The metric's id.
    id: String,
    /// The pasted data's column headers, to pick columns from.
    headers: Memo<Vec<String>>,
) -> impl IntoView {
    let metric = designer.metric(id.clone());
    let read = move |f: fn(&Metric) -> String| move || metric.with(|m| m.as_ref().map(f).unwrap_or_default());
    // A memo, not a derived signal: an edit of the rule or the input changes the metric, and
    // the name's dozen readers (labels of the editor and its buttons) then stay still.
    let name: Signal<String> = Memo::new(move |_| metric.with(|m| m.as_ref().map(|m| m.name.clone()).unwrap_or_default())).into();
    // The sentence names the points at the current weight: from the card itself.
    let sentence = designer.read_metric(id.clone(), rule_sentence);
    let sentence = move || sentence.get().unwrap_or_default();
    let missing = read(|m| missing_sentence(&m.missing));
    let (id_drag, id_drop, id_name) = (id.clone(), id.clone(), id.clone());
    let position = move || designer.shape.with(|c| c.metrics.iter().position(|m| m.id == id_drop));
    let open = RwSignal::new(false);
    let id_open = id.clone();

    view! {
        <li
            class="metric-editor"
            aria-label=name
            on:dragover=move |ev| ev.prevent_default()
            on:drop=move |ev| {
                ev.prevent_default();
                let (Some(from_id), Some(to)) = (designer.dragging.get_untracked(), position()) else { return };
                if let Some(from) = designer.index_of(&from_id) {
                    designer.edit(None, |c| c.move_metric(from, to));
                }
                designer.dragging.set(None);
            }
        >
            <div class="metric-head">
                // Only the handle drags the card: a draggable card would swallow slider drags.
                <span
                    class="drag-handle"
                    aria-hidden="true"
                    title="Drag to reorder"
                    draggable="true"
                    on:dragstart=move |_| designer.dragging.set(Some(id_drag.clone()))
                    on:dragend=move |_| designer.dragging.set(None)
                >"⠿"</span>
                <input
                    class="metric-name-input"
                    type="text"
                    maxlength="10000"
                    aria-label=move || format!("Name of {}", name.get())
                    prop:value=move || name.get()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        designer.edit_metric(&id_name, Some(&format!("name:{id_name}")), |m| m.name = value);
                    }
                    on:change=move |_| designer.seal()
                />
                <MetricActions designer=designer id=id.clone() name=name />
            </div>
            <WeightControl designer=designer id=id.clone() metric=metric />
            <p class="rule-sentence">{sentence}</p>
            <p class="missing-policy">{missing}</p>
            // The editors exist only while open: a 200-metric card costs no DOM for them.
            <details
                class="metric-details"
                on:toggle=move |ev| open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))
            >
                <summary>{move || format!("Edit {}", name.get())}</summary>
                <Show when=move || open.get()>
                    <ClassificationFields designer=designer id=id_open.clone() metric=metric />
                    <InputFields designer=designer id=id_open.clone() metric=metric headers=headers />
                    <RuleEditor designer=designer id=id_open.clone() metric=metric />
                    <MissingEditor designer=designer id=id_open.clone() metric=metric />
                </Show>
            </details>
        </li>
    }
}

/// Move up / down, duplicate and delete buttons for one metric.
#[component]
fn MetricActions(
    /// The scorecard being designed.
    designer: Designer,
    /// The metric's id.
    id: String,
    /// The metric's name, for the buttons' accessible names.
    name: Signal<String>,
) -> impl IntoView {
    let count = Memo::new(move |_| designer.shape.with(|c| c.metrics.len()));
    let index = {
        let id = id.clone();
        Memo::new(move |_| designer.shape.with(|c| c.metrics.iter().position(|m| m.id == id)))
    };
    let shift = move |by: isize| {
        let Some(from) = index.get_untracked() else { return };
        let to = from as isize + by;
        if to >= 0 && (to as usize) < count.get_untracked() {
            designer.edit(None, |c| c.move_metric(from, to as usize));
        }
    };
    let duplicate = move |_| {
        if let Some(i) = index.get_untracked() {
            designer.edit(None, |c| {
                c.duplicate_metric(i);
            });
        }
    };
    let delete = move |_| {
        if let Some(i) = index.get_untracked() {
            let label = name.get_untracked();
            designer.edit(None, |c| {
                c.remove_metric(i);
            });
            designer.toast.set(Some(format!("Deleted {label}.")));
        }
    };
    view! {
        <div class="metric-actions">
            <button
                aria-label=move || format!("Move {} up", name.get())
                disabled=move || index.get() == Some(0)
                on:click=move |_| shift(-1)
            >"↑"</button>
            <button
                aria-label=move || format!("Move {} down", name.get())
                disabled=move || index.get().map(|i| i + 1) == Some(count.get())
                on:click=move |_| shift(1)
            >"↓"</button>
            // The visible word is part of the name (WCAG 2.5.3), as on the library's own Duplicate.
            <button aria-label=move || format!("Duplicate {}", name.get()) on:click=duplicate>"Duplicate"</button>
            <button aria-label=move || format!("Delete {}", name.get()) on:click=delete class="danger">"Delete"</button>
        </div>
    }
}

const DEAR: [Category; 4] = [Category::Deployment, Category::Engagement, Category::Adoption, Category::Roi];

/// Category (DEAR or custom) and leading / lagging.
#[component]
fn ClassificationFields(
    /// The scorecard being designed.
    designer: Designer,
    /// The metric's id.
    id: String,
    /// The metric as it is now.
    metric: Memo<Option<Metric>>,
) -> impl IntoView {
    let category = Memo::new(move |_| metric.with(|m| m.as_ref().map(|m| m.category.clone())));
    let choice = move || match category.get() {
        Some(Category::Custom(_)) => "custom".to_owned(),
        Some(c) => c.label().to_lowercase(),
        None => String::new(),
    };
    let custom_name = move || match category.get() {
        Some(Category::Custom(name)) => Some(name),
        _ => None,
    };
    let (id_cat, id_custom, id_signal) = (id.clone(), id.clone(), id);
    let on_category = move |ev| {
        let value = event_target_value(&ev);
        let category = DEAR
            .iter()
            .find(|c| c.label().to_lowercase() == value)
            .cloned()
            .unwrap_or_else(|| Category::Custom("Custom".to_owned()));
        designer.edit_metric(&id_cat, None, |m| m.category = category);
    };
    let leading = move || metric.with(|m| m.as_ref().map(|m| m.signal) == Some(Lead::Leading));
    view! {
        <div class="field-row">
            <label>
                "Category "
                <select prop:value=choice on:change=on_category>
                    {DEAR.iter().map(|c| view! { <option value=c.label().to_lowercase()>{c.label().to_owned()}</option> }).collect_view()}
                    <option value="custom">"Custom…"</option>
                </select>
            </label>
            {move || custom_name().map(|name| {
                let id = id_custom.clone();
                view! {
                    <label>
                        "Custom category name "
                        <input
                            type="text"
                    maxlength="10000"
                            prop:value=name
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                designer.edit_metric(&id, None, |m| m.category = Category::Custom(value));
                            }
                        />
                    </label>
                }
            })}
            <label>
                "Signal "
                <select
                    prop:value=move || if leading() { "leading" } else { "lagging" }
                    on:change=move |ev| {
                        let signal = if event_target_value(&ev) == "leading" { Lead::Leading } else { Lead::Lagging };
                        designer.edit_metric(&id_signal, None, |m| m.signal = signal);
                    }
                >
                    <option value="leading">"Leading"</option>
                    <option value="lagging">"Lagging"</option>
                </select>
            </label>
        </div>
    }
}

/// The column (or the two ratio columns) the metric reads, picked from the data's headers.
#[component]
fn InputFields(
    /// The scorecard being designed.
    designer: Designer,
    /// The metric's id.
    id: String,
    /// The metric as it is now.
    metric: Memo<Option<Metric>>,
    /// The pasted data's headers.
    headers: Memo<Vec<String>>,
) -> impl IntoView {
    let input = Memo::new(move |_| metric.with(|m| m.as_ref().map(|m| m.input.clone())));
    let is_ratio = move || matches!(input.get(), Some(Input::Ratio { .. }));
    let id_kind = id.clone();
    let id_kind_read = id.clone();
    let on_kind = move |ev| {
        let ratio = event_target_value(&ev) == "ratio";
        designer.edit_metric(&id_kind, None, |m| {
            m.input = match (&m.input, ratio) {
                (Input::Column(c), true) => Input::Ratio { numerator: c.clone(), denominator: "Licensed seats".to_owned() },
                (Input::Ratio { numerator, .. }, false) => Input::Column(numerator.clone()),
                (other, _) => other.clone(),
            };
        });
    };
    let picker = move |label: &'static str, which: usize| {
        let id = id.clone();
        let current = move || input.with(|i| i.as_ref().and_then(|i| i.columns().get(which).map(|c| c.to_string())).unwrap_or_default());
        view! {
            <ColumnSelect
                label=label
                current=Signal::derive(current)
                headers=headers
                on_pick=Callback::new(move |column: String| {
                    designer.edit_metric(&id, None, |m| match (&mut m.input, which) {
                        (Input::Column(c), _) => *c = column,
                        (Input::Ratio { numerator, .. }, 0) => *numerator = column,
                        (Input::Ratio { denominator, .. }, _) => *denominator = column,
                    });
                })
            />
        }
    };
    let numerator = picker.clone();
    let read = Memo::new(move |_| metric.with(|m| m.as_ref().map(|m| m.read).unwrap_or_default()));
    let id_read = id_kind_read.clone();
    let on_read = move |ev| {
        let read = match event_target_value(&ev).as_str() {
            "fraction" => ReadAs::Fraction,
            "days_since" => ReadAs::DaysSince,
            "days_until" => ReadAs::DaysUntil,
            _ => ReadAs::Number,
        };
        designer.edit_metric(&id_read, None, |m| m.read = read);
    };
    let read_value = move || match read.get() {
        ReadAs::Number => "number",
        ReadAs::Fraction => "fraction",
        ReadAs::DaysSince => "days_since",
        ReadAs::DaysUntil => "days_until",
    };
    view! {
        <div class="field-row">
            <label>
                "Cells are "
                <select prop:value=read_value on:change=on_read>
                    <option value="number">"Numbers (80%, 1,234, 32k)"</option>
                    <option value="fraction">"Fractions: 0.76 is 76%"</option>
                    <option value="days_since">"Dates: days since (last meeting)"</option>
                    <option value="days_until">"Dates: days until (renewal)"</option>
                </select>
            </label>
        </div>
        <div class="field-row">
            <label>
                "Reads "
                <select prop:value=move || if is_ratio() { "ratio" } else { "column" } on:change=on_kind>
                    <option value="column">"One column"</option>
                    <option value="ratio">"Ratio of two columns (%)"</option>
                </select>
            </label>
            {move || if is_ratio() {
                view! { {numerator("Numerator column", 0)} {picker("Denominator column", 1)} }.into_any()
            } else {
                numerator("Column", 0).into_any()
            }}
        </div>
    }
}

/// A select of the data's headers, keeping the current column even when the data lacks it.
#[component]
fn ColumnSelect(
    /// The field's label.
    label: &'static str,
    /// The column the metric reads now.
    current: Signal<String>,
    /// The pasted data's headers.
    headers: Memo<Vec<String>>,
    /// Called with the picked header.
    on_pick: Callback<String>,
) -> impl IntoView {
    let options = move || {
        let current = current.get();
        let key = healthscore_core::cell::match_key(&current);
        let mut list: Vec<(String, String)> = Vec::new();
        let matched = headers.with(|h| h.iter().find(|h| healthscore_core::cell::match_key(h) == key).cloned());
        if matched.is_none() {
            list.push((current.clone(), format!("{current} (not in the data)")));
        }
        headers.with(|h| list.extend(h.iter().map(|h| (h.clone(), h.clone()))));
        let selected = matched.unwrap_or(current);
        list.into_iter()
            .map(|(value, text)| {
                let is_selected = value == selected;
                view! { <option value=value selected=is_selected>{text}</option> }
            })
            .collect_view()
    };
    view! {
        <label>
            {label} " "
            <select on:change=move |ev| on_pick.run(event_target_value(&ev))>{options}</select>
        </label>
    }
}
