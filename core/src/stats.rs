//! Statistics for judging a customer health score against churn: AUC (exact and
//! binned), a bootstrap interval for it, the Kolmogorov–Smirnov threshold,
//! class quantiles, stratified folds and an L2-regularised logistic regression.
//!
//! Every function takes plain slices and never panics: NaN scores and unknown
//! labels (`None`) are skipped, and a question the data cannot answer (an empty
//! class, no rows) gives `None`. Label slices and score slices are paired by
//! position; when their lengths differ, the extra entries of the longer one are
//! ignored. No dependency: the arithmetic is small and the wasm bundle stays lean.

/// Labelled, non-NaN `(score, churned)` pairs.
fn labelled(scores: &[f64], churned: &[Option<bool>]) -> Vec<(f64, bool)> {
    scores
        .iter()
        .zip(churned)
        .filter_map(|(&s, &c)| match c {
            Some(c) if !s.is_nan() => Some((s, c)),
            _ => None,
        })
        .collect()
}

/// AUC: probability a retained account scores higher than a churned one, ties count half.
///
/// `scores[i]` higher = healthier; `churned[i]`: `Some(true)` churned,
/// `Some(false)` retained, `None` unknown (skipped). NaN scores skipped. `None`
/// when either class is empty.
///
/// Exact, O(n log n): the pairs are sorted by score and the retained accounts'
/// rank sum (with midranks for ties) gives the Mann–Whitney statistic.
pub fn auc(scores: &[f64], churned: &[Option<bool>]) -> Option<f64> {
    let mut pairs = labelled(scores, churned);
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let retained = pairs.iter().filter(|p| !p.1).count() as f64;
    let churned_n = pairs.len() as f64 - retained;
    if retained == 0.0 || churned_n == 0.0 {
        return None;
    }
    // Sum of the retained accounts' ranks (1-based), ties given their midrank.
    let mut rank_sum = 0.0;
    let mut start = 0;
    while start < pairs.len() {
        let mut end = start + 1;
        while end < pairs.len() && pairs[end].0 == pairs[start].0 {
            end += 1;
        }
        let midrank = (start + 1 + end) as f64 / 2.0;
        let retained_here = pairs[start..end].iter().filter(|p| !p.1).count() as f64;
        rank_sum += midrank * retained_here;
        start = end;
    }
    let u = rank_sum - retained * (retained + 1.0) / 2.0;
    Some((u / (retained * churned_n)).clamp(0.0, 1.0))
}

/// The narrowest bin width [`Histogram::new`] uses (10,001 bins over 0..=100).
pub const MIN_BIN_WIDTH: f64 = 0.01;

/// Counts per class in fixed-width bins over 0..=100: the score's AUC at that
/// resolution in O(n + bins), for every weight edit at 100,000 accounts.
///
/// Bin `i` holds the scores in `[i * width, (i + 1) * width)`, after clamping the
/// score into 0..=100; there are `ceil(100 / width) + 1` bins, so a score of
/// exactly 100 has a bin of its own when `width` divides 100.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    retained: Vec<u32>,
    churned: Vec<u32>,
    width: f64,
}

impl Histogram {
    /// Bins the labelled, non-NaN scores; NaN scores and `None` labels are skipped.
    ///
    /// Bins = `ceil(100 / width) + 1`; scores are clamped into 0..=100 (so ±infinity
    /// land in the end bins). A `width` that is not a positive finite number is
    /// taken as 1; one below [`MIN_BIN_WIDTH`] is raised to it. Counts saturate at
    /// `u32::MAX`. A score on the grid (`k * width`, up to rounding of 1e-9 of a
    /// bin) falls in bin `k`.
    pub fn new(scores: &[f64], churned: &[Option<bool>], width: f64) -> Histogram {
        let mut hist = Histogram::empty(width);
        for (&s, &c) in scores.iter().zip(churned) {
            if let Some(c) = c {
                hist.add(s, c);
            }
        }
        hist
    }

    /// No scores yet, in bins of `width` (taken as [`Histogram::new`] takes it).
    pub fn empty(width: f64) -> Histogram {
        let width = if width.is_finite() && width > 0.0 {
            width.max(MIN_BIN_WIDTH)
        } else {
            1.0
        };
        let bins = (100.0 / width).ceil() as usize + 1;
        Histogram {
            retained: vec![0; bins],
            churned: vec![0; bins],
            width,
        }
    }

    /// Counts one score of an account that churned or not; a NaN score is skipped.
    pub fn add(&mut self, score: f64, churned: bool) {
        if score.is_nan() {
            return;
        }
        let bins = self.retained.len();
        let index = ((score.clamp(0.0, 100.0) / self.width + 1e-9).floor() as usize).min(bins - 1);
        let counts = if churned {
            &mut self.churned
        } else {
            &mut self.retained
        };
        counts[index] = counts[index].saturating_add(1);
    }

    /// The AUC at this resolution: scores in the same bin count as ties (half).
    /// `None` when either class is empty.
    pub fn auc(&self) -> Option<f64> {
        binned_auc(
            self.retained.iter().map(|&r| f64::from(r)),
            self.churned.iter().map(|&c| f64::from(c)),
        )
    }

    /// Accounts counted per class: `(retained, churned)`.
    pub fn counts(&self) -> (u64, u64) {
        let sum = |v: &[u32]| v.iter().map(|&c| u64::from(c)).sum();
        (sum(&self.retained), sum(&self.churned))
    }

    /// The bin width in score points, after the adjustments [`Histogram::new`] describes.
    pub fn width(&self) -> f64 {
        self.width
    }

    /// The same counts in bins `factor` times as wide (the last may be narrower): a coarser
    /// histogram without going over the accounts again.
    pub fn coarsen(&self, factor: usize) -> Histogram {
        let factor = factor.max(1);
        let merge = |bins: &[u32]| -> Vec<u32> {
            bins.chunks(factor)
                .map(|c| c.iter().fold(0u32, |a, &b| a.saturating_add(b)))
                .collect()
        };
        Histogram {
            retained: merge(&self.retained),
            churned: merge(&self.churned),
            width: self.width * factor as f64,
        }
    }

    /// Retained accounts per bin, lowest scores first.
    pub fn retained_bins(&self) -> &[u32] {
        &self.retained
    }

    /// Churned accounts per bin, lowest scores first.
    pub fn churned_bins(&self) -> &[u32] {
        &self.churned
    }
}

/// AUC from per-bin class counts in ascending score order, same-bin pairs counting half.
fn binned_auc(
    retained: impl Iterator<Item = f64>,
    churned: impl Iterator<Item = f64>,
) -> Option<f64> {
    let mut churned_below = 0.0;
    let mut wins = 0.0;
    let mut retained_total = 0.0;
    for (r, c) in retained.zip(churned) {
        wins += r * (churned_below + 0.5 * c);
        churned_below += c;
        retained_total += r;
    }
    if retained_total <= 0.0 || churned_below <= 0.0 {
        return None;
    }
    Some((wins / (retained_total * churned_below)).clamp(0.0, 1.0))
}

/// The most resamples [`bootstrap_interval`] draws; larger requests are capped.
pub const MAX_RESAMPLES: usize = 100_000;

/// A `level` (e.g. 0.9 for 90%) interval for the AUC by the Poisson bootstrap
/// over the histogram's bins.
///
/// Each resample draws Poisson(count) per bin and class — a standard
/// approximation of the bootstrap whose cost does not grow with the number of
/// accounts — computes the binned AUC, and the interval is the `(1-level)/2` and
/// `(1+level)/2` quantiles of those AUCs (linear interpolation, as
/// [`class_quantile`]). Poisson draws use Knuth's multiplication method for
/// lambda < 30 and a normal approximation, `round(lambda + sqrt(lambda) * z)`
/// clamped at 0, for larger lambda. The generator is SplitMix64 seeded with
/// `seed`, so the same data and seed always give the same interval.
///
/// A resample that happens to draw no account of one class is discarded. `None`
/// when `resamples` is 0, `level` is not within 0..=1, the histogram lacks a
/// class, or every resample was discarded. `resamples` is capped at
/// [`MAX_RESAMPLES`].
pub fn bootstrap_interval(
    hist: &Histogram,
    resamples: usize,
    level: f64,
    seed: u64,
) -> Option<(f64, f64)> {
    if resamples == 0 || !(0.0..=1.0).contains(&level) {
        return None;
    }
    hist.auc()?;
    let mut rng = SplitMix64::new(seed);
    let bins = hist.retained.len();
    let mut retained = vec![0.0; bins];
    let mut churned = vec![0.0; bins];
    let mut aucs = Vec::with_capacity(resamples.min(MAX_RESAMPLES));
    for _ in 0..resamples.min(MAX_RESAMPLES) {
        for b in 0..bins {
            retained[b] = poisson(&mut rng, f64::from(hist.retained[b]));
            churned[b] = poisson(&mut rng, f64::from(hist.churned[b]));
        }
        if let Some(a) = binned_auc(retained.iter().copied(), churned.iter().copied()) {
            aucs.push(a);
        }
    }
    aucs.sort_by(f64::total_cmp);
    Some((
        sorted_quantile(&aucs, (1.0 - level) / 2.0)?,
        sorted_quantile(&aucs, (1.0 + level) / 2.0)?,
    ))
}

/// SplitMix64 (Steele, Lea and Flood): a tiny, fast, well-mixed seeded generator.
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (n > 0), by Lemire's multiply-shift (bias below 2^-64 * n).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Standard normal by Box–Muller.
    fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.next_f64(); // (0, 1]: ln stays finite
        let u2 = self.next_f64();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// A Poisson(lambda) draw: Knuth's method below 30, a rounded normal approximation above.
fn poisson(rng: &mut SplitMix64, lambda: f64) -> f64 {
    if lambda.is_nan() || lambda <= 0.0 {
        0.0
    } else if lambda < 30.0 {
        let limit = (-lambda).exp();
        let mut k = 0.0;
        let mut product = rng.next_f64();
        while product > limit {
            k += 1.0;
            product *= rng.next_f64();
        }
        k
    } else {
        (lambda + lambda.sqrt() * rng.normal()).round().max(0.0)
    }
}

/// The q-quantile of ascending `sorted` values, interpolating linearly between
/// order statistics (numpy's default). `None` when empty or `q` is outside 0..=1.
fn sorted_quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lo = (h.floor() as usize).min(sorted.len() - 1);
    let hi = (lo + 1).min(sorted.len() - 1);
    let frac = h - lo as f64;
    let (a, b) = (sorted[lo], sorted[hi]);
    Some(if frac == 0.0 || a == b {
        a
    } else {
        a + (b - a) * frac
    })
}

/// The most Newton iterations [`fit_logistic`] takes.
pub const MAX_ITERATIONS: usize = 50;

/// [`fit_logistic`] has converged when no parameter's Newton step exceeds this.
pub const STEP_TOLERANCE: f64 = 1e-10;

/// An L2-regularised logistic regression fitted by [`fit_logistic`]: the
/// probability of churn is `1 / (1 + exp(-(intercept + coefficients · x)))`.
#[derive(Debug, Clone, PartialEq)]
pub struct LogisticFit {
    /// The unpenalised intercept (log-odds of churn at x = 0).
    pub intercept: f64,
    /// One coefficient per feature column, in column order.
    pub coefficients: Vec<f64>,
    /// Newton iterations taken.
    pub iterations: usize,
    /// Whether the last Newton step was below [`STEP_TOLERANCE`].
    pub converged: bool,
}

impl LogisticFit {
    /// The fitted probability of churn for one row of features.
    ///
    /// Features pair with coefficients by position; values beyond the fitted
    /// columns are ignored and missing trailing ones count as 0. A NaN feature
    /// gives NaN.
    pub fn probability(&self, row: &[f64]) -> f64 {
        let z = self.intercept
            + self
                .coefficients
                .iter()
                .zip(row)
                .map(|(b, x)| b * x)
                .sum::<f64>();
        sigmoid(z)
    }
}

/// The logistic function, computed without overflow for either sign of `z`.
fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// `ln(1 + exp(z))` without overflow or loss for large |z|.
fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    }
}

/// L2-regularised logistic regression fit by Newton's method (IRLS): minimises
/// the sum of log-loss + `(l2/2) * ||beta||^2` (the intercept is not penalised) —
/// exactly scikit-learn's `LogisticRegression(penalty="l2", C=1/l2,
/// fit_intercept=True)` objective.
///
/// `rows[i]` are the features of account `i`, `y[i]` whether it churned. Rows
/// holding a non-finite value are skipped. Each iteration solves the
/// (p+1)×(p+1) Newton system by Gaussian elimination with partial pivoting and
/// halves the step while it would raise the objective; the fit stops after
/// [`MAX_ITERATIONS`] iterations or once every step component is below
/// [`STEP_TOLERANCE`]. With `l2 > 0` the optimum is unique and finite even for
/// perfectly separable data, and a constant column gets coefficient 0 (the
/// intercept absorbs it). The penalty acts on raw coefficients, so columns on
/// different scales are penalised differently, exactly as in scikit-learn.
///
/// `None` when `rows` and `y` differ in length, the rows differ in width, `l2`
/// is negative or not finite, or after skipping there is no row or only one
/// class. With `l2 = 0` a separable set or a constant or collinear column has
/// no unique finite optimum: the fit then stops at its last finite iterate with
/// `converged = false`.
pub fn fit_logistic(rows: &[Vec<f64>], y: &[bool], l2: f64) -> Option<LogisticFit> {
    if rows.len() != y.len() || !(l2.is_finite() && l2 >= 0.0) {
        return None;
    }
    let p = rows.first()?.len();
    if rows.iter().any(|r| r.len() != p) {
        return None;
    }
    let data: Vec<(&[f64], f64)> = rows
        .iter()
        .zip(y)
        .filter(|(r, _)| r.iter().all(|x| x.is_finite()))
        .map(|(r, &c)| (r.as_slice(), if c { 1.0 } else { 0.0 }))
        .collect();
    let positives = data.iter().filter(|d| d.1 == 1.0).count();
    if positives == 0 || positives == data.len() {
        return None;
    }

    let dim = p + 1;
    // Penalised objective at `beta` (beta[0] is the intercept).
    let objective = |beta: &[f64]| -> f64 {
        let loss: f64 = data
            .iter()
            .map(|(x, t)| {
                let z = linear(beta, x);
                softplus(z) - t * z
            })
            .sum();
        loss + 0.5 * l2 * beta[1..].iter().map(|b| b * b).sum::<f64>()
    };

    let mut beta = vec![0.0; dim];
    let mut current = objective(&beta);
    let mut iterations = 0;
    let mut converged = false;
    while iterations < MAX_ITERATIONS {
        iterations += 1;
        // Gradient and Hessian of the objective; `matrix` is [H | g].
        let mut matrix = vec![vec![0.0; dim + 1]; dim];
        let mut xt = vec![1.0; dim]; // the row with a leading 1 for the intercept
        for (x, t) in &data {
            xt[1..].copy_from_slice(x);
            let prob = sigmoid(linear(&beta, x));
            let weight = prob * (1.0 - prob);
            let residual = prob - t;
            for (row, &xi) in matrix.iter_mut().zip(&xt) {
                row[dim] += residual * xi;
                for (h, &xj) in row[..dim].iter_mut().zip(&xt) {
                    *h += weight * xi * xj;
                }
            }
        }
        for (i, row) in matrix.iter_mut().enumerate().skip(1) {
            row[i] += l2;
            row[dim] += l2 * beta[i];
        }
        let Some(step) = solve(matrix) else { break };
        let size = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
        if !size.is_finite() {
            break;
        }
        // Newton step with backtracking: halve while the objective rises.
        let mut scale = 1.0;
        let mut accepted = false;
        for _ in 0..40 {
            let trial: Vec<f64> = beta.iter().zip(&step).map(|(b, s)| b - scale * s).collect();
            let value = objective(&trial);
            if value.is_finite() && value <= current + 1e-12 * current.abs().max(1.0) {
                beta = trial;
                current = value;
                accepted = true;
                break;
            }
            scale *= 0.5;
        }
        if size < STEP_TOLERANCE {
            converged = true;
            break;
        }
        if !accepted {
            break;
        }
    }
    Some(LogisticFit {
        intercept: beta[0],
        coefficients: beta[1..].to_vec(),
        iterations,
        converged,
    })
}

/// `beta[0] + beta[1..] · x`.
fn linear(beta: &[f64], x: &[f64]) -> f64 {
    beta[0] + beta[1..].iter().zip(x).map(|(b, v)| b * v).sum::<f64>()
}

/// Solves the n×n system stored as rows `[A | b]` by Gaussian elimination with
/// partial pivoting. `None` when singular or not finite.
fn solve(mut m: Vec<Vec<f64>>) -> Option<Vec<f64>> {
    let n = m.len();
    let scale = m
        .iter()
        .flat_map(|row| row[..n].iter())
        .fold(0.0f64, |a, v| a.max(v.abs()));
    if !scale.is_finite() || scale == 0.0 {
        return None;
    }
    for col in 0..n {
        let pivot = (col..n).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))?;
        let size = m[pivot][col].abs();
        if size.is_nan() || size <= scale * 1e-14 {
            return None;
        }
        m.swap(col, pivot);
        let (upper, lower) = m.split_at_mut(col + 1);
        let pivot_row = &upper[col];
        for row in lower {
            let factor = row[col] / pivot_row[col];
            if factor != 0.0 {
                for (a, b) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                    *a -= factor * b;
                }
            }
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let tail: f64 = (row + 1..n).map(|k| m[row][k] * x[k]).sum();
        x[row] = (m[row][n] - tail) / m[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// The threshold that maximises the Kolmogorov–Smirnov distance between churned
/// and retained score distributions: the score `t` maximising
/// `P(churned score < t) - P(retained score < t)`. Returns `(t, ks)`.
///
/// Flagging accounts scoring below `t` as at risk then catches the largest share
/// of churners for the smallest share of retained accounts. `t` is always an
/// observed score; of equally good thresholds the lowest is returned. `ks` is in
/// 0..=1 (0 when no threshold separates the classes, `t` then being the lowest
/// score). NaN scores and `None` labels are skipped; `None` when either class is
/// empty.
pub fn ks_threshold(scores: &[f64], churned: &[Option<bool>]) -> Option<(f64, f64)> {
    let mut pairs = labelled(scores, churned);
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let churned_n = pairs.iter().filter(|p| p.1).count() as u64;
    let retained_n = pairs.len() as u64 - churned_n;
    if churned_n == 0 || retained_n == 0 {
        return None;
    }
    // Distances compared exactly as the integer numerator of
    // churned_below / churned_n - retained_below / retained_n over churned_n * retained_n.
    let mut best = (pairs[0].0, 0i128);
    let (mut churned_below, mut retained_below) = (0u64, 0u64);
    let mut start = 0;
    while start < pairs.len() {
        let t = pairs[start].0;
        let numerator = i128::from(churned_below) * i128::from(retained_n)
            - i128::from(retained_below) * i128::from(churned_n);
        if numerator > best.1 {
            best = (t, numerator);
        }
        while start < pairs.len() && pairs[start].0 == t {
            if pairs[start].1 {
                churned_below += 1;
            } else {
                retained_below += 1;
            }
            start += 1;
        }
    }
    let ks = best.1 as f64 / (churned_n as f64 * retained_n as f64);
    Some((best.0, ks.clamp(0.0, 1.0)))
}

/// The q-quantile (0..=1) of the scores of one class (`class`: `true` churned,
/// `false` retained), interpolating linearly between order statistics like
/// numpy's default. NaN scores and `None` labels are skipped; `None` when the
/// class has no score or `q` is outside 0..=1 (or NaN).
pub fn class_quantile(
    scores: &[f64],
    churned: &[Option<bool>],
    class: bool,
    q: f64,
) -> Option<f64> {
    let mut values: Vec<f64> = labelled(scores, churned)
        .into_iter()
        .filter(|p| p.1 == class)
        .map(|p| p.0)
        .collect();
    values.sort_by(f64::total_cmp);
    sorted_quantile(&values, q)
}

/// Mean and population standard deviation of the finite values (NaN and
/// ±infinity are skipped). `None` when there is none. Welford's update keeps it
/// accurate for large counts and large offsets.
pub fn mean_sd(values: &[f64]) -> Option<(f64, f64)> {
    let mut n = 0.0;
    let mut mean = 0.0;
    let mut m2 = 0.0;
    for &v in values.iter().filter(|v| v.is_finite()) {
        n += 1.0;
        let delta = v - mean;
        mean += delta / n;
        m2 += delta * (v - mean);
    }
    if n == 0.0 {
        return None;
    }
    Some((mean, (m2 / n).max(0.0).sqrt()))
}

/// Deterministic k-fold assignment: a fold index per row, stratified by class
/// (each fold gets its share of churned and retained), shuffled with `seed`.
///
/// Each class's rows are shuffled (Fisher–Yates, SplitMix64) and dealt to the
/// folds in turn; the retained rows continue the deal where the churned ones
/// stopped, so per class and in total the fold sizes differ by at most 1.
/// `None` for unknown labels, and for every row when `k` is 0. A fold can be
/// empty when there are fewer labelled rows than folds.
pub fn folds(churned: &[Option<bool>], k: usize, seed: u64) -> Vec<Option<usize>> {
    let mut assignment = vec![None; churned.len()];
    if k == 0 {
        return assignment;
    }
    let mut rng = SplitMix64::new(seed);
    let mut next = 0;
    for class in [true, false] {
        let mut rows: Vec<usize> = (0..churned.len())
            .filter(|&i| churned[i] == Some(class))
            .collect();
        for i in (1..rows.len()).rev() {
            let j = rng.below(i + 1);
            rows.swap(i, j);
        }
        for row in rows {
            assignment[row] = Some(next);
            next = (next + 1) % k;
        }
    }
    assignment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_reference_sequence() {
        // First outputs of the reference C implementation seeded with 0.
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        let mut rng = SplitMix64::new(7);
        for _ in 0..1000 {
            let u = rng.next_f64();
            assert!((0.0..1.0).contains(&u));
            assert!(rng.below(3) < 3);
        }
    }

    #[test]
    fn poisson_draws_have_the_right_mean_and_variance() {
        // Knuth below 30, the rounded normal from 30 on; zero and NaN give 0.
        for lambda in [0.5, 3.0, 29.5, 30.0, 400.0] {
            let mut rng = SplitMix64::new(lambda as u64);
            let draws: Vec<f64> = (0..40_000).map(|_| poisson(&mut rng, lambda)).collect();
            assert!(draws.iter().all(|d| *d >= 0.0 && d.fract() == 0.0));
            let (mean, sd) = mean_sd(&draws).expect("draws");
            // Standard error of the mean is sqrt(lambda / 40,000): allow 5 of them.
            assert!(
                (mean - lambda).abs() < 5.0 * (lambda / 40_000.0).sqrt(),
                "{lambda}: {mean}"
            );
            assert!(
                (sd * sd / lambda - 1.0).abs() < 0.05,
                "{lambda}: variance {}",
                sd * sd
            );
        }
        let mut rng = SplitMix64::new(1);
        assert_eq!(poisson(&mut rng, 0.0), 0.0);
        assert_eq!(poisson(&mut rng, f64::NAN), 0.0);
        assert_eq!(poisson(&mut rng, -2.0), 0.0);
    }

    #[test]
    fn solve_pivots_and_refuses_singular_systems() {
        // 0x + 2y + z = 5, x + y + z = 5, 2x + y - z = 0: x = 1, y = 1, z = 3 (needs a pivot).
        let x = solve(vec![
            vec![0.0, 2.0, 1.0, 5.0],
            vec![1.0, 1.0, 1.0, 5.0],
            vec![2.0, 1.0, -1.0, 0.0],
        ])
        .expect("regular");
        for (got, want) in x.iter().zip([1.0, 1.0, 3.0]) {
            assert!((got - want).abs() < 1e-12, "{x:?}");
        }
        assert_eq!(solve(vec![vec![1.0, 2.0, 3.0], vec![2.0, 4.0, 6.0]]), None);
        assert_eq!(solve(vec![vec![0.0, 1.0]]), None);
        assert_eq!(solve(vec![vec![f64::NAN, 1.0]]), None);
    }

    #[test]
    fn sorted_quantile_interpolates_like_numpy() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(sorted_quantile(&v, 0.5), Some(2.5));
        assert_eq!(sorted_quantile(&v, 1.0), Some(4.0));
        assert_eq!(
            sorted_quantile(&[f64::NEG_INFINITY, 1.0], 0.0),
            Some(f64::NEG_INFINITY)
        );
        assert_eq!(sorted_quantile(&[], 0.5), None);
        assert_eq!(sorted_quantile(&v, f64::NAN), None);
    }
}
