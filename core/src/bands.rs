//! Bands people use: presets for 3, 4 and 5 bands, colours that follow their labels, a new
//! band that splits the one it lands in, and letter grades derived from the bands.

use crate::model::Band;

/// A named colour for a well-known band label, lower-cased: "Red" is red, "At risk" orange.
const NAMED: [(&str, &str); 14] = [
    ("red", "#dc2626"),
    ("critical", "#b91c1c"),
    ("at risk", "#ea580c"),
    ("orange", "#ea580c"),
    ("amber", "#d97706"),
    ("yellow", "#eab308"),
    ("watch", "#ca8a04"),
    ("neutral", "#ca8a04"),
    ("stable", "#65a30d"),
    ("green", "#16a34a"),
    ("healthy", "#16a34a"),
    ("good", "#16a34a"),
    ("advocate", "#0f766e"),
    ("champion", "#0f766e"),
];

/// A band preset: its name in the picker and its bands, worst first.
#[derive(Debug, Clone, PartialEq)]
pub struct Preset {
    /// "3 bands: Red / Yellow / Green (50, 75)".
    pub name: String,
    /// The bands.
    pub bands: Vec<Band>,
}

/// The colour that goes with `label`, if it is a well-known band name (any case, trimmed).
pub fn colour_for(label: &str) -> Option<&'static str> {
    let key = label.trim().to_lowercase();
    NAMED.iter().find(|(name, _)| *name == key).map(|(_, c)| *c)
}

/// Bands labelled `labels` (worst first) starting at `starts` (after the first, which starts
/// at 0), each in its label's colour.
fn named(labels: &[&str], starts: &[f64]) -> Vec<Band> {
    labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let from = if i == 0 { 0.0 } else { starts[i - 1] };
            Band::new(label, colour_for(label).unwrap_or("#64748b"), from)
        })
        .collect()
}

/// The presets for 3, 4 and 5 bands.
pub fn presets() -> Vec<Preset> {
    let preset = |labels: &[&str], starts: &[f64]| {
        let bands = named(labels, starts);
        let starts: Vec<String> = starts.iter().map(|s| s.to_string()).collect();
        Preset {
            name: format!(
                "{} bands: {} ({})",
                labels.len(),
                labels.join(" / "),
                starts.join(", ")
            ),
            bands,
        }
    };
    vec![
        preset(&["Red", "Yellow", "Green"], &[50.0, 75.0]),
        preset(
            &["Critical", "At risk", "Healthy", "Advocate"],
            &[30.0, 60.0, 85.0],
        ),
        preset(
            &["Critical", "At risk", "Watch", "Healthy", "Advocate"],
            &[25.0, 45.0, 65.0, 85.0],
        ),
    ]
}

/// The colour halfway between two `#rrggbb` colours (the first when either is not one).
pub fn blend(a: &str, b: &str) -> String {
    match (rgb(a), rgb(b)) {
        (Some(x), Some(y)) => {
            let mix = |i: usize| (u16::from(x[i]) + u16::from(y[i])).div_ceil(2);
            format!("#{:02x}{:02x}{:02x}", mix(0), mix(1), mix(2))
        }
        _ => a.to_owned(),
    }
}

fn rgb(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// The label a band gets when it is split off `lower` toward `upper` (or the top of the scale).
pub fn split_label(lower: &str, upper: Option<&str>) -> String {
    match upper {
        Some(upper) => format!("{} to {}", lower.trim(), upper.trim()),
        None => format!("Above {}", lower.trim()),
    }
}

/// A band's colour after its label changes from `old` to `new`: the new label's colour when
/// the band still wore the old label's (the user never chose another), else unchanged.
pub fn colour_after_relabel(colour: &str, old: &str, new: &str) -> String {
    let wore_old = colour_for(old).is_some_and(|c| c.eq_ignore_ascii_case(colour));
    match (wore_old, colour_for(new)) {
        (true, Some(c)) => c.to_owned(),
        _ => colour.to_owned(),
    }
}

/// Letter grades on the bands' own boundaries, so a grade never contradicts a band: the top
/// band is A, the next B, and so on down (skipping E); the colours are the bands'.
pub fn grades_from_bands(bands: &[Band]) -> Vec<Band> {
    const LETTERS: [&str; 12] = ["A", "B", "C", "D", "F", "G", "H", "I", "J", "K", "L", "M"];
    let n = bands.len();
    bands
        .iter()
        .enumerate()
        .map(|(i, b)| Band::new(LETTERS[(n - 1 - i).min(11)], &b.colour, b.from))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_have_three_four_and_five_valid_bands_in_their_labels_colours() {
        let presets = presets();
        assert_eq!(
            presets.iter().map(|p| p.bands.len()).collect::<Vec<_>>(),
            [3, 4, 5]
        );
        for p in &presets {
            assert!(
                crate::validate::band_errors(&p.bands).is_empty(),
                "{}",
                p.name
            );
            for b in &p.bands {
                assert_eq!(Some(b.colour.as_str()), colour_for(&b.label));
            }
        }
        assert_eq!(
            presets[2].name,
            "5 bands: Critical / At risk / Watch / Healthy / Advocate (25, 45, 65, 85)"
        );
    }

    #[test]
    fn colours_blend_halfway_and_follow_a_label_only_when_untouched() {
        assert_eq!(blend("#dc2626", "#eab308"), "#e36d17");
        assert_eq!(blend("#000000", "#ffffff"), "#808080");
        assert_eq!(blend("red", "#ffffff"), "red");
        assert_eq!(colour_after_relabel("#dc2626", "Red", "Green"), "#16a34a");
        assert_eq!(colour_after_relabel("#123456", "Red", "Green"), "#123456");
        assert_eq!(colour_after_relabel("#dc2626", "Red", "Tier 1"), "#dc2626");
    }

    #[test]
    fn grades_follow_the_band_boundaries_from_a_down() {
        let bands = presets()[0].bands.clone();
        let grades = grades_from_bands(&bands);
        let labels: Vec<&str> = grades.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["C", "B", "A"]);
        assert_eq!(
            grades.iter().map(|g| g.from).collect::<Vec<_>>(),
            [0.0, 50.0, 75.0]
        );
        let five = grades_from_bands(&presets()[2].bands);
        assert_eq!(five[0].label, "F");
        assert_eq!(five[4].label, "A");
    }
}
