//! Reads one spreadsheet cell as a number, a text value or a missing value.
//!
//! Spreadsheets hand us "80%", "1,234", " 12.5 ", "n/a" and "-": the rules
//! here decide once, for every metric, what each of those means.

/// Texts that mean "no value", compared trimmed and case-insensitively.
const MISSING_TOKENS: [&str; 10] = [
    "", "n/a", "na", "-", "--", "null", "none", "nil", "#n/a", "\u{2014}",
];

/// What a cell holds, read as a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellNumber {
    /// A readable number.
    Number(f64),
    /// Blank or a "no value" token.
    Missing,
    /// Text that is not a number: a warning for the user.
    Unreadable,
}

/// True when the cell is blank or a "no value" token such as "n/a".
pub fn is_missing(cell: &str) -> bool {
    let trimmed = cell.trim();
    MISSING_TOKENS
        .iter()
        .any(|token| trimmed.eq_ignore_ascii_case(token))
}

/// Reads a cell as a number: "80%" is 80, "1,234" is 1234, "12,5" is 12.5.
///
/// A comma followed by exactly three digits groups thousands; a single comma
/// followed by other digit counts is a decimal comma. When both `.` and `,`
/// appear, whichever comes last is the decimal mark ("1.234,5" or "1,234.5").
pub fn read_number(cell: &str) -> CellNumber {
    if is_missing(cell) {
        return CellNumber::Missing;
    }
    let mut text: String = cell
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'' && *c != '\u{a0}')
        .collect();
    if let Some(stripped) = text.strip_suffix('%') {
        text = stripped.to_owned();
    }
    for symbol in ['$', '\u{20ac}', '\u{a3}'] {
        if let Some(stripped) = text.strip_prefix(symbol) {
            text = stripped.to_owned();
        }
    }
    let Some(normalised) = normalise_separators(&text) else {
        return CellNumber::Unreadable;
    };
    match normalised.parse::<f64>() {
        Ok(value) if value.is_finite() => CellNumber::Number(value),
        _ => CellNumber::Unreadable,
    }
}

/// Rewrites thousands and decimal separators to plain `1234.5`, or None if
/// the text cannot be a number.
fn normalise_separators(text: &str) -> Option<String> {
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | 'e' | 'E'))
    {
        return None;
    }
    let last_dot = text.rfind('.');
    let last_comma = text.rfind(',');
    let normalised = match (last_dot, last_comma) {
        (_, None) => text.to_owned(),
        (Some(dot), Some(comma)) if dot > comma => text.replace(',', ""),
        (Some(_), Some(_)) => text.replace('.', "").replace(',', "."),
        (None, Some(_)) => {
            let groups: Vec<&str> = text.split(',').collect();
            let thousands = groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3);
            if thousands {
                text.replace(',', "")
            } else if groups.len() == 2 {
                text.replace(',', ".")
            } else {
                return None;
            }
        }
    };
    Some(normalised)
}

/// Normalises a header or column name for matching: lowercase letters and
/// digits only, so "Core-feature usage (%)" matches "core_feature_usage".
pub fn match_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! reads {
        ($($name:ident: $input:expr => $expected:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(read_number($input), $expected, "input {:?}", $input);
            }
        )*};
    }

    reads! {
        percent: "80%" => CellNumber::Number(80.0);
        thousands: "1,234" => CellNumber::Number(1234.0);
        millions: "1,234,567" => CellNumber::Number(1234567.0);
        padded_decimal: " 12.5 " => CellNumber::Number(12.5);
        negative: "-3" => CellNumber::Number(-3.0);
        decimal_comma: "12,5" => CellNumber::Number(12.5);
        european: "1.234,5" => CellNumber::Number(1234.5);
        english_grouped: "1,234.5" => CellNumber::Number(1234.5);
        currency: "$1,200" => CellNumber::Number(1200.0);
        percent_spaced: "45 %" => CellNumber::Number(45.0);
        blank: "" => CellNumber::Missing;
        spaces: "   " => CellNumber::Missing;
        not_available: "n/a" => CellNumber::Missing;
        not_available_caps: "N/A" => CellNumber::Missing;
        dash: "-" => CellNumber::Missing;
        null: "null" => CellNumber::Missing;
        null_caps: " NULL " => CellNumber::Missing;
        excel_na: "#N/A" => CellNumber::Missing;
        word: "lots" => CellNumber::Unreadable;
        two_commas_odd: "1,23,4" => CellNumber::Unreadable;
        infinity: "inf" => CellNumber::Unreadable;
        huge: "1e999" => CellNumber::Unreadable;
        nan: "NaN" => CellNumber::Unreadable;
    }

    #[test]
    fn match_key_ignores_case_and_punctuation() {
        assert_eq!(match_key("Core-feature usage (%)"), "corefeatureusage");
        assert_eq!(match_key("core_feature_usage"), "corefeatureusage");
        assert_eq!(match_key("  NPS "), "nps");
    }
}
