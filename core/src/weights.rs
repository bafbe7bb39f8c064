//! Weight arithmetic for the designer: drag one weight, keep the total at 100.
//!
//! Dragging moves the other unlocked weights in proportion to their size;
//! rounding uses the largest-remainder method, so the integers shown always
//! add up to exactly 100. Typing a number is not balancing: the designer sets
//! that weight alone and shows "over by N" / "under by N".

/// The total every scorecard's weights must reach.
pub const TOTAL: f64 = 100.0;

/// Rounds `values` to whole numbers that add up to `round(total)`, giving the
/// leftover units to the largest fractional parts (ties to the earlier value).
pub fn largest_remainder(values: &[f64], total: f64) -> Vec<f64> {
    let target = total.round().max(0.0);
    let mut rounded: Vec<f64> = values.iter().map(|v| v.max(0.0).floor()).collect();
    let assigned: f64 = rounded.iter().sum();
    let mut leftover = (target - assigned).max(0.0) as usize;
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| {
        let fa = values[a].max(0.0) - rounded[a];
        let fb = values[b].max(0.0) - rounded[b];
        fb.partial_cmp(&fa)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    for &index in order.iter().cycle().take(values.len() * 2) {
        if leftover == 0 {
            break;
        }
        rounded[index] += 1.0;
        leftover -= 1;
    }
    rounded
}

/// Sets weight `index` to `value` (clamped to what the locked weights leave)
/// and moves every other unlocked weight in proportion so the total is 100.
///
/// A locked `index` does not move. Weights at 0 stay at 0 unless every other unlocked weight is 0, in which
/// case they share the rest equally. With nothing unlocked to move, the
/// weight cannot change.
pub fn drag(weights: &[f64], locked: &[bool], index: usize, value: f64) -> Vec<f64> {
    let mut result = weights.to_vec();
    // A locked weight is pinned, even against its own slider.
    if index >= weights.len() || locked.get(index).copied().unwrap_or(false) {
        return result;
    }
    let others: Vec<usize> = (0..weights.len())
        .filter(|&i| i != index && !locked.get(i).copied().unwrap_or(false))
        .collect();
    let locked_sum: f64 = (0..weights.len())
        .filter(|&i| i != index && locked.get(i).copied().unwrap_or(false))
        .map(|i| weights[i])
        .sum();
    let room = (TOTAL - locked_sum).max(0.0);
    if others.is_empty() {
        result[index] = room;
        return result;
    }
    let value = value.round().clamp(0.0, room.floor());
    let rest = room - value;
    let current: Vec<f64> = others.iter().map(|&i| weights[i].max(0.0)).collect();
    let current_sum: f64 = current.iter().sum();
    let shares: Vec<f64> = if current_sum > 0.0 {
        current.iter().map(|w| w / current_sum * rest).collect()
    } else {
        vec![rest / others.len() as f64; others.len()]
    };
    let rounded = spread(&shares, rest);
    result[index] = value;
    for (&i, w) in others.iter().zip(rounded) {
        result[i] = w;
    }
    result
}

/// Largest-remainder rounding to the whole part of `total`, with any
/// fraction left by non-integer locked weights added to the largest share.
pub fn spread(shares: &[f64], total: f64) -> Vec<f64> {
    let mut rounded = largest_remainder(shares, total.floor());
    let fraction = total - total.floor();
    if fraction > 1e-9 {
        if let Some(max) = (0..rounded.len()).max_by(|&a, &b| {
            rounded[a]
                .partial_cmp(&rounded[b])
                .unwrap_or(std::cmp::Ordering::Equal)
        }) {
            rounded[max] += fraction;
        }
    }
    rounded
}

/// Shares what the locked weights leave equally among the unlocked ones, in whole numbers.
pub fn distribute_equally(weights: &[f64], locked: &[bool]) -> Vec<f64> {
    let unlocked: Vec<usize> = (0..weights.len())
        .filter(|&i| !locked.get(i).copied().unwrap_or(false))
        .collect();
    let locked_sum: f64 =
        weights.iter().sum::<f64>() - unlocked.iter().map(|&i| weights[i]).sum::<f64>();
    let rest = (TOTAL - locked_sum).max(0.0);
    let mut result = weights.to_vec();
    if unlocked.is_empty() {
        return result;
    }
    let equal = vec![rest / unlocked.len() as f64; unlocked.len()];
    for (&i, w) in unlocked.iter().zip(spread(&equal, rest)) {
        result[i] = w;
    }
    result
}

/// Scales the unlocked weights so that the total is 100, keeping their
/// proportions; whole numbers by largest remainder.
pub fn normalise(weights: &[f64], locked: &[bool]) -> Vec<f64> {
    let unlocked: Vec<usize> = (0..weights.len())
        .filter(|&i| !locked.get(i).copied().unwrap_or(false))
        .collect();
    let unlocked_sum: f64 = unlocked.iter().map(|&i| weights[i].max(0.0)).sum();
    if unlocked_sum <= 0.0 {
        return distribute_equally(weights, locked);
    }
    let locked_sum: f64 =
        weights.iter().sum::<f64>() - unlocked.iter().map(|&i| weights[i]).sum::<f64>();
    let rest = (TOTAL - locked_sum).max(0.0);
    let shares: Vec<f64> = unlocked
        .iter()
        .map(|&i| weights[i].max(0.0) / unlocked_sum * rest)
        .collect();
    let mut result = weights.to_vec();
    for (&i, w) in unlocked.iter().zip(spread(&shares, rest)) {
        result[i] = w;
    }
    result
}

/// "over by 5", "under by 2.5", or None when the total is 100.
pub fn imbalance(weights: &[f64]) -> Option<String> {
    let diff = weights.iter().sum::<f64>() - TOTAL;
    if diff.abs() < 1e-6 {
        None
    } else if diff > 0.0 {
        Some(format!("over by {}", crate::validate::trim_number(diff)))
    } else {
        Some(format!("under by {}", crate::validate::trim_number(-diff)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(w: &[f64]) -> f64 {
        w.iter().sum()
    }

    #[test]
    fn largest_remainder_adds_up_exactly() {
        let thirds = largest_remainder(&[100.0 / 3.0; 3], 100.0);
        assert_eq!(thirds, vec![34.0, 33.0, 33.0]);
        assert_eq!(
            largest_remainder(&[12.5, 12.5, 75.0], 100.0),
            vec![13.0, 12.0, 75.0]
        );
        assert_eq!(
            largest_remainder(&[0.4, 0.4, 0.2], 1.0),
            vec![1.0, 0.0, 0.0]
        );
        assert_eq!(largest_remainder(&[], 100.0), Vec::<f64>::new());
    }

    #[test]
    fn drag_moves_others_in_proportion() {
        // 20/30/50: drag the first to 40; 60 left split 3:5.
        let w = drag(&[20.0, 30.0, 50.0], &[false; 3], 0, 40.0);
        assert_eq!(w, vec![40.0, 23.0, 37.0]);
        assert_eq!(sum(&w), 100.0);
    }

    #[test]
    fn drag_never_moves_a_locked_weight() {
        let w = drag(&[20.0, 30.0, 50.0], &[false, true, false], 0, 40.0);
        assert_eq!(w, vec![40.0, 30.0, 30.0]);
        // The dragged weight cannot take what a lock holds.
        let w = drag(&[20.0, 30.0, 50.0], &[false, true, false], 0, 95.0);
        assert_eq!(w, vec![70.0, 30.0, 0.0]);
    }

    #[test]
    fn drag_with_everything_else_locked_changes_nothing() {
        let w = drag(&[20.0, 30.0, 50.0], &[false, true, true], 0, 60.0);
        assert_eq!(w, vec![20.0, 30.0, 50.0]);
    }

    #[test]
    fn a_weight_can_reach_zero_and_come_back() {
        let w = drag(&[25.0; 4], &[false; 4], 2, 0.0);
        assert_eq!(w, vec![34.0, 33.0, 0.0, 33.0]);
        let back = drag(&w, &[false; 4], 2, 10.0);
        assert_eq!(sum(&back), 100.0);
        assert_eq!(back[2], 10.0);
        // All others at zero: the rest is shared equally.
        let w = drag(&[100.0, 0.0, 0.0], &[false; 3], 0, 40.0);
        assert_eq!(w, vec![40.0, 30.0, 30.0]);
    }

    #[test]
    fn drag_keeps_100_over_many_random_moves() {
        let mut w = vec![20.0, 15.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 5.0];
        let locked = [false, false, true, false, false, false, false, false, false];
        let mut seed = 17u64;
        for _ in 0..2000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let index = (seed >> 33) as usize % w.len();
            let value = ((seed >> 13) % 101) as f64;
            w = drag(&w, &locked, index, value);
            assert_eq!(sum(&w), 100.0, "{w:?}");
            assert_eq!(w[2], 10.0);
            assert!(w.iter().all(|x| *x >= 0.0 && x.fract() == 0.0), "{w:?}");
        }
    }

    #[test]
    fn drag_rebalances_a_total_that_was_off() {
        let w = drag(&[50.0, 50.0, 50.0], &[false; 3], 0, 50.0);
        assert_eq!(w, vec![50.0, 25.0, 25.0]);
    }

    #[test]
    fn distribute_equally_respects_locks() {
        assert_eq!(
            distribute_equally(&[70.0, 20.0, 10.0], &[false; 3]),
            vec![34.0, 33.0, 33.0]
        );
        assert_eq!(
            distribute_equally(&[70.0, 40.0, 10.0], &[false, true, false]),
            vec![30.0, 40.0, 30.0]
        );
    }

    #[test]
    fn normalise_keeps_proportions() {
        assert_eq!(
            normalise(&[10.0, 10.0, 20.0], &[false; 3]),
            vec![25.0, 25.0, 50.0]
        );
        assert_eq!(normalise(&[0.0, 0.0], &[false; 2]), vec![50.0, 50.0]);
        assert_eq!(
            normalise(&[10.0, 50.0, 20.0], &[false, true, false]),
            vec![17.0, 50.0, 33.0]
        );
    }

    #[test]
    fn imbalance_names_the_difference() {
        assert_eq!(imbalance(&[60.0, 40.0]), None);
        assert_eq!(imbalance(&[60.0, 45.0]).as_deref(), Some("over by 5"));
        assert_eq!(imbalance(&[60.0, 37.5]).as_deref(), Some("under by 2.5"));
    }
}
