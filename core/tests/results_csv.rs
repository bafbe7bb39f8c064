//! The scored-accounts CSV: columns, numbers, and OWASP CSV-injection neutralisation.

use healthscore_core::results_csv::{neutralise, results_csv};
use healthscore_core::templates::{dear, DEMO_ACCOUNTS_CSV};
use healthscore_core::{parse_table, score_table};

#[test]
fn formula_starts_are_neutralised() {
    for hostile in [
        "=1+1",
        "+SUM(A1)",
        "-2+3",
        "@cmd",
        "\tx",
        "\rx",
        "=HYPERLINK(\"http://x\")",
    ] {
        assert_eq!(neutralise(hostile), format!("'{hostile}"));
    }
    for safe in ["Acme", "1.5", "", " =x", "a=b"] {
        assert_eq!(neutralise(safe), safe);
    }
}

#[test]
fn exports_score_band_grade_rank_and_points_per_metric() {
    let card = dear();
    let parsed = parse_table(DEMO_ACCOUNTS_CSV);
    let results = score_table(card.validate().unwrap(), &parsed.table);
    let (header, rows) = read_csv(&results_csv(
        card.validate().unwrap(),
        &parsed.table,
        &results,
    ));
    assert_eq!(&header[..5], ["Account", "Score", "Band", "Grade", "Rank"]);
    assert_eq!(header[5], "Core-feature usage (points of 20)");
    assert_eq!(header.len(), 5 + card.metrics.len() + 1);
    assert_eq!(rows.len(), results.len());
    let northwind = rows
        .iter()
        .find(|r| &r[0] == "Northwind Traders")
        .expect("the worked example");
    assert_eq!(&northwind[1], "68.0");
    assert_eq!(&northwind[2], "Yellow");
    // Points add up to the score.
    let sum: f64 = (5..5 + card.metrics.len())
        .map(|i| northwind[i].parse::<f64>().unwrap_or(0.0))
        .sum();
    assert!((sum - 68.0).abs() < 0.05, "{sum}");
}

#[test]
fn hostile_account_names_cannot_run_in_a_spreadsheet() {
    let card = dear();
    let data =
        "Account,Core feature usage %\n\"=cmd|' /C calc'!A0\",80\n@SUM(1),50\n-1,20\n+1,10\n";
    let parsed = parse_table(data);
    let results = score_table(card.validate().unwrap(), &parsed.table);
    let text = results_csv(card.validate().unwrap(), &parsed.table, &results);
    let names: Vec<String> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap()[0].to_owned())
        .collect();
    assert_eq!(names, ["'=cmd|' /C calc'!A0", "'@SUM(1)", "'-1", "'+1"]);
}

#[test]
fn zero_points_are_never_written_as_minus_zero() {
    let card = dear();
    let parsed = parse_table(DEMO_ACCOUNTS_CSV);
    let mut results = score_table(card.validate().unwrap(), &parsed.table);
    for m in &mut results[0].metrics {
        if m.sub_score.is_some() {
            m.points = -0.0;
        }
    }
    results[1].metrics[0].points = -0.001;
    let text = results_csv(card.validate().unwrap(), &parsed.table, &results);
    assert!(!text.contains("-0.00"), "{text}");
    assert!(!text.contains("'-0"), "{text}");
}

#[test]
fn the_id_and_carried_columns_follow_the_account() {
    let mut card = dear();
    card.data.id_column = Some("Account ID".into());
    card.set_carried("Owner", true);
    card.set_carried("Not in this data", true);
    let data =
        "Account,Account ID,Owner,Core feature usage %\nAcme,A-17,=Dana,80\nBeta,B-2,Lee,10\n";
    let parsed = parse_table(data);
    let results = score_table(card.validate().unwrap(), &parsed.table);
    let (header, rows) = read_csv(&results_csv(
        card.validate().unwrap(),
        &parsed.table,
        &results,
    ));
    assert_eq!(
        &header[..5],
        [
            "Account",
            "Account ID",
            "Owner",
            "Not in this data",
            "Score"
        ]
    );
    let first: Vec<&str> = rows[0].iter().take(4).collect();
    assert_eq!(first, ["Acme", "A-17", "'=Dana", ""]);
    let second: Vec<&str> = rows[1].iter().take(3).collect();
    assert_eq!(second, ["Beta", "B-2", "Lee"]);
}

/// The header and records of a CSV text.
fn read_csv(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader.records().map(Result::unwrap).collect();
    (header, rows)
}
