//! Parses pasted account data (Excel / Google Sheets TSV, CSV with `,` or `;`) into a table.
//!
//! `csv-core` does the parsing; this module picks the delimiter, cleans the
//! header, and turns everything odd about the text into warnings that name the
//! row and column. It never fails: the worst input yields an empty table and a
//! warning. [`TableReader`] takes the data in pieces of any size (a file read in
//! slices, a paste cut into chunks), so a caller can show progress between them.

use crate::cell::match_key;
use std::fmt;

/// Columns beyond this are dropped with a warning; nobody scores on 10,000 columns.
pub const MAX_COLUMNS: usize = 500;
/// Cells longer than this are cut with a warning.
pub const MAX_CELL_CHARS: usize = 10_000;
/// The cell store addresses text with 32-bit offsets: past this many bytes of cells,
/// the rest of the data is dropped with a warning (a browser tab runs out of memory first).
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize;

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
///
/// Cells live in one text buffer with an end offset per cell, so 100,000 rows
/// of 14 columns cost the text plus 4 bytes a cell, not a `String` each.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column names, unique and non-empty.
    pub headers: Vec<String>,
    /// Every cell's text, row after row.
    text: String,
    /// Where each cell ends in `text`, row-major: `rows x headers.len()` entries.
    ends: Vec<u32>,
    /// Per row, the line number in the pasted text where it starts (header is line 1).
    lines: Vec<u64>,
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
    /// A table from a header and rows of cells (each row padded or cut to the header's width).
    pub fn from_rows<R, C>(headers: Vec<String>, rows: R) -> Table
    where
        R: IntoIterator<Item = (u64, Vec<C>)>,
        C: AsRef<str>,
    {
        let mut table = Table {
            headers,
            ..Table::default()
        };
        for (line, cells) in rows {
            table.push_row(line, cells.iter().map(AsRef::as_ref));
        }
        table
    }

    /// Appends one row, padding with blanks or cutting to the header's width.
    fn push_row<'a>(&mut self, line: u64, cells: impl Iterator<Item = &'a str>) {
        let width = self.headers.len();
        let mut count = 0;
        for cell in cells.take(width) {
            self.text.push_str(cell);
            self.ends.push(self.text.len() as u32);
            count += 1;
        }
        for _ in count..width {
            self.ends.push(self.text.len() as u32);
        }
        self.lines.push(line);
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when there are no data rows.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The text of one cell; blank outside the table.
    pub fn cell(&self, row: usize, column: usize) -> &str {
        let width = self.headers.len();
        if row >= self.len() || column >= width {
            return "";
        }
        let k = row * width + column;
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.text[start..self.ends[k] as usize]
    }

    /// Every cell of one row, in header order; empty outside the table.
    pub fn row(&self, row: usize) -> Vec<&str> {
        if row >= self.len() {
            return Vec::new();
        }
        (0..self.headers.len()).map(|c| self.cell(row, c)).collect()
    }

    /// The line in the pasted text where the row starts (the header is line 1).
    pub fn line(&self, row: usize) -> Option<u64> {
        self.lines.get(row).copied()
    }

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
    let mut reader = TableReader::new();
    reader.push(text.as_bytes());
    reader.finish()
}

/// Reads account data piece by piece: push bytes as they arrive, then finish.
/// Pieces may split a line, a quoted cell or a UTF-8 character anywhere.
#[derive(Debug)]
pub struct TableReader {
    /// Bytes held back until the first line is whole, to choose the delimiter.
    pending: Vec<u8>,
    /// Chosen once the first line is whole.
    csv: Option<(csv_core::Reader, Delimiter)>,
    /// The record being read: its field bytes and field ends so far.
    fields: Vec<u8>,
    ends: Vec<usize>,
    /// Line where the record being read starts.
    start_line: u64,
    /// The table so far (None until the header row is read).
    table: Option<Table>,
    warnings: Vec<ParseWarning>,
    /// Quotes seen, to tell an unclosed quoted cell.
    quotes: u64,
    /// Bytes pushed so far, to tell a byte-order mark at the very start.
    seen: u64,
    /// The first row with bytes that are not UTF-8, if any.
    not_utf8: Option<u64>,
    /// Set when the data outgrew the cell store: the rest is ignored.
    full: bool,
    /// How far the record being read has filled `fields` and `ends`.
    out: usize,
    end: usize,
}

impl Default for TableReader {
    fn default() -> Self {
        TableReader::new()
    }
}

impl TableReader {
    /// A reader waiting for its first bytes.
    pub fn new() -> TableReader {
        TableReader {
            pending: Vec::new(),
            csv: None,
            fields: vec![0; 4096],
            ends: vec![0; 64],
            start_line: 1,
            table: None,
            warnings: Vec::new(),
            quotes: 0,
            seen: 0,
            not_utf8: None,
            full: false,
            out: 0,
            end: 0,
        }
    }

    /// Data rows read so far.
    pub fn rows(&self) -> usize {
        self.table.as_ref().map_or(0, Table::len)
    }

    /// Reads another piece of the data.
    pub fn push(&mut self, bytes: &[u8]) {
        // An empty piece would read as the end of the data.
        if bytes.is_empty() {
            return;
        }
        let mut bytes = bytes;
        if self.seen < 3 {
            // A byte-order mark, possibly split across the first pieces.
            const BOM: &[u8] = b"\xEF\xBB\xBF";
            let at = self.seen as usize;
            let take = bytes.len().min(3 - at);
            if bytes[..take] == BOM[at..at + take] {
                self.seen += take as u64;
                bytes = &bytes[take..];
            } else {
                // Not a byte-order mark after all: what was held back is data.
                self.seen = 3;
                if at > 0 {
                    self.push(&BOM[..at]);
                }
            }
            if bytes.is_empty() {
                return;
            }
        }
        self.quotes += bytes.iter().filter(|&&b| b == b'"').count() as u64;
        if self.csv.is_none() {
            self.pending.extend_from_slice(bytes);
            if !first_line_is_whole(&self.pending) {
                return;
            }
            self.start();
            let pending = std::mem::take(&mut self.pending);
            self.read(&pending);
        } else {
            self.read(bytes);
        }
    }

    /// Chooses the delimiter from the first line held back.
    fn start(&mut self) {
        let delimiter = detect_delimiter(&String::from_utf8_lossy(&self.pending));
        let reader = csv_core::ReaderBuilder::new()
            .delimiter(delimiter.byte())
            .build();
        self.csv = Some((reader, delimiter));
    }

    /// Feeds bytes to the CSV reader; an empty slice means the data has ended.
    fn read(&mut self, mut input: &[u8]) {
        let at_end = input.is_empty();
        loop {
            if self.full {
                return;
            }
            let Some((reader, _)) = self.csv.as_mut() else {
                return;
            };
            let (result, nin, nout, nend) = reader.read_record(
                input,
                &mut self.fields[self.out..],
                &mut self.ends[self.end..],
            );
            input = &input[nin..];
            self.out += nout;
            self.end += nend;
            match result {
                // The record goes on in the next piece: the reader remembers where it is.
                csv_core::ReadRecordResult::InputEmpty if !at_end => return,
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    let grown = self.fields.len() * 2;
                    self.fields.resize(grown, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let grown = self.ends.len() * 2;
                    self.ends.resize(grown, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    let line = self.start_line;
                    self.record(line);
                    self.start_line = self.csv.as_ref().map_or(line, |(r, _)| r.line());
                    self.out = 0;
                    self.end = 0;
                }
                csv_core::ReadRecordResult::End => return,
            }
        }
    }

    /// One whole record: the header row first, then data rows.
    fn record(&mut self, line: u64) {
        if self.fast_row(line) {
            return;
        }
        self.general_record(line);
    }

    /// The usual data row, stored with one copy: as wide as the header, valid UTF-8,
    /// no cell too long. Its cells already lie end to end in `fields`, as the table keeps them.
    fn fast_row(&mut self, line: u64) -> bool {
        let Some(table) = self.table.as_mut() else {
            return false;
        };
        let ends = &self.ends[..self.end];
        if ends.len() != table.headers.len() || table.text.len() + self.out > MAX_TEXT_BYTES {
            return false;
        }
        let mut start = 0;
        for &stop in ends {
            if stop - start > MAX_CELL_CHARS {
                return false;
            }
            start = stop;
        }
        let Ok(text) = std::str::from_utf8(&self.fields[..self.out]) else {
            return false;
        };
        if !ends.iter().all(|&e| text.is_char_boundary(e)) {
            return false;
        }
        // Cells lie end to end: the row is blank exactly when their concatenation is.
        if text.trim().is_empty() {
            return true;
        }
        let base = table.text.len();
        table.text.push_str(text);
        table.ends.extend(ends.iter().map(|&e| (base + e) as u32));
        table.lines.push(line);
        true
    }

    /// Any record: the header, short or long rows, long cells, bytes that are not UTF-8.
    fn general_record(&mut self, line: u64) {
        let mut cells: Vec<&str> = Vec::with_capacity(self.end);
        let mut start = 0;
        let mut lossy: Vec<String> = Vec::new();
        for &stop in &self.ends[..self.end] {
            let bytes = &self.fields[start..stop];
            start = stop;
            match std::str::from_utf8(bytes) {
                Ok(cell) => cells.push(cell),
                Err(_) => {
                    self.not_utf8.get_or_insert(line);
                    lossy.push(String::from_utf8_lossy(bytes).into_owned());
                    cells.push("");
                }
            }
        }
        if !lossy.is_empty() {
            // Rare: rebuild the row with the replaced text in place.
            let mut replaced = lossy.iter();
            let mut start = 0;
            cells.clear();
            for &stop in &self.ends[..self.end] {
                let bytes = &self.fields[start..stop];
                start = stop;
                match std::str::from_utf8(bytes) {
                    Ok(cell) => cells.push(cell),
                    Err(_) => cells.push(replaced.next().map_or("", String::as_str)),
                }
            }
        }
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            return;
        }
        match self.table.as_mut() {
            None => {
                let headers = clean_headers(cells, &mut self.warnings);
                self.table = Some(Table {
                    headers,
                    ..Table::default()
                });
            }
            Some(table) => {
                if table.text.len() + self.out > MAX_TEXT_BYTES {
                    self.warnings.push(ParseWarning {
                        line: Some(line),
                        column: None,
                        message: format!(
                            "the data is over 4 GB; only the {} rows before this one were read",
                            table.len()
                        ),
                    });
                    self.full = true;
                    return;
                }
                fit_row(table, line, &cells, &mut self.warnings);
            }
        }
    }

    /// Ends the data: the last record, and what was odd about the whole.
    pub fn finish(mut self) -> Parsed {
        if self.csv.is_none() {
            self.start();
            let pending = std::mem::take(&mut self.pending);
            self.read(&pending);
        }
        self.read(&[]);
        let delimiter = self.csv.as_ref().map_or(Delimiter::Comma, |(_, d)| *d);
        let mut warnings = self.warnings;
        if let Some(line) = self.not_utf8 {
            warnings.push(ParseWarning {
                line: Some(line),
                column: None,
                message: "some text is not UTF-8; unreadable characters show as \u{fffd}. Save the file as UTF-8 (CSV UTF-8 in Excel) and open it again".to_owned(),
            });
        }
        if self.quotes % 2 == 1 {
            let line = self
                .table
                .as_ref()
                .and_then(|t| t.line(t.len().wrapping_sub(1)));
            warnings.push(ParseWarning {
                line,
                column: None,
                message: "a quoted cell is never closed, so everything after its opening quote was read into one cell".to_owned(),
            });
        }
        let Some(table) = self.table else {
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
        if table.is_empty() {
            warnings.push(ParseWarning {
                line: None,
                column: None,
                message: "only a header row: no accounts to score".to_owned(),
            });
        }
        Parsed {
            table,
            delimiter,
            warnings,
        }
    }
}

/// Whether the held-back bytes hold a whole non-blank first line.
fn first_line_is_whole(bytes: &[u8]) -> bool {
    let mut content = false;
    for &b in bytes {
        match b {
            b'\n' | b'\r' if content => return true,
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => content = true,
        }
    }
    false
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

fn clean_headers(mut cells: Vec<&str>, warnings: &mut Vec<ParseWarning>) -> Vec<String> {
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

fn fit_row(table: &mut Table, line: u64, cells: &[&str], warnings: &mut Vec<ParseWarning>) {
    let width = table.headers.len();
    if cells.len() > width {
        if cells[width..].iter().any(|c| !c.trim().is_empty()) {
            warnings.push(ParseWarning {
                line: Some(line),
                column: None,
                message: format!(
                    "has {} cells but the header has {width}; the extra cells were ignored",
                    cells.len(),
                ),
            });
        }
    } else if cells.len() < width {
        warnings.push(ParseWarning {
            line: Some(line),
            column: table.headers.get(cells.len()).cloned(),
            message: format!(
                "has {} cells but the header has {width}; the rest are blank",
                cells.len(),
            ),
        });
    }
    let mut cut = |index: usize, cell: &'_ str| -> usize {
        // Bytes bound chars from above: count chars only for long cells.
        if cell.len() <= MAX_CELL_CHARS {
            return cell.len();
        }
        let chars = cell.chars().count();
        if chars <= MAX_CELL_CHARS {
            return cell.len();
        }
        warnings.push(ParseWarning {
            line: Some(line),
            column: table.headers.get(index).cloned(),
            message: format!(
                "cell has {chars} characters; only the first {MAX_CELL_CHARS} were kept"
            ),
        });
        cell.char_indices()
            .nth(MAX_CELL_CHARS)
            .map_or(cell.len(), |(at, _)| at)
    };
    let kept: Vec<&str> = cells
        .iter()
        .take(width)
        .enumerate()
        .map(|(i, cell)| &cell[..cut(i, cell)])
        .collect();
    table.push_row(line, kept.into_iter());
}
