//! `healthscore`: the scorecard engine of the app, from a command line.
//!
//! `healthscore score card.json accounts.csv > scored.csv` streams the accounts row by row
//! (constant memory, any length); `healthscore sql card.json --dialect duckdb` prints the
//! card as one SQL query. Exit codes: 0 done, 1 bad input (the message names the file,
//! and the line and column when there is one), 2 usage.

mod score;

use clap::{Parser, Subcommand};
use healthscore_core::file::import;
use healthscore_core::sql::{export_sql, Dialect, SqlOptions, SqlSource};
use healthscore_core::Scorecard;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Customer health scores from a scorecard file, outside the browser.
#[derive(Debug, Parser)]
#[command(name = "healthscore", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score every account of a CSV file; writes the scored CSV to standard output.
    Score {
        /// The scorecard, as exported by the app (JSON).
        card: PathBuf,
        /// The accounts: a CSV file with a header row ("-" for standard input).
        accounts: PathBuf,
        /// The field separator of the accounts file.
        #[arg(long, default_value_t = ',')]
        delimiter: char,
        /// Count "days since/until" from this date (YYYY-MM-DD) when the card sets none; default today (UTC).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Print the scorecard as one SQL query over an accounts table.
    Sql {
        /// The scorecard, as exported by the app (JSON).
        card: PathBuf,
        /// The database the query is for: postgres, duckdb, bigquery or snowflake.
        #[arg(long, value_parser = parse_dialect)]
        dialect: Dialect,
        /// The accounts table or view (dotted path, each part quoted).
        #[arg(long, default_value = "accounts", conflicts_with_all = ["dbt_source", "dbt_ref"])]
        table: String,
        /// Write a dbt model reading {{ source('SOURCE', 'TABLE') }}, given as SOURCE.TABLE.
        #[arg(long, value_name = "SOURCE.TABLE", conflicts_with = "dbt_ref")]
        dbt_source: Option<String>,
        /// Write a dbt model reading {{ ref('MODEL') }}.
        #[arg(long, value_name = "MODEL")]
        dbt_ref: Option<String>,
        /// The column naming each account (default: the card's id column, else "account").
        #[arg(long)]
        name_column: Option<String>,
    },
}

fn parse_dialect(text: &str) -> Result<Dialect, String> {
    text.parse()
        .map_err(|e: healthscore_core::sql::UnknownDialect| e.to_string())
}

/// What went wrong, for the one line printed before exiting with status 1.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file could not be read or written.
    #[error("{path}: {reason}")]
    Io {
        /// The file.
        path: String,
        /// The system's words.
        reason: String,
    },
    /// The scorecard file is not a valid scorecard.
    #[error("{path}: not a valid scorecard: {reason}")]
    Card {
        /// The file.
        path: String,
        /// The import error.
        reason: String,
    },
    /// A problem in the accounts file, with where it is.
    #[error("{path}: {place}{reason}")]
    Accounts {
        /// The file.
        path: String,
        /// "line 7, column \"Usage\": " or "".
        place: String,
        /// What is wrong.
        reason: String,
    },
    /// The query could not be written.
    #[error("{path}: {reason}")]
    Sql {
        /// The scorecard file.
        path: String,
        /// The export error.
        reason: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("healthscore: {error}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<(), CliError> {
    match command {
        Command::Score {
            card,
            accounts,
            delimiter,
            today,
        } => {
            let scorecard = read_card(&card)?;
            score::score_file(&scorecard, &accounts, delimiter, today.as_deref())
        }
        Command::Sql {
            card,
            dialect,
            table,
            dbt_source,
            dbt_ref,
            name_column,
        } => {
            let scorecard = read_card(&card)?;
            let source = sql_source(table, dbt_source, dbt_ref, &card)?;
            let options = SqlOptions {
                dialect,
                source,
                name_column,
            };
            let valid = scorecard.validate().map_err(|e| card_error(&card, &e))?;
            let text = export_sql(valid, &options).map_err(|e| CliError::Sql {
                path: display(&card),
                reason: e.to_string(),
            })?;
            print!("{text}");
            Ok(())
        }
    }
}

fn sql_source(
    table: String,
    dbt_source: Option<String>,
    dbt_ref: Option<String>,
    card: &Path,
) -> Result<SqlSource, CliError> {
    if let Some(model) = dbt_ref {
        return Ok(SqlSource::DbtRef(model));
    }
    let Some(dotted) = dbt_source else {
        return Ok(SqlSource::Table(table));
    };
    match dotted.split_once('.') {
        Some((source, table)) => Ok(SqlSource::DbtSource {
            source: source.to_owned(),
            table: table.to_owned(),
        }),
        None => Err(CliError::Sql {
            path: display(card),
            reason: format!("--dbt-source \"{dotted}\" must be SOURCE.TABLE"),
        }),
    }
}

fn read_card(path: &Path) -> Result<Scorecard, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| CliError::Io {
        path: display(path),
        reason: e.to_string(),
    })?;
    import(&text).map_err(|e| CliError::Card {
        path: display(path),
        reason: e.to_string(),
    })
}

fn card_error(path: &Path, errors: &[healthscore_core::CardError]) -> CliError {
    let reasons: Vec<String> = errors.iter().map(ToString::to_string).collect();
    CliError::Card {
        path: display(path),
        reason: reasons.join("; "),
    }
}

/// A path as the user wrote it.
pub fn display(path: &Path) -> String {
    path.display().to_string()
}
