//! Edits a metric's rule in place: kind, direction, tiers, linear floor and target, categories.
//!
//! Problems (unordered tiers, points beyond the scale) are flagged on the
//! field where they are typed, from the core's own validation.

use crate::designer::Designer;
use crate::format;
use healthscore_core::validate::rule_errors;
use healthscore_core::{Choice, Direction, Metric, Rule, RuleError, Tier};
use leptos::prelude::*;

/// The rule editor of one metric.
#[component]
pub fn RuleEditor(
    /// The scorecard being designed.
    designer: Designer,
    /// The metric's id.
    id: String,
    /// The metric as it is now.
    metric: Memo<Option<Metric>>,
) -> impl IntoView {
    let rule = Memo::new(move |_| metric.with(|m| m.as_ref().map(|m| m.rule.clone())));
    let kind = Memo::new(move |_| match rule.get() {
        Some(Rule::Tiers { .. }) => "tiers",
        Some(Rule::Linear { .. }) => "linear",
        Some(Rule::Categorical { .. }) => "categorical",
        None => "",
    });
    let errors = Memo::new(move |_| metric.with(|m| m.as_ref().map(|m| rule_errors(&m.rule, &m.input)).unwrap_or_default()));
    let edit = RuleEdit { designer, id: StoredValue::new(id) };
    let on_kind = move |ev| {
        let new_rule = match event_target_value(&ev).as_str() {
            "linear" => Rule::Linear { floor: 0.0, target: 100.0 },
            "categorical" => Rule::Categorical {
                values: vec![choice("Yes", 100.0), choice("No", 0.0)],
                out_of: 100.0,
            },
            _ => Rule::Tiers {
                direction: Direction::HigherIsBetter,
                tiers: vec![tier(80.0, 100.0), tier(50.0, 60.0), tier(20.0, 30.0)],
                otherwise: 0.0,
                out_of: 100.0,
            },
        };
        edit.rule(None, move |r| *r = new_rule);
    };
    view! {
        <fieldset class="rule-editor">
            <legend>"Scoring rule"</legend>
            <label>
                "Rule "
                <select prop:value=move || kind.get() on:change=on_kind>
                    <option value="tiers">"Tiers (thresholds with points)"</option>
                    <option value="linear">"Linear (floor to target)"</option>
                    <option value="categorical">"Categories (text values to points)"</option>
                </select>
            </label>
            {move || match kind.get() {
                "tiers" => view! { <TiersEditor edit=edit rule=rule errors=errors /> }.into_any(),
                "linear" => view! { <LinearEditor edit=edit rule=rule /> }.into_any(),
                "categorical" => view! { <CategoricalEditor edit=edit rule=rule errors=errors /> }.into_any(),
                _ => ().into_any(),
            }}
            <RuleProblems errors=errors />
        </fieldset>
    }
}

fn tier(threshold: f64, points: f64) -> Tier {
    Tier { threshold, points }
}

fn choice(value: &str, points: f64) -> Choice {
    Choice::new(value, points)
}

/// Applies edits to one metric's rule.
#[derive(Clone, Copy)]
struct RuleEdit {
    designer: Designer,
    id: StoredValue<String>,
}

impl RuleEdit {
    fn rule(&self, gesture: Option<&str>, change: impl FnOnce(&mut Rule)) {
        let id = self.id.get_value();
        self.designer.edit_metric(&id, gesture, |m| change(&mut m.rule));
    }

    /// An edit from a number box: one undo step per field until it loses focus.
    fn number(&self, field: String, text: String, change: impl FnOnce(&mut Rule, f64)) {
        if let Some(value) = format::parse(&text) {
            let gesture = format!("{}:{field}", self.id.get_value());
            self.rule(Some(&gesture), |r| change(r, value));
        }
    }
}

fn problems_at(errors: Memo<Vec<RuleError>>, pick: impl Fn(&RuleError) -> bool + Send + Sync + 'static) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| e.iter().find(|e| pick(e)).map(ToString::to_string)))
}

/// A labelled number box bound to one number of the rule.
#[component]
fn NumberField(
    /// Accessible label.
    label: String,
    /// The number now.
    value: Signal<f64>,
    /// Called with the text typed.
    on_input: Callback<String>,
    /// A problem with this field, shown next to it.
    #[prop(optional, into)]
    problem: Option<Signal<Option<String>>>,
    /// Seals the undo step when the field loses focus.
    designer: Designer,
) -> impl IntoView {
    let problem = problem.unwrap_or_else(|| Signal::derive(|| None));
    view! {
        <span class="number-field">
            <input
                type="number"
                step="any"
                aria-label=label
                aria-invalid=move || problem.get().is_some().to_string()
                prop:value=move || format::number(value.get())
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:change=move |_| designer.seal()
            />
            {move || problem.get().map(|p| view! { <span class="field-problem" role="alert">{p}</span> })}
        </span>
    }
}

#[component]
fn TiersEditor(edit: RuleEdit, rule: Memo<Option<Rule>>, errors: Memo<Vec<RuleError>>) -> impl IntoView {
    let tiers = Memo::new(move |_| match rule.get() {
        Some(Rule::Tiers { tiers, .. }) => tiers,
        _ => Vec::new(),
    });
    let field = move |f: fn(&Rule) -> f64| Signal::derive(move || rule.with(|r| r.as_ref().map_or(0.0, f)));
    let otherwise = field(|r| if let Rule::Tiers { otherwise, .. } = r { *otherwise } else { 0.0 });
    let out_of = field(|r| if let Rule::Tiers { out_of, .. } = r { *out_of } else { 0.0 });
    let higher = move || matches!(rule.get(), Some(Rule::Tiers { direction: Direction::HigherIsBetter, .. }));
    let add_tier = move |_| {
        edit.rule(None, |r| {
            if let Rule::Tiers { tiers, direction, .. } = r {
                let step = if *direction == Direction::HigherIsBetter { -10.0 } else { 10.0 };
                let last = tiers.last().cloned().unwrap_or(tier(0.0, 0.0));
                tiers.push(tier(last.threshold + step, (last.points / 2.0).round()));
            }
        })
    };
    let designer = edit.designer;
    view! {
        <label>
            "Direction "
            <select
                prop:value=move || if higher() { "higher" } else { "lower" }
                on:change=move |ev| {
                    let direction = if event_target_value(&ev) == "higher" { Direction::HigherIsBetter } else { Direction::LowerIsBetter };
                    edit.rule(None, |r| if let Rule::Tiers { direction: d, tiers, .. } = r {
                        if *d != direction {
                            *d = direction;
                            // Keep the tiers' meaning: best first means the thresholds flip order.
                            let thresholds: Vec<f64> = tiers.iter().rev().map(|t| t.threshold).collect();
                            for (t, threshold) in tiers.iter_mut().zip(thresholds) { t.threshold = threshold; }
                        }
                    });
                }
            >
                <option value="higher">"Higher is better"</option>
                <option value="lower">"Lower is better"</option>
            </select>
        </label>
        <table class="tiers">
            <caption class="visually-hidden">"Tiers, best first"</caption>
            <thead><tr><th scope="col">{move || if higher() { "At least" } else { "At most" }}</th><th scope="col">"Points"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
            <tbody>
                <For each=move || 0..tiers.with(Vec::len) key=|i| *i let:i>
                    <tr>
                        <td>
                            <NumberField
                                designer=designer
                                label=format!("Tier {} threshold", i + 1)
                                value=Signal::derive(move || tiers.with(|t| t.get(i).map_or(0.0, |t| t.threshold)))
                                problem=problems_at(errors, move |e| matches!(e, RuleError::TiersUnordered { index, .. } if *index == i))
                                on_input=Callback::new(move |text| edit.number(format!("tier{i}-threshold"), text, |r, v| {
                                    if let Rule::Tiers { tiers, .. } = r { if let Some(t) = tiers.get_mut(i) { t.threshold = v } }
                                }))
                            />
                        </td>
                        <td>
                            <NumberField
                                designer=designer
                                label=format!("Tier {} points", i + 1)
                                value=Signal::derive(move || tiers.with(|t| t.get(i).map_or(0.0, |t| t.points)))
                                problem=problems_at(errors, move |e| matches!(e, RuleError::PointsOutOfRange { field, .. } if *field == format!("tiers[{i}].points")))
                                on_input=Callback::new(move |text| edit.number(format!("tier{i}-points"), text, |r, v| {
                                    if let Rule::Tiers { tiers, .. } = r { if let Some(t) = tiers.get_mut(i) { t.points = v } }
                                }))
                            />
                        </td>
                        <td>
                            <button
                                aria-label=format!("Remove tier {}", i + 1)
                                on:click=move |_| edit.rule(None, |r| if let Rule::Tiers { tiers, .. } = r { if i < tiers.len() { tiers.remove(i); } })
                            >"Remove"</button>
                        </td>
                    </tr>
                </For>
                <tr>
                    <td>"Otherwise"</td>
                    <td>
                        <NumberField
                            designer=designer
                            label="Points otherwise".to_owned()
                            value=otherwise
                            on_input=Callback::new(move |text| edit.number("otherwise".to_owned(), text, |r, v| {
                                if let Rule::Tiers { otherwise, .. } = r { *otherwise = v }
                            }))
                        />
                    </td>
                    <td></td>
                </tr>
            </tbody>
        </table>
        <div class="field-row">
            <button on:click=add_tier>"Add tier"</button>
            <label>
                "Points out of "
                <NumberField
                    designer=designer
                    label="Points out of".to_owned()
                    value=out_of
                    on_input=Callback::new(move |text| edit.number("out-of".to_owned(), text, |r, v| {
                        if let Rule::Tiers { out_of, .. } = r { *out_of = v }
                    }))
                />
            </label>
        </div>
        <p class="hint">"A value exactly on a threshold gets the better tier's points."</p>
    }
}

#[component]
fn LinearEditor(edit: RuleEdit, rule: Memo<Option<Rule>>) -> impl IntoView {
    let get = move |pick: fn(f64, f64) -> f64| {
        Signal::derive(move || match rule.get() {
            Some(Rule::Linear { floor, target }) => pick(floor, target),
            _ => 0.0,
        })
    };
    let designer = edit.designer;
    view! {
        <div class="field-row">
            <label>
                "Floor (scores 0) "
                <NumberField designer=designer label="Floor".to_owned() value=get(|f, _| f)
                    on_input=Callback::new(move |text| edit.number("floor".to_owned(), text, |r, v| if let Rule::Linear { floor, .. } = r { *floor = v }))
                />
            </label>
            <label>
                "Target (scores 100) "
                <NumberField designer=designer label="Target".to_owned() value=get(|_, t| t)
                    on_input=Callback::new(move |text| edit.number("target".to_owned(), text, |r, v| if let Rule::Linear { target, .. } = r { *target = v }))
                />
            </label>
        </div>
        <p class="hint">"A floor above the target means lower is better."</p>
    }
}

#[component]
fn CategoricalEditor(edit: RuleEdit, rule: Memo<Option<Rule>>, errors: Memo<Vec<RuleError>>) -> impl IntoView {
    let values = Memo::new(move |_| match rule.get() {
        Some(Rule::Categorical { values, .. }) => values,
        _ => Vec::new(),
    });
    let out_of = Signal::derive(move || match rule.get() {
        Some(Rule::Categorical { out_of, .. }) => out_of,
        _ => 0.0,
    });
    let designer = edit.designer;
    let id = edit.id;
    view! {
        <table class="tiers">
            <caption class="visually-hidden">"Values and their points"</caption>
            <thead><tr><th scope="col">"Value"</th><th scope="col">"Points"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
            <tbody>
                <For each=move || 0..values.with(Vec::len) key=|i| *i let:i>
                    <tr>
                        <td>
                            <input
                                type="text"
                                maxlength="10000"
                                aria-label=format!("Value {}", i + 1)
                                aria-invalid=move || errors.with(|e| e.iter().any(|e| matches!(e, RuleError::DuplicateValue { index, .. } if *index == i))).to_string()
                                prop:value=move || values.with(|v| v.get(i).map(|c| c.value.clone()).unwrap_or_default())
                                on:input=move |ev| {
                                    let text = event_target_value(&ev);
                                    let gesture = format!("{}:value{i}", id.get_value());
                                    edit.rule(Some(&gesture), |r| if let Rule::Categorical { values, .. } = r { if let Some(c) = values.get_mut(i) { c.value = text } });
                                }
                                on:change=move |_| designer.seal()
                            />
                            // Spellings the data-quality panel mapped here, each removable.
                            {move || {
                                let aliases = values.with(|v| v.get(i).map(|c| c.aliases.clone()).unwrap_or_default());
                                (!aliases.is_empty()).then(|| view! {
                                    <span class="aliases">"also reads: "
                                        {aliases.into_iter().enumerate().map(|(a, alias)| view! {
                                            <span class="alias">{alias.clone()}
                                                <button class="link" aria-label=format!("Stop reading \u{201c}{alias}\u{201d} as value {}", i + 1)
                                                    on:click=move |_| edit.rule(None, |r| if let Rule::Categorical { values, .. } = r {
                                                        if let Some(c) = values.get_mut(i) { if a < c.aliases.len() { c.aliases.remove(a); } }
                                                    })>"\u{d7}"</button>
                                            </span>
                                        }).collect_view()}
                                    </span>
                                })
                            }}
                        </td>
                        <td>
                            <NumberField
                                designer=designer
                                label=format!("Value {} points", i + 1)
                                value=Signal::derive(move || values.with(|v| v.get(i).map_or(0.0, |c| c.points)))
                                problem=problems_at(errors, move |e| matches!(e, RuleError::PointsOutOfRange { field, .. } if *field == format!("values[{i}].points")))
                                on_input=Callback::new(move |text| edit.number(format!("value{i}-points"), text, |r, v| {
                                    if let Rule::Categorical { values, .. } = r { if let Some(c) = values.get_mut(i) { c.points = v } }
                                }))
                            />
                        </td>
                        <td>
                            <button
                                aria-label=format!("Remove value {}", i + 1)
                                on:click=move |_| edit.rule(None, |r| if let Rule::Categorical { values, .. } = r { if i < values.len() { values.remove(i); } })
                            >"Remove"</button>
                        </td>
                    </tr>
                </For>
            </tbody>
        </table>
        <div class="field-row">
            <button on:click=move |_| edit.rule(None, |r| if let Rule::Categorical { values, .. } = r {
                values.push(choice(&format!("Value {}", values.len() + 1), 0.0));
            })>"Add value"</button>
            <label>
                "Points out of "
                <NumberField designer=designer label="Points out of".to_owned() value=out_of
                    on_input=Callback::new(move |text| edit.number("out-of".to_owned(), text, |r, v| if let Rule::Categorical { out_of, .. } = r { *out_of = v }))
                />
            </label>
        </div>
        <p class="hint">"Values match trimmed and ignoring case; an unlisted value counts as missing."</p>
    }
}

/// Problems with the rule not shown next to a field.
#[component]
fn RuleProblems(errors: Memo<Vec<RuleError>>) -> impl IntoView {
    move || {
        errors.with(|errors| {
            errors
                .iter()
                .filter(|e| !matches!(e, RuleError::TiersUnordered { .. } | RuleError::PointsOutOfRange { .. } | RuleError::DuplicateValue { .. }))
                .map(|e| view! { <p class="field-problem" role="alert">{e.to_string()}</p> })
                .collect_view()
        })
    }
}
