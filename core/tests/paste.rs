//! Pasted text in every format users bring, and hostile text that must yield warnings.
mod common;

use healthscore_core::table::TableReader;
use healthscore_core::{parse_table, Delimiter, Encoding};

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

/// The same text with LF, CRLF and CR-only (old Mac) line ends.
fn line_ends(text: &str) -> [(&'static str, String); 3] {
    [
        ("LF", text.to_owned()),
        ("CRLF", text.replace('\n', "\r\n")),
        ("CR", text.replace('\n', "\r")),
    ]
}

fn row_lines(parsed: &healthscore_core::Parsed) -> Vec<u64> {
    (0..parsed.table.len())
        .map(|r| parsed.table.line(r).expect("a line"))
        .collect()
}

fn warning_lines(parsed: &healthscore_core::Parsed) -> Vec<Option<u64>> {
    parsed.warnings.iter().map(|w| w.line).collect()
}

#[test]
fn lf_crlf_and_cr_line_ends_give_the_same_rows_and_lines() {
    type Lines = &'static [Option<u64>];
    // (text with LF line ends, each row's line, each warning's line)
    let cases: &[(&str, &[u64], Lines)] = &[
        (
            "Account,Usage\nAcme,80\nBeta\nGamma,1,2\n",
            &[2, 3, 4],
            &[Some(3), Some(4)],
        ),
        ("Account,Usage\n\nAcme,80\n\n\nBeta\n", &[3, 6], &[Some(6)]),
        ("\n\nAccount,,Usage\nAcme,1\n", &[4], &[Some(3), Some(4)]),
        ("Account,Usage\n  \n,\nAcme\n", &[4], &[Some(4)]),
        ("Account,Usage\nAcme,80\nBeta", &[2, 3], &[Some(3)]),
        // Quoted cells with line breaks: the next row starts after all their lines.
        (
            "Account,Note\n\"Acme\",\"a\nb\n\nc\"\nBeta\n",
            &[2, 6],
            &[Some(6)],
        ),
        (
            "Account\tUsage\n\"x\ny\"\t\"1\n\n2\"\nBeta\t7\tz\n",
            &[2, 6],
            &[Some(6)],
        ),
        (
            "Account,Note\nAcme,\"\n\"\n\nBeta,\"\n\n\"\nC\n",
            &[2, 5, 8],
            &[Some(8)],
        ),
    ];
    for (text, rows, warned) in cases {
        let lf = parse_table(text);
        for (name, text) in line_ends(text) {
            let parsed = parse_table(&text);
            assert_eq!(row_lines(&parsed), *rows, "{name}: {text:?}");
            assert_eq!(
                warning_lines(&parsed),
                *warned,
                "{name}: {text:?} {:?}",
                parsed.warnings
            );
            // Cells too: a line break inside a quoted cell reads as LF whatever the file uses.
            assert_eq!(parsed, lf, "{name}: {text:?}");
        }
    }
}

#[test]
fn crlf_and_cr_text_cut_anywhere_reads_as_the_whole() {
    let text = "Account;Note\r\n\"a\r\nb\";x\r\n\r\nBeta\r\nGamma;\"1\r\r2\"\r";
    for text in [text.to_owned(), text.replace("\r\n", "\r")] {
        let whole = parse_table(&text);
        assert_eq!(row_lines(&whole), vec![2, 5, 6]);
        assert_eq!(whole.table.row(2), vec!["Gamma", "1\n\n2"]);
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            let mut reader = TableReader::new();
            reader.push(&bytes[..cut]);
            reader.push(&bytes[cut..]);
            assert_eq!(reader.finish(), whole, "cut at {cut}");
        }
        let mut reader = TableReader::new();
        for b in bytes {
            reader.push(std::slice::from_ref(b));
        }
        assert_eq!(reader.finish(), whole);
    }
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    std::iter::once(0xfeff)
        .chain(text.encode_utf16())
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn every_encoding_reads_as_the_same_text() {
    let text = "Account\tNote\r\nCafé Müller\t€ 5 – “ok” 😀\r\n";
    // (case, bytes, encoding, first row)
    let cases: Vec<(&str, Vec<u8>, Encoding, [&str; 2])> = vec![
        (
            "UTF-8",
            text.as_bytes().to_vec(),
            Encoding::Utf8,
            ["Café Müller", "€ 5 – “ok” 😀"],
        ),
        (
            "UTF-8 with BOM",
            [b"\xef\xbb\xbf", text.as_bytes()].concat(),
            Encoding::Utf8Bom,
            ["Café Müller", "€ 5 – “ok” 😀"],
        ),
        (
            "UTF-16 LE",
            utf16(text, false),
            Encoding::Utf16Le,
            ["Café Müller", "€ 5 – “ok” 😀"],
        ),
        (
            "UTF-16 BE",
            utf16(text, true),
            Encoding::Utf16Be,
            ["Café Müller", "€ 5 – “ok” 😀"],
        ),
        (
            "Windows-1252",
            b"Account\tNote\r\nCaf\xe9 M\xfcller\t\x80 5 \x96 \x93ok\x94\r\n".to_vec(),
            Encoding::Windows1252,
            ["Café Müller", "€ 5 – “ok”"],
        ),
        (
            "Latin-1 letters",
            b"Account,Note\n\xc5ngstr\xf6m,\xa3 \xbd \xff \x92s\n".to_vec(),
            Encoding::Windows1252,
            ["Ångström", "£ ½ ÿ ’s"],
        ),
    ];
    for (case, bytes, encoding, row) in cases {
        let mut reader = TableReader::new();
        reader.push(&bytes);
        let parsed = reader.finish();
        assert_eq!(parsed.encoding, encoding, "{case}");
        assert_eq!(parsed.table.headers, vec!["Account", "Note"], "{case}");
        assert_eq!(parsed.table.row(0), row, "{case}");
        assert_eq!(parsed.table.line(0), Some(2), "{case}");
        let messages: Vec<&str> = parsed.warnings.iter().map(|w| w.message.as_str()).collect();
        if encoding == Encoding::Windows1252 {
            assert_eq!(messages.len(), 1, "{case}: {messages:?}");
            assert!(
                messages[0].starts_with(
                    "Read as Windows-1252 (the file is not UTF-8): check names with accents"
                ),
                "{case}"
            );
            assert_eq!(parsed.warnings[0].line, None);
        } else {
            assert!(messages.is_empty(), "{case}: {messages:?}");
        }
        // A byte-order mark, a UTF-16 code unit or surrogate pair cut by a piece, and
        // Windows-1252 read once the first piece shows it is not UTF-8 (a byte
        // not UTF-8 with another after it: one at the very end may be a cut character).
        let first = if encoding == Encoding::Windows1252 {
            bytes.iter().position(|&b| b >= 0x80).unwrap() + 2
        } else {
            0
        };
        for cut in first..=bytes.len() {
            let mut reader = TableReader::new();
            reader.push(&bytes[..cut]);
            reader.push(&bytes[cut..]);
            assert_eq!(reader.finish(), parsed, "{case}: cut at {cut}");
        }
        if encoding != Encoding::Windows1252 {
            let mut reader = TableReader::new();
            for b in &bytes {
                reader.push(std::slice::from_ref(b));
            }
            assert_eq!(reader.finish(), parsed, "{case}: a byte at a time");
        }
    }
}

#[test]
fn not_utf8_in_one_piece_reads_as_windows_1252() {
    let parsed = parse_bytes(b"Account,Usage\nCaf\xe9 M\xfcller,80\n");
    assert_eq!(parsed.table.row(0), vec!["Café Müller", "80"]);
    assert_eq!(parsed.encoding, Encoding::Windows1252);
    assert_eq!(parsed.encoding.label(), "Windows-1252");
    assert_eq!(
        parsed.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        vec!["Read as Windows-1252 (the file is not UTF-8): check names with accents. Saving as CSV UTF-8 in Excel avoids this"]
    );
}

fn parse_bytes(bytes: &[u8]) -> healthscore_core::Parsed {
    let mut reader = TableReader::new();
    reader.push(bytes);
    reader.finish()
}

#[test]
fn not_utf8_after_the_first_piece_shows_replacement_characters_and_the_line() {
    let mut reader = TableReader::new();
    reader.push(b"Account,Usage\nAcme,80\n");
    reader.push(b"Caf\xe9 M\xfcller,80\n");
    let parsed = reader.finish();
    assert_eq!(parsed.encoding, Encoding::Utf8);
    assert_eq!(parsed.table.row(1), vec!["Caf\u{fffd} M\u{fffd}ller", "80"]);
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    assert!(parsed.warnings[0].message.contains("not UTF-8"));
    assert_eq!(parsed.warnings[0].line, Some(3));
}

#[test]
fn a_character_cut_by_the_end_of_the_first_piece_is_still_utf8() {
    let mut reader = TableReader::new();
    reader.push(b"Account,Usage\nCaf\xc3");
    reader.push(b"\xa9,80\n");
    let parsed = reader.finish();
    assert_eq!(parsed.encoding, Encoding::Utf8);
    assert_eq!(parsed.table.row(0), vec!["Café", "80"]);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}

#[test]
fn broken_utf16_shows_replacement_characters_with_a_warning() {
    // A high surrogate with no low half, a low half alone, and a last byte with no pair.
    let mut bytes = utf16("Account,Usage\nA", false);
    bytes.extend_from_slice(&[0x00, 0xd8]);
    bytes.extend_from_slice(&[b'B', 0]);
    bytes.extend_from_slice(&[0x00, 0xdc]);
    bytes.extend_from_slice(&[b',', 0, b'1', 0, b'\n', 0, b'x']);
    let parsed = parse_bytes(&bytes);
    assert_eq!(parsed.encoding, Encoding::Utf16Le);
    assert_eq!(parsed.table.row(0), vec!["A\u{fffd}B\u{fffd}", "1"]);
    assert_eq!(parsed.table.row(1), vec!["\u{fffd}", ""]);
    assert!(parsed
        .warnings
        .iter()
        .any(|w| w.message == "3 broken characters in the UTF-16 LE text show as \u{fffd}"));
}

#[test]
fn control_characters_are_removed_with_one_warning_naming_the_rows() {
    type Rows = &'static [&'static [&'static str]];
    // (text, rows, warning)
    let cases: &[(&str, Rows, Option<&str>)] = &[
        (
            "Account,Usage\nAc\0me,80\n",
            &[&["Acme", "80"]],
            Some("Removed 1 control character (NUL) from row 2"),
        ),
        (
            "Account,Usage\nAc\u{7}me,8\u{0}0\nBeta,50\nGa\u{85}mma,1\u{7f}\n",
            &[&["Acme", "80"], &["Beta", "50"], &["Gamma", "1"]],
            Some("Removed 4 control characters (such as NUL) from rows 2, 4"),
        ),
        (
            "Acc\u{1b}ount,Usage\nAcme,8\u{c}0\n",
            &[&["Acme", "80"]],
            Some("Removed 2 control characters (such as U+001B) from rows 1, 2"),
        ),
        // A row of nothing but control characters is blank.
        (
            "Account,Usage\n\0\0,\0\nAcme,1\n",
            &[&["Acme", "1"]],
            Some("Removed 3 control characters (such as NUL) from row 2"),
        ),
        (
            "Account,Usage\na\0,1\nb\0,1\nc\0,1\nd\0,1\ne\0,1\nf\0,1\ng\0,1\n",
            &[
                &["a", "1"],
                &["b", "1"],
                &["c", "1"],
                &["d", "1"],
                &["e", "1"],
                &["f", "1"],
                &["g", "1"],
            ],
            Some("Removed 7 control characters (such as NUL) from rows 2, 3, 4, 5, 6 and 2 more"),
        ),
        // Tabs and line breaks in quoted cells are text; so are Latin-1 signs (encoded
        // like the C1 controls with a leading 0xC2) and U+00A0.
        (
            "Account,Note\nAcme,\"tab\there\nnext\"\nBeta,°C £5\u{a0}x\n",
            &[&["Acme", "tab\there\nnext"], &["Beta", "°C £5\u{a0}x"]],
            None,
        ),
    ];
    for (text, rows, warning) in cases {
        for (name, text) in line_ends(text) {
            let parsed = parse_table(&text);
            assert_eq!(cells(&text), strings(rows), "{name}: {text:?}");
            let messages: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
            assert_eq!(
                messages,
                warning.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
                "{name}: {text:?}"
            );
            for r in 0..parsed.table.len() {
                assert!(parsed.table.row(r).iter().all(|c| !c.contains('\0')));
            }
        }
    }
}

#[test]
fn windows_1252_bytes_it_leaves_undefined_are_removed_as_controls() {
    let parsed = parse_bytes(b"Account,Usage\nA\x81cme,1\x9d0\n");
    assert_eq!(parsed.encoding, Encoding::Windows1252);
    assert_eq!(parsed.table.row(0), vec!["Acme", "10"]);
    assert_eq!(parsed.warnings.len(), 2);
    assert_eq!(
        parsed.warnings[1].message,
        "Removed 2 control characters (such as U+0081) from row 2"
    );
}

#[test]
fn a_quote_inside_an_unquoted_cell_is_text() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Account,Product,Seats\nAcme,27\" screen,5\n",
            &["Acme", "27\" screen", "5"],
        ),
        ("Account,Usage\nO\"Brien Ltd,80\n", &["O\"Brien Ltd", "80"]),
        ("Account,Usage\nO\"Brien Ltd,80", &["O\"Brien Ltd", "80"]),
        ("Account\tSize\n5\" disk\t1\n", &["5\" disk", "1"]),
        (
            "Account,Usage\n\"Acme \"\"A\"\"\",80\n",
            &["Acme \"A\"", "80"],
        ),
        ("Account,Usage\n\"Acme\",\"80\"", &["Acme", "80"]),
        ("Account,Usage\n\"Acme\"x\",80\n", &["Acmex\"", "80"]),
    ];
    for (text, row) in cases {
        for (name, text) in line_ends(text) {
            let parsed = parse_table(&text);
            assert_eq!(parsed.table.row(0), *row, "{name}: {text:?}");
            assert!(
                parsed.warnings.is_empty(),
                "{name}: {text:?} {:?}",
                parsed.warnings
            );
        }
    }
}

#[test]
fn a_quoted_cell_running_to_the_end_warns_with_its_line() {
    // (text, the row read last, its line)
    let cases: &[(&str, &[&str], u64)] = &[
        (
            "Account,Usage\n\"Acme,80\nBeta,70",
            &["Acme,80\nBeta,70", ""],
            2,
        ),
        (
            "Account,Usage\nAcme,80\nBeta,\"70\n\nGamma,1\n",
            &["Beta", "70\n\nGamma,1\n"],
            3,
        ),
        ("Account,Note\nAcme,\"a\nb\"\n\nBeta,\"x", &["Beta", "x"], 5),
        ("Account,Note\nAcme,\"", &["Acme", ""], 2),
    ];
    for (text, row, line) in cases {
        for (name, text) in line_ends(text) {
            let parsed = parse_table(&text);
            let last = parsed.table.len() - 1;
            assert_eq!(parsed.table.row(last), *row, "{name}: {text:?}");
            let warning = parsed
                .warnings
                .iter()
                .find(|w| w.message.contains("never closed"))
                .expect("a warning");
            assert_eq!(warning.line, Some(*line), "{name}: {text:?}");
        }
    }
}

mod in_pieces {
    use healthscore_core::table::TableReader;
    use healthscore_core::{parse_table, Parsed};
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        // Cells with quotes, separators, line breaks inside quotes, control characters,
        // non-ASCII and a BOM; line ends are LF, made CRLF or CR by the test.
        let cell = proptest::string::string_regex(
            "([a-zé€0-9 \\x00\\x{85}]{0,6}|\"[a-z,;\n\"\"]{0,6}\"|[0-9]{1,3}(,[0-9]{3})?%?)",
        )
        .unwrap();
        (
            any::<bool>(),
            proptest::sample::select(vec![",", ";", "\t"]),
            proptest::collection::vec(proptest::collection::vec(cell, 1..5), 0..12),
        )
            .prop_map(|(bom, sep, rows)| {
                let mut text = if bom {
                    "\u{feff}".to_owned()
                } else {
                    String::new()
                };
                text.push_str(&["Account", "Usage", "Trend"].join(sep));
                text.push('\n');
                for row in rows {
                    text.push_str(&row.join(sep));
                    text.push('\n');
                }
                text
            })
    }

    fn read_in_pieces(bytes: &[u8], cuts: &[usize]) -> Parsed {
        let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
        cuts.sort_unstable();
        let mut reader = TableReader::new();
        let mut from = 0;
        for cut in cuts.into_iter().chain([bytes.len()]) {
            reader.push(&bytes[from..cut]);
            from = cut;
        }
        reader.finish()
    }

    /// Rows of a first cell and 0 to 4 more, plain or quoted across lines, each with
    /// 0 to 2 blank lines after it; and blank lines before the header.
    #[allow(clippy::type_complexity)]
    fn rows_across_lines() -> impl Strategy<Value = (usize, Vec<(Vec<String>, usize)>)> {
        let cell =
            proptest::string::string_regex("([a-z ]{0,3}|\"[a-z,]{0,2}(\n[a-z ]{0,2}){1,3}\")")
                .unwrap();
        (
            0usize..3,
            proptest::collection::vec((proptest::collection::vec(cell, 0..5), 0usize..3), 0..10),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn pieces_of_any_size_and_any_line_ends_read_as_the_whole(text in text(), cuts in proptest::collection::vec(0usize..400, 0..8)) {
            let lf = parse_table(&text);
            for eol in ["\n", "\r\n", "\r"] {
                let text = text.replace('\n', eol);
                let whole = parse_table(&text);
                prop_assert_eq!(&whole, &lf, "line ends {:?}", eol);
                prop_assert_eq!(read_in_pieces(text.as_bytes(), &cuts), whole, "line ends {:?}", eol);
            }
        }

        #[test]
        fn every_row_and_warning_names_the_line_it_starts_on(
            (blank_before, rows) in rows_across_lines(),
            eol in proptest::sample::select(vec!["\n", "\r\n", "\r"]),
            cuts in proptest::collection::vec(0usize..300, 0..6),
        ) {
            let mut text = "\n".repeat(blank_before);
            text.push_str("Account,Usage,Trend\n");
            let mut line = blank_before as u64 + 2;
            let (mut lines, mut warned) = (Vec::new(), Vec::new());
            for (i, (cells, blank_after)) in rows.iter().enumerate() {
                let mut row = vec![format!("r{i}")];
                row.extend(cells.iter().cloned());
                lines.push(line);
                let unquoted = |c: &String| c.trim_matches('"').trim().is_empty();
                if row.len() < 3 || row[3.min(row.len())..].iter().any(|c| !unquoted(c)) {
                    warned.push(Some(line));
                }
                let row = row.join(",");
                line += 1 + row.matches('\n').count() as u64 + *blank_after as u64;
                text.push_str(&row);
                text.push('\n');
                text.push_str(&"\n".repeat(*blank_after));
            }
            if rows.is_empty() {
                warned.push(None);
            }
            let text = text.replace('\n', eol);
            for parsed in [parse_table(&text), read_in_pieces(text.as_bytes(), &cuts)] {
                let got: Vec<u64> = (0..parsed.table.len()).map(|r| parsed.table.line(r).unwrap()).collect();
                prop_assert_eq!(&got, &lines);
                let got: Vec<Option<u64>> = parsed.warnings.iter().map(|w| w.line).collect();
                prop_assert_eq!(&got, &warned, "{:?}", parsed.warnings);
            }
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
        assert_eq!(parsed.table.line(1), Some(4));
    }
}
