//! The library state machine, one event at a time, over an in-memory store.

mod common;

use common::Tab;
use healthscore_core::library::{
    key_of, read_entry, write_entry, Command, Conflict, Event, MemoryStore, SaveState, Store,
    StoreError, CARD_PREFIX, FOLLOWED, LEGACY_KEY,
};
use healthscore_core::share::encode;
use healthscore_core::templates::{b2b_saas, dear};
use healthscore_core::Scorecard;

/// A store holding one entry, `dear()` under id "a" at revision 1.
fn one_card() -> MemoryStore {
    let mut store = MemoryStore::default();
    store
        .set(&key_of("a"), &write_entry(&dear(), 5.0, 1))
        .unwrap();
    store.take_changes();
    store
}

/// [`one_card`] and `b2b_saas()` under id "b".
fn two_cards() -> MemoryStore {
    let mut store = one_card();
    store
        .set(&key_of("b"), &write_entry(&b2b_saas(), 9.0, 1))
        .unwrap();
    store
}

fn stored_names(store: &MemoryStore) -> Vec<String> {
    let mut names: Vec<String> = store
        .keys_with_prefix(CARD_PREFIX)
        .iter()
        .filter_map(|k| read_entry(&store.get(k).unwrap()?).ok())
        .map(|s| s.card.name)
        .collect();
    names.sort();
    names
}

fn revision(store: &MemoryStore, id: &str) -> u64 {
    read_entry(&store.get(&key_of(id)).unwrap().unwrap())
        .unwrap()
        .revision
}

/// Another tab saves `dear()` named "Theirs" as revision 2 of entry "a"; returns it and its text.
fn another_tab_saves(store: &mut MemoryStore) -> (Scorecard, String) {
    let mut theirs = dear();
    theirs.name = "Theirs".to_owned();
    let text = write_entry(&theirs, 50.0, 2);
    store.set(&key_of("a"), &text).unwrap();
    (theirs, text)
}

/// The storage event for `key` (None: cleared) reaches `tab`.
fn heard(tab: &mut Tab, store: &mut MemoryStore, key: Option<String>, value: Option<String>) {
    tab.send(store, Event::StorageChanged { key, value });
}

fn has_notice(tab: &Tab, text: &str) -> bool {
    tab.library.notices.iter().any(|n| n.text.contains(text))
}

#[test]
fn a_first_visit_saves_the_demo_and_shows_it() {
    let mut store = MemoryStore::default();
    let tab = Tab::start(&mut store, None, None);
    assert_eq!(stored_names(&store), vec![dear().name]);
    assert!(matches!(tab.library.save, SaveState::Saved(_)));
    assert!(tab.out.contains(&Command::Show(dear())));
    assert!(store.get("healthscore.probe").unwrap().is_none());
}

#[test]
fn start_reopens_this_tabs_card_before_the_one_opened_last_anywhere() {
    let mut store = two_cards();
    store.set("healthscore.open", "b").unwrap();
    assert_eq!(
        Tab::start(&mut store, None, None)
            .library
            .current
            .as_deref(),
        Some("b")
    );
    let tab = Tab::start(&mut store, None, Some("a".to_owned()));
    assert_eq!(tab.library.current.as_deref(), Some("a"));
}

#[test]
fn the_legacy_card_is_migrated_and_its_key_removed() {
    let mut store = MemoryStore::default();
    let legacy = serde_json::to_string(&b2b_saas()).unwrap();
    store.set(LEGACY_KEY, &legacy).unwrap();
    let tab = Tab::start(&mut store, None, None);
    assert_eq!(tab.library.card, b2b_saas());
    assert_eq!(store.get(LEGACY_KEY).unwrap(), None);
}

#[test]
fn unavailable_storage_keeps_the_card_in_the_tab_and_says_why() {
    let mut store = MemoryStore::default();
    store.unavailable = true;
    let mut tab = Tab::start(&mut store, None, None);
    assert_eq!(
        tab.library.save,
        SaveState::NotSaved("storage unavailable".to_owned())
    );
    assert!(has_notice(&tab, "does not let Healthscore save"));
    assert!(tab.library.notices[0].offer_export);
    // Creating a card opens it in this tab only.
    tab.send(&mut store, Event::Create(b2b_saas()));
    assert_eq!(tab.library.card, b2b_saas());
    assert_eq!(tab.library.current, None);
}

#[test]
fn a_full_storage_at_start_opens_the_library_and_says_edits_are_not_saved() {
    let mut store = one_card();
    store.refuse_writes = Some(StoreError::Full);
    let tab = Tab::start(&mut store, None, None);
    assert_eq!(tab.library.current.as_deref(), Some("a"));
    assert!(has_notice(&tab, "storage for Healthscore is full"));
}

#[test]
fn an_unreadable_entry_is_moved_aside_and_a_newer_one_left_alone() {
    let mut store = one_card();
    store
        .set(&key_of("broken"), "{\"saved_at\": 1, \"scorecard\": ")
        .unwrap();
    let newer = r#"{"saved_at":1,"scorecard":{"version":99,"name":"Future"}}"#;
    store.set(&key_of("future"), newer).unwrap();
    let tab = Tab::start(&mut store, None, None);
    assert_eq!(tab.library.aside.len(), 1);
    assert_eq!(tab.library.aside[0].key, "healthscore.unreadable.broken");
    assert_eq!(store.get(&key_of("broken")).unwrap(), None);
    assert_eq!(
        store.get(&key_of("future")).unwrap().as_deref(),
        Some(newer)
    );
    assert!(has_notice(&tab, "written by a newer Healthscore"));
    assert_eq!(tab.library.entries.len(), 1);
}

#[test]
fn a_share_link_opens_unsaved_and_keep_link_saves_it_under_a_free_name() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, Some(encode(&dear())), None);
    assert!(tab.library.from_link);
    assert_eq!(tab.library.current, None);
    tab.send(&mut store, Event::KeepLink);
    assert!(!tab.library.from_link);
    assert!(tab.out.contains(&Command::ClearFragment));
    assert_eq!(tab.library.card.name, format!("{} (2)", dear().name));
}

#[test]
fn a_damaged_link_leaves_the_library_as_it_was() {
    let mut store = one_card();
    let tab = Tab::start(&mut store, Some("card=v1.garbage".to_owned()), None);
    assert!(!tab.library.from_link);
    assert!(has_notice(&tab, "share link could not be opened"));
    assert_eq!(tab.library.current.as_deref(), Some("a"));
}

#[test]
fn an_edit_is_pending_until_the_pause_ends_then_written_as_the_next_revision() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    tab.edit(&mut store, |c| c.name = "Renamed".to_owned());
    assert_eq!(tab.library.save, SaveState::Pending);
    assert_eq!(tab.out, vec![Command::StartSaveTimer]);
    tab.send(&mut store, Event::SaveDue);
    assert!(matches!(tab.library.save, SaveState::Saved(_)));
    assert_eq!(revision(&store, "a"), 2);
    assert_eq!(tab.library.entries[0].name, "Renamed");
    // Nothing changed since: nothing is written.
    store.take_changes();
    tab.send(&mut store, Event::SaveDue);
    assert!(store.take_changes().is_empty());
}

#[test]
fn the_same_card_shown_again_is_not_an_edit() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    tab.send(&mut store, Event::Edited(dear()));
    assert!(tab.out.is_empty());
    assert!(matches!(tab.library.save, SaveState::Saved(_)));
}

#[test]
fn a_full_storage_keeps_the_edit_in_the_tab_and_offers_an_export() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    store.refuse_writes = Some(StoreError::Full);
    tab.edit(&mut store, |c| c.name = "Too big".to_owned());
    tab.send(&mut store, Event::SaveDue);
    assert!(matches!(&tab.library.save, SaveState::NotSaved(why) if why.contains("full")));
    assert!(tab.library.notices.iter().any(|n| n.offer_export));
    assert!(tab.library.unsaved());
    // Switching asks first; "no" keeps the card.
    tab.send(&mut store, Event::Create(b2b_saas()));
    assert!(tab.asked());
    assert_eq!(tab.library.card.name, "Too big");
}

#[test]
fn opening_another_card_with_unsaved_work_asks_and_opens_once_agreed() {
    let mut store = two_cards();
    let mut tab = Tab::start(&mut store, None, Some("a".to_owned()));
    store.refuse_writes = Some(StoreError::Other("broken".to_owned()));
    tab.edit(&mut store, |c| c.name = "Unsaved".to_owned());
    tab.send(&mut store, Event::Open("b".to_owned()));
    assert!(tab.asked());
    tab.agree(&mut store);
    assert_eq!(tab.library.card, b2b_saas());
    assert!(tab.out.contains(&Command::RememberTab("b".to_owned())));
}

#[test]
fn opening_writes_a_waiting_edit_first_without_asking() {
    let mut store = two_cards();
    let mut tab = Tab::start(&mut store, None, Some("a".to_owned()));
    tab.edit(&mut store, |c| c.name = "Waiting".to_owned());
    tab.send(&mut store, Event::Open("b".to_owned()));
    assert!(!tab.asked());
    assert!(stored_names(&store).contains(&"Waiting".to_owned()));
}

#[test]
fn renaming_the_open_card_is_an_undoable_edit_and_another_is_rewritten() {
    let mut store = two_cards();
    let mut tab = Tab::start(&mut store, None, Some("a".to_owned()));
    tab.send(
        &mut store,
        Event::Rename {
            id: "a".to_owned(),
            name: "Mine".to_owned(),
        },
    );
    assert_eq!(
        tab.out,
        vec![Command::Rename("Mine".to_owned()), Command::StartSaveTimer]
    );
    assert_eq!(tab.library.save, SaveState::Pending);
    tab.send(&mut store, Event::SaveDue);
    assert!(tab.library.entries.iter().any(|e| e.name == "Mine"));
    tab.send(
        &mut store,
        Event::Rename {
            id: "b".to_owned(),
            name: "Theirs".to_owned(),
        },
    );
    assert_eq!(revision(&store, "b"), 2);
    assert!(tab.library.entries.iter().any(|e| e.name == "Theirs"));
}

#[test]
fn duplicate_saves_a_copy_under_a_free_name_and_opens_it() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    tab.send(&mut store, Event::Duplicate("a".to_owned()));
    assert_eq!(tab.library.card.name, format!("{} (2)", dear().name));
    assert_eq!(tab.library.entries.len(), 2);
}

#[test]
fn deleting_the_open_card_opens_the_next_and_undo_puts_it_back() {
    let mut store = two_cards();
    let mut tab = Tab::start(&mut store, None, Some("a".to_owned()));
    tab.send(&mut store, Event::Delete("a".to_owned()));
    assert_eq!(tab.library.current.as_deref(), Some("b"));
    assert_eq!(
        tab.library.undo.as_ref().map(|u| u.message.as_str()),
        Some("Deleted \u{201c}DEAR 100-point scorecard\u{201d}.")
    );
    tab.send(&mut store, Event::UndoDelete);
    assert_eq!(tab.library.current.as_deref(), Some("a"));
    assert_eq!(tab.library.undo, None);
    assert_eq!(tab.library.entries.len(), 2);
}

#[test]
fn deleting_the_last_card_opens_a_blank_one() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    tab.send(&mut store, Event::Delete("a".to_owned()));
    assert_eq!(tab.library.card.metrics.len(), 0);
    assert_eq!(tab.library.entries.len(), 1);
}

#[test]
fn an_import_with_a_namesake_asks_and_replacing_is_undoable() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    let mut imported = b2b_saas();
    imported.name = dear().name.to_uppercase();
    tab.send(&mut store, Event::Import(imported.clone()));
    assert_eq!(
        tab.library.pending.as_ref().map(|p| p.namesake.as_str()),
        Some("a")
    );
    tab.send(&mut store, Event::ResolveImport { replace: true });
    assert_eq!(tab.library.card, imported);
    assert_eq!(revision(&store, "a"), 2);
    tab.send(&mut store, Event::UndoDelete);
    assert_eq!(tab.library.card, dear());
    assert_eq!(revision(&store, "a"), 3);
}

#[test]
fn an_import_kept_beside_its_namesake_gets_a_free_name() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    tab.send(&mut store, Event::Import(dear()));
    tab.send(&mut store, Event::ResolveImport { replace: false });
    assert_eq!(
        stored_names(&store),
        vec![dear().name, format!("{} (2)", dear().name)]
    );
    tab.send(&mut store, Event::Import(b2b_saas()));
    assert_eq!(tab.library.card, b2b_saas());
    tab.send(&mut store, Event::Import(dear()));
    tab.send(&mut store, Event::CancelImport);
    assert_eq!(tab.library.pending, None);
}

#[test]
fn a_clean_tab_follows_another_tabs_save_and_says_so() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    let (theirs, text) = another_tab_saves(&mut store);
    heard(&mut tab, &mut store, Some(key_of("a")), Some(text));
    assert_eq!(tab.library.card, theirs);
    assert!(tab.out.contains(&Command::Show(theirs)));
    assert_eq!(tab.library.conflict, None);
    assert_eq!(tab.library.save, SaveState::Saved(50.0));
    assert!(has_notice(&tab, FOLLOWED));
    // Its next edit writes over the version it followed.
    tab.edit(&mut store, |c| c.name = "Mine after".to_owned());
    tab.send(&mut store, Event::SaveDue);
    assert_eq!(revision(&store, "a"), 3);
}

#[test]
fn a_tab_with_unsaved_edits_pauses_and_keep_mine_saves_a_copy() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    tab.edit(&mut store, |c| c.name = "Mine".to_owned());
    another_tab_saves(&mut store);
    heard(&mut tab, &mut store, Some(key_of("a")), None);
    assert_eq!(tab.library.conflict, Some(Conflict::Changed));
    assert_eq!(tab.library.card.name, "Mine");
    // Saving stays paused.
    tab.send(&mut store, Event::SaveDue);
    assert_eq!(stored_names(&store), vec!["Theirs".to_owned()]);
    tab.send(&mut store, Event::KeepMine);
    assert_eq!(tab.library.conflict, None);
    assert_eq!(
        stored_names(&store),
        vec!["Mine".to_owned(), "Theirs".to_owned()]
    );
    assert!(matches!(tab.library.save, SaveState::Saved(_)));
}

#[test]
fn take_theirs_loads_the_other_tabs_version() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    tab.edit(&mut store, |c| c.name = "Mine".to_owned());
    let (theirs, _) = another_tab_saves(&mut store);
    tab.send(&mut store, Event::SaveDue);
    assert_eq!(tab.library.conflict, Some(Conflict::Changed));
    tab.send(&mut store, Event::TakeTheirs);
    assert_eq!(tab.library.card, theirs);
    assert_eq!(tab.library.conflict, None);
}

#[test]
fn the_same_card_from_another_tab_is_adopted_as_saved() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    tab.edit(&mut store, |c| c.name = "Same".to_owned());
    let text = write_entry(&tab.library.card, 50.0, 2);
    store.set(&key_of("a"), &text).unwrap();
    heard(&mut tab, &mut store, Some(key_of("a")), Some(text));
    assert_eq!(tab.library.seen(), Some(2));
    assert_eq!(tab.library.save, SaveState::Saved(50.0));
    assert!(!has_notice(&tab, FOLLOWED));
}

#[test]
fn deleted_or_cleared_in_another_tab_pauses_the_open_card() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    store.remove(&key_of("a")).unwrap();
    heard(&mut tab, &mut store, Some(key_of("a")), None);
    assert_eq!(tab.library.conflict, Some(Conflict::Deleted));
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    store.clear();
    heard(&mut tab, &mut store, None, None);
    assert_eq!(
        tab.library.save,
        SaveState::NotSaved("the site's storage was cleared in another tab".to_owned())
    );
    tab.send(&mut store, Event::KeepMine);
    assert_eq!(stored_names(&store), vec![dear().name]);
}

#[test]
fn another_entry_changing_only_refreshes_the_list() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    store
        .set(&key_of("b"), &write_entry(&b2b_saas(), 9.0, 1))
        .unwrap();
    heard(&mut tab, &mut store, Some(key_of("b")), None);
    assert_eq!(tab.library.entries.len(), 2);
    assert_eq!(tab.library.card, dear());
    heard(
        &mut tab,
        &mut store,
        Some("healthscore.accounts".to_owned()),
        None,
    );
    assert!(tab.out.is_empty());
}

#[test]
fn an_aside_entry_is_deleted_only_on_request_and_notices_are_dismissed() {
    let mut store = one_card();
    store.set(&key_of("broken"), "not json").unwrap();
    let mut tab = Tab::start(&mut store, None, None);
    let key = tab.library.aside[0].key.clone();
    tab.send(&mut store, Event::DeleteAside(key.clone()));
    assert!(tab.library.aside.is_empty());
    assert_eq!(store.get(&key).unwrap(), None);
    let text = tab.library.notices[0].text.clone();
    tab.send(&mut store, Event::Dismiss(text));
    assert!(tab.library.notices.is_empty());
}

#[test]
fn conflict_answers_without_a_conflict_change_nothing() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    tab.edit(&mut store, |c| c.name = "Mine".to_owned());
    store.take_changes();
    tab.send(&mut store, Event::TakeTheirs);
    tab.send(&mut store, Event::KeepMine);
    assert_eq!(tab.library.card.name, "Mine");
    assert!(store.take_changes().is_empty());
}

#[test]
fn another_card_under_a_revision_this_tab_wrote_is_a_conflict_not_followed() {
    let mut store = one_card();
    let mut tab = Tab::start(&mut store, None, None);
    tab.edit(&mut store, |c| c.name = "Mine".to_owned());
    tab.send(&mut store, Event::SaveDue);
    // Another tab wrote revision 2 too, at the same instant, without seeing this one's.
    let (_, text) = another_tab_saves(&mut store);
    heard(&mut tab, &mut store, Some(key_of("a")), Some(text));
    assert_eq!(tab.library.conflict, Some(Conflict::Changed));
    assert_eq!(tab.library.card.name, "Mine");
}

/// What a tab shows of its library: the card, the list, what it has open and how saved.
fn shown(
    tab: &Tab,
) -> (
    Scorecard,
    Vec<healthscore_core::library::Entry>,
    Option<String>,
    SaveState,
) {
    let l = &tab.library;
    (
        l.card.clone(),
        l.entries.clone(),
        l.current.clone(),
        l.save.clone(),
    )
}

#[test]
fn a_new_card_opens_exactly_as_a_reload_reads_it_back() {
    // First visit: the starter card is written and opened without being read back.
    let mut store = MemoryStore::default();
    let first = Tab::start(&mut store, None, None);
    assert_eq!(first.library.card, dear());
    let reloaded = Tab::start(&mut store, None, first.library.current.clone());
    assert_eq!(shown(&first), shown(&reloaded));
    assert!(!first.library.unsaved());

    // A new card beside others (and one whose text needs escaping) lists every entry once.
    let mut store = two_cards();
    let mut tab = Tab::start(&mut store, None, Some("a".to_owned()));
    tab.send(&mut store, Event::Create(b2b_saas()));
    let mut odd = dear();
    odd.name = "Q4 \u{201c}renewals\u{201d} \\ \"draft\"\n".to_owned();
    odd.metrics[0].weight = 0.1 + 0.2;
    tab.send(&mut store, Event::Create(odd.clone()));
    assert_eq!(tab.library.card, odd);
    assert_eq!(tab.library.entries.len(), 4);
    let reloaded = Tab::start(&mut store, None, tab.library.current.clone());
    assert_eq!(shown(&tab), shown(&reloaded));
    assert!(!tab.library.unsaved());
}

/// The app's shell tells the views about an edit only when the save state changed (a drag
/// sends an edit per frame): this holds it to that, in a calm library and in a conflict.
#[test]
fn an_edit_changes_nothing_the_views_read_but_the_card_and_its_save_state() {
    let views = |l: &healthscore_core::library::Library| {
        format!(
            "{:?}",
            (
                &l.entries,
                &l.aside,
                &l.current,
                &l.conflict,
                &l.notices,
                l.from_link,
                &l.pending,
                &l.undo
            )
        )
    };
    let mut store = two_cards();
    let mut tab = Tab::start(&mut store, None, None);
    tab.send(&mut store, Event::Delete("b".to_owned()));
    for step in 0..3 {
        let before = views(&tab.library);
        tab.edit(&mut store, |c| c.metrics[0].weight += 1.0);
        assert_eq!(views(&tab.library), before, "edit {step}");
        assert_eq!(tab.library.save, SaveState::Pending, "edit {step}");
    }
    another_tab_saves(&mut store);
    heard(&mut tab, &mut store, Some(key_of("a")), None);
    assert_eq!(tab.library.conflict, Some(Conflict::Changed));
    let (before, save) = (views(&tab.library), tab.library.save.clone());
    tab.edit(&mut store, |c| c.metrics[0].weight += 1.0);
    assert_eq!(
        (views(&tab.library), tab.library.save.clone()),
        (before, save)
    );
}
