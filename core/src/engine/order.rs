//! Orders accounts by score (a radix pass, not a comparison sort) and by name (once per data).

use super::scores::Scores;
use std::cmp::Ordering;

/// Accounts ordered by score, highest first, accounts without a score last;
/// equal scores keep table order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranking {
    /// Account indexes, best first.
    pub order: Vec<u32>,
    /// The scores in that order (NaN last), for rank look-ups by binary search.
    sorted: Vec<f64>,
}

impl Ranking {
    /// Orders the accounts of `scores`.
    pub fn new(scores: &Scores) -> Ranking {
        let order = radix_order(&scores.score).unwrap_or_else(|| comparison_order(&scores.score));
        let sorted = order.iter().map(|&i| scores.score[i as usize]).collect();
        Ranking { order, sorted }
    }

    /// Competition rank ("1, 2, 2, 4") of a score: one more than the number of higher
    /// scores. Accounts without a score rank after every scored one.
    pub fn rank_of(&self, score: Option<f64>) -> usize {
        match score {
            Some(s) => self.sorted.partition_point(|&x| !x.is_nan() && x > s) + 1,
            None => self.sorted.partition_point(|x| !x.is_nan()) + 1,
        }
    }
}

/// The accounts at positions `from..to` of an order, with their places in it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Window {
    /// Account indexes at those positions.
    pub rows: Vec<u32>,
    /// Accounts the order holds in all.
    pub kept: usize,
    /// Per row, its competition place in the order ("1, 2, 2, 4": one more than the number
    /// of accounts before it with a different score; accounts without a score share the
    /// place after the scored ones). Best first and unfiltered, this is [`Ranking::rank_of`].
    pub places: Vec<usize>,
}

/// Positions `from..to` of the ranking (or of its reverse), among the accounts `keep`
/// admits, and how many it admits: one pass with a heap of `to` entries instead of a sort,
/// so the rows in view cost little however many accounts there are. Equal to slicing the
/// full [`Ranking`] (reversed if asked) after filtering.
pub fn window(
    scores: &[f64],
    keep: impl Fn(usize) -> bool,
    from: usize,
    to: usize,
    reversed: bool,
) -> Window {
    use std::collections::BinaryHeap;
    // Greater means later in the order, so the heap's top is the worst of the best `to`.
    #[derive(PartialEq)]
    struct Entry(f64, u32, bool);
    impl Eq for Entry {}
    impl PartialOrd for Entry {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for Entry {
        fn cmp(&self, other: &Self) -> Ordering {
            let order = by_score_desc(self.0, other.0).then(self.1.cmp(&other.1));
            if self.2 {
                order.reverse()
            } else {
                order
            }
        }
    }
    let mut heap: BinaryHeap<Entry> = BinaryHeap::with_capacity(to + 1);
    let mut kept = 0;
    for (i, &score) in scores.iter().enumerate() {
        if !keep(i) {
            continue;
        }
        kept += 1;
        if to == 0 {
            continue;
        }
        if heap.len() < to {
            heap.push(Entry(score, i as u32, reversed));
            continue;
        }
        // Most accounts are not among the first `to`: one float comparison with the last one
        // kept tells. Accounts come in table order, so an equal score comes after it.
        let last = heap.peek().map_or(f64::NAN, |e| e.0);
        let better = !score.is_nan() && (last.is_nan() || score > last);
        if better != reversed {
            heap.pop();
            heap.push(Entry(score, i as u32, reversed));
        }
    }
    let best = heap.into_sorted_vec();
    // The place of each entry: that of the first entry with the same score.
    let same = |a: f64, b: f64| a == b || (a.is_nan() && b.is_nan());
    let mut places = Vec::with_capacity(best.len());
    for (p, entry) in best.iter().enumerate() {
        let place = match p.checked_sub(1) {
            Some(q) if same(best[q].0, entry.0) => places[q],
            _ => p + 1,
        };
        places.push(place);
    }
    Window {
        rows: best.iter().skip(from).map(|e| e.1).collect(),
        kept,
        places: places.split_off(from.min(places.len())),
    }
}

/// The competition rank of each of `wanted` among `scores` (one more than the number of
/// higher scores; no score ranks after every scored one), in one pass over the scores.
pub fn ranks_of(scores: &[f64], wanted: &[Option<f64>]) -> Vec<usize> {
    // The distinct wanted scores, highest first.
    let mut levels: Vec<f64> = wanted.iter().flatten().copied().collect();
    levels.sort_by(|a, b| b.partial_cmp(a).unwrap_or(Ordering::Equal));
    levels.dedup();
    // Each score counts once, at the first (highest) level it is above; summing those counts
    // down the levels gives, per level, how many scores are above it.
    let mut beats = vec![0usize; levels.len() + 1];
    let mut scored = 0;
    for &x in scores {
        if x.is_nan() {
            continue;
        }
        scored += 1;
        beats[levels.partition_point(|&level| level >= x)] += 1;
    }
    let mut above = Vec::with_capacity(levels.len());
    let mut running = 0;
    for count in &beats[..levels.len()] {
        running += count;
        above.push(running);
    }
    wanted
        .iter()
        .map(|w| match w {
            Some(s) => levels
                .iter()
                .position(|l| l == s)
                .map_or(1, |k| above[k] + 1),
            None => scored + 1,
        })
        .collect()
}

/// Account indexes sorted by name, case aside, computed once per data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NameOrder {
    /// Account indexes, A first.
    pub order: Vec<u32>,
}

impl NameOrder {
    /// Sorts the names once, with one lowercase key per account.
    pub fn new<'a>(names: impl Iterator<Item = &'a str>) -> NameOrder {
        let keys: Vec<String> = names.map(str::to_lowercase).collect();
        let mut order: Vec<u32> = (0..keys.len() as u32).collect();
        order.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        NameOrder { order }
    }
}

/// Scores are rounded to millionths in 0-100, so `score x 1e6` is an exact integer key
/// below 2^27: two stable counting passes of 14 and 13 bits sort them. None if a score
/// falls outside.
fn radix_order(scores: &[f64]) -> Option<Vec<u32>> {
    const TOP: f64 = 100_000_000.0;
    let mut keys = Vec::with_capacity(scores.len());
    for &s in scores {
        if s.is_nan() {
            // After every score.
            keys.push(TOP as u32 + 1);
            continue;
        }
        let q = (s * 1e6).round_ties_even();
        if !(0.0..=TOP).contains(&q) || (q / 1e6 - s).abs() > 1e-9 {
            return None;
        }
        // Highest score first: the key grows as the score falls.
        keys.push((TOP - q) as u32);
    }
    let mut order: Vec<u32> = (0..scores.len() as u32).collect();
    let mut next = vec![0u32; scores.len()];
    for (shift, bits) in [(0, 14), (14, 13)] {
        let mask = (1u32 << bits) - 1;
        let mut counts = vec![0usize; (1 << bits) + 1];
        for &i in &order {
            counts[((keys[i as usize] >> shift) & mask) as usize + 1] += 1;
        }
        for d in 1..counts.len() {
            counts[d] += counts[d - 1];
        }
        for &i in &order {
            let digit = ((keys[i as usize] >> shift) & mask) as usize;
            next[counts[digit]] = i;
            counts[digit] += 1;
        }
        std::mem::swap(&mut order, &mut next);
    }
    Some(order)
}

/// Account indexes ordered by `keys`, highest first and no value last (or the exact
/// reverse); a stable sort, so equal keys keep table order.
pub fn order_by(keys: &[f64], highest_first: bool) -> Vec<u32> {
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    order.sort_by(|&a, &b| {
        let o = by_score_desc(keys[a as usize], keys[b as usize]);
        if highest_first {
            o
        } else {
            o.reverse()
        }
    });
    order
}

/// The general case: a stable comparison sort, highest first, no score last.
fn comparison_order(scores: &[f64]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..scores.len() as u32).collect();
    order.sort_by(|&a, &b| by_score_desc(scores[a as usize], scores[b as usize]));
    order
}

/// Highest first, no value (NaN) last: the order of scores, points and score changes.
pub fn by_score_desc(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (false, false) => b.partial_cmp(&a).unwrap_or(Ordering::Equal),
        (false, true) => Ordering::Less,
        (true, false) => Ordering::Greater,
        (true, true) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(list: &[f64]) -> Scores {
        Scores {
            score: list.to_vec(),
            ..Scores::default()
        }
    }

    #[test]
    fn radix_and_comparison_orders_agree_ties_in_table_order() {
        let list = [
            50.0,
            f64::NAN,
            99.999999,
            0.0,
            50.0,
            100.0,
            12.345678,
            f64::NAN,
            50.0,
        ];
        assert_eq!(radix_order(&list), Some(comparison_order(&list)));
        assert_eq!(comparison_order(&list), vec![5, 2, 0, 4, 8, 6, 3, 1, 7]);
    }

    #[test]
    fn out_of_range_scores_fall_back_to_comparison() {
        assert_eq!(radix_order(&[120.0, 3.0]), None);
        assert_eq!(
            Ranking::new(&scores(&[120.0, 3.0, -1.0])).order,
            vec![0, 1, 2]
        );
    }

    #[test]
    fn competition_ranks() {
        let ranking = Ranking::new(&scores(&[70.0, 90.0, 70.0, f64::NAN, 10.0]));
        let ranks: Vec<usize> = [70.0, 90.0, 70.0]
            .iter()
            .map(|&s| ranking.rank_of(Some(s)))
            .collect();
        assert_eq!(ranks, vec![2, 1, 2]);
        assert_eq!(ranking.rank_of(Some(10.0)), 4);
        assert_eq!(ranking.rank_of(None), 5);
    }

    #[test]
    fn windows_and_ranks_equal_the_full_ranking() {
        let mut seed: u64 = 7;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..300 {
            let n = (next() % 60) as usize;
            let list: Vec<f64> = (0..n)
                .map(|_| match next() % 7 {
                    0 => f64::NAN,
                    _ => (next() % 12) as f64 * 7.5,
                })
                .collect();
            let s = scores(&list);
            let full = Ranking::new(&s);
            let modulus = 1 + next() % 3;
            let keep = |i: usize| (i as u64) % modulus != 1;
            for reversed in [false, true] {
                let mut expected: Vec<u32> = full
                    .order
                    .iter()
                    .copied()
                    .filter(|&i| keep(i as usize))
                    .collect();
                if reversed {
                    expected.reverse();
                }
                let from = (next() % (n as u64 + 2)) as usize;
                let to = from + (next() % 25) as usize;
                let got = window(&list, keep, from, to, reversed);
                let want: Vec<u32> = expected
                    .iter()
                    .copied()
                    .skip(from)
                    .take(to - from)
                    .collect();
                assert_eq!(
                    got.rows, want,
                    "{list:?} {from}..{to}, reversed: {reversed}"
                );
                assert_eq!(got.kept, expected.len());
                // A place is one more than the accounts before it in the order with another score.
                let score = |i: u32| list[i as usize];
                let differ = |a: f64, b: f64| !(a == b || (a.is_nan() && b.is_nan()));
                let places: Vec<usize> = (from..from + want.len())
                    .map(|p| {
                        1 + expected[..p]
                            .iter()
                            .filter(|&&e| differ(score(e), score(expected[p])))
                            .count()
                    })
                    .collect();
                assert_eq!(
                    got.places, places,
                    "{list:?} {from}..{to}, reversed: {reversed}"
                );
                if !reversed && modulus == 1 {
                    let ranks: Vec<usize> = want
                        .iter()
                        .map(|&i| full.rank_of(s.score_of(i as usize)))
                        .collect();
                    assert_eq!(
                        got.places, ranks,
                        "unfiltered, best first: places are ranks"
                    );
                }
            }
            let wanted: Vec<Option<f64>> = (0..n.min(25))
                .map(|i| s.score_of(i))
                .chain([None, Some(-1.0), Some(1000.0)])
                .collect();
            let got = ranks_of(&list, &wanted);
            for (w, r) in wanted.iter().zip(got) {
                assert_eq!(r, full.rank_of(*w), "{w:?} in {list:?}");
            }
        }
    }

    #[test]
    fn names_sort_case_aside() {
        let order = NameOrder::new(["beta", "Alpha", "gamma", "ALPHA"].into_iter());
        assert_eq!(order.order, vec![1, 3, 0, 2]);
    }
}
