//! One pass over the sub-score columns: every account's score, band and grade, and the band counts.

use super::codes::Codes;
use super::read::SubScores;
use super::reweigh::Kept;
use crate::model::MissingPolicy;
use crate::scoring::round_dust;
use crate::validate::ValidScorecard;

/// The band or grade index of an account without a score.
pub const NO_BAND: u16 = u16::MAX;

/// Width in points of the histogram bins computed with the scores (`Scores::bins`).
pub const BIN: f64 = 5.0;
/// Number of those bins.
const BINS: usize = 20;
/// Accounts per block of the fused pass: 2 KB of running totals, well inside a first-level cache.
pub(super) const BLOCK: usize = 256;

/// Every account's score, band and grade under one scorecard.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Per account: 0-100, NaN when every metric was left out.
    pub score: Vec<f64>,
    /// Per account: index into the card's bands, or [`NO_BAND`].
    pub band: Vec<u16>,
    /// Per account: index into the card's grades, or [`NO_BAND`]; empty when the card has no
    /// grades.
    pub grade: Vec<u16>,
    /// Accounts per band, by band index.
    pub band_counts: Vec<usize>,
    /// Accounts without a score.
    pub unscored: usize,
    /// Counts of scores in bins of [`BIN`] points from 0 to 100 (100 in the last).
    pub bins: Vec<usize>,
    /// What the pass kept so that a weight or band edit can start from it
    /// ([`Scores::reweighed`]).
    pub(super) kept: Kept,
}

/// Equal when the scores, bands, grades and counts are: however they were reached.
impl PartialEq for Scores {
    fn eq(&self, other: &Scores) -> bool {
        let same = |a: &[f64], b: &[f64]| {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(x, y)| x == y || (x.is_nan() && y.is_nan()))
        };
        same(&self.score, &other.score)
            && self.band == other.band
            && self.grade == other.grade
            && self.band_counts == other.band_counts
            && self.unscored == other.unscored
            && self.bins == other.bins
    }
}

impl Scores {
    /// Scores every account: the same arithmetic, in the same order, as
    /// [`crate::scoring::combine`], so the two agree to the last bit.
    ///
    /// One fused pass in blocks of 256 accounts: the block's running totals stay in the
    /// processor's nearest cache while every metric's column streams through once, then the
    /// block's scores, bands, grades, band counts and [`BIN`]-point histogram are written.
    pub fn compute(card: ValidScorecard<'_>, subs: &SubScores) -> Scores {
        let plan = Plan::new(card, subs);
        let (bands, grades) = (&card.card().bands, &card.card().grades);
        let rows = subs.len();
        let mut out = Scores::with_capacity(rows, bands.len(), !grades.is_empty());
        out.kept = Kept::started(
            plan.rescales,
            plan.shared,
            plan.terms.iter().map(Term::kept),
            rows,
        );
        let band_from: Vec<f64> = bands.iter().map(|b| b.from).collect();
        let grade_from: Vec<f64> = grades.iter().map(|b| b.from).collect();
        // Per band index + 1 (0: no band), so counting needs no branch.
        let mut counts = vec![0usize; bands.len() + 1];
        let mut total = [0.0f64; BLOCK];
        let mut included = [0.0f64; BLOCK];
        let mut scale = [0.0f64; BLOCK];
        for start in (0..rows).step_by(BLOCK) {
            let len = BLOCK.min(rows - start);
            let (total, scale) = (&mut total[..len], &mut scale[..len]);
            plan.block(start, total, (&mut included[..len], scale));
            out.kept.keep(total, &included[..len]);
            // Rounded scores, NaN for an account with nothing to be scored on.
            if plan.rescales {
                for (sum, &s) in total.iter_mut().zip(scale.iter()) {
                    *sum = if s > 0.0 { round_dust(*sum) } else { f64::NAN };
                }
            } else if plan.shared > 0.0 {
                round_all(total);
            } else {
                total.fill(f64::NAN);
            }
            out.tally(total, &band_from, &grade_from, &mut counts);
        }
        out.finish(&counts);
        out
    }

    /// No scores yet, with room for `rows` accounts, counts for `bands` bands, and grades
    /// when `graded`.
    pub(super) fn with_capacity(rows: usize, bands: usize, graded: bool) -> Scores {
        Scores {
            score: Vec::with_capacity(rows),
            band: Vec::with_capacity(rows),
            grade: Vec::with_capacity(if graded { rows } else { 0 }),
            band_counts: vec![0; bands],
            unscored: 0,
            bins: vec![0; BINS],
            kept: Kept::default(),
        }
    }

    /// Sets the band counts and the unscored from `counts` (by band index + 1).
    pub(super) fn finish(&mut self, counts: &[usize]) {
        self.unscored = counts[0];
        self.band_counts.copy_from_slice(&counts[1..]);
    }

    /// Appends a block of scores with their bands and grades, and counts them per band
    /// (`counts`, by band index + 1) and per bin: one simple pass over the block for each.
    pub(super) fn tally(
        &mut self,
        scores: &[f64],
        band_from: &[f64],
        grade_from: &[f64],
        counts: &mut [usize],
    ) {
        self.score.extend_from_slice(scores);
        levels_into(scores, band_from, &mut self.band, counts);
        // A card without grades writes none (most cards: 2 bytes an account saved per event).
        if !grade_from.is_empty() {
            levels_into(scores, grade_from, &mut self.grade, &mut []);
        }
        // Two bin tallies taken in turn, so accounts in the same bin do not wait on each other;
        // NaN (no score) lands past the last bin.
        let (mut even, mut odd) = ([0u32; BINS + 1], [0u32; BINS + 1]);
        let mut pairs = scores.chunks_exact(2);
        for pair in &mut pairs {
            even[bin_of_rounded(pair[0])] += 1;
            odd[bin_of_rounded(pair[1])] += 1;
        }
        if let [score] = pairs.remainder() {
            even[bin_of_rounded(*score)] += 1;
        }
        for (bin, (a, b)) in self.bins.iter_mut().zip(even.iter().zip(&odd)) {
            *bin += (a + b) as usize;
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
        if width == BIN && bins == self.bins.len() {
            return self.bins.clone();
        }
        let mut counts = vec![0; bins];
        for &score in self.score.iter().filter(|s| !s.is_nan()) {
            counts[bin_of(score, width, bins)] += 1;
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

/// The bin of `width` points a score falls in, out of `bins`: the `b` with
/// `b x width <= score < (b + 1) x width` (a quotient's rounding can put its floor one off),
/// the first for scores below 0 and the last from `bins x width` (100) up.
fn bin_of(score: f64, width: f64, bins: usize) -> usize {
    let guess = (score / width).floor();
    let bin = if guess * width > score {
        guess - 1.0
    } else if (guess + 1.0) * width <= score {
        guess + 1.0
    } else {
        guess
    };
    (bin.max(0.0) as usize).min(bins - 1)
}

/// The [`BIN`]-point bin of a score rounded to millionths (past the last bin for NaN): `score
/// / 5` truncated, where a product by 0.2 could round onto the next whole number only for a
/// score within 1e-15 below a multiple of 5, which a rounded score never is.
fn bin_of_rounded(score: f64) -> usize {
    let bin = ((score * (1.0 / BIN)) as i32).clamp(0, BINS as i32 - 1) as usize;
    if score.is_nan() {
        BINS
    } else {
        bin
    }
}

/// Appends each score's level among the ascending `starts` (its index, or [`NO_BAND`] below
/// the first or for NaN) to `out`, and counts the scores per level + 1 in `counts` (none
/// when it is empty).
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
use levels_one_by_one as levels_into;

/// [`levels_into`], one score at a time.
fn levels_one_by_one(scores: &[f64], starts: &[f64], out: &mut Vec<u16>, counts: &mut [usize]) {
    out.extend(scores.iter().map(|&score| {
        let reached = level(starts, score);
        if let Some(count) = counts.get_mut(reached) {
            *count += 1;
        }
        (reached as u16).wrapping_sub(1)
    }));
}

/// The same, a start at a time over two scores in SIMD lanes: each comparison's mask (-1 where
/// the score reaches the start) is subtracted from the scores' levels and from the start's
/// count of scores reaching it, so nothing is counted lane by lane; the count at each level is
/// then the difference of two starts' counts (a valid card's starts ascend strictly).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn levels_into(scores: &[f64], starts: &[f64], out: &mut Vec<u16>, counts: &mut [usize]) {
    use core::arch::wasm32::{
        f64x2_ge, f64x2_splat, i64x2_extract_lane, i64x2_splat, i64x2_sub, v128, v128_load,
    };
    let pairs = scores.len().min(BLOCK) / 2;
    if pairs == 0 || starts.len() > u16::MAX as usize {
        return levels_one_by_one(scores, starts, out, counts);
    }
    let mut levels = [i64x2_splat(0); BLOCK / 2];
    // Scores reaching the previous start: all of them before the first.
    let mut above = 2 * pairs;
    for (level, &from) in starts.iter().enumerate() {
        let from = f64x2_splat(from);
        let mut reached = i64x2_splat(0);
        for (pair, level) in levels[..pairs].iter_mut().enumerate() {
            // SAFETY: `2 x pair + 1 < 2 x pairs <= scores.len()`: the 16 bytes are two of its
            // f64s; wasm SIMD loads need no alignment.
            let two = unsafe { v128_load(scores.as_ptr().add(2 * pair) as *const v128) };
            let mask = f64x2_ge(two, from);
            *level = i64x2_sub(*level, mask);
            reached = i64x2_sub(reached, mask);
        }
        let reached =
            (i64x2_extract_lane::<0>(reached) + i64x2_extract_lane::<1>(reached)) as usize;
        if let Some(count) = counts.get_mut(level) {
            *count += above - reached;
        }
        above = reached;
    }
    if let Some(count) = counts.get_mut(starts.len()) {
        *count += above;
    }
    out.extend(levels[..pairs].iter().flat_map(|&level: &v128| {
        let lanes = [
            i64x2_extract_lane::<0>(level),
            i64x2_extract_lane::<1>(level),
        ];
        lanes.map(|reached| (reached as u16).wrapping_sub(1))
    }));
    levels_one_by_one(&scores[2 * pairs..], starts, out, counts);
}

/// How many of the ascending band starts a score reaches: its band index + 1, or 0 for a
/// NaN or a score below every band. Equal to [`crate::validate::band_index`] + 1 on a valid card, whose bands
/// start strictly ascending, without a branch per band.
fn level(starts: &[f64], score: f64) -> usize {
    starts.iter().map(|&from| usize::from(score >= from)).sum()
}

/// Whether metric `m` leaves an account out when its value is missing: an unmapped metric
/// does, whatever its policy.
pub(super) fn left_out(metric: &crate::model::Metric, subs: &SubScores, m: usize) -> bool {
    subs.unmapped(m) || metric.missing == MissingPolicy::Exclude
}

/// The sub-score a missing value of metric `m` takes, NaN when it is left out.
pub(super) fn imputed(metric: &crate::model::Metric, subs: &SubScores, m: usize) -> f64 {
    if subs.unmapped(m) {
        f64::NAN
    } else {
        metric.missing.imputed().unwrap_or(f64::NAN)
    }
}

/// Whether some account may be scored on fewer metrics than others, and so needs its own scale.
fn rescales(metrics: &[crate::model::Metric], subs: &SubScores) -> bool {
    (0..metrics.len())
        .any(|m| left_out(&metrics[m], subs, m) && (subs.any_missing(m) || subs.unmapped(m)))
}

/// What one block of the fused pass reads of the card and the sub-scores.
struct Plan<'a> {
    terms: Vec<Term<'a>>,
    /// Some account may be scored on fewer metrics than others, so each needs its own scale.
    rescales: bool,
    /// 100 / the total weight, when no account needs its own scale.
    shared: f64,
}

/// One metric as the fused pass reads it.
struct Term<'a> {
    column: &'a [f64],
    weight: f64,
    /// Points per sub-score point when every account shares one scale.
    per_point: f64,
    /// The sub-score a missing value takes, NaN when it is left out.
    imputed: f64,
    /// A missing value leaves this metric out of the account's score.
    left_out: bool,
    /// Where the pass reads the term's points when every account shares one scale.
    points: Points<'a>,
}

/// A term's points per account, when every account shares one scale: from the column's codes
/// and a table of each distinct sub-score's points (the same product the column would give,
/// so the same bits), or from the column itself.
pub(super) enum Points<'a> {
    /// One byte per account.
    Narrow(&'a [u8], Box<[f64; 256]>),
    /// Two bytes per account.
    Wide(&'a [u16], Vec<f64>),
    /// Too many distinct sub-scores to code: `per_point x sub`, `imputed` for NaN.
    Column,
}

impl<'a> Points<'a> {
    /// Adds accounts `start..start + total.len()`'s points to `total`: from the codes, else
    /// `per_point x sub` over `column`, `imputed` for a missing sub-score.
    pub(super) fn add_to(
        &self,
        total: &mut [f64],
        start: usize,
        column: &[f64],
        (per_point, imputed): (f64, f64),
    ) {
        let end = start + total.len();
        match self {
            Points::Narrow(codes, table) => add_narrow(total, &codes[start..end], table),
            Points::Wide(codes, table) => add_wide(total, &codes[start..end], table),
            Points::Column => add_points(total, &column[start..end], per_point, imputed),
        }
    }

    /// Metric `metric`'s points, from its codes when they cover all `rows` accounts.
    pub(super) fn of(
        subs: &'a SubScores,
        metric: usize,
        rows: usize,
        per_point: f64,
        imputed: f64,
    ) -> Points<'a> {
        let Some(dictionary) = subs.codes(metric) else {
            return Points::Column;
        };
        let points = dictionary
            .values()
            .iter()
            .map(|&sub| per_point * if sub.is_nan() { imputed } else { sub });
        match dictionary.codes() {
            Codes::Narrow(codes) if codes.len() == rows => {
                let mut table = Box::new([0.0; 256]);
                for (slot, value) in table.iter_mut().zip(points) {
                    *slot = value;
                }
                Points::Narrow(codes, table)
            }
            Codes::Wide(codes) if codes.len() == rows => Points::Wide(codes, points.collect()),
            _ => Points::Column,
        }
    }
}

impl Term<'_> {
    /// What a later edit compares with: the weight, the imputed sub-score and whether a
    /// missing value is left out.
    fn kept(&self) -> super::reweigh::KeptTerm {
        super::reweigh::KeptTerm {
            weight: self.weight,
            imputed: self.imputed,
            left_out: self.left_out,
        }
    }
}

impl<'a> Plan<'a> {
    fn new(card: ValidScorecard<'_>, subs: &'a SubScores) -> Plan<'a> {
        let metrics = &card.card().metrics;
        let rescales = rescales(metrics, subs);
        let shared = scale_of(metrics.iter().map(|m| m.weight).sum());
        let terms = metrics
            .iter()
            .enumerate()
            .map(|(m, metric)| {
                let per_point = metric.weight * shared / 100.0;
                let imputed = imputed(metric, subs, m);
                Term {
                    column: subs.column(m),
                    weight: metric.weight,
                    per_point,
                    imputed,
                    left_out: left_out(metric, subs, m),
                    points: if rescales {
                        Points::Column
                    } else {
                        Points::of(subs, m, subs.len(), per_point, imputed)
                    },
                }
            })
            .collect();
        Plan {
            terms,
            rescales,
            shared,
        }
    }

    /// The running totals of accounts `start..start + total.len()`, and, when accounts need
    /// their own scale, each one's included weight and 100 / that weight in `per_account`.
    fn block(&self, start: usize, total: &mut [f64], per_account: (&mut [f64], &mut [f64])) {
        let (included, scale) = per_account;
        let end = start + total.len();
        total.fill(0.0);
        if !self.rescales {
            // One effective weight for every account. No metric here can be left out (that
            // needs a per-account scale), so a missing value always has an imputed sub-score:
            // a look-up in the term's table of points, or a select and a multiply-add, two
            // accounts at a time in SIMD lanes.
            let mut terms = &self.terms[..];
            while let Some(term) = terms.first() {
                // Four one-byte terms in one pass: each total is read and written once for
                // the four, and the additions keep their order.
                if let [Term {
                    points: Points::Narrow(c0, t0),
                    ..
                }, Term {
                    points: Points::Narrow(c1, t1),
                    ..
                }, Term {
                    points: Points::Narrow(c2, t2),
                    ..
                }, Term {
                    points: Points::Narrow(c3, t3),
                    ..
                }, ..] = terms
                {
                    let codes = [
                        &c0[start..end],
                        &c1[start..end],
                        &c2[start..end],
                        &c3[start..end],
                    ];
                    add_narrow4(total, codes, [&**t0, &**t1, &**t2, &**t3]);
                    terms = &terms[4..];
                    continue;
                }
                match &term.points {
                    Points::Narrow(codes, table) => add_narrow(total, &codes[start..end], table),
                    Points::Wide(codes, table) => add_wide(total, &codes[start..end], table),
                    Points::Column => {
                        let (per_point, imputed) = (term.per_point, term.imputed);
                        add_points(total, &term.column[start..end], per_point, imputed);
                    }
                }
                terms = &terms[1..];
            }
            return;
        }
        included.fill(0.0);
        for term in &self.terms {
            let (weight, left_out) = (term.weight, term.left_out);
            for (included, &sub) in included.iter_mut().zip(&term.column[start..end]) {
                if !(left_out && sub.is_nan()) {
                    *included += weight;
                }
            }
        }
        for (s, &weight) in scale.iter_mut().zip(included.iter()) {
            *s = scale_of(weight);
        }
        for term in &self.terms {
            let (weight, imputed) = (term.weight, term.imputed);
            let column = &term.column[start..end];
            for ((sum, &sub), &s) in total.iter_mut().zip(column).zip(scale.iter()) {
                let sub = if sub.is_nan() { imputed } else { sub };
                if !sub.is_nan() {
                    *sum += weight * s / 100.0 * sub;
                }
            }
        }
    }
}

/// `total += table[code]` per account: the table holds 256 entries, so no code is out of it.
fn add_narrow(total: &mut [f64], codes: &[u8], table: &[f64; 256]) {
    for (sum, &code) in total.iter_mut().zip(codes) {
        *sum += table[usize::from(code)];
    }
}

/// [`add_narrow`] for four terms at once, added in their order: `((total + a) + b) + c) + d`.
fn add_narrow4(total: &mut [f64], codes: [&[u8]; 4], tables: [&[f64; 256]; 4]) {
    let [c0, c1, c2, c3] = codes;
    let [t0, t1, t2, t3] = tables;
    for ((((sum, &a), &b), &c), &d) in total.iter_mut().zip(c0).zip(c1).zip(c2).zip(c3) {
        *sum = *sum
            + t0[usize::from(a)]
            + t1[usize::from(b)]
            + t2[usize::from(c)]
            + t3[usize::from(d)];
    }
}

/// The same for two-byte codes; every code indexes one of the column's distinct values.
fn add_wide(total: &mut [f64], codes: &[u16], table: &[f64]) {
    for (sum, &code) in total.iter_mut().zip(codes) {
        *sum += table[usize::from(code)];
    }
}

/// `total += per_point x sub` per account, `imputed` standing in for a missing (NaN) sub-score.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
use add_points_one_by_one as add_points;

/// [`add_points`], one account at a time.
fn add_points_one_by_one(total: &mut [f64], column: &[f64], per_point: f64, imputed: f64) {
    for (sum, &sub) in total.iter_mut().zip(column) {
        let sub = if sub.is_nan() { imputed } else { sub };
        *sum += per_point * sub;
    }
}

/// The same, two accounts at a time in wasm SIMD lanes: per lane the same IEEE operations in
/// the same order, so the same bits (the size-optimised build does not vectorise on its own).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn add_points(total: &mut [f64], column: &[f64], per_point: f64, imputed: f64) {
    use core::arch::wasm32::{
        f64x2_add, f64x2_mul, f64x2_ne, f64x2_splat, v128, v128_bitselect, v128_load, v128_store,
    };
    let (per_point_x2, imputed_x2) = (f64x2_splat(per_point), f64x2_splat(imputed));
    let pairs = total.len().min(column.len()) / 2;
    let (sums, subs) = (total.as_mut_ptr(), column.as_ptr());
    for at in (0..2 * pairs).step_by(2) {
        // SAFETY: `at + 1 < 2 x pairs <= len` of both slices, so each 16-byte access covers
        // two of their f64s; wasm SIMD loads and stores need no alignment.
        unsafe {
            let sub = v128_load(subs.add(at) as *const v128);
            let sub = v128_bitselect(imputed_x2, sub, f64x2_ne(sub, sub));
            let sum = sums.add(at) as *mut v128;
            v128_store(sum, f64x2_add(v128_load(sum), f64x2_mul(per_point_x2, sub)));
        }
    }
    add_points_one_by_one(
        &mut total[2 * pairs..],
        &column[2 * pairs..],
        per_point,
        imputed,
    );
}

/// [`round_dust`] of every total.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub(super) use round_one_by_one as round_all;

/// [`round_all`], one total at a time.
pub(super) fn round_one_by_one(total: &mut [f64]) {
    for sum in total.iter_mut() {
        *sum = round_dust(*sum);
    }
}

/// The same in SIMD lanes: `nearest` is IEEE round-half-to-even, as `round_ties_even`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(super) fn round_all(total: &mut [f64]) {
    use core::arch::wasm32::{
        f64x2, f64x2_div, f64x2_extract_lane, f64x2_mul, f64x2_nearest, f64x2_splat,
    };
    let million = f64x2_splat(1e6);
    let mut sums = total.chunks_exact_mut(2);
    for sum in &mut sums {
        let out = f64x2_div(
            f64x2_nearest(f64x2_mul(f64x2(sum[0], sum[1]), million)),
            million,
        );
        sum[0] = f64x2_extract_lane::<0>(out);
        sum[1] = f64x2_extract_lane::<1>(out);
    }
    round_one_by_one(sums.into_remainder());
}

/// 100 / the included weight, or 0 when nothing is included.
pub(super) fn scale_of(included: f64) -> f64 {
    if included > 0.0 {
        100.0 / included
    } else {
        0.0
    }
}
