//! Which column feeds each metric, how sure the match is, and a picker for the ones with none.
//!
//! A metric with no confident match is left out of every score (never scored 0) until the
//! user picks its column here, or says the data has none and lets its missing-value policy
//! score it. The choice is saved with the scorecard, by column name.

use super::Fold;
use crate::designer::Designer;
use crate::results::Results;
use healthscore_core::data_edit::MapTo;
use healthscore_core::mapping::{ColumnMatch, MatchKind};
use healthscore_core::{Scorecard, Table};
use leptos::prelude::*;

/// Option value meaning "the data has no such column".
const NO_COLUMN: &str = "none";
/// Option value meaning "match by name".
const AUTO: &str = "auto";

/// One input of one metric, as the picker shows it.
#[derive(Clone, PartialEq)]
struct Row {
    metric: String,
    input: String,
    found: ColumnMatch,
    /// The input's position among its metric's inputs, when it has two (a ratio).
    part: Option<&'static str>,
}

/// The mapping table, with a plain "scores are partial" message while any metric is unmapped.
#[component]
pub fn ColumnMapping(
    /// The scorecard being designed, where mappings are saved.
    designer: Designer,
    /// The data and the resolved columns.
    results: Results,
) -> impl IntoView {
    let rows = Memo::new(move |_| {
        results.columns.with(|map| {
            designer.card.with(|card| {
                card.metrics
                    .iter()
                    .zip(&map.matches)
                    .flat_map(|(metric, inputs)| {
                        let two = inputs.len() > 1;
                        inputs.iter().enumerate().map(move |(i, found)| Row {
                            metric: metric.name.clone(),
                            input: found.input.clone(),
                            found: found.clone(),
                            part: two.then_some(if i == 0 { "numerator" } else { "denominator" }),
                        })
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let previews = Memo::new(move |_| results.parsed.with(|p| previews(&p.table)));
    let unmapped = unmapped_names(results);
    // Opens once a metric is unmapped, and stays open while the user maps it (the user may
    // still fold it away).
    let open = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || unmapped.with(|u| !u.is_empty()));
    let has_data = Memo::new(move |_| results.parsed.with(|p| !p.table.headers.is_empty()));
    let pick = move |input: String, value: String| {
        let to = match value.as_str() {
            AUTO => MapTo::Auto,
            NO_COLUMN => MapTo::NoColumn,
            index => match index.parse::<usize>().ok().and_then(|i| results.parsed.with_untracked(|p| p.table.headers.get(i).cloned())) {
                Some(header) => MapTo::Column(header),
                None => return,
            },
        };
        designer.edit(None, |card: &mut Scorecard| card.map_input(&input, to));
    };
    view! {
        <Show when=move || has_data.get()>
            <Fold
                class="column-mapping"
                open=open
                summary=move || view! {
                    "Columns feeding each metric"
                    {move || unmapped.with(|u| (!u.is_empty()).then(|| format!(" ({} not mapped)", u.len())))}
                }
            >
                <table class="mapping-table">
                    <thead><tr><th scope="col">"Metric"</th><th scope="col">"Column in the data"</th><th scope="col">"Match"</th></tr></thead>
                    <tbody>
                        <For each=move || rows.get() key=|row| (row.metric.clone(), row.input.clone(), row.found.column, row.found.kind as u8) let:row>
                            {
                                let label = match row.part {
                                    Some(part) => format!("Column for {} ({part})", row.metric),
                                    None => format!("Column for {}", row.metric),
                                };
                                let input = row.input.clone();
                                let selected = match (row.found.kind, row.found.column) {
                                    (MatchKind::Declined, _) => NO_COLUMN.to_owned(),
                                    (_, Some(c)) => c.to_string(),
                                    _ => AUTO.to_owned(),
                                };
                                let options = previews.with_untracked(|list| list.iter().enumerate().map(|(i, (header, sample))| {
                                    let value = i.to_string();
                                    let is = value == selected;
                                    view! { <option value=value selected=is>{format!("{header}{sample}")}</option> }
                                }).collect_view());
                                let unmatched = row.found.kind == MatchKind::Unmapped;
                                view! {
                                    <tr class:unmatched=unmatched>
                                        <th scope="row">{row.metric.clone()}<span class="input-name">{row.part.map(|p| format!(" {p}"))}</span></th>
                                        <td>
                                            <select aria-label=label on:change=move |ev| pick(input.clone(), event_target_value(&ev))>
                                                <option value=AUTO selected=selected == AUTO>{if unmatched { format!("Not mapped: pick the column for \"{}\"", row.input) } else { "Match by name".to_owned() }}</option>
                                                <option value=NO_COLUMN selected=selected == NO_COLUMN>"No such column: score by its missing-value policy"</option>
                                                {options}
                                            </select>
                                        </td>
                                        <td class="match">{match_text(&row.found)}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
                <p class="hint">{move || results.columns.with(|map| results.parsed.with(|p| {
                    let unused = map.unused_columns(&p.table);
                    if unused.is_empty() { "Every column is used.".to_owned() } else { format!("Unused columns: {}", unused.join(", ")) }
                }))}</p>
            </Fold>
        </Show>
    }
}

/// Names of the metrics left out because no column is mapped.
fn unmapped_names(results: Results) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        results.columns.with(|map| {
            results.card.with(|card| {
                card.metrics
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| map.unmapped(*i))
                    .map(|(_, m)| m.name.clone())
                    .collect::<Vec<_>>()
            })
        })
    })
}

/// "Scores are partial", beside the scores: which metrics are left out until mapped.
#[component]
pub fn PartialScores(
    /// The card, the data and the resolved columns.
    results: Results,
) -> impl IntoView {
    let unmapped = unmapped_names(results);
    move || {
        unmapped.with(|names| {
            (!names.is_empty()).then(|| {
                let text = format!(
                    "Scores are partial: {} {} no column in this data and {} left out of every score until you map {}: {}.",
                    names.len(),
                    if names.len() == 1 { "metric has" } else { "metrics have" },
                    if names.len() == 1 { "is" } else { "are" },
                    if names.len() == 1 { "it" } else { "them" },
                    names.join(", ")
                );
                view! { <p class="partial-notice" role="status">{text}</p> }
            })
        })
    }
}

/// How a match was found, in words: "same name", "similar (86%)".
fn match_text(found: &ColumnMatch) -> String {
    match found.kind {
        MatchKind::Saved => "your choice".to_owned(),
        MatchKind::Exact => "exact".to_owned(),
        MatchKind::Normalised => "same name".to_owned(),
        MatchKind::Fuzzy => format!("similar ({:.0}% sure)", found.confidence * 100.0),
        MatchKind::Declined => "no column: missing-value policy".to_owned(),
        MatchKind::Unmapped => "not mapped: left out".to_owned(),
    }
}

/// Each header with a preview of its first values: ("Seats", " (12, 40, 7)").
fn previews(table: &Table) -> Vec<(String, String)> {
    table
        .headers
        .iter()
        .enumerate()
        .map(|(c, header)| {
            let sample: Vec<String> = (0..table.len())
                .map(|r| table.cell(r, c).trim())
                .filter(|v| !v.is_empty())
                .take(3)
                .map(|v| v.chars().take(20).collect())
                .collect();
            let sample = if sample.is_empty() { String::new() } else { format!(" ({}\u{2026})", sample.join(", ")) };
            (header.clone(), sample)
        })
        .collect()
}
