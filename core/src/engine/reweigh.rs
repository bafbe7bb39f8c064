//! Scores again after a weight or band edit alone: a pass over the columns of the metrics
//! whose weights changed, from each account's total kept by the last pass.
//!
//! A slider event sets one weight and moves the others by whole points to keep 100: two or
//! three weights change (the slider's and the ones the rounding moved). Every score changes
//! with them, but each account's new total follows from its old one and those metrics alone:
//!
//! - one scale for every account: `total' = total x shared' / shared + sum of (w' - w) x shared' / 100 x sub`;
//! - a scale per account: `total' = (total x included + sum of (w' - w) x sub) / included'`,
//!   where `included' = included + sum of (w' - w)`, each sum over the changed metrics the
//!   account is scored on.
//!
//! That reads two or three columns instead of every metric's. It is not the same arithmetic as
//! [`Scores::compute`]: each step rounds differently, by a few units in the last place of a
//! total (about 1e-14), which the scores' rounding to millionths absorbs. A score can then
//! differ from a full pass's only where the exact total lies within that much of a rounding
//! tie, by one millionth. The app runs a full pass when the edits pause, so the figures at
//! rest are the full pass's to the bit.
//!
//! So a band can differ too, for an account whose exact total is within that much of a
//! millionths tie that sits on the band's start: data given to six decimals can do that. The
//! full pass at the pause puts it right.
//!
//! Bounds on the errors: [`MAX_STEPS`] steps between two full passes; the totals' errors are
//! relative to the largest total weight since the last full pass, so an edit that leaves the
//! weight total under 1/[`MAX_GROWTH`] of it takes a full pass, and an account scored on less
//! than that (0 included) is scored again from every column, as the full pass does. Within
//! them a score stays within 1e-9 of the full pass's total before rounding.
//!
//! The caller must pass the very sub-scores the kept totals were computed from (the app
//! compares their versions): other data with as many rows cannot be told apart here.

use super::read::SubScores;
use super::scores::{imputed, left_out, round_all, scale_of, Points, Scores, BLOCK};
use crate::scoring::round_dust;
use crate::validate::ValidScorecard;

/// Edits applied from kept totals before a full pass is required.
pub const MAX_STEPS: u32 = 256;

/// The most a step may scale a total up by (see the module's note).
const MAX_GROWTH: f64 = 16.0;

/// One metric as the totals were computed with it.
#[derive(Debug, Clone, Copy)]
pub(super) struct KeptTerm {
    /// Its weight.
    pub weight: f64,
    /// The sub-score a missing value takes, NaN when it is left out.
    pub imputed: f64,
    /// A missing value leaves the metric out of the account's score.
    pub left_out: bool,
}

impl KeptTerm {
    /// Whether `other` treats missing values the same way (the weight aside).
    fn same_policy(&self, other: &KeptTerm) -> bool {
        self.left_out == other.left_out && self.imputed.to_bits() == other.imputed.to_bits()
    }
}

/// What a pass keeps so that the next weight or band edit can start from it.
#[derive(Debug, Clone, Default)]
pub(super) struct Kept {
    /// Per account, the total before rounding to millionths.
    totals: Vec<f64>,
    /// Per account, the weight of the metrics it is scored on, when accounts need their own
    /// scale (else empty).
    included: Vec<f64>,
    /// Per metric, as the totals were computed.
    terms: Vec<KeptTerm>,
    /// Some account may be scored on fewer metrics than others.
    rescales: bool,
    /// 100 / the total weight, when every account shares one scale.
    shared: f64,
    /// The largest total weight since the last full pass: the totals' rounding errors are
    /// relative to it, so a scale grown past [`MAX_GROWTH`] times its smallest since then (or
    /// an account's included weight fallen below its share of it) would magnify them.
    heaviest: f64,
    /// Edits applied since the last full pass.
    steps: u32,
}

impl Kept {
    /// Ready to keep `rows` accounts' totals, computed with `terms`.
    pub(super) fn started(
        rescales: bool,
        shared: f64,
        terms: impl Iterator<Item = KeptTerm>,
        rows: usize,
    ) -> Kept {
        Kept {
            totals: Vec::with_capacity(rows),
            included: Vec::with_capacity(if rescales { rows } else { 0 }),
            terms: terms.collect(),
            rescales,
            shared,
            heaviest: if shared > 0.0 { 100.0 / shared } else { 0.0 },
            steps: 0,
        }
    }

    /// Appends a block of accounts' totals and, when accounts need their own scale, their
    /// included weights.
    pub(super) fn keep(&mut self, totals: &[f64], included: &[f64]) {
        self.totals.extend_from_slice(totals);
        if self.rescales {
            self.included.extend_from_slice(included);
        }
    }
}

/// The edit from the kept terms to the card's: the metrics whose weights changed.
struct Edit {
    /// (metric, new weight - old weight), in metric order.
    changes: Vec<(usize, f64)>,
    /// Every metric now.
    terms: Vec<KeptTerm>,
}

impl Edit {
    /// The edit, when it changes only weights, and at most half of them (None: a full pass).
    fn between(kept: &Kept, card: ValidScorecard<'_>, subs: &SubScores) -> Option<Edit> {
        let metrics = &card.card().metrics;
        if metrics.len() != kept.terms.len() {
            return None;
        }
        let terms: Vec<KeptTerm> = metrics
            .iter()
            .enumerate()
            .map(|(m, metric)| KeptTerm {
                weight: metric.weight,
                imputed: imputed(metric, subs, m),
                left_out: left_out(metric, subs, m),
            })
            .collect();
        if !terms.iter().zip(&kept.terms).all(|(a, b)| a.same_policy(b)) {
            return None;
        }
        let changes: Vec<(usize, f64)> = terms
            .iter()
            .zip(&kept.terms)
            .enumerate()
            .filter(|(_, (now, then))| now.weight.to_bits() != then.weight.to_bits())
            .map(|(m, (now, then))| (m, now.weight - then.weight))
            .collect();
        (changes.len() * 2 <= terms.len().max(1)).then_some(Edit { changes, terms })
    }
}

impl Scores {
    /// Whether a full pass ([`Scores::compute`]) computed these scores, not
    /// [`Scores::reweighed`]: what needs them to the bit checks.
    pub fn is_full_pass(&self) -> bool {
        self.kept.steps == 0
    }

    /// These scores after an edit of weights (at most half of them), of the bands or of the
    /// grades (or of nothing that scores), on the same sub-scores `subs`: a pass over the
    /// changed metrics' columns from the totals this pass kept, where [`Scores::compute`] reads
    /// every metric's. Each score is the full pass's to within a millionth (see the module's
    /// note); bands, grades, counts and bins follow from the scores as in the full pass.
    /// `subs` must be the sub-scores these scores were computed from (checked only by their
    /// length). None when the edit is another (a missing policy, a metric added, most
    /// weights), the weight total fell too far (see the module's note), or [`MAX_STEPS`] edits
    /// have been applied since the last full pass.
    pub fn reweighed(&self, card: ValidScorecard<'_>, subs: &SubScores) -> Option<Scores> {
        let kept = &self.kept;
        let rows = subs.len();
        if kept.totals.len() != rows || self.len() != rows || kept.steps >= MAX_STEPS {
            return None;
        }
        let edit = Edit::between(kept, card, subs)?;
        let weight: f64 = edit.terms.iter().map(|t| t.weight).sum();
        let shared = scale_of(weight);
        let heaviest = kept.heaviest.max(weight);
        let grown = weight * MAX_GROWTH < heaviest;
        if !kept.rescales && (kept.shared == 0.0 || shared == 0.0 || grown) {
            return None;
        }
        let (bands, grades) = (&card.card().bands, &card.card().grades);
        let band_from: Vec<f64> = bands.iter().map(|b| b.from).collect();
        let grade_from: Vec<f64> = grades.iter().map(|b| b.from).collect();
        let mut out = Scores::with_capacity(rows, bands.len(), !grades.is_empty());
        let mut counts = vec![0usize; bands.len() + 1];
        let terms = edit.terms;
        let mut next = Kept {
            totals: Vec::with_capacity(rows),
            included: Vec::with_capacity(kept.included.len()),
            terms: Vec::new(),
            rescales: kept.rescales,
            shared,
            heaviest,
            steps: kept.steps + 1,
        };
        let step = Step {
            columns: (0..terms.len()).map(|m| subs.column(m)).collect(),
            changes: edit
                .changes
                .iter()
                .map(|&(m, change)| {
                    let per_point = change * shared / 100.0;
                    // Through the column's codes, a byte or two per account, when every
                    // account shares one scale (the per-account path reads the column).
                    let points = if kept.rescales {
                        Points::Column
                    } else {
                        Points::of(subs, m, rows, per_point, terms[m].imputed)
                    };
                    Change {
                        metric: m,
                        change,
                        per_point,
                        points,
                    }
                })
                .collect(),
            terms: &terms,
            ratio: shared / kept.shared,
            lightest: heaviest / MAX_GROWTH,
        };
        let mut total = [0.0f64; BLOCK];
        let mut included = [0.0f64; BLOCK];
        for start in (0..rows).step_by(BLOCK) {
            let end = (start + BLOCK).min(rows);
            let (total, included) = (&mut total[..end - start], &mut included[..end - start]);
            if kept.rescales {
                step.own_scales(start, (&kept.totals, &kept.included), total, included);
                next.keep(total, included);
                for (sum, &weight) in total.iter_mut().zip(included.iter()) {
                    *sum = if weight > 0.0 {
                        round_dust(*sum)
                    } else {
                        f64::NAN
                    };
                }
            } else {
                step.one_scale(start, &kept.totals, total);
                next.keep(total, included);
                round_all(total);
            }
            out.tally(total, &band_from, &grade_from, &mut counts);
        }
        out.finish(&counts);
        next.terms = terms;
        out.kept = next;
        Some(out)
    }
}

/// One metric's weight change.
struct Change<'a> {
    metric: usize,
    /// New weight - old weight.
    change: f64,
    /// `change x shared' / 100`: the points each sub-score point gains or loses, when every
    /// account shares one scale.
    per_point: f64,
    /// Where the one-scale pass reads the change's points per account.
    points: Points<'a>,
}

/// A weight edit as every account's total takes it.
struct Step<'a> {
    /// Every metric now.
    terms: &'a [KeptTerm],
    /// Every metric's sub-scores.
    columns: Vec<&'a [f64]>,
    /// The metrics whose weights changed.
    changes: Vec<Change<'a>>,
    /// New shared scale / old, when every account shares one scale.
    ratio: f64,
    /// An account scored on less weight than this is scored again from every column.
    lightest: f64,
}

impl Step<'_> {
    /// Accounts `start..` with one scale for all: `total x ratio + per_point x sub` for each
    /// changed metric in turn.
    fn one_scale(&self, start: usize, totals: &[f64], total: &mut [f64]) {
        let end = start + total.len();
        let ratio = self.ratio;
        for (sum, &was) in total.iter_mut().zip(&totals[start..end]) {
            *sum = was * ratio;
        }
        for change in &self.changes {
            let (per_point, imputed) = (change.per_point, self.terms[change.metric].imputed);
            let column = self.columns[change.metric];
            change
                .points
                .add_to(total, start, column, (per_point, imputed));
        }
    }

    /// Accounts `start..` with a scale each: the changed metrics' sub-scores added at their
    /// weight changes to the account's weighted sum, divided by its new included weight.
    fn own_scales(
        &self,
        start: usize,
        (totals, weights): (&[f64], &[f64]),
        total: &mut [f64],
        included: &mut [f64],
    ) {
        let end = start + total.len();
        let rows = total.iter_mut().zip(included.iter_mut());
        for (row, ((sum, weight), (&was, &was_weight))) in
            (start..).zip(rows.zip(totals[start..end].iter().zip(&weights[start..end])))
        {
            let (mut now, mut added, mut counted) = (was_weight, 0.0, false);
            for change in &self.changes {
                let term = &self.terms[change.metric];
                let sub = self.columns[change.metric][row];
                if term.left_out && sub.is_nan() {
                    continue;
                }
                let sub = if sub.is_nan() { term.imputed } else { sub };
                now += change.change;
                added += change.change * sub;
                counted = true;
            }
            (*weight, *sum) = if !counted {
                (was_weight, was)
            } else if now < self.lightest {
                self.afresh(row)
            } else {
                (now, (was * was_weight + added) / now)
            };
        }
    }

    /// Account `row`'s included weight and total, from every metric's column in the full
    /// pass's arithmetic and order.
    fn afresh(&self, row: usize) -> (f64, f64) {
        let counted =
            |(term, column): (&KeptTerm, &&[f64])| !(term.left_out && column[row].is_nan());
        let pairs = || self.terms.iter().zip(&self.columns);
        let included = pairs()
            .filter(|&p| counted(p))
            .fold(0.0, |sum, (t, _)| sum + t.weight);
        let scale = scale_of(included);
        let mut total = 0.0;
        for (term, column) in pairs() {
            let sub = column[row];
            let sub = if sub.is_nan() { term.imputed } else { sub };
            if !sub.is_nan() {
                total += term.weight * scale / 100.0 * sub;
            }
        }
        (included, total)
    }
}
