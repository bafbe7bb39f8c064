//! Number formatting shared by the views: scores, weights, points.

/// A score with one decimal: 68.0, 74.5.
pub fn score(value: f64) -> String {
    format!("{value:.1}")
}

/// A weight or points value without trailing zeros: 20, 12.5, 6.67.
pub fn number(value: f64) -> String {
    healthscore_core::validate::trim_number(value)
}

/// Reads a number the user typed ("12.5", "12,5", "80%"); None while it is not one yet.
pub fn parse(text: &str) -> Option<f64> {
    match healthscore_core::cell::read_number(text) {
        healthscore_core::cell::CellNumber::Number(value) => Some(value),
        _ => None,
    }
}

/// A band colour fit for a style attribute: `#rrggbb`, or neutral grey for anything else
/// (validation refuses other colours in files; this guards drafts from storage too).
pub fn colour(text: &str) -> &str {
    if healthscore_core::validate::is_hex_colour(text) {
        text
    } else {
        "#9ca3af"
    }
}
