//! Plain-language sentences for rules and rule steps: "80+ = 20 pts, 50 to 80 = 13 pts, ...".
//!
//! Points are stated in the metric's own weight, as a 100-point card does, so
//! the sentence changes as the weight slider moves.

use crate::model::{Direction, Input, Metric, Rule};
use crate::validate::trim_number;

/// The unit suffix for a metric's values: "%" for ratios, nothing otherwise.
fn unit(metric: &Metric) -> &'static str {
    match metric.input {
        Input::Ratio { .. } => "%",
        Input::Column(_) => "",
    }
}

/// One step's points: in the score's own points when the rule is stated in them (a 100-point
/// card: `out_of` equals the weight), else the rule's points and what they are worth at the
/// current weight ("10/10 → 12").
fn pts(metric: &Metric, points: f64, out_of: f64) -> String {
    let worth = if out_of > 0.0 {
        points / out_of * metric.weight
    } else {
        0.0
    };
    if metric.weight == 0.0 {
        format!("{}/{}", trim_number(points), trim_number(out_of))
    } else if same_scale(metric, out_of) {
        format!("{} pts", trim_number(worth))
    } else {
        format!(
            "{}/{} \u{2192} {}",
            trim_number(points),
            trim_number(out_of),
            trim_number(worth)
        )
    }
}

/// Whether the rule's points are the score's points (its `out_of` is the metric's weight).
fn same_scale(metric: &Metric, out_of: f64) -> bool {
    (out_of - metric.weight).abs() < 1e-9
}

/// The scale a rule states its points in; a linear rule states none, so it reads in the
/// score's points.
fn out_of(metric: &Metric) -> f64 {
    match &metric.rule {
        Rule::Tiers { out_of, .. } | Rule::Categorical { out_of, .. } => *out_of,
        Rule::Linear { .. } if metric.weight > 0.0 => metric.weight,
        Rule::Linear { .. } => 100.0,
    }
}

/// One label per step of the rule, in step order ("80+", "50 to 80", "below 20").
/// For tiers the last label is the `otherwise` step.
pub fn step_labels(metric: &Metric) -> Vec<String> {
    let u = unit(metric);
    match &metric.rule {
        Rule::Tiers {
            direction, tiers, ..
        } => {
            let n = |v: f64| format!("{}{u}", trim_number(v));
            let mut labels: Vec<String> = tiers
                .iter()
                .enumerate()
                .map(|(i, tier)| match (direction, i) {
                    (Direction::HigherIsBetter, 0) => format!("{}+", n(tier.threshold)),
                    (Direction::HigherIsBetter, _) => {
                        format!("{} to {}", n(tier.threshold), n(tiers[i - 1].threshold))
                    }
                    (Direction::LowerIsBetter, 0) => format!("{} or less", n(tier.threshold)),
                    (Direction::LowerIsBetter, _) => {
                        format!(
                            "over {} to {}",
                            n(tiers[i - 1].threshold),
                            n(tier.threshold)
                        )
                    }
                })
                .collect();
            let last = tiers.last().map(|t| n(t.threshold)).unwrap_or_default();
            labels.push(match direction {
                Direction::HigherIsBetter => format!("below {last}"),
                Direction::LowerIsBetter => format!("over {last}"),
            });
            labels
        }
        Rule::Linear { floor, target } => vec![format!(
            "on the line from {}{u} to {}{u}",
            trim_number(*floor),
            trim_number(*target)
        )],
        Rule::Categorical { values, .. } => values.iter().map(|c| c.value.clone()).collect(),
    }
}

/// The whole rule as one sentence: in the score's points when the rule is stated in them,
/// else in the rule's own points with what each is worth at the current weight ("Rising =
/// 10/10 → 12, ... of the score at weight 12"); at weight 0, that the metric does not count.
pub fn rule_sentence(metric: &Metric) -> String {
    let steps = steps_sentence(metric);
    if metric.weight == 0.0 {
        return format!("Weight 0: this metric does not count in the score. Its rule: {steps}");
    }
    if same_scale(metric, out_of(metric)) {
        steps
    } else {
        format!(
            "{steps} (points of the score at weight {})",
            trim_number(metric.weight)
        )
    }
}

/// The rule's steps and their points, joined.
fn steps_sentence(metric: &Metric) -> String {
    let labels = step_labels(metric);
    let u = unit(metric);
    match &metric.rule {
        Rule::Tiers {
            tiers,
            otherwise,
            out_of,
            ..
        } => tiers
            .iter()
            .map(|t| t.points)
            .chain(std::iter::once(*otherwise))
            .zip(&labels)
            .map(|(points, label)| format!("{label} = {}", pts(metric, points, *out_of)))
            .collect::<Vec<_>>()
            .join(", "),
        Rule::Linear { floor, target } => format!(
            "{}{u} = {} rising in a straight line to {}{u} = {}",
            trim_number(*floor),
            pts(metric, 0.0, out_of(metric)),
            trim_number(*target),
            pts(metric, out_of(metric), out_of(metric))
        ),
        Rule::Categorical { values, out_of } => values
            .iter()
            .map(|c| format!("{} = {}", c.value, pts(metric, c.points, *out_of)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::{b2b_saas, dear};

    #[test]
    fn dear_tiers_read_like_the_literature() {
        let card = dear();
        assert_eq!(
            rule_sentence(&card.metrics[0]),
            "80+ = 20 pts, 50 to 80 = 13 pts, 20 to 50 = 6 pts, below 20 = 0 pts"
        );
        assert_eq!(
            rule_sentence(&card.metrics[3]),
            "80%+ = 10 pts, 50% to 80% = 6 pts, below 50% = 2 pts"
        );
    }

    #[test]
    fn sentences_follow_the_weight() {
        let mut metric = dear().metrics[2].clone();
        assert_eq!(
            rule_sentence(&metric),
            "Rising = 10 pts, Flat = 6 pts, Falling = 0 pts"
        );
        // Weighted away from the rule's own 10 points, both scales are in sight.
        metric.weight = 12.0;
        assert_eq!(
            rule_sentence(&metric),
            "Rising = 10/10 \u{2192} 12, Flat = 6/10 \u{2192} 7.2, Falling = 0/10 \u{2192} 0 (points of the score at weight 12)"
        );
        metric.weight = 0.0;
        assert_eq!(
            rule_sentence(&metric),
            "Weight 0: this metric does not count in the score. Its rule: Rising = 10/10, Flat = 6/10, Falling = 0/10"
        );
    }

    #[test]
    fn lower_is_better_and_linear_sentences() {
        let card = b2b_saas();
        assert_eq!(
            rule_sentence(&card.metrics[1]),
            "0 or less = 100/100 \u{2192} 20, over 0 to 2 = 70/100 \u{2192} 14, over 2 to 5 = 40/100 \u{2192} 8, over 5 = 0/100 \u{2192} 0 (points of the score at weight 20)"
        );
        assert_eq!(
            rule_sentence(&card.metrics[2]),
            "90 = 0 pts rising in a straight line to 7 = 20 pts"
        );
    }
}

/// The missing-value policy as a short phrase: "Missing scores 0", "Missing: left out, others rescaled".
pub fn missing_sentence(policy: &crate::MissingPolicy) -> String {
    match policy {
        crate::MissingPolicy::Zero => "Missing scores 0".to_owned(),
        crate::MissingPolicy::Value { score } => {
            format!("Missing scores {}", crate::validate::trim_number(*score))
        }
        crate::MissingPolicy::Exclude => "Missing: left out, others rescaled".to_owned(),
    }
}
