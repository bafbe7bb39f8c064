//! The library's stored entries, names, and migration of older entries on load.

use healthscore_core::library::{
    age, file_name, read_entry, same_name, sort_entries, unique_name, write_entry, Entry,
};
use healthscore_core::templates::{b2b_saas, dear};
use healthscore_core::{Playbook, FORMAT_VERSION};

#[test]
fn an_entry_round_trips_with_its_save_time() {
    let text = write_entry(&dear(), 1_764_000_000_123.0, 1);
    let stored = read_entry(&text).unwrap();
    assert_eq!(stored.saved_at, 1_764_000_000_123.0);
    assert_eq!(stored.card, dear());
}

#[test]
fn a_version_1_entry_is_migrated_on_load() {
    let mut entry: serde_json::Value =
        serde_json::from_str(&write_entry(&b2b_saas(), 5.0, 1)).unwrap();
    entry["scorecard"]["version"] = 1.into();
    entry["scorecard"]["bands"][0]["playbook"] = "Escalate to the CS lead".into();
    let stored = read_entry(&entry.to_string()).unwrap();
    assert_eq!(stored.card.version, FORMAT_VERSION);
    assert_eq!(
        stored.card.bands[0].playbook,
        Playbook {
            plays: "Escalate to the CS lead".to_owned(),
            ..Playbook::default()
        }
    );
}

#[test]
fn corrupted_entries_are_errors_not_panics() {
    for text in [
        "",
        "{",
        "[]",
        "{\"saved_at\": 1}",
        "{\"scorecard\": 7}",
        "\u{0}\u{1}garbage",
    ] {
        assert!(read_entry(text).is_err(), "{text:?}");
    }
    let mut broken: serde_json::Value =
        serde_json::from_str(&write_entry(&dear(), 1.0, 1)).unwrap();
    broken["scorecard"]["metrics"][0]["weight"] = "ninety".into();
    let error = read_entry(&broken.to_string()).unwrap_err().to_string();
    assert!(
        error.starts_with("metrics[0].weight: invalid type"),
        "{error}"
    );
}

#[test]
fn a_draft_that_breaks_a_rule_mid_edit_loads_as_it_was_left() {
    let mut draft = dear();
    draft.metrics[0].weight = 15.0;
    assert_eq!(
        read_entry(&write_entry(&draft, 2.0, 1)).unwrap().card,
        draft
    );
    let blank = healthscore_core::templates::blank();
    assert_eq!(
        read_entry(&write_entry(&blank, 2.0, 1)).unwrap().card,
        blank
    );
    let mut long = dear();
    long.bands[0].playbook.plays = "p".repeat(50_000);
    assert_eq!(read_entry(&write_entry(&long, 2.0, 1)).unwrap().card, long);
}

#[test]
fn an_entry_from_a_newer_app_is_reported_as_newer_not_corrupt() {
    let mut entry: serde_json::Value = serde_json::from_str(&write_entry(&dear(), 5.0, 1)).unwrap();
    entry["scorecard"]["version"] = 99.into();
    assert_eq!(
        read_entry(&entry.to_string()),
        Err(healthscore_core::file::ImportError::NewerVersion { found: 99 })
    );
}

#[test]
fn unique_names_count_up_and_ignore_case() {
    assert_eq!(unique_name("Plan", &[]), "Plan");
    assert_eq!(unique_name("Plan", &["plan "]), "Plan (2)");
    assert_eq!(unique_name("Plan", &["Plan", "Plan (2)"]), "Plan (3)");
    assert_eq!(unique_name("Plan (2)", &["Plan", "Plan (2)"]), "Plan (3)");
    assert_eq!(unique_name("Q (a)", &["Q (a)"]), "Q (a) (2)");
    assert!(same_name(" DEAR", "dear"));
}

#[test]
fn file_names_drop_what_file_systems_refuse() {
    assert_eq!(file_name("DEAR 100-point", "json"), "DEAR 100-point.json");
    assert_eq!(
        file_name("a/b\\c:d*e?\"f<g>h|", "csv"),
        "a-b-c-d-e--f-g-h-.csv"
    );
    assert_eq!(file_name("  ...  ", "json"), "scorecard.json");
    assert_eq!(file_name("x\n\ty", "json"), "x--y.json");
}

#[test]
fn ages_read_like_a_person_would_say_them() {
    let now = 10_000_000_000.0;
    assert_eq!(age(now, now - 10_000.0), "just now");
    assert_eq!(age(now, now - 60_000.0), "1 minute ago");
    assert_eq!(age(now, now - 5.5 * 60_000.0), "5 minutes ago");
    assert_eq!(age(now, now - 2.0 * 3_600_000.0), "2 hours ago");
    assert_eq!(age(now, now - 86_400_000.0), "1 day ago");
    assert_eq!(age(now, now + 5_000.0), "just now");
}

#[test]
fn the_list_is_newest_first() {
    let entry = |id: &str, name: &str, saved_at: f64| Entry {
        id: id.into(),
        name: name.into(),
        saved_at,
    };
    let mut list = vec![
        entry("a", "b", 1.0),
        entry("b", "a", 3.0),
        entry("c", "A", 1.0),
    ];
    sort_entries(&mut list);
    let ids: Vec<&str> = list.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["b", "c", "a"]);
}

#[test]
fn an_entry_set_aside_is_never_overwritten_by_the_next() {
    use healthscore_core::library::aside_key;
    let taken = ["healthscore.unreadable.abc", "healthscore.unreadable.abc-2"];
    assert_eq!(
        aside_key("xyz", |k| taken.contains(&k)),
        "healthscore.unreadable.xyz"
    );
    assert_eq!(
        aside_key("abc", |k| taken.contains(&k)),
        "healthscore.unreadable.abc-3"
    );
}
