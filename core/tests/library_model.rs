//! A model-based property test of the library state machine: two tabs (two machines over
//! one in-memory store) edit, save, hear each other's storage events late or never, reload,
//! delete, resolve conflicts and meet a full storage, in random order. After every step:
//!
//! - no tab overwrites a version it has not seen: every write over an entry is its next
//!   revision and holds a version built on the one it replaced;
//! - no tab says "Saved" while its card differs from what it stored;
//! - every version a tab showed as saved, kept as a copy or held as unsaved work is
//!   recoverable: it, or a version built on it, is in the store or on screen in a tab that
//!   says it is not saved. Only the user lets a version go: by deleting its entry, or by
//!   loading the other tab's version over it.
//!
//! A version is a card name `v<n>`; each edit makes a new one whose parent is the one on
//! screen. A user's delete lets go of what was in the entry, on purpose.

mod common;

use common::Tab;
use healthscore_core::library::{
    decide_write, key_of, read_entry, write_entry, Change, Event, MemoryStore, SaveState, Store,
    StoreError, WriteDecision, CARD_PREFIX,
};
use healthscore_core::templates::dear;
use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap, VecDeque};

#[derive(Debug, Clone, Copy)]
enum Op {
    Edit(usize),
    /// The autosave pause ended.
    Save(usize),
    /// The oldest storage event waiting for this tab arrives.
    Deliver(usize),
    Reload(usize),
    TakeTheirs(usize),
    KeepMine(usize),
    Delete(usize),
    /// Storage becomes full (true) or has room again.
    Full(bool),
}

fn op() -> impl Strategy<Value = Op> {
    let tab = 0usize..2;
    prop_oneof![
        4 => tab.clone().prop_map(Op::Edit),
        3 => tab.clone().prop_map(Op::Save),
        4 => tab.clone().prop_map(Op::Deliver),
        1 => tab.clone().prop_map(Op::Reload),
        1 => tab.clone().prop_map(Op::TakeTheirs),
        1 => tab.clone().prop_map(Op::KeepMine),
        1 => tab.prop_map(Op::Delete),
        1 => any::<bool>().prop_map(Op::Full),
    ]
}

/// The version a card is: `v7` and its kept copy `v7 (2)` are both 7.
fn version(name: &str) -> Option<u32> {
    name.strip_prefix('v')?.split(' ').next()?.parse().ok()
}

struct World {
    store: MemoryStore,
    tabs: Vec<Tab>,
    /// Storage events not yet delivered, per tab.
    inbox: [VecDeque<Change>; 2],
    /// What the store held before the last step, to check each write against.
    shadow: HashMap<String, String>,
    parent: HashMap<u32, u32>,
    next: u32,
    /// Versions a tab showed as saved, or held on screen as unsaved work.
    saved: BTreeSet<u32>,
    /// Versions a user deleted.
    released: BTreeSet<u32>,
}

impl World {
    fn new() -> World {
        let mut store = MemoryStore::default();
        let mut first = dear();
        first.name = "v0".to_owned();
        store
            .set(&key_of("first"), &write_entry(&first, 1.0, 1))
            .unwrap_or_default();
        let mut world = World {
            store,
            tabs: Vec::new(),
            inbox: [VecDeque::new(), VecDeque::new()],
            shadow: HashMap::new(),
            parent: HashMap::new(),
            next: 1,
            saved: BTreeSet::new(),
            released: BTreeSet::new(),
        };
        world.settle(None);
        for t in 0..2 {
            let tab = Tab::start(&mut world.store, None, None);
            world.tabs.push(tab);
            world.settle(Some(t));
        }
        // The starts' own writes (the probe, the open entry) tell the other tab nothing.
        world.inbox = [VecDeque::new(), VecDeque::new()];
        world
    }

    fn descends(&self, mut from: u32, of: u32) -> bool {
        loop {
            if from == of {
                return true;
            }
            match self.parent.get(&from) {
                Some(&p) => from = p,
                None => return false,
            }
        }
    }

    fn release(&mut self, mut v: u32) {
        loop {
            self.released.insert(v);
            match self.parent.get(&v) {
                Some(&p) => v = p,
                None => return,
            }
        }
    }

    fn apply(&mut self, op: Op) {
        let by = match op {
            Op::Edit(t) => {
                let v = self.next;
                self.next += 1;
                if let Some(p) = version(&self.tabs[t].library.card.name) {
                    self.parent.insert(v, p);
                }
                self.tabs[t].edit(&mut self.store, |c| c.name = format!("v{v}"));
                Some(t)
            }
            Op::Save(t) => self.send(t, Event::SaveDue),
            Op::Deliver(t) => match self.inbox[t].pop_front() {
                Some(Change { key, value }) => self.send(t, Event::StorageChanged { key, value }),
                None => None,
            },
            Op::Reload(t) => self.reload(t),
            Op::TakeTheirs(t) => {
                // The user chose to drop this tab's version (and the unsaved steps to it).
                if self.tabs[t].library.conflict.is_some() {
                    if let Some(v) = version(&self.tabs[t].library.card.name) {
                        self.release(v);
                    }
                }
                self.send(t, Event::TakeTheirs)
            }
            Op::KeepMine(t) => self.send(t, Event::KeepMine),
            Op::Delete(t) => match self.tabs[t].library.current.clone() {
                Some(id) => {
                    // The user deletes the card on screen, unsaved edits and all.
                    if let Some(v) = version(&self.tabs[t].library.card.name) {
                        self.release(v);
                    }
                    self.send(t, Event::Delete(id))
                }
                None => None,
            },
            Op::Full(full) => {
                self.store.refuse_writes = full.then_some(StoreError::Full);
                None
            }
        };
        self.settle(by);
    }

    fn send(&mut self, t: usize, event: Event) -> Option<usize> {
        self.tabs[t].send(&mut self.store, event);
        Some(t)
    }

    /// A reload writes a waiting edit first (pagehide); with work still unsaved the browser
    /// asks and the user stays, else the tab starts again on the same store.
    fn reload(&mut self, t: usize) -> Option<usize> {
        self.send(t, Event::SaveDue);
        let library = &self.tabs[t].library;
        if library.unsaved() || library.conflict.is_some() {
            return Some(t);
        }
        let open = library.current.clone();
        self.settle(Some(t));
        self.tabs[t] = Tab::start(&mut self.store, None, open);
        self.inbox[t].clear();
        Some(t)
    }

    /// Checks each write of the last step, and hands its storage events to the other tab.
    fn settle(&mut self, by: Option<usize>) {
        for change in self.store.take_changes() {
            if let Some(key) = &change.key {
                self.check_write(key, change.value.as_deref());
                match &change.value {
                    Some(value) => self.shadow.insert(key.clone(), value.clone()),
                    None => self.shadow.remove(key),
                };
            }
            if let Some(t) = by {
                self.inbox[1 - t].push_back(change);
            }
        }
        for t in 0..self.tabs.len() {
            let library = &self.tabs[t].library;
            let says_saved =
                matches!(library.save, SaveState::Saved(_)) && library.conflict.is_none();
            if says_saved || library.unsaved() {
                self.saved.extend(version(&library.card.name));
            }
        }
    }

    fn check_write(&mut self, key: &str, new: Option<&str>) {
        if !key.starts_with(CARD_PREFIX) {
            return;
        }
        let Some(old) = self.shadow.get(key).and_then(|t| read_entry(t).ok()) else {
            return;
        };
        let Some(new) = new else {
            // Only a user's delete removes an entry.
            if let Some(v) = version(&old.card.name) {
                self.release(v);
            }
            return;
        };
        let new = read_entry(new).expect("a tab wrote an unreadable entry");
        assert_eq!(
            new.revision,
            old.revision + 1,
            "{key} written over a revision not seen"
        );
        if let (Some(o), Some(n)) = (version(&old.card.name), version(&new.card.name)) {
            assert!(
                self.descends(n, o),
                "v{n} overwrote v{o}, which it was not built on"
            );
        }
    }

    /// Versions that are stored, or on screen in a tab that says they are not saved.
    fn holders(&self) -> Vec<u32> {
        let stored = self
            .store
            .keys_with_prefix(CARD_PREFIX)
            .into_iter()
            .filter_map(|k| self.store.get(&k).ok().flatten())
            .filter_map(|t| read_entry(&t).ok())
            .filter_map(|s| version(&s.card.name));
        let unsaved = self
            .tabs
            .iter()
            .filter(|t| t.library.unsaved() || t.library.conflict.is_some())
            .filter_map(|t| version(&t.library.card.name));
        stored.chain(unsaved).collect()
    }

    fn check(&self) -> Result<(), TestCaseError> {
        for tab in &self.tabs {
            let says_saved = matches!(tab.library.save, SaveState::Saved(_));
            prop_assert!(
                !(says_saved && tab.library.unsaved()),
                "{} says Saved with unsaved edits",
                tab.library.card.name
            );
        }
        let holders = self.holders();
        for &v in self.saved.difference(&self.released) {
            prop_assert!(
                holders.iter().any(|&h| self.descends(h, v)),
                "v{v} was saved or held and is lost (held: {holders:?})"
            );
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    #[test]
    fn two_tabs_never_lose_a_saved_version(ops in proptest::collection::vec(op(), 1..60)) {
        let mut world = World::new();
        for op in ops {
            world.apply(op);
            world.check()?;
        }
    }
}

#[test]
fn two_tabs_saving_at_once_leave_one_version_and_one_conflict() {
    let mut world = World::new();
    for op in [Op::Edit(0), Op::Edit(1), Op::Save(0), Op::Save(1)] {
        world.apply(op);
    }
    assert_eq!(world.tabs[0].library.conflict, None);
    assert!(
        world.tabs[1].library.conflict.is_some(),
        "the second writer did not see the first's revision"
    );
    // "Load the other tab's version" loads tab 0's, never tab 1's own.
    world.apply(Op::TakeTheirs(1));
    assert_eq!(world.tabs[1].library.card, world.tabs[0].library.card);
}

#[test]
fn a_late_event_for_a_clean_tab_loads_what_is_stored_now() {
    let mut world = World::new();
    for op in [
        Op::Edit(0),
        Op::Save(0),
        Op::Edit(0),
        Op::Save(0),
        Op::Deliver(1),
    ] {
        world.apply(op);
    }
    // The first event arrived after the second write: the tab shows the newest.
    assert_eq!(world.tabs[1].library.card.name, "v2");
    world.apply(Op::Deliver(1));
    assert_eq!(world.tabs[1].library.card.name, "v2");
    assert_eq!(world.tabs[1].library.conflict, None);
}

#[test]
fn the_decision_table() {
    assert_eq!(decide_write(None, None), WriteDecision::Write(1));
    assert_eq!(decide_write(Some(4), Some(4)), WriteDecision::Write(5));
    assert_eq!(decide_write(Some(5), Some(4)), WriteDecision::Changed(5));
    assert_eq!(decide_write(Some(1), None), WriteDecision::Changed(1));
    assert_eq!(decide_write(None, Some(4)), WriteDecision::Gone);
}
