//! Scores accounts against a validated scorecard, explaining every point.
//!
//! Each metric turns its raw value into a 0-100 sub-score; the account's
//! score is the sum of weight x sub-score / 100. Every result keeps each
//! metric's raw value, the rule step it hit and its points, so the UI can
//! explain any score without recomputing it.

use crate::cell::is_missing;
use crate::dates::{days_since, days_until, read_date, DateCell};
pub use crate::mapping::{ColumnMap, Source};
use crate::model::{Choice, Direction, Input, Metric, MissingPolicy, ReadAs, Rule, Scorecard};
use crate::number::{read_number_as, DecimalMark, NumberCell};
use crate::table::Table;
use crate::validate::{band_index, ValidScorecard};

/// Why a metric had no value for an account.
#[derive(Debug, Clone, PartialEq)]
pub enum MissingReason {
    /// The user said the data has no column for this metric: its policy applies.
    NoColumn,
    /// No column is mapped yet: the metric is left out until the user picks one.
    Unmapped,
    /// The cell is blank or says n/a.
    Blank,
    /// The cell holds text that is not a number (or not a date, for a date metric).
    NotANumber(String),
    /// A number that reads differently with a decimal point or a decimal comma (`1.234`),
    /// or a date with day and month both 12 or less, while the column's format is unknown.
    Ambiguous(String),
    /// A date metric with no as-of date to count from.
    NoAsOf,
    /// A ratio whose denominator is zero.
    ZeroDenominator,
    /// A categorical value the rule does not list.
    UnknownValue(String),
}

/// What a metric's rule did with the account's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The value hit step `step` of the rule: tier index (tiers.len() for
    /// "otherwise"), choice index, or 0 for linear.
    Scored {
        /// Which step of the rule.
        step: usize,
    },
    /// The value was missing and the policy gave a sub-score.
    Imputed(MissingReason),
    /// The value was missing and the metric was left out; the others were rescaled.
    Excluded(MissingReason),
}

/// One metric's part in one account's score.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricScore {
    /// The number the rule read (a ratio is already divided), if any.
    pub value: Option<f64>,
    /// 0-100, or None when excluded.
    pub sub_score: Option<f64>,
    /// Weight after rescaling (equals the metric's weight unless some metric was excluded).
    pub effective_weight: f64,
    /// Points contributed to the score: effective weight x sub-score / 100.
    pub points: f64,
    /// What happened.
    pub outcome: Outcome,
}

/// One account's score and its explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountScore {
    /// Position of the row in the table.
    pub row: usize,
    /// The account's name.
    pub name: String,
    /// 0-100, or None when every metric was excluded.
    pub score: Option<f64>,
    /// Index into the scorecard's bands.
    pub band: Option<usize>,
    /// Index into the scorecard's grades.
    pub grade: Option<usize>,
    /// Per metric, in scorecard order.
    pub metrics: Vec<MetricScore>,
}

impl AccountScore {
    /// Ids of the metrics whose value was missing, in scorecard order.
    pub fn missing<'c>(&self, card: ValidScorecard<'c>) -> Vec<&'c str> {
        card.card()
            .metrics
            .iter()
            .zip(&self.metrics)
            .filter(|(_, m)| !matches!(m.outcome, Outcome::Scored { .. }))
            .map(|(metric, _)| metric.id.as_str())
            .collect()
    }
}

/// Scores every row of the table.
pub fn score_table(card: ValidScorecard<'_>, table: &Table) -> Vec<AccountScore> {
    score_table_with(card, table, &ColumnMap::resolve(card.card(), table))
}

/// Scores every row of the table with columns already resolved (and dated, see [`ColumnMap::on`]).
pub fn score_table_with(
    card: ValidScorecard<'_>,
    table: &Table,
    columns: &ColumnMap,
) -> Vec<AccountScore> {
    (0..table.len())
        .map(|row| score_row(card, table, columns, row))
        .collect()
}

/// Scores one row, given the column map for its table.
pub fn score_row(
    card: ValidScorecard<'_>,
    table: &Table,
    columns: &ColumnMap,
    row: usize,
) -> AccountScore {
    combine(card, &read_row(&card.card().metrics, table, columns, row))
}

/// What every metric's rule made of one account's data, before weights.
///
/// Reading is the costly half of scoring (parsing cells); it depends only on
/// the metrics' inputs and rules, so a weight drag reuses it and only runs
/// [`combine`], which is a few multiplications per account.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountReading {
    /// Position of the row in the table.
    pub row: usize,
    /// The account's name.
    pub name: String,
    /// Per metric, in scorecard order.
    pub metrics: Vec<Reading>,
}

/// One metric's reading of one account.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The number the rule read (a ratio is already divided), if any.
    pub value: Option<f64>,
    /// (step hit, sub-score 0-100), or why there was no value.
    pub result: Result<(usize, f64), MissingReason>,
}

/// Reads every row of the table with every metric's input and rule.
pub fn read_table(card: &Scorecard, table: &Table) -> Vec<AccountReading> {
    let columns = ColumnMap::resolve(card, table);
    (0..table.len())
        .map(|row| read_row(&card.metrics, table, &columns, row))
        .collect()
}

/// Reads one row with every metric's input and rule.
pub fn read_row(
    metrics: &[Metric],
    table: &Table,
    columns: &ColumnMap,
    row: usize,
) -> AccountReading {
    AccountReading {
        row,
        name: table.cell(row, columns.name_column).trim().to_owned(),
        metrics: metrics
            .iter()
            .enumerate()
            .map(|(index, metric)| read_metric(metric, columns.of(index), table, row))
            .collect(),
    }
}

/// Applies weights, missing-value policies and bands to one account's reading.
/// The reading must come from this card's metrics, in order.
pub fn combine(card: ValidScorecard<'_>, reading: &AccountReading) -> AccountScore {
    let scorecard = card.card();
    let included_weight: f64 = scorecard
        .metrics
        .iter()
        .zip(&reading.metrics)
        .filter(|(metric, r)| !left_out(metric, r))
        .map(|(metric, _)| metric.weight)
        .sum();
    let scale = if included_weight > 0.0 {
        100.0 / included_weight
    } else {
        0.0
    };
    let metrics: Vec<MetricScore> = scorecard
        .metrics
        .iter()
        .zip(&reading.metrics)
        .map(|(metric, r)| finish(metric, r, metric.weight * scale))
        .collect();
    let score = (included_weight > 0.0).then(|| round_dust(metrics.iter().map(|m| m.points).sum()));
    AccountScore {
        row: reading.row,
        name: reading.name.clone(),
        score,
        band: score.and_then(|s| band_index(&scorecard.bands, s)),
        grade: score.and_then(|s| band_index(&scorecard.grades, s)),
        metrics,
    }
}

/// Whether a metric is left out of this account's score: its value is missing and its
/// policy says exclude, or it has no column mapped yet (never scored as 0).
fn left_out(metric: &Metric, reading: &Reading) -> bool {
    match &reading.result {
        Ok(_) => false,
        Err(MissingReason::Unmapped) => true,
        Err(_) => metric.missing == MissingPolicy::Exclude,
    }
}

/// Rounds away floating-point dust so that points adding up to exactly 75 land
/// in the band starting at 75, not at 74.99999999999999 in the one below.
///
/// Ties go to even (`round_ties_even` is one WebAssembly instruction; `round` is a library
/// call), and the column engine rounds the same way, so the two agree to the bit.
pub(crate) fn round_dust(score: f64) -> f64 {
    (score * 1e6).round_ties_even() / 1e6
}

fn finish(metric: &Metric, reading: &Reading, effective_weight: f64) -> MetricScore {
    let (sub_score, outcome) = match &reading.result {
        Ok((step, sub)) => (Some(*sub), Outcome::Scored { step: *step }),
        Err(MissingReason::Unmapped) => (None, Outcome::Excluded(MissingReason::Unmapped)),
        Err(reason) => match metric.missing.imputed() {
            Some(sub) => (Some(sub), Outcome::Imputed(reason.clone())),
            None => (None, Outcome::Excluded(reason.clone())),
        },
    };
    let effective_weight = if sub_score.is_some() {
        effective_weight
    } else {
        0.0
    };
    MetricScore {
        value: reading.value,
        sub_score,
        effective_weight,
        points: sub_score.map_or(0.0, |s| effective_weight / 100.0 * s),
        outcome,
    }
}

/// Reads one metric's cells in one row of the table.
pub fn read_metric(
    metric: &Metric,
    source: Result<Source<'_>, MissingReason>,
    table: &Table,
    row: usize,
) -> Reading {
    let source = match source {
        Ok(source) => source,
        Err(reason) => {
            return Reading {
                value: None,
                result: Err(reason),
            }
        }
    };
    let cell = |i: usize| source.columns.get(i).map_or("", |&c| table.cell(row, c));
    if let Rule::Categorical { values, out_of } = &metric.rule {
        return Reading {
            value: None,
            result: categorical(values, *out_of, cell(0)),
        };
    }
    let value = match &metric.input {
        Input::Column(_) => value_of(metric.read, cell(0), &source, 0),
        Input::Ratio { .. } => ratio(
            value_of(metric.read, cell(0), &source, 0),
            value_of(ReadAs::Number, cell(1), &source, 1),
        ),
    };
    Reading {
        value: value.as_ref().ok().copied(),
        result: value.map(|v| numeric(&metric.rule, v)),
    }
}

/// The number a metric reads from one cell of its `index`-th column.
fn value_of(
    read: ReadAs,
    cell: &str,
    source: &Source<'_>,
    index: usize,
) -> Result<f64, MissingReason> {
    match read {
        ReadAs::Number => number(cell, source.mark(index)),
        ReadAs::Fraction => number(cell, source.mark(index)).map(|v| v * 100.0),
        ReadAs::DaysSince | ReadAs::DaysUntil => {
            let days = match read_date(cell, source.order(index)) {
                DateCell::Days(days) => return Ok(days),
                DateCell::Date(day) => day,
                DateCell::Missing => return Err(MissingReason::Blank),
                DateCell::Unreadable => {
                    return Err(MissingReason::NotANumber(cell.trim().to_owned()))
                }
                DateCell::Ambiguous { .. } => {
                    return Err(MissingReason::Ambiguous(cell.trim().to_owned()))
                }
            };
            let as_of = source.as_of.ok_or(MissingReason::NoAsOf)?;
            Ok(if read == ReadAs::DaysSince {
                days_since(days, as_of)
            } else {
                days_until(days, as_of)
            })
        }
    }
}

fn number(cell: &str, mark: Option<DecimalMark>) -> Result<f64, MissingReason> {
    match read_number_as(cell, mark) {
        NumberCell::Number(v) => Ok(v),
        NumberCell::Missing => Err(MissingReason::Blank),
        NumberCell::Unreadable => Err(MissingReason::NotANumber(cell.trim().to_owned())),
        NumberCell::Ambiguous { .. } => Err(MissingReason::Ambiguous(cell.trim().to_owned())),
    }
}

fn ratio(
    top: Result<f64, MissingReason>,
    bottom: Result<f64, MissingReason>,
) -> Result<f64, MissingReason> {
    let (top, bottom) = (top?, bottom?);
    if bottom == 0.0 {
        return Err(MissingReason::ZeroDenominator);
    }
    Ok(top / bottom * 100.0)
}

fn categorical(values: &[Choice], out_of: f64, raw: &str) -> Result<(usize, f64), MissingReason> {
    let wanted = raw.trim().to_lowercase();
    // A listed value wins over a "no value" token, so a choice called "None" works.
    match values.iter().position(|choice| choice.matches(&wanted)) {
        Some(step) => Ok((step, values[step].points / out_of * 100.0)),
        None if is_missing(raw) => Err(MissingReason::Blank),
        None => Err(MissingReason::UnknownValue(raw.trim().to_owned())),
    }
}

/// Applies a numeric rule: (step hit, sub-score 0-100).
pub fn numeric(rule: &Rule, value: f64) -> (usize, f64) {
    match rule {
        Rule::Tiers {
            direction,
            tiers,
            otherwise,
            out_of,
        } => {
            let hit = tiers.iter().position(|tier| match direction {
                Direction::HigherIsBetter => value >= tier.threshold,
                Direction::LowerIsBetter => value <= tier.threshold,
            });
            let points = hit.map_or(*otherwise, |i| tiers[i].points);
            (hit.unwrap_or(tiers.len()), points / out_of * 100.0)
        }
        Rule::Linear { floor, target } => {
            let fraction = (value - floor) / (target - floor);
            (0, fraction.clamp(0.0, 1.0) * 100.0)
        }
        // Categorical rules read text; a number here scores as its text would.
        Rule::Categorical { values, out_of } => {
            categorical(values, *out_of, &value.to_string()).unwrap_or((values.len(), 0.0))
        }
    }
}
