//! What each weight slider would do: per metric, how many accounts change band if it moves
//! 5 points either way, kept for every slider to read and recomputed once edits pause.

use crate::browser::pieces::next_task;
use crate::results::{Results, Versioned};
use crate::settle::on_settle;
use healthscore_core::sensitivity::{sensitivity_in, Sensitivity, STEP};
use healthscore_core::Scorecard;
use leptos::prelude::*;

/// Per metric, what moving its slider by ±5 does to the bands, and of how many accounts;
/// None until first computed.
#[derive(Clone, Copy)]
pub struct Sensitivities(pub ReadSignal<Option<(Vec<Sensitivity>, usize)>>);

/// Accounts per task when the sensitivities are computed a few metrics at a time: at 100,000
/// accounts two metrics per task, at 1,000,000 one metric over a fifth of them, so no task of
/// it blocks a frame for long.
const SENSITIVITY_ROWS_PER_TASK: usize = 200_000;

/// The sensitivities, computed at once and then each time edits pause, a few metrics per task;
/// an edit meanwhile abandons the run (its next pause starts a new one).
pub fn live_sensitivities(card: ReadSignal<Scorecard>, results: Results) -> ReadSignal<Option<(Vec<Sensitivity>, usize)>> {
    let (value, set_value) = signal(None);
    let generation = StoredValue::new(0u64);
    // The data the figures shown were computed on: figures about other accounts are not
    // shown while new ones are worked out (a weight edit keeps them until the pause).
    let computed_on = StoredValue::new(None::<u64>);
    let data_version = move || results.parsed.with_untracked(Versioned::version);
    let changed = move || {
        generation.update_value(|g| *g += 1);
        if computed_on.get_value() != Some(data_version()) {
            computed_on.set_value(None);
            set_value.set(None);
        }
    };
    let run = move || {
        let mine = generation.get_value();
        let version = data_version();
        leptos::task::spawn_local(async move {
            let count = card.with_untracked(|c| c.metrics.len());
            let rows = results.scores.with_untracked(|s| s.len());
            // A few metrics per task; past SENSITIVITY_ROWS_PER_TASK accounts, one metric over
            // a slice of them per task, the slices' counts added up.
            let per_task = (SENSITIVITY_ROWS_PER_TASK / rows.max(1)).max(1);
            let rows_per_task = rows.clamp(1, SENSITIVITY_ROWS_PER_TASK);
            let mut all = Vec::with_capacity(count);
            for from in (0..count).step_by(per_task) {
                let metrics = from..(from + per_task).min(count);
                let mut counted: Vec<Sensitivity> = Vec::new();
                for start in (0..rows.max(1)).step_by(rows_per_task) {
                    let part = card.with_untracked(|c| {
                        let valid = c.scorable().ok()?;
                        results.subs.with_untracked(|subs| {
                            results.scores.with_untracked(|s| {
                                let current = subs.metric_count() == c.metrics.len() && s.len() == subs.len();
                                current.then(|| sensitivity_in(valid, subs, s, STEP, metrics.clone(), start..(start + rows_per_task).min(rows)))
                            })
                        })
                    });
                    let Some(part) = part else { return set_value.set(None) };
                    if counted.is_empty() {
                        counted = part;
                    } else {
                        counted.iter_mut().zip(&part).for_each(|(total, part)| total.add(part));
                    }
                    next_task().await;
                    if generation.try_get_value() != Some(mine) {
                        return;
                    }
                }
                all.extend(counted);
            }
            computed_on.set_value(Some(version));
            set_value.set(Some((all, rows)));
        });
    };
    on_settle(move || results.scores.track(), changed, run);
    value
}

