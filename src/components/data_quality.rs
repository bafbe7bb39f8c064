//! The data-quality panel: per metric, what its column holds and what could not be read,
//! grouped by value with counts and the accounts affected, each with its one-click fix
//! (an alias for a misspelt category, fractions read as percentages, a decimal mark,
//! a day and month order). Every fix is an undoable scorecard edit.

use super::Fold;
use crate::designer::Designer;
use crate::format;
use crate::results::Results;
use healthscore_core::dates::DayMonth;
use healthscore_core::mapping::MarkSource;
use healthscore_core::number::DecimalMark;
use healthscore_core::quality::{closest_value, profile, readings, MetricQuality, ProblemKind, ValueProblem};
use healthscore_core::{Encoding, ReadAs, Rule, Scorecard};
use leptos::prelude::*;

/// Problem values listed per metric; the rest are counted.
const LISTED_VALUES: usize = 8;

/// The panel; empty while the data reads cleanly.
#[component]
pub fn DataQuality(
    /// The scorecard, where fixes are saved.
    designer: Designer,
    /// The data, columns and sub-scores.
    results: Results,
) -> impl IntoView {
    // Rules and data only: a weight drag does not re-profile. While rules are being edited the
    // profile waits for the pause (a threshold typed changes nothing here; a whole profile is
    // about 10 ms at 100,000 accounts); new data shows at once.
    let paused = results.edits_paused;
    let live = Memo::new(move |_| paused.get());
    let data = move || results.parsed.with(|p| p.version());
    let held = crate::settle::hold(live, data, move || {
        results.subs.with(|subs| {
            results.columns.with(|map| {
                results.parsed.with(|p| {
                    designer.card.with_untracked(|card| {
                        if subs.metric_count() != card.metrics.len() {
                            return Vec::new();
                        }
                        profile(card, map, &p.table, subs)
                    })
                })
            })
        })
    });
    let profiles = Memo::new(move |_| held.with(|(_, all)| all.clone()));
    // Only an encoding other than UTF-8 is worth a word: accents may need a look.
    let report = Memo::new(move |_| profiles.with(|all| all.iter().filter(|q| q.needs_attention()).cloned().collect::<Vec<_>>()));
    let encoding = Memo::new(move |_| {
        results.parsed.with(|p| match p.encoding {
            Encoding::Utf8 | Encoding::Utf8Bom => String::new(),
            other => format!(" The file was read as {}: check names with accents.", other.label()),
        })
    });
    let headline = move || {
        report.with(|r| {
            let cells: usize = r.iter().map(MetricQuality::problem_count).sum();
            let metrics = r.iter().filter(|q| q.problem_count() > 0).count();
            if r.is_empty() {
                format!("Every value was read.{}", encoding.get())
            } else if metrics == 0 {
                format!("Every value was read, but {} below {} a look.{}", if r.len() == 1 { "one metric" } else { "some metrics" }, if r.len() == 1 { "needs" } else { "need" }, encoding.get())
            } else {
                format!(
                    "{cells} {} could not be read in {metrics} {}; those accounts are scored by each metric's missing-value policy until fixed.{}",
                    if cells == 1 { "value" } else { "values" },
                    if metrics == 1 { "metric" } else { "metrics" },
                    encoding.get()
                )
            }
        })
    };
    view! {
        <Show when=move || results.parsed.with(|p| !p.table.is_empty())>
            <section class="data-quality" aria-labelledby="quality-heading">
                <h3 id="quality-heading">"Data quality"</h3>
                <p class="quality-headline">{headline}</p>
                <ul class="quality-list">
                    {move || report.get().into_iter().map(|q| view! { <MetricReport designer results quality=q /> }).collect_view()}
                </ul>
                <Fold class="column-profiles" summary=|| "What each metric's column holds">
                    <table class="profile-table">
                        <caption class="visually-hidden">"Column profiles"</caption>
                        <thead><tr>
                            <th scope="col">"Metric"</th><th scope="col">"Column"</th><th scope="col" class="num">"Read"</th>
                            <th scope="col" class="num">"Blank"</th><th scope="col" class="num">"Not read"</th><th scope="col">"Range"</th>
                        </tr></thead>
                        <tbody>
                            {move || profiles.with(|all| all.iter().map(|q| {
                                let (name, header) = designer.card.with_untracked(|c| c.metrics.get(q.metric).map(|m| m.name.clone())).zip(
                                    q.column.and_then(|c| results.parsed.with_untracked(|p| p.table.headers.get(c).cloned()))
                                ).unwrap_or_default();
                                let range = q.range.map(|(lo, hi)| format!("{} to {}", format::number(lo), format::number(hi))).unwrap_or_default();
                                view! {
                                    <tr>
                                        <th scope="row">{name}</th><td>{header}</td><td class="num">{q.read}</td>
                                        <td class="num">{q.blanks}</td><td class="num">{q.problem_count()}</td><td>{range}</td>
                                    </tr>
                                }
                            }).collect_view())}
                        </tbody>
                    </table>
                </Fold>
            </section>
        </Show>
    }
}

/// One metric's report: its profile, its problem values and their fixes.
#[component]
fn MetricReport(designer: Designer, results: Results, quality: MetricQuality) -> impl IntoView {
    let index = quality.metric;
    let (name, rule, read) = designer.card.with_untracked(|c| {
        let m = &c.metrics[index];
        (m.name.clone(), m.rule.clone(), m.read)
    });
    let header = quality.column.and_then(|c| results.parsed.with_untracked(|p| p.table.headers.get(c).cloned())).unwrap_or_default();
    let profile_text = profile_sentence(&quality);
    let fractions = quality.fractions.then(|| {
        let header = header.clone();
        view! {
            <p class="quality-fix">
                "Most values are between 0 and 1, but the rule expects percentages (0.76 would score as 0.76%). "
                <button on:click=move |_| {
                    designer.edit(None, |c: &mut Scorecard| c.set_read_as(index, ReadAs::Fraction));
                    designer.toast.set(Some(format!("\u{201c}{header}\u{201d} is read as fractions: 0.76 is 76%")));
                }>{format!("These are fractions: multiply {name} by 100")}</button>
            </p>
        }
    });
    let more = quality.problem_values().saturating_sub(LISTED_VALUES);
    let has_ambiguous_numbers = quality.problems.iter().any(|p| p.kind == ProblemKind::Ambiguous) && !read.is_date();
    let has_ambiguous_dates = quality.problems.iter().any(|p| p.kind == ProblemKind::Ambiguous) && read.is_date();
    let mark_fix = has_ambiguous_numbers.then(|| {
        let example = quality.problems.iter().find(|p| p.kind == ProblemKind::Ambiguous).map(|p| p.text.clone()).unwrap_or_default();
        let (point, comma) = readings(&example).unwrap_or((0.0, 0.0));
        let choose = move |mark: DecimalMark, header: String| move |_| designer.edit(None, |c: &mut Scorecard| c.set_decimal_mark(&header, Some(mark)));
        view! {
            <p class="quality-fix">
                {format!("\u{201c}{example}\u{201d} could be {} or {}: say how \u{201c}{header}\u{201d} writes decimals. ", format::number(point), format::number(comma))}
                <button on:click=choose(DecimalMark::Point, header.clone())>{format!("Decimal point: {example} is {}", format::number(point))}</button>
                <button on:click=choose(DecimalMark::Comma, header.clone())>{format!("Decimal comma: {example} is {}", format::number(comma))}</button>
            </p>
        }
    });
    let guess_fix = quality.guessed.clone().map(|g| {
        let (point, comma) = readings(&g.example).unwrap_or((0.0, 0.0));
        let (used, other, other_mark, used_name, other_name) = match g.mark {
            DecimalMark::Point => (point, comma, DecimalMark::Comma, "decimal point", "Decimal comma"),
            DecimalMark::Comma => (comma, point, DecimalMark::Point, "decimal comma", "Decimal point"),
        };
        let why = match &g.source {
            MarkSource::Delimiter(d) => format!("the file is {}", d.label()),
            MarkSource::OtherColumn(column, row, text) => format!("column \u{201c}{column}\u{201d} writes \u{201c}{text}\u{201d} (row {})", row + 2),
            _ => String::new(),
        };
        let others = if g.count > 1 { format!(" and {} other values", g.count - 1) } else { String::new() };
        let (keep_header, switch_header) = (header.clone(), header.clone());
        let example = g.example.clone();
        let mark = g.mark;
        view! {
            <p class="quality-fix">
                {format!("\u{201c}{}\u{201d}{others} could be read two ways; they are read with a {used_name} ({} is {}) because {why}. ", g.example, g.example, format::number(used))}
                <button on:click=move |_| designer.edit(None, |c: &mut Scorecard| c.set_decimal_mark(&switch_header, Some(other_mark)))>{format!("{other_name}: {example} is {}", format::number(other))}</button>
                <button on:click=move |_| designer.edit(None, |c: &mut Scorecard| c.set_decimal_mark(&keep_header, Some(mark)))>{format!("Keep the {used_name}")}</button>
            </p>
        }
    });
    let order_fix = has_ambiguous_dates.then(|| {
        let choose = move |order: DayMonth, header: String| move |_| designer.edit(None, |c: &mut Scorecard| c.set_day_month(&header, Some(order)));
        view! {
            <p class="quality-fix">
                {format!("Dates in \u{201c}{header}\u{201d} could have the day or the month first (03/04 is 3 April or 4 March): say which, once for the column. ")}
                <button on:click=choose(DayMonth::DayFirst, header.clone())>"Day first (14/03/2026)"</button>
                <button on:click=choose(DayMonth::MonthFirst, header.clone())>"Month first (03/14/2026)"</button>
            </p>
        }
    });
    let values = quality.problems.iter().take(LISTED_VALUES).cloned().map(|problem| {
        view! { <ProblemValue designer results metric=index rule=rule.clone() problem /> }
    }).collect_view();
    view! {
        <li class="quality-item">
            <h4>{format!("{name} \u{2190} \u{201c}{header}\u{201d}")}</h4>
            <p class="quality-profile">{profile_text}</p>
            {fractions}
            {mark_fix}
            {guess_fix}
            {order_fix}
            <ul class="problem-values" aria-label=format!("Values of {name} that could not be read")>{values}</ul>
            {(more > 0).then(|| view! { <p class="hint">{format!("and {more} other values")}</p> })}
        </li>
    }
}

/// One problem value: its count, the first accounts, and for a category, "treat as".
#[component]
fn ProblemValue(designer: Designer, results: Results, metric: usize, rule: Rule, problem: ValueProblem) -> impl IntoView {
    let names: Vec<String> = problem.rows.iter().map(|&r| results.name(r)).collect();
    let accounts = if problem.count > names.len() { format!("{}, \u{2026}", names.join(", ")) } else { names.join(", ") };
    let what = match problem.kind {
        ProblemKind::NotANumber => "not readable",
        ProblemKind::UnknownValue => "not a listed value",
        ProblemKind::Ambiguous => "reads two ways",
        ProblemKind::NoAsOf => "no as-of date",
    };
    let text = problem.text.clone();
    let alias = match (&rule, problem.kind) {
        (Rule::Categorical { values, .. }, ProblemKind::UnknownValue) => {
            let suggestion = closest_value(&rule, &text);
            let add = move |value: usize, text: String, label: String| {
                designer.edit(None, |c: &mut Scorecard| {
                    c.add_alias(metric, value, &text);
                });
                designer.toast.set(Some(format!("\u{201c}{text}\u{201d} now reads as \u{201c}{label}\u{201d}")));
            };
            let button = suggestion.and_then(|i| values.get(i)).map(|choice| {
                let (label, text) = (choice.value.clone(), text.clone());
                let index = suggestion.unwrap_or(0);
                view! {
                    <button on:click=move |_| add(index, text.clone(), label.clone())>{format!("Treat \u{201c}{}\u{201d} as \u{201c}{}\u{201d}", problem.text, choice.value)}</button>
                }
            });
            let labels: Vec<String> = values.iter().map(|c| c.value.clone()).collect();
            let options = labels.iter().enumerate().map(|(i, l)| view! { <option value=i.to_string()>{l.clone()}</option> }).collect_view();
            let text_for_select = text.clone();
            Some(view! {
                {button}
                <select aria-label=format!("Treat \u{201c}{}\u{201d} as", problem.text) on:change=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                        add(i, text_for_select.clone(), labels.get(i).cloned().unwrap_or_default());
                    }
                }>
                    <option value="" selected>"Treat as\u{2026}"</option>
                    {options}
                </select>
            })
        }
        _ => None,
    };
    view! {
        <li>
            <span class="problem-text">{format!("\u{201c}{}\u{201d} \u{d7}{}", problem.text, problem.count)}</span>
            <span class="problem-kind">{format!(" {what}: ")}</span>
            <span class="problem-accounts">{accounts}</span>
            {alias}
        </li>
    }
}

/// "280 values from 0.05 to 0.98, 4 blank" (of the first 200,000 rows when larger).
fn profile_sentence(q: &MetricQuality) -> String {
    let mut parts = vec![format!("{} read", q.read)];
    if let Some((lo, hi)) = q.range {
        let sample = if q.sampled { format!(" (in the first {} rows)", q.rows) } else { String::new() };
        parts.push(format!("from {} to {}{sample}", format::number(lo), format::number(hi)));
    }
    if q.blanks > 0 {
        parts.push(format!("{} blank", q.blanks));
    }
    let problems = q.problem_count();
    if problems > 0 {
        parts.push(format!("{problems} not read"));
    }
    parts.join(", ") + "."
}
