//! Number formatting shared by the views: scores, weights, points.

/// A score with one decimal: 68.0, 74.5.
pub fn score(value: f64) -> String {
    format!("{value:.1}")
}

/// A weight or points value without trailing zeros: 20, 12.5, 6.67; never rounded to a value
/// it is not (a band starting at 99.9999 is not shown as 100).
pub fn number(value: f64) -> String {
    healthscore_core::validate::readable(value)
}

/// A count with thousands commas: 13,547,919.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An amount of money, short: 950, 12.5k, 1.2M (no currency symbol: the data's own unit).
pub fn money(value: f64) -> String {
    let abs = value.abs();
    let (scaled, suffix) = if abs >= 1e9 {
        (value / 1e9, "B")
    } else if abs >= 1e6 {
        (value / 1e6, "M")
    } else if abs >= 1e3 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    format!("{}{suffix}", healthscore_core::validate::trim_number((scaled * 10.0).round() / 10.0))
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
