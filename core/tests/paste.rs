//! Pasted text in every format users bring, and hostile text that must yield warnings.
mod common;

use healthscore_core::{parse_table, Delimiter};

fn cells(text: &str) -> Vec<Vec<String>> {
    let table = parse_table(text).table;
    (0..table.len())
        .map(|r| table.row(r).into_iter().map(str::to_owned).collect())
        .collect()
}

fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn tab_separated_from_a_spreadsheet() {
    let parsed = parse_table("Account\tUsage\tTrend\nAcme\t80%\tRising\nBeta\t1,234\tFlat\n");
    assert_eq!(parsed.delimiter, Delimiter::Tab);
    assert_eq!(parsed.table.headers, vec!["Account", "Usage", "Trend"]);
    assert_eq!(parsed.table.row(1), vec!["Beta", "1,234", "Flat"]);
    assert!(parsed.warnings.is_empty());
}

#[test]
fn comma_separated_with_quoted_commas_quotes_and_newlines() {
    let text =
        "Account,Note,Usage\n\"Acme, Inc.\",\"said \"\"great\"\"\nthen left\",80\nBeta,plain,50\n";
    let parsed = parse_table(text);
    assert_eq!(parsed.delimiter, Delimiter::Comma);
    assert_eq!(
        cells(text),
        strings(&[
            &["Acme, Inc.", "said \"great\"\nthen left", "80"],
            &["Beta", "plain", "50"]
        ])
    );
    // Beta starts on line 4 of the text because the note spans two lines.
    assert_eq!(parsed.table.line(1).unwrap(), 4);
    assert!(parsed.warnings.is_empty());
}

#[test]
fn semicolon_separated_with_decimal_commas() {
    let parsed = parse_table("Account;Usage;Seats\nAcme;12,5;1.200\n");
    assert_eq!(parsed.delimiter, Delimiter::Semicolon);
    assert_eq!(parsed.table.row(0), vec!["Acme", "12,5", "1.200"]);
}

#[test]
fn bom_crlf_and_blank_lines() {
    let text = "\u{feff}Account,Usage\r\n\r\nAcme,80\r\n,\r\n\r\nBeta,50\r\n\r\n";
    let parsed = parse_table(text);
    assert_eq!(parsed.table.headers, vec!["Account", "Usage"]);
    assert_eq!(cells(text), strings(&[&["Acme", "80"], &["Beta", "50"]]));
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}

#[test]
fn short_and_long_rows_are_fitted_with_warnings_naming_the_row() {
    let parsed = parse_table("Account,Usage,Trend\nAcme,80\nBeta,50,Flat,extra\n");
    assert_eq!(parsed.table.row(0), vec!["Acme", "80", ""]);
    assert_eq!(parsed.table.row(1), vec!["Beta", "50", "Flat"]);
    let messages: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        vec![
            "Row 2, column \"Trend\": has 2 cells but the header has 3; the rest are blank",
            "Row 3: has 4 cells but the header has 3; the extra cells were ignored",
        ]
    );
}

#[test]
fn blank_and_duplicate_headers_are_renamed_with_warnings() {
    let parsed = parse_table("Account,,Usage,usage\nAcme,1,2,3\n");
    assert_eq!(
        parsed.table.headers,
        vec!["Account", "Column 2", "Usage", "usage (4)"]
    );
    assert_eq!(parsed.warnings.len(), 2);
    assert_eq!(parsed.warnings[1].column.as_deref(), Some("usage"));
}

#[test]
fn columns_match_case_and_punctuation_aside() {
    let table = parse_table("Customer,core_feature_usage,NPS\nAcme,80,9\n").table;
    assert_eq!(table.column_index("Core feature usage %"), Some(1));
    assert_eq!(table.column_index("nps"), Some(2));
    assert_eq!(table.column_index("Trend"), None);
    assert_eq!(table.name_column(), 0);
    let table = parse_table("ARR,Account name,Usage\n1,Acme,2\n").table;
    assert_eq!(table.name_column(), 1);
}

#[test]
fn empty_paste_and_header_only_warn() {
    let parsed = parse_table("");
    assert!(parsed.table.headers.is_empty());
    assert_eq!(
        parsed.warnings[0].message,
        "no data: paste a header row and at least one account"
    );
    let parsed = parse_table("   \n\n");
    assert!(parsed.table.is_empty());
    let parsed = parse_table("Account,Usage\n");
    assert_eq!(
        parsed.warnings[0].message,
        "only a header row: no accounts to score"
    );
}

#[test]
fn unbalanced_quote_warns_and_keeps_what_came_before() {
    let parsed = parse_table("Account,Usage\nAcme,80\n\"Beta,50\nGamma,20\n");
    assert_eq!(parsed.table.row(0), vec!["Acme", "80"]);
    let warning = parsed
        .warnings
        .iter()
        .find(|w| w.message.contains("never closed"))
        .expect("a warning");
    assert_eq!(warning.line, Some(3));
}

#[test]
fn ten_thousand_columns_are_capped_with_a_warning() {
    let header: Vec<String> = (0..10_000).map(|i| format!("c{i}")).collect();
    let row: Vec<String> = (0..10_000).map(|i| i.to_string()).collect();
    let text = format!("{}\n{}\n", header.join(","), row.join(","));
    let parsed = parse_table(&text);
    assert_eq!(
        parsed.table.headers.len(),
        healthscore_core::table::MAX_COLUMNS
    );
    assert_eq!(
        parsed.table.row(0).len(),
        healthscore_core::table::MAX_COLUMNS
    );
    assert!(parsed.warnings[0].to_string().contains("10000 columns"));
}

#[test]
fn a_five_megabyte_cell_is_cut_with_a_warning() {
    let text = format!("Account,Note\nAcme,{}\n", "x".repeat(5 * 1024 * 1024));
    let parsed = parse_table(&text);
    assert_eq!(
        parsed.table.cell(0, 1).len(),
        healthscore_core::table::MAX_CELL_CHARS
    );
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].column.as_deref(), Some("Note"));
    assert_eq!(parsed.warnings[0].line, Some(2));
}

#[test]
fn a_five_megabyte_quoted_cell_with_no_closing_quote_does_not_panic() {
    let text = format!("Account,Note\nAcme,\"{}", "y,\n".repeat(1024 * 1024));
    let parsed = parse_table(&text);
    assert_eq!(parsed.table.len(), 1);
    assert!(parsed
        .warnings
        .iter()
        .any(|w| w.message.contains("never closed")));
}

#[test]
fn binary_garbage_does_not_panic() {
    let garbage: String = (0u32..5000)
        .filter_map(|i| char::from_u32((i * 7919) % 0x2FFF))
        .collect();
    let parsed = parse_table(&garbage);
    assert!(parsed.table.len() <= 5000);
}

#[test]
fn unreadable_numbers_are_missing_values_named_in_the_result() {
    use healthscore_core::{MissingReason, Outcome};
    let card = common::card(vec![common::metric(
        "usage",
        "Usage",
        healthscore_core::Rule::Linear {
            floor: 0.0,
            target: 100.0,
        },
        healthscore_core::MissingPolicy::Zero,
    )]);
    let valid = card.validate().unwrap();
    let table = parse_table("Account,Usage\nAcme,about half\nBeta, 12.5 \nGamma,-3\n").table;
    let results = healthscore_core::score_table(valid, &table);
    assert_eq!(
        results[0].metrics[0].outcome,
        Outcome::Imputed(MissingReason::NotANumber("about half".to_owned()))
    );
    assert_eq!(results[1].score, Some(12.5));
    assert_eq!(results[2].score, Some(0.0));
    assert_eq!(results[2].metrics[0].value, Some(-3.0));
}

mod in_pieces {
    use healthscore_core::parse_table;
    use healthscore_core::table::TableReader;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        // Cells with quotes, separators, line breaks inside quotes, CRLF, non-ASCII and a BOM.
        let cell = proptest::string::string_regex(
            "([a-zé€0-9 ]{0,6}|\"[a-z,;\n\"\"]{0,6}\"|[0-9]{1,3}(,[0-9]{3})?%?)",
        )
        .unwrap();
        (
            any::<bool>(),
            proptest::sample::select(vec![",", ";", "\t"]),
            proptest::sample::select(vec!["\n", "\r\n"]),
            proptest::collection::vec(proptest::collection::vec(cell, 1..5), 0..12),
        )
            .prop_map(|(bom, sep, eol, rows)| {
                let mut text = if bom {
                    "\u{feff}".to_owned()
                } else {
                    String::new()
                };
                text.push_str(&["Account", "Usage", "Trend"].join(sep));
                text.push_str(eol);
                for row in rows {
                    text.push_str(&row.join(sep));
                    text.push_str(eol);
                }
                text
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn pieces_of_any_size_read_as_the_whole(text in text(), cuts in proptest::collection::vec(0usize..400, 0..8)) {
            let bytes = text.as_bytes();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (bytes.len() + 1)).collect();
            cuts.sort_unstable();
            let mut reader = TableReader::new();
            let mut from = 0;
            for cut in cuts.into_iter().chain([bytes.len()]) {
                reader.push(&bytes[from..cut]);
                from = cut;
            }
            prop_assert_eq!(reader.finish(), parse_table(&text));
        }
    }

    #[test]
    fn one_byte_at_a_time_reads_as_the_whole() {
        let text = "\u{feff}Account;Usage\r\n\"Café, \"\"Ü\"\"\";1.234,5\r\n\r\nBeta;80%\r\n";
        let mut reader = TableReader::new();
        for b in text.as_bytes() {
            reader.push(std::slice::from_ref(b));
        }
        let parsed = reader.finish();
        assert_eq!(parsed, parse_table(text));
        assert_eq!(parsed.table.row(0), vec!["Café, \"Ü\"", "1.234,5"]);
        assert_eq!(parsed.table.len(), 2);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_named_once() {
        let mut reader = TableReader::new();
        reader.push(b"Account,Usage\nCaf\xe9 M\xfcller,80\n");
        let parsed = reader.finish();
        assert_eq!(parsed.table.row(0), vec!["Caf\u{fffd} M\u{fffd}ller", "80"]);
        let warning = parsed
            .warnings
            .iter()
            .find(|w| w.message.contains("not UTF-8"))
            .expect("a warning");
        assert_eq!(warning.line, Some(2));
    }
}
