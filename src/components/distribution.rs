//! How accounts spread: a count per band, and an SVG histogram with the band boundaries drawn on it.

use crate::results::Results;
use leptos::prelude::*;

// Points per histogram bar: the bins made with the scores.
use healthscore_core::engine::BIN;
const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 120.0;

/// The colour of the band `score` falls in (grey where no band does).
pub fn colour_at(bands: &[healthscore_core::Band], score: f64) -> String {
    healthscore_core::validate::band_index(bands, score)
        .and_then(|b| bands.get(b))
        .map_or("#999999".to_owned(), |b| crate::format::colour(&b.colour).to_owned())
}

/// "17 (40%)": a band's accounts and their share of all.
pub fn count_and_share(n: usize, total: usize) -> String {
    let share = if total > 0 { n as f64 / total as f64 * 100.0 } else { 0.0 };
    format!("{n} ({share:.0}%)")
}

/// Band counts and the score histogram.
#[component]
pub fn Distribution(
    /// The scores and the scorecard's bands.
    results: Results,
) -> impl IntoView {
    let figure = NodeRef::<leptos::html::Div>::new();
    let results = results.while_seen(figure, Signal::stored(0));
    let card = results.card;
    // Colours, labels and boundaries follow the bands only: a weight drag does not revisit them.
    let bands = Memo::new(move |_| card.with(|c| c.bands.clone()));
    let counts = Memo::new(move |_| results.scores.with(|s| (s.band_counts.clone(), s.unscored)));
    let bins = Memo::new(move |_| results.scores.with(|s| s.bins.clone()));
    let band_count = Memo::new(move |_| bands.with(Vec::len));
    let total = Memo::new(move |_| counts.with(|(c, unscored)| c.iter().sum::<usize>() + unscored));
    // ARR per account, read once per data and column; totalled per band on every edit.
    let arr_column = Memo::new(move |_| card.with(|c| c.data.arr_column.clone()));
    let arr = Memo::new(move |_| {
        let column = arr_column.get()?;
        results.parsed.with(|p| card.with_untracked(|c| healthscore_core::mapping::numbers_of(&c.data, p, &column)))
    });
    let arr_sums = Memo::new(move |_| arr.with(|values| values.as_ref().map(|v| results.scores.with(|s| s.band_sums(v)))));
    // One item per band, made when the number of bands changes; each edit updates their text.
    let band_list = move || {
        let items = (0..band_count.get()).map(|i| {
            let band = Memo::new(move |_| bands.with(|b| b.get(i).map(|b| (b.label.clone(), crate::format::colour(&b.colour).to_owned()))).unwrap_or_default());
            let count = move || {
                let n = counts.with(|(c, _)| c.get(i).copied().unwrap_or(0));
                let arr = arr_sums.with(|sums| sums.as_ref().map(|s| format!(", {} ARR", crate::format::money(s.get(i).copied().unwrap_or(0.0)))));
                format!("{}{}", count_and_share(n, total.get()), arr.unwrap_or_default())
            };
            view! {
                <li style=move || format!("--band-colour: {}", band.with(|b| b.1.clone()))>
                    <span class="band-chip">{move || band.with(|b| b.0.clone())}</span>
                    <span class="count">{count}</span>
                </li>
            }
        }).collect_view();
        view! { {items} }
    };
    let unscored = move || {
        let n = counts.with(|c| c.1);
        (n > 0).then(|| view! { <li><span>"No score"</span> <span class="count">{move || counts.with(|c| c.1)}</span></li> })
    };
    let summary = move || {
        let (counts, _) = counts.get();
        card.with(|c| {
            let parts: Vec<String> = c.bands.iter().zip(&counts).map(|(b, n)| format!("{n} {}", b.label)).collect();
            format!("Histogram of scores in {}-point bins: {}", BIN, parts.join(", "))
        })
    };
    let bin_count = Memo::new(move |_| bins.with(Vec::len));
    // One bar per bin, made once; each edit moves their tops.
    let bars = move || {
        let count = bin_count.get();
        let width = WIDTH / count.max(1) as f64;
        (0..count).map(|i| {
            let start = i as f64 * BIN;
            let n = move || bins.with(|b| b.get(i).copied().unwrap_or(0));
            let height = move || {
                let max = bins.with(|b| b.iter().copied().max().unwrap_or(0)).max(1) as f64;
                n() as f64 / max * (HEIGHT - 16.0)
            };
            let colour = move || bands.with(|b| colour_at(b, start));
            view! {
                <rect x=format!("{:.1}", i as f64 * width + 1.0) y=move || format!("{:.1}", HEIGHT - height()) width=format!("{:.1}", width - 2.0) height=move || format!("{:.1}", height()) fill=colour>
                    <title>{move || format!("{start}-{}: {}", start + BIN, n())}</title>
                </rect>
            }
        }).collect_view()
    };
    let boundaries = move || {
        bands.with(|bands| {
            bands.iter().skip(1).map(|b| {
                let x = b.from / 100.0 * WIDTH;
                view! {
                    <line class="boundary" x1=format!("{x:.1}") x2=format!("{x:.1}") y1="0" y2=HEIGHT.to_string() />
                    <text class="boundary-label" x=format!("{:.1}", x + 3.0) y="11">{crate::format::number(b.from)}</text>
                }
            }).collect_view()
        })
    };
    // Band starts the evidence suggests, dashed in another colour until applied.
    let suggested = move || {
        results.suggested_starts.get().map(|starts| {
            starts.into_iter().map(|from| {
                let x = from / 100.0 * WIDTH;
                view! { <line class="suggested-boundary" x1=format!("{x:.1}") x2=format!("{x:.1}") y1="0" y2=HEIGHT.to_string() /> }
            }).collect_view()
        })
    };
    view! {
        <div class="distribution" node_ref=figure>
            <ul class="band-counts" aria-label="Accounts per band">{band_list}{unscored}</ul>
            <svg class="histogram" viewBox=format!("0 0 {WIDTH} {}", HEIGHT + 14.0) role="img" aria-label=summary preserveAspectRatio="none">
                {bars}
                {boundaries}
                {suggested}
                <text class="axis" x="0" y=(HEIGHT + 12.0).to_string()>"0"</text>
                <text class="axis" x=(WIDTH - 18.0).to_string() y=(HEIGHT + 12.0).to_string()>"100"</text>
            </svg>
        </div>
    }
}
