//! One pass over the sub-score columns: every account's score, band and grade, and the band counts.

use super::read::SubScores;
use crate::model::{Band, MissingPolicy};
use crate::scoring::round_dust;
use crate::validate::{band_index, ValidScorecard};

/// The band or grade index of an account without a score.
pub const NO_BAND: u16 = u16::MAX;

/// Every account's score, band and grade under one scorecard.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scores {
    /// Per account: 0-100, NaN when every metric was left out.
    pub score: Vec<f64>,
    /// Per account: index into the card's bands, or [`NO_BAND`].
    pub band: Vec<u16>,
    /// Per account: index into the card's grades, or [`NO_BAND`].
    pub grade: Vec<u16>,
    /// Accounts per band, by band index.
    pub band_counts: Vec<usize>,
    /// Accounts without a score.
    pub unscored: usize,
}

impl Scores {
    /// Scores every account: the same arithmetic, in the same order, as
    /// [`crate::scoring::combine`], so the two agree to the last bit.
    pub fn compute(card: ValidScorecard<'_>, subs: &SubScores) -> Scores {
        let metrics = &card.card().metrics;
        let rows = subs.len();
        // An unmapped metric is left out of every score, whatever its policy.
        let left_out = |m: usize| subs.unmapped(m) || metrics[m].missing == MissingPolicy::Exclude;
        let excludes = |m: usize| left_out(m) && (subs.any_missing(m) || subs.unmapped(m));
        // Per account, 100 / the weight of the metrics it is scored on; one value when no
        // metric can be left out, which is the usual case.
        let scale: Option<Vec<f64>> = (0..metrics.len()).any(excludes).then(|| {
            let mut included = vec![0.0; rows];
            for (m, metric) in metrics.iter().enumerate() {
                let column = subs.column(m);
                let exclude = left_out(m);
                for (sum, sub) in included.iter_mut().zip(column) {
                    if !(exclude && sub.is_nan()) {
                        *sum += metric.weight;
                    }
                }
            }
            included.into_iter().map(scale_of).collect()
        });
        let shared = scale_of(metrics.iter().map(|m| m.weight).sum());
        let mut total = vec![0.0; rows];
        for (m, metric) in metrics.iter().enumerate() {
            let imputed = if subs.unmapped(m) {
                f64::NAN
            } else {
                metric.missing.imputed().unwrap_or(f64::NAN)
            };
            let column = subs.column(m);
            match &scale {
                // The usual case: one effective weight for every account, no branch but the
                // missing-value select.
                // One effective weight for every account. No metric here can be left out (that
                // needs a per-account scale), so a missing value always has an imputed sub-score:
                // a select and a multiply-add, which the compiler vectorises.
                None => {
                    // Points per sub-score point, as scoring::combine computes it.
                    let per_point = metric.weight * shared / 100.0;
                    for (sum, &sub) in total.iter_mut().zip(column) {
                        let sub = if sub.is_nan() { imputed } else { sub };
                        *sum += per_point * sub;
                    }
                }
                Some(scale) => {
                    for ((sum, &sub), &s) in total.iter_mut().zip(column).zip(scale) {
                        let sub = if sub.is_nan() { imputed } else { sub };
                        if !sub.is_nan() {
                            *sum += metric.weight * s / 100.0 * sub;
                        }
                    }
                }
            }
        }
        let scored = |i: usize| scale.as_ref().map_or(shared, |s| s[i]) > 0.0;
        let score: Vec<f64> = total
            .into_iter()
            .enumerate()
            .map(|(i, sum)| if scored(i) { round_dust(sum) } else { f64::NAN })
            .collect();
        Scores::banded(score, &card.card().bands, &card.card().grades)
    }

    /// Bands and grades for given scores.
    fn banded(score: Vec<f64>, bands: &[Band], grades: &[Band]) -> Scores {
        let mut band_counts = vec![0; bands.len()];
        let mut unscored = 0;
        let index = |list: &[Band], s: f64| {
            if s.is_nan() {
                return NO_BAND;
            }
            band_index(list, s).map_or(NO_BAND, |b| b as u16)
        };
        let band: Vec<u16> = score.iter().map(|&s| index(bands, s)).collect();
        for &b in &band {
            match band_counts.get_mut(b as usize) {
                Some(n) => *n += 1,
                None => unscored += 1,
            }
        }
        let grade = if grades.is_empty() {
            vec![NO_BAND; score.len()]
        } else {
            score.iter().map(|&s| index(grades, s)).collect()
        };
        Scores {
            score,
            band,
            grade,
            band_counts,
            unscored,
        }
    }

    /// Number of accounts.
    pub fn len(&self) -> usize {
        self.score.len()
    }

    /// True when there are no accounts.
    pub fn is_empty(&self) -> bool {
        self.score.is_empty()
    }

    /// One account's score, None when it has none.
    pub fn score_of(&self, row: usize) -> Option<f64> {
        self.score.get(row).copied().filter(|s| !s.is_nan())
    }

    /// One account's band index.
    pub fn band_of(&self, row: usize) -> Option<usize> {
        self.band
            .get(row)
            .filter(|&&b| b != NO_BAND)
            .map(|&b| b as usize)
    }

    /// One account's grade index.
    pub fn grade_of(&self, row: usize) -> Option<usize> {
        self.grade
            .get(row)
            .filter(|&&g| g != NO_BAND)
            .map(|&g| g as usize)
    }

    /// Per band, the total of `values` (ARR per account) over the accounts in it; NaN values
    /// (unreadable or blank) count as nothing.
    pub fn band_sums(&self, values: &[f64]) -> Vec<f64> {
        let mut sums = vec![0.0; self.band_counts.len()];
        for (&band, &value) in self.band.iter().zip(values) {
            if let Some(sum) = sums.get_mut(band as usize) {
                if !value.is_nan() {
                    *sum += value;
                }
            }
        }
        sums
    }

    /// Counts of scores in bins of `width` points from 0 to 100; 100 falls in the last bin.
    pub fn histogram(&self, width: f64) -> Vec<usize> {
        let bins = (100.0 / width).ceil().max(1.0) as usize;
        let mut counts = vec![0; bins];
        for &score in self.score.iter().filter(|s| !s.is_nan()) {
            let bin = ((score / width).floor().max(0.0) as usize).min(bins - 1);
            counts[bin] += 1;
        }
        counts
    }

    /// One metric's points for every account (NaN where left out): what sorting by
    /// that metric's column compares.
    pub fn metric_points(card: ValidScorecard<'_>, subs: &SubScores, metric: usize) -> Vec<f64> {
        (0..subs.len())
            .map(|row| {
                Scores::points_of(card, subs, row)
                    .get(metric)
                    .copied()
                    .flatten()
                    .unwrap_or(f64::NAN)
            })
            .collect()
    }

    /// One account's points per metric under `card` (None where the metric was left out):
    /// what the results table shows for the rows in view.
    pub fn points_of(card: ValidScorecard<'_>, subs: &SubScores, row: usize) -> Vec<Option<f64>> {
        Scores::points_for(&card.card().metrics, subs, row)
    }

    /// [`Scores::points_of`] for metrics already known to be a valid card's.
    pub fn points_for(
        metrics: &[crate::model::Metric],
        subs: &SubScores,
        row: usize,
    ) -> Vec<Option<f64>> {
        let sub = |m: usize| {
            let imputed = (!subs.unmapped(m))
                .then(|| metrics[m].missing.imputed())
                .flatten();
            subs.sub_score(row, m).or(imputed)
        };
        let included: f64 = (0..metrics.len())
            .filter(|&m| sub(m).is_some())
            .map(|m| metrics[m].weight)
            .sum();
        let scale = scale_of(included);
        (0..metrics.len())
            .map(|m| sub(m).map(|s| metrics[m].weight * scale / 100.0 * s))
            .collect()
    }
}

/// 100 / the included weight, or 0 when nothing is included.
fn scale_of(included: f64) -> f64 {
    if included > 0.0 {
        100.0 / included
    } else {
        0.0
    }
}
