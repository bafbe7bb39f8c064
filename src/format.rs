//! Number formatting shared by the views: scores, weights, points.

/// A score with one decimal: 68.0, 74.5.
pub fn score(value: f64) -> String {
    format!("{value:.1}")
}

/// A weight or points value without trailing zeros: 20, 12.5, 6.67.
pub fn number(value: f64) -> String {
    healthscore_core::validate::trim_number(value)
}
