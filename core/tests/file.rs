//! Scorecard files: export/import round trips, migrations, and every kind of bad file.
mod common;

use healthscore_core::file::{export, import, ImportError, MAX_FILE_BYTES};
use healthscore_core::templates::{dear, TEMPLATES};
use healthscore_core::{CardError, Playbook, FORMAT_VERSION};

fn error_of(text: &str) -> String {
    import(text).expect_err("import should fail").to_string()
}

#[test]
fn every_template_round_trips_exactly() {
    for template in TEMPLATES {
        let card = (template.build)();
        assert_eq!(import(&export(&card)), Ok(card), "{}", template.id);
    }
}

#[test]
fn export_names_the_schema_first() {
    let text = export(&dear());
    assert!(text.starts_with("{\n  \"$schema\": \"scorecard.schema.json\",\n  \"version\": 3,"));
}

#[test]
fn not_json_names_line_and_column() {
    assert_eq!(
        error_of("{\"name\": }"),
        "not valid JSON: expected value (line 1, column 10)"
    );
    assert!(error_of("hello").starts_with("not valid JSON"));
    assert!(error_of("").starts_with("not valid JSON"));
}

#[test]
fn wrong_shapes_are_named() {
    assert_eq!(
        error_of("[1, 2]"),
        "not a scorecard: the file holds a list, not an object with name, metrics and bands"
    );
    assert_eq!(
        error_of("{\"name\": \"x\"}"),
        "version: missing; every scorecard file states its format version"
    );
    assert_eq!(
        error_of("{\"version\": \"2\"}"),
        "version: expected a whole number, found text"
    );
    assert_eq!(
        error_of("{\"version\": 0}"),
        "version: 0 is not a known format version"
    );
}

#[test]
fn a_newer_version_asks_for_an_update() {
    let text = export(&dear()).replace("\"version\": 3", "\"version\": 9");
    assert_eq!(
        error_of(&text),
        "version: 9 is newer than this app reads (up to 3); update Healthscore to open it"
    );
}

#[test]
fn a_bad_field_is_named_by_its_path() {
    let text = export(&dear()).replacen("\"points\": 13", "\"points\": \"lots\"", 1);
    // serde reads a tagged rule whole, so the path stops at the rule.
    assert_eq!(
        error_of(&text),
        "metrics[0].rule: invalid type: string \"lots\", expected f64"
    );
    let text = export(&dear()).replacen("\"weight\": 10", "\"weight\": \"ten\"", 1);
    assert_eq!(
        error_of(&text),
        "metrics[2].weight: invalid type: string \"ten\", expected f64"
    );
    let text = export(&dear()).replacen("\"weight\": 15", "\"wieght\": 15", 1);
    assert!(
        error_of(&text).starts_with("metrics[1].wieght: unknown field `wieght`, expected one of"),
        "{}",
        error_of(&text)
    );
    let text = export(&dear()).replacen("\"kind\": \"tiers\"", "\"kind\": \"steps\"", 1);
    assert!(
        error_of(&text)
            .starts_with("metrics[0].rule.kind: unknown variant `steps`, expected one of `tiers`"),
        "{}",
        error_of(&text)
    );
}

#[test]
fn weights_not_totalling_100_are_refused() {
    let text = export(&dear()).replacen("\"weight\": 20", "\"weight\": 25", 1);
    assert_eq!(
        import(&text),
        Err(ImportError::Invalid(vec![CardError::WeightsTotal {
            total: 105.0
        }]))
    );
    assert_eq!(error_of(&text), "weights total 105, not 100 (over by 5)");
}

#[test]
fn band_gaps_are_refused() {
    let text = export(&dear()).replacen("\"from\": 0", "\"from\": 10", 1);
    assert_eq!(
        error_of(&text),
        "bands: [0] starts at 10, leaving a gap from 0 to 10"
    );
}

#[test]
fn a_huge_file_is_refused_before_parsing() {
    let text = format!(
        "{{\"version\": 2, \"name\": \"{}\"}}",
        "x".repeat(50 * 1024 * 1024)
    );
    assert!(text.len() > MAX_FILE_BYTES);
    assert_eq!(
        error_of(&text),
        "the file is 50.0 MB; a scorecard file is at most 2 MB"
    );
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(error_of(&text).starts_with("not valid JSON: recursion limit exceeded"));
    let text = format!(
        "{{\"version\": 2, \"name\": {}1{}}}",
        "{\"a\":".repeat(5000),
        "}".repeat(5000)
    );
    assert!(error_of(&text).starts_with("not valid JSON: recursion limit exceeded"));
}

#[test]
fn hostile_strings_are_kept_as_plain_text() {
    // Markup is data, not code: it imports unchanged and the UI shows it as text.
    let mut card = dear();
    card.name = "<img src=x onerror=alert(1)><script>alert(2)</script>".to_owned();
    card.metrics[0].name = "\"; DROP TABLE; --".to_owned();
    assert_eq!(import(&export(&card)), Ok(card));
}

#[test]
fn overlong_text_is_refused_with_its_field() {
    let mut card = dear();
    card.bands[1].label = "y".repeat(20_000);
    assert_eq!(
        error_of(&export(&card)),
        "bands[1].label: 20000 characters; at most 10000"
    );
}

#[test]
fn every_free_text_field_is_limited_and_named() {
    let mut card = dear();
    card.bands[2].playbook.owner = "o".repeat(10_001);
    assert_eq!(
        error_of(&export(&card)),
        "bands[2].playbook.owner: 10001 characters; at most 10000"
    );
    let mut card = dear();
    card.metrics[3].category = healthscore_core::Category::Custom("c".repeat(10_001));
    assert_eq!(
        error_of(&export(&card)),
        "metrics[3].category.custom: 10001 characters; at most 10000"
    );
}

#[test]
fn import_problem_says_why_an_export_would_be_refused() {
    assert_eq!(healthscore_core::file::import_problem(&dear()), None);
    let mut card = dear();
    card.metrics[0].weight = 15.0;
    assert_eq!(
        healthscore_core::file::import_problem(&card)
            .map(|e| e.to_string())
            .as_deref(),
        Some("weights total 95, not 100 (under by 5)")
    );
}

#[test]
fn a_bom_and_schema_field_are_accepted() {
    let text = format!("\u{feff}{}", export(&dear()));
    assert_eq!(import(&text), Ok(dear()));
}

/// Version 1 (issues 2 and 3) held a band's playbook as a single text.
#[test]
fn migrates_version_1_playbook_text_into_plays() {
    let mut v1: serde_json::Value = serde_json::from_str(&export(&dear())).unwrap();
    v1["version"] = 1.into();
    for band in v1["bands"].as_array_mut().unwrap() {
        band.as_object_mut().unwrap().remove("playbook");
    }
    v1["bands"][1]["playbook"] = "Call within 5 days".into();
    v1["bands"][2]["playbook"] = "".into();
    let card = import(&v1.to_string()).unwrap();
    assert_eq!(card.version, FORMAT_VERSION);
    assert_eq!(card.bands[0].playbook, Playbook::default());
    assert_eq!(
        card.bands[1].playbook,
        Playbook {
            plays: "Call within 5 days".to_owned(),
            ..Playbook::default()
        }
    );
    assert_eq!(card.bands[2].playbook, Playbook::default());
}

#[test]
fn version_1_with_a_non_text_playbook_names_the_field() {
    let mut v1: serde_json::Value = serde_json::from_str(&export(&dear())).unwrap();
    v1["version"] = 1.into();
    for band in v1["bands"].as_array_mut().unwrap() {
        band.as_object_mut().unwrap().remove("playbook");
    }
    v1["bands"][2]["playbook"] = serde_json::json!([1, 2]);
    assert_eq!(
        error_of(&v1.to_string()),
        "bands[2].playbook: expected text in a version 1 file, found a list"
    );
}

mod round_trip {
    use super::*;
    use healthscore_core::{
        Band, Category, Choice, Direction, Input, Metric, MissingPolicy, Rule, Scorecard, Signal,
        Tier,
    };
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[ -~éü<>&\"\\\\\n\t]{0,24}").unwrap()
    }

    fn rule() -> impl Strategy<Value = Rule> {
        prop_oneof![
            (1usize..5, 1.0f64..100.0, any::<bool>()).prop_map(|(n, out_of, higher)| Rule::Tiers {
                direction: if higher {
                    Direction::HigherIsBetter
                } else {
                    Direction::LowerIsBetter
                },
                tiers: (0..n)
                    .map(|i| Tier {
                        threshold: if higher {
                            100.0 - i as f64 * 17.5
                        } else {
                            i as f64 * 3.25
                        },
                        points: out_of * ((n - i) as f64 / n as f64),
                    })
                    .collect(),
                otherwise: 0.0,
                out_of,
            }),
            (-1e6f64..1e6, 0.5f64..1e3).prop_map(|(floor, span)| Rule::Linear {
                floor,
                target: floor + span
            }),
            (
                proptest::collection::btree_set("[a-z]{1,10}", 1..6),
                1.0f64..100.0
            )
                .prop_map(|(values, out_of)| Rule::Categorical {
                    values: values
                        .into_iter()
                        .enumerate()
                        .map(|(i, value)| Choice {
                            value,
                            points: out_of / (i + 1) as f64,
                            aliases: vec![],
                        })
                        .collect(),
                    out_of,
                }),
        ]
    }

    fn metric() -> impl Strategy<Value = Metric> {
        (
            text(),
            text(),
            rule(),
            0u8..3,
            any::<bool>(),
            text(),
            any::<bool>(),
            0.0f64..100.0,
        )
            .prop_map(
                |(name, column, rule, missing, lagging, custom, locked, neutral)| Metric {
                    id: String::new(),
                    name,
                    category: if custom.is_empty() {
                        Category::Engagement
                    } else {
                        Category::Custom(custom)
                    },
                    signal: if lagging {
                        Signal::Lagging
                    } else {
                        Signal::Leading
                    },
                    weight: 0.0,
                    input: if matches!(rule, Rule::Categorical { .. }) || column.len() % 2 == 0 {
                        Input::Column(format!("c{column}"))
                    } else {
                        Input::Ratio {
                            numerator: format!("n{column}"),
                            denominator: "seats".to_owned(),
                        }
                    },
                    rule,
                    missing: match missing {
                        0 => MissingPolicy::Zero,
                        1 => MissingPolicy::Value { score: neutral },
                        _ => MissingPolicy::Exclude,
                    },
                    locked,
                    read: Default::default(),
                },
            )
    }

    fn card() -> impl Strategy<Value = Scorecard> {
        (
            text(),
            text(),
            proptest::collection::vec(metric(), 1..12),
            proptest::collection::vec((text(), text()), 1..4),
        )
            .prop_map(|(name, description, mut metrics, bands)| {
                let n = metrics.len();
                let weights =
                    healthscore_core::weights::largest_remainder(&vec![100.0 / n as f64; n], 100.0);
                for (i, (m, w)) in metrics.iter_mut().zip(weights).enumerate() {
                    m.id = format!("m{i}");
                    m.weight = w;
                }
                let mut band_list = vec![Band::new("Low", "#ff0000", 0.0)];
                for (i, (label, plays)) in bands.into_iter().enumerate() {
                    let mut band = Band::new(
                        &format!("B{i}{label}"),
                        "#00ff00",
                        20.0 * (i + 1) as f64 + 0.5,
                    );
                    band.playbook.plays = plays;
                    band_list.push(band);
                }
                Scorecard {
                    version: FORMAT_VERSION,
                    name,
                    description,
                    metrics,
                    bands: band_list,
                    grades: healthscore_core::model::letter_grades(),
                    data: Default::default(),
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn export_then_import_gives_an_identical_scorecard(card in card()) {
            prop_assert_eq!(card.errors(), vec![]);
            prop_assert_eq!(import(&export(&card)), Ok(card));
        }
    }
}

#[test]
fn version_2_files_open_as_version_3_with_no_data_settings() {
    let text = export(&dear()).replace("\"version\": 3", "\"version\": 2");
    let card = import(&text).unwrap();
    assert_eq!(card.version, 3);
    assert!(card.data.is_empty());
    assert_eq!(card, dear());
}

#[test]
fn data_settings_aliases_and_reading_round_trip() {
    use healthscore_core::{ColumnFormat, Mapping, ReadAs, Rule};
    let mut card = dear();
    card.data.mappings = vec![
        Mapping {
            input: "nps".into(),
            column: Some("Net Promoter".into()),
        },
        Mapping {
            input: "champion".into(),
            column: None,
        },
    ];
    card.data.formats = vec![ColumnFormat {
        column: "Renewal".into(),
        decimal: Some(healthscore_core::number::DecimalMark::Comma),
        day_month: Some(healthscore_core::dates::DayMonth::DayFirst),
    }];
    card.data.as_of = Some("2026-03-14".into());
    card.data.id_column = Some("Account ID".into());
    card.data.carried = vec!["Owner".into(), "Plan".into()];
    card.data.arr_column = Some("ARR".into());
    card.data.outcome = Some(healthscore_core::OutcomeColumn {
        column: "Churned".into(),
        churned_value: Some("yes".into()),
    });
    card.metrics[0].read = ReadAs::Fraction;
    let categorical = card
        .metrics
        .iter_mut()
        .find(|m| matches!(m.rule, Rule::Categorical { .. }))
        .expect("dear has a categorical metric");
    if let Rule::Categorical { values, .. } = &mut categorical.rule {
        values[0].aliases = vec!["Presnt".into()];
    }
    let text = export(&card);
    assert!(text.contains("\"mappings\""), "{text}");
    assert_eq!(import(&text).unwrap(), card);
}

#[test]
fn a_key_given_twice_is_refused_by_name() {
    let text = export(&dear()).replacen(
        "\"name\": \"DEAR",
        "\"name\": \"Other\",\n  \"name\": \"DEAR",
        1,
    );
    let error = error_of(&text);
    assert!(error.contains("the key \"name\" appears twice"), "{error}");
    let nested = export(&dear()).replacen(
        "\"weight\": 20,",
        "\"weight\": 20,\n      \"weight\": 90,",
        1,
    );
    assert!(error_of(&nested).contains("the key \"weight\" appears twice"));
}

#[test]
fn a_whole_number_written_as_a_float_is_a_version() {
    let text = export(&dear()).replace("\"version\": 3", "\"version\": 3.0");
    assert_eq!(import(&text).unwrap(), dear());
    let text = export(&dear()).replace("\"version\": 3", "\"version\": 2.5");
    assert!(error_of(&text).starts_with("version: 2.5 is not a known format version"));
}

#[test]
fn import_allows_the_band_counts_the_editor_allows() {
    for count in [1usize, 13, 101] {
        let mut card: serde_json::Value = serde_json::from_str(&export(&dear())).unwrap();
        let bands: Vec<serde_json::Value> = (0..count)
            .map(|i| serde_json::json!({"label": format!("B{i}"), "colour": "#123456", "from": i as f64 * 100.0 / count as f64}))
            .collect();
        card["bands"] = serde_json::Value::Array(bands);
        let error = error_of(&card.to_string());
        assert!(
            error.contains(&format!("{count} bands; a scorecard has 2 to 12")),
            "{error}"
        );
    }
}

#[test]
fn weight_messages_never_say_by_0_or_print_309_digits() {
    let mut card = dear();
    card.metrics[0].weight -= 0.004;
    let error = error_of(&export(&card));
    assert!(error.contains("under by 0.004"), "{error}");
    card.metrics[0].weight = 1e308;
    let error = error_of(&export(&card));
    assert!(
        error.contains("1.000e308 is not between 0 and 100"),
        "{error}"
    );
    assert!(!error.contains("inf") && error.len() < 200, "{error}");
}
