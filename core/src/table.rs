//! Parses pasted account data (Excel / Google Sheets TSV, CSV with `,` or `;`) into a table.
//!
//! `csv-core` does the parsing; this module picks the delimiter, cleans the
//! header, and turns everything odd about the text into warnings that name the
//! row and column. It never fails: the worst input yields an empty table and a
//! warning. [`TableReader`] takes the data in pieces of any size (a file read in
//! slices, a paste cut into chunks), so a caller can show progress between them.
//!
//! Files come in UTF-8 (with or without a byte-order mark), UTF-16 with a
//! byte-order mark, or Windows-1252; all are read into UTF-8 text first.
//!
//! Lines are numbered as a text box shows them: 1 is the first line, and LF,
//! CRLF and a lone CR (old Mac files) each end one line, so the same data with
//! any line ends gives the same line numbers. A quoted cell with line breaks in
//! it spans that many more lines; blank lines count too.

use crate::cell::match_key;
use std::borrow::Cow;
use std::fmt;

/// Columns beyond this are dropped with a warning; nobody scores on 10,000 columns.
pub const MAX_COLUMNS: usize = 500;
/// Rows' own warnings (short and long rows, cut cells) listed at most; the rest are counted,
/// so a file whose every row is short cannot fill memory with warnings.
pub const MAX_ROW_WARNINGS: usize = 1_000;
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
    /// Per row, the line number in the pasted text where it starts (see the module docs).
    lines: Vec<u64>,
}

/// Something odd about the pasted text, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseWarning {
    /// Line in the pasted text (1 is the first, usually the header), if the warning has one.
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
    /// The character encoding the data was read in.
    pub encoding: Encoding,
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

    /// Makes the table hold exactly one row, reusing its buffers: a streaming reader scores
    /// row after row in constant memory with the same code that scores a whole table.
    pub fn set_only_row<'a>(&mut self, line: u64, cells: impl Iterator<Item = &'a str>) {
        self.text.clear();
        self.ends.clear();
        self.lines.clear();
        self.push_row(line, cells);
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

    /// Bytes the table's cell buffers hold (their capacities), headers aside.
    pub fn held_bytes(&self) -> usize {
        self.text.capacity() + 4 * self.ends.capacity() + 8 * self.lines.capacity()
    }

    /// Bytes the cells fill: their text and offsets, and each row's line number.
    pub fn used_bytes(&self) -> usize {
        self.text.len() + 4 * self.ends.len() + 8 * self.lines.len()
    }

    /// Makes room for `rows` more rows holding `text` bytes of cells, asking for the memory
    /// first: false (and nothing grown past what could be had) when it cannot be had.
    fn room_for(&mut self, text: usize, rows: usize) -> bool {
        self.text.try_reserve(text).is_ok()
            && self.ends.try_reserve(rows * self.headers.len()).is_ok()
            && self.lines.try_reserve(rows).is_ok()
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

    /// The line in the pasted text where the row starts: 1 is the first line (usually
    /// the header), and LF, CRLF and a lone CR each end a line.
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
/// Pieces may split a line, a quoted cell, a character or a byte-order mark anywhere.
///
/// The encoding is chosen from the first piece: a byte-order mark says UTF-8 or
/// UTF-16; without one, bytes that are not UTF-8 mean the file is Windows-1252.
#[derive(Debug)]
pub struct TableReader {
    /// Turns the pieces into UTF-8.
    decoder: Decoder,
    /// Bytes held back until the first line is whole, to choose the delimiter.
    pending: Vec<u8>,
    /// Chosen once the first line is whole.
    csv: Option<(csv_core::Reader, Delimiter)>,
    /// The record being read: its field bytes and field ends so far.
    fields: Vec<u8>,
    ends: Vec<usize>,
    /// Line where the record being read starts.
    start_line: u64,
    /// Line of the next byte to read: 1 plus the line breaks read so far.
    line: u64,
    /// The last line break read was a CR, so an LF right after it ends no new line.
    after_cr: bool,
    /// Between records: the next byte that is not a line break starts one.
    at_start: bool,
    /// The table so far (None until the header row is read).
    table: Option<Table>,
    warnings: Vec<ParseWarning>,
    /// The first row with bytes that are not UTF-8, if any.
    not_utf8: Option<u64>,
    /// Control characters taken out of cells.
    removed: Removed,
    /// Set when the data outgrew the cell store: the rest is ignored.
    full: bool,
    /// The line at which memory ran out, if it did: the rest is ignored too.
    out_of_memory: Option<u64>,
    /// Rows' warnings past [`MAX_ROW_WARNINGS`], counted and not listed.
    unlisted: u64,
    /// Set when the data ended in a quoted cell, into which a line break was read to tell.
    probed: bool,
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
            decoder: Decoder::default(),
            pending: Vec::new(),
            csv: None,
            fields: vec![0; 4096],
            ends: vec![0; 64],
            start_line: 1,
            line: 1,
            after_cr: false,
            at_start: true,
            table: None,
            warnings: Vec::new(),
            not_utf8: None,
            removed: Removed::default(),
            full: false,
            out_of_memory: None,
            unlisted: 0,
            probed: false,
            out: 0,
            end: 0,
        }
    }

    /// Data rows read so far.
    pub fn rows(&self) -> usize {
        self.table.as_ref().map_or(0, Table::len)
    }

    /// The line at which memory ran out, if it did. From there on nothing more is read:
    /// every buffer grows by asking first, so a reader short of memory stops and says where
    /// instead of failing. (Warnings and cleaned cells still allocate unasked: they are small.)
    pub fn out_of_memory(&self) -> Option<u64> {
        self.out_of_memory
    }

    /// Bytes the reader's buffers hold (their capacities): the table so far and the buffers
    /// the data passes through. Headers and warnings aside.
    pub fn held_bytes(&self) -> usize {
        self.table.as_ref().map_or(0, Table::held_bytes)
            + self.decoder.out.capacity()
            + self.decoder.head.capacity()
            + self.pending.capacity()
            + self.fields.capacity()
            + std::mem::size_of::<usize>() * self.ends.capacity()
    }

    /// Bytes the table so far fills (its cells' text and offsets, not the room its buffers
    /// keep to grow): what a projection of the whole load scales up.
    pub fn used_bytes(&self) -> usize {
        self.table.as_ref().map_or(0, Table::used_bytes)
    }

    /// Stops reading: memory ran out at `line`.
    fn ran_out(&mut self, line: u64) {
        self.out_of_memory.get_or_insert(line);
        self.full = true;
    }

    /// Reads another piece of the data.
    pub fn push(&mut self, bytes: &[u8]) {
        // An empty piece would read as the end of the data.
        if bytes.is_empty() {
            return;
        }
        let mut decoder = std::mem::take(&mut self.decoder);
        let undecided = decoder.encoding.is_none();
        let start = decoder.decode(bytes);
        if undecided {
            self.chosen(decoder.encoding);
        }
        if decoder.out_of_memory {
            let line = self.line;
            self.ran_out(line);
        }
        self.feed(start.map_or(&decoder.out, |start| &bytes[start..]));
        self.decoder = decoder;
    }

    /// Notes the encoding once it is chosen.
    fn chosen(&mut self, encoding: Option<Encoding>) {
        if encoding == Some(Encoding::Windows1252) {
            self.warnings.push(ParseWarning {
                line: None,
                column: None,
                message: "Read as Windows-1252 (the file is not UTF-8): check names with accents. Saving as CSV UTF-8 in Excel avoids this".to_owned(),
            });
        }
    }

    /// Reads UTF-8 text, held back until the first line is whole.
    fn feed(&mut self, text: &[u8]) {
        // An empty slice would read as the end of the data.
        if text.is_empty() {
            return;
        }
        if self.full {
            return;
        }
        if self.csv.is_none() {
            if self.pending.try_reserve(text.len()).is_err() {
                let line = self.line;
                self.ran_out(line);
                return;
            }
            self.pending.extend_from_slice(text);
            if !first_line_is_whole(&self.pending) {
                return;
            }
            self.start();
            let pending = std::mem::take(&mut self.pending);
            self.read(&pending);
        } else {
            self.read(text);
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

    /// Counts one line break byte read between records: LF, CR, or the LF of a CRLF (no new line).
    fn line_break(&mut self, byte: u8) {
        if byte == b'\r' || !self.after_cr {
            self.line += 1;
        }
        self.after_cr = byte == b'\r';
    }

    /// Feeds bytes to the CSV reader; an empty slice means the data has ended.
    fn read(&mut self, mut input: &[u8]) {
        let at_end = input.is_empty();
        loop {
            if self.full {
                return;
            }
            if self.at_start && !at_end {
                // Blank lines and the LF of a CRLF: the CSV reader skips them too, but
                // counts only LFs. Lines are counted here, so CR-only text counts as well.
                let breaks = input
                    .iter()
                    .position(|&b| b != b'\n' && b != b'\r')
                    .unwrap_or(input.len());
                for &b in &input[..breaks] {
                    self.line_break(b);
                }
                input = &input[breaks..];
                if input.is_empty() {
                    return;
                }
                self.at_start = false;
                self.after_cr = false;
                self.start_line = self.line;
            }
            let Some((reader, _)) = self.csv.as_mut() else {
                return;
            };
            let (result, nin, nout, nend) = reader.read_record(
                input,
                &mut self.fields[self.out..],
                &mut self.ends[self.end..],
            );
            // A record ends with the line break it has just read.
            let last = input[..nin].last().copied();
            input = &input[nin..];
            self.out += nout;
            self.end += nend;
            match result {
                // The record goes on in the next piece: the reader remembers where it is.
                csv_core::ReadRecordResult::InputEmpty if !at_end => return,
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    if !double(&mut self.fields) {
                        let line = self.start_line;
                        self.ran_out(line);
                    }
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    if !double(&mut self.ends) {
                        let line = self.start_line;
                        self.ran_out(line);
                    }
                }
                csv_core::ReadRecordResult::Record => {
                    if std::mem::take(&mut self.probed) {
                        // The line break read to probe the end of the data is no data.
                        self.ends[self.end - 1] -= 1;
                    }
                    let line = self.start_line;
                    // Line breaks inside quoted cells, then the one ending the record.
                    self.line += self.record(line);
                    if let Some(b @ (b'\n' | b'\r')) = last {
                        self.line += 1;
                        self.after_cr = b == b'\r';
                    }
                    self.at_start = true;
                    self.out = 0;
                    self.end = 0;
                }
                csv_core::ReadRecordResult::End => return,
            }
        }
    }

    /// One whole record: the header row first, then data rows. Answers the
    /// line breaks inside its cells.
    fn record(&mut self, line: u64) -> u64 {
        // One fast scan; only rows with line breaks or control characters look closer.
        let care =
            may_need_cleaning(&self.fields[..self.out]) && needs_cleaning(&self.fields[..self.out]);
        if !care && self.fast_row(line) {
            return 0;
        }
        self.general_record(line, care)
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
        if !table.room_for(text.len(), 1) {
            self.ran_out(line);
            return true;
        }
        let base = table.text.len();
        table.text.push_str(text);
        table.ends.extend(ends.iter().map(|&e| (base + e) as u32));
        table.lines.push(line);
        true
    }

    /// Any record: the header, short or long rows, long cells, bytes that are not UTF-8,
    /// and (when `clean`) line breaks inside cells and control characters. Answers the
    /// line breaks inside its cells.
    fn general_record(&mut self, line: u64, clean: bool) -> u64 {
        let mut cells: Vec<Cow<str>> = Vec::with_capacity(self.end);
        let mut breaks = 0;
        let removed = self.removed.count;
        let mut start = 0;
        for &stop in &self.ends[..self.end] {
            let bytes = &self.fields[start..stop];
            start = stop;
            let mut cell = match std::str::from_utf8(bytes) {
                Ok(cell) => Cow::Borrowed(cell),
                Err(_) => {
                    self.not_utf8.get_or_insert(line);
                    Cow::Owned(String::from_utf8_lossy(bytes).into_owned())
                }
            };
            if clean {
                if let Some(cleaned) = clean_cell(&cell, &mut self.removed, &mut breaks) {
                    cell = Cow::Owned(cleaned);
                }
            }
            cells.push(cell);
        }
        if self.removed.count > removed {
            self.removed.row(line);
        }
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            return breaks;
        }
        let cells: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
        match self.table.as_mut() {
            None => {
                let headers = clean_headers(cells, line, &mut self.warnings);
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
                    return breaks;
                }
                let text = cells.iter().map(|cell| cell.len()).sum();
                if !table.room_for(text, 1) {
                    self.ran_out(line);
                    return breaks;
                }
                if self.warnings.len() < MAX_ROW_WARNINGS {
                    fit_row(table, line, &cells, &mut self.warnings);
                } else {
                    let mut unlisted = Vec::new();
                    fit_row(table, line, &cells, &mut unlisted);
                    self.unlisted += unlisted.len() as u64;
                }
            }
        }
        breaks
    }

    /// At the end of the data, whether the record being read is inside a quoted cell
    /// (one that starts with a quote): there a line break is copied into the cell
    /// instead of ending the record, so one is read to tell. Answers the record's line.
    fn ends_inside_quotes(&mut self) -> Option<u64> {
        if self.at_start || self.full {
            return None;
        }
        if (self.out == self.fields.len() && !double(&mut self.fields))
            || (self.end == self.ends.len() && !double(&mut self.ends))
        {
            let line = self.start_line;
            self.ran_out(line);
            return None;
        }
        let (reader, _) = self.csv.as_mut()?;
        let (result, _, nout, nend) = reader.read_record(
            b"\n",
            &mut self.fields[self.out..],
            &mut self.ends[self.end..],
        );
        match result {
            csv_core::ReadRecordResult::InputEmpty if nout == 1 => {
                // The reader counts the copied line break in the cell: taken back out when it ends.
                self.probed = true;
                Some(self.start_line)
            }
            csv_core::ReadRecordResult::Record => {
                self.out += nout;
                self.end += nend;
                let line = self.start_line;
                self.record(line);
                self.at_start = true;
                self.out = 0;
                self.end = 0;
                None
            }
            _ => None,
        }
    }

    /// Ends the data: the last record, and what was odd about the whole.
    pub fn finish(mut self) -> Parsed {
        let mut decoder = std::mem::take(&mut self.decoder);
        let undecided = decoder.encoding.is_none();
        let encoding = decoder.finish();
        if undecided {
            self.chosen(Some(encoding));
        }
        if decoder.out_of_memory {
            let line = self.line;
            self.ran_out(line);
        }
        self.feed(&decoder.out);
        if self.csv.is_none() {
            self.start();
            let pending = std::mem::take(&mut self.pending);
            self.read(&pending);
        }
        let unclosed = self.ends_inside_quotes();
        self.read(&[]);
        let delimiter = self.csv.as_ref().map_or(Delimiter::Comma, |(_, d)| *d);
        let mut warnings = self.warnings;
        if self.unlisted > 0 {
            warnings.push(ParseWarning {
                line: None,
                column: None,
                message: format!(
                    "and {} more warnings about rows like those above, not listed",
                    self.unlisted
                ),
            });
        }
        if let Some(line) = self.out_of_memory {
            let rows = self.table.as_ref().map_or(0, Table::len);
            warnings.push(ParseWarning {
                line: Some(line),
                column: None,
                message: format!(
                    "memory ran out here; only the {rows} rows before this line were read"
                ),
            });
        }
        if let Some(line) = self.not_utf8 {
            warnings.push(ParseWarning {
                line: Some(line),
                column: None,
                message: "some text is not UTF-8; unreadable characters show as \u{fffd}. Save the file as UTF-8 (CSV UTF-8 in Excel) and open it again".to_owned(),
            });
        }
        if decoder.bad > 0 {
            warnings.push(ParseWarning {
                line: None,
                column: None,
                message: format!(
                    "{} broken characters in the {} text show as \u{fffd}",
                    decoder.bad,
                    encoding.label()
                ),
            });
        }
        warnings.extend(self.removed.warning());
        if let Some(line) = unclosed {
            warnings.push(ParseWarning {
                line: Some(line),
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
                encoding,
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
            encoding,
            warnings,
        }
    }
}

/// Whether a record's bytes may hold a line break or a control character: one
/// branch-free pass, so the common row costs little. `0xC2` leads the C1 controls
/// in UTF-8 (and also ordinary characters such as `°`, which [`needs_cleaning`] lets through).
fn may_need_cleaning(bytes: &[u8]) -> bool {
    bytes.chunks(64).any(|chunk| {
        chunk.iter().fold(false, |any, &b| {
            any | ((b < 0x20) & (b != b'\t')) | (b == 0x7f) | (b == 0xc2)
        })
    })
}

/// Whether a record's bytes hold a line break or a control character for [`clean_cell`].
fn needs_cleaning(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\t')
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
    })
}

/// C0 controls but tab, CR and LF; DEL; the C1 controls.
fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// A cell with its line breaks written as LF (a CRLF or a lone CR inside a quoted
/// cell reads as the LF of the same cell in LF text) and its control characters taken
/// out; None when the cell stays as it is. Adds its line breaks to `breaks`.
fn clean_cell(cell: &str, removed: &mut Removed, breaks: &mut u64) -> Option<String> {
    if !may_need_cleaning(cell.as_bytes()) {
        return None;
    }
    let mut cleaned = String::with_capacity(cell.len());
    let mut changed = false;
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                *breaks += 1;
                cleaned.push('\n');
            }
            '\r' => {
                *breaks += 1;
                changed = true;
                chars.next_if_eq(&'\n');
                cleaned.push('\n');
            }
            c if is_control(c) => {
                changed = true;
                removed.note(c);
            }
            c => cleaned.push(c),
        }
    }
    changed.then_some(cleaned)
}

/// Control characters taken out of cells, for one warning.
#[derive(Debug, Default)]
struct Removed {
    /// How many.
    count: u64,
    /// The first rows (by line) they were taken from.
    rows: Vec<u64>,
    /// Further rows they were taken from.
    more_rows: u64,
    /// One to name: NUL if there was one, else the first.
    example: Option<char>,
}

impl Removed {
    /// Rows named in the warning; the rest are counted.
    const NAMED_ROWS: usize = 5;

    fn note(&mut self, c: char) {
        self.count += 1;
        if c == '\0' || self.example.is_none() {
            self.example = Some(c);
        }
    }

    fn row(&mut self, line: u64) {
        if self.rows.len() < Self::NAMED_ROWS {
            self.rows.push(line);
        } else {
            self.more_rows += 1;
        }
    }

    fn warning(&self) -> Option<ParseWarning> {
        let example = self.example.filter(|_| self.count > 0)?;
        let name = match example {
            '\0' => "NUL".to_owned(),
            '\u{7f}' => "DEL".to_owned(),
            c => format!("U+{:04X}", c as u32),
        };
        let list = self
            .rows
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let rows = match (self.rows.len(), self.more_rows) {
            (1, 0) => format!("row {list}"),
            (_, 0) => format!("rows {list}"),
            (_, more) => format!("rows {list} and {more} more"),
        };
        let message = if self.count == 1 {
            format!("Removed 1 control character ({name}) from {rows}")
        } else {
            format!(
                "Removed {} control characters (such as {name}) from {rows}",
                self.count
            )
        };
        Some(ParseWarning {
            line: None,
            column: None,
            message,
        })
    }
}

/// The character encoding data was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark (also plain ASCII and all pasted text).
    #[default]
    Utf8,
    /// UTF-8 after a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 little-endian after a byte-order mark (Excel's "Unicode Text").
    Utf16Le,
    /// UTF-16 big-endian after a byte-order mark.
    Utf16Be,
    /// Windows-1252, read so because the data is not UTF-8 (Excel's plain "CSV" on Western Windows).
    Windows1252,
}

impl Encoding {
    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Windows-1252 bytes 0x80 to 0x9F; the five it leaves undefined keep their code
/// point (C1 controls, taken out later like any control). The rest is Latin-1.
const WINDOWS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Turns the pieces of the data into UTF-8, carrying what a piece cuts in half
/// (a byte-order mark, a UTF-16 code unit or surrogate pair) to the next.
#[derive(Debug, Default)]
struct Decoder {
    /// Chosen with the first piece (None before).
    encoding: Option<Encoding>,
    /// The start of the data while it may still be a byte-order mark.
    head: Vec<u8>,
    /// UTF-16: the first byte of a code unit cut by the end of a piece.
    odd: Option<u8>,
    /// UTF-16: a high surrogate waiting for its low half.
    high: Option<u16>,
    /// UTF-16: code units that make no character (shown as U+FFFD).
    bad: u64,
    /// The decoded piece.
    out: Vec<u8>,
    /// Set when the memory to decode a piece could not be had (the piece is then not decoded).
    out_of_memory: bool,
}

impl Decoder {
    /// Decodes the next piece: `Some(start)` when it is UTF-8 to read as given from
    /// `start` (past a byte-order mark), None when the UTF-8 is in `out` (maybe nothing yet).
    fn decode(&mut self, bytes: &[u8]) -> Option<usize> {
        self.out.clear();
        match self.encoding {
            Some(Encoding::Utf8 | Encoding::Utf8Bom) => return Some(0),
            Some(encoding) => {
                self.transcode(encoding, bytes);
                return None;
            }
            None => {}
        }
        if self.head.is_empty() {
            let Some((encoding, bom)) = choose_encoding(bytes, false) else {
                self.head.extend_from_slice(bytes);
                return None;
            };
            self.encoding = Some(encoding);
            if matches!(encoding, Encoding::Utf8 | Encoding::Utf8Bom) {
                return Some(bom);
            }
            self.transcode(encoding, &bytes[bom..]);
        } else {
            let mut joined = std::mem::take(&mut self.head);
            joined.extend_from_slice(bytes);
            let Some((encoding, bom)) = choose_encoding(&joined, false) else {
                self.head = joined;
                return None;
            };
            self.encoding = Some(encoding);
            self.transcode(encoding, &joined[bom..]);
        }
        None
    }

    /// Decodes what is left at the end of the data into `out`; answers the encoding
    /// (chosen now if not yet).
    fn finish(&mut self) -> Encoding {
        self.out.clear();
        let encoding = match self.encoding {
            Some(encoding) => encoding,
            None => {
                let head = std::mem::take(&mut self.head);
                let (encoding, bom) = choose_encoding(&head, true).unwrap_or_default();
                self.encoding = Some(encoding);
                self.transcode(encoding, &head[bom..]);
                encoding
            }
        };
        if matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be)
            && (self.odd.take().is_some() | self.high.take().is_some())
        {
            self.replacement();
        }
        encoding
    }

    /// Appends `bytes` in `encoding` to `out` as UTF-8.
    fn transcode(&mut self, encoding: Encoding, bytes: &[u8]) {
        match encoding {
            Encoding::Utf8 | Encoding::Utf8Bom => self.out.extend_from_slice(bytes),
            Encoding::Windows1252 => {
                // At most three bytes of UTF-8 a byte: reserved (asking first) at once.
                if self.out.try_reserve(3 * bytes.len()).is_err() {
                    self.out_of_memory = true;
                    return;
                }
                let mut rest = bytes;
                while !rest.is_empty() {
                    // ASCII is the same in both: copied a run at a time.
                    let ascii = rest.iter().position(|&b| b >= 0x80).unwrap_or(rest.len());
                    self.out.extend_from_slice(&rest[..ascii]);
                    let Some((&b, after)) = rest[ascii..].split_first() else {
                        break;
                    };
                    self.push_char(match b {
                        0x80..=0x9f => WINDOWS_1252[usize::from(b - 0x80)],
                        _ => char::from(b),
                    });
                    rest = after;
                }
            }
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let big = encoding == Encoding::Utf16Be;
                let unit = |a: u8, b: u8| {
                    if big {
                        u16::from_be_bytes([a, b])
                    } else {
                        u16::from_le_bytes([a, b])
                    }
                };
                let mut bytes = bytes;
                if let Some(first) = self.odd.take() {
                    let Some((&second, rest)) = bytes.split_first() else {
                        self.odd = Some(first);
                        return;
                    };
                    self.utf16(unit(first, second));
                    bytes = rest;
                }
                // At most three bytes of UTF-8 a code unit (two bytes), four a pair (four).
                if self.out.try_reserve(bytes.len() / 2 * 3 + 4).is_err() {
                    self.out_of_memory = true;
                    return;
                }
                let mut pairs = bytes.chunks_exact(2);
                for pair in &mut pairs {
                    self.utf16(unit(pair[0], pair[1]));
                }
                self.odd = pairs.remainder().first().copied();
            }
        }
    }

    /// One UTF-16 code unit.
    fn utf16(&mut self, unit: u16) {
        if let Some(high) = self.high.take() {
            if (0xdc00..0xe000).contains(&unit) {
                let code =
                    0x10000 + ((u32::from(high) - 0xd800) << 10) + (u32::from(unit) - 0xdc00);
                self.push_char(char::from_u32(code).unwrap_or('\u{fffd}'));
                return;
            }
            self.replacement();
        }
        match unit {
            0xd800..=0xdbff => self.high = Some(unit),
            0xdc00..=0xdfff => self.replacement(),
            _ => self.push_char(char::from_u32(u32::from(unit)).unwrap_or('\u{fffd}')),
        }
    }

    fn replacement(&mut self) {
        self.bad += 1;
        self.push_char('\u{fffd}');
    }

    fn push_char(&mut self, c: char) {
        let mut buffer = [0; 4];
        self.out
            .extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
    }
}

/// The encoding of data starting with `bytes`, and the length of its byte-order mark;
/// None while `bytes` may still be the start of a byte-order mark (unless `at_end`).
/// Without a byte-order mark, bytes that are not UTF-8 (a character cut by the end
/// of `bytes` aside) make it Windows-1252.
fn choose_encoding(bytes: &[u8], at_end: bool) -> Option<(Encoding, usize)> {
    const MARKS: [(&[u8], Encoding); 3] = [
        (b"\xef\xbb\xbf", Encoding::Utf8Bom),
        (b"\xff\xfe", Encoding::Utf16Le),
        (b"\xfe\xff", Encoding::Utf16Be),
    ];
    for (mark, encoding) in MARKS {
        if bytes.starts_with(mark) {
            return Some((encoding, mark.len()));
        }
        if !at_end && mark.starts_with(bytes) {
            return None;
        }
    }
    match std::str::from_utf8(bytes) {
        Err(e) if e.error_len().is_some() => Some((Encoding::Windows1252, 0)),
        _ => Some((Encoding::Utf8, 0)),
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
        .split(['\n', '\r'])
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

fn clean_headers(mut cells: Vec<&str>, line: u64, warnings: &mut Vec<ParseWarning>) -> Vec<String> {
    if cells.len() > MAX_COLUMNS {
        warnings.push(ParseWarning {
            line: Some(line),
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
                line: Some(line),
                column: Some(name.clone()),
                message: "header is blank; named it by its position".to_owned(),
            });
        }
        if headers.iter().any(|h| match_key(h) == match_key(&name)) {
            let renamed = format!("{name} ({})", index + 1);
            warnings.push(ParseWarning {
                line: Some(line),
                column: Some(name.clone()),
                message: format!("header appears twice; the second is called \"{renamed}\""),
            });
            name = renamed;
        }
        headers.push(name);
    }
    headers
}

/// Doubles a record buffer, asking for the memory first: false when it cannot be had.
fn double<T: Copy + Default>(buffer: &mut Vec<T>) -> bool {
    let more = buffer.len().max(1);
    if buffer.try_reserve_exact(more).is_err() {
        return false;
    }
    buffer.resize(buffer.len() + more, T::default());
    true
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_warnings_past_the_listed_ones_are_counted_not_kept() {
        // Every row one cell short: one warning a row, but only so many are kept.
        let rows = MAX_ROW_WARNINGS + 2_500;
        let mut text = String::from("Account,ARR,Seats\n");
        for i in 0..rows {
            text.push_str(&format!("A{i},{i}\n"));
        }
        let parsed = parse_table(&text);
        assert_eq!(parsed.table.len(), rows);
        let short: Vec<_> = parsed
            .warnings
            .iter()
            .filter(|w| w.message.contains("the rest are blank"))
            .collect();
        assert_eq!(short.len(), MAX_ROW_WARNINGS);
        assert_eq!(short[0].line, Some(2));
        let last = parsed.warnings.last().expect("a summary");
        assert_eq!(
            last.message,
            "and 2500 more warnings about rows like those above, not listed"
        );
        // The rows past the listed warnings are still read, padded with blanks.
        assert_eq!(
            parsed.table.row(rows - 1),
            vec![
                format!("A{}", rows - 1).as_str(),
                &(rows - 1).to_string(),
                ""
            ]
        );
    }

    fn decode_all(encoding: Encoding, pieces: &[&[u8]]) -> (String, u64) {
        let mut decoder = Decoder {
            encoding: Some(encoding),
            ..Decoder::default()
        };
        let mut text = Vec::new();
        for piece in pieces {
            match decoder.decode(piece) {
                Some(start) => text.extend_from_slice(&piece[start..]),
                None => text.extend_from_slice(&decoder.out),
            }
        }
        decoder.finish();
        text.extend_from_slice(&decoder.out);
        (String::from_utf8(text).expect("UTF-8"), decoder.bad)
    }

    #[test]
    fn windows_1252_is_latin_1_but_for_its_32_bytes() {
        let (text, bad) = decode_all(Encoding::Windows1252, &[&(0..=255).collect::<Vec<u8>>()]);
        assert_eq!(bad, 0);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars.len(), 256);
        for (b, c) in chars.iter().enumerate() {
            match b {
                0x80..=0x9f => assert_eq!(*c, WINDOWS_1252[b - 0x80]),
                _ => assert_eq!(*c as u32, b as u32),
            }
        }
        for (b, c) in [
            (0x80, '€'),
            (0x81, '\u{81}'),
            (0x8a, 'Š'),
            (0x8d, '\u{8d}'),
            (0x8f, '\u{8f}'),
            (0x90, '\u{90}'),
            (0x92, '’'),
            (0x96, '–'),
            (0x99, '™'),
            (0x9d, '\u{9d}'),
            (0x9f, 'Ÿ'),
        ] {
            assert_eq!(chars[b], c, "{b:#x}");
        }
    }

    #[test]
    fn the_encoding_is_chosen_from_the_first_bytes() {
        type Choice = Option<(Encoding, usize)>;
        // (bytes, at the end of the data, choice)
        let cases: &[(&[u8], bool, Choice)] = &[
            (b"", false, None),
            (b"", true, Some((Encoding::Utf8, 0))),
            (b"\xef", false, None),
            (b"\xef\xbb", false, None),
            // A character cut by the end counts as UTF-8, even at the end of the data
            // (read as U+FFFD with a warning), as when the whole data is one piece.
            (b"\xef\xbb", true, Some((Encoding::Utf8, 0))),
            (b"\xef\xbb\xbfA", false, Some((Encoding::Utf8Bom, 3))),
            (b"\xff", false, None),
            (b"\xff\xfeA", false, Some((Encoding::Utf16Le, 2))),
            (b"\xfe\xff", false, Some((Encoding::Utf16Be, 2))),
            (b"\xef\xbd\xb1", false, Some((Encoding::Utf8, 0))),
            (b"Caf\xc3", false, Some((Encoding::Utf8, 0))),
            (b"Caf\xe9", false, Some((Encoding::Utf8, 0))),
            (b"Caf\xe9 ", false, Some((Encoding::Windows1252, 0))),
            (b"A\x00B", false, Some((Encoding::Utf8, 0))),
            (b"\xe9", true, Some((Encoding::Utf8, 0))),
        ];
        for (bytes, at_end, choice) in cases {
            assert_eq!(choose_encoding(bytes, *at_end), *choice, "{bytes:?}");
        }
    }

    #[test]
    fn utf16_cut_anywhere_decodes_alike() {
        let text = "a😀é\r\n€";
        for (encoding, big) in [(Encoding::Utf16Le, false), (Encoding::Utf16Be, true)] {
            let bytes: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| {
                    if big {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    }
                })
                .collect();
            for cut in 0..=bytes.len() {
                for second in cut..=bytes.len() {
                    let pieces = [&bytes[..cut], &bytes[cut..second], &bytes[second..]];
                    assert_eq!(decode_all(encoding, &pieces), (text.to_owned(), 0));
                }
            }
        }
    }

    #[test]
    fn cells_lose_control_characters_and_write_line_breaks_as_lf() {
        // (cell, cleaned if changed, line breaks, characters removed)
        let cases: &[(&str, Option<&str>, u64, u64)] = &[
            ("plain", None, 0, 0),
            ("tab\there", None, 0, 0),
            ("°C £ ½\u{a0}", None, 0, 0),
            ("a\nb", None, 1, 0),
            ("a\r\nb\rc\n\r", Some("a\nb\nc\n\n"), 4, 0),
            ("\r\n\r\n", Some("\n\n"), 2, 0),
            ("N\0U\0L", Some("NUL"), 0, 2),
            (
                "\u{1}\u{8}\u{b}\u{c}\u{e}\u{1f}\u{7f}\u{80}\u{9f}x",
                Some("x"),
                0,
                9,
            ),
            ("\u{a0}\u{7e}\u{20}", None, 0, 0),
        ];
        for (cell, cleaned, breaks, removed) in cases {
            let mut counted = Removed::default();
            let mut lines = 0;
            let got = clean_cell(cell, &mut counted, &mut lines);
            assert_eq!(got.as_deref(), *cleaned, "{cell:?}");
            assert_eq!((lines, counted.count), (*breaks, *removed), "{cell:?}");
            let flagged = needs_cleaning(cell.as_bytes());
            assert_eq!(flagged, *breaks > 0 || *removed > 0, "{cell:?}");
            assert!(!flagged || may_need_cleaning(cell.as_bytes()), "{cell:?}");
        }
    }

    #[test]
    fn the_first_line_names_the_delimiter_whatever_ends_it() {
        for text in [
            "A;B\nc,d,e,f",
            "A;B\r\nc,d,e,f",
            "A;B\rc,d,e,f\tg",
            "\r\r  \rA;B\r",
        ] {
            assert_eq!(detect_delimiter(text), Delimiter::Semicolon, "{text:?}");
        }
    }
}
