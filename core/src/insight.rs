//! Statistics over per-account results: band counts, a score histogram, ranks and what-if
//! comparison, written plainly. Exports use them; the app uses the column engine
//! ([`crate::engine`]), whose property tests check it against these.

use crate::model::Band;
use crate::scoring::AccountScore;

/// How many accounts fall in each band (by band index), plus those with no score.
pub fn band_counts(results: &[AccountScore], band_count: usize) -> (Vec<usize>, usize) {
    let mut counts = vec![0; band_count];
    let mut unscored = 0;
    for result in results {
        match result.band {
            Some(band) if band < band_count => counts[band] += 1,
            _ => unscored += 1,
        }
    }
    (counts, unscored)
}

/// Counts of scores in bins of `width` points from 0 to 100; 100 falls in the last bin.
pub fn histogram(results: &[AccountScore], width: f64) -> Vec<usize> {
    let bins = (100.0 / width).ceil().max(1.0) as usize;
    let mut counts = vec![0; bins];
    for score in results.iter().filter_map(|r| r.score) {
        let bin = ((score / width).floor().max(0.0) as usize).min(bins - 1);
        counts[bin] += 1;
    }
    counts
}

/// One account's score and band at the moment the baseline was pinned.
#[derive(Debug, Clone, PartialEq)]
pub struct Pinned {
    /// The account's name: rows are matched by name, then by position.
    pub name: String,
    /// Its score then.
    pub score: Option<f64>,
    /// Its band label then (labels survive band edits better than indexes).
    pub band: Option<String>,
}

/// Freezes the current results as a baseline.
pub fn pin(results: &[AccountScore], bands: &[Band]) -> Vec<Pinned> {
    results
        .iter()
        .map(|r| Pinned {
            name: r.name.clone(),
            score: r.score,
            band: r.band.and_then(|b| bands.get(b)).map(|b| b.label.clone()),
        })
        .collect()
}

/// How one account moved since the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Score now minus score then, when both exist.
    pub delta: Option<f64>,
    /// (band then, band now) when the band changed.
    pub moved: Option<(String, String)>,
}

/// Each account's change since the baseline, in result order. Rows are
/// matched by position; an account not in the baseline has no change.
pub fn compare(baseline: &[Pinned], results: &[AccountScore], bands: &[Band]) -> Vec<Change> {
    results
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let Some(then) = baseline.get(i).filter(|p| p.name == r.name) else {
                return Change {
                    delta: None,
                    moved: None,
                };
            };
            let now_band = r.band.and_then(|b| bands.get(b)).map(|b| b.label.clone());
            let label = |b: &Option<String>| b.clone().unwrap_or_else(|| "no score".to_owned());
            Change {
                delta: then
                    .score
                    .zip(r.score)
                    .map(|(a, b)| ((b - a) * 1e6).round() / 1e6),
                moved: (then.band != now_band).then(|| (label(&then.band), label(&now_band))),
            }
        })
        .collect()
}

/// "12 accounts changed band: 3 Green to Yellow, 9 Yellow to Red", or that none did.
pub fn summarise(changes: &[Change]) -> String {
    let mut moves: Vec<((String, String), usize)> = Vec::new();
    for (from, to) in changes.iter().filter_map(|c| c.moved.clone()) {
        match moves.iter_mut().find(|(m, _)| m.0 == from && m.1 == to) {
            Some((_, n)) => *n += 1,
            None => moves.push(((from, to), 1)),
        }
    }
    let total: usize = moves.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return "No account changed band.".to_owned();
    }
    moves.sort_by(|a, b| b.1.cmp(&a.1));
    let parts: Vec<String> = moves
        .iter()
        .map(|((from, to), n)| format!("{n} {from} to {to}"))
        .collect();
    let noun = if total == 1 { "account" } else { "accounts" };
    format!("{total} {noun} changed band: {}.", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::dear;

    fn result(name: &str, score: Option<f64>, band: Option<usize>) -> AccountScore {
        AccountScore {
            row: 0,
            name: name.to_owned(),
            score,
            band,
            grade: None,
            metrics: vec![],
        }
    }

    #[test]
    fn counts_and_histogram() {
        let results = vec![
            result("a", Some(0.0), Some(0)),
            result("b", Some(49.9), Some(0)),
            result("c", Some(50.0), Some(1)),
            result("d", Some(100.0), Some(2)),
            result("e", None, None),
        ];
        assert_eq!(band_counts(&results, 3), (vec![2, 1, 1], 1));
        let h = histogram(&results, 10.0);
        assert_eq!(h.len(), 10);
        assert_eq!((h[0], h[4], h[5], h[9]), (1, 1, 1, 1));
    }

    #[test]
    fn compare_reports_deltas_and_band_moves() {
        let bands = dear().bands;
        let before = vec![
            result("a", Some(80.0), Some(2)),
            result("b", Some(60.0), Some(1)),
            result("c", Some(70.0), Some(1)),
        ];
        let baseline = pin(&before, &bands);
        let after = vec![
            result("a", Some(70.0), Some(1)),
            result("b", Some(61.5), Some(1)),
            result("c", Some(40.0), Some(0)),
        ];
        let changes = compare(&baseline, &after, &bands);
        assert_eq!(changes[0].delta, Some(-10.0));
        assert_eq!(
            changes[0].moved,
            Some(("Green".to_owned(), "Yellow".to_owned()))
        );
        assert_eq!(
            changes[1],
            Change {
                delta: Some(1.5),
                moved: None
            }
        );
        assert_eq!(
            summarise(&changes),
            "2 accounts changed band: 1 Green to Yellow, 1 Yellow to Red."
        );
        assert_eq!(
            summarise(&compare(&baseline, &before, &bands)),
            "No account changed band."
        );
    }
}

/// Competition ranks ("1, 2, 2, 4") by score, highest first, per result position;
/// accounts without a score rank last.
pub fn ranks(results: &[AccountScore]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..results.len()).collect();
    order.sort_by(|&a, &b| by_score_desc(results[a].score, results[b].score));
    let mut ranks = vec![0; results.len()];
    for (position, &i) in order.iter().enumerate() {
        let tied = position > 0 && results[order[position - 1]].score == results[i].score;
        ranks[i] = if tied {
            ranks[order[position - 1]]
        } else {
            position + 1
        };
    }
    ranks
}

fn by_score_desc(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Some(a), Some(b)) => b.partial_cmp(&a).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
