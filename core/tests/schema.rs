//! The published JSON Schema (docs/scorecard.schema.json) agrees with the app's own import.
//!
//! Every file the app exports passes the schema; every shape the schema refuses,
//! import refuses too, naming the same field. Import is stricter where the rule
//! needs arithmetic (weights total 100, bands leave no gap), as the format doc says.

use healthscore_core::file::{export, import};
use healthscore_core::templates::{dear, TEMPLATES};
use serde_json::{json, Value};

fn schema() -> jsonschema::Validator {
    let text = include_str!("../../docs/scorecard.schema.json");
    let schema: Value = serde_json::from_str(text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn dear_json() -> Value {
    serde_json::from_str(&export(&dear())).expect("export writes JSON")
}

/// The schema's verdict: the JSON pointer of the first error, or None when valid.
fn schema_error(document: &Value) -> Option<String> {
    schema()
        .iter_errors(document)
        .next()
        .map(|e| e.instance_path().to_string())
}

#[test]
fn every_exported_template_passes_the_schema() {
    for template in TEMPLATES {
        let document: Value = serde_json::from_str(&export(&(template.build)())).unwrap();
        assert_eq!(schema_error(&document), None, "{}", template.id);
    }
}

#[test]
fn the_documented_example_passes_the_schema() {
    let example: Value =
        serde_json::from_str(include_str!("../../docs/examples/dear.json")).unwrap();
    assert_eq!(schema_error(&example), None);
}

#[test]
fn export_names_the_schema_file_by_its_id() {
    let schema: Value =
        serde_json::from_str(include_str!("../../docs/scorecard.schema.json")).unwrap();
    assert_eq!(dear_json()["$schema"], schema["$id"]);
    assert_eq!(
        schema["properties"]["version"]["const"],
        json!(healthscore_core::FORMAT_VERSION)
    );
}

/// Each bad shape: how to break the DEAR export, the pointer the schema names,
/// and the path import's message starts with.
#[test]
fn shapes_the_schema_refuses_import_refuses_too() {
    type Break = fn(&mut Value);
    let cases: Vec<(&str, Break, &str, &str)> = vec![
        (
            "unknown top-level field",
            |d| d["colour"] = json!("red"),
            "",
            "colour: unknown field `colour`",
        ),
        (
            "weight as text",
            |d| d["metrics"][2]["weight"] = json!("ten"),
            "/metrics/2/weight",
            "metrics[2].weight:",
        ),
        (
            "unknown rule kind",
            |d| d["metrics"][0]["rule"]["kind"] = json!("steps"),
            "/metrics/0/rule",
            "metrics[0].rule",
        ),
        (
            "misspelt metric field",
            |d| {
                let m = d["metrics"][1].as_object_mut().unwrap();
                let w = m.remove("weight").unwrap();
                m.insert("wieght".into(), w);
            },
            "/metrics/1",
            "metrics[1]",
        ),
        (
            "bad signal",
            |d| d["metrics"][0]["signal"] = json!("sideways"),
            "/metrics/0/signal",
            "metrics[0].signal:",
        ),
        (
            "band without colour",
            |d| {
                d["bands"][1].as_object_mut().unwrap().remove("colour");
            },
            "/bands/1",
            "bands[1]",
        ),
        (
            "colour that is CSS",
            |d| d["bands"][0]["colour"] = json!("red; background: url(//x)"),
            "/bands/0/colour",
            "bands: [0].colour",
        ),
        (
            "playbook as text",
            |d| d["bands"][0]["playbook"] = json!("call them"),
            "/bands/0/playbook",
            "bands[0].playbook:",
        ),
        (
            "missing score above 100",
            |d| d["metrics"][0]["missing"] = json!({"policy": "value", "score": 150}),
            "/metrics/0/missing",
            "metrics[0].missing.score:",
        ),
        (
            "empty metrics",
            |d| d["metrics"] = json!([]),
            "/metrics",
            "the scorecard has no metrics",
        ),
        (
            "version from the future",
            |d| d["version"] = json!(9),
            "/version",
            "version: 9 is newer",
        ),
        (
            "name not text",
            |d| d["name"] = json!(["a"]),
            "/name",
            "name:",
        ),
    ];
    for (what, break_it, pointer, message) in cases {
        let mut document = dear_json();
        break_it(&mut document);
        assert_eq!(
            schema_error(&document).as_deref(),
            Some(pointer),
            "schema on {what}"
        );
        let error = import(&document.to_string()).expect_err(what).to_string();
        assert!(error.starts_with(message), "import on {what}: {error}");
    }
}

#[test]
fn import_is_stricter_where_the_rule_needs_arithmetic() {
    let mut weights = dear_json();
    weights["metrics"][0]["weight"] = json!(25);
    let mut gap = dear_json();
    gap["bands"][0]["from"] = json!(10);
    for (document, message) in [
        (weights, "weights total 105"),
        (gap, "bands: [0] starts at 10"),
    ] {
        assert_eq!(schema_error(&document), None);
        assert!(import(&document.to_string())
            .unwrap_err()
            .to_string()
            .starts_with(message));
    }
}
