//! The scored accounts: rank, score, band, grade, per-metric points; sortable, filterable, virtualised.
//!
//! Rows read the engine's columns directly; only the rows in view exist in the DOM,
//! and the rows in view by rank are picked in one pass instead of sorting every account per event.

use crate::components::BandChip;
use crate::format;
use crate::results::{Focus, Results, Versioned};
use crate::settle::hold;
use healthscore_core::Band;
use healthscore_core::engine::{order_by, ranks_of, window, Scores, NO_BAND};
use healthscore_core::mapping::carried_columns;
use leptos::prelude::*;

/// Row height in pixels; fixed so only the visible rows need rendering.
const ROW_HEIGHT: f64 = 36.0;
/// Tables longer than this render only the rows in view.
const VIRTUAL_FROM: usize = 200;
/// Height of the scrolling area of a long table.
const VIEWPORT: f64 = 540.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 3;
/// Rows a short table builds for the page's first frame; the rest (spacer-held, so nothing
/// moves) once the browser is idle after it. The table starts below the first screen, and
/// its rows were a third of the first frame's script, style and layout.
const FIRST_FRAME_ROWS: usize = 12;
/// Cards with more metrics than this show points per metric only on request: 200 columns
/// of points are unreadable, and each is a cell per row to lay out again on every edit.
const POINTS_COLUMNS_UP_TO: usize = 24;

/// The rows in view: rows above, their account indexes, rows below, rows in all, and their
/// ranks when the window found them.
type Visible = (usize, Vec<usize>, usize, usize, Option<Vec<usize>>);

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

/// Account indexes in display order for one sort, before the band filter. The rows in
/// view by rank or score are picked by `window` without this; it orders them too, for
/// completeness.
fn sorted(results: Results, by: SortBy, ascending: bool) -> Vec<u32> {
    let scores = results.scores;
    let by_key = |key: &dyn Fn(usize) -> f64| {
        let keys: Vec<f64> = (0..scores.with(|s| s.len())).map(key).collect();
        order_by(&keys, ascending)
    };
    let natural = |order: &[u32]| {
        let mut order = order.to_vec();
        if !ascending {
            order.reverse();
        }
        order
    };
    match by {
        SortBy::Rank | SortBy::Score => {
            let all = results.scores.with(|s| window(&s.score, |_| true, 0, s.len(), false).rows);
            natural(&all)
        }
        SortBy::Account => results.by_name.with(|n| natural(&n.order)),
        // Best band first, like scores.
        SortBy::Band => scores.with(|s| by_key(&|i| s.band_of(i).map_or(f64::NAN, |b| b as f64))),
        SortBy::Grade => scores.with(|s| by_key(&|i| s.grade_of(i).map_or(f64::NAN, |g| g as f64))),
        SortBy::Change => results.baseline.with(|b| {
            scores.with(|s| {
                results.parsed.with(|p| {
                    let column = p.table.name_column();
                    by_key(&|i| b.as_ref().and_then(|b| b.scores.delta(i, s.score_of(i), p.table.cell(i, column))).unwrap_or(f64::NAN))
                })
            })
        }),
        SortBy::Metric(m) => {
            let points = results.card.with(|c| {
                let valid = c.scorable().ok()?;
                Some(results.subs.with(|subs| Scores::metric_points(valid, subs, m)))
            });
            let points = points.unwrap_or_default();
            by_key(&|i| points.get(i).copied().unwrap_or(f64::NAN))
        }
    }
}

/// The results table.
#[component]
pub fn ResultsTable(
    /// The scorecard, the data, the scores and the baseline.
    results: Results,
    /// The account whose explanation is open.
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let scroll_area = NodeRef::<leptos::html::Div>::new();
    // Out of sight during a drag, the table and each of its rows keep their figures until the
    // edits pause.
    let results = results.while_seen(scroll_area, Signal::stored(0));
    let card = results.card;
    let sort: RwSignal<(SortBy, bool)> = RwSignal::new((SortBy::Rank, true));
    let band_filter: RwSignal<String> = RwSignal::new(String::new());
    let scroll_top = RwSignal::new(0.0);
    // Whether the table is scrolled sideways: its first four columns then stay put.
    let sideways = RwSignal::new(false);
    let first_frame_done = crate::browser::after_first_frame();
    // How many of a short table's `n` rows are built now.
    let built = move |n: usize| if first_frame_done.get() { n } else { n.min(FIRST_FRAME_ROWS) };
    let all_metric_names = Memo::new(move |_| card.with(|c| c.metrics.iter().map(|m| m.name.clone()).collect::<Vec<_>>()));
    // None until the user chooses: then points show for cards with few enough metrics.
    let points_choice: RwSignal<Option<bool>> = RwSignal::new(None);
    let show_points = Memo::new(move |_| points_choice.get().unwrap_or_else(|| all_metric_names.with(Vec::len) <= POINTS_COLUMNS_UP_TO));
    // The metric columns shown: every metric's, or none.
    let metric_names = Memo::new(move |_| if show_points.get() { all_metric_names.get() } else { Vec::new() });
    let band_labels = Memo::new(move |_| card.with(|c| c.bands.iter().map(|b| b.label.clone()).collect::<Vec<_>>()));
    // The id and carried columns: names and where they are in this data.
    let carried = Memo::new(move |_| results.parsed.with(|p| card.with(|c| carried_columns(&c.data, &p.table))));
    // The grade column shows only when the card grades (off by default).
    let graded = Memo::new(move |_| card.with(|c| !c.grades.is_empty()));

    // The accounts a movement phrase or cell narrowed the table to (None: all).
    let focused: Memo<Option<Vec<bool>>> = Memo::new(move |_| results.focused());
    // The band index the filter keeps (NO_BAND: accounts without a score), None for all:
    // read once per event, not once per account.
    let wanted = |filter: &str| match filter {
        "" => None,
        "none" => Some(NO_BAND),
        f => Some(f.parse::<u16>().unwrap_or(NO_BAND)),
    };
    // Which accounts the band filter and the focus admit.
    let admits = move |wanted: Option<u16>, band: u16, focus: Option<&Vec<bool>>, row: usize| {
        focus.is_none_or(|f| f.get(row).copied().unwrap_or(false)) && wanted.is_none_or(|w| w == band)
    };
    // The rows in view: (rows above, their account indexes, rows below, rows in all, and
    // their ranks when the window found them: best first with every account admitted).
    // By rank or score, one pass picks the rows in view without ordering the rest; other
    // orders come from a sort (names are sorted once per data).
    let visible: Memo<Visible> = Memo::new(move |_| {
        let (by, ascending) = sort.get();
        let filter = band_filter.get();
        let wanted_first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
        let span = (VIEWPORT / ROW_HEIGHT) as usize + 2 * OVERSCAN;
        let (rows, total, first, ranks) = if matches!(by, SortBy::Rank | SortBy::Score) {
            results.scores.with(|s| focused.with(|focus| {
                let wanted = wanted(&filter);
                let keep = |i: usize| admits(wanted, s.band[i], focus.as_ref(), i);
                let mut found = window(&s.score, keep, wanted_first, wanted_first + span, !ascending);
                let first = if found.kept <= VIRTUAL_FROM {
                    found = window(&s.score, keep, 0, built(found.kept), !ascending);
                    0
                } else {
                    wanted_first.min(found.kept)
                };
                let ranked = ascending && filter.is_empty() && focus.is_none();
                (found.rows, found.kept, first, ranked.then_some(found.places))
            }))
        } else {
            let order: Vec<u32> = results.scores.with(|s| focused.with(|focus| {
                let wanted = wanted(&filter);
                sorted(results, by, ascending).into_iter().filter(|&i| admits(wanted, s.band[i as usize], focus.as_ref(), i as usize)).collect()
            }));
            let total = order.len();
            let first = if total > VIRTUAL_FROM { wanted_first.min(total) } else { 0 };
            let last = if total > VIRTUAL_FROM { (first + span).min(total) } else { built(total) };
            (order[first..last].to_vec(), total, first, None)
        };
        let rows: Vec<usize> = rows.into_iter().map(|i| i as usize).collect();
        let below = total - first - rows.len();
        (first, rows, below, total, ranks)
    });
    // What the table shows apart from the scores (sort, filter, focus, scroll, data): a row
    // out of sight during a drag lags, but a change of these shows in every row at once.
    let shape: Signal<u64> = Memo::new(move |count: Option<&u64>| {
        sort.with(|_| ());
        band_filter.with(|_| ());
        scroll_top.with(|_| ());
        results.focus.with(|_| ());
        results.parsed.with(|_| ());
        count.map_or(0, |c| c + 1)
    })
    .into();
    let total = move || visible.with(|v| v.3);
    let long = move || total() > VIRTUAL_FROM;
    // Competition ranks of the rows in view, by slot: from the window when it found them,
    // else one pass over the scores.
    let ranks: Memo<Vec<usize>> = Memo::new(move |_| {
        visible.with(|v| match &v.4 {
            Some(ranks) => ranks.clone(),
            None => results.scores.with(|s| ranks_of(&s.score, &v.1.iter().map(|&r| s.score_of(r)).collect::<Vec<_>>())),
        })
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
    let baseline_pinned = Memo::new(move |_| results.baseline.with(Option::is_some));
    let comparing = move || baseline_pinned.get();
    let row_columns = RowColumns {
        show_points,
        carried,
        graded,
        comparing: baseline_pinned,
        metric_count: Memo::new(move |_| metric_names.with(Vec::len)),
    };
    let columns = Memo::new(move |_| 4 + usize::from(graded.get()) + carried.with(Vec::len) + metric_names.with(Vec::len) + if comparing() { 2 } else { 0 });
    let spacer = move |rows: Signal<usize>| view! {
        <tr class="spacer" aria-hidden="true" style:display=move || if rows.get() == 0 { "none" } else { "table-row" }>
            <td colspan=move || columns.get().to_string() style:height=move || format!("{}px", rows.get() as f64 * ROW_HEIGHT)></td>
        </tr>
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
            <button
                aria-pressed=move || show_points.get().to_string()
                on:click=move |_| points_choice.set(Some(!show_points.get_untracked()))
            >"Points per metric"</button>
            {move || comparing().then(|| view! {
                <button
                    aria-pressed=move || (results.focus.get() == Some(Focus::Moved(None))).to_string()
                    on:click=move |_| results.focus.update(|f| *f = if *f == Some(Focus::Moved(None)) { None } else { Some(Focus::Moved(None)) })
                >"Changed band only"</button>
            })}
            {move || results.focus.get().map(|f| view! {
                <span class="focus-chip" role="status">
                    {format!("Showing accounts: {}", f.label())}
                    " "
                    <button class="link" on:click=move |_| results.focus.set(None)>"Show all accounts"</button>
                </span>
            })}
            <span class="row-count">{move || format!("{} of {} accounts", total(), results.scores.with(|s| s.len()))}</span>
        </div>
        <div
            class="table-scroll"
            node_ref=scroll_area
            class:virtual=long
            class:sideways=move || sideways.get()
            on:scroll=move |ev| {
                let el: web_sys::Element = event_target(&ev);
                scroll_top.set(el.scroll_top() as f64);
                sideways.set(el.scroll_left() > 0);
            }
        >
            // Fixed layout with set column widths: re-rendered rows never force
            // the browser to re-measure every cell of the table.
            <table
                class="results"
                style=move || {
                    let columns = metric_names.with(Vec::len) as f64 * 7.5 + carried.with(Vec::len) as f64 * 9.0
                        + if comparing() { 17.0 } else { 0.0 } + if graded.get() { 5.0 } else { 0.0 };
                    format!("width: {}rem", 3.5 + 11.0 + 5.5 + 7.0 + columns)
                }
            >
                <colgroup>
                    <col style="width: 3.5rem" />
                    <col style="width: 11rem" />
                    <col style="width: 5.5rem" />
                    <col style="width: 7rem" />
                    {move || graded.get().then(|| view! { <col style="width: 5rem" /> })}
                    {move || carried.with(|c| c.iter().map(|_| view! { <col style="width: 9rem" /> }).collect_view())}
                    {move || comparing().then(|| view! { <col style="width: 6rem" /><col style="width: 11rem" /> })}
                    {move || metric_names.with(|m| m.iter().map(|_| view! { <col style="width: 7.5rem" /> }).collect_view())}
                </colgroup>
                <caption class="visually-hidden">"Account scores"</caption>
                <thead>
                    <tr>
                        {header("Rank".into(), SortBy::Rank, true)}
                        {header("Account".into(), SortBy::Account, false)}
                        {header("Score".into(), SortBy::Score, true)}
                        {header("Band".into(), SortBy::Band, false)}
                        {move || graded.get().then(|| header("Grade".into(), SortBy::Grade, false))}
                        {move || carried.get().into_iter().map(|(name, _)| view! { <th scope="col">{name}</th> }).collect_view()}
                        {move || comparing().then(|| view! {
                            {header("Change".into(), SortBy::Change, true)}
                            <th scope="col">"Band change"</th>
                        })}
                        {move || metric_names.get().into_iter().enumerate().map(|(i, name)| header(name, SortBy::Metric(i), true)).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {spacer(Signal::derive(move || visible.with(|v| v.0)))}
                    // Keyed by position in the window, not by account: when a drag reorders
                    // accounts, each row shows its new account by changing text, and no row
                    // is created, destroyed or moved.
                    <For each=move || 0..visible.with(|v| v.1.len()) key=|slot| *slot let:slot>
                        <ResultRow
                            results=results
                            shape=shape
                            selected=selected
                            columns=row_columns
                            row=Signal::derive(move || visible.with(|v| v.1.get(slot).copied()))
                            rank=Signal::derive(move || ranks.with(|r| r.get(slot).copied()))
                        />
                    </For>
                    {spacer(Signal::derive(move || visible.with(|v| v.2)))}
                </tbody>
            </table>
        </div>
    }
}

/// What one row shows, worked out in one go from the results.
#[derive(Clone, PartialEq, Default)]
struct RowFigures {
    row: Option<usize>,
    rank: usize,
    name: String,
    score: String,
    band: Option<Band>,
    grade: Option<Band>,
    /// Change of score since the baseline, and the band move, when one is pinned.
    delta: Option<String>,
    moved: Option<String>,
    carried: Vec<String>,
    /// Points per metric when the points columns show.
    points: Vec<String>,
}

impl RowFigures {
    /// The figures of account `row` at rank `rank`, with the columns the table shows.
    fn of(results: Results, row: Option<usize>, rank: usize, carried: &[(String, Option<usize>)], points: bool) -> RowFigures {
        let Some(r) = row else { return RowFigures::default() };
        let card = results.card;
        let name = results.parsed.with(|p| p.table.cell(r, p.table.name_column()).trim().to_owned());
        let (score, band, grade) = results.scores.with(|s| (s.score_of(r), s.band_of(r), s.grade_of(r)));
        let (delta, moved) = results.baseline.with(|base| match base {
            Some(base) => (
                base.scores.delta(r, score, &name).map(|d| if d > 0.0 { format!("+{d:.1}") } else { format!("{d:.1}") }),
                card.with(|c| base.scores.moved(r, band, &c.bands, &name)).map(|(from, to)| format!("{from} → {to}")),
            ),
            None => (None, None),
        });
        let carried = results.parsed.with(|p| {
            carried.iter().map(|(_, column)| column.map(|c| p.table.cell(r, c).trim().to_owned()).unwrap_or_default()).collect()
        });
        let points = if points { RowFigures::points(results, r) } else { Vec::new() };
        card.with(|c| RowFigures {
            row,
            rank,
            name,
            score: score.map_or("no score".to_owned(), format::score),
            band: band.and_then(|b| c.bands.get(b).cloned()),
            grade: grade.and_then(|g| c.grades.get(g).cloned()),
            delta,
            moved,
            carried,
            points,
        })
    }

    /// Account `row`'s points per metric as the cells show them ("–" where left out).
    fn points(results: Results, row: usize) -> Vec<String> {
        results.card.with(|c| {
            results.subs.with(|s| {
                // Scores are empty while the card is invalid; so are the points.
                let scored = results.scores.with(|scores| row < scores.len());
                (scored && row < s.len() && s.metric_count() == c.metrics.len()).then(|| {
                    Scores::points_for(&c.metrics, s, row)
                        .into_iter()
                        .map(|p| p.map_or("–".to_owned(), |p| format!("{p:.1}")))
                        .collect()
                })
            })
        })
        .unwrap_or_default()
    }
}

/// One row of the window; it shows whichever account is at its position, and every cell
/// updates in place. Its figures are one held value (few reactive nodes per row: marking
/// them is what a drag pays for each row in view).
#[component]
fn ResultRow(
    results: Results,
    shape: Signal<u64>,
    selected: RwSignal<Option<usize>>,
    columns: RowColumns,
    row: Signal<Option<usize>>,
    rank: Signal<Option<usize>>,
) -> impl IntoView {
    // A row below the window's edge (or scrolled out of the table) lags like the table.
    let tr = NodeRef::<leptos::html::Tr>::new();
    let live = results.seen_or_paused(tr);
    let RowColumns { show_points, carried, graded, comparing, metric_count } = columns;
    let figures = hold(live, move || (shape.get(), results.parsed.with(Versioned::version)), move || {
        carried.with(|carried| RowFigures::of(results, row.get(), rank.get().unwrap_or(0), carried, show_points.get()))
    });
    let show = move |f: fn(&RowFigures) -> String| move || figures.with(|(_, figures)| f(figures));
    // A chip is made anew when its band changes, not at every new score.
    let band = Memo::new(move |_| figures.with(|(_, f)| f.band.clone()));
    let grade = Memo::new(move |_| figures.with(|(_, f)| f.grade.clone()));
    view! {
        <tr node_ref=tr class:selected=move || selected.get().is_some() && selected.get() == figures.with(|(_, f)| f.row)>
            <td class="num">{show(|f| f.rank.to_string())}</td>
            <th scope="row">
                <button class="link" on:click=move |_| selected.set(figures.with_untracked(|(_, f)| f.row))>{show(|f| f.name.clone())}</button>
            </th>
            <td class="num score">{show(|f| f.score.clone())}</td>
            <td>{move || band.get().map(|band| view! { <BandChip band=band /> })}</td>
            {move || graded.get().then(|| view! { <td>{move || grade.get().map(|grade| view! { <BandChip band=grade /> })}</td> })}
            {move || (0..carried.with(Vec::len)).map(|k| {
                let text = move || figures.with(|(_, f)| f.carried.get(k).cloned().unwrap_or_default());
                view! { <td class="carried">{text}</td> }
            }).collect_view()}
            // Cells are created when the column set changes and only their text follows each
            // edit: re-creating them would make the browser lay the rows out again.
            {move || comparing.get().then(|| view! {
                <td class="num delta">{move || figures.with(|(_, f)| f.delta.clone())}</td>
                <td>{move || figures.with(|(_, f)| f.moved.clone())}</td>
            })}
            {move || (0..metric_count.get()).map(|m| {
                let text = move || figures.with(|(_, f)| f.points.get(m).cloned().unwrap_or_default());
                view! { <td class="num points">{text}</td> }
            }).collect_view()}
        </tr>
    }
}

/// The columns every row shows, decided once for the table.
#[derive(Clone, Copy)]
struct RowColumns {
    show_points: Memo<bool>,
    carried: Memo<Vec<(String, Option<usize>)>>,
    graded: Memo<bool>,
    comparing: Memo<bool>,
    /// Points columns shown (0 when hidden).
    metric_count: Memo<usize>,
}
