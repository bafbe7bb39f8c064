//! Matches each metric input to a column of the data: the user's saved mapping,
//! then the exact header, then the header normalised, then a fuzzy match, each
//! with its confidence; or no match, which the user is asked to settle.
//!
//! An input with no confident match is *unmapped*: it is left out of every score
//! (never scored as 0) until the user picks its column or says the data has none.

use crate::cell::match_key;
use crate::dates::{read_date, DateCell, Day, DayMonth};
use crate::model::{ColumnFormat, DataSettings, Input, Mapping, ReadAs, Rule, Scorecard};
use crate::number::{shown_mark, DecimalMark};
use crate::scoring::MissingReason;
use crate::table::{Delimiter, Parsed, Table};

/// A fuzzy match at least this similar is used without asking (and shown with its confidence).
pub const CONFIDENT: f64 = 0.8;
/// Columns at least this similar are offered first when the user picks by hand.
const SUGGESTED: f64 = 0.35;

/// How an input found its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// The user mapped it by hand, and the data has that header.
    Saved,
    /// The header is written exactly as the input.
    Exact,
    /// The same once case, punctuation and units like "(30d)" or "%" are set aside.
    Normalised,
    /// Similar enough to use, but not the same: shown with its confidence.
    Fuzzy,
    /// The user said the data has no such column: the metric is scored by its missing-value policy.
    Declined,
    /// No confident match: the metric is left out of scores until the user maps it.
    Unmapped,
}

/// Where one input's values come from.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMatch {
    /// The input's column name, as the scorecard writes it.
    pub input: String,
    /// The data column it reads, if any.
    pub column: Option<usize>,
    /// How it was found.
    pub kind: MatchKind,
    /// 0-1: 1 for saved, exact and normalised matches, the similarity for fuzzy ones.
    pub confidence: f64,
    /// Other columns worth offering, most similar first, with their similarity.
    pub suggestions: Vec<(usize, f64)>,
}

impl ColumnMatch {
    /// True when the metric reads no column because nobody has said which.
    pub fn is_unmapped(&self) -> bool {
        self.kind == MatchKind::Unmapped
    }
}

/// Which columns of a table each metric reads, and how their cells are written; resolved
/// once per table and card, then shared by every read of every row.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMap {
    /// Per metric, in scorecard order: column indexes, or None when it reads no column.
    pub metrics: Vec<Option<Vec<usize>>>,
    /// Per metric, per input column: how it was matched.
    pub matches: Vec<Vec<ColumnMatch>>,
    /// Per table column read as numbers: its decimal mark, if known or guessed.
    pub marks: Vec<Option<DecimalMark>>,
    /// Per table column: where its mark comes from, so a guess is shown as one.
    pub mark_sources: Vec<MarkSource>,
    /// Per table column read as dates: day and month order, chosen or shown by a cell.
    pub orders: Vec<Option<DayMonth>>,
    /// The date "days since" and "days until" count from.
    pub as_of: Option<Day>,
    /// The column holding account names.
    pub name_column: usize,
}

/// Everything of a scorecard a [`ColumnMap`] is resolved from: each metric's inputs, whether
/// it reads categories (else numbers) and dates, and the saved mappings, column formats and
/// as-of date. Cards with equal keys resolve equal maps on the same data, so a threshold or a
/// weight edited resolves nothing again.
#[derive(Debug, Clone, PartialEq)]
pub struct MapKey {
    metrics: Vec<(Input, bool, bool)>,
    mappings: Vec<Mapping>,
    formats: Vec<ColumnFormat>,
    as_of: Option<String>,
}

/// Where a column's decimal mark comes from.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum MarkSource {
    /// Nothing tells: a cell that reads two ways (`1.234`) is flagged and not scored.
    #[default]
    Unknown,
    /// The user chose it for this column.
    Chosen,
    /// A cell of this column shows it (`12,5`, `1,234.5`): (row, text).
    Cell(usize, String),
    /// A cell of another column shows it: (its header, row, text). A guess, shown as one.
    OtherColumn(String, usize, String),
    /// The file's separator suggests it (comma-separated files write decimal points,
    /// semicolon-separated ones decimal commas). A guess, shown as one.
    Delimiter(Delimiter),
}

impl MarkSource {
    /// True when the mark is a guess the user should see (and may correct).
    pub fn is_guess(&self) -> bool {
        matches!(self, MarkSource::OtherColumn(..) | MarkSource::Delimiter(_))
    }
}

/// Where one metric's values come from, for reading one cell.
#[derive(Debug, Clone, Copy)]
pub struct Source<'m> {
    /// The table columns of the metric's inputs, in input order.
    pub columns: &'m [usize],
    map: &'m ColumnMap,
    /// The date days count from.
    pub as_of: Option<Day>,
}

impl Source<'_> {
    /// The decimal mark of the metric's `index`-th column, if known.
    pub fn mark(&self, index: usize) -> Option<DecimalMark> {
        self.columns
            .get(index)
            .and_then(|&c| self.map.marks.get(c).copied().flatten())
    }

    /// The day and month order of the metric's `index`-th column, if known.
    pub fn order(&self, index: usize) -> Option<DayMonth> {
        self.columns
            .get(index)
            .and_then(|&c| self.map.orders.get(c).copied().flatten())
    }
}

impl ColumnMap {
    /// Matches each metric's input columns to the table's headers (the card's saved mappings
    /// first, then exact, normalised and confident fuzzy matches), and settles how each
    /// column read as numbers or dates is written. Date metrics count from the card's as-of
    /// date; see [`ColumnMap::on`] for today.
    pub fn resolve(card: &Scorecard, table: &Table) -> ColumnMap {
        ColumnMap::resolve_with(card, table, None, None)
    }

    /// What resolving a map reads of `card`: see [`MapKey`].
    pub fn key(card: &Scorecard) -> MapKey {
        MapKey {
            metrics: card
                .metrics
                .iter()
                .map(|m| {
                    let categories = matches!(m.rule, Rule::Categorical { .. });
                    (m.input.clone(), categories, m.read.is_date())
                })
                .collect(),
            mappings: card.data.mappings.clone(),
            formats: card.data.formats.clone(),
            as_of: card.data.as_of.clone(),
        }
    }

    /// [`ColumnMap::resolve`], also guessing the decimal mark of columns no cell settles from
    /// the other columns, then from the file's separator: a guess the data-quality panel shows.
    pub fn resolve_parsed(card: &Scorecard, parsed: &Parsed) -> ColumnMap {
        ColumnMap::resolve_with(card, &parsed.table, Some(parsed.delimiter), None)
    }

    /// [`ColumnMap::resolve_parsed`] with each column's first telling cell already found by
    /// `marks` (scanned a slice at a time, so that resolving a million rows is not one long
    /// task); the same map.
    pub fn resolve_scanned(card: &Scorecard, parsed: &Parsed, marks: &FirstMarks) -> ColumnMap {
        ColumnMap::resolve_with(card, &parsed.table, Some(parsed.delimiter), Some(marks))
    }

    fn resolve_with(
        card: &Scorecard,
        table: &Table,
        delimiter: Option<Delimiter>,
        scanned: Option<&FirstMarks>,
    ) -> ColumnMap {
        let name_column = table.name_column();
        let matches: Vec<Vec<ColumnMatch>> = card
            .metrics
            .iter()
            .map(|metric| {
                metric
                    .input
                    .columns()
                    .iter()
                    .map(|input| match_input(input, &table.headers, &card.data, Some(name_column)))
                    .collect()
            })
            .collect();
        let metrics: Vec<Option<Vec<usize>>> = matches
            .iter()
            .map(|m| m.iter().map(|m| m.column).collect::<Option<Vec<usize>>>())
            .collect();
        let width = table.headers.len();
        let mut marks = vec![None; width];
        let mut mark_sources = vec![MarkSource::Unknown; width];
        let mut numeric = vec![false; width];
        let mut orders = vec![None; width];
        for (metric, columns) in card.metrics.iter().zip(&metrics) {
            let Some(columns) = columns else { continue };
            if matches!(metric.rule, Rule::Categorical { .. }) {
                continue;
            }
            for (i, &column) in columns.iter().enumerate() {
                let header = &table.headers[column];
                let format = card.data.format(header);
                numeric[column] = true;
                if mark_sources[column] == MarkSource::Unknown {
                    let (mark, source) = match format.and_then(|f| f.decimal) {
                        Some(mark) => (Some(mark), MarkSource::Chosen),
                        None => match scanned
                            .map_or_else(|| first_mark(table, column), |m| m.of(table, column))
                        {
                            Some((row, mark)) => (
                                Some(mark),
                                MarkSource::Cell(row, table.cell(row, column).trim().to_owned()),
                            ),
                            None => (None, MarkSource::Unknown),
                        },
                    };
                    marks[column] = mark;
                    mark_sources[column] = source;
                }
                if metric.read.is_date() && i == 0 && orders[column].is_none() {
                    orders[column] = format
                        .and_then(|f| f.day_month)
                        .or_else(|| first_order(table, column));
                }
            }
        }
        if let Some(delimiter) = delimiter {
            guess_marks(table, delimiter, &numeric, &mut marks, &mut mark_sources);
        }
        ColumnMap {
            metrics,
            matches,
            marks,
            mark_sources,
            orders,
            as_of: card.data.as_of.as_deref().and_then(Day::parse_iso),
            name_column,
        }
    }

    /// Counts days from `today` when the card names no as-of date.
    pub fn on(mut self, today: Day) -> ColumnMap {
        self.as_of.get_or_insert(today);
        self
    }

    /// Where metric `index` reads from, or why it reads nothing.
    pub fn of(&self, index: usize) -> Result<Source<'_>, MissingReason> {
        match self.metrics.get(index) {
            Some(Some(columns)) => Ok(Source {
                columns,
                map: self,
                as_of: self.as_of,
            }),
            _ if self.unmapped(index) => Err(MissingReason::Unmapped),
            _ => Err(MissingReason::NoColumn),
        }
    }

    /// Whether metric `index` is left out because some input has no column yet.
    pub fn unmapped(&self, index: usize) -> bool {
        self.matches
            .get(index)
            .is_some_and(|m| m.iter().any(ColumnMatch::is_unmapped))
    }

    /// How many metrics are unmapped.
    pub fn unmapped_count(&self) -> usize {
        (0..self.matches.len())
            .filter(|&m| self.unmapped(m))
            .count()
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
                        .matches
                        .iter()
                        .flatten()
                        .any(|m| m.column == Some(*index))
            })
            .map(|(_, header)| header.as_str())
            .collect()
    }
}

/// The decimal mark the first telling cell of a column shows (`12,5`, `1,234.5`), with its
/// row, if any. Stopping at the first is safe: a later cell written the other way does not
/// read under this mark and is flagged as unreadable, never read wrongly.
pub fn first_mark(table: &Table, column: usize) -> Option<(usize, DecimalMark)> {
    first_mark_in(table, column, 0..table.len())
}

/// Every column's first telling cell (see [`first_mark`]), found a slice of rows at a time: a
/// column of whole numbers has none, and looking through a million rows of it in one go held
/// up the page for a fifth of a second.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FirstMarks {
    /// Rows looked through so far, from the first.
    scanned: usize,
    /// Per column, the first telling cell's row and mark, once found.
    found: Vec<Option<(usize, DecimalMark)>>,
}

impl FirstMarks {
    /// Looks through the rows after those already scanned, up to `until`, in the columns with
    /// no telling cell yet.
    pub fn scan(&mut self, table: &Table, until: usize) {
        let rows = self.scanned..until.min(table.len()).max(self.scanned);
        self.found.resize(table.headers.len(), None);
        for (column, found) in self.found.iter_mut().enumerate() {
            if found.is_none() {
                *found = first_mark_in(table, column, rows.clone());
            }
        }
        self.scanned = rows.end;
    }

    /// Rows looked through so far.
    pub fn scanned(&self) -> usize {
        self.scanned
    }

    /// [`first_mark`] of `column`: from the scan once it has covered the table, else looked up.
    pub fn of(&self, table: &Table, column: usize) -> Option<(usize, DecimalMark)> {
        match self.found.get(column) {
            Some(found) if self.scanned >= table.len() => *found,
            _ => first_mark(table, column),
        }
    }
}

/// [`first_mark`] among `rows` only.
fn first_mark_in(
    table: &Table,
    column: usize,
    rows: std::ops::Range<usize>,
) -> Option<(usize, DecimalMark)> {
    rows.into_iter().find_map(|row| {
        let cell = table.cell(row, column);
        if !cell.bytes().any(|b| b == b',' || b == b'.') || reads_two_ways(cell) {
            return None;
        }
        shown_mark(cell).map(|mark| (row, mark))
    })
}

/// A quick test for the commonest cell that shows no mark, `1,234` or `-12.500`: one
/// separator, three digits after it, one to three before it not starting with 0. It spares
/// the full reader the thousands of such cells a column of counts holds.
fn reads_two_ways(cell: &str) -> bool {
    let text = cell.trim().as_bytes();
    let text = text.strip_prefix(b"-").unwrap_or(text);
    let Some(at) = text.iter().position(|&b| b == b',' || b == b'.') else {
        return false;
    };
    let (before, after) = (&text[..at], &text[at + 1..]);
    (1..=3).contains(&before.len())
        && before[0] != b'0'
        && before.iter().all(u8::is_ascii_digit)
        && after.len() == 3
        && after.iter().all(u8::is_ascii_digit)
}

/// Gives the numeric columns no cell settles the mark another column shows, else the one the
/// separator suggests (a comma-separated file writes decimal points, a semicolon-separated
/// one decimal commas; a tab says nothing). Only columns read as numbers take part.
fn guess_marks(
    table: &Table,
    delimiter: Delimiter,
    numeric: &[bool],
    marks: &mut [Option<DecimalMark>],
    sources: &mut [MarkSource],
) {
    let shown = sources
        .iter()
        .enumerate()
        .find_map(|(column, source)| match source {
            MarkSource::Cell(row, text) => marks[column].map(|mark| {
                (
                    mark,
                    MarkSource::OtherColumn(table.headers[column].clone(), *row, text.clone()),
                )
            }),
            _ => None,
        });
    let by_delimiter = match delimiter {
        Delimiter::Comma => Some(DecimalMark::Point),
        Delimiter::Semicolon => Some(DecimalMark::Comma),
        _ => None,
    }
    .map(|mark| (mark, MarkSource::Delimiter(delimiter)));
    let Some((mark, source)) = shown.or(by_delimiter) else {
        return;
    };
    for (column, slot) in sources.iter_mut().enumerate() {
        // Only the columns looked at (numeric metrics) without a mark of their own.
        if *slot == MarkSource::Unknown && numeric[column] {
            marks[column] = Some(mark);
            *slot = source.clone();
        }
    }
}

/// The day and month order the first telling date of a column shows (`14/03/2026`), if any.
pub fn first_order(table: &Table, column: usize) -> Option<DayMonth> {
    (0..table.len())
        .map(|row| table.cell(row, column))
        .find_map(|cell| {
            let day_first = read_date(cell, Some(DayMonth::DayFirst));
            let month_first = read_date(cell, Some(DayMonth::MonthFirst));
            match (day_first, month_first) {
                (DateCell::Date(_), DateCell::Unreadable) => Some(DayMonth::DayFirst),
                (DateCell::Unreadable, DateCell::Date(_)) => Some(DayMonth::MonthFirst),
                _ => None,
            }
        })
}

/// The columns shown and exported beside the score: the account id column first, then the
/// carried ones, then the outcome column, each with its table column (None when this data
/// lacks it).
pub fn carried_columns(data: &DataSettings, table: &Table) -> Vec<(String, Option<usize>)> {
    let outcome = data.outcome.as_ref().map(|o| &o.column);
    data.id_column
        .iter()
        .chain(
            data.carried
                .iter()
                .filter(|c| Some(*c) != data.id_column.as_ref()),
        )
        // The outcome rides along too, so the evidence can be checked in a spreadsheet.
        .chain(outcome.filter(|o| Some(*o) != data.id_column.as_ref() && !data.carried.contains(o)))
        .map(|header| (header.clone(), exact_or_normalised(header, &table.headers)))
        .collect()
}

/// A column read as numbers for totals (ARR): NaN where a cell is blank or not a number;
/// None when the data has no such column. The decimal mark is the card's choice for the
/// column, else the first cell that shows one, else the one the file's separator suggests.
pub fn numbers_of(data: &DataSettings, parsed: &Parsed, header: &str) -> Option<Vec<f64>> {
    let table = &parsed.table;
    let column = exact_or_normalised(header, &table.headers)?;
    let by_delimiter = match parsed.delimiter {
        Delimiter::Comma => Some(DecimalMark::Point),
        Delimiter::Semicolon => Some(DecimalMark::Comma),
        _ => None,
    };
    let mark = data
        .format(&table.headers[column])
        .and_then(|f| f.decimal)
        .or_else(|| first_mark(table, column).map(|(_, mark)| mark))
        .or(by_delimiter);
    let values = (0..table.len())
        .map(|row| {
            crate::number::read_number_as(table.cell(row, column), mark)
                .number()
                .unwrap_or(f64::NAN)
        })
        .collect();
    Some(values)
}

/// Whether a metric reads its cells as numbers (not categories).
pub fn reads_numbers(rule: &Rule, read: ReadAs) -> bool {
    !matches!(rule, Rule::Categorical { .. }) && !read.is_date()
}

/// Finds the column `input` reads among `headers`. `skip` is a column never matched
/// fuzzily (the account names).
pub fn match_input(
    input: &str,
    headers: &[String],
    data: &DataSettings,
    skip: Option<usize>,
) -> ColumnMatch {
    let found = |column: usize, kind: MatchKind, confidence: f64| ColumnMatch {
        input: input.to_owned(),
        column: Some(column),
        kind,
        confidence,
        suggestions: Vec::new(),
    };
    if let Some(saved) = data.mapping(input) {
        match &saved.column {
            None => {
                return ColumnMatch {
                    input: input.to_owned(),
                    column: None,
                    kind: MatchKind::Declined,
                    confidence: 1.0,
                    suggestions: ranked(input, headers, skip),
                }
            }
            Some(header) => {
                if let Some(column) = exact_or_normalised(header, headers) {
                    return found(column, MatchKind::Saved, 1.0);
                }
            }
        }
    }
    if let Some(column) = headers.iter().position(|h| h.trim() == input.trim()) {
        return found(column, MatchKind::Exact, 1.0);
    }
    if let Some(column) = exact_or_normalised(input, headers) {
        return found(column, MatchKind::Normalised, 1.0);
    }
    let suggestions = ranked(input, headers, skip);
    match suggestions.as_slice() {
        [(column, best), rest @ ..]
            if *best >= CONFIDENT && rest.first().is_none_or(|(_, next)| best - next >= 0.1) =>
        {
            ColumnMatch {
                input: input.to_owned(),
                column: Some(*column),
                kind: MatchKind::Fuzzy,
                confidence: *best,
                suggestions: suggestions[1..].to_vec(),
            }
        }
        _ => ColumnMatch {
            input: input.to_owned(),
            column: None,
            kind: MatchKind::Unmapped,
            confidence: 0.0,
            suggestions,
        },
    }
}

/// The header equal to `name` once normalised: first letters and digits only, then
/// without units ("Seats used (30d)" is "seats used").
pub fn exact_or_normalised(name: &str, headers: &[String]) -> Option<usize> {
    let key = match_key(name);
    if !key.is_empty() {
        if let Some(column) = headers.iter().position(|h| match_key(h) == key) {
            return Some(column);
        }
    }
    let words = words(name).join(" ");
    if words.is_empty() {
        return None;
    }
    headers.iter().position(|h| words_of(h) == words)
}

fn words_of(header: &str) -> String {
    words(header).join(" ")
}

/// Every other header's similarity to `input`, most similar first, those worth offering.
fn ranked(input: &str, headers: &[String], skip: Option<usize>) -> Vec<(usize, f64)> {
    let mut scored: Vec<(usize, f64)> = headers
        .iter()
        .enumerate()
        .filter(|(column, _)| Some(*column) != skip)
        .map(|(column, header)| (column, similarity(input, header)))
        .filter(|(_, s)| *s >= SUGGESTED)
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(5);
    scored
}

/// Words that say the unit or period, not what is measured.
const UNIT_WORDS: [&str; 12] = [
    "pct",
    "percent",
    "percentage",
    "perc",
    "rate",
    "count",
    "num",
    "number",
    "no",
    "total",
    "value",
    "score",
];

/// The words of a header, lowercased, without units: bracketed parts ("(30d)", "[%]"),
/// `%` and words such as "pct" or "count" are dropped, and so is a leading "#".
pub fn words(name: &str) -> Vec<String> {
    let all = all_words(name);
    let meaningful: Vec<String> = all
        .iter()
        .filter(|w| !UNIT_WORDS.contains(&w.as_str()))
        .cloned()
        .collect();
    if meaningful.is_empty() {
        all
    } else {
        meaningful
    }
}

/// Every word of a header outside brackets, lowercased.
fn all_words(name: &str) -> Vec<String> {
    let mut depth = 0usize;
    let mut plain = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() => plain.extend(c.to_lowercase()),
            _ => plain.push(' '),
        }
    }
    plain.split_whitespace().map(str::to_owned).collect()
}

/// Similarity of two headers, 0-1: the better of word overlap, character bigram
/// overlap and an acronym ("NPS" for "Net Promoter Score").
pub fn similarity(a: &str, b: &str) -> f64 {
    let wa = words(a);
    let wb = words(b);
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let joined_a: String = wa.concat();
    let joined_b: String = wb.concat();
    if joined_a == joined_b {
        return 0.95;
    }
    let acronym = |short: &str, long: &[String]| {
        long.len() >= 2
            && short.chars().count() == long.len()
            && short.chars().zip(long).all(|(c, w)| w.starts_with(c))
    };
    let (all_a, all_b) = (all_words(a), all_words(b));
    if (wa.len() == 1 && acronym(&joined_a, &all_b))
        || (wb.len() == 1 && acronym(&joined_b, &all_a))
    {
        return 0.85;
    }
    // Every word of the shorter header in the longer one: "Champion" in "Champion status".
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    let contained = short.iter().all(|w| long.contains(w));
    let containment = if contained {
        0.8 + 0.1 * short.len() as f64 / long.len() as f64
    } else {
        0.0
    };
    word_overlap(&wa, &wb)
        .max(dice(&joined_a, &joined_b))
        .max(containment)
        .min(0.95)
}

/// Shared words over all words (Dice), counting a word that starts the other as shared
/// ("login" and "logins", "usage" and "usg" do not).
fn word_overlap(a: &[String], b: &[String]) -> f64 {
    let close = |x: &String, y: &String| {
        x == y
            || (x.len() >= 4
                && y.len() >= 4
                && (x.starts_with(y.as_str()) || y.starts_with(x.as_str())))
    };
    let shared = a.iter().filter(|x| b.iter().any(|y| close(x, y))).count()
        + b.iter().filter(|y| a.iter().any(|x| close(x, y))).count();
    shared as f64 / (a.len() + b.len()) as f64
}

/// Dice coefficient of the character bigrams of two words.
fn dice(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let ga = grams(a);
    let mut gb = grams(b);
    if ga.is_empty() || gb.is_empty() {
        return 0.0;
    }
    let total = ga.len() + gb.len();
    let mut shared = 0;
    for g in &ga {
        if let Some(i) = gb.iter().position(|x| x == g) {
            gb.swap_remove(i);
            shared += 1;
        }
    }
    2.0 * shared as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Mapping;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|h| (*h).to_owned()).collect()
    }

    const DATA: [&str; 9] = [
        "Account",
        "core_feature_usage_pct",
        "Logins (30d)",
        "Seats Used",
        "Licensed seats",
        "Net Promoter Score",
        "Champion status",
        "P1 tickets open",
        "Renewal date",
    ];

    macro_rules! matches_to {
        ($($name:ident: $input:expr => $column:expr, $kind:ident;)*) => {$(
            #[test]
            fn $name() {
                let found = match_input($input, &headers(&DATA), &DataSettings::default(), Some(0));
                assert_eq!(
                    (found.column.map(|c| DATA[c]), found.kind),
                    ($column, MatchKind::$kind),
                    "input {:?}: {found:?}",
                    $input
                );
            }
        )*};
    }

    matches_to! {
        exact: "Seats Used" => Some("Seats Used"), Exact;
        exact_with_spaces: " Seats Used " => Some("Seats Used"), Exact;
        case_and_punctuation: "seats-used" => Some("Seats Used"), Normalised;
        unit_in_brackets: "Logins" => Some("Logins (30d)"), Normalised;
        percent_word: "Core feature usage %" => Some("core_feature_usage_pct"), Normalised;
        acronym: "NPS" => Some("Net Promoter Score"), Fuzzy;
        plural: "Login" => Some("Logins (30d)"), Fuzzy;
        extra_word: "Champion" => Some("Champion status"), Fuzzy;
        nothing_alike: "Executive sponsor" => None, Unmapped;
        two_equally_close: "Seats" => None, Unmapped;
        names_only_exactly: "Account name" => None, Unmapped;
    }

    #[test]
    fn a_saved_mapping_wins_and_survives_renamed_headers() {
        let data = DataSettings {
            mappings: vec![Mapping {
                input: "Exec sponsor".into(),
                column: Some("Champion status".into()),
            }],
            ..DataSettings::default()
        };
        let found = match_input("Exec sponsor", &headers(&DATA), &data, Some(0));
        assert_eq!((found.column, found.kind), (Some(6), MatchKind::Saved));
    }

    #[test]
    fn a_saved_mapping_to_a_header_this_data_lacks_falls_back_to_matching() {
        let data = DataSettings {
            mappings: vec![Mapping {
                input: "Seats Used".into(),
                column: Some("Seats in use".into()),
            }],
            ..DataSettings::default()
        };
        let found = match_input("Seats Used", &headers(&DATA), &data, Some(0));
        assert_eq!((found.column, found.kind), (Some(3), MatchKind::Exact));
    }

    #[test]
    fn declined_means_no_column_and_still_offers_suggestions() {
        let data = DataSettings {
            mappings: vec![Mapping {
                input: "Champion".into(),
                column: None,
            }],
            ..DataSettings::default()
        };
        let found = match_input("Champion", &headers(&DATA), &data, Some(0));
        assert_eq!((found.column, found.kind), (None, MatchKind::Declined));
        assert_eq!(found.suggestions.first().map(|s| s.0), Some(6));
    }

    #[test]
    fn unmapped_inputs_offer_the_closest_columns_first() {
        let found = match_input("Seats", &headers(&DATA), &DataSettings::default(), Some(0));
        let offered: Vec<&str> = found.suggestions.iter().map(|s| DATA[s.0]).collect();
        assert_eq!(&offered[..2], ["Seats Used", "Licensed seats"]);
    }

    /// The score of each account under a one-metric card reading `Logins` linearly 0-2000.
    fn logins(text: &str) -> (Vec<Option<f64>>, MarkSource) {
        let mut card = crate::templates::blank();
        let mut metric = (crate::templates::catalog::CATALOG[0].build)();
        metric.input = crate::model::Input::Column("Logins".into());
        metric.rule = Rule::Linear {
            floor: 0.0,
            target: 2000.0,
        };
        metric.weight = 100.0;
        card.metrics = vec![metric];
        let parsed = crate::parse_table(text);
        let map = ColumnMap::resolve_parsed(&card, &parsed);
        let mut subs = crate::engine::SubScores::default();
        subs.read_rows(&card.metrics, &map, &parsed.table, parsed.table.len());
        let source = map.mark_sources[1].clone();
        (
            (0..subs.len()).map(|r| subs.sub_score(r, 0)).collect(),
            source,
        )
    }

    #[test]
    fn a_comma_separated_file_reads_1_234_as_thousands_and_says_it_guessed() {
        let (subs, source) = logins("Account,Logins\nA,\"1,000\"\nB,500\n");
        assert_eq!(subs, vec![Some(50.0), Some(25.0)]);
        assert_eq!(source, MarkSource::Delimiter(Delimiter::Comma));
        assert!(source.is_guess());
    }

    #[test]
    fn a_semicolon_separated_file_reads_1_234_with_a_decimal_comma() {
        // 1.000 is one thousand where a comma marks decimals.
        let (subs, source) = logins("Account;Logins\nA;1.000\nB;500\n");
        assert_eq!(subs, vec![Some(50.0), Some(25.0)]);
        assert_eq!(source, MarkSource::Delimiter(Delimiter::Semicolon));
    }

    #[test]
    fn a_cell_of_the_column_settles_the_mark_before_any_guess() {
        // Row 2 writes a decimal point, so 1.000 is one, whatever the separator suggests.
        let (subs, source) = logins("Account;Logins\nA;1.000\nB;1,000.5\n");
        assert_eq!(subs[0], Some(0.05));
        assert_eq!(source, MarkSource::Cell(1, "1,000.5".into()));
        assert!(!source.is_guess());
    }

    #[test]
    fn marks_found_a_slice_at_a_time_resolve_the_same_map() {
        let mut card = crate::templates::blank();
        for (name, column) in [("Logins", "Logins"), ("Seats", "Seats")] {
            let mut metric = (crate::templates::catalog::CATALOG[0].build)();
            metric.name = name.into();
            metric.input = crate::model::Input::Column(column.into());
            metric.rule = Rule::Linear {
                floor: 0.0,
                target: 2000.0,
            };
            card.metrics.push(metric);
        }
        // Logins shows its decimal comma only at row 5; Seats never shows a mark; the names
        // show points at row 1.
        let text = "Account;Logins;Seats\nA;1.000;3\nB. Co;12;4\nC;7;5\nD;1.000;6\nE;9;7\nF;2,5;8\nG;3;9\n";
        let parsed = crate::parse_table(text);
        let mut marks = FirstMarks::default();
        for until in (2..=8).step_by(2) {
            marks.scan(&parsed.table, until);
            // A scan short of the end looks the rest up: still the same answer.
            for column in 0..3 {
                assert_eq!(
                    marks.of(&parsed.table, column),
                    first_mark(&parsed.table, column),
                    "column {column} after {until} rows"
                );
            }
        }
        assert_eq!(marks.scanned(), 7);
        assert_eq!(marks.of(&parsed.table, 1), Some((5, DecimalMark::Comma)));
        assert_eq!(marks.of(&parsed.table, 2), None);
        assert_eq!(
            ColumnMap::resolve_scanned(&card, &parsed, &marks),
            ColumnMap::resolve_parsed(&card, &parsed)
        );
    }

    #[test]
    fn with_nothing_to_go_on_1_234_is_left_unread() {
        let (subs, source) = logins("Account\tLogins\nA\t1.000\nB\t500\n");
        assert_eq!(subs, vec![None, Some(25.0)]);
        assert_eq!(source, MarkSource::Unknown);
    }

    #[test]
    fn a_chosen_mark_wins() {
        let mut card = crate::templates::blank();
        card.set_decimal_mark("Logins", Some(DecimalMark::Comma));
        let parsed = crate::parse_table("Account,Logins,Logins\nA,\"1,000\"\n");
        let mut with_metric = card.clone();
        let mut metric = (crate::templates::catalog::CATALOG[0].build)();
        metric.input = crate::model::Input::Column("Logins".into());
        metric.rule = Rule::Linear {
            floor: 0.0,
            target: 2000.0,
        };
        with_metric.metrics = vec![metric];
        let map = ColumnMap::resolve_parsed(&with_metric, &parsed);
        assert_eq!(
            (map.marks[1], map.mark_sources[1].clone()),
            (Some(DecimalMark::Comma), MarkSource::Chosen)
        );
    }

    #[test]
    fn the_quick_two_way_test_agrees_with_the_reader() {
        use crate::number::{read_number_as, NumberCell};
        for cell in [
            "1,234",
            "-12.500",
            "999.999",
            "1,234.5",
            "0.750",
            "12,5",
            "1234.567",
            "1.234.567",
            " 5,000 ",
            "x,123",
            "1,23a",
        ] {
            if reads_two_ways(cell) {
                assert!(
                    matches!(read_number_as(cell, None), NumberCell::Ambiguous { .. }),
                    "{cell}"
                );
                assert_eq!(shown_mark(cell), None, "{cell}");
            }
        }
        assert!(reads_two_ways("1,234") && reads_two_ways("-12.500") && !reads_two_ways("0.750"));
    }

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        for a in DATA {
            for b in DATA {
                let s = similarity(a, b);
                assert!((0.0..=1.0).contains(&s));
                assert_eq!(s, similarity(b, a), "{a} / {b}");
            }
        }
        assert_eq!(similarity("", "x"), 0.0);
        assert_eq!(similarity("(%)", "%"), 0.0);
    }
}
