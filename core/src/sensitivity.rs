//! Weight sensitivity: how many accounts change band when one weight slider moves a few
//! points, and the smallest single slider move that changes one account's band.
//!
//! A slider move is [`crate::weights::drag`]: the metric's weight is set, the other unlocked
//! weights move in proportion (whole points, largest remainder) and locked ones stay. Every
//! missing-value policy, exclude-and-rescale included, is honoured, and a count agrees
//! exactly with rescoring the dragged card with [`Scores::compute`]:
//!
//! - one pass over the sub-score columns keeps, per account, the sum of weight × sub-score
//!   and the weight it is scored on;
//! - a move changes only the weights it changes (with whole-point weights, at most 2 × step
//!   metrics, however many the card has), so the new score is that sum plus those changes,
//!   over the new weight: a few multiply-adds per account;
//! - that score is within 1e-9 points of the engine's, which rounds to 1e-6; where it lies
//!   within [`MARGIN`] of a band boundary the account is rescored with the engine's own
//!   arithmetic, bit for bit, so rounding can never put it on the wrong side.
//!
//! Cost: O(metrics × accounts) to prepare, then O(changed weights × accounts) per move.

use crate::engine::{Scores, SubScores, NO_BAND};
use crate::model::{Band, MissingPolicy, Scorecard};
use crate::scoring::round_dust;
use crate::validate::{band_index, ValidScorecard};
use crate::weights::drag;

/// How far, in weight points, [`sensitivity`] moves each slider up and down.
pub const STEP: f64 = 5.0;

/// How close, in score points, a quick new score may come to a band boundary before the
/// account is rescored exactly: far above the engine's rounding to 1e-6 and the quick
/// sum's floating-point error.
pub const MARGIN: f64 = 1e-5;

/// A new total weight below this is rescored exactly (the quick score divides by it).
const MIN_WEIGHT: f64 = 1e-3;

/// A slider move a metric can make.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shift {
    /// The weight the metric lands at (after the clamp to what locked metrics leave).
    pub weight: f64,
    /// Accounts whose band changes (a score lost or gained counts as a change).
    pub accounts: usize,
}

/// What moving one metric's slider up and down by [`STEP`] does.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Sensitivity {
    /// Moving it up; None when locked or already as high as it can go.
    pub up: Option<Shift>,
    /// Moving it down; None when locked or already at 0.
    pub down: Option<Shift>,
}

impl Sensitivity {
    /// Adds the accounts `other` counts (the same moves, over other accounts).
    pub fn add(&mut self, other: &Sensitivity) {
        for (mine, theirs) in [(&mut self.up, &other.up), (&mut self.down, &other.down)] {
            match (mine.as_mut(), theirs) {
                (Some(mine), Some(theirs)) => mine.accounts += theirs.accounts,
                (None, Some(theirs)) => *mine = Some(*theirs),
                _ => {}
            }
        }
    }
}

/// For each metric, how many accounts change band when its weight moves by +[`STEP`] and
/// -[`STEP`] points. `scores` must be `Scores::compute(card, subs)` (they are recomputed if
/// their length does not match `subs`, or if a drag's step computed them:
/// [`Scores::is_full_pass`]).
pub fn sensitivity(
    card: ValidScorecard<'_>,
    subs: &SubScores,
    scores: &Scores,
) -> Vec<Sensitivity> {
    sensitivity_by(card, subs, scores, STEP)
}

/// [`sensitivity`] for moves of `step` points.
pub fn sensitivity_by(
    card: ValidScorecard<'_>,
    subs: &SubScores,
    scores: &Scores,
    step: f64,
) -> Vec<Sensitivity> {
    sensitivity_of(card, subs, scores, step, 0..card.card().metrics.len())
}

/// [`sensitivity_by`] for the metrics in `metrics` only (in that order): a caller with many
/// accounts computes a few metrics per task, so no single task is long. Each call costs one
/// pass over the accounts plus the moves it tries.
pub fn sensitivity_of(
    card: ValidScorecard<'_>,
    subs: &SubScores,
    scores: &Scores,
    step: f64,
    metrics: std::ops::Range<usize>,
) -> Vec<Sensitivity> {
    sensitivity_in(card, subs, scores, step, metrics, 0..subs.len())
}

/// [`sensitivity_of`] counting only the accounts in `rows`: with a million accounts even one
/// metric is too long for one task, so a caller adds up the counts of a few slices of rows
/// ([`Sensitivity::add`]).
pub fn sensitivity_in(
    card: ValidScorecard<'_>,
    subs: &SubScores,
    scores: &Scores,
    step: f64,
    metrics: std::ops::Range<usize>,
    rows: std::ops::Range<usize>,
) -> Vec<Sensitivity> {
    let computed;
    let scores = if scores.len() == subs.len() && scores.is_full_pass() {
        scores
    } else {
        computed = Scores::compute(card, subs);
        &computed
    };
    let card = card.card();
    let (weights, locked) = sliders(card);
    let mut pass = Pass::new(card, subs, scores, rows);
    metrics
        .filter(|&i| i < weights.len())
        .map(|i| {
            if locked[i] {
                return Sensitivity::default();
            }
            let mut shift = |value: f64| {
                let moved = drag(&weights, &locked, i, value);
                let weight = moved[i];
                moves(weights[i], weight).then(|| Shift {
                    weight,
                    accounts: pass.changed(&Trial::new(moved)),
                })
            };
            Sensitivity {
                up: shift(weights[i] + step),
                down: shift(weights[i] - step),
            }
        })
        .collect()
}

/// The card's weights and which are locked.
fn sliders(card: &Scorecard) -> (Vec<f64>, Vec<bool>) {
    (
        card.metrics.iter().map(|m| m.weight).collect(),
        card.metrics.iter().map(|m| m.locked).collect(),
    )
}

/// Whether a slider at `from` landing at `to` has moved (more than floating-point dust).
fn moves(from: f64, to: f64) -> bool {
    (to - from).abs() > 1e-6
}

/// A single slider move that changes one account's band.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flip {
    /// The metric whose slider moves.
    pub metric: usize,
    /// Its new weight.
    pub weight: f64,
    /// New weight minus old: the size (and way) of the move.
    pub change: f64,
    /// The band the account lands in; None when it loses its score.
    pub band: Option<usize>,
    /// Its score there.
    pub score: Option<f64>,
}

/// The smallest slider moves that put one account in a higher and in a lower band.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Flips {
    /// To a higher band (a band counts above no score); None when no single move does it.
    pub up: Option<Flip>,
    /// To a lower band, or to no score.
    pub down: Option<Flip>,
}

impl Flips {
    /// The smaller of the two moves (up on a tie), None when no single move changes the band.
    pub fn smallest(&self) -> Option<&Flip> {
        match (&self.up, &self.down) {
            (Some(u), Some(d)) if d.change.abs() < u.change.abs() => Some(d),
            (Some(u), _) => Some(u),
            (None, d) => d.as_ref(),
        }
    }
}

/// For account `row`, the smallest whole-point move of one unlocked slider (the others
/// rebalanced as [`drag`] does) that changes its band, each way. Ties go to the earlier
/// metric, then to the lower weight.
pub fn flips(card: ValidScorecard<'_>, subs: &SubScores, row: usize) -> Flips {
    let card = card.card();
    let mut found = Flips::default();
    if row >= subs.len() {
        return found;
    }
    let (weights, locked) = sliders(card);
    let layout = Layout::new(card, subs, 0..subs.len());
    let band_at = |w: Vec<f64>| band_of(&card.bands, layout.score(row, &Trial::new(w)));
    let (now, _) = band_at(weights.clone());
    for i in (0..weights.len()).filter(|&i| !locked[i]) {
        let mut last = weights[i];
        for value in 0..=100 {
            let moved = drag(&weights, &locked, i, f64::from(value));
            let weight = moved[i];
            if !moves(weights[i], weight) || !moves(last, weight) {
                continue;
            }
            last = weight;
            let (band, score) = band_at(moved);
            if band == now {
                continue;
            }
            let flip = Flip {
                metric: i,
                weight,
                change: weight - weights[i],
                band,
                score,
            };
            let slot = if band > now {
                &mut found.up
            } else {
                &mut found.down
            };
            if slot.is_none_or(|best| flip.change.abs() < best.change.abs()) {
                *slot = Some(flip);
            }
        }
    }
    found
}

/// The band of a score (None for NaN or below every band), and the score as an option.
fn band_of(bands: &[Band], score: f64) -> (Option<usize>, Option<f64>) {
    if score.is_nan() {
        return (None, None);
    }
    (band_index(bands, score), Some(score))
}

/// [`band_of`] as the engine stores it.
fn band_code(bands: &[Band], score: f64) -> u16 {
    band_of(bands, score).0.map_or(NO_BAND, |b| b as u16)
}

/// 100 / the included weight, or 0 when nothing is included (as the engine computes it).
fn scale_of(included: f64) -> f64 {
    if included > 0.0 {
        100.0 / included
    } else {
        0.0
    }
}

/// What [`Scores::compute`] reads of a card and its sub-scores, to score one account.
struct Layout<'a> {
    columns: Vec<&'a [f64]>,
    /// Per metric, the sub-score of a missing value; NaN where the metric is left out.
    imputed: Vec<f64>,
    /// Some metric may be left out of some account, so each account has its own scale.
    per_account: bool,
}

/// One set of slider positions, with what the engine derives from them.
struct Trial {
    weights: Vec<f64>,
    /// Per metric, points per sub-score point when every account shares one scale.
    per_point: Vec<f64>,
    /// 100 / the total weight (0 for none).
    shared: f64,
}

impl Trial {
    fn new(weights: Vec<f64>) -> Trial {
        let shared = scale_of(weights.iter().sum());
        let per_point = weights.iter().map(|w| w * shared / 100.0).collect();
        Trial {
            weights,
            per_point,
            shared,
        }
    }
}

impl<'a> Layout<'a> {
    /// The layout of the accounts in `rows` (row 0 of it is the first of them).
    fn new(card: &Scorecard, subs: &'a SubScores, rows: std::ops::Range<usize>) -> Layout<'a> {
        let metrics = &card.metrics;
        let left_out = |m: usize| subs.unmapped(m) || metrics[m].missing == MissingPolicy::Exclude;
        let slice = |column: &'a [f64]| {
            let end = rows.end.min(column.len());
            &column[rows.start.min(end)..end]
        };
        Layout {
            columns: (0..metrics.len()).map(|m| slice(subs.column(m))).collect(),
            imputed: (0..metrics.len())
                .map(|m| match subs.unmapped(m) {
                    true => f64::NAN,
                    false => metrics[m].missing.imputed().unwrap_or(f64::NAN),
                })
                .collect(),
            per_account: (0..metrics.len())
                .any(|m| left_out(m) && (subs.any_missing(m) || subs.unmapped(m))),
        }
    }

    /// The sub-score the score uses (imputed where missing, NaN where left out); None past
    /// the end of a short column, which the engine skips.
    fn sub(&self, metric: usize, row: usize) -> Option<f64> {
        let value = *self.columns[metric].get(row)?;
        Some(if value.is_nan() {
            self.imputed[metric]
        } else {
            value
        })
    }

    /// The included sub-scores of one account, with their metric.
    fn included(&self, row: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        (0..self.columns.len())
            .filter_map(move |m| self.sub(m, row).map(|s| (m, s)))
            .filter(|(_, s)| !s.is_nan())
    }

    /// The weight of the metrics one account is scored on.
    fn included_weight(&self, row: usize, weights: &[f64]) -> f64 {
        let mut included = 0.0;
        for (m, _) in self.included(row) {
            included += weights[m];
        }
        included
    }

    /// One account's score under `trial`, bit for bit as [`Scores::compute`]; NaN for none.
    fn score(&self, row: usize, trial: &Trial) -> f64 {
        let mut total = 0.0;
        if self.per_account {
            let scale = scale_of(self.included_weight(row, &trial.weights));
            if scale <= 0.0 {
                return f64::NAN;
            }
            for (m, sub) in self.included(row) {
                total += trial.weights[m] * scale / 100.0 * sub;
            }
        } else {
            if trial.shared <= 0.0 {
                return f64::NAN;
            }
            for m in 0..self.columns.len() {
                if let Some(sub) = self.sub(m, row) {
                    total += trial.per_point[m] * sub;
                }
            }
        }
        round_dust(total)
    }
}

/// Counting band changes for many moves of one card.
struct Pass<'a> {
    layout: Layout<'a>,
    bands: &'a [Band],
    /// The band of each account counted, now.
    band: &'a [u16],
    weights: Vec<f64>,
    /// Per account, the sum of weight × sub-score over the metrics it is scored on.
    points: Vec<f64>,
    /// Per account, the weight it is scored on (per-account scales only).
    included: Vec<f64>,
    /// Working columns for one move: the new sums and weights.
    new_points: Vec<f64>,
    new_included: Vec<f64>,
}

impl<'a> Pass<'a> {
    /// Counting the accounts in `rows`.
    fn new(
        card: &'a Scorecard,
        subs: &'a SubScores,
        scores: &'a Scores,
        rows: std::ops::Range<usize>,
    ) -> Pass<'a> {
        let end = rows.end.min(scores.band.len());
        let band = &scores.band[rows.start.min(end)..end];
        let layout = Layout::new(card, subs, rows);
        let weights = sliders(card).0;
        let rows = band.len();
        let mut points = vec![0.0; rows];
        let mut included = vec![0.0; if layout.per_account { rows } else { 0 }];
        for (m, &weight) in weights.iter().enumerate() {
            layout.add(m, weight, &mut points, &mut included);
        }
        Pass {
            layout,
            bands: &card.bands,
            band,
            weights,
            points,
            included,
            new_points: Vec::with_capacity(rows),
            new_included: Vec::new(),
        }
    }

    /// Accounts whose band under `trial` differs from their band now.
    fn changed(&mut self, trial: &Trial) -> usize {
        self.new_points.clone_from(&self.points);
        self.new_included.clone_from(&self.included);
        let mut shared = self.weights.iter().sum::<f64>();
        for (m, (&after, &before)) in trial.weights.iter().zip(&self.weights).enumerate() {
            if after != before {
                let change = after - before;
                shared += change;
                let (points, included) = (&mut self.new_points, &mut self.new_included);
                self.layout.add(m, change, points, included);
            }
        }
        let mut changed = 0;
        for (row, &band) in self.band.iter().enumerate() {
            let weight = match self.layout.per_account {
                true => self.new_included.get(row).copied().unwrap_or(0.0),
                false => shared,
            };
            let points = self.new_points.get(row).copied().unwrap_or(f64::NAN);
            let now = self
                .quick_band(points, weight)
                .unwrap_or_else(|| band_code(self.bands, self.layout.score(row, trial)));
            changed += usize::from(now != band);
        }
        changed
    }

    /// The band of `points / weight` when no rounding can change it.
    fn quick_band(&self, points: f64, weight: f64) -> Option<u16> {
        if weight.is_nan() || weight < MIN_WEIGHT {
            return None;
        }
        let score = points / weight;
        let low = band_code(self.bands, score - MARGIN);
        (low == band_code(self.bands, score + MARGIN) && !score.is_nan()).then_some(low)
    }
}

impl Layout<'_> {
    /// Adds `weight` × metric `m`'s sub-score to each account's `points` and `weight` to its
    /// `included` weight (when kept), where the account is scored on the metric.
    fn add(&self, m: usize, weight: f64, points: &mut [f64], included: &mut [f64]) {
        let (column, imputed) = (self.columns[m], self.imputed[m]);
        let subs = column
            .iter()
            .map(|&sub| if sub.is_nan() { imputed } else { sub });
        if included.is_empty() {
            for (sum, sub) in points.iter_mut().zip(subs) {
                *sum += weight * sub;
            }
            return;
        }
        for ((sum, total), sub) in points.iter_mut().zip(included.iter_mut()).zip(subs) {
            if !sub.is_nan() {
                *sum += weight * sub;
                *total += weight;
            }
        }
    }
}
