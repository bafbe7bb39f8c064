//! Exports a validated scorecard as one SQL query, so the same scores run in a warehouse.
//!
//! [`export_sql`] writes a single `SELECT` (a chain of CTEs) over an accounts table, or a
//! dbt model over a `{{ source() }}` / `{{ ref() }}`, that returns per account the name,
//! every metric's sub-score and points, the score, band, grade and the metrics that were
//! missing, with the core's semantics: tiers with "on the threshold belongs to the better
//! tier", clamped linear rules either way, categorical values trimmed and case-insensitive
//! with aliases, ratios with a zero denominator missing, the three missing-value policies
//! (no score when every metric is excluded), and the core's floating-point operation order,
//! so scores agree to 1e-9 and bands exactly. `docs/warehouse.md` is the user's guide;
//! `scripts/sql_test.sh` checks the output against the core in PostgreSQL and DuckDB.
//!
//! What SQL reads of a cell is narrower than the app: plain numbers (`1234.5`, `-0.5e3`,
//! `1,234,567.5`, `12,5` and a trailing `%`), `YYYY-MM-DD` dates, and text values. The header
//! comment of every export lists what it does not read.

mod dialect;
mod expr;
mod quote;

pub use dialect::{Dialect, UnknownDialect};

use crate::dates::Day;
use crate::model::{Input, Metric, MissingPolicy, ReadAs, Rule, Scorecard};
use crate::number::DecimalMark;
use crate::validate::ValidScorecard;
use expr::Exprs;
use thiserror::Error;

/// Where the exported query reads its accounts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqlSource {
    /// A table or view, as a dotted path (`analytics.accounts`); each part is quoted.
    Table(String),
    /// A dbt model reading `{{ source('source', 'table') }}`.
    DbtSource {
        /// The dbt source name.
        source: String,
        /// The table within it.
        table: String,
    },
    /// A dbt model reading `{{ ref('model') }}`.
    DbtRef(String),
}

/// How to write the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlOptions {
    /// The database the query is for.
    pub dialect: Dialect,
    /// The accounts table (or dbt placeholder).
    pub source: SqlSource,
    /// The column naming each account; the card's `data.id_column` when None, else `account`.
    pub name_column: Option<String>,
}

impl SqlOptions {
    /// Options for a plain table in `dialect`.
    pub fn table(dialect: Dialect, table: &str) -> SqlOptions {
        SqlOptions {
            dialect,
            source: SqlSource::Table(table.to_owned()),
            name_column: None,
        }
    }
}

/// Why a query could not be written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SqlError {
    /// A name or value holds a NUL character, which no database stores.
    #[error("\"{0}\" holds a NUL character, which SQL cannot hold")]
    NulCharacter(String),
    /// A table path with an empty part.
    #[error("table name \"{0}\" has an empty part")]
    BadTable(String),
    /// A dbt name that is not letters, digits and underscores.
    #[error("dbt name \"{0}\" must be letters, digits and underscores")]
    BadDbtName(String),
}

/// The query for `card`, as text: a header comment, then one `SELECT`.
///
/// Output columns: the account name (`account`), per metric `<id>_sub_score` (0-100) and
/// `<id>_points` (NULL when the metric was excluded), `score` (NULL when every metric was
/// excluded), `band`, `grade` (when the card has grades) and `missing` (ids of the metrics
/// whose value was missing, joined by `; `). For the app's "Export as SQL" button.
pub fn export_sql(card: ValidScorecard<'_>, options: &SqlOptions) -> Result<String, SqlError> {
    let card = card.card();
    let query = Query::new(card, options)?;
    Ok(format!("{}{}", header(card, options), query.text()?))
}

/// One input column the query reads, and the alias of its trimmed text.
struct Column {
    name: String,
    alias: String,
}

/// Everything the query needs to know, gathered once.
struct Query<'a> {
    card: &'a Scorecard,
    options: &'a SqlOptions,
    x: Exprs,
    columns: Vec<Column>,
}

impl<'a> Query<'a> {
    fn new(card: &'a Scorecard, options: &'a SqlOptions) -> Result<Query<'a>, SqlError> {
        let mut columns: Vec<Column> = Vec::new();
        for metric in &card.metrics {
            for input in metric.input.columns() {
                if let Some(name) = mapped(card, input) {
                    if !columns.iter().any(|c| c.name == name) {
                        let alias = format!("c{}", columns.len() + 1);
                        columns.push(Column { name, alias });
                    }
                }
            }
        }
        Ok(Query {
            card,
            options,
            x: Exprs {
                dialect: options.dialect,
            },
            columns,
        })
    }

    fn dialect(&self) -> Dialect {
        self.options.dialect
    }

    fn id(&self, name: &str) -> Result<String, SqlError> {
        quote::identifier(self.dialect(), name)
    }

    fn alias_of(&self, input: &str) -> Option<&str> {
        let name = mapped(self.card, input)?;
        self.columns
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.alias.as_str())
    }

    fn text(&self) -> Result<String, SqlError> {
        let pg = self.dialect() == Dialect::Postgres;
        let mut ctes = Vec::new();
        if pg {
            ctes.push(format!(
                "hs_limits AS (\n  SELECT CAST('{}' AS numeric) AS overflow, CAST('{}' AS numeric) AS underflow\n)",
                expr::OVERFLOW,
                expr::underflow()
            ));
        }
        ctes.push(format!(
            "hs_spaces AS (\n  SELECT {} AS ws\n)",
            self.x.whitespace()
        ));
        ctes.push(format!("cells AS (\n{}\n)", self.cells()?));
        let limits = if pg { " CROSS JOIN hs_limits" } else { "" };
        ctes.push(format!(
            "readings AS (\n  SELECT *,\n{}\n  FROM cells{limits}\n)",
            self.per_metric(|i, m| self.reading(i, m))?
        ));
        ctes.push(format!(
            "subs AS (\n  SELECT account,\n{}\n  FROM readings\n)",
            self.per_metric(|i, m| self.sub(i, m))?
        ));
        ctes.push(format!(
            "imputed AS (\n  SELECT account,\n{}\n  FROM subs\n)",
            self.per_metric(|i, m| Ok(self.imputed(i, m)))?
        ));
        ctes.push(format!(
            "weighted AS (\n  SELECT *, {} AS included\n  FROM imputed\n)",
            self.sum(|i, m| {
                format!(
                    "CASE WHEN u{i} IS NULL THEN {} ELSE {} END",
                    self.lit(0.0),
                    self.lit(m.weight)
                )
            })
        ));
        ctes.push(format!(
            "scaled AS (\n  SELECT *, CASE WHEN included > {zero} THEN {} / included ELSE {zero} END AS scale\n  FROM weighted\n)",
            self.lit(100.0),
            zero = self.lit(0.0)
        ));
        ctes.push(format!(
            "pointed AS (\n  SELECT *,\n{}\n  FROM scaled\n)",
            self.per_metric(|i, m| Ok(format!(
                "    {} * scale / {} * u{i} AS p{i}",
                self.lit(m.weight),
                self.lit(100.0)
            )))?
        ));
        ctes.push(format!(
            "totalled AS (\n  SELECT *, ({}) * {} AS r\n  FROM pointed\n)",
            self.sum(|i, _| format!("COALESCE(p{i}, {})", self.lit(0.0))),
            self.lit(1e6)
        ));
        ctes.push(format!(
            "scored AS (\n  SELECT *, CASE WHEN included > {} THEN {} END AS score\n  FROM totalled\n)",
            self.lit(0.0),
            self.x.round_dust("r")
        ));
        // PostgreSQL and DuckDB would inline each CTE into the next, repeating the cell
        // readings in every CASE branch that names them: MATERIALIZED computes each step once.
        let opening = match self.dialect() {
            Dialect::Postgres | Dialect::DuckDb => " AS MATERIALIZED (\n",
            Dialect::BigQuery | Dialect::Snowflake => " AS (\n",
        };
        let ctes: Vec<String> = ctes
            .iter()
            .map(|cte| cte.replacen(" AS (\n", opening, 1))
            .collect();
        Ok(format!("WITH\n{}\n{}\n", ctes.join(",\n"), self.select()?))
    }

    fn lit(&self, value: f64) -> String {
        quote::number(self.dialect(), value)
    }

    /// One line per metric, joined by commas.
    fn per_metric(
        &self,
        line: impl Fn(usize, &Metric) -> Result<String, SqlError>,
    ) -> Result<String, SqlError> {
        let lines: Result<Vec<String>, SqlError> = self
            .card
            .metrics
            .iter()
            .enumerate()
            .map(|(i, m)| line(i + 1, m))
            .collect();
        Ok(lines?.join(",\n"))
    }

    /// A left-to-right sum over the metrics, in scorecard order (the core's order).
    fn sum(&self, term: impl Fn(usize, &Metric) -> String) -> String {
        self.card
            .metrics
            .iter()
            .enumerate()
            .map(|(i, m)| term(i + 1, m))
            .collect::<Vec<_>>()
            .join(" + ")
    }

    fn cells(&self) -> Result<String, SqlError> {
        let name = self
            .options
            .name_column
            .clone()
            .or_else(|| self.card.data.id_column.clone())
            .unwrap_or_else(|| "account".to_owned());
        let mut lines = vec![format!(
            "    {} AS account",
            self.x.trimmed(&self.id(&name)?)
        )];
        for column in &self.columns {
            lines.push(format!(
                "    {} AS {}",
                self.x.trimmed(&self.id(&column.name)?),
                column.alias
            ));
        }
        Ok(format!(
            "  SELECT\n{}\n  FROM {} CROSS JOIN hs_spaces",
            lines.join(",\n"),
            self.from()?
        ))
    }

    fn from(&self) -> Result<String, SqlError> {
        match &self.options.source {
            SqlSource::Table(path) => quote::path(self.dialect(), path),
            SqlSource::DbtSource { source, table } => Ok(format!(
                "{{{{ source('{}', '{}') }}}}",
                dbt_name(source)?,
                dbt_name(table)?
            )),
            SqlSource::DbtRef(model) => Ok(format!("{{{{ ref('{}') }}}}", dbt_name(model)?)),
        }
    }

    fn as_of(&self) -> String {
        match self.card.data.as_of.as_deref().and_then(Day::parse_iso) {
            Some(day) => self.dialect().date_literal(&day.iso()),
            None => "CURRENT_DATE".to_owned(),
        }
    }

    fn mark(&self, input: &str) -> Option<DecimalMark> {
        let name = mapped(self.card, input)?;
        self.card.data.format(&name).and_then(|f| f.decimal)
    }

    /// The metric's value (`v<i>`): a double, or NULL when missing. Categorical metrics
    /// read their text in `subs` and get a NULL placeholder here.
    fn reading(&self, i: usize, metric: &Metric) -> Result<String, SqlError> {
        let null = format!("CAST(NULL AS {})", self.dialect().double_type());
        let value = |input: &str, read: ReadAs| -> Result<String, SqlError> {
            match self.alias_of(input) {
                Some(alias) => self.x.value(alias, read, self.mark(input), &self.as_of()),
                None => Ok(null.clone()),
            }
        };
        let expr = match (&metric.rule, &metric.input) {
            (Rule::Categorical { .. }, _) => null.clone(),
            (_, Input::Column(column)) => value(column, metric.read)?,
            (
                _,
                Input::Ratio {
                    numerator,
                    denominator,
                },
            ) => self.x.ratio(
                &format!("({})", value(numerator, metric.read)?),
                &format!("({})", value(denominator, ReadAs::Number)?),
            ),
        };
        Ok(format!("    {expr} AS v{i}"))
    }

    /// The metric's sub-score (`s<i>`, 0-100) from its rule, NULL when missing.
    fn sub(&self, i: usize, metric: &Metric) -> Result<String, SqlError> {
        let v = format!("v{i}");
        let expr = match &metric.rule {
            Rule::Tiers {
                direction,
                tiers,
                otherwise,
                out_of,
            } => self.x.tiers(&v, *direction, tiers, *otherwise, *out_of),
            Rule::Linear { floor, target } => self.x.linear(&v, *floor, *target),
            Rule::Categorical { values, out_of } => match &metric.input {
                Input::Column(column) => match self.alias_of(column) {
                    // `subs` reads from `readings`, which carries every cell column.
                    Some(alias) => self.x.categorical(alias, values, *out_of)?,
                    None => format!("CAST(NULL AS {})", self.dialect().double_type()),
                },
                // Validation refuses a categorical ratio.
                Input::Ratio { .. } => format!("CAST(NULL AS {})", self.dialect().double_type()),
            },
        };
        Ok(format!("    {expr} AS s{i}"))
    }

    /// The sub-score the score uses (`u<i>`): the rule's, else the policy's (NULL = excluded).
    fn imputed(&self, i: usize, metric: &Metric) -> String {
        let used = match metric.missing {
            MissingPolicy::Zero => format!("COALESCE(s{i}, {})", self.lit(0.0)),
            MissingPolicy::Value { score } => format!("COALESCE(s{i}, {})", self.lit(score)),
            MissingPolicy::Exclude => format!("s{i}"),
        };
        format!("    s{i}, {used} AS u{i}")
    }

    fn select(&self) -> Result<String, SqlError> {
        let mut lines = vec!["  account".to_owned()];
        for (i, metric) in self.card.metrics.iter().enumerate() {
            let i = i + 1;
            lines.push(format!(
                "  u{i} AS {}",
                self.id(&format!("{}_sub_score", metric.id))?
            ));
            lines.push(format!(
                "  p{i} AS {}",
                self.id(&format!("{}_points", metric.id))?
            ));
        }
        lines.push("  score".to_owned());
        lines.push(format!("  {} AS band", self.labels(&self.card.bands)?));
        if !self.card.grades.is_empty() {
            lines.push(format!("  {} AS grade", self.labels(&self.card.grades)?));
        }
        lines.push(format!("  {} AS missing", self.missing()?));
        Ok(format!("SELECT\n{}\nFROM scored", lines.join(",\n")))
    }

    /// The label of the last band the score reaches (bands ascend from 0).
    fn labels(&self, bands: &[crate::model::Band]) -> Result<String, SqlError> {
        let mut steps = String::new();
        for band in bands.iter().rev() {
            steps.push_str(&format!(
                " WHEN score >= {} THEN {}",
                self.lit(band.from),
                quote::string(self.dialect(), &band.label)?
            ));
        }
        Ok(format!("CASE{steps} END"))
    }

    fn missing(&self) -> Result<String, SqlError> {
        let parts: Result<Vec<String>, SqlError> = self
            .card
            .metrics
            .iter()
            .enumerate()
            .map(|(i, m)| {
                Ok(format!(
                    "CASE WHEN s{} IS NULL THEN {} ELSE '' END",
                    i + 1,
                    quote::string(self.dialect(), &format!("; {}", m.id))?
                ))
            })
            .collect();
        Ok(format!("SUBSTR({}, 3)", parts?.join(" || ")))
    }
}

/// The data column an input reads: the user's mapping, else the input's own name; None
/// when the user said the data has no such column (the missing-value policy applies).
fn mapped(card: &Scorecard, input: &str) -> Option<String> {
    match card.data.mapping(input) {
        Some(mapping) => mapping.column.clone(),
        None => Some(input.to_owned()),
    }
}

fn dbt_name(name: &str) -> Result<&str, SqlError> {
    let ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(name)
    } else {
        Err(SqlError::BadDbtName(name.to_owned()))
    }
}

/// The header comment: what the query is, what it reads and what it does not.
fn header(card: &Scorecard, options: &SqlOptions) -> String {
    let as_of = match card.data.as_of.as_deref().and_then(Day::parse_iso) {
        Some(day) => format!("as of {} (the card's data.as_of)", day.iso()),
        None => "as of CURRENT_DATE (the card sets no data.as_of)".to_owned(),
    };
    let dates = if card.metrics.iter().any(|m| m.read.is_date()) {
        format!("\n-- Date metrics count days {as_of}.")
    } else {
        String::new()
    };
    format!(
        "-- Healthscore scorecard \"{name}\" as SQL ({dialect}), written by healthscore-core.\n\
         -- One row per account: name, each metric's sub-score (0-100) and points, score, band{grade},\n\
         -- and the ids of the metrics whose value was missing. Same arithmetic as the app.\n\
         -- Cells are trimmed; a cell SQL cannot read counts as missing (its policy applies).{dates}\n\
         -- Read here: plain numbers (1234.5, -0.5e3, .5), thousands grouped by the other mark\n\
         -- (1,234,567.5), a decimal comma (12,5), a trailing % (80% is 80); 1.234 and 1,234 are\n\
         -- ambiguous and missing unless the card's data.formats names the column's decimal mark;\n\
         -- dates as YYYY-MM-DD; text values trimmed and case-insensitive, aliases included.\n\
         -- NOT read here, though the app reads them: currencies ($12k, 12,000 USD), k/M/bn\n\
         -- suffixes, (1,200) negatives, spaces or apostrophes grouping thousands (1 234,5),\n\
         -- the Unicode minus, \"80 %\" with a space, exponents beyond 4 digits, other date\n\
         -- formats (14/03/2026, Mar 14 2026, 2026-03-14T10:00), serial dates and durations\n\
         -- (10 days), and a decimal mark guessed from other cells of the column. Clean those\n\
         -- upstream or set data.formats; see docs/warehouse.md.\n",
        name = quote::comment(&card.name),
        dialect = options.dialect,
        grade = if card.grades.is_empty() { "" } else { ", grade" },
    )
}

#[cfg(test)]
mod tests;
