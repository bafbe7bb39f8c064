//! Edits the designer makes to a scorecard: metrics added, copied, moved, removed; weights; bands.
//!
//! Each is a method on plain data, so the UI calls `card.update(|c| c.duplicate_metric(2))`
//! and the logic is tested natively.

use crate::model::{Band, Metric, Scorecard};
use crate::weights;

/// The fewest and most bands a scorecard may have.
pub const BAND_COUNT: std::ops::RangeInclusive<usize> = 2..=12;

impl Scorecard {
    /// An id not yet used in this card: `base`, else `base_2`, `base_3`...
    pub fn unique_id(&self, base: &str) -> String {
        let base = if base.trim().is_empty() {
            "metric"
        } else {
            base
        };
        let taken = |id: &str| self.metrics.iter().any(|m| m.id == id);
        if !taken(base) {
            return base.to_owned();
        }
        (2..)
            .map(|n| format!("{base}_{n}"))
            .find(|id| !taken(id))
            .unwrap_or_else(|| base.to_owned())
    }

    /// Appends a metric, renaming its id if the card already uses it; returns its index.
    pub fn add_metric(&mut self, mut metric: Metric) -> usize {
        metric.id = self.unique_id(&metric.id);
        self.metrics.push(metric);
        self.metrics.len() - 1
    }

    /// Inserts a copy after `index` with weight 0, so the total stays 100; returns its index.
    pub fn duplicate_metric(&mut self, index: usize) -> Option<usize> {
        let mut copy = self.metrics.get(index)?.clone();
        copy.id = self.unique_id(&format!("{}_copy", copy.id));
        copy.name = format!("{} (copy)", copy.name);
        copy.weight = 0.0;
        copy.locked = false;
        self.metrics.insert(index + 1, copy);
        Some(index + 1)
    }

    /// Removes and returns the metric at `index`.
    pub fn remove_metric(&mut self, index: usize) -> Option<Metric> {
        (index < self.metrics.len()).then(|| self.metrics.remove(index))
    }

    /// Moves the metric at `from` to position `to`.
    pub fn move_metric(&mut self, from: usize, to: usize) {
        if from < self.metrics.len() && to < self.metrics.len() && from != to {
            let metric = self.metrics.remove(from);
            self.metrics.insert(to, metric);
        }
    }

    fn locks(&self) -> Vec<bool> {
        self.metrics.iter().map(|m| m.locked).collect()
    }

    fn set_weights(&mut self, weights: Vec<f64>) {
        for (metric, weight) in self.metrics.iter_mut().zip(weights) {
            metric.weight = weight;
        }
    }

    fn weights(&self) -> Vec<f64> {
        self.metrics.iter().map(|m| m.weight).collect()
    }

    /// A slider drag: sets one weight and moves the other unlocked ones to keep 100.
    pub fn drag_weight(&mut self, index: usize, value: f64) {
        let weights = weights::drag(&self.weights(), &self.locks(), index, value);
        self.set_weights(weights);
    }

    /// A typed weight: sets that one alone; the total may then be over or under 100.
    pub fn type_weight(&mut self, index: usize, value: f64) {
        if let Some(metric) = self.metrics.get_mut(index) {
            metric.weight = value;
        }
    }

    /// Shares the weight the locks leave equally among the unlocked metrics.
    pub fn distribute_equally(&mut self) {
        let weights = weights::distribute_equally(&self.weights(), &self.locks());
        self.set_weights(weights);
    }

    /// Scales the unlocked weights, keeping proportions, so the total is 100.
    pub fn normalise_weights(&mut self) {
        let weights = weights::normalise(&self.weights(), &self.locks());
        self.set_weights(weights);
    }

    /// True when `other` differs from this card in its metrics' weights at most: what a
    /// weight drag changes, every frame. Every other field is compared, named one by one so
    /// that a field added later cannot be forgotten here (the destructuring stops compiling).
    pub fn same_but_weights(&self, other: &Scorecard) -> bool {
        let Scorecard {
            version,
            name,
            description,
            metrics,
            bands,
            grades,
            data,
        } = self;
        *version == other.version
            && *name == other.name
            && *description == other.description
            && metrics.len() == other.metrics.len()
            && metrics
                .iter()
                .zip(&other.metrics)
                .all(|(a, b)| a.same_but_weight(b))
            && *bands == other.bands
            && *grades == other.grades
            && *data == other.data
    }
}

impl Metric {
    /// True when `other` differs from this metric in its weight at most.
    fn same_but_weight(&self, other: &Metric) -> bool {
        let Metric {
            id,
            name,
            category,
            signal,
            weight: _,
            input,
            rule,
            missing,
            read,
            locked,
        } = self;
        *id == other.id
            && *name == other.name
            && *category == other.category
            && *signal == other.signal
            && *input == other.input
            && *rule == other.rule
            && *missing == other.missing
            && *read == other.read
            && *locked == other.locked
    }
}

/// Moves the boundary where band `index` starts, keeping it at least one
/// point above the band below and below the band above. Band 0 stays at 0.
pub fn set_band_start(bands: &mut [Band], index: usize, from: f64) {
    if index == 0 || index >= bands.len() || !from.is_finite() {
        return;
    }
    let low = bands[index - 1].from + 1.0;
    let high = bands.get(index + 1).map_or(100.0, |b| b.from - 1.0);
    if low <= high {
        bands[index].from = from.clamp(low, high);
    }
}

/// Splits the widest band in two, up to 12 bands; returns the new band's index.
pub fn add_band(bands: &mut Vec<Band>) -> Option<usize> {
    if bands.len() >= *BAND_COUNT.end() {
        return None;
    }
    let widths: Vec<f64> = bands
        .iter()
        .enumerate()
        .map(|(i, b)| bands.get(i + 1).map_or(100.0, |n| n.from) - b.from)
        .collect();
    let widest = (0..bands.len()).max_by(|&a, &b| {
        widths[a]
            .partial_cmp(&widths[b])
            .unwrap_or(std::cmp::Ordering::Equal)
    })?;
    if widths[widest] < 2.0 {
        return None;
    }
    let from = (bands[widest].from + widths[widest] / 2.0).round();
    // It splits the widest band: named for where it sits, in the colour between its neighbours.
    let upper = bands.get(widest + 1);
    let label = crate::bands::split_label(&bands[widest].label, upper.map(|b| b.label.as_str()));
    let colour = crate::bands::blend(
        &bands[widest].colour,
        upper.map_or(bands[widest].colour.as_str(), |b| b.colour.as_str()),
    );
    bands.insert(widest + 1, Band::new(&label, &colour, from));
    Some(widest + 1)
}

/// Removes a band, keeping at least two; the band below takes its range.
pub fn remove_band(bands: &mut Vec<Band>, index: usize) -> Option<Band> {
    if bands.len() <= *BAND_COUNT.start() || index >= bands.len() {
        return None;
    }
    let removed = bands.remove(index);
    if index == 0 {
        bands[0].from = 0.0;
    }
    Some(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::dear;

    #[test]
    fn duplicate_keeps_the_total_and_ids_unique() {
        let mut card = dear();
        let copy = card.duplicate_metric(0).unwrap();
        assert_eq!(copy, 1);
        assert_eq!(card.metrics[1].id, "core_usage_copy");
        assert_eq!(card.metrics[1].name, "Core-feature usage (copy)");
        assert_eq!(card.total_weight(), 100.0);
        card.duplicate_metric(0);
        assert_eq!(card.metrics[1].id, "core_usage_copy_2");
        assert!(card.validate().is_ok());
    }

    #[test]
    fn same_but_weights_ignores_the_weights_alone() {
        let card = dear();
        let mut dragged = card.clone();
        dragged.drag_weight(0, 40.0);
        assert_ne!(dragged, card);
        assert!(dragged.same_but_weights(&card));

        let changes: [fn(&mut Scorecard); 8] = [
            |c| c.name.push('!'),
            |c| c.description.push('!'),
            |c| c.metrics[2].name.push('!'),
            |c| c.metrics[2].locked = !c.metrics[2].locked,
            |c| c.move_metric(0, 1),
            |c| c.bands[1].from += 1.0,
            |c| c.grades = crate::model::letter_grades(),
            |c| c.data.as_of = Some("2026-01-31".to_owned()),
        ];
        for (i, change) in changes.iter().enumerate() {
            let mut other = dragged.clone();
            change(&mut other);
            assert!(!other.same_but_weights(&card), "change {i} went unnoticed");
            assert!(!card.same_but_weights(&other), "change {i} went unnoticed");
        }
        let mut fewer = card.clone();
        fewer.remove_metric(3);
        assert!(!fewer.same_but_weights(&card));
    }

    #[test]
    fn add_renames_a_clashing_id() {
        let mut card = dear();
        let nps = card.metrics[8].clone();
        let index = card.add_metric(nps);
        assert_eq!(card.metrics[index].id, "nps_2");
    }

    #[test]
    fn move_and_remove() {
        let mut card = dear();
        card.move_metric(0, 2);
        let ids: Vec<&str> = card.metrics.iter().take(3).map(|m| m.id.as_str()).collect();
        assert_eq!(ids, vec!["login_frequency", "usage_trend", "core_usage"]);
        let removed = card.remove_metric(2).unwrap();
        assert_eq!(removed.id, "core_usage");
        assert_eq!(card.total_weight(), 80.0);
        assert!(card.remove_metric(99).is_none());
    }

    #[test]
    fn drag_respects_locks_and_typing_does_not_rebalance() {
        let mut card = dear();
        card.metrics[1].locked = true;
        card.drag_weight(0, 40.0);
        assert_eq!(card.metrics[0].weight, 40.0);
        assert_eq!(card.metrics[1].weight, 15.0);
        assert_eq!(card.total_weight(), 100.0);
        card.type_weight(0, 45.0);
        assert_eq!(card.total_weight(), 105.0);
        card.normalise_weights();
        assert_eq!(card.total_weight(), 100.0);
        assert_eq!(card.metrics[1].weight, 15.0);
    }

    #[test]
    fn band_boundaries_stay_between_neighbours() {
        let mut bands = dear().bands;
        set_band_start(&mut bands, 1, 80.0);
        assert_eq!(bands[1].from, 74.0);
        set_band_start(&mut bands, 2, 10.0);
        assert_eq!(bands[2].from, 75.0);
        set_band_start(&mut bands, 0, 10.0);
        assert_eq!(bands[0].from, 0.0);
        set_band_start(&mut bands, 2, 120.0);
        assert_eq!(bands[2].from, 100.0);
    }

    #[test]
    fn bands_can_be_added_up_to_12_and_removed_down_to_2() {
        let mut bands = dear().bands;
        let index = add_band(&mut bands).unwrap();
        assert_eq!(index, 1); // red 0-50 is widest
        assert_eq!(bands[1].from, 25.0);
        assert_eq!(bands[1].label, "Red to Yellow");
        assert_eq!(
            bands[1].colour,
            crate::bands::blend(&bands[0].colour, &bands[2].colour)
        );
        while add_band(&mut bands).is_some() {}
        assert_eq!(bands.len(), 12);
        assert!(crate::validate::band_errors(&bands).is_empty());
        while remove_band(&mut bands, 0).is_some() {}
        assert_eq!(bands.len(), 2);
        assert_eq!(bands[0].from, 0.0);
        assert!(crate::validate::band_errors(&bands).is_empty());
    }
}
