//! A saved scorecard as storage text: how an entry is written, read, listed and named.
//!
//! Each scorecard is one storage entry under [`CARD_PREFIX`] + its id, holding
//! `{"saved_at": <ms since 1970>, "revision": n, "scorecard": {...}}`. There is no separate
//! index to fall out of step: the list is the entries themselves, so two tabs
//! adding scorecards at once cannot lose each other's. Reading an entry goes
//! through [`crate::file::read_draft`], so an older version is migrated on load, and a
//! draft that breaks a scorecard rule mid-edit (weights at 95) loads as it was left.

use crate::file::{parse_json, read_draft, ImportError};
use crate::model::Scorecard;
use serde_json::Value;

/// Storage key prefix of every saved scorecard.
pub const CARD_PREFIX: &str = "healthscore.card.";
/// Where an unreadable entry is moved, never deleted without the user asking.
pub const ASIDE_PREFIX: &str = "healthscore.unreadable.";

/// The key an unreadable entry called `name` is moved aside to: its own, or with `-2`, `-3`...
/// when that is `taken`, so an entry already set aside is never overwritten.
pub fn aside_key(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let first = format!("{ASIDE_PREFIX}{name}");
    if !taken(&first) {
        return first;
    }
    (2u32..)
        .map(|n| format!("{ASIDE_PREFIX}{name}-{n}"))
        .find(|key| !taken(key))
        .unwrap_or(first)
}

/// A saved scorecard and when it was last saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    /// Milliseconds since 1970, as the browser's `Date.now()`.
    pub saved_at: f64,
    /// Counts the writes of this entry (0 for entries written before revisions existed): a
    /// tab writes only over the revision it last saw, so it never overwrites a version it has
    /// not seen.
    pub revision: u64,
    /// The scorecard, migrated to the current version.
    pub card: Scorecard,
}

/// One line of the library list.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The id in its storage key.
    pub id: String,
    /// The scorecard's name.
    pub name: String,
    /// Milliseconds since 1970.
    pub saved_at: f64,
}

/// The text stored for `card` saved at `saved_at` as `revision`: compact, since storage is small.
pub fn write_entry(card: &Scorecard, saved_at: f64, revision: u64) -> String {
    // Written straight to text, without building a JSON tree: this runs as the user drags.
    let card = serde_json::to_string(card).unwrap_or_default();
    let saved_at = serde_json::to_string(&saved_at).unwrap_or_else(|_| "0".to_owned());
    format!("{{\"saved_at\":{saved_at},\"revision\":{revision},\"scorecard\":{card}}}")
}

/// What a tab may do with the entry it has open, given what storage holds now.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteDecision {
    /// Storage holds the revision this tab last saw (or nothing, for a new entry): write this
    /// revision.
    Write(u64),
    /// Another tab wrote a revision this tab has not seen: do not write; ask the user.
    Changed(u64),
    /// The entry this tab had open is gone (deleted, or storage cleared): do not write; ask.
    Gone,
}

/// Compare-before-write: `stored` is the entry's revision in storage now (None when absent),
/// `seen` the revision this tab loaded or last wrote (None for an entry it is creating).
pub fn decide_write(stored: Option<u64>, seen: Option<u64>) -> WriteDecision {
    match (stored, seen) {
        (None, None) => WriteDecision::Write(1),
        (None, Some(_)) => WriteDecision::Gone,
        (Some(now), Some(seen)) if now == seen => WriteDecision::Write(now + 1),
        (Some(now), _) => WriteDecision::Changed(now),
    }
}

/// Reads a stored entry; an older scorecard version is migrated.
pub fn read_entry(text: &str) -> Result<Stored, ImportError> {
    let Value::Object(mut object) = parse_json(text)? else {
        return Err(ImportError::NotAScorecard(
            "the entry is not an object".to_owned(),
        ));
    };
    let saved_at = object
        .get("saved_at")
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    let revision = object.get("revision").and_then(Value::as_u64).unwrap_or(0);
    let card = object
        .remove("scorecard")
        .ok_or_else(|| ImportError::NotAScorecard("the entry holds no scorecard".to_owned()))?;
    Ok(Stored {
        saved_at,
        revision,
        card: read_draft(card)?,
    })
}

/// Reads a bare scorecard draft (the single-card key of format version 1), migrating it.
pub fn read_card_text(text: &str) -> Result<Scorecard, ImportError> {
    read_draft(parse_json(text)?)
}

/// `name`, or `name (2)`, `name (3)`... whichever no existing scorecard uses.
pub fn unique_name(name: &str, existing: &[&str]) -> String {
    let taken = |candidate: &str| existing.iter().any(|e| same_name(e, candidate));
    if !taken(name) {
        return name.to_owned();
    }
    let base = strip_counter(name);
    (2..)
        .map(|n| format!("{base} ({n})"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| name.to_owned())
}

/// Names compare trimmed and case-insensitively: "DEAR" and "dear " are the same scorecard name.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// "Plan (3)" -> "Plan", so a copy of a copy is "Plan (4)", not "Plan (3) (2)".
fn strip_counter(name: &str) -> &str {
    let trimmed = name.trim_end();
    let Some(inner) = trimmed.strip_suffix(')') else {
        return trimmed;
    };
    match inner.rfind(" (") {
        Some(at) if inner.len() > at + 2 && inner[at + 2..].chars().all(|c| c.is_ascii_digit()) => {
            &trimmed[..at]
        }
        _ => trimmed,
    }
}

/// A file name for `name` with `extension`: characters that file systems refuse become `-`.
pub fn file_name(name: &str, extension: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .take(100)
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let stem = if cleaned.is_empty() {
        "scorecard"
    } else {
        cleaned
    };
    format!("{stem}.{extension}")
}

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago" for a save time.
pub fn age(now_ms: f64, then_ms: f64) -> String {
    let seconds = ((now_ms - then_ms) / 1000.0).max(0.0);
    let plural = |n: f64, unit: &str| {
        let n = n.floor() as u64;
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match seconds {
        s if s < 45.0 => "just now".to_owned(),
        s if s < 3600.0 => plural((s / 60.0).max(1.0), "minute"),
        s if s < 86_400.0 => plural(s / 3600.0, "hour"),
        s => plural(s / 86_400.0, "day"),
    }
}

/// Sorts a library list newest first, then by name.
pub fn sort_entries(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        b.saved_at
            .partial_cmp(&a.saved_at)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
}
