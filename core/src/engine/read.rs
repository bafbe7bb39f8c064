//! Reading every account's cells, metric by metric, into sub-score columns.

use super::codes::Dictionary;
use crate::mapping::{ColumnMap, Source};
use crate::memory::OutOfMemory;
use crate::model::ReadAs;
use crate::model::{Input, Metric, Rule, Scorecard};
use crate::number::DecimalMark;
use crate::scoring::{numeric, read_metric, MissingReason};
use crate::table::Table;

/// A cell a rule could not read: text that is not a number, or a value a category list lacks.
#[derive(Debug, Clone, PartialEq)]
pub struct CellProblem {
    /// The account's position in the table.
    pub row: usize,
    /// The metric's position in the scorecard.
    pub metric: usize,
    /// What was wrong with the cell.
    pub reason: MissingReason,
}

/// Every metric's sub-score for every account, as one column per metric.
#[derive(Debug, Clone, Default)]
pub struct SubScores {
    rows: usize,
    /// Per metric, per account: the sub-score 0-100, or NaN where the value is missing.
    columns: Vec<Vec<f64>>,
    /// Per metric: the same column as codes into its distinct values, when it has few.
    codes: Vec<Dictionary>,
    /// Per metric: how many accounts miss it (so policies matter), counted as rows are read.
    missing: Vec<usize>,
    /// Per metric: no column is mapped, so the metric is left out of every score.
    unmapped: Vec<bool>,
    /// Cells a rule could not read, in row order, then metric order.
    pub problems: Vec<CellProblem>,
}

/// Equal when every sub-score is the same number, missing (NaN) matching missing.
impl PartialEq for SubScores {
    fn eq(&self, other: &Self) -> bool {
        let same = |a: &Vec<f64>, b: &Vec<f64>| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
        };
        self.rows == other.rows
            && self.missing == other.missing
            && self.unmapped == other.unmapped
            && self.problems == other.problems
            && self.columns.len() == other.columns.len()
            && self
                .columns
                .iter()
                .zip(&other.columns)
                .all(|(a, b)| same(a, b))
    }
}

impl SubScores {
    /// Reads every row of `table` with every metric's input and rule.
    pub fn read(card: &Scorecard, table: &Table) -> SubScores {
        let mut subs = SubScores::default();
        subs.read_rows(
            &card.metrics,
            &ColumnMap::resolve(card, table),
            table,
            table.len(),
        );
        subs
    }

    /// Reads the next rows of `table`, up to row `until` (exclusive): a large table can be
    /// read a slice at a time, letting the page breathe in between. Rows must come in order,
    /// with the same metrics and column map.
    pub fn read_rows(&mut self, metrics: &[Metric], map: &ColumnMap, table: &Table, until: usize) {
        let rows = self.rows..until.min(table.len()).max(self.rows);
        let found = self.problems.len();
        self.columns.resize_with(metrics.len(), Vec::new);
        self.codes.resize_with(metrics.len(), Dictionary::default);
        self.missing.resize(metrics.len(), 0);
        self.unmapped = (0..metrics.len()).map(|m| map.unmapped(m)).collect();
        for (index, metric) in metrics.iter().enumerate() {
            let column = &mut self.columns[index];
            let source = map.of(index);
            let unread = source.is_err();
            read_column(
                index,
                metric,
                source,
                table,
                rows.clone(),
                column,
                &mut self.problems,
            );
            let read = &column[rows.start.min(column.len())..];
            self.missing[index] += missing_in(read, unread);
            self.codes[index].extend(&column[rows.start..]);
        }
        self.rows = rows.end;
        self.problems[found..].sort_by_key(|p| (p.row, p.metric));
    }

    /// Reads again, over every row, only the metrics whose reading changed between `before`
    /// (the metrics and column map these sub-scores were read with) and `now`: a rule edit in
    /// one metric reads one column, not all of them. Everything else (a metric added, removed
    /// or moved, other data) reads everything again. Answers how many metrics were read; the
    /// result equals a fresh [`SubScores::read_rows`] of every row with `now`.
    pub fn reread(
        &mut self,
        before: (&[Metric], &ColumnMap),
        now: (&[Metric], &ColumnMap),
        table: &Table,
    ) -> usize {
        let ((old, old_map), (metrics, map)) = (before, now);
        if old.len() != metrics.len()
            || self.rows != table.len()
            || self.columns.len() != metrics.len()
        {
            *self = SubScores::default();
            self.read_rows(metrics, map, table, table.len());
            return metrics.len();
        }
        let changed: Vec<usize> = (0..metrics.len())
            .filter(|&m| reading(&old[m], old_map, m) != reading(&metrics[m], map, m))
            .collect();
        for &m in &changed {
            self.read_metric(m, &metrics[m], map, table);
        }
        if !changed.is_empty() {
            self.problems.sort_by_key(|p| (p.row, p.metric));
        }
        changed.len()
    }

    /// Reads metric `m` again over every row, replacing its column, codes, count of missing
    /// values and problems (left unsorted among the others').
    fn read_metric(&mut self, m: usize, metric: &Metric, map: &ColumnMap, table: &Table) {
        let source = map.of(m);
        let unread = source.is_err();
        let mut column = Vec::new();
        let mut problems = Vec::new();
        read_column(
            m,
            metric,
            source,
            table,
            0..self.rows,
            &mut column,
            &mut problems,
        );
        self.missing[m] = missing_in(&column, unread);
        let mut codes = Dictionary::default();
        codes.extend(&column);
        self.columns[m] = column;
        self.codes[m] = codes;
        self.unmapped[m] = map.unmapped(m);
        self.problems.retain(|p| p.metric != m);
        self.problems.extend(problems);
    }

    /// Makes room for `rows` more accounts of `metrics` metrics, asking for the memory first,
    /// so the next [`SubScores::read_rows`] over them grows nothing. (Cells a rule cannot read
    /// are still noted unasked: few, and small.)
    pub fn room_for(&mut self, metrics: usize, rows: usize) -> Result<(), OutOfMemory> {
        self.columns.resize_with(metrics, Vec::new);
        self.codes.resize_with(metrics, Dictionary::default);
        for (column, codes) in self.columns.iter_mut().zip(&mut self.codes) {
            column.try_reserve(rows).map_err(|_| OutOfMemory)?;
            codes.room_for(rows).map_err(|_| OutOfMemory)?;
        }
        Ok(())
    }

    /// Bytes the sub-score columns and their codes hold (their capacities).
    pub fn held_bytes(&self) -> usize {
        let columns: usize = self.columns.iter().map(|c| 8 * c.capacity()).sum();
        let codes: usize = self.codes.iter().map(Dictionary::held_bytes).sum();
        columns + codes
    }

    /// Number of accounts.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// True when there are no accounts.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Number of metrics read.
    pub fn metric_count(&self) -> usize {
        self.columns.len()
    }

    /// One metric's sub-scores, NaN where missing.
    pub fn column(&self, metric: usize) -> &[f64] {
        self.columns.get(metric).map_or(&[], Vec::as_slice)
    }

    /// One metric's sub-scores as codes into their distinct values (see [`Dictionary`]).
    pub fn codes(&self, metric: usize) -> Option<&Dictionary> {
        self.codes.get(metric)
    }

    /// Whether no column is mapped for this metric, so it is left out of every score.
    pub fn unmapped(&self, metric: usize) -> bool {
        self.unmapped.get(metric).copied().unwrap_or(false)
    }

    /// Whether any account misses this metric.
    pub fn any_missing(&self, metric: usize) -> bool {
        self.missing(metric) > 0
    }

    /// How many accounts miss this metric (blank or unreadable cells, no column).
    pub fn missing(&self, metric: usize) -> usize {
        self.missing.get(metric).copied().unwrap_or(0)
    }

    /// One account's sub-score for one metric, None where missing.
    pub fn sub_score(&self, row: usize, metric: usize) -> Option<f64> {
        self.column(metric)
            .get(row)
            .copied()
            .filter(|v| !v.is_nan())
    }
}

/// Accounts among `read` missing the metric. A metric with no column misses every account: no
/// need to look (a 200-metric card on 12 columns has 188 of them).
fn missing_in(read: &[f64], unread: bool) -> usize {
    match unread {
        true => read.len(),
        false => read.iter().filter(|v| v.is_nan()).count(),
    }
}

/// Everything metric `m`'s sub-scores are read from besides the table's cells: its input,
/// rule and way of reading, its columns with how each writes numbers and dates, the as-of
/// date, and whether it is unmapped.
#[derive(PartialEq)]
struct Reading<'a> {
    metric: (&'a crate::model::Input, &'a Rule, ReadAs),
    columns: Option<&'a [usize]>,
    formats: Vec<(Option<DecimalMark>, Option<crate::dates::DayMonth>)>,
    as_of: Option<crate::dates::Day>,
    unmapped: bool,
}

fn reading<'a>(metric: &'a Metric, map: &'a ColumnMap, m: usize) -> Reading<'a> {
    let columns = map.metrics.get(m).and_then(|c| c.as_deref());
    let format = |&c: &usize| {
        let mark = map.marks.get(c).copied().flatten();
        let order = map.orders.get(c).copied().flatten();
        (mark, order)
    };
    Reading {
        metric: (&metric.input, &metric.rule, metric.read),
        columns,
        formats: columns.unwrap_or_default().iter().map(format).collect(),
        as_of: map.as_of,
        unmapped: map.unmapped(m),
    }
}

/// One metric's column. Plain numbers and categories take a fast path that
/// allocates nothing; anything else goes through the general reader.
fn read_column(
    index: usize,
    metric: &Metric,
    source: Result<Source<'_>, MissingReason>,
    table: &Table,
    rows: std::ops::Range<usize>,
    out: &mut Vec<f64>,
    problems: &mut Vec<CellProblem>,
) {
    let Ok(source) = source else {
        out.resize(rows.end, f64::NAN);
        return;
    };
    let cols = source.columns;
    // The fast path reads `1,234` as 1234, so it serves only columns whose mark is a
    // point, or unknown (then it leaves every cell a comma could read otherwise alone).
    let plain = metric.read == ReadAs::Number && source.mark(0) != Some(DecimalMark::Comma);
    let point_known = source.mark(0) == Some(DecimalMark::Point);
    // Every spelling a category accepts, with the value it names; the first listed wins.
    let keys: Option<Vec<(String, usize)>> = match &metric.rule {
        Rule::Categorical { values, .. } => Some(
            values
                .iter()
                .enumerate()
                .flat_map(|(step, c)| {
                    std::iter::once(&c.value)
                        .chain(&c.aliases)
                        .map(move |text| (text.trim().to_lowercase(), step))
                })
                .collect(),
        ),
        _ => None,
    };
    out.reserve(rows.len());
    for row in rows {
        let fast = match (&metric.input, &keys, &metric.rule) {
            (Input::Column(_), None, rule) if plain => {
                plain_number(table.cell(row, cols[0]), point_known).map(|v| numeric(rule, v).1)
            }
            (_, Some(keys), Rule::Categorical { values, out_of }) => {
                category(keys, table.cell(row, cols[0]))
                    .map(|step| values[step].points / out_of * 100.0)
            }
            _ => None,
        };
        if let Some(sub) = fast {
            out.push(sub);
            continue;
        }
        let reading = read_metric(metric, Ok(source), table, row);
        match reading.result {
            Ok((_, sub)) => out.push(sub),
            Err(reason) => {
                if matches!(
                    reason,
                    MissingReason::NotANumber(_)
                        | MissingReason::UnknownValue(_)
                        | MissingReason::Ambiguous(_)
                        | MissingReason::NoAsOf
                ) {
                    problems.push(CellProblem {
                        row,
                        metric: index,
                        reason,
                    });
                }
                out.push(f64::NAN);
            }
        }
    }
}

/// A cell that is plainly a number (`-12.5`, `1,234,567`, `85.3%`): exactly what
/// `read_number_as` reads, without allocating. Anything else (decimal commas, currency,
/// spaces inside, blanks, words) is left to it, and so is a cell a decimal comma would
/// read otherwise (`1,234`, `1.234`) unless `point_known`.
fn plain_number(cell: &str, point_known: bool) -> Option<f64> {
    let text = cell.trim().as_bytes();
    let text = text.strip_suffix(b"%").unwrap_or(text);
    let (negative, body) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    // One pass: digits, commas only as thousands separators (every group after the
    // first has three digits), at most one decimal point with digits only after it.
    let mut mantissa: u64 = 0;
    let mut significant = 0;
    let mut first_group = 0;
    let mut group: Option<usize> = None;
    let mut decimals: Option<usize> = None;
    for &b in body {
        match (b, decimals) {
            (b'0'..=b'9', _) => {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
                if mantissa > 0 {
                    significant += 1;
                }
                match (decimals.as_mut(), group.as_mut()) {
                    (Some(d), _) => *d += 1,
                    (None, Some(g)) => *g += 1,
                    (None, None) => first_group += 1,
                }
            }
            (b',', None) => {
                if group.is_some_and(|g| g != 3) {
                    return None;
                }
                group = Some(0);
            }
            (b'.', None) => {
                if group.is_some_and(|g| g != 3) {
                    return None;
                }
                decimals = Some(0);
            }
            _ => return None,
        }
    }
    if group.is_some_and(|g| g != 3) && decimals.is_none() {
        return None;
    }
    if group.is_some() && (body.first() == Some(&b'0') || first_group > 3) {
        // Thousands groups never start with 0 or run past three digits: "0,555" is a
        // decimal comma, "1234,567" is not a number with a point mark.
        return None;
    }
    if decimals == Some(0) {
        // "5." is not read as a number (the general reader refuses it too).
        return None;
    }
    let fraction = decimals.unwrap_or(0);
    // One separator, three digits after it, one to three before, not starting with 0:
    // thousands with a point mark, a decimal with a comma mark.
    let one_group =
        group.is_some() && decimals.is_none() && body.iter().filter(|&&b| b == b',').count() == 1;
    let three_decimals = group.is_none() && fraction == 3;
    if !point_known
        && (one_group || three_decimals)
        && (1..=3).contains(&first_group)
        && body.first() != Some(&b'0')
    {
        return None;
    }
    if first_group == 0 && (group.is_some() || fraction == 0) {
        return None;
    }
    if significant > 15 || fraction >= POW10.len() {
        // Too long for an exact mantissa: the standard parser, on the digits alone.
        return slow_decimal(text.iter().copied().filter(|&b| b != b','));
    }
    let value = mantissa as f64 / POW10[fraction];
    // + 0.0 turns -0 into 0, as the general reader does.
    Some(if negative { -value } else { value } + 0.0)
}

/// Powers of ten that f64 holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

fn slow_decimal(bytes: impl Iterator<Item = u8>) -> Option<f64> {
    let text: Vec<u8> = bytes.collect();
    let value: f64 = std::str::from_utf8(&text).ok()?.parse().ok()?;
    value.is_finite().then_some(value + 0.0)
}

/// The listed value a cell names, case and surrounding spaces aside; None when it
/// names none (the general reader then tells a blank from an unknown value).
fn category(keys: &[(String, usize)], cell: &str) -> Option<usize> {
    let wanted = cell.trim();
    let found = if wanted.is_ascii() {
        keys.iter()
            .find(|(k, _)| k.len() == wanted.len() && k.eq_ignore_ascii_case(wanted))
    } else {
        let wanted = wanted.to_lowercase();
        keys.iter().find(|(k, _)| *k == wanted)
    };
    found.map(|(_, step)| *step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cell::is_missing;
    use crate::number::{read_number_as, NumberCell};

    fn general(text: &str, point_known: bool) -> Option<f64> {
        let mark = point_known.then_some(DecimalMark::Point);
        read_number_as(text, mark).number()
    }

    #[test]
    fn plain_numbers_read_as_the_general_reader_does() {
        for text in [
            "80",
            " 12.5 ",
            "-3",
            "0",
            "007",
            ".5",
            "-0.25",
            "0.750",
            "1,234,567.5",
            "1,234,567",
            "85.3%",
            "-3.2%",
            "1234.567",
        ] {
            for point_known in [false, true] {
                assert_eq!(
                    plain_number(text, point_known),
                    general(text, point_known),
                    "{text:?}"
                );
            }
        }
        for text in [
            "-", "", "12,5", "1.234,5", "45 %", "$5", "1e3", "n/a", "1.2.3", "--", ",123", "-%",
            "%", ".", "1,23",
        ] {
            assert_eq!(
                plain_number(text, false),
                None,
                "{text:?} takes the general path"
            );
        }
        assert!(is_missing("-"));
    }

    #[test]
    fn minus_zero_reads_as_zero_on_both_paths() {
        for text in ["-0", "-0.0", "-.0", " -0% "] {
            let fast = plain_number(text, false).unwrap_or(1.0);
            assert_eq!(fast.to_bits(), 0.0f64.to_bits(), "{text:?}");
            assert_eq!(
                general(text, false).map(f64::to_bits),
                Some(0.0f64.to_bits()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn cells_a_decimal_comma_reads_otherwise_are_left_to_the_general_reader() {
        for text in ["1,234", "1.234", "-12.500", "12,500%", "999,999"] {
            assert_eq!(plain_number(text, false), None, "{text:?}");
            assert!(
                matches!(read_number_as(text, None), NumberCell::Ambiguous { .. }),
                "{text:?}"
            );
        }
        assert_eq!(plain_number("1,234", true), Some(1234.0));
        assert_eq!(plain_number("1.234", true), Some(1.234));
    }

    #[test]
    fn the_fast_path_never_disagrees_with_the_general_reader() {
        // Every string of up to 6 characters over the alphabet that matters.
        let alphabet = ['1', '0', ',', '.', '-', '%', '5'];
        let mut stack = vec![String::new()];
        let mut checked = 0;
        while let Some(text) = stack.pop() {
            for point_known in [false, true] {
                if let Some(fast) = plain_number(&text, point_known) {
                    assert_eq!(
                        general(&text, point_known),
                        Some(fast),
                        "{text:?} {point_known}"
                    );
                    checked += 1;
                }
            }
            if text.len() < 6 {
                stack.extend(alphabet.iter().map(|c| format!("{text}{c}")));
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn decimals_equal_the_standard_parser_bit_for_bit() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..200_000 {
            let int_digits = (next() % 12) as usize;
            let frac_digits = (next() % 12) as usize;
            let mut text = String::new();
            if next() % 4 == 0 {
                text.push('-');
            }
            for _ in 0..int_digits.max(1) {
                text.push(char::from(b'0' + (next() % 10) as u8));
            }
            if frac_digits > 0 {
                text.push('.');
                for _ in 0..frac_digits {
                    text.push(char::from(b'0' + (next() % 10) as u8));
                }
            }
            // -0 reads as 0, as the general reader does.
            let expected: f64 = text.parse::<f64>().unwrap() + 0.0;
            assert_eq!(
                plain_number(&text, true).map(f64::to_bits),
                Some(expected.to_bits()),
                "{text}"
            );
        }
    }

    #[test]
    fn categories_match_case_and_spaces_aside() {
        let keys = vec![
            ("present".to_owned(), 0),
            ("über".to_owned(), 1),
            ("presnt".to_owned(), 0),
        ];
        assert_eq!(category(&keys, " Present "), Some(0));
        assert_eq!(category(&keys, "ÜBER"), Some(1));
        assert_eq!(category(&keys, "PRESNT"), Some(0));
        assert_eq!(category(&keys, "Presnet"), None);
    }
}
