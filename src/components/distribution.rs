//! How accounts spread: a count per band, and an SVG histogram with the band boundaries drawn on it.

use crate::results::Results;
use leptos::prelude::*;

/// Points per histogram bar.
const BIN: f64 = 5.0;
const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 120.0;

/// Band counts and the score histogram.
#[component]
pub fn Distribution(
    /// The scores and the scorecard's bands.
    results: Results,
) -> impl IntoView {
    let card = results.card;
    let counts = Memo::new(move |_| results.scores.with(|s| (s.band_counts.clone(), s.unscored)));
    let bins = Memo::new(move |_| results.scores.with(|s| s.histogram(BIN)));
    let band_list = move || {
        let (counts, unscored) = counts.get();
        let total: usize = counts.iter().sum::<usize>() + unscored;
        card.with(|c| {
            let items = c.bands.iter().zip(&counts).map(|(band, n)| {
                let share = if total > 0 { *n as f64 / total as f64 * 100.0 } else { 0.0 };
                view! {
                    <li style=format!("--band-colour: {}", crate::format::colour(&band.colour))>
                        <span class="band-chip">{band.label.clone()}</span>
                        <span class="count">{format!("{n} ({share:.0}%)")}</span>
                    </li>
                }
            }).collect_view();
            let none = (unscored > 0).then(|| view! { <li><span>"No score"</span> <span class="count">{unscored}</span></li> });
            view! { {items} {none} }
        })
    };
    let summary = move || {
        let (counts, _) = counts.get();
        card.with(|c| {
            let parts: Vec<String> = c.bands.iter().zip(&counts).map(|(b, n)| format!("{n} {}", b.label)).collect();
            format!("Histogram of scores in {}-point bins: {}", BIN, parts.join(", "))
        })
    };
    let bars = move || {
        let bins = bins.get();
        let max = bins.iter().copied().max().unwrap_or(0).max(1) as f64;
        let width = WIDTH / bins.len().max(1) as f64;
        card.with(|c| {
            bins.iter().enumerate().map(|(i, &n)| {
                let start = i as f64 * BIN;
                let colour = healthscore_core::validate::band_index(&c.bands, start)
                    .and_then(|b| c.bands.get(b))
                    .map_or("#999999".to_owned(), |b| crate::format::colour(&b.colour).to_owned());
                let h = n as f64 / max * (HEIGHT - 16.0);
                view! {
                    <rect x=format!("{:.1}", i as f64 * width + 1.0) y=format!("{:.1}", HEIGHT - h) width=format!("{:.1}", width - 2.0) height=format!("{h:.1}") fill=colour>
                        <title>{format!("{start}-{}: {n}", start + BIN)}</title>
                    </rect>
                }
            }).collect_view()
        })
    };
    let boundaries = move || {
        card.with(|c| {
            c.bands.iter().skip(1).map(|b| {
                let x = b.from / 100.0 * WIDTH;
                view! {
                    <line class="boundary" x1=format!("{x:.1}") x2=format!("{x:.1}") y1="0" y2=HEIGHT.to_string() />
                    <text class="boundary-label" x=format!("{:.1}", x + 3.0) y="11">{crate::format::number(b.from)}</text>
                }
            }).collect_view()
        })
    };
    view! {
        <div class="distribution">
            <ul class="band-counts" aria-label="Accounts per band">{band_list}</ul>
            <svg class="histogram" viewBox=format!("0 0 {WIDTH} {}", HEIGHT + 14.0) role="img" aria-label=summary preserveAspectRatio="none">
                {bars}
                {boundaries}
                <text class="axis" x="0" y=(HEIGHT + 12.0).to_string()>"0"</text>
                <text class="axis" x=(WIDTH - 18.0).to_string() y=(HEIGHT + 12.0).to_string()>"100"</text>
            </svg>
        </div>
    }
}
