//! Scorecard files: export to JSON, and import with limits, migration and validation.
//!
//! Import is the one door for every scorecard that comes from outside this
//! build: a colleague's file, pasted JSON, a share link, or an older entry in
//! browser storage. It either returns a valid, current scorecard or an error
//! that names the field and what is wrong; it never panics on any input.

use crate::json::to_pretty_json;
use crate::model::{Scorecard, FORMAT_VERSION};
use crate::validate::CardError;
use serde_json::{Map, Value};
use thiserror::Error;

/// The JSON Schema every exported file names in its `$schema` field; the
/// schema ships as `docs/scorecard.schema.json`.
pub const SCHEMA_NAME: &str = "scorecard.schema.json";
/// Larger files are refused before parsing: a scorecard is a few kilobytes.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
/// Longest accepted text in any one field (names, labels, playbooks).
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Most metrics a scorecard may hold.
pub const MAX_METRICS: usize = 200;

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ImportError {
    /// Over [`MAX_FILE_BYTES`].
    #[error("the file is {size_mb:.1} MB; a scorecard file is at most 2 MB")]
    TooLarge {
        /// The file's size in megabytes.
        size_mb: f64,
    },
    /// Not JSON at all, or nested beyond what a scorecard needs.
    #[error("not valid JSON: {reason} (line {line}, column {column})")]
    NotJson {
        /// What the parser said.
        reason: String,
        /// Where.
        line: usize,
        /// Where.
        column: usize,
    },
    /// JSON, but not an object with scorecard fields.
    #[error("not a scorecard: {0}")]
    NotAScorecard(String),
    /// No `version`, or not a whole number.
    #[error("version: {0}")]
    BadVersion(String),
    /// Written by a newer Healthscore.
    #[error("version: {found} is newer than this app reads (up to {FORMAT_VERSION}); update Healthscore to open it")]
    NewerVersion {
        /// The file's version.
        found: u64,
    },
    /// A field of the wrong shape, named by its path.
    #[error("{path}: {reason}")]
    Field {
        /// `metrics[2].rule.tiers[0].points`.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// Well-formed, but the scorecard breaks the rules (weights, bands...).
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<CardError>),
}

/// The scorecard as a file: its JSON with `$schema` first.
pub fn export(card: &Scorecard) -> String {
    let body = to_pretty_json(card);
    // `to_pretty_json` always writes an object starting with "{\n".
    match body.strip_prefix("{\n") {
        Some(rest) => format!("{{\n  \"$schema\": \"{SCHEMA_NAME}\",\n{rest}"),
        None => body,
    }
}

/// Why import would refuse this scorecard's file, if it would: the exact test, since it
/// exports and imports. The UI warns with it before an export or a share link.
pub fn import_problem(card: &Scorecard) -> Option<ImportError> {
    import(&export(card)).err()
}

/// Reads a scorecard file of any supported version into a valid, current scorecard.
pub fn import(text: &str) -> Result<Scorecard, ImportError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size_mb: text.len() as f64 / (1024.0 * 1024.0),
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    import_value(parse_json(text)?)
}

/// Parses JSON text, naming line and column when it is not JSON or an object repeats a key.
/// serde_json refuses 128 or more levels of nesting, so a hostile document cannot overflow
/// the stack.
pub fn parse_json(text: &str) -> Result<Value, ImportError> {
    serde_json::from_str::<crate::json::Strict>(text)
        .map(|s| s.0)
        .map_err(|e| ImportError::NotJson {
            reason: plain_reason(&e),
            line: e.line(),
            column: e.column(),
        })
}

/// Reads an already-parsed JSON document (a share link) into a valid, current scorecard.
pub fn import_value(value: Value) -> Result<Scorecard, ImportError> {
    let card = read_draft(value)?;
    check_sizes(&card)?;
    card.validate().map_err(ImportError::Invalid)?;
    Ok(card)
}

/// Reads a document's shape and migrates it, without the scorecard rules or the size limits:
/// a draft saved mid-edit (weights at 95, no metrics yet, a very long note) is the user's
/// work and must load as it was left.
pub fn read_draft(value: Value) -> Result<Scorecard, ImportError> {
    let Value::Object(mut object) = value else {
        return Err(ImportError::NotAScorecard(format!(
            "the file holds {}, not an object with name, metrics and bands",
            kind_of(&value)
        )));
    };
    object.remove("$schema");
    let version = read_version(&object)?;
    let object = migrate(object, version)?;
    let card: Scorecard = serde_path_to_error::deserialize(Value::Object(object)).map_err(|e| {
        ImportError::Field {
            path: field_path(e.path()),
            reason: plain_reason(e.inner()),
        }
    })?;
    Ok(card)
}

fn read_version(object: &Map<String, Value>) -> Result<u64, ImportError> {
    match object.get("version") {
        None => Err(ImportError::BadVersion(
            "missing; every scorecard file states its format version".to_owned(),
        )),
        // A whole number written as a float (`2.0`) is that number.
        Some(Value::Number(n)) => match n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e9)
                .map(|f| f as u64)
        }) {
            Some(0) | None => Err(ImportError::BadVersion(format!(
                "{n} is not a known format version"
            ))),
            Some(v) if v > u64::from(FORMAT_VERSION) => Err(ImportError::NewerVersion { found: v }),
            Some(v) => Ok(v),
        },
        Some(other) => Err(ImportError::BadVersion(format!(
            "expected a whole number, found {}",
            kind_of(other)
        ))),
    }
}

/// Brings a document from `version` up to [`FORMAT_VERSION`], one step at a time.
pub fn migrate(
    mut object: Map<String, Value>,
    version: u64,
) -> Result<Map<String, Value>, ImportError> {
    let mut version = version;
    while version < u64::from(FORMAT_VERSION) {
        object = match version {
            1 => v1_to_v2(object)?,
            // Version 3 only adds optional fields (data settings, aliases, `read`): a
            // version 2 document is a valid version 3 one as it stands.
            2 => object,
            other => {
                return Err(ImportError::BadVersion(format!(
                    "{other} is not a known format version"
                )))
            }
        };
        version += 1;
    }
    object.insert("version".to_owned(), Value::from(FORMAT_VERSION));
    Ok(object)
}

/// Version 1 held a band's playbook as one free text; version 2 splits it
/// into owner, first response, plays and don'ts. The old text becomes the plays.
fn v1_to_v2(mut object: Map<String, Value>) -> Result<Map<String, Value>, ImportError> {
    for list in ["bands", "grades"] {
        let Some(Value::Array(bands)) = object.get_mut(list) else {
            continue;
        };
        for (index, band) in bands.iter_mut().enumerate() {
            let Value::Object(band) = band else { continue };
            match band.remove("playbook") {
                None | Some(Value::Null) => {}
                Some(Value::String(text)) if text.trim().is_empty() => {}
                Some(Value::String(text)) => {
                    let mut playbook = Map::new();
                    playbook.insert("plays".to_owned(), Value::String(text));
                    band.insert("playbook".to_owned(), Value::Object(playbook));
                }
                Some(other) => {
                    return Err(ImportError::Field {
                        path: format!("{list}[{index}].playbook"),
                        reason: format!(
                            "expected text in a version 1 file, found {}",
                            kind_of(&other)
                        ),
                    })
                }
            }
        }
    }
    Ok(object)
}

fn check_sizes(card: &Scorecard) -> Result<(), ImportError> {
    let too_long = |path: String, text: &str| {
        (text.chars().count() > MAX_TEXT_CHARS).then(|| ImportError::Field {
            path,
            reason: format!(
                "{} characters; at most {MAX_TEXT_CHARS}",
                text.chars().count()
            ),
        })
    };
    if card.metrics.len() > MAX_METRICS {
        return Err(ImportError::Field {
            path: "metrics".to_owned(),
            reason: format!("{} metrics; at most {MAX_METRICS}", card.metrics.len()),
        });
    }
    let mut texts: Vec<(String, &str)> = vec![
        ("name".to_owned(), &card.name),
        ("description".to_owned(), &card.description),
    ];
    for (i, m) in card.metrics.iter().enumerate() {
        texts.push((format!("metrics[{i}].name"), &m.name));
        texts.push((format!("metrics[{i}].id"), &m.id));
        if let crate::Category::Custom(custom) = &m.category {
            texts.push((format!("metrics[{i}].category.custom"), custom));
        }
        for column in m.input.columns() {
            texts.push((format!("metrics[{i}].input"), column));
        }
        if let crate::Rule::Categorical { values, .. } = &m.rule {
            for (j, choice) in values.iter().enumerate() {
                texts.push((
                    format!("metrics[{i}].rule.values[{j}].value"),
                    &choice.value,
                ));
            }
        }
    }
    for (list, bands) in [("bands", &card.bands), ("grades", &card.grades)] {
        for (i, b) in bands.iter().enumerate() {
            texts.push((format!("{list}[{i}].label"), &b.label));
            texts.push((format!("{list}[{i}].playbook.owner"), &b.playbook.owner));
            texts.push((
                format!("{list}[{i}].playbook.first_response"),
                &b.playbook.first_response,
            ));
            texts.push((format!("{list}[{i}].playbook.plays"), &b.playbook.plays));
            texts.push((format!("{list}[{i}].playbook.donts"), &b.playbook.donts));
        }
    }
    match texts
        .into_iter()
        .find_map(|(path, text)| too_long(path, text))
    {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// `metrics[2].rule.tiers[0].points` from serde_path_to_error's path ("." for the top level).
fn field_path(path: &serde_path_to_error::Path) -> String {
    let text = path.to_string();
    let text = text.replace(".[", "[").replace("?.", "").replace('?', "");
    if text == "." || text.is_empty() {
        "scorecard".to_owned()
    } else {
        // serde_path_to_error writes sequence indexes as `metrics.2`; make them `metrics[2]`.
        text.split('.').fold(String::new(), |mut out, part| {
            if part.chars().all(|c| c.is_ascii_digit()) && !out.is_empty() {
                out.push_str(&format!("[{part}]"));
            } else {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(part);
            }
            out
        })
    }
}

/// serde's message without its trailing " at line X column Y".
fn plain_reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
