//! Unit tests of the SQL export: structure, quoting of hostile names, and a golden query.

use super::*;
use crate::model::{Band, Choice, Direction, Mapping, Metric, Tier};
use crate::{Category, Signal};

fn metric(id: &str, weight: f64, input: Input, rule: Rule, missing: MissingPolicy) -> Metric {
    let (category, signal) = (Category::Adoption, Signal::Leading);
    crate::templates::metric(id, id, category, signal, weight, input, rule, missing)
}

/// Three metrics, one of each rule kind, each with a different missing-value policy.
fn small_card() -> Scorecard {
    Scorecard {
        version: crate::FORMAT_VERSION,
        name: "Small".to_owned(),
        description: String::new(),
        metrics: vec![
            metric(
                "usage",
                50.0,
                Input::Column("Usage %".to_owned()),
                Rule::Tiers {
                    direction: Direction::HigherIsBetter,
                    tiers: vec![
                        Tier {
                            threshold: 75.0,
                            points: 10.0,
                        },
                        Tier {
                            threshold: 40.0,
                            points: 6.0,
                        },
                    ],
                    otherwise: 1.0,
                    out_of: 10.0,
                },
                MissingPolicy::Zero,
            ),
            metric(
                "seats",
                30.0,
                Input::Ratio {
                    numerator: "Active".to_owned(),
                    denominator: "Seats".to_owned(),
                },
                Rule::Linear {
                    floor: 20.0,
                    target: 90.0,
                },
                MissingPolicy::Value { score: 50.0 },
            ),
            metric(
                "trend",
                20.0,
                Input::Column("Trend".to_owned()),
                Rule::Categorical {
                    values: vec![
                        Choice {
                            value: "Rising".to_owned(),
                            points: 10.0,
                            aliases: vec!["Up".to_owned()],
                        },
                        Choice::new("Flat", 5.0),
                    ],
                    out_of: 10.0,
                },
                MissingPolicy::Exclude,
            ),
        ],
        bands: vec![
            Band::new("Red", "#ff0000", 0.0),
            Band::new("Green", "#00ff00", 70.0),
        ],
        grades: Vec::new(),
        data: Default::default(),
    }
}

fn export(card: &Scorecard, dialect: Dialect) -> String {
    let valid = card.validate().expect("valid card");
    export_sql(valid, &SqlOptions::table(dialect, "accounts")).expect("exports")
}

#[test]
fn golden_small_card_duckdb() {
    let sql = export(&small_card(), Dialect::DuckDb);
    let golden = include_str!("golden_small_duckdb.sql");
    if sql != golden && std::env::var_os("UPDATE_GOLDEN").is_some() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/sql/golden_small_duckdb.sql"
        );
        std::fs::write(path, &sql).expect("writes the golden file");
        return;
    }
    assert_eq!(
        sql, golden,
        "rerun with UPDATE_GOLDEN=1 to accept a deliberate change"
    );
}

#[test]
fn every_dialect_exports_one_select() {
    for dialect in Dialect::ALL {
        let sql = export(&small_card(), dialect);
        assert!(sql.contains("\nWITH\n"), "{dialect}");
        assert_eq!(sql.matches("\nSELECT\n").count(), 1, "{dialect}");
        assert!(sql.contains(&format!("as SQL ({dialect})")));
    }
}

#[test]
fn dialect_specific_casts() {
    let pg = export(&small_card(), Dialect::Postgres);
    assert!(pg.contains("hs_limits AS MATERIALIZED ("));
    assert!(pg.contains("~ '^[+-]?"));
    assert!(!pg.contains("TRY_CAST"));
    let duck = export(&small_card(), Dialect::DuckDb);
    assert!(duck.contains("TRY_CAST(") && duck.contains("regexp_full_match("));
    let bq = export(&small_card(), Dialect::BigQuery);
    assert!(bq.contains("SAFE_CAST(") && bq.contains("`Usage %`") && bq.contains("FLOAT64"));
    let sf = export(&small_card(), Dialect::Snowflake);
    assert!(sf.contains("TRY_CAST(") && sf.contains("REGEXP_LIKE("));
}

#[test]
fn hostile_names_stay_quoted() {
    let mut card = small_card();
    card.metrics[0].input = Input::Column("\"; DROP TABLE x; --".to_owned());
    card.metrics[2].rule = Rule::Categorical {
        values: vec![Choice::new("it's \\ `odd`\nvalue", 10.0)],
        out_of: 10.0,
    };
    card.name = "Evil\nDROP TABLE accounts;".to_owned();
    let pg = export(&card, Dialect::Postgres);
    assert!(pg.contains("CAST(\"\"\"; DROP TABLE x; --\" AS text)"));
    assert!(pg.contains("E'it''s \\\\ `odd`\nvalue'"));
    assert!(pg.starts_with("-- Healthscore scorecard \"Evil DROP TABLE accounts;\""));
    let bq = export(&card, Dialect::BigQuery);
    assert!(bq.contains("`\"; DROP TABLE x; --`"));
    assert!(bq.contains("'it\\'s \\\\ `odd`\\nvalue'"));
}

#[test]
fn mappings_rename_and_decline_columns() {
    let mut card = small_card();
    card.data.mappings = vec![
        Mapping {
            input: "Usage %".to_owned(),
            column: Some("usage_pct".to_owned()),
        },
        Mapping {
            input: "Trend".to_owned(),
            column: None,
        },
    ];
    let sql = export(&card, Dialect::DuckDb);
    assert!(sql.contains("CAST(\"usage_pct\" AS VARCHAR)"));
    assert!(!sql.contains("\"Trend\""));
}

#[test]
fn dates_use_the_as_of_date_or_today() {
    let mut card = small_card();
    card.metrics[0].read = ReadAs::DaysSince;
    let today = export(&card, Dialect::Postgres);
    assert!(today.contains("CURRENT_DATE") && today.contains("as of CURRENT_DATE"));
    card.data.as_of = Some("2026-03-14".to_owned());
    let fixed = export(&card, Dialect::DuckDb);
    assert!(fixed.contains("date_diff('day', TRY_CAST(c1 AS DATE), DATE '2026-03-14')"));
    assert!(fixed.contains("as of 2026-03-14"));
}

#[test]
fn grades_add_a_column() {
    let mut card = small_card();
    assert!(!export(&card, Dialect::DuckDb).contains(" AS grade"));
    card.grades = crate::model::letter_grades();
    assert!(export(&card, Dialect::DuckDb).contains(" AS grade"));
}

#[test]
fn dbt_placeholders() {
    let card = small_card();
    let valid = card.validate().expect("valid");
    let mut options = SqlOptions::table(Dialect::Snowflake, "x");
    options.source = SqlSource::DbtSource {
        source: "crm".to_owned(),
        table: "accounts".to_owned(),
    };
    let sql = export_sql(valid, &options).expect("exports");
    assert!(sql.contains("FROM {{ source('crm', 'accounts') }}"));
    options.source = SqlSource::DbtRef("stg_accounts".to_owned());
    assert!(export_sql(valid, &options)
        .expect("exports")
        .contains("FROM {{ ref('stg_accounts') }}"));
    options.source = SqlSource::DbtRef("x') }}; drop".to_owned());
    assert!(matches!(
        export_sql(valid, &options),
        Err(SqlError::BadDbtName(_))
    ));
}

#[test]
fn name_column_comes_from_the_options_then_the_card() {
    let mut card = small_card();
    card.data.id_column = Some("Account ID".to_owned());
    let valid = card.validate().expect("valid");
    let mut options = SqlOptions::table(Dialect::DuckDb, "a");
    assert!(export_sql(valid, &options)
        .expect("exports")
        .contains("CAST(\"Account ID\" AS VARCHAR)"));
    options.name_column = Some("Company".to_owned());
    assert!(export_sql(valid, &options)
        .expect("exports")
        .contains("CAST(\"Company\" AS VARCHAR)"));
}
