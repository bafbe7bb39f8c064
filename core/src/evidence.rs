//! Evidence: how well a scorecard separates the accounts that churned from those that stayed,
//! per band and per metric, and the weights and band boundaries the data suggest.
//!
//! Judged as credit-risk scorecards are: ROC AUC of the score against the outcome (with a
//! seeded bootstrap interval), churn per band, each metric's own AUC, and suggestions from a
//! regularised logistic regression measured on held-out folds, never on the data it was fit on.

use crate::cell::is_missing;
use crate::engine::{Scores, SubScores};
use crate::mapping::exact_or_normalised;
use crate::model::{OutcomeColumn, Scorecard};
use crate::stats::{self, Histogram};
use crate::table::Table;
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;
use std::hash::{Hash, Hasher};

/// Fewer accounts than this, and the evidence says the sample is too small to suggest anything.
pub const MIN_ACCOUNTS: usize = 30;
/// Fewer churned (or retained) accounts than this, likewise.
pub const MIN_CHURNERS: usize = 5;
/// Width in points of the bins the live AUC is counted in: scores closer than this count as
/// ties. Scores are rounded to 1e-6, so at 0.01 the AUC is exact for scores given to two
/// decimals and within a hair otherwise, in one pass per edit whatever the number of accounts.
pub const AUC_RESOLUTION: f64 = 0.01;
/// Bootstrap resamples for the interval, and its seed: the same data give the same interval.
const RESAMPLES: usize = 200;
const SEED: u64 = 0x4845_414c_5448;
/// Width of the bins the bootstrap resamples (see [`separation`]).
const BOOTSTRAP_RESOLUTION: f64 = 1.0;
/// Folds for measuring suggested weights on data they were not fit on.
pub const FOLDS: usize = 5;
/// The L2 penalty of the logistic fit, on sub-scores scaled to 0-1.
pub const L2: f64 = 1.0;
/// A metric whose AUC lies within this of 0.5 tells churned from retained no better than a coin.
const NO_SIGNAL: f64 = 0.05;
/// A metric whose sub-scores spread less than this (standard deviation, points) barely varies.
const LOW_SPREAD: f64 = 5.0;
/// Accounts listed by name under false comfort and false alarms.
pub const LISTED: usize = 100;

/// Which accounts churned: per row, Some(true) churned, Some(false) retained, None unknown.
pub type Labels = Vec<Option<bool>>;

/// Reads the outcome column; None when the data has no such column.
pub fn labels(outcome: &OutcomeColumn, table: &Table) -> Option<Labels> {
    let column = exact_or_normalised(&outcome.column, &table.headers)?;
    let wanted = outcome
        .churned_value
        .as_deref()
        .map(|v| v.trim().to_lowercase());
    let label = |cell: &str| -> Option<bool> {
        let cell = cell.trim();
        match &wanted {
            None => Some(!cell.is_empty() && !is_missing(cell)),
            Some(_) if cell.is_empty() || is_missing(cell) => None,
            Some(value) => Some(cell.to_lowercase() == *value),
        }
    };
    Some(
        (0..table.len())
            .map(|row| label(table.cell(row, column)))
            .collect(),
    )
}

/// The distinct values of a column, most frequent first (at most `limit`), for picking which
/// one means churned; and a guess at it (`yes`, `true`, `1`, `churned`...).
pub fn outcome_values(
    table: &Table,
    header: &str,
    limit: usize,
) -> (Vec<(String, usize)>, Option<String>) {
    let Some(column) = exact_or_normalised(header, &table.headers) else {
        return (Vec::new(), None);
    };
    // Each distinct value (case aside) counted by look-up, borrowed from the table: one pass
    // however many different values the column holds.
    let mut index: FxHashMap<CaseAside<'_>, usize> = FxHashMap::default();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for row in 0..table.len() {
        let cell = table.cell(row, column).trim();
        if cell.is_empty() {
            continue;
        }
        match index.entry(CaseAside(cell)) {
            Entry::Occupied(at) => counts[*at.get()].1 += 1,
            Entry::Vacant(slot) => {
                slot.insert(counts.len());
                counts.push((cell.to_owned(), 1));
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    const CHURNED: [&str; 9] = [
        "yes",
        "y",
        "true",
        "1",
        "churned",
        "churn",
        "lost",
        "cancelled",
        "canceled",
    ];
    let guess = counts
        .iter()
        .find(|(v, _)| CHURNED.contains(&v.to_lowercase().as_str()))
        .map(|(v, _)| v.clone());
    counts.truncate(limit);
    (counts, guess)
}

/// A cell compared and hashed with ASCII case aside ("Yes" and "yes" are one value).
struct CaseAside<'a>(&'a str);

impl PartialEq for CaseAside<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for CaseAside<'_> {}

impl Hash for CaseAside<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for byte in self.0.bytes() {
            state.write_u8(byte.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

/// Accounts with a known outcome, and how many churned.
pub fn counts(labels: &[Option<bool>]) -> (usize, usize) {
    let known = labels.iter().flatten().count();
    let churned = labels.iter().flatten().filter(|&&c| c).count();
    (known, churned)
}

/// Why the evidence will not suggest anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLittle {
    /// Scored accounts with a known outcome.
    pub accounts: usize,
    /// Of those, churned.
    pub churned: usize,
}

/// Whether there is enough evidence to judge and suggest: at least [`MIN_ACCOUNTS`] scored
/// accounts with a known outcome, and [`MIN_CHURNERS`] of each outcome.
pub fn enough(scores: &Scores, labels: &[Option<bool>]) -> Result<(), TooLittle> {
    let (mut accounts, mut churned) = (0, 0);
    for (score, label) in scores.score.iter().zip(labels) {
        if let (false, Some(c)) = (score.is_nan(), label) {
            accounts += 1;
            churned += usize::from(*c);
        }
    }
    if accounts < MIN_ACCOUNTS || churned < MIN_CHURNERS || accounts - churned < MIN_CHURNERS {
        return Err(TooLittle { accounts, churned });
    }
    Ok(())
}

/// How well the score separates churned from retained accounts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Separation {
    /// ROC AUC: the chance a retained account scores higher than a churned one (ties half).
    pub auc: f64,
    /// A seeded bootstrap 90% interval, when each outcome has a few accounts.
    pub interval: Option<(f64, f64)>,
    /// Scored accounts with a known outcome.
    pub accounts: usize,
    /// Of those, churned.
    pub churned: usize,
}

/// The score's AUC, counted in [`AUC_RESOLUTION`]-point bins in one pass, and its interval: a
/// Poisson bootstrap over 1-point bins, shifted onto the fine AUC (the basic bootstrap's
/// spread, at a cost that does not grow with the accounts). Same data, same interval.
pub fn separation(scores: &[f64], labels: &[Option<bool>]) -> Option<Separation> {
    separation_of(&histogram(scores, labels))
}

/// The scores of the accounts with a known outcome, in [`AUC_RESOLUTION`]-point bins per
/// outcome: built once per edit, it answers the AUC, its interval and the suggested boundaries.
pub fn histogram(scores: &[f64], labels: &[Option<bool>]) -> Histogram {
    Histogram::new(scores, labels, AUC_RESOLUTION)
}

/// [`separation`] from the histogram of [`histogram`].
pub fn separation_of(fine: &Histogram) -> Option<Separation> {
    Some(auc_of(fine)?.widened(spread_of(fine)))
}

/// The AUC alone, in one pass over the bins (no bootstrap): what a weight drag recomputes
/// every frame, widened by the last [`spread_of`] until the drag settles.
pub fn auc_of(fine: &Histogram) -> Option<Separation> {
    let auc = fine.auc()?;
    let (retained, churned) = fine.counts();
    Some(Separation {
        auc,
        interval: None,
        accounts: (retained + churned) as usize,
        churned: churned as usize,
    })
}

/// How far the 90% bootstrap interval reaches below and above the AUC (both offsets from the
/// centre of the resamples, the first negative or zero).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// Lower bound minus the AUC.
    pub low: f64,
    /// Upper bound minus the AUC.
    pub high: f64,
}

/// The seeded Poisson bootstrap over 1-point bins: the costly part of [`separation_of`],
/// which a live view may run only once edits pause. `None` when an outcome has no account.
pub fn spread_of(fine: &Histogram) -> Option<Spread> {
    let coarse = fine.coarsen((BOOTSTRAP_RESOLUTION / fine.width()).round() as usize);
    let centre = coarse.auc()?;
    let (lo, hi) = stats::bootstrap_interval(&coarse, RESAMPLES, 0.9, SEED)?;
    Some(Spread {
        low: lo - centre,
        high: hi - centre,
    })
}

impl Separation {
    /// This separation with the interval `spread` places around its AUC (clamped to 0..=1).
    pub fn widened(self, spread: Option<Spread>) -> Separation {
        Separation {
            interval: spread.map(|s| {
                (
                    (s.low + self.auc).clamp(0.0, 1.0),
                    (s.high + self.auc).clamp(0.0, 1.0),
                )
            }),
            ..self
        }
    }
}

/// One band's outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BandOutcome {
    /// Scored accounts in the band with a known outcome.
    pub accounts: usize,
    /// Of those, churned.
    pub churned: usize,
}

impl BandOutcome {
    /// Churned / accounts, or None for an empty band.
    pub fn rate(&self) -> Option<f64> {
        (self.accounts > 0).then(|| self.churned as f64 / self.accounts as f64)
    }
}

/// Outcomes per band (by band index), in one pass.
pub fn per_band(
    bands: impl Iterator<Item = Option<usize>>,
    labels: &[Option<bool>],
    band_count: usize,
) -> Vec<BandOutcome> {
    let mut out = vec![BandOutcome::default(); band_count];
    for (band, label) in bands.zip(labels) {
        if let (Some(b), Some(churned)) = (band, label) {
            if let Some(slot) = out.get_mut(b) {
                slot.accounts += 1;
                slot.churned += usize::from(*churned);
            }
        }
    }
    out
}

/// [`histogram`] and [`per_band`] of the same scores in one pass over the accounts: what an
/// edit recomputes while the evidence is live.
pub fn tally(scores: &Scores, labels: &[Option<bool>]) -> (Histogram, Vec<BandOutcome>) {
    let mut hist = Histogram::empty(AUC_RESOLUTION);
    let mut bands = vec![BandOutcome::default(); scores.band_counts.len()];
    for ((&score, &band), label) in scores.score.iter().zip(&scores.band).zip(labels) {
        let Some(churned) = *label else { continue };
        hist.add(score, churned);
        if let Some(slot) = bands.get_mut(usize::from(band)) {
            slot.accounts += 1;
            slot.churned += usize::from(churned);
        }
    }
    (hist, bands)
}

/// [`enough`] from a histogram of [`histogram`] (it counts exactly the scored accounts with a
/// known outcome), without another pass over the accounts.
pub fn enough_of(hist: &Histogram) -> Result<(), TooLittle> {
    let (retained, churned) = hist.counts();
    let (accounts, churned) = ((retained + churned) as usize, churned as usize);
    if accounts < MIN_ACCOUNTS || churned < MIN_CHURNERS || accounts - churned < MIN_CHURNERS {
        return Err(TooLittle { accounts, churned });
    }
    Ok(())
}

/// Rows in band `band` whose outcome is `churned`, at most [`LISTED`]: Green accounts that
/// churned (false comfort) or Red accounts that stayed (false alarms).
pub fn surprises(
    scores: &Scores,
    labels: &[Option<bool>],
    band: usize,
    churned: bool,
) -> (Vec<usize>, usize) {
    let mut rows = Vec::new();
    let mut total = 0;
    for (row, label) in labels.iter().enumerate() {
        if *label == Some(churned) && scores.band_of(row) == Some(band) {
            total += 1;
            if rows.len() < LISTED {
                rows.push(row);
            }
        }
    }
    (rows, total)
}

/// What one metric says on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricEvidence {
    /// The metric's position in the card.
    pub metric: usize,
    /// Its sub-score's AUC against churn (sub-scores already run the healthy way).
    pub auc: Option<f64>,
    /// Mean sub-score of churned and of retained accounts.
    pub means: Option<(f64, f64)>,
    /// Standard deviation of its sub-scores, in points.
    pub spread: Option<f64>,
    /// Why it deserves a look, if it does.
    pub flag: Option<MetricFlag>,
}

/// Why a metric deserves a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricFlag {
    /// Its AUC is within 0.05 of a coin toss.
    NoSignal,
    /// Its sub-scores barely vary, so it cannot move anyone.
    BarelyVaries,
    /// It runs the wrong way: higher sub-scores churn more.
    Backwards,
}

/// Each metric's evidence, from its sub-scores with missing values as its policy scores them.
pub fn per_metric(
    card: &Scorecard,
    subs: &SubScores,
    labels: &[Option<bool>],
) -> Vec<MetricEvidence> {
    (0..card.metrics.len().min(subs.metric_count()))
        .map(|m| {
            let column = features_column(card, subs, m);
            let auc = Histogram::new(&column, labels, AUC_RESOLUTION).auc();
            let by_class = |class: bool| {
                let values: Vec<f64> = column
                    .iter()
                    .zip(labels)
                    .filter(|(_, l)| **l == Some(class))
                    .map(|(v, _)| *v)
                    .collect();
                stats::mean_sd(&values).map(|(mean, _)| mean)
            };
            let means = by_class(true).zip(by_class(false));
            let spread = stats::mean_sd(&column).map(|(_, sd)| sd);
            let flag = match (auc, spread) {
                (_, Some(sd)) if sd < LOW_SPREAD => Some(MetricFlag::BarelyVaries),
                (Some(a), _) if (a - 0.5).abs() < NO_SIGNAL => Some(MetricFlag::NoSignal),
                (Some(a), _) if a < 0.5 => Some(MetricFlag::Backwards),
                _ => None,
            };
            MetricEvidence {
                metric: m,
                auc,
                means,
                spread,
                flag,
            }
        })
        .collect()
}

/// The `n` metrics whose sub-scores spread least, least first: what keeps a narrow score narrow.
pub fn least_varying(metrics: &[MetricEvidence], n: usize) -> Vec<&MetricEvidence> {
    let mut by_spread: Vec<&MetricEvidence> =
        metrics.iter().filter(|e| e.spread.is_some()).collect();
    by_spread.sort_by(|a, b| a.spread.unwrap_or(0.0).total_cmp(&b.spread.unwrap_or(0.0)));
    by_spread.truncate(n);
    by_spread
}

/// One metric's sub-scores as the score uses them: missing values at their imputed sub-score;
/// where the policy leaves the metric out (or it is unmapped), NaN.
fn features_column(card: &Scorecard, subs: &SubScores, metric: usize) -> Vec<f64> {
    let imputed = if subs.unmapped(metric) {
        f64::NAN
    } else {
        card.metrics[metric].missing.imputed().unwrap_or(f64::NAN)
    };
    subs.column(metric)
        .iter()
        .map(|&v| if v.is_nan() { imputed } else { v })
        .collect()
}

/// Weights the data suggest, and how each set of weights does on accounts it was not fit on.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightSuggestion {
    /// Per metric, whole numbers totalling 100 (locked and unmapped metrics keep theirs).
    pub weights: Vec<f64>,
    /// Mean held-out AUC of the suggested weights over the folds.
    pub held_out_auc: f64,
    /// Mean held-out AUC of the card's weights on the same folds, when suggested.
    pub current_auc: f64,
    /// Folds used.
    pub folds: usize,
    /// The fit on all accounts: intercept and a coefficient per fitted metric (0-1 sub-scores).
    pub fit: stats::LogisticFit,
    /// Per metric, the sub-scores the fit saw (missing as scored, left-out at the mean).
    columns: Vec<Vec<f64>>,
    /// Per account, its fold (None without an outcome).
    fold_of: Vec<Option<usize>>,
}

impl WeightSuggestion {
    /// The mean held-out AUC of any weights on the same folds: one pass per fold, counted in
    /// [`AUC_RESOLUTION`]-point bins, so it can follow a weight drag.
    pub fn held_out_auc_of(&self, weights: &[f64], labels: &[Option<bool>]) -> f64 {
        let scores: Vec<f64> = (0..labels.len())
            .map(|r| {
                weights
                    .iter()
                    .zip(&self.columns)
                    .map(|(w, c)| w * c[r])
                    .sum::<f64>()
                    / 100.0
            })
            .collect();
        let (mut sum, mut used) = (0.0, 0);
        for k in 0..FOLDS {
            let held: Vec<Option<bool>> = labels
                .iter()
                .zip(&self.fold_of)
                .map(|(l, f)| if *f == Some(k) { *l } else { None })
                .collect();
            if let Some(auc) = Histogram::new(&scores, &held, AUC_RESOLUTION).auc() {
                sum += auc;
                used += 1;
            }
        }
        if used == 0 {
            f64::NAN
        } else {
            sum / used as f64
        }
    }
}

/// Why no weights are suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoSuggestion {
    /// Too few accounts or churners.
    TooLittle(TooLittle),
    /// No metric that may move has a column and a signal in the healthy direction.
    NoSignal,
}

/// Suggests weights by an L2-regularised logistic regression of churn on the metrics'
/// sub-scores (0-1, missing as the policy scores them, left-out values at the metric's mean):
/// a metric's weight is proportional to how much a higher sub-score lowers the odds of churn
/// (a metric that raises them gets 0), scaled to what the locked metrics leave, and rounded to
/// whole numbers by largest remainder. Each set of weights is judged by its mean AUC on
/// [`FOLDS`] stratified held-out folds, the suggested ones refit without the fold.
pub fn suggest_weights(
    card: &Scorecard,
    subs: &SubScores,
    labels: &[Option<bool>],
) -> Result<WeightSuggestion, NoSuggestion> {
    let metrics = card.metrics.len().min(subs.metric_count());
    let free: Vec<usize> = (0..metrics)
        .filter(|&m| !card.metrics[m].locked && !subs.unmapped(m))
        .collect();
    let (known, churned) = counts(labels);
    if known < MIN_ACCOUNTS || churned < MIN_CHURNERS || known - churned < MIN_CHURNERS {
        return Err(NoSuggestion::TooLittle(TooLittle {
            accounts: known,
            churned,
        }));
    }
    let columns: Vec<Vec<f64>> = (0..metrics)
        .map(|m| mean_filled(features_column(card, subs, m)))
        .collect();
    let rows: Vec<usize> = (0..labels.len()).filter(|&r| labels[r].is_some()).collect();
    let x = |r: usize| -> Vec<f64> { free.iter().map(|&m| columns[m][r] / 100.0).collect() };
    let fit_rows = |which: &[usize]| -> Option<stats::LogisticFit> {
        let xs: Vec<Vec<f64>> = which.iter().map(|&r| x(r)).collect();
        let ys: Vec<bool> = which.iter().map(|&r| labels[r] == Some(true)).collect();
        stats::fit_logistic(&xs, &ys, L2)
    };
    let fit = fit_rows(&rows).ok_or(NoSuggestion::NoSignal)?;
    let weights = weights_from(card, &free, &fit.coefficients).ok_or(NoSuggestion::NoSignal)?;
    let folds = stats::folds(labels, FOLDS, SEED);
    let score = |w: &[f64], r: usize| -> f64 { (0..metrics).map(|m| w[m] * columns[m][r]).sum() };
    let current: Vec<f64> = card
        .metrics
        .iter()
        .take(metrics)
        .map(|m| m.weight)
        .collect();
    let (mut suggested_sum, mut current_sum, mut used) = (0.0, 0.0, 0);
    for k in 0..FOLDS {
        let (test, train): (Vec<usize>, Vec<usize>) =
            rows.iter().partition(|&&r| folds[r] == Some(k));
        let Some(fold_fit) = fit_rows(&train) else {
            continue;
        };
        let Some(fold_weights) = weights_from(card, &free, &fold_fit.coefficients) else {
            continue;
        };
        let held: Vec<Option<bool>> = test.iter().map(|&r| labels[r]).collect();
        let suggested_scores: Vec<f64> = test.iter().map(|&r| score(&fold_weights, r)).collect();
        let current_scores: Vec<f64> = test.iter().map(|&r| score(&current, r)).collect();
        if let (Some(a), Some(b)) = (
            stats::auc(&suggested_scores, &held),
            stats::auc(&current_scores, &held),
        ) {
            suggested_sum += a;
            current_sum += b;
            used += 1;
        }
    }
    if used == 0 {
        return Err(NoSuggestion::NoSignal);
    }
    Ok(WeightSuggestion {
        weights,
        held_out_auc: suggested_sum / used as f64,
        current_auc: current_sum / used as f64,
        folds: used,
        fit,
        columns,
        fold_of: folds,
    })
}

/// NaN (left out) replaced by the column's mean, so the fit sees a neutral value there.
fn mean_filled(column: Vec<f64>) -> Vec<f64> {
    let mean = stats::mean_sd(&column).map_or(0.0, |(m, _)| m);
    column
        .into_iter()
        .map(|v| if v.is_nan() { mean } else { v })
        .collect()
}

/// Whole-number weights totalling 100 from churn coefficients of the free metrics: locked and
/// unmapped metrics keep theirs; a free metric gets a share of the rest proportional to
/// -coefficient (0 when a higher sub-score does not lower churn). None when no free metric
/// lowers churn.
fn weights_from(card: &Scorecard, free: &[usize], coefficients: &[f64]) -> Option<Vec<f64>> {
    let strength: Vec<f64> = coefficients.iter().map(|c| (-c).max(0.0)).collect();
    let total: f64 = strength.iter().sum();
    if !(total > 0.0) {
        return None;
    }
    let fixed: f64 = card
        .metrics
        .iter()
        .enumerate()
        .filter(|(m, _)| !free.contains(m))
        .map(|(_, metric)| metric.weight)
        .sum();
    let room = (100.0 - fixed).max(0.0);
    let raw: Vec<f64> = strength.iter().map(|s| s / total * room).collect();
    // Whole numbers, with any fraction a locked weight leaves on the largest share, so the
    // total is exactly 100.
    let rounded = crate::weights::spread(&raw, room);
    let mut weights: Vec<f64> = card.metrics.iter().map(|m| m.weight).collect();
    for (&m, w) in free.iter().zip(rounded) {
        weights[m] = w;
    }
    Some(weights)
}

/// Band boundaries the data suggest.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundarySuggestion {
    /// Where each band after the first starts, ascending.
    pub starts: Vec<f64>,
    /// The Kolmogorov–Smirnov distance at the lowest boundary.
    pub ks: f64,
}

/// Suggests where bands start: the lowest boundary where churned and retained scores differ
/// most (the KS statistic's threshold), the highest where 90% of churners score below it (so
/// the top band holds at most a tenth of them), any others evenly between; whole points.
/// Both are read from [`AUC_RESOLUTION`]-point bins, so each edit costs one pass, not a sort.
pub fn suggest_boundaries(
    scores: &[f64],
    labels: &[Option<bool>],
    band_count: usize,
) -> Option<BoundarySuggestion> {
    suggest_boundaries_of(&histogram(scores, labels), band_count)
}

/// [`suggest_boundaries`] from the histogram of [`histogram`].
pub fn suggest_boundaries_of(hist: &Histogram, band_count: usize) -> Option<BoundarySuggestion> {
    if band_count < 2 {
        return None;
    }
    let (low, ks) = binned_ks(hist)?;
    let low = low.round().clamp(1.0, 99.0);
    let high = binned_quantile(hist.churned_bins(), hist.width(), 0.9)?
        .round()
        .clamp(low + 1.0, 100.0);
    let gaps = band_count - 1;
    let starts: Vec<f64> = if gaps == 1 {
        vec![low]
    } else {
        (0..gaps)
            .map(|i| (low + (high - low) * i as f64 / (gaps - 1) as f64).round())
            .collect()
    };
    let mut strict = Vec::with_capacity(starts.len());
    for s in starts {
        let floor = strict.last().map_or(0.0, |p: &f64| p + 1.0);
        strict.push(s.max(floor).min(100.0));
    }
    strict.dedup();
    (strict.len() == gaps).then_some(BoundarySuggestion { starts: strict, ks })
}

/// When most accounts sit in a narrow range: the 10th and 90th percentile scores (to a tenth
/// of a point, from bins), if they are less than 15 points apart.
pub fn narrow_range(scores: &[f64]) -> Option<(f64, f64)> {
    let all: Vec<Option<bool>> = scores.iter().map(|_| Some(true)).collect();
    narrow_range_of(&histogram(scores, &all))
}

/// [`narrow_range`] of the accounts in a histogram of [`histogram`], both outcomes together.
pub fn narrow_range_of(hist: &Histogram) -> Option<(f64, f64)> {
    let all: Vec<u32> = hist
        .retained_bins()
        .iter()
        .zip(hist.churned_bins())
        .map(|(r, c)| r.saturating_add(*c))
        .collect();
    let n: u64 = all.iter().map(|&b| u64::from(b)).sum();
    if (n as usize) < MIN_ACCOUNTS {
        return None;
    }
    let p10 = binned_quantile(&all, hist.width(), 0.1)?;
    let p90 = binned_quantile(&all, hist.width(), 0.9)?;
    (p90 - p10 < 15.0).then_some((p10, p90))
}

/// The bin edge where the share of churned scores below it most exceeds the share of retained
/// ones (the KS threshold), and that difference.
fn binned_ks(hist: &Histogram) -> Option<(f64, f64)> {
    let (retained, churned) = hist.counts();
    if retained == 0 || churned == 0 {
        return None;
    }
    let (mut below_c, mut below_r) = (0u64, 0u64);
    let mut best = (0.0, 0.0);
    for (i, (&c, &r)) in hist
        .churned_bins()
        .iter()
        .zip(hist.retained_bins())
        .enumerate()
    {
        below_c += u64::from(c);
        below_r += u64::from(r);
        let gap = below_c as f64 / churned as f64 - below_r as f64 / retained as f64;
        if gap > best.1 {
            best = ((i + 1) as f64 * hist.width(), gap);
        }
    }
    (best.1 > 0.0).then_some(best)
}

/// The score below which a share `q` of the binned values fall (a bin's upper edge).
fn binned_quantile(bins: &[u32], width: f64, q: f64) -> Option<f64> {
    let total: u64 = bins.iter().map(|&b| u64::from(b)).sum();
    if total == 0 {
        return None;
    }
    let wanted = (q * total as f64).ceil().max(1.0) as u64;
    let mut seen = 0u64;
    bins.iter()
        .position(|&b| {
            seen += u64::from(b);
            seen >= wanted
        })
        .map(|i| ((i + 1) as f64 * width).min(100.0))
}
