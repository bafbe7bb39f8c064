//! Parses pasted account data (Excel / Google Sheets TSV, CSV with `,` or `;`) into a table.
//!
//! The `csv` crate does the parsing; this module picks the delimiter, cleans
//! the header, and turns everything odd about the text into warnings that name
//! the row and column. It never fails: the worst input yields an empty table
//! and a warning, and the pasted text itself is left to the caller to keep.

use crate::cell::match_key;
use std::fmt;

/// Columns beyond this are dropped with a warning; nobody scores on 10,000 columns.
pub const MAX_COLUMNS: usize = 500;
/// Rows beyond this are dropped with a warning, to keep the browser responsive.
pub const MAX_ROWS: usize = 100_000;
/// Cells longer than this are cut with a warning.
pub const MAX_CELL_CHARS: usize = 10_000;

/// The field separator found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// Tab: what Excel and Google Sheets put on the clipboard.
    Tab,
    /// Comma: CSV.
    Comma,
    /// Semicolon: CSV from locales with a decimal comma.
    Semicolon,
}

impl Delimiter {
    fn byte(self) -> u8 {
        match self {
            Delimiter::Tab => b'\t',
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
        }
    }

    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Delimiter::Tab => "tab-separated",
            Delimiter::Comma => "comma-separated",
            Delimiter::Semicolon => "semicolon-separated",
        }
    }
}

/// Parsed account data: a header row and rows of text cells, all the same width.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column names, unique and non-empty.
    pub headers: Vec<String>,
    /// Data rows; each has `headers.len()` cells.
    pub rows: Vec<Row>,
}

/// One data row and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The line number in the pasted text where this row starts (header is line 1).
    pub line: u64,
    /// Cell texts, one per header.
    pub cells: Vec<String>,
}

/// Something odd about the pasted text, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseWarning {
    /// Line in the pasted text (1 is the header), if the warning has one.
    pub line: Option<u64>,
    /// Column name, if the warning has one.
    pub column: Option<String>,
    /// What happened, in plain words.
    pub message: String,
}

impl fmt::Display for ParseWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.line, &self.column) {
            (Some(line), Some(column)) => {
                write!(f, "Row {line}, column \"{column}\": {}", self.message)
            }
            (Some(line), None) => write!(f, "Row {line}: {}", self.message),
            (None, Some(column)) => write!(f, "Column \"{column}\": {}", self.message),
            (None, None) => write!(f, "{}", self.message),
        }
    }
}

/// The result of reading pasted text: always a table, plus what was odd.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The data that could be read.
    pub table: Table,
    /// The separator that was detected.
    pub delimiter: Delimiter,
    /// Everything the user should know about.
    pub warnings: Vec<ParseWarning>,
}

impl Table {
    /// Index of the header matching `name`, case and punctuation aside.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        let key = match_key(name);
        if key.is_empty() {
            return None;
        }
        self.headers.iter().position(|h| match_key(h) == key)
    }

    /// The column holding account names: one called account, customer,
    /// company or name, else the first column.
    pub fn name_column(&self) -> usize {
        const NAMES: [&str; 6] = [
            "account",
            "accountname",
            "customer",
            "company",
            "name",
            "client",
        ];
        NAMES
            .iter()
            .find_map(|n| self.headers.iter().position(|h| match_key(h) == *n))
            .unwrap_or(0)
    }
}

/// Parses pasted text into a table; never fails, never panics.
pub fn parse_table(text: &str) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = detect_delimiter(text);
    let mut warnings = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter.byte())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());

    let mut records: Vec<(u64, Vec<String>)> = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.iter().all(|cell| cell.trim().is_empty()) {
                    continue;
                }
                if records.len() > MAX_ROWS {
                    warnings.push(ParseWarning {
                        line: Some(line),
                        column: None,
                        message: format!("only the first {MAX_ROWS} rows were read"),
                    });
                    break;
                }
                records.push((line, record.iter().map(str::to_owned).collect()));
            }
            Err(error) => {
                // Only invalid UTF-8 reaches here, and &str input cannot hold it;
                // still, report rather than panic.
                warnings.push(ParseWarning {
                    line: error.position().map(|p| p.line()),
                    column: None,
                    message: format!("could not be read ({error})"),
                });
                break;
            }
        }
    }
    if has_unclosed_quote(text) {
        let line = records.last().map(|(line, _)| *line);
        warnings.push(ParseWarning {
            line,
            column: None,
            message: "a quoted cell is never closed, so everything after its opening quote was read into one cell".to_owned(),
        });
    }

    let mut records = records.into_iter();
    let Some((_, header_cells)) = records.next() else {
        warnings.push(ParseWarning {
            line: None,
            column: None,
            message: "no data: paste a header row and at least one account".to_owned(),
        });
        return Parsed {
            table: Table::default(),
            delimiter,
            warnings,
        };
    };
    let headers = clean_headers(header_cells, &mut warnings);
    let rows = records
        .map(|(line, cells)| fit_row(line, cells, &headers, &mut warnings))
        .collect::<Vec<_>>();
    if rows.is_empty() {
        warnings.push(ParseWarning {
            line: None,
            column: None,
            message: "only a header row: no accounts to score".to_owned(),
        });
    }
    Parsed {
        table: Table { headers, rows },
        delimiter,
        warnings,
    }
}

/// Tab if the header line has one (spreadsheets paste tabs), else whichever of
/// `;` and `,` appears more often outside quotes in the first line.
pub fn detect_delimiter(text: &str) -> Delimiter {
    let first_line = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("");
    let (mut tabs, mut commas, mut semicolons) = (0, 0, 0);
    let mut quoted = false;
    for c in first_line.chars() {
        match c {
            '"' => quoted = !quoted,
            '\t' if !quoted => tabs += 1,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if tabs > 0 {
        Delimiter::Tab
    } else if semicolons > commas {
        Delimiter::Semicolon
    } else {
        Delimiter::Comma
    }
}

/// In well-formed CSV every quoted cell opens and closes, and escaped quotes
/// come in pairs, so an odd count of quotes means one was never closed.
fn has_unclosed_quote(text: &str) -> bool {
    text.bytes().filter(|b| *b == b'"').count() % 2 == 1
}

fn clean_headers(cells: Vec<String>, warnings: &mut Vec<ParseWarning>) -> Vec<String> {
    let mut cells = cells;
    if cells.len() > MAX_COLUMNS {
        warnings.push(ParseWarning {
            line: Some(1),
            column: None,
            message: format!(
                "{} columns; only the first {MAX_COLUMNS} were read",
                cells.len()
            ),
        });
        cells.truncate(MAX_COLUMNS);
    }
    let mut headers: Vec<String> = Vec::with_capacity(cells.len());
    for (index, cell) in cells.into_iter().enumerate() {
        let mut name: String = cell.trim().chars().take(200).collect();
        if name.is_empty() {
            name = format!("Column {}", index + 1);
            warnings.push(ParseWarning {
                line: Some(1),
                column: Some(name.clone()),
                message: "header is blank; named it by its position".to_owned(),
            });
        }
        if headers.iter().any(|h| match_key(h) == match_key(&name)) {
            let renamed = format!("{name} ({})", index + 1);
            warnings.push(ParseWarning {
                line: Some(1),
                column: Some(name.clone()),
                message: format!("header appears twice; the second is called \"{renamed}\""),
            });
            name = renamed;
        }
        headers.push(name);
    }
    headers
}

fn fit_row(
    line: u64,
    mut cells: Vec<String>,
    headers: &[String],
    warnings: &mut Vec<ParseWarning>,
) -> Row {
    if cells.len() > headers.len() {
        let extra = &cells[headers.len()..];
        if extra.iter().any(|c| !c.trim().is_empty()) {
            warnings.push(ParseWarning {
                line: Some(line),
                column: None,
                message: format!(
                    "has {} cells but the header has {}; the extra cells were ignored",
                    cells.len(),
                    headers.len()
                ),
            });
        }
        cells.truncate(headers.len());
    } else if cells.len() < headers.len() {
        warnings.push(ParseWarning {
            line: Some(line),
            column: headers.get(cells.len()).cloned(),
            message: format!(
                "has {} cells but the header has {}; the rest are blank",
                cells.len(),
                headers.len()
            ),
        });
        cells.resize(headers.len(), String::new());
    }
    for (cell, header) in cells.iter_mut().zip(headers) {
        if cell.chars().count() > MAX_CELL_CHARS {
            warnings.push(ParseWarning {
                line: Some(line),
                column: Some(header.clone()),
                message: format!(
                    "cell has {} characters; only the first {MAX_CELL_CHARS} were kept",
                    cell.chars().count()
                ),
            });
            *cell = cell.chars().take(MAX_CELL_CHARS).collect();
        }
    }
    Row { line, cells }
}
