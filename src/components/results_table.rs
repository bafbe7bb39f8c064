//! The scored accounts: rank, score, band, grade, per-metric points; sortable, filterable, virtualised.

use crate::components::BandChip;
use crate::designer::Designer;
use crate::format;
use healthscore_core::insight::{ranks, compare, Change, Pinned};
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
    Band,
    Grade,
    Change,
    Metric(usize),
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

    let ranks_by_index = Memo::new(move |_| results.with(|r| ranks(r)));
    let changes: Memo<Option<Vec<Change>>> = Memo::new(move |_| {
        baseline.with(|b| b.as_ref().map(|b| card.with(|c| results.with(|r| compare(b, r, &c.bands)))))
    });
    // Result indexes in display order, after the band filter.
    let order: Memo<Vec<usize>> = Memo::new(move |_| {
        results.with(|results| {
            let filter = band_filter.get();
            let mut order: Vec<usize> = (0..results.len())
                .filter(|&i| match filter.as_str() {
                    "" => true,
                    "none" => results[i].band.is_none(),
                    f => results[i].band.map(|b| b.to_string()).as_deref() == Some(f),
                })
                .collect();
            let (by, ascending) = sort.get();
            ranks_by_index.with(|ranks| changes.with(|changes| {
                let delta = |i: usize| changes.as_ref().and_then(|c| c.get(i)).and_then(|c| c.delta);
                order.sort_by(|&a, &b| {
                    let (ra, rb) = (&results[a], &results[b]);
                    let order = match by {
                        SortBy::Rank => ranks[a].cmp(&ranks[b]),
                        SortBy::Account => ra.name.to_lowercase().cmp(&rb.name.to_lowercase()),
                        SortBy::Score => desc(ra.score, rb.score),
                        // Best band first, like scores.
                        SortBy::Band => rb.band.cmp(&ra.band),
                        SortBy::Grade => rb.grade.cmp(&ra.grade),
                        SortBy::Change => desc(delta(a), delta(b)),
                        SortBy::Metric(m) => desc(ra.metrics.get(m).map(|s| s.points), rb.metrics.get(m).map(|s| s.points)),
                    };
                    // `ascending` means the column's natural order: rank 1 and A first, highest numbers first.
                    if ascending { order } else { order.reverse() }
                });
            }));
            order
        })
    });
    let long = move || order.with(Vec::len) > VIRTUAL_FROM;
    // The rows in view: (rows above, their result indexes, rows below).
    let visible: Memo<(usize, Vec<usize>, usize)> = Memo::new(move |_| {
        let total = order.with(Vec::len);
        let (first, last) = if long() {
            let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN).min(total);
            (first, (first + (VIEWPORT / ROW_HEIGHT) as usize + 2 * OVERSCAN).min(total))
        } else {
            (0, total)
        };
        (first, order.with(|o| o[first..last].to_vec()), total - last)
    });
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
    let columns = Memo::new(move |_| 5 + metric_names.with(Vec::len) + if comparing() { 2 } else { 0 });
    let spacer = move |rows: Signal<usize>| view! {
        <tr class="spacer" aria-hidden="true" style:display=move || if rows.get() == 0 { "none" } else { "table-row" }>
            <td colspan=move || columns.get().to_string() style:height=move || format!("{}px", rows.get() as f64 * ROW_HEIGHT)></td>
        </tr>
    };
    let context = RowContext { card, results, ranks: ranks_by_index, changes, selected };
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
            <span class="row-count">{move || format!("{} of {} accounts", order.with(Vec::len), results.with(Vec::len))}</span>
        </div>
        <div
            class="table-scroll"
            class:virtual=long
            on:scroll=move |ev| {
                let el: web_sys::Element = event_target(&ev);
                scroll_top.set(el.scroll_top() as f64);
            }
        >
            // Fixed layout with set column widths: re-rendered rows never force
            // the browser to re-measure every cell of the table.
            <table
                class="results"
                style=move || {
                    let columns = metric_names.with(Vec::len) as f64 * 7.5 + if comparing() { 15.0 } else { 0.0 };
                    format!("width: {}rem", 4.0 + 15.0 + 5.5 + 7.0 + 5.0 + columns)
                }
            >
                <colgroup>
                    <col style="width: 4rem" />
                    <col style="width: 15rem" />
                    <col style="width: 5.5rem" />
                    <col style="width: 7rem" />
                    <col style="width: 5rem" />
                    {move || comparing().then(|| view! { <col style="width: 6rem" /><col style="width: 9rem" /> })}
                    {move || metric_names.with(|m| m.iter().map(|_| view! { <col style="width: 7.5rem" /> }).collect_view())}
                </colgroup>
                <caption class="visually-hidden">"Account scores"</caption>
                <thead>
                    <tr>
                        {header("Rank".into(), SortBy::Rank, true)}
                        {header("Account".into(), SortBy::Account, false)}
                        {header("Score".into(), SortBy::Score, true)}
                        {header("Band".into(), SortBy::Band, false)}
                        {header("Grade".into(), SortBy::Grade, false)}
                        {move || comparing().then(|| view! {
                            {header("Change".into(), SortBy::Change, true)}
                            <th scope="col">"Band change"</th>
                        })}
                        {move || metric_names.get().into_iter().enumerate().map(|(i, name)| header(name, SortBy::Metric(i), true)).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {spacer(Signal::derive(move || visible.with(|v| v.0)))}
                    // Keyed by account: a slider step updates the cells' text in place
                    // instead of rebuilding rows, which keeps layout work small.
                    <For each=move || visible.with(|v| v.1.clone()) key=|i| *i let:index>
                        <ResultRow context=context index=index />
                    </For>
                    {spacer(Signal::derive(move || visible.with(|v| v.2)))}
                </tbody>
            </table>
        </div>
    }
}

/// What every row reads, bundled so each row takes one prop.
#[derive(Clone, Copy)]
struct RowContext {
    card: RwSignal<healthscore_core::Scorecard>,
    results: Memo<Vec<AccountScore>>,
    ranks: Memo<Vec<usize>>,
    changes: Memo<Option<Vec<Change>>>,
    selected: RwSignal<Option<usize>>,
}

/// One account's row; every cell updates in place.
#[component]
fn ResultRow(context: RowContext, index: usize) -> impl IntoView {
    let RowContext { card, results, ranks, changes, selected } = context;
    let result = Memo::new(move |_| results.with(|r| r.get(index).cloned()));
    let field = move |f: fn(&AccountScore) -> String| move || result.with(|r| r.as_ref().map(f).unwrap_or_default());
    let band = Memo::new(move |_| {
        let band = result.with(|r| r.as_ref().and_then(|r| r.band));
        band.and_then(|b| card.with(|c| c.bands.get(b).cloned()))
    });
    let grade = Memo::new(move |_| {
        let grade = result.with(|r| r.as_ref().and_then(|r| r.grade));
        grade.and_then(|g| card.with(|c| c.grades.get(g).cloned()))
    });
    let change = Memo::new(move |_| changes.with(|c| c.as_ref().map(|c| c.get(index).cloned().unwrap_or(Change { delta: None, moved: None }))));
    let metric_count = Memo::new(move |_| result.with(|r| r.as_ref().map_or(0, |r| r.metrics.len())));
    let row = move || result.with(|r| r.as_ref().map(|r| r.row));
    view! {
        <tr class:selected=move || selected.get().is_some() && selected.get() == row()>
            <td class="num">{move || ranks.with(|r| r.get(index).copied().unwrap_or(0))}</td>
            <th scope="row">
                <button class="link" on:click=move |_| selected.set(row())>{field(|r| r.name.clone())}</button>
            </th>
            <td class="num score">{field(|r| r.score.map_or("no score".to_owned(), format::score))}</td>
            <td>{move || band.get().map(|band| view! { <BandChip band=band /> })}</td>
            <td>{move || grade.get().map(|grade| view! { <BandChip band=grade /> })}</td>
            {move || change.get().map(|c| view! {
                <td class="num delta">{c.delta.map(|d| if d > 0.0 { format!("+{d:.1}") } else { format!("{d:.1}") })}</td>
                <td>{c.moved.map(|(from, to)| format!("{from} → {to}"))}</td>
            })}
            {move || (0..metric_count.get()).map(|m| {
                let text = move || result.with(|r| r.as_ref().and_then(|r| r.metrics.get(m)).map(|s| {
                    if s.sub_score.is_none() { "–".to_owned() } else { format!("{:.1}", s.points) }
                }).unwrap_or_default());
                view! { <td class="num points">{text}</td> }
            }).collect_view()}
        </tr>
    }
}
