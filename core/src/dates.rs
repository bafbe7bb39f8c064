//! Reads spreadsheet cells as dates or durations, so a metric can score
//! "days since the last exec meeting" or "days until renewal" against an
//! "as of" date.
//!
//! Spreadsheets hand us `2026-03-14`, `14/03/2026`, `Mar 14, 2026`, the serial
//! `46095` and `3 weeks`. A date whose day and month are both 12 or less
//! (`03/04/2026`) is never guessed: it is [`DateCell::Ambiguous`] until the
//! column's order is chosen, and [`guess_order`] finds the cells of a column
//! that prove the order. Pure arithmetic on day counts, no date crate.

use crate::cell::is_missing;
use std::fmt;

/// A calendar day as a count of days since 1970-01-01 (negative before).
///
/// Days follow the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

impl Day {
    /// The day `year`-`month`-`day`, or `None` when no such day exists
    /// (February 30, month 13, day 0) or it is out of `Day`'s range.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        // Howard Hinnant's days_from_civil, in i64 so no year can overflow.
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        i32::try_from(days).ok().map(Day)
    }

    /// The (year, month, day) of this day; month and day count from 1.
    pub fn ymd(self) -> (i32, u32, u32) {
        // Howard Hinnant's civil_from_days.
        let z = i64::from(self.0) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        // Every i32 day count lands within a few million years of 1970, so
        // these conversions cannot fail; the fallbacks are never taken.
        (
            i32::try_from(year).unwrap_or(i32::MAX),
            u32::try_from(month).unwrap_or(1),
            u32::try_from(day).unwrap_or(1),
        )
    }

    /// The day as ISO 8601 text, "2026-03-14".
    ///
    /// Years 0000 to 9999 are written with four digits and read back by
    /// [`Day::parse_iso`]; others are written as they are ("-0044", "10000").
    pub fn iso(self) -> String {
        let (year, month, day) = self.ymd();
        if year < 0 {
            format!("{year:05}-{month:02}-{day:02}")
        } else {
            format!("{year:04}-{month:02}-{day:02}")
        }
    }

    /// Reads exactly "YYYY-MM-DD" (the saved as-of date): no spaces, no time,
    /// no other separator, and the day must exist.
    pub fn parse_iso(text: &str) -> Option<Day> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = digits_value(&bytes[0..4])?;
        let month = digits_value(&bytes[5..7])?;
        let day = digits_value(&bytes[8..10])?;
        Day::from_ymd(i32::try_from(year).ok()?, month, day)
    }

    /// Day of the week, 0 = Monday to 6 = Sunday (1970-01-01 was a Thursday).
    fn weekday(self) -> u32 {
        // rem_euclid(7) is within 0..7, so the conversion cannot fail.
        u32::try_from((i64::from(self.0) + 3).rem_euclid(7)).unwrap_or(0)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// Order of day and month in slash/dot/dash dates like 03/04/2026.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayMonth {
    /// 03/04/2026 is 3 April 2026 (most of the world).
    DayFirst,
    /// 03/04/2026 is March 4 2026 (the United States).
    MonthFirst,
}

/// What a cell holds, read as a date or a duration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DateCell {
    /// A calendar day.
    Date(Day),
    /// A duration in days: "10 days", "1 day", "3 weeks", "2 wks", "10d",
    /// "3w", "1.5 weeks" (10.5). Only days and weeks are read.
    Days(f64),
    /// A d/m vs m/d date whose day and month are both <= 12, read with no
    /// order chosen: both readings.
    Ambiguous {
        /// The reading with the first number as the day (03/04 = 3 April).
        day_first: Day,
        /// The reading with the first number as the month (03/04 = March 4).
        month_first: Day,
    },
    /// Blank or a "no value" token ("", "n/a", "-", "null", "#N/A", ...).
    Missing,
    /// Text that is neither a date nor a duration: a warning for the user.
    Unreadable,
}

/// Smallest plain number read as a spreadsheet serial (1954-10-03).
const SERIAL_MIN: f64 = 20_000.0;
/// Largest plain number read as a spreadsheet serial (2119-01-11).
const SERIAL_MAX: f64 = 80_000.0;
/// The spreadsheet serial of 1970-01-01 (serials count days since 1899-12-30).
const SERIAL_EPOCH: i64 = 25_569;

/// Reads a cell as a date or a duration.
///
/// Dates: ISO `2026-03-14` (also with a time, `2026-03-14T09:30:00Z` or
/// `2026-03-14 09:30`, the time ignored) and `2026/03/14`; `14/03/2026`,
/// `03/14/2026`, `14.03.2026`, `14-03-2026` and two-digit years `14/03/26`
/// (00-69 are 2000-2069, 70-99 are 1970-1999), also followed by a time;
/// named months `14 Mar 2026`, `14 March 2026`, `Mar 14, 2026`,
/// `March 14 2026`, `14-Mar-26`, `14th March 2026`, optionally after a
/// weekday that must match (`Sat, 14 Mar 2026`); spreadsheet serials, a plain
/// number from 20000 to 80000 (`46095` is 2026-03-14, a fraction is a time of
/// day and ignored).
///
/// Durations: `10 days`, `1 day`, `3 weeks`, `2 wks`, `10d`, `3w`,
/// `1.5 weeks`, `-2 days`.
///
/// Day and month order: a number above 12 in the first two places decides it
/// when `order` is `None`; when both are 12 or less and differ the cell is
/// [`DateCell::Ambiguous`]. An explicit `order` is obeyed, and a cell that
/// contradicts it (`14/03/2026` in a month-first column) is unreadable.
/// A bare number that is not a serial ("2026", "12") is unreadable: we do
/// not guess.
pub fn read_date(cell: &str, order: Option<DayMonth>) -> DateCell {
    read_cell(cell, order).0
}

/// Reads a cell, also returning the day/month order the cell itself proves
/// (a numeric d/m/y date with exactly one valid reading).
fn read_cell(cell: &str, order: Option<DayMonth>) -> (DateCell, Option<DayMonth>) {
    if is_missing(cell) {
        return (DateCell::Missing, None);
    }
    let text = cell.trim();
    if let Some(value) = plain_number(text) {
        return (serial(value), None);
    }
    if let Some(days) = duration(text) {
        return (DateCell::Days(days), None);
    }
    let Some(date_part) = strip_time(text) else {
        return (DateCell::Unreadable, None);
    };
    let Some(tokens) = tokenize(date_part) else {
        return (DateCell::Unreadable, None);
    };
    if let Some(read) = numeric_date(&tokens, order) {
        return read;
    }
    match named_month_date(&tokens) {
        Some(day) => (DateCell::Date(day), None),
        None => (DateCell::Unreadable, None),
    }
}

/// Evidence about a whole column's day/month order.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderGuess {
    /// The order the column's unambiguous cells prove, if they agree (None if
    /// no cell decides or they conflict).
    pub order: Option<DayMonth>,
    /// Cells read as dates with both orders possible (and two different
    /// readings: 04/04/2026 is the same day either way and not counted).
    pub ambiguous: usize,
    /// The first cell (row index, text) that decided the order, for showing
    /// "from row 12: 14/03/2026". The index is the cell's 0-based position in
    /// the cells given; the text is trimmed. Kept when the cells conflict.
    pub evidence: Option<(usize, String)>,
    /// When the cells conflict, the first cell (row index, text) proving the
    /// order opposite to `evidence`'s.
    pub contrary: Option<(usize, String)>,
    /// True when some cells prove day-first and others month-first.
    pub conflicting: bool,
}

/// Looks at a column's cells for the day/month order they prove: a cell like
/// `14/03/2026` proves day-first, `03/14/2026` month-first; `03/04/2026` is
/// counted as ambiguous. ISO, named-month and serial dates prove nothing.
pub fn guess_order<'a>(cells: impl IntoIterator<Item = &'a str>) -> OrderGuess {
    let mut guess = OrderGuess {
        order: None,
        ambiguous: 0,
        evidence: None,
        contrary: None,
        conflicting: false,
    };
    let mut first: Option<DayMonth> = None;
    for (row, cell) in cells.into_iter().enumerate() {
        let (read, proves) = read_cell(cell, None);
        if matches!(read, DateCell::Ambiguous { .. }) {
            guess.ambiguous += 1;
        }
        let Some(proves) = proves else { continue };
        match first {
            None => {
                first = Some(proves);
                guess.evidence = Some((row, cell.trim().to_owned()));
            }
            Some(decided) if decided != proves && guess.contrary.is_none() => {
                guess.conflicting = true;
                guess.contrary = Some((row, cell.trim().to_owned()));
            }
            Some(_) => {}
        }
    }
    if !guess.conflicting {
        guess.order = first;
    }
    guess
}

/// Days from `day` to `as_of` (positive when `day` is in the past): the value
/// of a "days since" metric.
pub fn days_since(day: Day, as_of: Day) -> f64 {
    // The difference of two i32 fits in i64 and is exact in f64.
    (i64::from(as_of.0) - i64::from(day.0)) as f64
}

/// Days from `as_of` to `day` (positive when `day` is in the future): the
/// value of a "days until" metric, `-days_since(day, as_of)`.
pub fn days_until(day: Day, as_of: Day) -> f64 {
    (i64::from(day.0) - i64::from(as_of.0)) as f64
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The value of a short run of ASCII digits, `None` if any byte is not one.
fn digits_value(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0u32, |value, byte| {
        byte.is_ascii_digit()
            .then(|| value * 10 + u32::from(byte - b'0'))
    })
}

/// Text that is only ASCII digits with at most one '.', as a number.
fn plain_number(text: &str) -> Option<f64> {
    let mut dots = 0;
    let mut digits = 0;
    for byte in text.bytes() {
        match byte {
            b'0'..=b'9' => digits += 1,
            b'.' => dots += 1,
            _ => return None,
        }
    }
    if digits == 0 || dots > 1 {
        return None;
    }
    text.parse::<f64>().ok().filter(|value| value.is_finite())
}

/// A plain number read as a spreadsheet serial (1900 date system).
fn serial(value: f64) -> DateCell {
    if !(SERIAL_MIN..=SERIAL_MAX).contains(&value) {
        return DateCell::Unreadable;
    }
    // Within the range checked above, so the cast is exact.
    let whole = value.floor() as i64;
    match i32::try_from(whole - SERIAL_EPOCH) {
        Ok(days) => DateCell::Date(Day(days)),
        Err(_) => DateCell::Unreadable,
    }
}

/// "10 days", "3w", "1.5 weeks", "-2 d": a duration in days.
fn duration(text: &str) -> Option<f64> {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, text),
    };
    // The number ends at the first byte that is neither a digit nor '.';
    // both are ASCII, so the split is on a character boundary.
    let end = rest
        .bytes()
        .position(|byte| !(byte.is_ascii_digit() || byte == b'.'))?;
    let (number, unit) = rest.split_at(end);
    let value = plain_number(number)?;
    let unit = unit.trim_start();
    let per_unit = if ["d", "day", "days"]
        .iter()
        .any(|name| unit.eq_ignore_ascii_case(name))
    {
        1.0
    } else if ["w", "wk", "wks", "week", "weeks"]
        .iter()
        .any(|name| unit.eq_ignore_ascii_case(name))
    {
        7.0
    } else {
        return None;
    };
    let days = sign * value * per_unit;
    // -0.0 from "-0 days" is plain 0.
    Some(if days == 0.0 { 0.0 } else { days })
}

/// The date part of a cell, with a trailing time of day ("T09:30:00Z",
/// " 9:30 AM") removed; `None` when the cell has a time that cannot be read.
fn strip_time(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let Some(colon) = bytes.iter().position(|&byte| byte == b':') else {
        return Some(text);
    };
    // The hour is the one or two digits before the first colon.
    let mut start = colon;
    while start > 0 && bytes[start - 1].is_ascii_digit() && colon - start < 2 {
        start -= 1;
    }
    if start == colon || start == 0 {
        return None;
    }
    // The byte before the hour is 'T' or ASCII whitespace, so slicing there
    // stays on a character boundary.
    let before = bytes[start - 1];
    if !(before == b'T' || before == b't' || before.is_ascii_whitespace()) {
        return None;
    }
    if !valid_time(&bytes[start..]) {
        return None;
    }
    let date = text[..start - 1].trim_end_matches(|c: char| c == ',' || c.is_whitespace());
    Some(date)
}

/// "09:30", "9:30:15.250", "09:30:00Z", "09:30+01:00", "9:30 pm": a time of
/// day, checked but not kept.
fn valid_time(bytes: &[u8]) -> bool {
    let mut at = 0;
    let number = |at: &mut usize, min_len: usize, max_len: usize| -> Option<u32> {
        let start = *at;
        while *at < bytes.len() && bytes[*at].is_ascii_digit() && *at - start < max_len {
            *at += 1;
        }
        if *at - start < min_len {
            return None;
        }
        digits_value(&bytes[start..*at])
    };
    let skip_spaces = |at: &mut usize| {
        while *at < bytes.len() && bytes[*at] == b' ' {
            *at += 1;
        }
    };
    let Some(hour) = number(&mut at, 1, 2) else {
        return false;
    };
    if bytes.get(at) != Some(&b':') {
        return false;
    }
    at += 1;
    let Some(minute) = number(&mut at, 2, 2) else {
        return false;
    };
    let mut second = 0;
    if bytes.get(at) == Some(&b':') {
        at += 1;
        let Some(value) = number(&mut at, 2, 2) else {
            return false;
        };
        second = value;
        if matches!(bytes.get(at), Some(b'.' | b',')) {
            at += 1;
            let start = at;
            while at < bytes.len() && bytes[at].is_ascii_digit() {
                at += 1;
            }
            if at == start {
                return false;
            }
        }
    }
    if minute > 59 || second > 60 {
        return false;
    }
    skip_spaces(&mut at);
    let rest = &bytes[at..];
    let meridiem = rest.len() >= 2
        && (rest[..2].eq_ignore_ascii_case(b"am") || rest[..2].eq_ignore_ascii_case(b"pm"));
    if meridiem {
        if !(1..=12).contains(&hour) {
            return false;
        }
        at += 2;
        skip_spaces(&mut at);
    } else if hour > 23 {
        return false;
    }
    match bytes.get(at) {
        None => return true,
        Some(b'Z' | b'z') => at += 1,
        Some(b'+' | b'-') => {
            at += 1;
            let Some(offset_hours) = number(&mut at, 2, 2) else {
                return false;
            };
            if bytes.get(at) == Some(&b':') {
                at += 1;
            }
            let offset_minutes = if at < bytes.len() {
                match number(&mut at, 2, 2) {
                    Some(value) => value,
                    None => return false,
                }
            } else {
                0
            };
            if offset_hours > 14 || offset_minutes > 59 {
                return false;
            }
        }
        Some(_) => return false,
    }
    at == bytes.len()
}

/// A piece of a date's text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    /// A run of ASCII digits.
    Number(&'a str),
    /// A run of letters.
    Word(&'a str),
    /// A run of separators: whitespace, '-', '/', '.', ','.
    Separator(&'a str),
}

/// Splits a date's text into numbers, words and separators; `None` when it
/// holds anything else.
fn tokenize(text: &str) -> Option<Vec<Token<'_>>> {
    #[derive(PartialEq, Clone, Copy)]
    enum Kind {
        Number,
        Word,
        Separator,
    }
    let kind_of = |c: char| {
        if c.is_ascii_digit() {
            Some(Kind::Number)
        } else if c.is_alphabetic() {
            Some(Kind::Word)
        } else if c.is_whitespace() || matches!(c, '-' | '/' | '.' | ',') {
            Some(Kind::Separator)
        } else {
            None
        }
    };
    let mut tokens = Vec::new();
    let mut current: Option<(Kind, usize)> = None;
    // char_indices gives character boundaries only, so every slice is valid.
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let kind = if at == text.len() {
            None
        } else {
            Some(kind_of(c)?)
        };
        if let Some((run, start)) = current {
            if Some(run) != kind {
                let piece = &text[start..at];
                tokens.push(match run {
                    Kind::Number => Token::Number(piece),
                    Kind::Word => Token::Word(piece),
                    Kind::Separator => Token::Separator(piece),
                });
                current = kind.map(|kind| (kind, at));
            }
        } else {
            current = kind.map(|kind| (kind, at));
        }
    }
    Some(tokens)
}

/// A year written with four digits, or two (00-69 are 2000s, 70-99 1900s).
fn year_of(digits: &str) -> Option<i32> {
    let value = i32::try_from(digits_value(digits.as_bytes())?).ok()?;
    match digits.len() {
        4 => Some(value),
        2 if value < 70 => Some(2000 + value),
        2 => Some(1900 + value),
        _ => None,
    }
}

/// A day or month written with one or two digits.
fn small_number(digits: &str) -> Option<u32> {
    if digits.len() > 2 {
        return None;
    }
    digits_value(digits.as_bytes())
}

/// `2026-03-14`, `2026/03/14`, `14/03/2026`, `03.14.26`...: three numbers
/// with the same single '-', '/' or '.' between them. `None` when the tokens
/// are not of that shape (they may still be a named-month date); otherwise
/// the reading and the order the cell proves.
fn numeric_date(tokens: &[Token], order: Option<DayMonth>) -> Option<(DateCell, Option<DayMonth>)> {
    let [Token::Number(first), Token::Separator(sep1), Token::Number(second), Token::Separator(sep2), Token::Number(third)] =
        tokens
    else {
        return None;
    };
    let unreadable = Some((DateCell::Unreadable, None));
    if sep1 != sep2 || !matches!(*sep1, "-" | "/" | ".") {
        return unreadable;
    }
    if first.len() == 4 {
        // Year first is always year-month-day.
        let date = (|| {
            let year = year_of(first)?;
            Day::from_ymd(year, small_number(second)?, small_number(third)?)
        })();
        return Some((date.map_or(DateCell::Unreadable, DateCell::Date), None));
    }
    let (Some(a), Some(b), Some(year)) =
        (small_number(first), small_number(second), year_of(third))
    else {
        return unreadable;
    };
    let day_first = Day::from_ymd(year, b, a);
    let month_first = Day::from_ymd(year, a, b);
    let read = match (order, day_first, month_first) {
        (Some(DayMonth::DayFirst), Some(day), _) | (Some(DayMonth::MonthFirst), _, Some(day)) => {
            (DateCell::Date(day), None)
        }
        (Some(_), _, _) => (DateCell::Unreadable, None),
        (None, Some(day_first), Some(month_first)) if day_first == month_first => {
            (DateCell::Date(day_first), None)
        }
        (None, Some(day_first), Some(month_first)) => (
            DateCell::Ambiguous {
                day_first,
                month_first,
            },
            None,
        ),
        (None, Some(day), None) => (DateCell::Date(day), Some(DayMonth::DayFirst)),
        (None, None, Some(day)) => (DateCell::Date(day), Some(DayMonth::MonthFirst)),
        (None, None, None) => (DateCell::Unreadable, None),
    };
    Some(read)
}

/// The month (1-12) a word names: "Mar", "march", "SEPT".
fn month_of(word: &str) -> Option<u32> {
    const MONTHS: [(&str, &str); 12] = [
        ("jan", "january"),
        ("feb", "february"),
        ("mar", "march"),
        ("apr", "april"),
        ("may", "may"),
        ("jun", "june"),
        ("jul", "july"),
        ("aug", "august"),
        ("sep", "september"),
        ("oct", "october"),
        ("nov", "november"),
        ("dec", "december"),
    ];
    if word.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    MONTHS
        .iter()
        .zip(1..)
        .find(|((short, long), _)| {
            word.eq_ignore_ascii_case(short) || word.eq_ignore_ascii_case(long)
        })
        .map(|(_, month)| month)
}

/// The weekday (0 = Monday) a word names: "Sat", "saturday", "Tues".
fn weekday_of(word: &str) -> Option<u32> {
    const WEEKDAYS: [&[&str]; 7] = [
        &["mon", "monday"],
        &["tue", "tues", "tuesday"],
        &["wed", "wednesday"],
        &["thu", "thur", "thurs", "thursday"],
        &["fri", "friday"],
        &["sat", "saturday"],
        &["sun", "sunday"],
    ];
    WEEKDAYS
        .iter()
        .zip(0..)
        .find(|(names, _)| names.iter().any(|name| word.eq_ignore_ascii_case(name)))
        .map(|(_, weekday)| weekday)
}

/// `14 Mar 2026`, `Mar 14, 2026`, `14-Mar-26`, `14th March 2026`, with an
/// optional weekday first that must match the date (`Sat, 14 Mar 2026`).
fn named_month_date(tokens: &[Token]) -> Option<Day> {
    let mut parts: Vec<Token> = tokens
        .iter()
        .copied()
        .filter(|token| !matches!(token, Token::Separator(_)))
        .collect();
    // "14th": the ordinal suffix after a day.
    parts.retain(|token| {
        !matches!(token, Token::Word(word)
            if ["st", "nd", "rd", "th"].iter().any(|suffix| word.eq_ignore_ascii_case(suffix)))
    });
    let mut weekday = None;
    if let Some(Token::Word(word)) = parts.first() {
        if let Some(named) = weekday_of(word) {
            weekday = Some(named);
            parts.remove(0);
        }
    }
    let (day, month, year) = match parts.as_slice() {
        [Token::Number(day), Token::Word(month), Token::Number(year)]
        | [Token::Word(month), Token::Number(day), Token::Number(year)] => (day, month, year),
        _ => return None,
    };
    let date = Day::from_ymd(year_of(year)?, month_of(month)?, small_number(day)?)?;
    match weekday {
        Some(named) if named != date.weekday() => None,
        _ => Some(date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DayMonth::{DayFirst, MonthFirst};

    fn day(year: i32, month: u32, day: u32) -> Day {
        Day::from_ymd(year, month, day).expect("a valid test date")
    }

    fn date(year: i32, month: u32, d: u32) -> DateCell {
        DateCell::Date(day(year, month, d))
    }

    /// 03/04-style reading: `day_first` then `month_first`, as (y, m, d).
    fn either(day_first: (i32, u32, u32), month_first: (i32, u32, u32)) -> DateCell {
        DateCell::Ambiguous {
            day_first: day(day_first.0, day_first.1, day_first.2),
            month_first: day(month_first.0, month_first.1, month_first.2),
        }
    }

    macro_rules! reads {
        ($($name:ident: $input:expr, $order:expr => $expected:expr;)*) => {$(
            #[test]
            fn $name() {
                let order: Option<DayMonth> = $order;
                assert_eq!(
                    read_date($input, order),
                    $expected,
                    "input {:?}, order {:?}",
                    $input,
                    order
                );
            }
        )*};
    }

    reads! {
        // ISO, year first: never ambiguous, order ignored.
        iso: "2026-03-14", None => date(2026, 3, 14);
        iso_padded: "  2026-03-14 ", None => date(2026, 3, 14);
        iso_with_month_first: "2026-03-04", Some(MonthFirst) => date(2026, 3, 4);
        iso_with_day_first: "2026-03-04", Some(DayFirst) => date(2026, 3, 4);
        iso_time: "2026-03-14T09:30:00", None => date(2026, 3, 14);
        iso_time_space: "2026-03-14 09:30", None => date(2026, 3, 14);
        iso_time_zulu: "2026-03-14T09:30:00Z", None => date(2026, 3, 14);
        iso_time_offset: "2026-03-14T23:30:00+05:30", None => date(2026, 3, 14);
        iso_time_fraction: "2026-03-14T09:30:00.123Z", None => date(2026, 3, 14);
        iso_slashes: "2026/03/14", None => date(2026, 3, 14);
        iso_single_digits: "2026-3-4", None => date(2026, 3, 4);
        iso_bad_month: "2026-13-01", None => DateCell::Unreadable;
        iso_feb_30: "2026-02-30", None => DateCell::Unreadable;
        iso_bad_time: "2026-03-14T25:00", None => DateCell::Unreadable;
        iso_bad_minutes: "2026-03-14 09:75", None => DateCell::Unreadable;
        iso_trailing_junk: "2026-03-14T09:30 soon", None => DateCell::Unreadable;
        iso_mixed_separators: "2026-03/14", None => DateCell::Unreadable;
        // Day and month numbers: a number above 12 decides when no order is chosen.
        day_first_decided: "14/03/2026", None => date(2026, 3, 14);
        month_first_decided: "03/14/2026", None => date(2026, 3, 14);
        dots: "14.03.2026", None => date(2026, 3, 14);
        dashes: "14-03-2026", None => date(2026, 3, 14);
        no_leading_zeros: "3/14/2026", None => date(2026, 3, 14);
        with_time: "14/03/2026 09:30", None => date(2026, 3, 14);
        with_time_pm: "3/14/2026 9:30 PM", None => date(2026, 3, 14);
        with_time_comma: "3/14/2026, 9:30:15 am", None => date(2026, 3, 14);
        bad_meridiem_hour: "3/14/2026 13:30 PM", None => DateCell::Unreadable;
        // Explicit order obeyed, and a contradicting cell is unreadable.
        day_first_chosen: "14/03/2026", Some(DayFirst) => date(2026, 3, 14);
        month_first_chosen: "03/14/2026", Some(MonthFirst) => date(2026, 3, 14);
        day_first_contradicted: "03/14/2026", Some(DayFirst) => DateCell::Unreadable;
        month_first_contradicted: "14/03/2026", Some(MonthFirst) => DateCell::Unreadable;
        // Both 12 or less: ambiguous without an order, decided with one.
        ambiguous: "03/04/2026", None => either((2026, 4, 3), (2026, 3, 4));
        ambiguous_dots: "1.2.2026", None => either((2026, 2, 1), (2026, 1, 2));
        ambiguous_day_first: "03/04/2026", Some(DayFirst) => date(2026, 4, 3);
        ambiguous_month_first: "03/04/2026", Some(MonthFirst) => date(2026, 3, 4);
        same_day_and_month: "04/04/2026", None => date(2026, 4, 4);
        same_day_and_month_ordered: "04/04/2026", Some(MonthFirst) => date(2026, 4, 4);
        // Two-digit years pivot at 70.
        two_digit_year: "14/03/26", None => date(2026, 3, 14);
        two_digit_year_00: "14/03/00", None => date(2000, 3, 14);
        two_digit_year_69: "14/03/69", None => date(2069, 3, 14);
        two_digit_year_70: "14/03/70", None => date(1970, 3, 14);
        two_digit_year_99: "12/31/99", None => date(1999, 12, 31);
        three_digit_year: "14/03/026", None => DateCell::Unreadable;
        // Invalid days and leap years.
        feb_31: "31/02/2026", None => DateCell::Unreadable;
        feb_31_day_first: "31/02/2026", Some(DayFirst) => DateCell::Unreadable;
        april_31: "31/04/2026", None => DateCell::Unreadable;
        leap_day: "29/02/2024", None => date(2024, 2, 29);
        leap_day_iso: "2024-02-29", None => date(2024, 2, 29);
        not_leap: "29/02/2025", None => DateCell::Unreadable;
        century_not_leap: "29/02/1900", None => DateCell::Unreadable;
        four_century_leap: "2000-02-29", None => date(2000, 2, 29);
        day_zero: "00/03/2026", None => DateCell::Unreadable;
        both_above_12: "13/13/2026", None => DateCell::Unreadable;
        // Named months, any case, either order.
        day_month_short: "14 Mar 2026", None => date(2026, 3, 14);
        day_month_long: "14 March 2026", None => date(2026, 3, 14);
        month_day_comma: "Mar 14, 2026", None => date(2026, 3, 14);
        month_day_long: "March 14 2026", None => date(2026, 3, 14);
        dashed_named: "14-Mar-2026", None => date(2026, 3, 14);
        dashed_named_short_year: "14-Mar-26", None => date(2026, 3, 14);
        named_upper: "14 MAR 2026", None => date(2026, 3, 14);
        named_lower: "march 14, 2026", None => date(2026, 3, 14);
        named_sept: "1 Sept 2026", None => date(2026, 9, 1);
        named_abbrev_dot: "14 Mar. 2026", None => date(2026, 3, 14);
        named_ordinal: "14th March 2026", None => date(2026, 3, 14);
        named_ordinal_after: "March 1st, 2026", None => date(2026, 3, 1);
        named_order_ignored: "14 Mar 2026", Some(MonthFirst) => date(2026, 3, 14);
        named_with_time: "Mar 14, 2026 9:30 AM", None => date(2026, 3, 14);
        weekday: "Sat, 14 Mar 2026", None => date(2026, 3, 14);
        weekday_long: "Saturday March 14, 2026", None => date(2026, 3, 14);
        weekday_wrong: "Fri, 14 Mar 2026", None => DateCell::Unreadable;
        named_feb_30: "30 Feb 2026", None => DateCell::Unreadable;
        named_leap: "29 Feb 2024", None => date(2024, 2, 29);
        named_unknown_month: "14 Marchy 2026", None => DateCell::Unreadable;
        named_no_year: "14 Mar", None => DateCell::Unreadable;
        named_no_day: "Mar 2026", None => DateCell::Unreadable;
        named_two_months: "Mar Apr 2026", None => DateCell::Unreadable;
        // Spreadsheet serials (1900 system): 25569 is 1970-01-01.
        serial: "46095", None => date(2026, 3, 14);
        serial_with_time: "46095.5", None => date(2026, 3, 14);
        serial_epoch: "25569", None => date(1970, 1, 1);
        serial_low_end: "20000", None => date(1954, 10, 3);
        serial_high_end: "80000", None => date(2119, 1, 11);
        serial_too_low: "19999", None => DateCell::Unreadable;
        serial_too_high: "80001", None => DateCell::Unreadable;
        bare_year: "2026", None => DateCell::Unreadable;
        bare_small: "12", None => DateCell::Unreadable;
        negative_number: "-46095", None => DateCell::Unreadable;
        // Durations in days or weeks.
        days: "10 days", None => DateCell::Days(10.0);
        one_day: "1 day", None => DateCell::Days(1.0);
        weeks: "3 weeks", None => DateCell::Days(21.0);
        wks: "2 wks", None => DateCell::Days(14.0);
        wk: "1 wk", None => DateCell::Days(7.0);
        d_suffix: "10d", None => DateCell::Days(10.0);
        w_suffix: "3w", None => DateCell::Days(21.0);
        fractional_weeks: "1.5 weeks", None => DateCell::Days(10.5);
        days_caps: "10 DAYS", None => DateCell::Days(10.0);
        zero_days: "0 days", None => DateCell::Days(0.0);
        negative_days: "-2 days", None => DateCell::Days(-2.0);
        hours_not_read: "36 h", None => DateCell::Unreadable;
        months_not_read: "3 months", None => DateCell::Unreadable;
        unit_only: "days", None => DateCell::Unreadable;
        two_dots: "1.2.3 days", None => DateCell::Unreadable;
        // Missing tokens.
        blank: "", None => DateCell::Missing;
        spaces: "   ", None => DateCell::Missing;
        not_available: "n/a", None => DateCell::Missing;
        not_available_caps: "N/A", Some(DayFirst) => DateCell::Missing;
        dash: "-", None => DateCell::Missing;
        null: "null", None => DateCell::Missing;
        excel_na: "#N/A", None => DateCell::Missing;
        // Garbage.
        soon: "soon", None => DateCell::Unreadable;
        year_month: "2026-03", None => DateCell::Unreadable;
        four_parts: "1/2/3/2026", None => DateCell::Unreadable;
        empty_parts: "//", None => DateCell::Unreadable;
        missing_part: "1//2026", None => DateCell::Unreadable;
        huge_first: "99999999999/1/1", None => DateCell::Unreadable;
        huge_year: "1/1/99999999999", None => DateCell::Unreadable;
        huge_iso_year: "99999-01-01", None => DateCell::Unreadable;
        time_only: "09:30", None => DateCell::Unreadable;
        unicode: "14 März 2026", None => DateCell::Unreadable;
        emoji: "📅 14/03/2026", None => DateCell::Unreadable;
    }

    #[test]
    fn serial_matches_day_count() {
        // 2026-03-14 is day 20526 since 1970, and 20526 + 25569 = 46095.
        assert_eq!(Day::from_ymd(2026, 3, 14), Some(Day(20526)));
        assert_eq!(read_date("46095", None), DateCell::Date(Day(20526)));
    }

    #[test]
    fn known_days() {
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day::from_ymd(1969, 12, 31), Some(Day(-1)));
        assert_eq!(Day::from_ymd(2000, 3, 1), Some(Day(11017)));
        assert_eq!(Day(0).ymd(), (1970, 1, 1));
        assert_eq!(Day(-1).ymd(), (1969, 12, 31));
        assert_eq!(day(2026, 3, 14).weekday(), 5, "a Saturday");
        assert_eq!(Day(0).weekday(), 3, "a Thursday");
        assert_eq!(Day(-4).weekday(), 6, "a Sunday");
    }

    #[test]
    fn from_ymd_rejects_impossible_days() {
        for (year, month, d) in [
            (2026, 2, 29),
            (2026, 2, 30),
            (2026, 4, 31),
            (2026, 13, 1),
            (2026, 0, 1),
            (2026, 1, 0),
            (2026, 1, 32),
            (1900, 2, 29),
            (i32::MAX, 1, 1),
            (i32::MIN, 1, 1),
        ] {
            assert_eq!(Day::from_ymd(year, month, d), None, "{year}-{month}-{d}");
        }
    }

    #[test]
    fn ymd_round_trips_every_day_1900_to_2100() {
        let first = day(1900, 1, 1);
        let last = day(2100, 12, 31);
        let mut expected = (1900, 1, 1);
        let mut leap_days = 0;
        for count in first.0..=last.0 {
            let this = Day(count);
            let (year, month, d) = this.ymd();
            assert_eq!((year, month, d), expected, "day {count}");
            assert_eq!(Day::from_ymd(year, month, d), Some(this));
            assert_eq!(Day::parse_iso(&this.iso()), Some(this));
            if (month, d) == (2, 29) {
                leap_days += 1;
            }
            expected = if d < days_in_month(year, month) {
                (year, month, d + 1)
            } else if month < 12 {
                (year, month + 1, 1)
            } else {
                (year + 1, 1, 1)
            };
        }
        // 1904..=2096 every four years, less 1900 and 2100, plus 2000 kept.
        assert_eq!(leap_days, 49);
    }

    #[test]
    fn ymd_at_the_ends_of_the_range() {
        for count in [i32::MIN, i32::MIN + 1, -1, 0, i32::MAX - 1, i32::MAX] {
            let (year, month, d) = Day(count).ymd();
            assert_eq!(Day::from_ymd(year, month, d), Some(Day(count)));
        }
    }

    #[test]
    fn iso_text() {
        assert_eq!(day(2026, 3, 14).iso(), "2026-03-14");
        assert_eq!(day(2026, 3, 14).to_string(), "2026-03-14");
        assert_eq!(day(5, 1, 2).iso(), "0005-01-02");
        assert_eq!(day(-44, 3, 15).iso(), "-0044-03-15");
        assert_eq!(day(10000, 1, 1).iso(), "10000-01-01");
    }

    #[test]
    fn parse_iso_is_strict() {
        assert_eq!(Day::parse_iso("2026-03-14"), Some(day(2026, 3, 14)));
        assert_eq!(Day::parse_iso("2024-02-29"), Some(day(2024, 2, 29)));
        for text in [
            "",
            "2026-3-14",
            "2026-03-4",
            " 2026-03-14",
            "2026-03-14 ",
            "2026/03/14",
            "14-03-2026",
            "2026-03-14T00:00",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "+026-03-14",
            "2026-+3-14",
            "２０２６-03-14",
            "2026-03-1é",
            "n/a",
        ] {
            assert_eq!(Day::parse_iso(text), None, "{text:?}");
        }
    }

    #[test]
    fn days_since_and_until() {
        let as_of = day(2026, 3, 14);
        assert_eq!(days_since(day(2026, 3, 4), as_of), 10.0);
        assert_eq!(days_since(day(2026, 3, 24), as_of), -10.0);
        assert_eq!(days_since(as_of, as_of), 0.0);
        assert_eq!(days_since(day(2025, 3, 14), as_of), 365.0);
        assert_eq!(days_since(day(2024, 3, 14), day(2025, 3, 14)), 365.0);
        assert_eq!(days_since(day(2024, 2, 14), day(2024, 3, 14)), 29.0);
        assert_eq!(days_until(day(2026, 3, 24), as_of), 10.0);
        assert_eq!(days_until(day(2026, 3, 4), as_of), -10.0);
        assert_eq!(days_since(Day(i32::MIN), Day(i32::MAX)), 4_294_967_295.0);
    }

    #[test]
    fn guess_order_all_ambiguous() {
        let guess = guess_order(["03/04/2026", "05/06/2026", "", "04/04/2026", "2026-03-14"]);
        assert_eq!(
            guess,
            OrderGuess {
                order: None,
                ambiguous: 2,
                evidence: None,
                contrary: None,
                conflicting: false,
            }
        );
    }

    #[test]
    fn guess_order_one_deciding_cell() {
        let guess = guess_order([
            "03/04/2026",
            "n/a",
            " 14/03/2026 ",
            "05/06/2026",
            "20/1/2026",
        ]);
        assert_eq!(
            guess,
            OrderGuess {
                order: Some(DayFirst),
                ambiguous: 2,
                evidence: Some((2, "14/03/2026".to_owned())),
                contrary: None,
                conflicting: false,
            }
        );
        let guess = guess_order(["1/2/26", "12/31/25 10:00"]);
        assert_eq!(guess.order, Some(MonthFirst));
        assert_eq!(guess.evidence, Some((1, "12/31/25 10:00".to_owned())));
    }

    #[test]
    fn guess_order_conflicting() {
        let guess = guess_order([
            "14/03/2026",
            "03/04/2026",
            "31/12/2026",
            "03/14/2026",
            "12/13/2026",
        ]);
        assert_eq!(
            guess,
            OrderGuess {
                order: None,
                ambiguous: 1,
                evidence: Some((0, "14/03/2026".to_owned())),
                contrary: Some((3, "03/14/2026".to_owned())),
                conflicting: true,
            }
        );
    }

    #[test]
    fn guess_order_ignores_undeciding_formats() {
        let guess = guess_order([
            "2026-03-14",
            "14 Mar 2026",
            "46095",
            "10 days",
            "31/02/2026",
            "13/13/2026",
            "soon",
        ]);
        assert_eq!(guess.order, None);
        assert_eq!(guess.ambiguous, 0);
        assert_eq!(guess.evidence, None);
        assert!(!guess.conflicting);
        assert_eq!(guess_order([]).order, None);
    }

    #[test]
    fn tricky_text_never_panics() {
        let tricky = [
            "99999999999/1/1",
            "1/1/99999999999",
            "99999999999-01-01",
            "2026-99999999999-01",
            "4294967296/4294967296/2026",
            "//",
            "1//2026",
            "/1/2026",
            "1/2026/",
            "..",
            "--",
            "---",
            "-",
            "- days",
            "-.",
            ".",
            ".5d",
            "5.d",
            "1e5 days",
            "99999999999999999999999999999999999999 weeks",
            &"9".repeat(400),
            &format!("{} days", "9".repeat(400)),
            "1:",
            ":",
            ":30",
            "T:",
            "2026-03-14T",
            "2026-03-14T9",
            "2026-03-14T09:",
            "2026-03-14T09:3",
            "2026-03-14T09:30:",
            "2026-03-14T09:30:00.",
            "2026-03-14T09:30+",
            "2026-03-14T09:30+1",
            "2026-03-14T09:30+99:99",
            "2026-03-14 09:30 a",
            "2026-03-14 ９:30",
            "2026-03-14é09:30",
            "é:30",
            "é9:30",
            "日本 14/03/2026",
            "14／03／2026",
            "١٤/٠٣/٢٠٢٦",
            "14\u{a0}Mar\u{a0}2026",
            "\u{200b}",
            "🙂",
            "Mar",
            "th",
            "Sat",
            "Sat,",
            "14th",
            "0/0/0",
            "00/00/0000",
            "0000-00-00",
            "0000-01-01",
            "9999-12-31",
            "31/12/99",
            "\t\n",
            "n/a n/a",
        ];
        for text in tricky {
            for order in [None, Some(DayFirst), Some(MonthFirst)] {
                let read = read_date(text, order);
                if let DateCell::Days(days) = read {
                    assert!(days.is_finite(), "{text:?}");
                }
            }
        }
        let guess = guess_order(tricky.iter().copied());
        assert_eq!(guess.ambiguous, 0);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(500))]

            #[test]
            fn any_text_reads_without_panic(text in "\\PC{0,24}") {
                for order in [None, Some(DayFirst), Some(MonthFirst)] {
                    let _ = read_date(&text, order);
                }
                let _ = guess_order([text.as_str()]);
                let _ = Day::parse_iso(&text);
            }

            #[test]
            fn date_like_text_reads_without_panic(text in "[0-9/.:T ,a-zA-Z+-]{0,20}") {
                for order in [None, Some(DayFirst), Some(MonthFirst)] {
                    let _ = read_date(&text, order);
                }
            }

            #[test]
            fn written_dates_read_back(count in -25_567i32..=2_932_896) {
                // 1900-01-01 to 9999-12-31.
                let this = Day(count);
                let (year, month, d) = this.ymd();
                prop_assert_eq!(read_date(&this.iso(), None), DateCell::Date(this));
                prop_assert_eq!(Day::parse_iso(&this.iso()), Some(this));
                let day_first = format!("{d:02}/{month:02}/{year}");
                let month_first = format!("{month}/{d}/{year}");
                prop_assert_eq!(read_date(&day_first, Some(DayFirst)), DateCell::Date(this));
                prop_assert_eq!(read_date(&month_first, Some(MonthFirst)), DateCell::Date(this));
                let named = format!("{d} {} {year}", ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month as usize - 1]);
                prop_assert_eq!(read_date(&named, Some(MonthFirst)), DateCell::Date(this));
            }
        }
    }
}
