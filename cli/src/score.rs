//! `healthscore score`: reads accounts with the csv crate one record at a time, scores each
//! with the core's [`RowScorer`] and writes the app's results columns (without the rank,
//! which needs every row) as it goes, so memory stays flat however long the file.

use crate::{display, CliError};
use healthscore_core::dates::Day;
use healthscore_core::mapping::carried_columns;
use healthscore_core::results_csv::{header, record};
use healthscore_core::stream::RowScorer;
use healthscore_core::Scorecard;
use std::io::{BufWriter, Read};
use std::path::Path;

/// Scores `accounts` against `card`, writing CSV to standard output.
pub fn score_file(
    card: &Scorecard,
    accounts: &Path,
    delimiter: char,
    today: Option<&str>,
) -> Result<(), CliError> {
    let path = display(accounts);
    let valid = card.validate().map_err(|errors| CliError::Card {
        path: path.clone(),
        reason: errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
    })?;
    let today = match today {
        Some(text) => Some(Day::parse_iso(text).ok_or_else(|| CliError::Accounts {
            path: "--today".to_owned(),
            place: String::new(),
            reason: format!("\"{text}\" is not a date like 2026-03-14"),
        })?),
        None => Some(system_today()),
    };
    let input: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(accounts).map_err(|e| io(&path, &e))?)
    };
    let delimiter = u8::try_from(delimiter).map_err(|_| CliError::Accounts {
        path: path.clone(),
        place: String::new(),
        reason: format!("the delimiter '{delimiter}' is not a single-byte character"),
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(false)
        .from_reader(input);
    let fail = |place: String, reason: String| CliError::Accounts {
        path: path.clone(),
        place,
        reason,
    };
    let mut record_bytes = csv::ByteRecord::new();
    if !reader
        .read_byte_record(&mut record_bytes)
        .map_err(|e| fail(String::new(), e.to_string()))?
    {
        return Err(fail(
            String::new(),
            "the file is empty; a header row is needed".to_owned(),
        ));
    }
    let headers = header_names(&record_bytes)
        .map_err(|(column, reason)| fail(format!("line 1, column {column}: "), reason))?;
    let mut scorer = RowScorer::new(valid, headers.clone(), today);
    check_columns(card, &scorer).map_err(|reason| fail(String::new(), reason))?;
    let carried = carried_columns(&card.data, scorer.table());
    let names: Vec<String> = carried.iter().map(|(name, _)| name.clone()).collect();
    let stdout = std::io::stdout().lock();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BufWriter::with_capacity(1 << 16, stdout));
    let out = |e: csv::Error| io("standard output", &std::io::Error::other(e.to_string()));
    writer
        .write_record(header(valid, &names, false))
        .map_err(out)?;
    loop {
        match reader.read_byte_record(&mut record_bytes) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(fail(place_of(&e), reason_of(&e, headers.len()))),
        }
        let line = record_bytes.position().map_or(0, |p| p.line());
        let cells = record_bytes
            .iter()
            .enumerate()
            .map(|(index, field)| {
                std::str::from_utf8(field).map_err(|_| {
                    fail(
                        format!("line {line}, column \"{}\": ", headers[index]),
                        "not valid UTF-8 text".to_owned(),
                    )
                })
            })
            .collect::<Result<Vec<&str>, CliError>>()?;
        let account = scorer.score(line, cells.iter().copied());
        let values = carried.iter().map(|(_, column)| {
            column.map_or(String::new(), |c| {
                scorer.table().cell(0, c).trim().to_owned()
            })
        });
        writer
            .write_record(record(valid, &account, values.collect(), None))
            .map_err(out)?;
    }
    writer.flush().map_err(|e| io("standard output", &e))
}

/// The header's names, refusing invalid UTF-8 (naming the column by position).
fn header_names(record: &csv::ByteRecord) -> Result<Vec<String>, (String, String)> {
    record
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let text = std::str::from_utf8(field)
                .map_err(|_| (format!("{}", index + 1), "not valid UTF-8 text".to_owned()))?;
            // A UTF-8 byte order mark before the first header is not part of its name.
            Ok(text.trim_start_matches('\u{feff}').to_owned())
        })
        .collect()
}

/// Refuses a card whose inputs the header lacks: the app would ask, a batch cannot.
fn check_columns(card: &Scorecard, scorer: &RowScorer<'_>) -> Result<(), String> {
    let unmapped: Vec<String> = scorer
        .columns()
        .matches
        .iter()
        .flatten()
        .filter(|m| m.is_unmapped())
        .map(|m| format!("\"{}\"", m.input))
        .collect();
    if unmapped.is_empty() {
        return Ok(());
    }
    Err(format!(
        "no column for {} (card \"{}\"); rename the header or map it in the app (data.mappings)",
        unmapped.join(", "),
        card.name
    ))
}

fn place_of(error: &csv::Error) -> String {
    error
        .position()
        .map_or(String::new(), |p| format!("line {}: ", p.line()))
}

fn reason_of(error: &csv::Error, width: usize) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { len, .. } => {
            format!("has {len} fields, the header has {width}")
        }
        _ => error.to_string(),
    }
}

fn io(path: &str, error: &std::io::Error) -> CliError {
    CliError::Io {
        path: path.to_owned(),
        reason: error.to_string(),
    }
}

/// Today's date in UTC, from the system clock.
fn system_today() -> Day {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Day(i32::try_from(seconds / 86_400).unwrap_or(i32::MAX))
}
