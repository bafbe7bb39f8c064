//! The evidence panel: mark the outcome column, then see, live with every edit, how well the
//! score separates churned from retained accounts (AUC with its interval), churn per band,
//! the surprises by name, each metric's own signal, and the weights and band boundaries the
//! data suggest, each applied with one undoable click.

use crate::designer::Designer;
use crate::format;
use crate::results::Results;
use healthscore_core::evidence::{
    self, auc_of, per_band, per_metric, separation, spread_of, suggest_boundaries_of, suggest_weights, surprises, BandOutcome,
    MetricEvidence, MetricFlag, NoSuggestion, Spread, FOLDS,
};
use healthscore_core::stats::Histogram;
use healthscore_core::{OutcomeColumn, Scorecard};
use crate::settle::settled;
use leptos::prelude::*;
use std::sync::Arc;

/// Option value for "any non-empty cell means churned".
const NON_EMPTY: &str = "\u{0}non-empty";

/// The panel.
#[component]
pub fn EvidencePanel(
    /// The scorecard, where the outcome setting and applied suggestions are saved.
    designer: Designer,
    /// Scores, sub-scores, labels and the baseline.
    results: Results,
    /// The account whose explanation is open (names in the lists select it).
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let outcome = Memo::new(move |_| designer.shape.with(|c| c.data.outcome.clone()));
    let headers = Memo::new(move |_| results.parsed.with(|p| p.table.headers.clone()));
    let values = Memo::new(move |_| {
        let column = outcome.with(|o| o.as_ref().map(|o| o.column.clone()))?;
        Some(results.parsed.with(|p| evidence::outcome_values(&p.table, &column, 12)))
    });
    let set_outcome = move |column: String| {
        designer.edit(None, |c: &mut Scorecard| {
            c.data.outcome = (!column.is_empty()).then(|| {
                let guess = results.parsed.with_untracked(|p| evidence::outcome_values(&p.table, &column, 12).1);
                OutcomeColumn { column, churned_value: guess }
            });
        });
    };
    let set_value = move |value: String| {
        designer.edit(None, |c: &mut Scorecard| {
            if let Some(o) = c.data.outcome.as_mut() {
                o.churned_value = (value != NON_EMPTY).then_some(value);
            }
        });
    };
    let counts = Memo::new(move |_| results.labels.with(|l| l.as_ref().map(|l| evidence::counts(l))));
    view! {
        <section class="panel evidence" aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">"Evidence: does the score predict churn?"</h2>
            <div class="field-row">
                <label>
                    "Outcome column "
                    <select on:change=move |ev| set_outcome(event_target_value(&ev))>
                        <option value="" selected=move || outcome.with(Option::is_none)>"None"</option>
                        {move || headers.get().into_iter().map(|h| {
                            let selected = outcome.with(|o| o.as_ref().is_some_and(|o| o.column == h));
                            view! { <option value=h.clone() selected=selected>{h.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                {move || outcome.get().map(|o| {
                    let current = o.churned_value.clone().unwrap_or_else(|| NON_EMPTY.to_owned());
                    let list = values.get().map(|v| v.0).unwrap_or_default();
                    view! {
                        <label>
                            "Churned when the cell is "
                            <select on:change=move |ev| set_value(event_target_value(&ev))>
                                {list.into_iter().map(|(v, n)| {
                                    let selected = v.eq_ignore_ascii_case(&current);
                                    view! { <option value=v.clone() selected=selected>{format!("{v} ({n})")}</option> }
                                }).collect_view()}
                                <option value=NON_EMPTY selected=current == NON_EMPTY>"anything not blank (a churn date)"</option>
                            </select>
                        </label>
                    }
                })}
            </div>
            {move || match (outcome.with(Option::is_some), counts.get()) {
                (false, _) => view! { <p class="hint">"Mark the column that says which accounts churned (yes/no, 1/0, a churn date) to see whether this score tells them apart."</p> }.into_any(),
                (true, None) => view! { <p class="field-problem" role="alert">"The data has no such column."</p> }.into_any(),
                (true, Some((known, churned))) => view! {
                    <p class="outcome-counts">{format!("{churned} churned, {} retained, {} unknown.", known - churned, results.parsed.with(|p| p.table.len()) - known)}</p>
                    <EvidenceBody designer results selected />
                }.into_any(),
            }}
        </section>
    }
}

/// Everything shown once the outcome is known.
#[component]
fn EvidenceBody(designer: Designer, results: Results, selected: RwSignal<Option<usize>>) -> impl IntoView {
    let card = designer.card;
    // One pass over the accounts per edit: the bins the AUC, its interval, the suggested
    // boundaries, the spread and the sample-size check are read from, and churn per band
    // (the band table and the surprise counts).
    let tallied = Memo::new(move |_| results.labels.with(|l| results.scores.with(|s| l.as_ref().map(|l| Arc::new(evidence::tally(s, l))))));
    let hist = Memo::new(move |_| tallied.with(|t| t.as_ref().map(|t| t.0.clone())));
    let bands = Memo::new(move |_| tallied.with(|t| t.as_ref().map(|t| t.1.clone())));
    let enough = Memo::new(move |_| hist.with(|h| h.as_ref().map(evidence::enough_of)));
    let spread = settled_spread(hist);
    // Each metric on its own, from sub-scores, missing-value policies and the outcome only: a
    // weight drag does not recompute it. The metric table and the narrow-range notice share it.
    let shape = designer.shape;
    let policies = Memo::new(move |_| shape.with(|c| c.metrics.iter().map(|m| m.missing.clone()).collect::<Vec<_>>()));
    let metrics = Memo::new(move |_| {
        policies.with(|_| ());
        results.labels.with(|l| results.subs.with(|s| l.as_ref().map(|l| card.with_untracked(|c| per_metric(c, s, l)))))
    });
    view! {
        {move || match enough.get() {
            Some(Err(little)) => view! {
                <p class="too-little" role="status">{format!(
                    "Too little data to judge: {} scored accounts with an outcome, {} churned. The evidence needs at least {} accounts, with {} churned and {} retained; until then it suggests nothing.",
                    little.accounts, little.churned, evidence::MIN_ACCOUNTS, evidence::MIN_CHURNERS, evidence::MIN_CHURNERS
                )}</p>
            }.into_any(),
            Some(Ok(())) => view! {
                <SeparationLine results hist spread />
                <BandTable results now=bands />
                <Surprises results selected shape bands />
                <MetricTable rows=metrics card shape />
                <NarrowRange hist card metrics />
                <WeightSuggestions designer results />
                <BoundarySuggestions designer results hist />
            }.into_any(),
            None => ().into_any(),
        }}
    }
}

/// The bootstrap spread of the AUC, resampled at once on the first histogram and then each
/// time edits pause, so a drag pays for one pass over the accounts, not 200.
fn settled_spread(hist: Memo<Option<Histogram>>) -> Signal<Option<Spread>> {
    let spread = settled(move || hist.track(), move || hist.with(|h| h.as_ref().and_then(spread_of)));
    Signal::derive(move || spread.get().flatten())
}

/// "AUC 0.78 (90% interval 0.74–0.82): a churned account scores lower than a retained one 78% of the time."
#[component]
fn SeparationLine(results: Results, hist: Memo<Option<Histogram>>, spread: Signal<Option<Spread>>) -> impl IntoView {
    let now = Memo::new(move |_| hist.with(|h| h.as_ref().and_then(auc_of)).map(|s| s.widened(spread.get())));
    let before = Memo::new(move |_| {
        let pinned = results.baseline.get()?;
        (pinned.data_version == results.parsed.with(|p| p.version())).then_some(())?;
        results.labels.with(|l| l.as_ref().and_then(|l| separation(&pinned.scores.score, l)))
    });
    // The paragraphs stay; a drag rewrites their text.
    let sentence = move || {
        now.get().map(|s| {
            let interval = s.interval.map(|(lo, hi)| format!(" (90% interval {lo:.2}\u{2013}{hi:.2})")).unwrap_or_default();
            format!(
                "AUC {:.2}{interval}: a churned account scores lower than a retained one {:.0}% of the time. 0.5 is a coin toss; 1 would be perfect.",
                s.auc,
                s.auc * 100.0
            )
        })
    };
    let pinned = Memo::new(move |_| before.with(Option::is_some) && now.with(Option::is_some));
    let baseline = move || {
        let (b, s) = (before.get()?, now.get()?);
        Some(format!("Pinned baseline: AUC {:.2} \u{2192} now {:.2} ({:+.2}).", b.auc, s.auc, s.auc - b.auc))
    };
    let known = Memo::new(move |_| now.with(Option::is_some));
    move || {
        known.get().then(|| view! {
            <p class="separation" role="status" aria-label="Separation">{sentence}</p>
            {move || pinned.get().then(|| view! { <p class="auc-before">{baseline}</p> })}
        })
    }
}

/// Accounts, churned, churn rate and share of churners caught, per band (and before, when pinned).
/// Rows are made when the bands change; each edit only rewrites their numbers.
#[component]
fn BandTable(results: Results, now: Memo<Option<Vec<BandOutcome>>>) -> impl IntoView {
    // Bands from the shape: a weight drag rewrites the numbers only.
    let shape = results.shape;
    let band_count = Memo::new(move |_| shape.with(|c| c.bands.len()));
    let before = Memo::new(move |_| {
        let pinned = results.baseline.get()?;
        (pinned.data_version == results.parsed.with(|p| p.version())).then_some(())?;
        let bands = pinned.scores.labels().to_vec();
        results.labels.with(|l| {
            let l = l.as_ref()?;
            let outcomes = per_band((0..l.len()).map(|r| pinned.scores.band_of(r)), l, bands.len());
            Some(bands.into_iter().zip(outcomes).collect::<Vec<_>>())
        })
    });
    let pinned = Memo::new(move |_| before.with(Option::is_some));
    let churners = Memo::new(move |_| now.with(|n| n.as_ref().map_or(0, |n| n.iter().map(|o| o.churned).sum::<usize>())));
    let rate = |o: Option<BandOutcome>| o.and_then(|o| o.rate()).map_or("\u{2013}".to_owned(), |r| format!("{:.0}%", r * 100.0));
    let row = move |i: usize| {
        let outcome = move || now.with(|n| n.as_ref().and_then(|n| n.get(i).copied()));
        let label = Memo::new(move |_| shape.with(|c| c.bands.get(i).map(|b| b.label.clone()).unwrap_or_default()));
        let share = move || {
            let (o, all) = (outcome(), churners.get());
            match o {
                Some(o) if all > 0 => format!("{:.0}%", o.churned as f64 / all as f64 * 100.0),
                _ => "\u{2013}".to_owned(),
            }
        };
        let then = move || {
            let name = label.get();
            before.with(|b| b.as_ref().map(|b| rate(b.iter().find(|(l, _)| *l == name).map(|(_, o)| *o))))
        };
        view! {
            <tr>
                <th scope="row">{move || label.get()}</th>
                <td class="num">{move || outcome().map_or(0, |o| o.accounts)}</td>
                <td class="num">{move || outcome().map_or(0, |o| o.churned)}</td>
                <td class="num">{move || rate(outcome())}</td>
                <td class="num">{share}</td>
                {move || pinned.get().then(|| view! { <td class="num">{then}</td> })}
            </tr>
        }
    };
    view! {
        <table class="band-outcomes">
            <caption>"Churn per band"</caption>
            <thead><tr>
                <th scope="col">"Band"</th><th scope="col" class="num">"Accounts"</th><th scope="col" class="num">"Churned"</th>
                <th scope="col" class="num">"Churn rate"</th><th scope="col" class="num">"Share of churners"</th>
                {move || pinned.get().then(|| view! { <th scope="col" class="num">"Churn rate at baseline"</th> })}
            </tr></thead>
            <tbody>{move || (0..band_count.get()).map(row).collect_view()}</tbody>
        </table>
    }
}

/// Accounts the score got wrong, by name: top-band accounts that churned, bottom-band ones that stayed.
#[component]
fn Surprises(
    results: Results,
    selected: RwSignal<Option<usize>>,
    shape: ReadSignal<Scorecard>,
    bands: Memo<Option<Vec<BandOutcome>>>,
) -> impl IntoView {
    let names = Memo::new(move |_| shape.with(|c| (c.bands.first().map(|b| b.label.clone()), c.bands.last().map(|b| b.label.clone()))));
    let top = Memo::new(move |_| shape.with(|c| c.bands.len().saturating_sub(1)));
    // The counts come from the outcomes per band: top-band churned, bottom-band retained.
    let comfort = Memo::new(move |_| bands.with(|b| b.as_ref().and_then(|b| b.last().map(|o| o.churned)).unwrap_or(0)));
    let alarms = Memo::new(move |_| bands.with(|b| b.as_ref().and_then(|b| b.first().map(|o| o.accounts - o.churned)).unwrap_or(0)));
    view! {
        <SurpriseList results selected band=top churned=true total=comfort title=Signal::derive(move || format!("False comfort: {} accounts that churned", names.with(|n| n.1.clone().unwrap_or_default()))) />
        <SurpriseList results selected band=Signal::derive(|| 0usize) churned=false total=alarms title=Signal::derive(move || format!("False alarms: {} accounts that stayed", names.with(|n| n.0.clone().unwrap_or_default()))) />
    }
}

/// One list of surprises: its count follows every edit; its names are made only while open.
#[component]
fn SurpriseList(
    results: Results,
    selected: RwSignal<Option<usize>>,
    #[prop(into)] band: Signal<usize>,
    churned: bool,
    total: Memo<usize>,
    title: Signal<String>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    // The names are looked for only while the list is open.
    let found = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        let band = band.get();
        results.labels.with(|l| results.scores.with(|s| l.as_ref().map(|l| surprises(s, l, band, churned))))
    });
    view! {
        <details class="surprises" on:toggle=move |ev| {
            let el: web_sys::HtmlDetailsElement = event_target(&ev);
            open.set(el.open());
        }>
            <summary>{move || format!("{}: {}", title.get(), total.get())}</summary>
            {move || open.get().then(|| {
                let (rows, total) = found.get().unwrap_or_default();
                let more = total.saturating_sub(rows.len());
                view! {
                    <ul aria-label=title.get()>
                        {rows.into_iter().map(|r| view! { <li><button class="link" on:click=move |_| selected.set(Some(r))>{results.name(r)}</button></li> }).collect_view()}
                    </ul>
                    {(more > 0).then(|| view! { <p class="hint">{format!("and {more} more")}</p> })}
                }
            })}
        </details>
    }
}

/// Each metric's own AUC, means by outcome and spread, with a flag where it tells nothing.
#[component]
fn MetricTable(rows: Memo<Option<Vec<MetricEvidence>>>, card: ReadSignal<Scorecard>, shape: ReadSignal<Scorecard>) -> impl IntoView {
    // Rows are made when the evidence changes (data, rules, outcome); a weight drag rewrites
    // only each metric's weight and the flag that quotes it.
    let names = Memo::new(move |_| shape.with(|c| c.metrics.iter().map(|m| m.name.clone()).collect::<Vec<_>>()));
    let weights = Memo::new(move |_| card.with(|c| c.metrics.iter().map(|m| m.weight).collect::<Vec<_>>()));
    move || {
        let rows = rows.get()?;
        let body = rows.into_iter().filter(|e| e.metric < names.with_untracked(Vec::len)).map(|e| {
            let metric = e.metric;
            let name = move || names.with(|n| n.get(metric).cloned().unwrap_or_default());
            let weight = move || weights.with(|w| w.get(metric).map(|&w| format::number(w)).unwrap_or_default());
            let auc = e.auc.map_or("\u{2013}".to_owned(), |a| format!("{a:.2}"));
            let means = e.means.map_or("\u{2013}".to_owned(), |(ch, re)| format!("{} / {}", format::number((ch * 10.0).round() / 10.0), format::number((re * 10.0).round() / 10.0)));
            let spread = e.spread.map_or("\u{2013}".to_owned(), |s| format!("{s:.1}"));
            let flag = {
                let (auc, spread) = (auc.clone(), spread.clone());
                move || e.flag.map(|f| match f {
                    MetricFlag::NoSignal => format!("{}: {} points, AUC {auc}: not telling churned from retained", name(), weight()),
                    MetricFlag::BarelyVaries => format!("{}: {} points on sub-scores that barely vary (spread {spread})", name(), weight()),
                    MetricFlag::Backwards => format!("{}: {} points, AUC {auc}: accounts it rates higher churn more", name(), weight()),
                }).unwrap_or_default()
            };
            view! {
                <tr class:flagged=e.flag.is_some()>
                    <th scope="row">{name}</th>
                    <td class="num">{weight}</td>
                    <td class="num">{auc}</td>
                    <td class="num">{means}</td>
                    <td class="num">{spread}</td>
                    <td>{flag}</td>
                </tr>
            }
        }).collect_view();
        Some(view! {
            <table class="metric-evidence">
                <caption>"Each metric on its own"</caption>
                <thead><tr>
                    <th scope="col">"Metric"</th><th scope="col" class="num">"Weight"</th><th scope="col" class="num">"AUC"</th>
                    <th scope="col" class="num">"Mean sub-score churned / retained"</th><th scope="col" class="num">"Spread"</th><th scope="col">"Look at"</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        })
    }
}

/// Calls out a score where most accounts sit within a few points.
#[component]
fn NarrowRange(hist: Memo<Option<Histogram>>, card: ReadSignal<Scorecard>, metrics: Memo<Option<Vec<MetricEvidence>>>) -> impl IntoView {
    let range = Memo::new(move |_| hist.with(|h| h.as_ref().and_then(evidence::narrow_range_of)));
    // The metrics whose sub-scores spread least, named: they are what keeps everyone close.
    let flat = move || {
        metrics.with(|rows| {
            let rows = rows.as_deref().unwrap_or_default();
            card.with_untracked(|c| {
                evidence::least_varying(rows, 3)
                    .into_iter()
                    .filter_map(|e| Some(format!("{} (spread {:.1})", c.metrics.get(e.metric)?.name, e.spread?)))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        })
    };
    move || range.get().map(|(lo, hi)| view! {
        <p class="narrow-range" role="status">{format!(
            "Most accounts score between {} and {}: a narrow range makes bands arbitrary. The metrics that vary least: {}.",
            format::score(lo), format::score(hi), flat()
        )}</p>
    })
}

/// Weights from a logistic regression, judged on held-out folds; applied with one click.
#[component]
fn WeightSuggestions(designer: Designer, results: Results) -> impl IntoView {
    let card = designer.card;
    let wanted = RwSignal::new(false);
    let locks = Memo::new(move |_| designer.shape.with(|c| c.metrics.iter().map(|m| (m.locked, m.missing.clone())).collect::<Vec<_>>()));
    let current = Memo::new(move |_| card.with(|c| c.metrics.iter().map(|m| m.weight).collect::<Vec<_>>()));
    // Computed only once asked for, then kept current with the data, rules and locks (not
    // the weights: a drag re-judges the current weights on the same folds, in one pass).
    let suggestion = Memo::new(move |_| {
        if !wanted.get() {
            return None;
        }
        locks.with(|_| ());
        results.labels.with(|l| results.subs.with(|s| l.as_ref().map(|l| card.with_untracked(|c| suggest_weights(c, s, l)))))
    });
    let current_auc = Memo::new(move |_| {
        suggestion.with(|s| match s {
            Some(Ok(s)) => results.labels.with(|l| l.as_ref().map(|l| current.with(|w| s.held_out_auc_of(w, l)))),
            _ => None,
        })
    });
    let apply = move |weights: Vec<f64>| {
        designer.edit(None, |c: &mut Scorecard| {
            for (m, w) in c.metrics.iter_mut().zip(&weights) {
                m.weight = *w;
            }
        });
        designer.toast.set(Some("Suggested weights applied".to_owned()));
    };
    view! {
        <div class="suggestion">
            <h3>"Suggested weights"</h3>
            {move || match suggestion.get() {
                None => view! { <button on:click=move |_| wanted.set(true)>"Suggest weights from the data"</button> }.into_any(),
                Some(Err(NoSuggestion::TooLittle(_))) => view! { <p>"Too little data to suggest weights."</p> }.into_any(),
                Some(Err(NoSuggestion::NoSignal)) => view! { <p>"No metric that may move lowers churn in this data; no weights to suggest."</p> }.into_any(),
                Some(Ok(s)) => {
                    let rows = card.with(|c| c.metrics.iter().zip(&s.weights).map(|(m, w)| view! {
                        <tr><th scope="row">{m.name.clone()}</th><td class="num">{format::number(m.weight)}</td><td class="num">{format::number(*w)}</td></tr>
                    }).collect_view());
                    let weights = s.weights.clone();
                    let same = current.with(|c| *c == s.weights);
                    let folds = s.folds;
                    let suggested = s.held_out_auc;
                    view! {
                        <p class="held-out">{move || format!(
                            "Measured on accounts each fit did not see ({folds} of {FOLDS} folds): AUC {:.3} with the current weights, {suggested:.3} with the suggested ones.",
                            current_auc.get().unwrap_or(f64::NAN)
                        )}</p>
                        <table class="weight-suggestion">
                            <caption class="visually-hidden">"Current and suggested weights"</caption>
                            <thead><tr><th scope="col">"Metric"</th><th scope="col" class="num">"Now"</th><th scope="col" class="num">"Suggested"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                        <button disabled=same on:click=move |_| apply(weights.clone())>"Apply suggested weights"</button>
                        <p class="hint">"A regularised logistic regression of churn on the metrics' sub-scores; a metric that does not lower churn gets 0; locked metrics keep their weight."</p>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// Band starts from where churned and retained scores fall; drawn on the histogram, applied with one click.
#[component]
fn BoundarySuggestions(designer: Designer, results: Results, hist: Memo<Option<Histogram>>) -> impl IntoView {
    // Band labels from the shape: a weight drag does not rebuild the suggestion.
    let shape = designer.shape;
    let band_count = Memo::new(move |_| shape.with(|c| c.bands.len()));
    let suggestion = Memo::new(move |_| hist.with(|h| h.as_ref().and_then(|h| suggest_boundaries_of(h, band_count.get()))));
    let shown = results.suggested_starts;
    let apply = move |starts: Vec<f64>| {
        designer.edit(None, |c: &mut Scorecard| {
            for (band, from) in c.bands.iter_mut().skip(1).zip(&starts) {
                band.from = *from;
            }
        });
        shown.set(None);
        designer.toast.set(Some("Suggested band boundaries applied".to_owned()));
    };
    view! {
        <div class="suggestion">
            <h3>"Suggested band boundaries"</h3>
            {move || suggestion.get().map(|s| {
                let text = shape.with(|c| c.bands.iter().skip(1).zip(&s.starts).map(|(b, from)| format!("{} from {}", b.label, format::number(*from))).collect::<Vec<_>>().join(", "));
                let starts = s.starts.clone();
                let preview = s.starts.clone();
                view! {
                    <p>{format!("{text}. The lowest boundary is where churned and retained scores differ most (KS {:.2}); the highest has 90% of churners below it.", s.ks)}</p>
                    <button aria-pressed=move || shown.with(Option::is_some).to_string() on:click=move |_| shown.update(|v| *v = if v.is_some() { None } else { Some(preview.clone()) })>"Show on the histogram"</button>
                    <button on:click=move |_| apply(starts.clone())>"Apply suggested boundaries"</button>
                }
            })}
        </div>
    }
}
