//! A model-based property test of compare-before-write: random interleavings of two tabs'
//! edits, saves, storage events, reloads and conflict choices, checking that no tab ever
//! overwrites a version it has not seen, so every version a tab showed as saved stays
//! recoverable: still stored, or built upon by whoever replaced it.

use healthscore_core::library::{decide_write, WriteDecision};
use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// A version of the card: an id and every version it was built from.
#[derive(Clone, Debug)]
struct Version {
    id: u32,
    ancestors: BTreeSet<u32>,
}

impl Version {
    fn descends_from(&self, other: u32) -> bool {
        self.id == other || self.ancestors.contains(&other)
    }
}

#[derive(Clone, Debug)]
struct Tab {
    /// The entry open in this tab (entries are numbered; a kept copy is a new one).
    entry: u32,
    /// The revision last loaded or written.
    seen: Option<u64>,
    /// What the user sees now.
    mine: Version,
    /// Saving paused until the user chooses.
    conflict: bool,
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Edit(usize),
    Save(usize),
    Event(usize),
    Reload(usize),
    TakeTheirs(usize),
    KeepMine(usize),
    Delete(usize),
}

fn op() -> impl Strategy<Value = Op> {
    (0usize..7, 0usize..2).prop_map(|(kind, tab)| match kind {
        0 => Op::Edit(tab),
        1 => Op::Save(tab),
        2 => Op::Event(tab),
        3 => Op::Reload(tab),
        4 => Op::TakeTheirs(tab),
        5 => Op::KeepMine(tab),
        _ => Op::Delete(tab),
    })
}

struct World {
    /// entry -> (revision, version)
    storage: HashMap<u32, (u64, Version)>,
    tabs: Vec<Tab>,
    next_version: u32,
    next_entry: u32,
    /// Every (entry, revision, version id) a tab showed as "Saved".
    saved: Vec<(u32, u64, u32)>,
    /// Versions that were in storage and got replaced: (replaced id, by id).
    replaced: Vec<(Version, Version)>,
}

impl World {
    fn new() -> World {
        let first = Version {
            id: 0,
            ancestors: BTreeSet::new(),
        };
        let mut storage = HashMap::new();
        storage.insert(0, (1, first.clone()));
        let tab = Tab {
            entry: 0,
            seen: Some(1),
            mine: first,
            conflict: false,
        };
        World {
            storage,
            tabs: vec![tab.clone(), tab],
            next_version: 1,
            next_entry: 1,
            saved: vec![(0, 1, 0)],
            replaced: Vec::new(),
        }
    }

    fn apply(&mut self, op: Op) {
        match op {
            Op::Edit(t) => {
                let tab = &mut self.tabs[t];
                let mut ancestors = tab.mine.ancestors.clone();
                ancestors.insert(tab.mine.id);
                tab.mine = Version {
                    id: self.next_version,
                    ancestors,
                };
                self.next_version += 1;
            }
            Op::Save(t) => {
                let tab = &self.tabs[t];
                if tab.conflict {
                    return;
                }
                let stored = self.storage.get(&tab.entry).map(|(r, _)| *r);
                match decide_write(stored, tab.seen) {
                    WriteDecision::Write(revision) => {
                        let entry = tab.entry;
                        let mine = tab.mine.clone();
                        if let Some((_, old)) = self.storage.get(&entry) {
                            self.replaced.push((old.clone(), mine.clone()));
                        }
                        self.storage.insert(entry, (revision, mine.clone()));
                        self.tabs[t].seen = Some(revision);
                        self.saved.push((entry, revision, mine.id));
                    }
                    WriteDecision::Changed(_) | WriteDecision::Gone => self.tabs[t].conflict = true,
                }
            }
            // The storage event reaching this tab: the same card is adopted, another pauses.
            Op::Event(t) => {
                let tab = &mut self.tabs[t];
                match self.storage.get(&tab.entry) {
                    Some((revision, theirs)) if Some(*revision) != tab.seen => {
                        if theirs.id == tab.mine.id {
                            tab.seen = Some(*revision);
                        } else {
                            tab.conflict = true;
                        }
                    }
                    None => tab.conflict = true,
                    _ => {}
                }
            }
            // A reload asks first while in conflict; the user stays, so only a clean tab reloads.
            Op::Reload(t) => {
                let tab = &mut self.tabs[t];
                if tab.conflict {
                    return;
                }
                if let Some((revision, stored)) = self.storage.get(&tab.entry) {
                    // Saved work only: a clean tab's unsaved edit is flushed on leaving first.
                    if stored.id == tab.mine.id || Some(*revision) == tab.seen {
                        tab.seen = Some(*revision);
                        tab.mine = stored.clone();
                    }
                }
            }
            Op::TakeTheirs(t) => {
                let tab = &mut self.tabs[t];
                if !tab.conflict {
                    return;
                }
                if let Some((revision, stored)) = self.storage.get(&tab.entry) {
                    tab.seen = Some(*revision);
                    tab.mine = stored.clone();
                    tab.conflict = false;
                }
            }
            Op::KeepMine(t) => {
                if !self.tabs[t].conflict {
                    return;
                }
                let entry = self.next_entry;
                self.next_entry += 1;
                let tab = &mut self.tabs[t];
                tab.entry = entry;
                tab.seen = None;
                tab.conflict = false;
            }
            Op::Delete(t) => {
                let entry = self.tabs[t].entry;
                self.storage.remove(&entry);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn no_tab_overwrites_a_version_it_has_not_seen(ops in proptest::collection::vec(op(), 1..60)) {
        let mut world = World::new();
        for op in ops {
            world.apply(op);
        }
        // Whoever replaced a stored version had built on it.
        for (old, new) in &world.replaced {
            prop_assert!(new.descends_from(old.id), "{:?} replaced by {:?}", old, new);
        }
        // Every version shown as saved is still stored, or built upon by what replaced it.
        for &(entry, revision, id) in &world.saved {
            let kept = world.storage.get(&entry).is_some_and(|(r, v)| *r >= revision && v.descends_from(id));
            let deleted = !world.storage.contains_key(&entry);
            prop_assert!(kept || deleted, "version {id} saved at {entry}/{revision} is lost");
        }
    }
}

#[test]
fn two_tabs_saving_at_once_leave_one_version_and_one_conflict() {
    let mut world = World::new();
    world.apply(Op::Edit(0));
    world.apply(Op::Edit(1));
    world.apply(Op::Save(0));
    world.apply(Op::Save(1));
    assert!(!world.tabs[0].conflict);
    assert!(
        world.tabs[1].conflict,
        "the second writer did not see the first's revision"
    );
    // "Load the other tab's version" loads tab 0's, never tab 1's own.
    world.apply(Op::TakeTheirs(1));
    assert_eq!(world.tabs[1].mine.id, world.tabs[0].mine.id);
}

#[test]
fn the_decision_table() {
    assert_eq!(decide_write(None, None), WriteDecision::Write(1));
    assert_eq!(decide_write(Some(4), Some(4)), WriteDecision::Write(5));
    assert_eq!(decide_write(Some(5), Some(4)), WriteDecision::Changed(5));
    assert_eq!(decide_write(Some(1), None), WriteDecision::Changed(1));
    assert_eq!(decide_write(None, Some(4)), WriteDecision::Gone);
}
