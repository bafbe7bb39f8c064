//! The four SQL dialects the export writes, and the few places where they differ:
//! types, safe casts, regular expressions, trimming and date arithmetic.

use std::fmt;
use std::str::FromStr;

/// A database the exported query runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// PostgreSQL 12 or later (verified by the differential test).
    Postgres,
    /// DuckDB 1.0 or later (verified by the differential test).
    DuckDb,
    /// Google BigQuery (standard SQL).
    BigQuery,
    /// Snowflake.
    Snowflake,
}

impl Dialect {
    /// Every dialect, in the order the CLI lists them.
    pub const ALL: [Dialect; 4] = [
        Dialect::Postgres,
        Dialect::DuckDb,
        Dialect::BigQuery,
        Dialect::Snowflake,
    ];

    /// The name the CLI and the header comment use: `postgres`, `duckdb`, `bigquery`, `snowflake`.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::DuckDb => "duckdb",
            Dialect::BigQuery => "bigquery",
            Dialect::Snowflake => "snowflake",
        }
    }

    /// The 64-bit IEEE float type.
    pub fn double_type(self) -> &'static str {
        match self {
            Dialect::Postgres => "double precision",
            Dialect::DuckDb | Dialect::Snowflake => "DOUBLE",
            Dialect::BigQuery => "FLOAT64",
        }
    }

    /// `expr` (a column of any type) as text.
    pub fn as_text(self, expr: &str) -> String {
        let text = match self {
            Dialect::Postgres => "text",
            Dialect::DuckDb | Dialect::Snowflake => "VARCHAR",
            Dialect::BigQuery => "STRING",
        };
        format!("CAST({expr} AS {text})")
    }

    /// `expr` with every character of `chars` (a quoted literal) removed from both ends.
    pub fn trim(self, expr: &str, chars: &str) -> String {
        match self {
            Dialect::Postgres => format!("btrim({expr}, {chars})"),
            _ => format!("TRIM({expr}, {chars})"),
        }
    }

    /// True when `expr` matches `pattern` (a quoted literal, anchored with `^...$`).
    pub fn matches(self, expr: &str, pattern: &str) -> String {
        match self {
            Dialect::Postgres => format!("{expr} ~ {pattern}"),
            Dialect::DuckDb => format!("regexp_full_match({expr}, {pattern})"),
            Dialect::BigQuery => format!("REGEXP_CONTAINS({expr}, {pattern})"),
            Dialect::Snowflake => format!("REGEXP_LIKE({expr}, {pattern})"),
        }
    }

    /// `text` (already known to hold a plain number) as a double, NULL if it cannot be read.
    /// PostgreSQL, which has no safe cast, gets its range checked by the caller.
    pub fn to_double(self, text: &str) -> String {
        match self {
            Dialect::Postgres => format!("CAST({text} AS double precision)"),
            Dialect::DuckDb | Dialect::Snowflake => format!("TRY_CAST({text} AS DOUBLE)"),
            Dialect::BigQuery => format!("SAFE_CAST({text} AS FLOAT64)"),
        }
    }

    /// `text` (already known to look like `YYYY-MM-DD`) as a date, NULL when no such day
    /// exists (February 30). PostgreSQL checks the day itself, having no safe cast.
    pub fn to_date(self, text: &str) -> String {
        match self {
            Dialect::Postgres => format!(
                "CASE WHEN CAST(substr({text}, 9, 2) AS integer) <= {} THEN CAST({text} AS date) END",
                days_in_month(text)
            ),
            Dialect::DuckDb => format!("TRY_CAST({text} AS DATE)"),
            Dialect::BigQuery => format!("SAFE_CAST({text} AS DATE)"),
            Dialect::Snowflake => format!("TRY_TO_DATE({text}, 'YYYY-MM-DD')"),
        }
    }

    /// Whole days from date `from` to date `to`, as a double.
    pub fn days_between(self, from: &str, to: &str) -> String {
        let days = match self {
            Dialect::Postgres => format!("({to} - {from})"),
            Dialect::DuckDb => format!("date_diff('day', {from}, {to})"),
            Dialect::BigQuery => format!("DATE_DIFF({to}, {from}, DAY)"),
            Dialect::Snowflake => format!("DATEDIFF(day, {from}, {to})"),
        };
        format!("CAST({days} AS {})", self.double_type())
    }

    /// The text made of these code points, written with numbers only (`chr(9) || chr(10)`).
    pub fn code_points(self, points: &[u32]) -> String {
        match self {
            Dialect::BigQuery => {
                let list: Vec<String> = points.iter().map(u32::to_string).collect();
                format!("CODE_POINTS_TO_STRING([{}])", list.join(", "))
            }
            _ => {
                let chars: Vec<String> = points.iter().map(|p| format!("chr({p})")).collect();
                chars.join(" || ")
            }
        }
    }

    /// A date literal for `iso` (already checked to be `YYYY-MM-DD`).
    pub fn date_literal(self, iso: &str) -> String {
        format!("DATE '{iso}'")
    }
}

/// PostgreSQL integer arithmetic for the number of days in the month of an ISO date text.
fn days_in_month(text: &str) -> String {
    let year = format!("CAST(substr({text}, 1, 4) AS integer)");
    let month = format!("CAST(substr({text}, 6, 2) AS integer)");
    format!(
        "CASE WHEN {month} = 2 THEN CASE WHEN ({year} % 4 = 0 AND {year} % 100 <> 0) OR {year} % 400 = 0 \
         THEN 29 ELSE 28 END WHEN {month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END"
    )
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A dialect name that is not one of the four.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown SQL dialect \"{0}\": use postgres, duckdb, bigquery or snowflake")]
pub struct UnknownDialect(pub String);

impl FromStr for Dialect {
    type Err = UnknownDialect;

    fn from_str(text: &str) -> Result<Dialect, UnknownDialect> {
        let key = text.trim().to_ascii_lowercase();
        let key = if key == "postgresql" {
            "postgres".to_owned()
        } else {
            key
        };
        Dialect::ALL
            .into_iter()
            .find(|d| d.name() == key)
            .ok_or_else(|| UnknownDialect(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for dialect in Dialect::ALL {
            assert_eq!(dialect.name().parse::<Dialect>(), Ok(dialect));
        }
        assert_eq!("PostgreSQL".parse::<Dialect>(), Ok(Dialect::Postgres));
        assert!("mysql".parse::<Dialect>().is_err());
    }

    #[test]
    fn postgres_checks_the_day_before_casting() {
        let date = Dialect::Postgres.to_date("t");
        assert!(date.starts_with("CASE WHEN CAST(substr(t, 9, 2) AS integer) <= CASE"));
        assert!(date.ends_with("THEN CAST(t AS date) END"));
    }
}
