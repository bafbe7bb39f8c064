//! The scored accounts: rank, score, band, grade, per-metric points; sortable, filterable, virtualised.

use crate::components::BandChip;
use crate::designer::Designer;
use crate::format;
use healthscore_core::insight::{compare, Change, Pinned};
use healthscore_core::AccountScore;
use leptos::prelude::*;
use std::cmp::Ordering;

/// Row height in pixels; fixed so only the visible rows need rendering.
const ROW_HEIGHT: f64 = 36.0;
/// Tables longer than this render only the rows in view.
const VIRTUAL_FROM: usize = 200;
/// Height of the scrolling area of a long table.
const VIEWPORT: f64 = 540.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 8;

/// What the table is sorted by.
#[derive(Clone, Copy, PartialEq, Debug)]
enum SortBy {
    Rank,
    Account,
    Score,
    Change,
    Metric(usize),
}

/// One rendered row, resolved from a result, its rank and its change.
#[derive(Clone, PartialEq)]
struct Line {
    result: AccountScore,
    rank: usize,
    change: Option<Change>,
}

/// Competition ranks ("1, 2, 2, 4") by score, highest first, per result position.
fn ranks(results: &[AccountScore]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..results.len()).collect();
    order.sort_by(|&a, &b| desc(results[a].score, results[b].score));
    let mut ranks = vec![0; results.len()];
    for (position, &i) in order.iter().enumerate() {
        let tied = position > 0 && results[order[position - 1]].score == results[i].score;
        ranks[i] = if tied { ranks[order[position - 1]] } else { position + 1 };
    }
    ranks
}

/// Highest first, no score last.
fn desc(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.partial_cmp(&a).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The results table.
#[component]
pub fn ResultsTable(
    /// The scorecard, for band colours and metric names.
    designer: Designer,
    /// The scored accounts.
    results: Memo<Vec<AccountScore>>,
    /// The pinned baseline, when comparing.
    baseline: RwSignal<Option<Vec<Pinned>>>,
    /// The account whose explanation is open.
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let card = designer.card;
    let sort: RwSignal<(SortBy, bool)> = RwSignal::new((SortBy::Rank, true));
    let band_filter: RwSignal<String> = RwSignal::new(String::new());
    let scroll_top = RwSignal::new(0.0);
    let metric_names = Memo::new(move |_| card.with(|c| c.metrics.iter().map(|m| m.name.clone()).collect::<Vec<_>>()));
    let band_labels = Memo::new(move |_| card.with(|c| c.bands.iter().map(|b| b.label.clone()).collect::<Vec<_>>()));

    let lines: Memo<Vec<Line>> = Memo::new(move |_| {
        results.with(|results| {
            let ranks = ranks(results);
            let changes = baseline.with(|b| b.as_ref().map(|b| card.with(|c| compare(b, results, &c.bands))));
            let filter = band_filter.get();
            let mut lines: Vec<Line> = results
                .iter()
                .enumerate()
                .filter(|(_, r)| match filter.as_str() {
                    "" => true,
                    "none" => r.band.is_none(),
                    f => r.band.map(|b| b.to_string()).as_deref() == Some(f),
                })
                .map(|(i, r)| Line { result: r.clone(), rank: ranks[i], change: changes.as_ref().map(|c| c[i].clone()) })
                .collect();
            let (by, ascending) = sort.get();
            lines.sort_by(|a, b| {
                let order = match by {
                    SortBy::Rank => a.rank.cmp(&b.rank),
                    SortBy::Account => a.result.name.to_lowercase().cmp(&b.result.name.to_lowercase()),
                    SortBy::Score => desc(a.result.score, b.result.score),
                    SortBy::Change => desc(a.change.as_ref().and_then(|c| c.delta), b.change.as_ref().and_then(|c| c.delta)),
                    SortBy::Metric(m) => desc(a.result.metrics.get(m).map(|s| s.points), b.result.metrics.get(m).map(|s| s.points)),
                };
                // `ascending` means the column's natural order: rank 1 and A first, highest numbers first.
                if ascending { order } else { order.reverse() }
            });
            lines
        })
    });
    let long = move || lines.with(Vec::len) > VIRTUAL_FROM;
    let window = move || {
        let total = lines.with(Vec::len);
        if !long() {
            return (0, total);
        }
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN).min(total);
        let last = (first + (VIEWPORT / ROW_HEIGHT) as usize + 2 * OVERSCAN).min(total);
        (first, last)
    };
    let header = move |label: String, by: SortBy, numeric: bool| {
        let aria_sort = move || {
            let (current, ascending) = sort.get();
            if current != by { "none" } else if ascending == matches!(by, SortBy::Account | SortBy::Rank) { "ascending" } else { "descending" }
        };
        view! {
            <th scope="col" class:num=numeric aria-sort=aria_sort>
                <button class="sort" on:click=move |_| sort.update(|(current, ascending)| {
                    if *current == by { *ascending = !*ascending } else { *current = by; *ascending = true }
                })>{label}</button>
            </th>
        }
    };
    let comparing = move || baseline.with(Option::is_some);
    let body = move || {
        let (first, last) = window();
        let total = lines.with(Vec::len);
        let columns = 5 + metric_names.with(Vec::len) + if comparing() { 2 } else { 0 };
        let spacer = move |rows: usize| (rows > 0).then(|| view! {
            <tr class="spacer" aria-hidden="true"><td colspan=columns.to_string() style=format!("height: {}px", rows as f64 * ROW_HEIGHT)></td></tr>
        });
        let rows = card.with(|c| lines.with(|lines| {
            lines[first..last].iter().enumerate().map(|(k, line)| row_view(line, first + k, c, selected, comparing())).collect_view()
        }));
        view! { {spacer(first)} {rows} {spacer(total - last)} }
    };
    view! {
        <div class="table-tools">
            <label>
                "Show "
                <select on:change=move |ev| band_filter.set(event_target_value(&ev))>
                    <option value="">"All bands"</option>
                    {move || band_labels.get().into_iter().enumerate().map(|(i, l)| view! { <option value=i.to_string()>{l}</option> }).collect_view()}
                    <option value="none">"No score"</option>
                </select>
            </label>
            <span class="row-count">{move || format!("{} of {} accounts", lines.with(Vec::len), results.with(Vec::len))}</span>
        </div>
        <div
            class="table-scroll"
            class:virtual=long
            on:scroll=move |ev| {
                let el: web_sys::Element = event_target(&ev);
                scroll_top.set(el.scroll_top() as f64);
            }
        >
            <table class="results" aria-rowcount=move || (lines.with(Vec::len) + 1).to_string()>
                <caption class="visually-hidden">"Account scores"</caption>
                <thead>
                    <tr>
                        {header("Rank".into(), SortBy::Rank, true)}
                        {header("Account".into(), SortBy::Account, false)}
                        {header("Score".into(), SortBy::Score, true)}
                        <th scope="col">"Band"</th>
                        <th scope="col">"Grade"</th>
                        {move || comparing().then(|| view! {
                            {header("Change".into(), SortBy::Change, true)}
                            <th scope="col">"Band change"</th>
                        })}
                        {move || metric_names.get().into_iter().enumerate().map(|(i, name)| header(name, SortBy::Metric(i), true)).collect_view()}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

fn row_view(line: &Line, position: usize, card: &healthscore_core::Scorecard, selected: RwSignal<Option<usize>>, comparing: bool) -> impl IntoView {
    let r = &line.result;
    let row = r.row;
    let band = r.band.and_then(|i| card.bands.get(i).cloned());
    let grade = r.grade.and_then(|i| card.grades.get(i).cloned());
    let change = comparing.then(|| {
        let (delta, moved) = line.change.as_ref().map_or((None, None), |c| (c.delta, c.moved.clone()));
        view! {
            <td class="num delta">{delta.map(|d| if d > 0.0 { format!("+{d:.1}") } else { format!("{d:.1}") })}</td>
            <td>{moved.map(|(from, to)| format!("{from} → {to}"))}</td>
        }
    });
    let points = r.metrics.iter().map(|m| {
        let text = if m.sub_score.is_none() { "–".to_owned() } else { format!("{:.1}", m.points) };
        view! { <td class="num points">{text}</td> }
    }).collect_view();
    view! {
        <tr class:selected=move || selected.get() == Some(row) aria-rowindex=(position + 2).to_string()>
            <td class="num">{line.rank}</td>
            <th scope="row">
                <button class="link" on:click=move |_| selected.set(Some(row))>{r.name.clone()}</button>
            </th>
            <td class="num score">{r.score.map_or("no score".to_owned(), format::score)}</td>
            <td>{band.map(|band| view! { <BandChip band=band /> })}</td>
            <td>{grade.map(|grade| view! { <BandChip band=grade /> })}</td>
            {change}
            {points}
        </tr>
    }
}
