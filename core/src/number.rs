//! Reads the numbers people type into spreadsheets, decimal mark and all.
//!
//! "32k", "$12,000", "€1.234,50", "1'234.5", "(1,200)" and "80%" are all
//! numbers; "1.234" is one of two numbers (1.234 or 1234) until the column
//! says which character marks decimals. This module reads one cell with a
//! known or unknown decimal mark ([`read_number_as`]), gathers a column's
//! evidence for its mark ([`guess_mark`]) and spots a percentage column
//! written as fractions ([`looks_like_fractions`]). Nothing here guesses
//! silently: a cell that reads two ways is [`NumberCell::Ambiguous`].
//!
//! # What a cell may hold
//!
//! After trimming, a cell is a number wrapped in at most one of each of:
//!
//! - a sign: `-`, `+` or the Unicode minus `−` (U+2212), before or after a
//!   prefix currency (`-$5`, `$-5`), or accounting parentheses around the
//!   whole (`(1,200)` is -1200, `($1,200)` and `$(1,200)` too);
//! - a currency: `$ € £ ¥ ₹` or `USD EUR GBP CHF` (any case), before or
//!   after the number, with or without a space (`12,000 USD`, `EUR1.234,50`);
//! - either a `%` suffix (the value is unchanged: "80%" is 80) or a
//!   magnitude suffix: `k`/`K` (×1e3), `m`/`M`/`mm`/`MM` (×1e6), `bn` (any
//!   case) or `B` (×1e9); read from the end, a currency suffix comes after it (`5k USD`);
//!   a magnitude never combines with an exponent.
//!
//! The number itself is digits with separators:
//!
//! - the decimal mark appears at most once and is followed by at least one
//!   digit (`.5` is 0.5; `5.` is unreadable);
//! - the integer part may be grouped in thousands by one kind of separator:
//!   the other mark (`,` when `.` marks decimals), or a space, no-break space
//!   (U+00A0), narrow no-break space (U+202F), thin space (U+2009) or
//!   apostrophe (`'` or U+2019), as in `1 234,5` or `1'234.5`. Grouped, the
//!   first group has one to three digits and does not start with `0`, every
//!   other group exactly three: `1,234,567.5` reads, Indian `12,34,567` and
//!   `0,750` do not;
//! - or, instead of grouping, an exponent: `1e3`, `2.5E-2`, whose mantissa
//!   is plain digits with at most one decimal mark.
//!
//! Anything else, and any value that is not finite (`inf`, `NaN`, `1e999`),
//! is [`NumberCell::Unreadable`].

use crate::cell::is_missing;

/// Which character marks decimals in a column: `1,234.5` (Point) or `1.234,5` (Comma).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecimalMark {
    /// `.` marks decimals; `,` may group thousands: `1,234.5`.
    Point,
    /// `,` marks decimals; `.` may group thousands: `1.234,5`.
    Comma,
}

impl DecimalMark {
    /// The character that marks decimals: `.` or `,`.
    pub fn decimal_char(self) -> char {
        match self {
            DecimalMark::Point => '.',
            DecimalMark::Comma => ',',
        }
    }

    /// The other mark, which groups thousands under this one: `,` or `.`.
    pub fn thousands_char(self) -> char {
        match self {
            DecimalMark::Point => ',',
            DecimalMark::Comma => '.',
        }
    }

    /// One thousand two hundred thirty-four and a half written with this
    /// mark, for showing the guess to a user: `1,234.5` or `1.234,5`.
    pub fn example(self) -> &'static str {
        match self {
            DecimalMark::Point => "1,234.5",
            DecimalMark::Comma => "1.234,5",
        }
    }
}

/// A cell read as a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberCell {
    /// A readable number, the same under either decimal mark or read with
    /// the mark given.
    Number(f64),
    /// Blank or a "no value" token ([`crate::cell::is_missing`]).
    Missing,
    /// Text that is not a number: a warning for the user.
    Unreadable,
    /// One separator followed by exactly three digits ("1.234", "1,234",
    /// "-12.500") with no decimal mark known: both readings. Only returned
    /// when the mark is unknown and both readings are valid numbers that
    /// differ; see [`read_number_as`] for the exact rule.
    Ambiguous {
        /// The reading with `.` as the decimal mark ("1.234" is 1.234, "1,234" is 1234).
        point: f64,
        /// The reading with `,` as the decimal mark ("1.234" is 1234, "1,234" is 1.234).
        comma: f64,
    },
}

impl NumberCell {
    /// Settles an ambiguous cell with the column's mark; other cells are
    /// returned unchanged.
    pub fn resolve(self, mark: DecimalMark) -> NumberCell {
        match (self, mark) {
            (NumberCell::Ambiguous { point, .. }, DecimalMark::Point) => NumberCell::Number(point),
            (NumberCell::Ambiguous { comma, .. }, DecimalMark::Comma) => NumberCell::Number(comma),
            (other, _) => other,
        }
    }

    /// The value of a [`NumberCell::Number`], None for anything else.
    pub fn number(self) -> Option<f64> {
        match self {
            NumberCell::Number(value) => Some(value),
            _ => None,
        }
    }
}

/// Reads a cell as a number, with the column's decimal mark if known.
///
/// With `Some(mark)` the cell is read with that mark only: "1,234" is 1234
/// with [`DecimalMark::Point`] and 1.234 with [`DecimalMark::Comma`], and a
/// cell that does not fit the mark ("12,5" with Point) is unreadable.
///
/// With `None` the cell is read with both marks:
///
/// - if only one reading is valid, that is the number: `1,234.5`,
///   `1.234,5`, `12,5`, `0.76`, `1.2345`, `1,234,567`, `1.234.567`,
///   `1 234,567` (spaces group, so the comma is decimal);
/// - if both are valid and equal (no `.` or `,` at all), that is the number;
/// - if both are valid and differ, the cell is [`NumberCell::Ambiguous`].
///   Given the grouping rules, this happens exactly when the number has a
///   single `.` or `,`, no other separator, exactly three digits after it,
///   and one to three digits before it not starting with `0` (`1.234`,
///   `1,234`, `-12.500`, `999,000k`). Hence `0.750` and `.750` are decimals
///   (a grouped number does not start with 0), as is `1234.567` (four
///   digits cannot be one group).
///
/// See the [module documentation](self) for signs, currencies, suffixes
/// and separators. Never panics; garbage, infinities, NaN and overflow are
/// [`NumberCell::Unreadable`].
pub fn read_number_as(cell: &str, mark: Option<DecimalMark>) -> NumberCell {
    if is_missing(cell) {
        return NumberCell::Missing;
    }
    let Some(number) = undecorate(cell) else {
        return NumberCell::Unreadable;
    };
    match mark {
        Some(mark) => number
            .read(mark)
            .map_or(NumberCell::Unreadable, NumberCell::Number),
        None => match (
            number.read(DecimalMark::Point),
            number.read(DecimalMark::Comma),
        ) {
            (Some(point), Some(comma)) if point == comma => NumberCell::Number(point),
            (Some(point), Some(comma)) => NumberCell::Ambiguous { point, comma },
            (Some(value), None) | (None, Some(value)) => NumberCell::Number(value),
            (None, None) => NumberCell::Unreadable,
        },
    }
}

/// The decimal mark a single cell shows on its own, if any: the cell reads
/// as a number with one mark and not with the other.
///
/// `12,5`, `1.234,5`, `1.234.567` and `1 234,567` show a comma; `12.5`,
/// `0.76`, `0.750`, `1,234.5`, `1,234,567` and `2.5e-2` show a point.
/// `1,234` (ambiguous), `1234`, `1e3`, missing and unreadable cells show
/// nothing.
pub fn shown_mark(cell: &str) -> Option<DecimalMark> {
    if is_missing(cell) {
        return None;
    }
    let number = undecorate(cell)?;
    match (
        number.read(DecimalMark::Point),
        number.read(DecimalMark::Comma),
    ) {
        (Some(_), None) => Some(DecimalMark::Point),
        (None, Some(_)) => Some(DecimalMark::Comma),
        _ => None,
    }
}

/// What a column's cells say about its decimal mark.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkGuess {
    /// The mark the unambiguous cells show, if they agree: None when no cell
    /// shows a mark or when they conflict.
    pub mark: Option<DecimalMark>,
    /// The first cell (row index, text) showing it, for "from row 12:
    /// 1.234,50". The index is the cell's 0-based position among the cells
    /// given; the text is trimmed. None when `mark` is None.
    pub evidence: Option<(usize, String)>,
    /// Cells that read differently with each mark ([`NumberCell::Ambiguous`]
    /// when read without a mark).
    pub ambiguous: usize,
    /// True when some cells show a point and others a comma.
    pub conflicting: bool,
}

/// Gathers a column's evidence for its decimal mark.
///
/// A cell is evidence for a mark when [`shown_mark`] says so: it reads with
/// that mark and not the other. That covers cells with both separators
/// (`1,234.5`), a repeated separator (`1.234.567` shows a comma), and a
/// single separator followed by a digit count other than three (`12,5`
/// shows a comma, `12.5` a point), as well as `0.750` and `1234.567`, which
/// cannot be grouped thousands. Missing and unreadable cells are ignored.
pub fn guess_mark<'a>(cells: impl IntoIterator<Item = &'a str>) -> MarkGuess {
    let mut first_point: Option<(usize, String)> = None;
    let mut first_comma: Option<(usize, String)> = None;
    let mut ambiguous = 0;
    for (row, cell) in cells.into_iter().enumerate() {
        if is_missing(cell) {
            continue;
        }
        let Some(number) = undecorate(cell) else {
            continue;
        };
        match (
            number.read(DecimalMark::Point),
            number.read(DecimalMark::Comma),
        ) {
            (Some(point), Some(comma)) if point != comma => ambiguous += 1,
            (Some(_), None) if first_point.is_none() => {
                first_point = Some((row, cell.trim().to_owned()));
            }
            (None, Some(_)) if first_comma.is_none() => {
                first_comma = Some((row, cell.trim().to_owned()));
            }
            _ => {}
        }
    }
    let conflicting = first_point.is_some() && first_comma.is_some();
    let (mark, evidence) = match (first_point, first_comma) {
        (Some(found), None) => (Some(DecimalMark::Point), Some(found)),
        (None, Some(found)) => (Some(DecimalMark::Comma), Some(found)),
        _ => (None, None),
    };
    MarkGuess {
        mark,
        evidence,
        ambiguous,
        conflicting,
    }
}

/// Fewest values [`looks_like_fractions`] judges.
const FRACTIONS_MIN_VALUES: usize = 3;

/// Whether a column meant as percentages holds fractions (0.76 meaning 76%),
/// so the user should be told "these are fractions: multiply by 100".
///
/// Only finite values count (NaN and infinities are skipped). True when all
/// of these hold:
///
/// - there are at least 3 values (fewer say too little);
/// - at least 90% of them lie in [0, 1];
/// - none lies outside [-1.5, 1.5]: a single 76 or -20 means the column is
///   written on the percent scale, at least in part, and multiplying
///   everything by 100 would be wrong;
/// - at least one lies strictly between 0 and 1: a column of only 0s and 1s
///   is a yes/no, not fractions.
///
/// A genuine percentage column whose values are all small (0.2%, 0.5%,
/// 0.9%) is indistinguishable from fractions; the flag is a question to the
/// user, not a correction.
pub fn looks_like_fractions(values: &[f64]) -> bool {
    let finite = || values.iter().copied().filter(|value| value.is_finite());
    let count = finite().count();
    if count < FRACTIONS_MIN_VALUES {
        return false;
    }
    let within_unit = finite().filter(|value| (0.0..=1.0).contains(value)).count();
    let no_outliers = finite().all(|value| (-1.5..=1.5).contains(&value));
    let some_fraction = finite().any(|value| value > 0.0 && value < 1.0);
    within_unit * 10 >= count * 9 && no_outliers && some_fraction
}

/// Characters other than `.` and `,` that group thousands.
fn is_group_char(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '\u{2019}'
    )
}

/// Currency symbols accepted before or after a number.
const CURRENCY_SYMBOLS: [char; 5] = ['$', '\u{20ac}', '\u{a3}', '\u{a5}', '\u{20b9}'];

/// Currency codes accepted before or after a number, any case.
const CURRENCY_CODES: [&str; 4] = ["USD", "EUR", "GBP", "CHF"];

/// Magnitude suffixes and their powers of ten, longest first so `mm` wins over `m`.
const MAGNITUDES: [(&str, i32); 9] = [
    ("mm", 6),
    ("MM", 6),
    ("bn", 9),
    ("Bn", 9),
    ("BN", 9),
    ("k", 3),
    ("K", 3),
    ("m", 6),
    ("M", 6),
];

/// The single-letter billion suffix, checked after `bn`.
const BILLION: (&str, i32) = ("B", 9);

/// A cell's number with sign, currency and suffix taken off.
#[derive(Debug, Clone, Copy)]
struct Undecorated<'a> {
    /// The digits and separators, possibly with an exponent.
    body: &'a str,
    /// True for `-`, `−` or parentheses.
    negative: bool,
    /// Power of ten from a magnitude suffix (0 without one).
    magnitude: i32,
}

/// Takes sign, currency, `%` and magnitude off a cell, or None if they are
/// malformed (two signs, two currencies, `%` with a magnitude).
fn undecorate(cell: &str) -> Option<Undecorated<'_>> {
    let mut text = cell.trim();
    let mut negative = false;
    let mut signed = false;
    let mut currency = false;
    let mut percent = false;
    let mut magnitude: Option<i32> = None;
    loop {
        if !signed {
            if let Some((rest, minus)) = strip_sign(text) {
                negative = minus;
                signed = true;
                text = rest.trim_start();
                continue;
            }
            if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
                negative = true;
                signed = true;
                text = inner.trim();
                continue;
            }
        }
        if !currency {
            if let Some(rest) = strip_currency_prefix(text) {
                currency = true;
                text = rest.trim_start();
                continue;
            }
        }
        let suffix_free = !percent && magnitude.is_none();
        if suffix_free && !currency {
            if let Some(rest) = strip_currency_suffix(text) {
                currency = true;
                text = rest.trim_end();
                continue;
            }
        }
        if suffix_free {
            if let Some(rest) = text.strip_suffix('%') {
                percent = true;
                text = rest.trim_end();
                continue;
            }
            if let Some((rest, power)) = strip_magnitude(text) {
                magnitude = Some(power);
                text = rest.trim_end();
                continue;
            }
        }
        break;
    }
    if text.is_empty() {
        return None;
    }
    Some(Undecorated {
        body: text,
        negative,
        magnitude: magnitude.unwrap_or(0),
    })
}

/// A leading sign and whether it is a minus.
fn strip_sign(text: &str) -> Option<(&str, bool)> {
    let mut chars = text.chars();
    let minus = match chars.next()? {
        '-' | '\u{2212}' => true,
        '+' => false,
        _ => return None,
    };
    Some((chars.as_str(), minus))
}

fn strip_currency_prefix(text: &str) -> Option<&str> {
    if let Some(rest) = text.strip_prefix(CURRENCY_SYMBOLS) {
        return Some(rest);
    }
    let head = text.get(..3)?;
    CURRENCY_CODES
        .iter()
        .any(|code| head.eq_ignore_ascii_case(code))
        .then(|| text.get(3..))
        .flatten()
}

fn strip_currency_suffix(text: &str) -> Option<&str> {
    if let Some(rest) = text.strip_suffix(CURRENCY_SYMBOLS) {
        return Some(rest);
    }
    let split = text.len().checked_sub(3)?;
    let tail = text.get(split..)?;
    CURRENCY_CODES
        .iter()
        .any(|code| tail.eq_ignore_ascii_case(code))
        .then(|| text.get(..split))
        .flatten()
}

fn strip_magnitude(text: &str) -> Option<(&str, i32)> {
    MAGNITUDES
        .iter()
        .chain(std::iter::once(&BILLION))
        .find_map(|&(suffix, power)| text.strip_suffix(suffix).map(|rest| (rest, power)))
}

impl Undecorated<'_> {
    /// The value with `mark` as the decimal mark, or None if the body does
    /// not fit it or the value is not finite.
    fn read(&self, mark: DecimalMark) -> Option<f64> {
        let decimal = plain_decimal(self.body, mark)?;
        let exponent = match (decimal.exponent, self.magnitude) {
            (Some(_), power) if power != 0 => return None,
            (Some(exponent), _) => exponent,
            (None, power) => power.to_string(),
        };
        let text = format!("{}.{}e{}", decimal.integer, decimal.fraction, exponent);
        let value: f64 = text.parse().ok()?;
        if !value.is_finite() {
            return None;
        }
        // `+ 0.0` turns -0 into 0.
        Some(if self.negative { -value } else { value } + 0.0)
    }
}

/// A number body rewritten as plain ASCII parts.
struct PlainDecimal {
    /// Integer digits, at least one.
    integer: String,
    /// Fraction digits, at least one.
    fraction: String,
    /// Exponent as written (`3`, `-2`, `+4`), if any.
    exponent: Option<String>,
}

/// Reads digits, separators and exponent with `mark` as the decimal mark.
fn plain_decimal(body: &str, mark: DecimalMark) -> Option<PlainDecimal> {
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => {
            let exponent = body.get(at + 1..)?;
            let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
            if digits.is_empty() || !all_digits(digits) {
                return None;
            }
            (body.get(..at)?, Some(exponent.to_owned()))
        }
        None => (body, None),
    };
    let decimal = mark.decimal_char();
    let (integer, fraction) = match mantissa.split_once(decimal) {
        Some((integer, fraction)) => {
            if fraction.is_empty() || !all_digits(fraction) {
                return None;
            }
            (integer, fraction)
        }
        None => (mantissa, ""),
    };
    let integer = if exponent.is_some() || all_digits(integer) {
        if !all_digits(integer) {
            return None;
        }
        integer.to_owned()
    } else {
        ungroup(integer, mark.thousands_char())?
    };
    if integer.is_empty() && fraction.is_empty() {
        return None;
    }
    Some(PlainDecimal {
        integer: if integer.is_empty() {
            "0".to_owned()
        } else {
            integer
        },
        fraction: if fraction.is_empty() {
            "0".to_owned()
        } else {
            fraction.to_owned()
        },
        exponent,
    })
}

/// The digits of an integer part grouped in thousands by one separator
/// (`thousands` or a space-like character), or None if it is not grouped
/// that way.
fn ungroup(integer: &str, thousands: char) -> Option<String> {
    let separator = integer.chars().find(|c| !c.is_ascii_digit())?;
    if separator != thousands && !is_group_char(separator) {
        return None;
    }
    let mut groups = integer.split(separator);
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || first.starts_with('0') || !all_digits(first) {
        return None;
    }
    let mut digits = first.to_owned();
    for group in groups {
        if group.len() != 3 || !all_digits(group) {
            return None;
        }
        digits.push_str(group);
    }
    Some(digits)
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use NumberCell::{Ambiguous, Missing, Number, Unreadable};

    const N: Option<DecimalMark> = None;
    const P: Option<DecimalMark> = Some(DecimalMark::Point);
    const C: Option<DecimalMark> = Some(DecimalMark::Comma);

    macro_rules! reads {
        ($($name:ident: $input:expr, $mark:expr => $expected:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(
                    read_number_as($input, $mark),
                    $expected,
                    "input {:?} with mark {:?}",
                    $input,
                    $mark
                );
            }
        )*};
    }

    reads! {
        // Plain and decimal.
        integer: "42", N => Number(42.0);
        padded_decimal: " 12.5 ", N => Number(12.5);
        point_fraction: "0.76", N => Number(0.76);
        long_fraction: "1.2345", N => Number(1.2345);
        comma_decimal: "12,5", N => Number(12.5);
        comma_decimal_with_point_mark: "12,5", P => Unreadable;
        comma_decimal_with_comma_mark: "12,5", C => Number(12.5);
        leading_point: ".5", N => Number(0.5);
        leading_comma: ",5", N => Number(0.5);
        trailing_point: "5.", N => Unreadable;
        zero_three_decimals: "0.750", N => Number(0.75);
        zero_three_decimals_comma: "0,750", N => Number(0.75);
        zero_three_decimals_point_mark: "0.750", P => Number(0.75);
        zero_three_decimals_comma_mark: "0.750", C => Unreadable;
        empty_integer_three_decimals: ".750", N => Number(0.75);
        four_digit_integer_three_decimals: "1234.567", N => Number(1234.567);
        four_digit_integer_comma: "1234,567", N => Number(1234.567);
        leading_zero_integer: "01.234", N => Number(1.234);
        // Ambiguous "one separator, three digits".
        point_three_digits: "1.234", N => Ambiguous { point: 1.234, comma: 1234.0 };
        point_three_digits_point: "1.234", P => Number(1.234);
        point_three_digits_comma: "1.234", C => Number(1234.0);
        comma_three_digits: "1,234", N => Ambiguous { point: 1234.0, comma: 1.234 };
        comma_three_digits_point: "1,234", P => Number(1234.0);
        comma_three_digits_comma: "1,234", C => Number(1.234);
        negative_ambiguous: "-12.500", N => Ambiguous { point: -12.5, comma: -12500.0 };
        ambiguous_with_currency: "$999,000", N => Ambiguous { point: 999000.0, comma: 999.0 };
        ambiguous_magnitude: "1.500k", N => Ambiguous { point: 1500.0, comma: 1_500_000.0 };
        ambiguous_percent: "12,500%", N => Ambiguous { point: 12500.0, comma: 12.5 };
        // Grouping.
        millions_comma: "1,234,567", N => Number(1_234_567.0);
        millions_point: "1.234.567", N => Number(1_234_567.0);
        millions_point_with_point_mark: "1.234.567", P => Unreadable;
        grouped_with_decimals: "1,234,567.5", N => Number(1_234_567.5);
        grouped_with_decimals_point_mark: "1,234,567.5", P => Number(1_234_567.5);
        european: "1.234,5", N => Number(1234.5);
        european_with_comma_mark: "1.234,5", C => Number(1234.5);
        european_with_point_mark: "1.234,5", P => Unreadable;
        english_grouped: "1,234.5", N => Number(1234.5);
        french_spaces: "1 234,5", N => Number(1234.5);
        french_nbsp: "1\u{a0}234,5", N => Number(1234.5);
        french_narrow_nbsp: "1\u{202f}234\u{202f}567,25", N => Number(1_234_567.25);
        thin_space: "1\u{2009}234.5", N => Number(1234.5);
        spaces_then_three_decimals: "1 234,567", N => Number(1234.567);
        swiss: "1'234.5", N => Number(1234.5);
        swiss_typographic: "1\u{2019}234\u{2019}567.5", N => Number(1_234_567.5);
        spaces_only: "1 234 567", N => Number(1_234_567.0);
        bad_space_group: "12 5", N => Unreadable;
        mixed_groupings: "1 234.567,5", N => Unreadable;
        indian: "12,34,567", N => Unreadable;
        odd_groups: "1,23,4", N => Unreadable;
        two_decimal_marks: "1.2.3,4,5", N => Unreadable;
        leading_zero_group: "0,750", P => Unreadable;
        double_separator: "1,,234", N => Unreadable;
        separators_only: ".,", N => Unreadable;
        // Signs.
        negative: "-3", N => Number(-3.0);
        plus: "+3", N => Number(3.0);
        unicode_minus: "\u{2212}3", N => Number(-3.0);
        negative_zero: "-0", N => Number(0.0);
        accounting: "(1,200)", P => Number(-1200.0);
        accounting_unknown_mark: "(1,200.00)", N => Number(-1200.0);
        accounting_currency_inside: "($1,200.50)", N => Number(-1200.5);
        accounting_currency_outside: "$(1,200.50)", N => Number(-1200.5);
        accounting_code_outside: "(1.200,50) EUR", N => Number(-1200.5);
        accounting_and_minus: "(-5)", N => Unreadable;
        minus_and_accounting: "-(5)", N => Unreadable;
        unclosed_parenthesis: "(5", N => Unreadable;
        double_minus: "--5", N => Unreadable;
        plus_minus: "+-5", N => Unreadable;
        trailing_minus: "5-", N => Unreadable;
        minus_before_currency: "-$5", N => Number(-5.0);
        minus_after_currency: "$-5", N => Number(-5.0);
        minus_spaced: "- 5", N => Number(-5.0);
        two_minus_around_currency: "-$-5", N => Unreadable;
        // Currency.
        dollars: "$12,000", P => Number(12000.0);
        // "$" does not settle the mark: Chile writes "$12.000" for twelve thousand.
        dollars_unknown_mark: "$12,000", N => Ambiguous { point: 12000.0, comma: 12.0 };
        dollars_with_cents: "$12,000.00", N => Number(12000.0);
        dollars_legacy: "$1,200", P => Number(1200.0);
        euros_european: "\u{20ac}1.234,50", N => Number(1234.5);
        euro_suffix: "1.234,50 \u{20ac}", N => Number(1234.5);
        pounds: "\u{a3}12.5", N => Number(12.5);
        yen: "\u{a5}1,000,000", N => Number(1_000_000.0);
        rupees: "\u{20b9}2,500.75", N => Number(2500.75);
        code_suffix: "12,000 USD", P => Number(12000.0);
        code_suffix_unknown: "12,000.50 USD", N => Number(12000.5);
        code_prefix: "EUR 1.234,50", N => Number(1234.5);
        code_prefix_no_space: "EUR1.234,50", N => Number(1234.5);
        code_lowercase: "chf 1'234.50", N => Number(1234.5);
        code_suffix_no_space: "99GBP", N => Number(99.0);
        two_currencies: "$5 USD", N => Unreadable;
        two_symbols: "$$5", N => Unreadable;
        unknown_code: "5 JPY", N => Unreadable;
        currency_only: "$", N => Unreadable;
        code_only: "USD", N => Unreadable;
        // Percent.
        percent: "80%", N => Number(80.0);
        percent_spaced: "45 %", N => Number(45.0);
        percent_decimal_comma: "12,5%", N => Number(12.5);
        percent_only: "%", N => Unreadable;
        double_percent: "5%%", N => Unreadable;
        percent_and_magnitude: "5k%", N => Unreadable;
        magnitude_and_percent: "5%k", N => Unreadable;
        // Magnitude.
        thousands_suffix: "32k", N => Number(32000.0);
        thousands_suffix_caps: "32K", N => Number(32000.0);
        millions_suffix: "1.2M", N => Number(1_200_000.0);
        millions_suffix_lower: "3m", N => Number(3_000_000.0);
        millions_mm: "4.5MM", N => Number(4_500_000.0);
        millions_mm_lower: "4.5mm", N => Number(4_500_000.0);
        billions_bn: "1.5bn", N => Number(1_500_000_000.0);
        billions_b: "2B", N => Number(2_000_000_000.0);
        dollars_thousands: "$1.5k", N => Number(1500.0);
        magnitude_then_code: "2.5k USD", N => Number(2500.0);
        code_then_magnitude: "2.5 USDk", N => Unreadable;
        spaced_magnitude: "7 k", N => Number(7000.0);
        comma_mark_millions: "2,5M", C => Number(2_500_000.0);
        comma_millions_unknown: "2,5M", N => Number(2_500_000.0);
        comma_millions_point_mark: "2,5M", P => Unreadable;
        negative_magnitude: "-1.15M", N => Number(-1_150_000.0);
        magnitude_only: "k", N => Unreadable;
        two_magnitudes: "5kk", N => Unreadable;
        mixed_magnitude: "5Mm", N => Unreadable;
        lowercase_b: "5b", N => Unreadable;
        // Exponent.
        exponent: "1e3", N => Number(1000.0);
        exponent_negative: "2.5E-2", N => Number(0.025);
        exponent_point_mark: "2.5E-2", P => Number(0.025);
        exponent_point_in_comma_column: "2.5E-2", C => Unreadable;
        exponent_comma_mark: "2,5E-2", C => Number(0.025);
        exponent_comma_in_point_column: "2,5E-2", P => Unreadable;
        exponent_plain_comma_mark: "1e3", C => Number(1000.0);
        exponent_three_decimals: "1.234e3", N => Number(1234.0);
        exponent_grouped: "1,234.5e3", N => Unreadable;
        exponent_with_magnitude: "1e3k", N => Unreadable;
        exponent_empty: "1e", N => Unreadable;
        exponent_sign_only: "1e-", N => Unreadable;
        exponent_twice: "1e3e4", N => Unreadable;
        exponent_no_mantissa: "e3", N => Unreadable;
        huge: "1e999", N => Unreadable;
        huge_negative_exponent_is_zero: "1e-999", N => Number(0.0);
        huge_magnitude: &format!("{}k", "9".repeat(306)), N => Unreadable;
        // Missing and garbage.
        blank: "", N => Missing;
        spaces: "   ", N => Missing;
        not_available: "N/A", N => Missing;
        dash: "-", N => Missing;
        double_dash: "--", N => Missing;
        excel_na: "#N/A", P => Missing;
        word: "lots", N => Unreadable;
        infinity: "inf", N => Unreadable;
        infinity_signed: "-infinity", N => Unreadable;
        nan: "NaN", N => Unreadable;
        hex: "0x10", N => Unreadable;
        unicode_minus_alone: "\u{2212}", N => Unreadable;
        digits_then_letters: "12abc", N => Unreadable;
        fullwidth_digits: "\u{ff11}\u{ff12}", N => Unreadable;
    }

    #[test]
    fn resolve_settles_only_ambiguous_cells() {
        let cell = read_number_as("1.234", None);
        assert_eq!(cell.resolve(DecimalMark::Point), Number(1.234));
        assert_eq!(cell.resolve(DecimalMark::Comma), Number(1234.0));
        assert_eq!(Number(5.0).resolve(DecimalMark::Comma), Number(5.0));
        assert_eq!(Missing.resolve(DecimalMark::Point), Missing);
        assert_eq!(Number(5.0).number(), Some(5.0));
        assert_eq!(cell.number(), None);
    }

    #[test]
    fn decimal_mark_serializes_snake_case() {
        let json = serde_json::to_string(&[DecimalMark::Point, DecimalMark::Comma]);
        assert_eq!(json.ok().as_deref(), Some(r#"["point","comma"]"#));
        let back: Result<DecimalMark, _> = serde_json::from_str(r#""comma""#);
        assert_eq!(back.ok(), Some(DecimalMark::Comma));
    }

    #[test]
    fn shown_mark_per_cell() {
        let cases = [
            ("12,5", Some(DecimalMark::Comma)),
            ("1.234,5", Some(DecimalMark::Comma)),
            ("1.234.567", Some(DecimalMark::Comma)),
            ("1 234,567", Some(DecimalMark::Comma)),
            ("12.5", Some(DecimalMark::Point)),
            ("0.76", Some(DecimalMark::Point)),
            ("0.750", Some(DecimalMark::Point)),
            ("1234.567", Some(DecimalMark::Point)),
            ("1,234.5", Some(DecimalMark::Point)),
            ("1,234,567", Some(DecimalMark::Point)),
            ("2.5e-2", Some(DecimalMark::Point)),
            ("$1.5k", Some(DecimalMark::Point)),
            ("1,234", None),
            ("1.234", None),
            ("1234", None),
            ("1 234", None),
            ("1e3", None),
            ("n/a", None),
            ("lots", None),
        ];
        for (cell, expected) in cases {
            assert_eq!(shown_mark(cell), expected, "cell {cell:?}");
        }
    }

    #[test]
    fn guess_mark_from_comma_evidence() {
        let guess = guess_mark(["1.234", "", "980", "1.234,50", "12,5", "2.000"]);
        assert_eq!(
            guess,
            MarkGuess {
                mark: Some(DecimalMark::Comma),
                evidence: Some((3, "1.234,50".to_owned())),
                ambiguous: 2,
                conflicting: false,
            }
        );
    }

    #[test]
    fn guess_mark_from_point_evidence() {
        let guess = guess_mark(["n/a", " 12.5 ", "1,234", "0.76", "lots"]);
        assert_eq!(
            guess,
            MarkGuess {
                mark: Some(DecimalMark::Point),
                evidence: Some((1, "12.5".to_owned())),
                ambiguous: 1,
                conflicting: false,
            }
        );
    }

    #[test]
    fn guess_mark_from_repeated_separator() {
        let guess = guess_mark(["1.234", "1.234.567"]);
        assert_eq!(guess.mark, Some(DecimalMark::Comma));
        assert_eq!(guess.evidence, Some((1, "1.234.567".to_owned())));
        assert_eq!(guess.ambiguous, 1);
    }

    #[test]
    fn guess_mark_without_evidence() {
        let guess = guess_mark(["1,234", "5", "1e3", "", "2,500", "x"]);
        assert_eq!(
            guess,
            MarkGuess {
                mark: None,
                evidence: None,
                ambiguous: 2,
                conflicting: false,
            }
        );
        let empty: [&str; 0] = [];
        assert_eq!(
            guess_mark(empty),
            MarkGuess {
                mark: None,
                evidence: None,
                ambiguous: 0,
                conflicting: false,
            }
        );
    }

    #[test]
    fn guess_mark_conflicting() {
        let guess = guess_mark(["12.5", "1,234", "12,5"]);
        assert_eq!(
            guess,
            MarkGuess {
                mark: None,
                evidence: None,
                ambiguous: 1,
                conflicting: true,
            }
        );
    }

    #[test]
    fn guess_mark_accepts_owned_strings() {
        let cells = ["1.234,5".to_owned(), "7".to_owned()];
        let guess = guess_mark(cells.iter().map(String::as_str));
        assert_eq!(guess.mark, Some(DecimalMark::Comma));
    }

    #[test]
    fn fractions_detected() {
        assert!(looks_like_fractions(&[0.76, 0.5, 0.9]));
        assert!(looks_like_fractions(&[0.76, 0.5, 0.9, 1.0, 0.0, 0.33]));
        assert!(looks_like_fractions(&[
            0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.2
        ]));
        assert!(looks_like_fractions(&[0.76, f64::NAN, 0.5, 0.9]));
    }

    #[test]
    fn fractions_not_detected() {
        // Empty and too few.
        assert!(!looks_like_fractions(&[]));
        assert!(!looks_like_fractions(&[0.5, 0.7]));
        // Yes/no.
        assert!(!looks_like_fractions(&[0.0, 1.0, 1.0, 0.0, 1.0]));
        // Percent scale.
        assert!(!looks_like_fractions(&[76.0, 50.0, 90.0]));
        // One value on the percent scale.
        assert!(!looks_like_fractions(&[0.76, 0.5, 0.9, 0.4, 76.0]));
        // More than 10% outside [0, 1].
        assert!(!looks_like_fractions(&[0.76, 0.5, 1.2, 1.3]));
        assert!(!looks_like_fractions(&[0.76, -0.5, 0.9, -0.2]));
        // Non-finite values do not count towards the three.
        assert!(!looks_like_fractions(&[0.5, f64::NAN, f64::INFINITY, 0.7]));
    }

    /// Groups `n`'s digits in threes with `separator`.
    fn grouped(n: u64, separator: char) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(digit);
        }
        out
    }

    #[test]
    fn grouped_numbers_round_trip() {
        use DecimalMark::{Comma, Point};
        for n in (0..100_000u64).step_by(7) {
            let cents = n % 100;
            let with_decimals: f64 = format!("{n}.{cents:02}").parse().unwrap_or(f64::NAN);
            let whole = n as f64;
            let cases = [
                (
                    format!("{}.{cents:02}", grouped(n, ',')),
                    Point,
                    with_decimals,
                ),
                (
                    format!("{},{cents:02}", grouped(n, '.')),
                    Comma,
                    with_decimals,
                ),
                (
                    format!("{},{cents:02}", grouped(n, ' ')),
                    Comma,
                    with_decimals,
                ),
                (
                    format!("{}.{cents:02}", grouped(n, '\'')),
                    Point,
                    with_decimals,
                ),
                (grouped(n, ','), Point, whole),
                (grouped(n, '.'), Comma, whole),
                (grouped(n, '\u{a0}'), Comma, whole),
            ];
            for (text, mark, expected) in cases {
                assert_eq!(
                    read_number_as(&text, Some(mark)),
                    Number(expected),
                    "{text:?} with {mark:?}"
                );
                // Two decimals are never ambiguous, so no mark is needed.
                if text.len() > 3
                    && text
                        .chars()
                        .rev()
                        .nth(2)
                        .is_some_and(|c| c == '.' || c == ',')
                {
                    assert_eq!(read_number_as(&text, None), Number(expected), "{text:?}");
                }
            }
            // Whole numbers with one separator are ambiguous without a mark.
            let (point, comma) = (grouped(n, ','), grouped(n, '.'));
            let expected = if (1_000..1_000_000).contains(&n) {
                let other = format!("{}.{:03}", n / 1000, n % 1000)
                    .parse()
                    .unwrap_or(f64::NAN);
                (
                    Ambiguous {
                        point: whole,
                        comma: other,
                    },
                    Ambiguous {
                        point: other,
                        comma: whole,
                    },
                )
            } else {
                (Number(whole), Number(whole))
            };
            assert_eq!(read_number_as(&point, None), expected.0, "{point:?}");
            assert_eq!(read_number_as(&comma, None), expected.1, "{comma:?}");
        }
    }

    #[test]
    fn grouped_column_guesses_its_mark() {
        let european: Vec<String> = (1_000..1_200u64)
            .map(|n| format!("{},{:02}", grouped(n * 13, '.'), n % 100))
            .collect();
        let guess = guess_mark(european.iter().map(String::as_str));
        assert_eq!(guess.mark, Some(DecimalMark::Comma));
        assert_eq!(guess.evidence.map(|(row, _)| row), Some(0));
        assert!(!guess.conflicting);
    }

    fn odd_strings() -> Vec<String> {
        let mut odd: Vec<String> = [
            "",
            " ",
            ".",
            ",",
            "..",
            ",,",
            ".,.,",
            "'",
            "\u{a0}",
            "\u{202f}",
            "()",
            "(",
            ")",
            "(()",
            "-",
            "+",
            "\u{2212}",
            "$",
            "\u{20ac}",
            "\u{20b9}\u{20b9}",
            "%",
            "k",
            "bn",
            "MM",
            "e",
            "E5",
            "1e",
            "1e+",
            "1e--5",
            "1.e5",
            ".e5",
            "1,e5",
            "€",
            "€€1",
            "1€€",
            "日本",
            "１２３",
            "🙂1",
            "1🙂",
            "1\u{301}",
            "e\u{301}",
            "\u{feff}1",
            "1\u{200b}2",
            "US",
            "USD1USD",
            "EUR",
            "€1.234,50€",
            "(€)",
            "($)",
            "-(",
            "(-",
            "%%",
            "5%k",
            "1'",
            "'1",
            "1''234",
            "1'234'",
            "1 234 ",
            "0x1F",
            "1_000",
            "١٢٣",
            "NaN",
            "inf",
            "-inf",
            "infinity",
            "1e308",
            "-1.7976931348623157e308",
            "1.8e308",
            "4.9e-324",
            "1e-400",
            "99999999999999999999999",
            "1,000,000,000,000,000,000,000",
            "((1))",
            "(1)(2)",
            "1-2",
            "1+2",
            "1/2",
            "½",
            "1.234.567,89.0",
            "\u{2019}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let long = "9".repeat(400);
        odd.push(long.clone());
        odd.push(format!("{long}.5"));
        odd.push(format!("0.{long}"));
        odd.push(format!("1e{long}"));
        odd.push(format!("1e-{long}"));
        odd.push(format!("{long}k"));
        odd.push(grouped(0, ',').repeat(200));
        odd.push(",".repeat(400));
        odd.push(". ".repeat(200));
        odd.push("1,234".repeat(80));
        odd.push("€".repeat(100));
        odd.push(format!("({})", "(".repeat(50)));
        odd
    }

    #[test]
    fn odd_strings_never_panic_or_give_non_finite() {
        let odd = odd_strings();
        for text in &odd {
            for mark in [N, P, C] {
                match read_number_as(text, mark) {
                    Number(value) => assert!(value.is_finite(), "{text:?}"),
                    Ambiguous { point, comma } => {
                        assert!(point.is_finite() && comma.is_finite(), "{text:?}")
                    }
                    Missing | Unreadable => {}
                }
            }
            let _ = shown_mark(text);
        }
        let _ = guess_mark(odd.iter().map(String::as_str));
        let long = "9".repeat(400);
        assert_eq!(read_number_as(&long, None), Unreadable);
        assert!(read_number_as(&"9".repeat(300), None)
            .number()
            .is_some_and(|value| value > 9.9e299));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            for mark in [N, P, C] {
                let _ = read_number_as(&text, mark);
            }
            let _ = guess_mark([text.as_str()]);
        }

        #[test]
        fn number_like_text_never_panics(
            text in "[-+\u{2212}()$€£¥₹0-9.,' \u{a0}\u{202f}eEkKmMbBn%USDEURCHF]{0,16}"
        ) {
            for mark in [N, P, C] {
                match read_number_as(&text, mark) {
                    Number(value) => prop_assert!(value.is_finite()),
                    Ambiguous { point, comma } => {
                        prop_assert!(mark.is_none());
                        prop_assert!(point.is_finite() && comma.is_finite());
                        prop_assert_ne!(point, comma);
                        prop_assert_eq!(read_number_as(&text, P), Number(point));
                        prop_assert_eq!(read_number_as(&text, C), Number(comma));
                    }
                    Missing | Unreadable => {}
                }
            }
        }

        #[test]
        fn plain_decimals_read_exactly(whole in 0u64..1_000_000_000, fraction in 0u32..10_000) {
            let text = format!("{whole}.{fraction:04}");
            let expected: f64 = text.parse().unwrap_or(f64::NAN);
            prop_assert_eq!(read_number_as(&text, None), Number(expected));
            prop_assert_eq!(read_number_as(&text.replace('.', ","), None), Number(expected));
        }
    }
}
