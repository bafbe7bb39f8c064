//! The scores at a glance, pinned under the header: band counts, a small histogram, the weight
//! total and, with a baseline pinned, who moved; in view whichever control is in use.

use super::distribution::{count_and_share, BandBars, Bars};
use crate::format;
use crate::results::{Focus, Results};
use healthscore_core::weights::imbalance;
use leptos::prelude::*;

/// The pinned summary strip.
#[component]
pub fn Scoreboard(
    /// The scores, the card and the baseline.
    results: Results,
    /// The weight total when the scores are provisional.
    provisional: Memo<Option<f64>>,
) -> impl IntoView {
    view! {
        <section class="scoreboard" aria-label="Scores at a glance">
            <BandCounts results />
            <MiniHistogram results />
            <WeightTotal results provisional />
            <Movement results />
        </section>
    }
}

/// "Red 17 (40%)" per band; the items are made when the bands change, their text follows edits.
#[component]
fn BandCounts(results: Results) -> impl IntoView {
    // Labels and colours from the shape: a weight drag does not revisit them.
    let shape = results.shape;
    let counts = Memo::new(move |_| results.scores.with(|s| (s.band_counts.clone(), s.unscored)));
    let band_count = Memo::new(move |_| shape.with(|c| c.bands.len()));
    let total = Memo::new(move |_| counts.with(|(c, u)| c.iter().sum::<usize>() + u));
    let item = move |i: usize| {
        let band = Memo::new(move |_| shape.with(|c| c.bands.get(i).map(|b| (b.label.clone(), format::colour(&b.colour).to_owned())).unwrap_or_default()));
        let text = move || count_and_share(counts.with(|(c, _)| c.get(i).copied().unwrap_or(0)), total.get());
        view! {
            <li style=move || format!("--band-colour: {}", band.with(|b| b.1.clone()))>
                <span class="band-chip">{move || band.with(|b| b.0.clone())}</span>
                " "
                <span class="count">{text}</span>
            </li>
        }
    };
    view! {
        <ul class="band-counts" aria-label="Band counts">
            {move || (0..band_count.get()).map(item).collect_view()}
            {move || (counts.with(|c| c.1) > 0).then(|| view! { <li>"No score " <span class="count">{move || counts.with(|c| c.1)}</span></li> })}
        </ul>
    }
}

/// Twenty bars, one per 5 points, in their band's colour: one SVG path per band (and one grey
/// for scores below every band), so an edit sets a few path attributes instead of restyling
/// twenty boxes (traced at 10,000 accounts, the boxes cost about 0.9 ms per slider event in
/// style, layout and script).
#[component]
fn MiniHistogram(results: Results) -> impl IntoView {
    let bins = Memo::new(move |_| results.scores.with(|s| s.bins.clone()));
    // Colours from the shape: a weight drag does not revisit them.
    let bands = Memo::new(move |_| results.shape.with(|c| c.bands.clone()));
    view! {
        <svg class="mini-histogram" viewBox=format!("0 0 {} {}", MINI.width, MINI.bottom) preserveAspectRatio="none" aria-hidden="true">
            <BandBars bars=MINI bands bins />
        </svg>
    }
}

/// The mini histogram's size in its own units (its box on the page is the same in pixels).
const MINI: Bars = Bars { width: 120.0, bottom: 28.0, tallest: 28.0, gap: 1.0 };

/// The weight total, and "provisional" while it is not 100.
#[component]
fn WeightTotal(results: Results, provisional: Memo<Option<f64>>) -> impl IntoView {
    let weights = Memo::new(move |_| results.card.with(|c| c.metrics.iter().map(|m| m.weight).collect::<Vec<f64>>()));
    let text = move || {
        weights.with(|w| match imbalance(w) {
            None => format!("Weights {}", format::number(w.iter().sum())),
            Some(off) => format!("Weights {}: {off}", format::number(w.iter().sum())),
        })
    };
    view! {
        <p class="scoreboard-weights" class:off=move || provisional.with(Option::is_some)>
            {text}
            {move || provisional.with(Option::is_some).then(|| view! { <strong class="provisional-badge">" Provisional scores"</strong> })}
        </p>
    }
}

/// With a baseline pinned: each move ("4 Yellow → Red") as a button that narrows the table to
/// those accounts.
#[component]
fn Movement(results: Results) -> impl IntoView {
    // The buttons are made when a move appears or goes; a drag rewrites their counts.
    let total = results.moved_total();
    let pairs = results.moved_pairs();
    let pinned = Memo::new(move |_| total.with(Option::is_some));
    let heading = move || match total.get() {
        Some(0) | None => "Since the baseline: no account changed band".to_owned(),
        Some(n) => format!("Since the baseline, {n} changed band:"),
    };
    let button = move |pair: (String, String)| {
        let shown = pair.clone();
        let label = move || format!("{} {} \u{2192} {}", results.moved_count(&shown), shown.0, shown.1);
        view! { <li><button class="link" on:click=move |_| show(results, Focus::Moved(Some(pair.clone())))>{label}</button></li> }
    };
    move || {
        pinned.get().then(|| view! {
            <div class="scoreboard-moves">
                <span>{heading}</span>
                <ul aria-label="Band changes since the baseline">
                    <For each=move || pairs.get() key=|pair| pair.clone() children=button />
                </ul>
            </div>
        })
    }
}

/// Narrows the table to `focus` and brings it into view.
pub fn show(results: Results, focus: Focus) {
    results.focus.set(Some(focus));
    if let Some(table) = document().get_element_by_id("results-heading") {
        table.scroll_into_view();
    }
}
