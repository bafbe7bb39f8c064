//! How accounts spread: a count per band, and an SVG histogram with the band boundaries drawn on it.

use crate::results::Results;
use leptos::prelude::*;

// Points per histogram bar: the bins made with the scores.
use healthscore_core::engine::BIN;
const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 120.0;
/// The bars: the full width, standing on the axis, the tallest 16 units short of the top.
const BARS: Bars = Bars { width: WIDTH, bottom: HEIGHT, tallest: HEIGHT - 16.0, gap: 2.0 };

/// The colour of bars below every band.
const NO_BAND_COLOUR: &str = "#999999";

/// Where a histogram's bars go in its SVG: drawn as one path per band (see [`Bars::path`]), so
/// a slider event sets the outline of the few paths whose bars changed rather than the
/// geometry of every bar.
#[derive(Clone, Copy)]
pub struct Bars {
    /// Width of all the bars with their gaps.
    pub width: f64,
    /// Where the bars stand.
    pub bottom: f64,
    /// Height of the tallest bar.
    pub tallest: f64,
    /// Gap between two bars.
    pub gap: f64,
}

impl Bars {
    /// Per bar, the path that draws it: its band's index, or `bands.len()` below every band.
    pub fn groups(bands: &[healthscore_core::Band], bars: usize) -> Vec<usize> {
        (0..bars).map(|i| healthscore_core::validate::band_index(bands, i as f64 * BIN).unwrap_or(bands.len())).collect()
    }

    /// The outline of the bars of `group`, each as tall as its count against the largest
    /// ("" when the group has no bar above zero).
    pub fn path(&self, bins: &[usize], groups: &[usize], group: usize) -> String {
        let max = bins.iter().copied().max().unwrap_or(0).max(1) as f64;
        let step = self.width / bins.len().max(1) as f64;
        let mut d = String::new();
        for (i, &n) in bins.iter().enumerate() {
            let height = n as f64 / max * self.tallest;
            if groups.get(i) == Some(&group) && height > 0.0 {
                let x = i as f64 * step + self.gap / 2.0;
                d.push_str(&format!("M{x:.1} {}v-{height:.1}h{:.1}v{height:.1}z", self.bottom, step - self.gap));
            }
        }
        d
    }
}

/// A histogram's bars as one path per band, and one grey path for bars below every band: the
/// paths are made when the bands change, and each edit redraws only the outlines that changed.
#[component]
pub fn BandBars(
    /// Where the bars go.
    bars: Bars,
    /// The bands, for the bars' colours.
    bands: Memo<Vec<healthscore_core::Band>>,
    /// Accounts per bin.
    bins: Memo<Vec<usize>>,
) -> impl IntoView {
    let bin_count = Memo::new(move |_| bins.with(Vec::len));
    // Which bars each path draws follows the bands only: a weight drag does not revisit it.
    let groups = Memo::new(move |_| bands.with(|b| Bars::groups(b, bin_count.get())));
    let colours = Memo::new(move |_| {
        bands.with(|b| b.iter().map(|b| crate::format::colour(&b.colour).to_owned()).chain([NO_BAND_COLOUR.to_owned()]).collect::<Vec<_>>())
    });
    move || {
        (0..colours.with(Vec::len)).map(|group| {
            let d = Memo::new(move |_| bins.with(|b| groups.with(|g| bars.path(b, g, group))));
            let fill = move || colours.with(|c| c.get(group).cloned().unwrap_or_default());
            view! { <path fill=fill d=move || d.get() /> }
        }).collect_view()
    }
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
    // Each bin's count on hover: a still box per bin, its text caught up once the edits pause
    // (the pointer is on the slider during a drag, not on the bars).
    let paused = results.edits_paused;
    let settled = crate::settle::hold(Memo::new(move |_| paused.get()), || (), move || bins.get());
    let tips = move || {
        let count = bin_count.get();
        let width = WIDTH / count.max(1) as f64;
        (0..count).map(|i| {
            let start = i as f64 * BIN;
            let tip = move || settled.with(|(_, b)| format!("{start}-{}: {}", start + BIN, b.get(i).copied().unwrap_or(0)));
            view! {
                <rect class="bin" x=format!("{:.1}", i as f64 * width) y="0" width=format!("{width:.1}") height=HEIGHT.to_string() fill="transparent">
                    <title>{tip}</title>
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
                <BandBars bars=BARS bands bins />
                {tips}
                {boundaries}
                {suggested}
                <text class="axis" x="0" y=(HEIGHT + 12.0).to_string()>"0"</text>
                <text class="axis" x=(WIDTH - 18.0).to_string() y=(HEIGHT + 12.0).to_string()>"100"</text>
            </svg>
        </div>
    }
}
