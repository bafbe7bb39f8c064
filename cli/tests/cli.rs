//! Runs the built `healthscore` binary: scoring a small CSV, the SQL export, exit codes,
//! errors that name the file, line and column, and `--help`.

use std::path::PathBuf;
use std::process::{Command, Output};

fn healthscore(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_healthscore"))
        .args(args)
        .output()
        .expect("runs the binary")
}

fn dear() -> String {
    // The checkout's path when the test runs (a shared build cache may hold another's).
    let dir = std::env::var("CARGO_MANIFEST_DIR")
        .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned());
    format!("{dir}/../docs/examples/dear.json")
}

/// Writes `text` to a fresh file under the target's temp dir and returns its path.
fn file(name: &str, text: &[u8]) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writes");
    path.display().to_string()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const HEADER: &str = "Account,Core feature usage %,Login days per week,Usage trend,Active users,Licensed seats,Meetings,Champion,Onboarding,Outcome KPI,NPS\n";

#[test]
fn scores_a_small_csv() {
    let csv = format!(
        "{HEADER}Acme,85%,5,Rising,90,100,Regular,Present,Complete,Achieved,9\nBare,,,,,,,,,,\n"
    );
    let output = healthscore(&["score", &dear(), &file("small.csv", csv.as_bytes())]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("Account,Score,Band,Grade,"));
    assert!(lines[0].ends_with(",Missing"));
    assert!(lines[1].starts_with("Acme,"), "{}", lines[1]);
    assert!(lines[2].starts_with("Bare,"), "{}", lines[2]);
}

#[test]
fn exports_sql_for_each_dialect() {
    for dialect in ["postgres", "duckdb", "bigquery", "snowflake"] {
        let output = healthscore(&[
            "sql",
            &dear(),
            "--dialect",
            dialect,
            "--table",
            "crm.accounts",
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(stdout(&output).contains(&format!("as SQL ({dialect})")));
    }
    let dbt = healthscore(&[
        "sql",
        &dear(),
        "--dialect",
        "snowflake",
        "--dbt-source",
        "crm.accounts",
    ]);
    assert!(stdout(&dbt).contains("{{ source('crm', 'accounts') }}"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(healthscore(&[]).status.code(), Some(2));
    let bad = healthscore(&["sql", &dear(), "--dialect", "mysql"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("mysql"));
}

#[test]
fn help_lists_the_commands() {
    let output = healthscore(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("Usage: healthscore <COMMAND>"));
    assert!(text.contains("score") && text.contains("sql"));
    let score = stdout(&healthscore(&["score", "--help"]));
    assert!(score.contains("<CARD>") && score.contains("<ACCOUNTS>"));
}

#[test]
fn a_bad_row_names_its_line_and_column() {
    let mut bytes =
        format!("{HEADER}Acme,85%,5,Rising,90,100,Regular,Present,Complete,Achieved,9\n")
            .into_bytes();
    bytes.extend_from_slice(b"Bad,\xff\xfe,5,Rising,90,100,Regular,Present,Complete,Achieved,9\n");
    let path = file("utf8.csv", &bytes);
    let output = healthscore(&["score", &dear(), &path]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains(&path), "{message}");
    assert!(
        message.contains("line 3, column \"Core feature usage %\""),
        "{message}"
    );
}

#[test]
fn a_short_row_names_its_line() {
    let csv = format!("{HEADER}Acme,85%\n");
    let output = healthscore(&["score", &dear(), &file("short.csv", csv.as_bytes())]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("line 2: has 2 fields, the header has 11"));
}

#[test]
fn a_missing_column_is_named() {
    let output = healthscore(&["score", &dear(), &file("cols.csv", b"Account,NPS\nA,9\n")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no column for \"Core feature usage %\""));
}

#[test]
fn a_bad_card_is_named() {
    let card = file("card.json", b"{\"version\": 3}");
    let output = healthscore(&["sql", &card, "--dialect", "duckdb"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(&format!("{card}: not a valid scorecard")));
    let missing = healthscore(&["score", "/nonexistent/card.json", "x.csv"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("/nonexistent/card.json"));
}
