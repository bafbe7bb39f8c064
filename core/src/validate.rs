//! Checks a scorecard before it may score anything: weights, rules, bands, grades.
//!
//! Scoring takes a [`ValidScorecard`], which only [`Scorecard::validate`] makes,
//! so an invalid card can never produce a score that looks real.

use crate::model::{Band, Direction, Input, MissingPolicy, Rule, Scorecard};
use thiserror::Error;

/// Weights may be off by this much in total (floating-point dust), no more.
const WEIGHT_TOLERANCE: f64 = 1e-6;

/// One thing wrong with a scorecard, naming the field it is in.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CardError {
    /// The scorecard has no metric.
    #[error("the scorecard has no metrics")]
    NoMetrics,
    /// The weights do not add up to 100; never rescaled silently.
    #[error("weights total {}, not 100 ({})", readable(*total), over_under(*total))]
    WeightsTotal {
        /// The actual total.
        total: f64,
    },
    /// A weight below 0, above 100 or not a number.
    #[error("metrics[{index}].weight: {} is not between 0 and 100", readable(*weight))]
    WeightOutOfRange {
        /// Position of the metric.
        index: usize,
        /// The bad weight.
        weight: f64,
    },
    /// A metric with an empty id.
    #[error("metrics[{index}].id is empty")]
    EmptyId {
        /// Position of the metric.
        index: usize,
    },
    /// Two metrics share an id.
    #[error("metrics[{index}].id \"{id}\" is used by an earlier metric too")]
    DuplicateId {
        /// Position of the second metric.
        index: usize,
        /// The shared id.
        id: String,
    },
    /// A metric's input names no column.
    #[error("metrics[{index}].input: no column named")]
    EmptyColumn {
        /// Position of the metric.
        index: usize,
    },
    /// A metric's rule cannot work as written.
    #[error("metrics[{index}].rule: {problem}")]
    Rule {
        /// Position of the metric.
        index: usize,
        /// What is wrong.
        problem: RuleError,
    },
    /// A missing-value policy score outside 0-100.
    #[error("metrics[{index}].missing.score: {score} is not between 0 and 100")]
    MissingScore {
        /// Position of the metric.
        index: usize,
        /// The bad score.
        score: f64,
    },
    /// Bands or grades that do not cover 0-100 exactly once.
    #[error("{list}: {problem}")]
    Bands {
        /// "bands" or "grades".
        list: &'static str,
        /// What is wrong.
        problem: BandError,
    },
}

/// What can be wrong with a rule.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum RuleError {
    /// A tiers rule with no tier.
    #[error("no tiers")]
    NoTiers,
    /// Thresholds not strictly ordered from best to worst.
    #[error("tiers[{index}].threshold {threshold} must be {} the tier above it ({previous})", if *higher_is_better { "below" } else { "above" })]
    TiersUnordered {
        /// Position of the offending tier.
        index: usize,
        /// Its threshold.
        threshold: f64,
        /// The threshold of the tier before it.
        previous: f64,
        /// The rule's direction.
        higher_is_better: bool,
    },
    /// Points outside 0..=out_of.
    #[error("{field}: {points} points is outside 0-{out_of}")]
    PointsOutOfRange {
        /// "tiers[1].points", "otherwise", "values[0].points".
        field: String,
        /// The bad points.
        points: f64,
        /// The rule's scale.
        out_of: f64,
    },
    /// A scale of zero or less.
    #[error("out_of must be above 0, not {out_of}")]
    BadScale {
        /// The bad scale.
        out_of: f64,
    },
    /// Floor equal to target: no line to draw.
    #[error("floor and target are both {value}; they must differ")]
    FlatLine {
        /// The shared value.
        value: f64,
    },
    /// A number that is NaN or infinite.
    #[error("{field} is not a finite number")]
    NotFinite {
        /// Which field.
        field: String,
    },
    /// Categorical rule with no values.
    #[error("no values")]
    NoValues,
    /// The same categorical value twice (case and spaces aside).
    #[error("values[{index}] \"{value}\" is listed twice")]
    DuplicateValue {
        /// Position of the repeat.
        index: usize,
        /// The value.
        value: String,
    },
    /// A ratio feeding a categorical rule: text cannot be divided.
    #[error("a categorical rule cannot read a ratio")]
    CategoricalRatio,
}

/// What can be wrong with bands or grades.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum BandError {
    /// No band at all.
    #[error("there must be at least one")]
    Empty,
    /// Fewer than 2 or more than 12 bands, which the editor cannot make either.
    #[error("{count} bands; a scorecard has 2 to 12")]
    Count {
        /// How many there are.
        count: usize,
    },
    /// The lowest band does not start at 0: scores below it have no band.
    #[error("[0] starts at {from}, leaving a gap from 0 to {from}")]
    Gap {
        /// Where the first band starts.
        from: f64,
    },
    /// A band starting at or below the previous one.
    #[error(
        "[{index}] \"{label}\" starts at {from}, overlapping the band before it (from {previous})"
    )]
    Overlap {
        /// Position of the band.
        index: usize,
        /// Its label.
        label: String,
        /// Where it starts.
        from: f64,
        /// Where the band before it starts.
        previous: f64,
    },
    /// A band starting beyond 100.
    #[error("[{index}] \"{label}\" starts at {from}, above 100")]
    AboveHundred {
        /// Position of the band.
        index: usize,
        /// Its label.
        label: String,
        /// Where it starts.
        from: f64,
    },
    /// A band with an empty label.
    #[error("[{index}].label is empty")]
    EmptyLabel {
        /// Position of the band.
        index: usize,
    },
    /// A colour that is not `#rrggbb`: colours go into style attributes, so
    /// nothing else is let through.
    #[error("[{index}].colour \"{colour}\" is not a colour like #22c55e")]
    BadColour {
        /// Position of the band.
        index: usize,
        /// What was there.
        colour: String,
    },
}

/// True for `#rrggbb`, the one colour form a band may hold.
pub fn is_hex_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit())
}

fn over_under(total: f64) -> String {
    let diff = total - 100.0;
    if diff > 0.0 {
        format!("over by {}", readable(diff))
    } else {
        format!("under by {}", readable(-diff))
    }
}

/// A number as a person reads it: two decimals as a rule, but never rounded to a value it is
/// not (0.004 stays 0.004, not "0"), huge ones in scientific form (1e308, not 309 digits), and
/// words for infinity and NaN.
pub fn readable(value: f64) -> String {
    if value.is_nan() {
        return "not a number".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 {
            "infinity"
        } else {
            "minus infinity"
        }
        .to_owned();
    }
    if value.abs() >= 1e9 || (value != 0.0 && value.abs() < 1e-6) {
        return format!("{value:.3e}");
    }
    let two = trim_number(value);
    if value != 0.0 && (value.abs() < 0.005 || two.parse::<f64>().ok() != Some(value)) {
        // Up to 6 decimals, then trimmed: enough to tell 99.9999 from 100.
        let six = format!("{value:.6}");
        let six = six.trim_end_matches('0').trim_end_matches('.');
        if six.parse::<f64>().ok() == Some(value) || value.abs() < 0.005 {
            return six.to_owned();
        }
    }
    two
}

/// A number without trailing zeros: 5, 2.5, 0.33.
pub fn trim_number(value: f64) -> String {
    // + 0.0 turns -0 (an empty sum, or a tiny negative rounded) into 0.
    let rounded = (value * 100.0).round() / 100.0 + 0.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

/// The weight total, when the only problems in `errors` (a card's [`Scorecard::errors`]) are
/// that its positive, finite weights do not total 100: the card is then scorable, provisionally.
pub fn provisional_total(errors: &[CardError]) -> Option<f64> {
    match errors {
        [CardError::WeightsTotal { total }] if *total > 0.0 && total.is_finite() => Some(*total),
        _ => None,
    }
}

/// A scorecard that passed [`Scorecard::validate`]; the only way to score.
#[derive(Debug, Clone, Copy)]
pub struct ValidScorecard<'a>(&'a Scorecard);

impl<'a> ValidScorecard<'a> {
    /// The validated scorecard.
    pub fn card(&self) -> &'a Scorecard {
        self.0
    }
}

impl Scorecard {
    /// Every problem with this scorecard, or proof that it has none.
    pub fn validate(&self) -> Result<ValidScorecard<'_>, Vec<CardError>> {
        let errors = self.errors();
        if errors.is_empty() {
            Ok(ValidScorecard(self))
        } else {
            Err(errors)
        }
    }

    /// Whether the card can be scored: valid, or off only in its weight total (a room typing
    /// weights that total 106 mid-edit). Scoring divides by the weight each account is scored
    /// on, so such a card scores exactly as its weights rescaled to 100 would; the caller marks
    /// those scores provisional ([`Scorecard::provisional_total`]). A total of 0 is not scorable.
    pub fn scorable(&self) -> Result<ValidScorecard<'_>, Vec<CardError>> {
        let errors = self.errors();
        if errors.is_empty() || provisional_total(&errors).is_some() {
            Ok(ValidScorecard(self))
        } else {
            Err(errors)
        }
    }

    /// The weight total when it is not 100 (within the tolerance) and the card is otherwise
    /// scorable: its scores are then provisional, on the weights rescaled to 100.
    pub fn provisional_total(&self) -> Option<f64> {
        provisional_total(&self.errors())
    }

    /// Every problem with this scorecard, in field order.
    pub fn errors(&self) -> Vec<CardError> {
        let mut errors = Vec::new();
        if self.metrics.is_empty() {
            errors.push(CardError::NoMetrics);
        }
        let mut seen_ids: Vec<&str> = Vec::new();
        for (index, metric) in self.metrics.iter().enumerate() {
            if metric.id.trim().is_empty() {
                errors.push(CardError::EmptyId { index });
            } else if seen_ids.contains(&metric.id.as_str()) {
                errors.push(CardError::DuplicateId {
                    index,
                    id: metric.id.clone(),
                });
            }
            seen_ids.push(&metric.id);
            if !(0.0..=100.0).contains(&metric.weight) {
                errors.push(CardError::WeightOutOfRange {
                    index,
                    weight: metric.weight,
                });
            }
            if metric.input.columns().iter().any(|c| c.trim().is_empty()) {
                errors.push(CardError::EmptyColumn { index });
            }
            for problem in rule_errors(&metric.rule, &metric.input) {
                errors.push(CardError::Rule { index, problem });
            }
            if let MissingPolicy::Value { score } = metric.missing {
                if !(0.0..=100.0).contains(&score) {
                    errors.push(CardError::MissingScore { index, score });
                }
            }
        }
        let total = self.total_weight();
        // A weight out of range already has its message; a total of infinity adds nothing.
        let weights_in_range = self
            .metrics
            .iter()
            .all(|m| (0.0..=100.0).contains(&m.weight));
        if !self.metrics.is_empty() && weights_in_range && (total - 100.0).abs() > WEIGHT_TOLERANCE
        {
            errors.push(CardError::WeightsTotal { total });
        }
        for problem in band_errors(&self.bands) {
            errors.push(CardError::Bands {
                list: "bands",
                problem,
            });
        }
        if !self.grades.is_empty() {
            for problem in band_errors(&self.grades) {
                errors.push(CardError::Bands {
                    list: "grades",
                    problem,
                });
            }
        }
        errors
    }
}

/// Problems with one rule, given the input it reads.
pub fn rule_errors(rule: &Rule, input: &Input) -> Vec<RuleError> {
    let mut errors = Vec::new();
    match rule {
        Rule::Tiers {
            direction,
            tiers,
            otherwise,
            out_of,
        } => {
            check_scale(*out_of, &mut errors);
            if tiers.is_empty() {
                errors.push(RuleError::NoTiers);
            }
            let higher = *direction == Direction::HigherIsBetter;
            for (index, tier) in tiers.iter().enumerate() {
                if !tier.threshold.is_finite() {
                    errors.push(RuleError::NotFinite {
                        field: format!("tiers[{index}].threshold"),
                    });
                }
                check_points(
                    format!("tiers[{index}].points"),
                    tier.points,
                    *out_of,
                    &mut errors,
                );
                if index > 0 {
                    let previous = tiers[index - 1].threshold;
                    let ordered = if higher {
                        tier.threshold < previous
                    } else {
                        tier.threshold > previous
                    };
                    if !ordered {
                        errors.push(RuleError::TiersUnordered {
                            index,
                            threshold: tier.threshold,
                            previous,
                            higher_is_better: higher,
                        });
                    }
                }
            }
            check_points("otherwise".to_owned(), *otherwise, *out_of, &mut errors);
        }
        Rule::Linear { floor, target } => {
            for (field, value) in [("floor", floor), ("target", target)] {
                if !value.is_finite() {
                    errors.push(RuleError::NotFinite {
                        field: field.to_owned(),
                    });
                }
            }
            if floor == target {
                errors.push(RuleError::FlatLine { value: *floor });
            }
        }
        Rule::Categorical { values, out_of } => {
            check_scale(*out_of, &mut errors);
            if values.is_empty() {
                errors.push(RuleError::NoValues);
            }
            if matches!(input, Input::Ratio { .. }) {
                errors.push(RuleError::CategoricalRatio);
            }
            let mut seen: Vec<String> = Vec::new();
            for (index, choice) in values.iter().enumerate() {
                let key = choice.value.trim().to_lowercase();
                if seen.contains(&key) {
                    errors.push(RuleError::DuplicateValue {
                        index,
                        value: choice.value.clone(),
                    });
                }
                seen.push(key);
                check_points(
                    format!("values[{index}].points"),
                    choice.points,
                    *out_of,
                    &mut errors,
                );
            }
        }
    }
    errors
}

fn check_scale(out_of: f64, errors: &mut Vec<RuleError>) {
    if !(out_of.is_finite() && out_of > 0.0) {
        errors.push(RuleError::BadScale { out_of });
    }
}

fn check_points(field: String, points: f64, out_of: f64, errors: &mut Vec<RuleError>) {
    if !(points.is_finite() && points >= 0.0 && points <= out_of) {
        errors.push(RuleError::PointsOutOfRange {
            field,
            points,
            out_of,
        });
    }
}

/// Problems with a list of bands or grades: each must start above the last, from 0.
pub fn band_errors(bands: &[Band]) -> Vec<BandError> {
    let mut errors = Vec::new();
    let Some(first) = bands.first() else {
        errors.push(BandError::Empty);
        return errors;
    };
    if !crate::edit::BAND_COUNT.contains(&bands.len()) {
        errors.push(BandError::Count { count: bands.len() });
    }
    if first.from != 0.0 {
        errors.push(BandError::Gap { from: first.from });
    }
    for (index, band) in bands.iter().enumerate() {
        if band.label.trim().is_empty() {
            errors.push(BandError::EmptyLabel { index });
        }
        if !is_hex_colour(&band.colour) {
            errors.push(BandError::BadColour {
                index,
                colour: band.colour.chars().take(40).collect(),
            });
        }
        if band.from > 100.0 {
            errors.push(BandError::AboveHundred {
                index,
                label: band.label.clone(),
                from: band.from,
            });
        }
        if index > 0 {
            let previous = bands[index - 1].from;
            // NaN fails this comparison too, so it is reported rather than ignored.
            if !(band.from > previous) {
                errors.push(BandError::Overlap {
                    index,
                    label: band.label.clone(),
                    from: band.from,
                    previous,
                });
            }
        }
    }
    errors
}

/// The index of the band a score falls in; bands must be valid.
pub fn band_index(bands: &[Band], score: f64) -> Option<usize> {
    bands.iter().rposition(|band| score >= band.from)
}

#[cfg(test)]
mod readable_tests {
    use super::readable;

    #[test]
    fn numbers_read_as_they_are() {
        for (value, text) in [
            (20.0, "20"),
            (12.5, "12.5"),
            (100.0 / 3.0, "33.33"),
            (99.9999, "99.9999"),
            (0.004, "0.004"),
            (0.1 + 0.2, "0.3"),
            (2e-7, "2.000e-7"),
            (1e308, "1.000e308"),
            (f64::INFINITY, "infinity"),
            (f64::NAN, "not a number"),
            (-5.25, "-5.25"),
        ] {
            assert_eq!(readable(value), text, "{value}");
        }
    }
}
