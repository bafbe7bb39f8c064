//! SQL expressions for one metric: reading a trimmed cell as a number, a fraction or a
//! date, and applying a tiers, linear or categorical rule, with the core's exact arithmetic.

use super::dialect::Dialect;
use super::quote::{number, string};
use super::SqlError;
use crate::model::{Choice, Direction, ReadAs, Tier};
use crate::number::DecimalMark;

/// Every character Rust's `str::trim` removes (Unicode White_Space), so a trimmed cell in
/// SQL is the trimmed cell of the core.
pub const WHITESPACE: &str = "\u{9}\u{a}\u{b}\u{c}\u{d}\u{20}\u{85}\u{a0}\u{1680}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}";

/// The smallest magnitude that no longer reads as a finite f64: 2^1024 - 2^970, where
/// round-to-nearest-even goes to infinity. The core calls such a cell unreadable.
pub const OVERFLOW: &str = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// 2^-1075 written as a decimal with a negative exponent: a magnitude at or below it reads
/// as 0 (round-to-nearest-even), where PostgreSQL's float cast raises an error instead.
pub fn underflow() -> String {
    // 2^-1075 = 5^1075 / 10^1075; its digits are the decimal expansion of 5^1075.
    let digits = pow5(1075);
    format!("0.{}{}", "0".repeat(1075 - digits.len()), digits)
}

/// 5^n in decimal digits, by schoolbook multiplication (no big-integer crate for one constant).
fn pow5(n: u32) -> String {
    let mut digits: Vec<u32> = vec![1]; // little-endian
    for _ in 0..n {
        let mut carry = 0;
        for d in digits.iter_mut() {
            let v = *d * 5 + carry;
            *d = v % 10;
            carry = v / 10;
        }
        if carry > 0 {
            digits.push(carry);
        }
    }
    digits
        .iter()
        .rev()
        .map(|d| char::from(b'0' + *d as u8))
        .collect()
}

/// The largest finite f64: a value outside ±this is infinite and reads as missing.
const MAX_FINITE: f64 = f64::MAX;

/// A plain number in the grammar the core reads, with `decimal` marking decimals and
/// `group` grouping thousands: an optional sign, then either digits with at most one
/// decimal mark (followed by a digit) and an optional exponent, or digits grouped in
/// threes (first group 1-3 digits not starting with 0) with optional decimals; then an
/// optional `%`. Written with bracket classes only, so no dialect reads a backslash.
fn number_pattern(decimal: char, group: char) -> String {
    let d = format!("[{decimal}]");
    let g = format!("[{group}]");
    format!(
        "^[+-]?(([0-9]+({d}[0-9]+)?|{d}[0-9]+)([eE][+-]?0*[0-9]{{1,4}})?|[1-9][0-9]{{0,2}}({g}[0-9]{{3}})+({d}[0-9]+)?)%?$"
    )
}

/// Builds the expressions of one query, in one dialect.
#[derive(Debug, Clone, Copy)]
pub struct Exprs {
    /// The dialect written.
    pub dialect: Dialect,
}

impl Exprs {
    fn lit(&self, value: f64) -> String {
        number(self.dialect, value)
    }

    fn text(&self, value: &str) -> Result<String, SqlError> {
        string(self.dialect, value)
    }

    /// A column's cell as trimmed text (the core trims every cell it reads), given `ws`,
    /// the column of [`WHITESPACE`] that the `hs_spaces` CTE holds.
    pub fn trimmed(&self, column: &str) -> String {
        self.dialect
            .trim(&self.dialect.as_text(column), "hs_spaces.ws")
    }

    /// [`WHITESPACE`] as an expression of code points.
    pub fn whitespace(&self) -> String {
        let points: Vec<u32> = WHITESPACE.chars().map(u32::from).collect();
        self.dialect.code_points(&points)
    }

    /// A trimmed cell `t` as a number, NULL when blank, unreadable, ambiguous or not finite.
    ///
    /// With the column's decimal mark known, the cell must fit it; unknown, a cell that fits
    /// only one mark reads with it and one that fits both with a separator (`1.234`) is
    /// ambiguous, as in the core.
    pub fn number(&self, t: &str, mark: Option<DecimalMark>) -> Result<String, SqlError> {
        let point = self.fits(t, DecimalMark::Point)?;
        let comma = self.fits(t, DecimalMark::Comma)?;
        let as_point = self.cast(&format!("replace(replace({t}, ',', ''), '%', '')"));
        let as_comma = self.cast(&format!(
            "replace(replace(replace({t}, '.', ''), ',', '.'), '%', '')"
        ));
        let read = match mark {
            Some(DecimalMark::Point) => format!("CASE WHEN {point} THEN {as_point} END"),
            Some(DecimalMark::Comma) => format!("CASE WHEN {comma} THEN {as_comma} END"),
            None => format!(
                "CASE WHEN {point} THEN CASE WHEN {comma} AND ({t} LIKE '%.%' OR {t} LIKE '%,%') \
                 THEN NULL ELSE {as_point} END WHEN {comma} THEN {as_comma} END"
            ),
        };
        Ok(read)
    }

    fn fits(&self, t: &str, mark: DecimalMark) -> Result<String, SqlError> {
        let pattern = number_pattern(mark.decimal_char(), mark.thousands_char());
        Ok(self.dialect.matches(t, &self.text(&pattern)?))
    }

    /// Plain number text as a double. PostgreSQL range-checks it as `numeric` first against
    /// the `hs_limits` row (it raises an error on overflow and underflow where the core reads
    /// infinity, unreadable, or 0); the others cast safely and are checked by [`Exprs::finite`].
    fn cast(&self, text: &str) -> String {
        let double = self.dialect.to_double(text);
        match self.dialect {
            Dialect::Postgres => format!(
                "CASE WHEN abs(CAST({text} AS numeric)) >= overflow THEN NULL \
                 WHEN abs(CAST({text} AS numeric)) <= underflow THEN {} ELSE {double} END",
                self.lit(0.0)
            ),
            _ => double,
        }
    }

    /// `value` when finite, else NULL (a safe cast of `1e400` gives infinity).
    pub fn finite(&self, value: &str) -> String {
        format!(
            "CASE WHEN {value} BETWEEN {} AND {} THEN {value} END",
            self.lit(-MAX_FINITE),
            self.lit(MAX_FINITE)
        )
    }

    /// A trimmed cell `t` read the metric's way: a number, a fraction (x 100), or a
    /// `YYYY-MM-DD` date as days since or until `as_of` (a date expression).
    pub fn value(
        &self,
        t: &str,
        read: ReadAs,
        mark: Option<DecimalMark>,
        as_of: &str,
    ) -> Result<String, SqlError> {
        Ok(match read {
            ReadAs::Number => self.finite(&self.number(t, mark)?),
            ReadAs::Fraction => format!(
                "{} * {}",
                self.finite(&self.number(t, mark)?),
                self.lit(100.0)
            ),
            ReadAs::DaysSince => self.days(t, true, as_of)?,
            ReadAs::DaysUntil => self.days(t, false, as_of)?,
        })
    }

    fn days(&self, t: &str, since: bool, as_of: &str) -> Result<String, SqlError> {
        let iso = self.dialect.matches(
            t,
            &self.text("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")?,
        );
        let date = self.dialect.to_date(t);
        let days = if since {
            self.dialect.days_between(&date, as_of)
        } else {
            self.dialect.days_between(as_of, &date)
        };
        Ok(format!("CASE WHEN {iso} THEN {days} END"))
    }

    /// Numerator / denominator x 100, NULL when the denominator is 0 (as in the core).
    pub fn ratio(&self, top: &str, bottom: &str) -> String {
        format!(
            "CASE WHEN {bottom} = {} THEN NULL ELSE {top} / {bottom} * {} END",
            self.lit(0.0),
            self.lit(100.0)
        )
    }

    /// A tiers rule on value `v`: the first tier reached, best first, a value on a threshold
    /// belonging to it; else `otherwise`. Sub-scores are `points / out_of * 100`, computed
    /// here in f64 exactly as the core does.
    pub fn tiers(
        &self,
        v: &str,
        direction: Direction,
        tiers: &[Tier],
        otherwise: f64,
        out_of: f64,
    ) -> String {
        let op = match direction {
            Direction::HigherIsBetter => ">=",
            Direction::LowerIsBetter => "<=",
        };
        let steps: String = tiers
            .iter()
            .map(|tier| {
                format!(
                    " WHEN {v} {op} {} THEN {}",
                    self.lit(tier.threshold),
                    self.lit(tier.points / out_of * 100.0)
                )
            })
            .collect();
        format!(
            "CASE WHEN {v} IS NULL THEN NULL{steps} ELSE {} END",
            self.lit(otherwise / out_of * 100.0)
        )
    }

    /// A linear rule on value `v`: `(v - floor) / (target - floor)` clamped to 0-1, x 100.
    pub fn linear(&self, v: &str, floor: f64, target: f64) -> String {
        let fraction = format!("({v} - {}) / {}", self.lit(floor), self.lit(target - floor));
        format!(
            "CASE WHEN {fraction} < {zero} THEN {zero} WHEN {fraction} > {one} THEN {one} ELSE {fraction} END * {hundred}",
            zero = self.lit(0.0),
            one = self.lit(1.0),
            hundred = self.lit(100.0)
        )
    }

    /// A categorical rule on trimmed cell `t`: the first value (or alias) equal to it, case
    /// aside; an unknown or blank cell is NULL.
    pub fn categorical(&self, t: &str, values: &[Choice], out_of: f64) -> Result<String, SqlError> {
        let mut steps = String::new();
        for choice in values {
            let keys = std::iter::once(&choice.value)
                .chain(&choice.aliases)
                .map(|k| self.text(&k.trim().to_lowercase()))
                .collect::<Result<Vec<String>, SqlError>>()?;
            steps.push_str(&format!(
                " WHEN lower({t}) IN ({}) THEN {}",
                keys.join(", "),
                self.lit(choice.points / out_of * 100.0)
            ));
        }
        Ok(format!("CASE{steps} END"))
    }

    /// The core's `round_dust`: `score * 1e6` rounded half to even, / 1e6. Written with
    /// FLOOR so that it does not depend on how a dialect's ROUND breaks ties.
    pub fn round_dust(&self, r: &str) -> String {
        let half = self.lit(0.5);
        let two = self.lit(2.0);
        let zero = self.lit(0.0);
        let one = self.lit(1.0);
        format!(
            "CASE WHEN {r} - FLOOR({r}) = {half} THEN CASE WHEN FLOOR({r}) - {two} * FLOOR({r} / {two}) = {zero} \
             THEN FLOOR({r}) ELSE FLOOR({r}) + {one} END ELSE ROUND({r}) END / {}",
            self.lit(1e6)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underflow_is_two_to_the_minus_1075() {
        let text = underflow();
        assert!(text.starts_with("0.000"));
        assert_eq!(text.len(), 2 + 1075);
        // The nearest double to 2^-1075 is 0 or 5e-324; the digits are those of 2.4703e-324.
        assert!(text[2..]
            .trim_start_matches('0')
            .starts_with("24703282292062327"));
    }

    #[test]
    fn overflow_is_the_rounding_boundary() {
        assert!(OVERFLOW.parse::<f64>().unwrap().is_infinite());
        let just_below = format!("{}1", &OVERFLOW[..OVERFLOW.len() - 1]);
        assert!(just_below.parse::<f64>().is_ok());
        assert!(OVERFLOW.starts_with("1797693134862315807937"));
    }

    #[test]
    fn number_patterns_use_bracket_classes() {
        let pattern = number_pattern('.', ',');
        assert!(!pattern.contains('\\'));
        assert!(pattern.starts_with("^[+-]?") && pattern.ends_with("%?$"));
    }
}
