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
    let text = results_csv(card.validate().unwrap(), &results);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(&header[..5], ["Account", "Score", "Band", "Grade", "Rank"]);
    assert_eq!(header[5], "Core-feature usage (points of 20)");
    assert_eq!(header.len(), 5 + card.metrics.len() + 1);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
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
    let text = results_csv(card.validate().unwrap(), &results);
    let names: Vec<String> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap()[0].to_owned())
        .collect();
    assert_eq!(names, ["'=cmd|' /C calc'!A0", "'@SUM(1)", "'-1", "'+1"]);
}
