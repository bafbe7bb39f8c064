//! The scorecard's JSON text: pretty, stable, and with whole numbers written as `20`, not `20.0`.

use crate::model::Scorecard;
use serde_json::{Number, Value};

/// The scorecard as indented JSON for people to read and diff.
pub fn to_pretty_json(card: &Scorecard) -> String {
    // Serialising plain data with string keys cannot fail.
    let value = serde_json::to_value(card).unwrap_or(Value::Null);
    let mut text = serde_json::to_string_pretty(&whole_numbers(value)).unwrap_or_default();
    text.push('\n');
    text
}

/// Rewrites floats with no fraction as integers, recursively.
fn whole_numbers(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => Value::Number(Number::from(f as i64)),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(whole_numbers).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, whole_numbers(v)))
                .collect(),
        ),
        other => other,
    }
}
