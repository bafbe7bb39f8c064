//! Scores accounts against a validated scorecard, explaining every point.
//!
//! Each metric turns its raw value into a 0-100 sub-score; the account's
//! score is the sum of weight x sub-score / 100. Every result keeps each
//! metric's raw value, the rule step it hit and its points, so the UI can
//! explain any score without recomputing it.

use crate::cell::{is_missing, read_number, CellNumber};
use crate::model::{Choice, Direction, Input, Metric, MissingPolicy, Rule};
use crate::table::Table;
use crate::validate::{band_index, ValidScorecard};

/// Which columns of a table each metric reads, resolved once per table.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMap {
    /// Per metric, in scorecard order: column indexes, or None if a column is absent.
    pub metrics: Vec<Option<Vec<usize>>>,
    /// The column holding account names.
    pub name_column: usize,
}

impl ColumnMap {
    /// Matches each metric's columns to the table's headers by name, case
    /// and punctuation aside.
    pub fn resolve(metrics: &[Metric], table: &Table) -> ColumnMap {
        let metrics = metrics
            .iter()
            .map(|metric| {
                metric
                    .input
                    .columns()
                    .iter()
                    .map(|name| table.column_index(name))
                    .collect::<Option<Vec<usize>>>()
            })
            .collect();
        ColumnMap {
            metrics,
            name_column: table.name_column(),
        }
    }

    /// Headers that no metric reads (and that are not the name column).
    pub fn unused_columns<'t>(&self, table: &'t Table) -> Vec<&'t str> {
        table
            .headers
            .iter()
            .enumerate()
            .filter(|(index, _)| {
                *index != self.name_column
                    && !self
                        .metrics
                        .iter()
                        .flatten()
                        .any(|cols| cols.contains(index))
            })
            .map(|(_, header)| header.as_str())
            .collect()
    }
}

/// Why a metric had no value for an account.
#[derive(Debug, Clone, PartialEq)]
pub enum MissingReason {
    /// The metric's column is not in the data.
    NoColumn,
    /// The cell is blank or says n/a.
    Blank,
    /// The cell holds text that is not a number.
    NotANumber(String),
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
    read_table(&card.card().metrics, table)
        .iter()
        .map(|reading| combine(card, reading))
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
pub fn read_table(metrics: &[Metric], table: &Table) -> Vec<AccountReading> {
    let columns = ColumnMap::resolve(metrics, table);
    (0..table.len())
        .map(|row| read_row(metrics, table, &columns, row))
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
            .zip(&columns.metrics)
            .map(|(metric, cols)| read_metric(metric, cols.as_deref(), table, row))
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
        .filter(|(metric, r)| !(r.result.is_err() && metric.missing == MissingPolicy::Exclude))
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
    columns: Option<&[usize]>,
    table: &Table,
    row: usize,
) -> Reading {
    let Some(columns) = columns else {
        return Reading {
            value: None,
            result: Err(MissingReason::NoColumn),
        };
    };
    let cell = |i: usize| columns.get(i).map_or("", |&c| table.cell(row, c));
    if let Rule::Categorical { values, out_of } = &metric.rule {
        return Reading {
            value: None,
            result: categorical(values, *out_of, cell(0)),
        };
    }
    let value = match &metric.input {
        Input::Column(_) => number(cell(0)),
        Input::Ratio { .. } => ratio(cell(0), cell(1)),
    };
    Reading {
        value: value.as_ref().ok().copied(),
        result: value.map(|v| numeric(&metric.rule, v)),
    }
}

fn number(cell: &str) -> Result<f64, MissingReason> {
    match read_number(cell) {
        CellNumber::Number(v) => Ok(v),
        CellNumber::Missing => Err(MissingReason::Blank),
        CellNumber::Unreadable => Err(MissingReason::NotANumber(cell.trim().to_owned())),
    }
}

fn ratio(numerator: &str, denominator: &str) -> Result<f64, MissingReason> {
    let top = number(numerator)?;
    let bottom = number(denominator)?;
    if bottom == 0.0 {
        return Err(MissingReason::ZeroDenominator);
    }
    Ok(top / bottom * 100.0)
}

fn categorical(values: &[Choice], out_of: f64, raw: &str) -> Result<(usize, f64), MissingReason> {
    let wanted = raw.trim().to_lowercase();
    // A listed value wins over a "no value" token, so a choice called "None" works.
    match values
        .iter()
        .position(|choice| choice.value.trim().to_lowercase() == wanted)
    {
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
