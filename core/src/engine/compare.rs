//! What-if: the scores pinned as a baseline, and how accounts moved since, without a string per account.

use super::scores::{Scores, NO_BAND};
use crate::model::Band;

/// The scores and bands at the moment a baseline was pinned.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    /// Per account: the score then (NaN for none).
    pub score: Vec<f64>,
    /// Per account: the band index then, or [`NO_BAND`].
    band: Vec<u16>,
    /// The band labels then (labels survive band edits better than indexes).
    labels: Vec<String>,
    /// A fingerprint of each account's name: rows match by position when the names agree.
    names: Vec<u64>,
}

/// How many accounts moved from which band to which, by label.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Moves {
    /// ((band then, band now), accounts), most accounts first.
    pub moves: Vec<((String, String), usize)>,
}

impl Baseline {
    /// Freezes `scores` under `bands`; `names` are the accounts' names in table order.
    pub fn pin<'a>(
        scores: &Scores,
        bands: &[Band],
        names: impl Iterator<Item = &'a str>,
    ) -> Baseline {
        Baseline {
            score: scores.score.clone(),
            band: scores.band.clone(),
            labels: bands.iter().map(|b| b.label.clone()).collect(),
            names: names.map(fingerprint).collect(),
        }
    }

    /// The band index account `row` had then, if it had a score.
    pub fn band_of(&self, row: usize) -> Option<usize> {
        self.band
            .get(row)
            .filter(|&&b| b != NO_BAND)
            .map(|&b| b as usize)
    }

    /// The band labels then.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Whether account `row` of data whose names are `name` is the account pinned at `row`.
    pub fn matches(&self, row: usize, name: &str) -> bool {
        self.names.get(row) == Some(&fingerprint(name))
    }

    /// Score now minus score then, when both exist and the row is the same account.
    pub fn delta(&self, row: usize, now: Option<f64>, name: &str) -> Option<f64> {
        let then = self.score.get(row).copied().filter(|s| !s.is_nan())?;
        if !self.matches(row, name) {
            return None;
        }
        now.map(|now| ((now - then) * 1e6).round() / 1e6)
    }

    /// (band then, band now) when the account changed band.
    pub fn moved(
        &self,
        row: usize,
        now: Option<usize>,
        bands: &[Band],
        name: &str,
    ) -> Option<(String, String)> {
        if row >= self.band.len() || !self.matches(row, name) {
            return None;
        }
        let then = self.label_then(self.band[row]);
        let now = now.and_then(|b| bands.get(b)).map(|b| b.label.clone());
        (then != now).then(|| (label(&then), label(&now)))
    }

    fn label_then(&self, band: u16) -> Option<String> {
        (band != NO_BAND)
            .then(|| self.labels.get(band as usize).cloned())
            .flatten()
    }

    /// Counts band moves in one pass: a table of (band then, band now) pairs, then labels.
    /// `same` says, per row, whether it is the pinned account (true for all when the data is unchanged).
    pub fn moves(&self, scores: &Scores, bands: &[Band], same: impl Fn(usize) -> bool) -> Moves {
        let width = bands.len() + 1;
        let height = self.labels.len() + 1;
        // A band index past the list, NO_BAND included (it is u16::MAX), counts in the last slot:
        // "no score". One min per side, no branch: this runs per account on every edit.
        let slot = |b: u16, n: usize| (b as usize).min(n - 1);
        let mut pairs = vec![0usize; width * height];
        for (row, (&then, &now)) in self.band.iter().zip(&scores.band).enumerate() {
            if same(row) {
                pairs[slot(then, height) * width + slot(now, width)] += 1;
            }
        }
        let mut moves: Vec<((String, String), usize)> = Vec::new();
        for (k, &n) in pairs.iter().enumerate().filter(|(_, n)| **n > 0) {
            let then = self.labels.get(k / width).cloned();
            let now = bands.get(k % width).map(|b| b.label.clone());
            if then == now {
                continue;
            }
            let key = (label(&then), label(&now));
            match moves.iter_mut().find(|(m, _)| *m == key) {
                Some((_, count)) => *count += n,
                None => moves.push((key, n)),
            }
        }
        moves.sort_by(|a, b| b.1.cmp(&a.1));
        Moves { moves }
    }
}

impl Moves {
    /// How many accounts changed band in all.
    pub fn total(&self) -> usize {
        self.moves.iter().map(|(_, n)| n).sum()
    }

    /// The (band then, band now) pairs, most accounts first.
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.moves.iter().map(|(pair, _)| pair.clone()).collect()
    }

    /// The pairs in the places `shown` gives them: those still moved keep their order, new
    /// ones follow, most accounts first, and those gone leave. A list that follows a drag this
    /// way changes only its counts while the same pairs move.
    pub fn pairs_in_place(&self, shown: &[(String, String)]) -> Vec<(String, String)> {
        let now = self.pairs();
        let kept = shown.iter().filter(|pair| now.contains(pair));
        let new = now.iter().filter(|pair| !shown.contains(pair));
        kept.chain(new).cloned().collect()
    }

    /// How many accounts moved from `pair.0` to `pair.1` (0 if none did).
    pub fn count(&self, pair: &(String, String)) -> usize {
        self.moves
            .iter()
            .find(|(p, _)| p == pair)
            .map_or(0, |(_, n)| *n)
    }

    /// "12 accounts changed band: 3 Green to Yellow, 9 Yellow to Red", or that none did.
    pub fn summary(&self) -> String {
        let total = self.total();
        if total == 0 {
            return "No account changed band.".to_owned();
        }
        let parts: Vec<String> = self
            .moves
            .iter()
            .map(|((from, to), n)| format!("{n} {from} to {to}"))
            .collect();
        let noun = if total == 1 { "account" } else { "accounts" };
        format!("{total} {noun} changed band: {}.", parts.join(", "))
    }
}

fn label(band: &Option<String>) -> String {
    band.clone().unwrap_or_else(|| "no score".to_owned())
}

/// FNV-1a of the trimmed name: eight bytes per account instead of a copy of its name.
fn fingerprint(name: &str) -> u64 {
    name.trim().bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::Moves;

    fn pair(from: &str, to: &str) -> (String, String) {
        (from.to_owned(), to.to_owned())
    }

    #[test]
    fn pairs_keep_their_places_new_ones_follow_and_gone_ones_leave() {
        let moves = Moves {
            moves: vec![
                (pair("Yellow", "Red"), 40),
                (pair("Green", "Yellow"), 30),
                (pair("Red", "Yellow"), 5),
            ],
        };
        assert_eq!(
            moves.pairs(),
            vec![
                pair("Yellow", "Red"),
                pair("Green", "Yellow"),
                pair("Red", "Yellow")
            ]
        );
        // Shown before: Green → Yellow first, and a pair no account makes any more.
        let shown = vec![
            pair("Green", "Yellow"),
            pair("Yellow", "Green"),
            pair("Yellow", "Red"),
        ];
        assert_eq!(
            moves.pairs_in_place(&shown),
            vec![
                pair("Green", "Yellow"),
                pair("Yellow", "Red"),
                pair("Red", "Yellow")
            ]
        );
        assert_eq!(moves.pairs_in_place(&[]), moves.pairs());
    }
}
