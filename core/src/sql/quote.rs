//! Quotes identifiers, string literals and numbers for one SQL dialect, so that no
//! column name or category value can end its quotes and become SQL of its own.

use super::dialect::Dialect;
use super::SqlError;

/// `name` as a quoted identifier: `"a ""b"""` in PostgreSQL, DuckDB and Snowflake, a
/// backtick-quoted name with backslash escapes in BigQuery. A NUL character, which no
/// database can hold in a name, is refused.
pub fn identifier(dialect: Dialect, name: &str) -> Result<String, SqlError> {
    refuse_nul(name)?;
    Ok(match dialect {
        Dialect::BigQuery => format!("`{}`", backslash_escaped(name, '`')),
        _ => format!("\"{}\"", name.replace('"', "\"\"")),
    })
}

/// A dotted path (`analytics.accounts`) as quoted identifiers joined by dots.
pub fn path(dialect: Dialect, dotted: &str) -> Result<String, SqlError> {
    if dotted.split('.').any(str::is_empty) {
        return Err(SqlError::BadTable(dotted.to_owned()));
    }
    let parts: Result<Vec<String>, SqlError> = dotted
        .split('.')
        .map(|part| identifier(dialect, part))
        .collect();
    Ok(parts?.join("."))
}

/// `text` as a string literal whose value is exactly `text`.
///
/// PostgreSQL: `'it''s'`, or `E'a\\b'` when the text holds a backslash, which reads the same
/// whatever `standard_conforming_strings` says. DuckDB: `'it''s'` (backslashes are plain).
/// Snowflake: quotes doubled and backslashes escaped (its literals read `\` escapes).
/// BigQuery: backslash escapes for quotes, backslashes and control characters.
pub fn string(dialect: Dialect, text: &str) -> Result<String, SqlError> {
    refuse_nul(text)?;
    let doubled = text.replace('\'', "''");
    Ok(match dialect {
        Dialect::Postgres if text.contains('\\') => format!("E'{}'", doubled.replace('\\', "\\\\")),
        Dialect::Postgres | Dialect::DuckDb => format!("'{doubled}'"),
        Dialect::Snowflake => format!("'{}'", text.replace('\\', "\\\\").replace('\'', "''")),
        Dialect::BigQuery => format!("'{}'", backslash_escaped(text, '\'')),
    })
}

/// `value` as an expression of the dialect's double type that holds exactly `value`:
/// `CAST(80 AS DOUBLE)`, `CAST('0.1' AS DOUBLE)`. A decimal literal is not enough: DuckDB
/// reads `0.1` as a DECIMAL and would add weights in decimal arithmetic, not the core's.
pub fn number(dialect: Dialect, value: f64) -> String {
    let double = dialect.double_type();
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("CAST({} AS {double})", value as i64)
    } else {
        // `{:?}` is the shortest text that reads back as exactly this f64 (`1e-7`, `12.5`).
        format!("CAST('{value:?}' AS {double})")
    }
}

/// Text that can sit in a `--` comment: line breaks and control characters become spaces.
pub fn comment(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn refuse_nul(text: &str) -> Result<(), SqlError> {
    if text.contains('\0') {
        return Err(SqlError::NulCharacter(text.replace('\0', "\\0")));
    }
    Ok(())
}

/// BigQuery's quoted text: `\\`, `\'` or `` \` ``, and `\n`-style escapes for control
/// characters (a raw line break may not sit inside a single-quoted literal).
fn backslash_escaped(text: &str, quote: char) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "\"; DROP TABLE x; --";

    #[test]
    fn identifiers_double_their_quotes() {
        assert_eq!(
            identifier(Dialect::Postgres, HOSTILE).unwrap(),
            "\"\"\"; DROP TABLE x; --\""
        );
        assert_eq!(identifier(Dialect::DuckDb, "a\"b").unwrap(), "\"a\"\"b\"");
        assert_eq!(identifier(Dialect::Snowflake, "a b").unwrap(), "\"a b\"");
    }

    #[test]
    fn bigquery_identifiers_escape_backticks_and_backslashes() {
        assert_eq!(
            identifier(Dialect::BigQuery, "a`b\\c\nd").unwrap(),
            "`a\\`b\\\\c\\nd`"
        );
    }

    #[test]
    fn string_literals_per_dialect() {
        let text = "it's a \\ line\nbreak";
        assert_eq!(
            string(Dialect::Postgres, text).unwrap(),
            "E'it''s a \\\\ line\nbreak'"
        );
        assert_eq!(string(Dialect::Postgres, "it's").unwrap(), "'it''s'");
        assert_eq!(
            string(Dialect::DuckDb, text).unwrap(),
            "'it''s a \\ line\nbreak'"
        );
        assert_eq!(
            string(Dialect::Snowflake, text).unwrap(),
            "'it''s a \\\\ line\nbreak'"
        );
        assert_eq!(
            string(Dialect::BigQuery, text).unwrap(),
            "'it\\'s a \\\\ line\\nbreak'"
        );
    }

    #[test]
    fn nul_is_refused() {
        assert!(matches!(
            string(Dialect::DuckDb, "a\0b"),
            Err(SqlError::NulCharacter(_))
        ));
        assert!(identifier(Dialect::BigQuery, "\0").is_err());
    }

    #[test]
    fn paths_quote_each_part() {
        assert_eq!(
            path(Dialect::Postgres, "analytics.accounts").unwrap(),
            "\"analytics\".\"accounts\""
        );
        assert!(path(Dialect::Postgres, "a..b").is_err());
    }

    #[test]
    fn numbers_are_exact_doubles() {
        assert_eq!(number(Dialect::DuckDb, 80.0), "CAST(80 AS DOUBLE)");
        assert_eq!(
            number(Dialect::Postgres, 0.1),
            "CAST('0.1' AS double precision)"
        );
        assert_eq!(number(Dialect::BigQuery, -1e-7), "CAST('-1e-7' AS FLOAT64)");
        assert_eq!(number(Dialect::Snowflake, 1e300), "CAST('1e300' AS DOUBLE)");
    }

    #[test]
    fn comments_cannot_break_the_line() {
        assert_eq!(comment("a\nDROP TABLE x"), "a DROP TABLE x");
    }
}
