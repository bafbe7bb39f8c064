//! The scorecard as plain serde data: metrics, rules, missing-value policies, bands and grades.
//!
//! The JSON this produces is the saved, exported and shared format, so every
//! field name is written for a person reading a diff. `docs/scorecard-format.md`
//! documents it field by field.

use serde::{Deserialize, Serialize};

/// The format version this build writes. Older versions are migrated on load
/// (see `file::migrate`): 1 held a band's playbook as one free text; 2 had no
/// data settings (column mappings, carried columns, as-of date), value aliases
/// or ways of reading a cell other than as a number.
pub const FORMAT_VERSION: u32 = 3;

/// A complete customer health scorecard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scorecard {
    /// Format version of this document; see [`FORMAT_VERSION`].
    pub version: u32,
    /// Display name, also the file name on export.
    pub name: String,
    /// Free text: what the scorecard is for, where its thresholds came from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The metrics, in display order. Their weights total 100.
    pub metrics: Vec<Metric>,
    /// Score bands (red / yellow / green ...), ascending by `from`, covering 0-100.
    pub bands: Vec<Band>,
    /// Letter grades, ascending by `from`, covering 0-100. May be empty.
    #[serde(default)]
    pub grades: Vec<Band>,
    /// How this card reads a data export: which column each input maps to, the
    /// account id and carried columns, the "as of" date for date metrics.
    #[serde(default, skip_serializing_if = "DataSettings::is_empty")]
    pub data: DataSettings,
}

/// How a scorecard reads the accounts' columns, saved with it so that a colleague's
/// export with different headers is mapped once and stays mapped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSettings {
    /// Inputs the user mapped by hand: a metric's column name to the data's header.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mappings: Vec<Mapping>,
    /// How particular columns are written: decimal mark, day and month order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<ColumnFormat>,
    /// The date "days since" and "days until" count from (`YYYY-MM-DD`); today when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The column that identifies an account (an id from the CRM), carried into exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_column: Option<String>,
    /// Columns shown beside the score and written to the scores CSV (owner, plan, renewal).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<String>,
    /// The column holding annual recurring revenue, totalled per band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arr_column: Option<String>,
    /// The column saying which accounts churned: the evidence the score is judged by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<OutcomeColumn>,
}

/// The column that records what happened to each account, and which cells mean "churned".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeColumn {
    /// The data's header.
    pub column: String,
    /// The cell text meaning churned (`yes`, `1`, `true`, `churned`), trimmed and
    /// case-insensitive; any other non-blank cell means retained, a blank one unknown.
    /// Absent: any non-blank cell (a churn date) means churned, a blank one retained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub churned_value: Option<String>,
}

impl DataSettings {
    /// True when nothing is set (the default, not written to files).
    pub fn is_empty(&self) -> bool {
        *self == DataSettings::default()
    }

    /// The saved mapping of an input column, if the user made one.
    pub fn mapping(&self, input: &str) -> Option<&Mapping> {
        self.mappings.iter().find(|m| m.input == input)
    }

    /// How `column` is written, if the user said.
    pub fn format(&self, column: &str) -> Option<&ColumnFormat> {
        self.formats.iter().find(|f| f.column == column)
    }
}

/// A metric input the user mapped to a data column by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The column name the metric's input names (`Input::Column`, a ratio's part).
    pub input: String,
    /// The data's header it reads; `null` to score the metric by its missing-value
    /// policy because the data has no such column.
    pub column: Option<String>,
}

/// How one data column writes its numbers and dates, when the cells alone cannot tell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnFormat {
    /// The data's header.
    pub column: String,
    /// `1.234,5` (comma) or `1,234.5` (point).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimal: Option<crate::number::DecimalMark>,
    /// `03/04/2026` is 3 April (day first) or 4 March (month first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_month: Option<crate::dates::DayMonth>,
}

/// One signal that feeds the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    /// Stable identifier, unique within the scorecard (`core_usage`).
    pub id: String,
    /// Display name ("Core-feature usage").
    pub name: String,
    /// DEAR category or a custom one.
    pub category: Category,
    /// Leading indicators predict churn; lagging ones confirm it.
    pub signal: Signal,
    /// Share of the total score, 0-100; all weights total 100.
    pub weight: f64,
    /// Which data column(s) the metric reads.
    pub input: Input,
    /// How the raw value becomes a 0-100 sub-score.
    pub rule: Rule,
    /// What happens when the value is missing or unreadable.
    pub missing: MissingPolicy,
    /// How a cell becomes the number the rule reads; a number as written unless said.
    #[serde(default, skip_serializing_if = "ReadAs::is_number")]
    pub read: ReadAs,
    /// Pinned: dragging other weights never moves this one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub locked: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// The DEAR model's categories, plus any custom one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Setup, onboarding, integration: is the product in place?
    Deployment,
    /// Relationship: meetings, champion, sentiment.
    Engagement,
    /// Usage: logins, core features, seats in use.
    Adoption,
    /// Outcomes and commercial value.
    Roi,
    /// A category of the user's own.
    Custom(String),
}

impl Category {
    /// The name shown to users.
    pub fn label(&self) -> &str {
        match self {
            Category::Deployment => "Deployment",
            Category::Engagement => "Engagement",
            Category::Adoption => "Adoption",
            Category::Roi => "ROI",
            Category::Custom(name) => name,
        }
    }
}

/// Whether a metric predicts (leading) or confirms (lagging) churn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// Moves before the outcome: usage, trend, logins.
    Leading,
    /// Moves with or after the outcome: NPS, renewals, payments.
    Lagging,
}

/// The data a metric reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// One column, by header name.
    Column(String),
    /// One column divided by another, as a percentage (active users / licensed
    /// seats x 100), so that contract size does not flatter big accounts.
    /// A zero denominator is a missing value.
    Ratio {
        /// Header of the numerator column.
        numerator: String,
        /// Header of the denominator column.
        denominator: String,
    },
}

impl Input {
    /// The column headers this input reads, in order.
    pub fn columns(&self) -> Vec<&str> {
        match self {
            Input::Column(c) => vec![c.as_str()],
            Input::Ratio {
                numerator,
                denominator,
            } => vec![numerator.as_str(), denominator.as_str()],
        }
    }
}

/// How a metric's cells become the number its rule reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadAs {
    /// The number as written: `80%` is 80, `32k` is 32,000.
    #[default]
    Number,
    /// Fractions meant as percentages: `0.76` is 76.
    Fraction,
    /// A date, as the days from it to the as-of date (`10 days` reads as 10).
    DaysSince,
    /// A date, as the days from the as-of date to it (a renewal date).
    DaysUntil,
}

impl ReadAs {
    /// True for the default, plain numbers.
    pub fn is_number(&self) -> bool {
        *self == ReadAs::Number
    }

    /// True when cells are dates.
    pub fn is_date(&self) -> bool {
        matches!(self, ReadAs::DaysSince | ReadAs::DaysUntil)
    }
}

/// Which way a numeric metric improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is healthier (usage, logins).
    HigherIsBetter,
    /// Less is healthier (open P1 tickets, days since last contact).
    LowerIsBetter,
}

/// How a raw value becomes a sub-score from 0 to 100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// Step thresholds, best tier first: "80%+ = 20 / 50-79% = 13 / below = 0".
    ///
    /// Points are out of `out_of` (the scale the literature states them in);
    /// the sub-score is `points / out_of x 100`. A value exactly on a
    /// threshold belongs to the better tier.
    Tiers {
        /// Which way the metric improves.
        direction: Direction,
        /// Tiers from best to worst.
        tiers: Vec<Tier>,
        /// Points for a value that reaches no tier.
        otherwise: f64,
        /// The scale of `points` (20 for a 20-point metric, 100 for a sub-score).
        out_of: f64,
    },
    /// Straight line from `floor` (sub-score 0) to `target` (sub-score 100),
    /// clamped. A floor above the target means lower is better.
    Linear {
        /// Raw value scoring 0.
        floor: f64,
        /// Raw value scoring 100.
        target: f64,
    },
    /// Text values to points, trimmed and case-insensitive. An unknown value is missing.
    Categorical {
        /// The recognised values and their points.
        values: Vec<Choice>,
        /// The scale of `points`.
        out_of: f64,
    },
}

/// One step of a tiers rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Higher is better: values at or above this. Lower is better: at or below.
    pub threshold: f64,
    /// Points for a value in this tier, out of the rule's `out_of`.
    pub points: f64,
}

/// One value of a categorical rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The text as it appears in the data ("Rising").
    pub value: String,
    /// Points for that text, out of the rule's `out_of`.
    pub points: f64,
    /// Other spellings read as this value (`Presnt` for `Present`), chosen by the user.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Choice {
    /// A value with no aliases.
    pub fn new(value: &str, points: f64) -> Choice {
        Choice {
            value: value.to_owned(),
            points,
            aliases: Vec::new(),
        }
    }

    /// Whether `text` (trimmed, lowercased) names this value or one of its aliases.
    pub fn matches(&self, key: &str) -> bool {
        self.value.trim().to_lowercase() == key
            || self.aliases.iter().any(|a| a.trim().to_lowercase() == key)
    }
}

/// What to do with a missing or unreadable value, decided in advance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "policy", rename_all = "snake_case", deny_unknown_fields)]
pub enum MissingPolicy {
    /// Score the metric 0: no data is treated as bad news.
    Zero,
    /// Score the metric at a fixed sub-score (0-100), e.g. a neutral 50.
    Value {
        /// The sub-score to use.
        score: f64,
    },
    /// Leave the metric out and rescale the remaining weights to 100.
    Exclude,
}

impl MissingPolicy {
    /// The sub-score a missing value gets, or None when the metric is left out.
    pub fn imputed(&self) -> Option<f64> {
        match self {
            MissingPolicy::Zero => Some(0.0),
            MissingPolicy::Value { score } => Some(*score),
            MissingPolicy::Exclude => None,
        }
    }
}

/// One score band or letter grade: it starts at `from` and runs up to the next one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// "Green", "At risk", "A".
    pub label: String,
    /// CSS colour, `#rrggbb`.
    pub colour: String,
    /// Lowest score in the band (inclusive).
    pub from: f64,
    /// What to do for accounts in this band: owner, response time, plays, don'ts.
    #[serde(default, skip_serializing_if = "Playbook::is_empty")]
    pub playbook: Playbook,
}

/// The action a band triggers: a score nobody acts on is decoration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    /// Who acts ("CSM", "Account executive and CS lead").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// How fast the first response comes ("within 2 business days").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub first_response: String,
    /// What to do.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub plays: String,
    /// What not to do.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub donts: String,
}

impl Playbook {
    /// True when every field is the empty string (whitespace counts as content,
    /// so that export then import gives back exactly what was typed).
    pub fn is_empty(&self) -> bool {
        [&self.owner, &self.first_response, &self.plays, &self.donts]
            .iter()
            .all(|f| f.is_empty())
    }

    /// One line for tooltips and summaries: "Owner: CSM. First response: 2 days. Plays: ...".
    pub fn summary(&self) -> String {
        [
            ("Owner", &self.owner),
            ("First response", &self.first_response),
            ("Plays", &self.plays),
            ("Don'ts", &self.donts),
        ]
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}: {}", v.trim()))
        .collect::<Vec<_>>()
        .join(". ")
    }
}

impl Band {
    /// A band with no playbook.
    pub fn new(label: &str, colour: &str, from: f64) -> Band {
        Band {
            label: label.to_owned(),
            colour: colour.to_owned(),
            from,
            playbook: Playbook::default(),
        }
    }
}

/// The standard letter grades: F below 60, D 60, C 70, B 80, A 90.
pub fn letter_grades() -> Vec<Band> {
    vec![
        Band::new("F", "#b91c1c", 0.0),
        Band::new("D", "#ea580c", 60.0),
        Band::new("C", "#ca8a04", 70.0),
        Band::new("B", "#65a30d", 80.0),
        Band::new("A", "#15803d", 90.0),
    ]
}

impl Scorecard {
    /// Sum of all metric weights.
    pub fn total_weight(&self) -> f64 {
        self.metrics.iter().map(|m| m.weight).sum()
    }

    /// Total weight per category, in order of first appearance.
    pub fn category_weights(&self) -> Vec<(Category, f64)> {
        let mut totals: Vec<(Category, f64)> = Vec::new();
        for metric in &self.metrics {
            match totals.iter_mut().find(|(c, _)| *c == metric.category) {
                Some((_, total)) => *total += metric.weight,
                None => totals.push((metric.category.clone(), metric.weight)),
            }
        }
        totals
    }
}
