//! The scorecard library in browser storage: autosave, list, open, create, rename, duplicate,
//! delete with undo, import, share links, two-tab conflicts and storage failures.
//!
//! State lives in signals; every storage call goes through [`crate::browser::storage`]
//! and every scorecard from outside goes through the core's `file::import`.

use crate::browser::{self, storage, storage::StorageError};
use crate::designer::Designer;
use healthscore_core::file::{export, import, ImportError};
use healthscore_core::share::{decode, FRAGMENT_PREFIX};
use healthscore_core::library::{decide_write, WriteDecision, 
    file_name, read_card_text, read_entry, same_name, sort_entries, unique_name, write_entry, Entry, ASIDE_PREFIX,
    CARD_PREFIX,
};
use healthscore_core::templates::dear;
use healthscore_core::Scorecard;
use leptos::prelude::*;

/// Which entry was open last, so a reload reopens it.
const OPEN_KEY: &str = "healthscore.open";
/// Where issues 2 and 3 kept their one scorecard; moved into the library on first load.
const LEGACY_KEY: &str = "healthscore.current-card";
/// The pasted accounts, shared by every scorecard.
const ACCOUNTS_KEY: &str = "healthscore.accounts";
/// Set when the accounts on screen were too large to keep: the next visit says why none are shown.
const NOT_KEPT_KEY: &str = "healthscore.accounts-not-kept";

/// Whether the scorecard on screen is safely stored.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Stored at this time (ms since 1970).
    Saved(f64),
    /// Changed a moment ago; written once the edit pauses.
    Pending,
    /// Not stored, and why, in plain words.
    NotSaved(String),
}

/// Another tab changed or deleted the scorecard this tab is editing.
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    /// It saved a different version.
    Changed,
    /// It deleted the scorecard.
    Deleted,
}

/// An unreadable entry moved aside: kept until the user deletes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Aside {
    /// Its storage key.
    pub key: String,
    /// What was wrong with it.
    pub reason: String,
}

/// A message about storage, with an offer to export when work is only in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// What happened, in plain words.
    pub text: String,
    /// Show an "Export scorecard" button with it.
    pub offer_export: bool,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    /// Saved in the library and opened.
    Opened,
    /// A scorecard with the same name exists: the user is asked to replace or keep both.
    AskReplace,
    /// The user chose to keep the unsaved scorecard on screen.
    Cancelled,
}

/// A scorecard waiting for the user to choose between replacing a namesake and keeping both.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingImport {
    /// The imported scorecard.
    pub card: Scorecard,
    /// The id of the library entry with the same name.
    pub namesake: String,
}

/// Handle to the library; cheap to copy into components.
#[derive(Clone, Copy)]
pub struct Library {
    /// The scorecard being edited.
    pub designer: Designer,
    /// Saved scorecards, newest first.
    pub entries: RwSignal<Vec<Entry>>,
    /// Unreadable entries that were moved aside.
    pub aside: RwSignal<Vec<Aside>>,
    /// The id of the entry being edited; None while the card is not in the library
    /// (opened from a share link, or storage unavailable).
    pub current: RwSignal<Option<String>>,
    /// Saved or not.
    pub state: RwSignal<SaveState>,
    /// Set when another tab changed the open scorecard; autosave pauses until resolved.
    pub conflict: RwSignal<Option<Conflict>>,
    /// Storage problems to show.
    pub notices: RwSignal<Vec<Notice>>,
    /// A scorecard opened from a share link, not yet saved.
    pub from_link: RwSignal<bool>,
    /// An import waiting for "replace or keep both".
    pub pending: RwSignal<Option<PendingImport>>,
    /// The last deleted or replaced entry (key, text), for Undo.
    pub undo_delete: RwSignal<Option<(String, String, String)>>,
    /// What this tab last wrote for the open entry, to skip saves that change nothing.
    last_saved: StoredValue<Option<Scorecard>>,
    /// The revision of the open entry this tab last loaded or wrote: it writes only over that
    /// one (compare-before-write), so it never overwrites a version it has not seen.
    seen: StoredValue<Option<u64>>,
}

impl Library {
    /// Opens the library: migrates the old single-card key, reads every entry (moving
    /// unreadable ones aside), opens the share link or the last-open scorecard.
    pub fn start() -> Library {
        let library = Library {
            designer: Designer::new(dear()),
            entries: RwSignal::new(Vec::new()),
            aside: RwSignal::new(Vec::new()),
            current: RwSignal::new(None),
            state: RwSignal::new(SaveState::NotSaved("not saved yet".to_owned())),
            conflict: RwSignal::new(None),
            notices: RwSignal::new(Vec::new()),
            from_link: RwSignal::new(false),
            pending: RwSignal::new(None),
            undo_delete: RwSignal::new(None),
            last_saved: StoredValue::new(None),
            seen: StoredValue::new(None),
        };
        let link = browser::location::fragment().filter(|f| f.starts_with(FRAGMENT_PREFIX));
        let readable = match storage::check() {
            Ok(()) => true,
            // Full, but readable: the library opens, and says why edits are not saved.
            Err(StorageError::Full) => {
                library.save_failed(&StorageError::Full);
                true
            }
            Err(error) => {
                library.notify(format!("{}. You can keep working: this scorecard lives in this tab until you export it.", capitalise(&error.to_string())), true);
                library.state.set(SaveState::NotSaved("storage unavailable".to_owned()));
                library.last_saved.set_value(Some(library.designer.card.get_untracked()));
                false
            }
        };
        if readable {
            library.migrate_legacy();
            library.refresh();
        }
        let opened_link = link.is_some_and(|fragment| library.open_link(&fragment));
        if readable && !opened_link {
            library.open_last();
        }
        library
    }

    /// Opens the scorecard opened last, or the newest, or (for a first visit) the demo.
    fn open_last(&self) {
        // This tab's own last card first (a reload reopens what this tab had open), then the
        // one opened last in any tab (a new tab).
        let last = storage::tab_get(OPEN_KEY).or_else(|| storage::get(OPEN_KEY).ok().flatten());
        let entries = self.entries.get_untracked();
        let id = last.filter(|id| entries.iter().any(|e| &e.id == id)).or_else(|| entries.first().map(|e| e.id.clone()));
        match id {
            Some(id) => self.load(&id),
            None => self.store_new(dear()),
        }
    }

    /// Before this tab's scorecard is replaced by another: a version that conflicts with
    /// another tab's is saved as a copy, and work that is not stored is only dropped if the
    /// user says so.
    fn may_replace(&self) -> bool {
        if self.conflict.get_untracked().is_some() {
            self.keep_mine();
        }
        // An edit still waiting for its save is written now.
        self.designer.card.with_untracked(|card| self.autosave(card));
        let unsaved = self.designer.card.with_untracked(|card| self.last_saved.with_value(|last| last.as_ref() != Some(card)));
        if !unsaved {
            return true;
        }
        let name = self.designer.card.with_untracked(|c| c.name.clone());
        let question = format!("\u{201c}{name}\u{201d} has changes that are not saved in this browser. Close it anyway?\n\nChoose Cancel, then Export scorecard, to keep them.");
        web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false)
    }

    /// The old single-card key becomes a library entry; it is removed only once copied.
    fn migrate_legacy(&self) {
        let Ok(Some(text)) = storage::get(LEGACY_KEY) else { return };
        match read_card_text(&text) {
            Ok(card) => {
                let id = browser::new_id();
                if storage::set(&key_of(&id), &write_entry(&card, browser::now_ms(), 1)).is_ok() {
                    let _ = storage::remove(LEGACY_KEY);
                }
            }
            Err(error) => self.move_aside(LEGACY_KEY, &text, &error.to_string()),
        }
    }

    /// Rereads the list from storage (entries are the truth; there is no index).
    pub fn refresh(&self) {
        let mut entries = Vec::new();
        for key in storage::keys_with_prefix(CARD_PREFIX) {
            let Ok(Some(text)) = storage::get(&key) else { continue };
            match read_entry(&text) {
                Ok(stored) => entries.push(Entry { id: key[CARD_PREFIX.len()..].to_owned(), name: stored.card.name, saved_at: stored.saved_at }),
                Err(error @ ImportError::NewerVersion { .. }) => self.newer(&error),
                Err(error) => self.move_aside(&key, &text, &error.to_string()),
            }
        }
        sort_entries(&mut entries);
        self.entries.set(entries);
        let aside = storage::keys_with_prefix(ASIDE_PREFIX)
            .into_iter()
            .map(|key| Aside { reason: storage::get(&format!("{key}.reason")).ok().flatten().unwrap_or_default(), key })
            .filter(|a| !a.key.ends_with(".reason"))
            .collect();
        self.aside.set(aside);
    }

    /// An entry written by a newer Healthscore: left exactly where it is.
    fn newer(&self, error: &ImportError) {
        self.notify(format!("A saved scorecard was written by a newer Healthscore ({error}); it is left untouched. Reload the page to get the newer app."), false);
    }

    /// Moves an unreadable entry to the aside prefix, with its reason; never deletes it.
    fn move_aside(&self, key: &str, text: &str, reason: &str) {
        let name = key.strip_prefix(CARD_PREFIX).unwrap_or(key);
        let aside = healthscore_core::library::aside_key(name, |k| storage::get(k).ok().flatten().is_some());
        let moved = storage::set(&aside, text).is_ok() && storage::set(&format!("{aside}.reason"), reason).is_ok();
        if moved {
            let _ = storage::remove(key);
        }
        let place = if moved { "It was moved aside (not deleted): download or delete it from the library." } else { "It was left where it was, untouched." };
        self.notify(format!("A saved scorecard could not be read: {reason}. {place}"), false);
    }

    /// Shows a notice once.
    pub fn notify(&self, text: String, offer_export: bool) {
        self.notices.update(|n| {
            if !n.iter().any(|x| x.text == text) {
                n.push(Notice { text, offer_export });
            }
        });
    }

    /// Opens a saved scorecard by id, with a fresh undo history (asks first if work would be lost).
    pub fn open(&self, id: &str) {
        if self.may_replace() {
            self.load(id);
        }
    }

    /// Loads a saved scorecard by id into the designer.
    fn load(&self, id: &str) {
        let text = match storage::get(&key_of(id)) {
            Ok(Some(text)) => text,
            Ok(None) => return self.notify("That scorecard is no longer in the library (another tab may have deleted it).".to_owned(), false),
            Err(error) => return self.notify(format!("The scorecard could not be opened: {error}."), false),
        };
        match read_entry(&text) {
            Ok(stored) => {
                self.last_saved.set_value(Some(stored.card.clone()));
                self.seen.set_value(Some(stored.revision));
                self.current.set(Some(id.to_owned()));
                self.conflict.set(None);
                self.from_link.set(false);
                self.designer.open(stored.card);
                self.state.set(SaveState::Saved(stored.saved_at));
                let _ = storage::set(OPEN_KEY, id);
                storage::tab_set(OPEN_KEY, id);
            }
            Err(error @ ImportError::NewerVersion { .. }) => self.newer(&error),
            Err(error) => {
                self.move_aside(&key_of(id), &text, &error.to_string());
                // The list skips unreadable entries, so this cannot come back to the same one.
                self.refresh();
                match self.entries.get_untracked().first() {
                    Some(next) => self.load(&next.id.clone()),
                    None => self.store_new(dear()),
                }
            }
        }
    }

    /// Saves `card` as a new entry and opens it (asks first if work would be lost).
    pub fn create(&self, card: Scorecard) {
        if self.may_replace() {
            self.store_new(card);
        }
    }

    /// Saves `card` as a new entry and loads it. If storage is full, nothing changes; if
    /// there is no storage at all, the card opens in this tab only.
    fn store_new(&self, card: Scorecard) {
        let id = browser::new_id();
        match storage::set(&key_of(&id), &write_entry(&card, browser::now_ms(), 1)) {
            Ok(()) => {
                self.refresh();
                self.load(&id);
            }
            Err(StorageError::Unavailable) => {
                self.current.set(None);
                self.last_saved.set_value(Some(card.clone()));
                self.conflict.set(None);
                self.from_link.set(false);
                self.designer.open(card);
            }
            Err(error) => self.notify(format!("\u{201c}{}\u{201d} could not be added to the library: {error}. Nothing was changed.", card.name), true),
        }
    }

    /// An edit is waiting to be written (shown as "Saving…" unless saving is already failing).
    pub fn mark_pending(&self) {
        // Cheap check first: during a drag the state is already Pending, so the card is not compared.
        if !matches!(self.state.get_untracked(), SaveState::Saved(_)) {
            return;
        }
        if self.designer.card.with_untracked(|card| self.last_saved.with_value(|last| last.as_ref() != Some(card))) {
            self.state.set(SaveState::Pending);
        }
    }

    /// Writes the open scorecard, unless nothing changed or another tab's change is unresolved.
    pub fn autosave(&self, card: &Scorecard) {
        let Some(id) = self.current.get_untracked() else { return };
        if self.conflict.get_untracked().is_some() {
            return;
        }
        if self.last_saved.with_value(|last| last.as_ref() == Some(card)) {
            return;
        }
        let now = browser::now_ms();
        // Compare before write: only over the revision this tab last saw.
        let stored = match storage::get(&key_of(&id)) {
            Ok(text) => text.and_then(|t| read_entry(&t).ok()).map(|s| s.revision),
            Err(error) => return self.save_failed(&error),
        };
        let revision = match decide_write(stored, self.seen.get_value()) {
            WriteDecision::Write(revision) => revision,
            WriteDecision::Changed(_) => return self.pause(Conflict::Changed, "paused: changed in another tab"),
            WriteDecision::Gone => return self.pause(Conflict::Deleted, "paused: deleted or cleared in another tab"),
        };
        match storage::set(&key_of(&id), &write_entry(card, now, revision)) {
            Ok(()) => {
                self.seen.set_value(Some(revision));
                self.last_saved.set_value(Some(card.clone()));
                self.state.set(SaveState::Saved(now));
                self.entries.update(|entries| {
                    if let Some(entry) = entries.iter_mut().find(|e| e.id == id) {
                        entry.saved_at = now;
                        entry.name = card.name.clone();
                    }
                    sort_entries(entries);
                });
            }
            Err(error) => self.save_failed(&error),
        }
    }

    /// Stops saving the open card until the user chooses, because another tab changed it.
    fn pause(&self, conflict: Conflict, why: &str) {
        self.conflict.set(Some(conflict));
        self.state.set(SaveState::NotSaved(why.to_owned()));
    }

    fn save_failed(&self, error: &StorageError) {
        self.state.set(SaveState::NotSaved(error.to_string()));
        let advice = match error {
            // Only suggest deleting what there is to delete.
            StorageError::Full if self.entries.with_untracked(|e| e.len() > 1) => "Your changes are kept in this tab. Export the scorecard to keep a copy, or delete scorecards you no longer need.",
            _ => "Your changes are kept in this tab. Export the scorecard to keep a copy.",
        };
        self.notify(format!("Not saved: {error}. {advice}"), true);
    }

    /// Renames an entry (the open one through the designer, so it is undoable).
    pub fn rename(&self, id: &str, name: String) {
        if self.current.get_untracked().as_deref() == Some(id) {
            self.designer.edit(None, |c| c.name = name);
            return;
        }
        let Ok(Some(text)) = storage::get(&key_of(id)) else { return };
        let Ok(mut stored) = read_entry(&text) else { return };
        stored.card.name = name;
        if let Err(error) = storage::set(&key_of(id), &write_entry(&stored.card, browser::now_ms(), stored.revision + 1)) {
            self.notify(format!("The scorecard could not be renamed: {error}."), false);
        }
        self.refresh();
    }

    /// Saves a copy of an entry, named "<name> (2)", and opens it.
    pub fn duplicate(&self, id: &str) {
        let card = if self.current.get_untracked().as_deref() == Some(id) {
            Some(self.designer.card.get_untracked())
        } else {
            storage::get(&key_of(id)).ok().flatten().and_then(|t| read_entry(&t).ok()).map(|s| s.card)
        };
        if let Some(mut card) = card {
            card.name = self.free_name(&card.name);
            self.create(card);
        }
    }

    /// Deletes an entry; Undo puts it back. Deleting the open one opens the next.
    pub fn delete(&self, id: &str) {
        let key = key_of(id);
        let Ok(Some(text)) = storage::get(&key) else { return };
        let name = read_entry(&text).map(|s| s.card.name).unwrap_or_default();
        if storage::remove(&key).is_err() {
            return;
        }
        self.undo_delete.set(Some((key, text, format!("Deleted \u{201c}{name}\u{201d}."))));
        self.refresh();
        if self.current.get_untracked().as_deref() == Some(id) {
            self.current.set(None);
            match self.entries.get_untracked().first() {
                Some(next) => self.load(&next.id.clone()),
                None => self.store_new(healthscore_core::templates::blank()),
            }
        }
    }

    /// Puts back the last deleted or replaced entry.
    pub fn undo_delete(&self) {
        let Some((key, text, _)) = self.undo_delete.get_untracked() else { return };
        // Put back over the entry only if nobody wrote it since this tab replaced (or deleted)
        // it; else the old version comes back as an entry of its own, overwriting nothing.
        let old = read_entry(&text).ok();
        let now = storage::get(&key).ok().flatten().and_then(|t| read_entry(&t).ok());
        let (key, text) = match (&old, &now) {
            (_, None) => (key, text),
            (Some(old), Some(now)) if now.revision == old.revision + 1 => {
                (key, write_entry(&old.card, old.saved_at, now.revision + 1))
            }
            (Some(old), Some(_)) => (key_of(&browser::new_id()), write_entry(&old.card, old.saved_at, 1)),
            (None, Some(_)) => (key_of(&browser::new_id()), text),
        };
        match storage::set(&key, &text) {
            Ok(()) => {
                self.undo_delete.set(None);
                self.refresh();
                if let Some(id) = key.strip_prefix(CARD_PREFIX) {
                    self.open(id);
                }
            }
            Err(error) => self.notify(format!("It could not be put back: {error}."), false),
        }
    }

    /// Deletes an entry that was moved aside, on the user's request.
    pub fn delete_aside(&self, key: &str) {
        let _ = storage::remove(key);
        let _ = storage::remove(&format!("{key}.reason"));
        self.refresh();
    }

    /// A name no entry uses yet, based on `name`.
    pub fn free_name(&self, name: &str) -> String {
        self.entries.with_untracked(|entries| {
            let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
            unique_name(name, &names)
        })
    }

    /// Imports a scorecard file's text. Nothing changes unless it is valid; a namesake asks first.
    pub fn import_text(&self, text: &str) -> Result<Imported, String> {
        let card = import(text).map_err(|e| e.to_string())?;
        let namesake = self.entries.with_untracked(|entries| entries.iter().find(|e| same_name(&e.name, &card.name)).map(|e| e.id.clone()));
        match namesake {
            Some(namesake) => {
                self.pending.set(Some(PendingImport { card, namesake }));
                Ok(Imported::AskReplace)
            }
            None if self.may_replace() => {
                self.store_new(card);
                Ok(Imported::Opened)
            }
            None => Ok(Imported::Cancelled),
        }
    }

    /// Resolves a pending import: replace the namesake (undoable) or keep both.
    pub fn resolve_import(&self, replace: bool) {
        let Some(PendingImport { mut card, namesake }) = self.pending.get_untracked() else { return };
        if !self.may_replace() {
            return;
        }
        self.pending.set(None);
        if !replace {
            card.name = self.free_name(&card.name);
            self.store_new(card);
            return;
        }
        let key = key_of(&namesake);
        let old = storage::get(&key).ok().flatten();
        let revision = old.as_deref().and_then(|t| read_entry(t).ok()).map_or(1, |s| s.revision + 1);
        match storage::set(&key, &write_entry(&card, browser::now_ms(), revision)) {
            Ok(()) => {
                if let Some(old) = old {
                    self.undo_delete.set(Some((key, old, format!("Replaced \u{201c}{}\u{201d}.", card.name))));
                }
                self.refresh();
                self.load(&namesake);
            }
            Err(error) => self.save_failed(&error),
        }
    }

    /// Opens the scorecard in a share link's fragment in this tab, not yet in the library.
    /// Returns whether it opened; a damaged link leaves everything as it was and says why.
    fn open_link(&self, fragment: &str) -> bool {
        match decode(fragment) {
            Ok(card) => {
                self.current.set(None);
                self.conflict.set(None);
                self.last_saved.set_value(None);
                self.designer.open(card);
                self.from_link.set(true);
                self.state.set(SaveState::NotSaved("opened from a link".to_owned()));
                true
            }
            Err(error) => {
                self.notify(format!("The share link could not be opened. {error} Your library is unchanged."), false);
                browser::location::clear_fragment();
                false
            }
        }
    }

    /// The address changed to another share link while the page was open.
    pub fn on_hash_change(&self) {
        let Some(fragment) = browser::location::fragment().filter(|f| f.starts_with(FRAGMENT_PREFIX)) else { return };
        if self.may_replace() {
            self.open_link(&fragment);
        }
    }

    /// Saves the scorecard opened from a link into the library; the link leaves the address
    /// bar only once it is saved.
    pub fn keep_link(&self) {
        let mut card = self.designer.card.get_untracked();
        card.name = self.free_name(&card.name);
        self.store_new(card);
        if self.current.get_untracked().is_some() {
            browser::location::clear_fragment();
        }
    }

    /// Leaves the link's scorecard and goes back to the library.
    pub fn discard_link(&self) {
        browser::location::clear_fragment();
        self.from_link.set(false);
        if storage::readable() {
            self.refresh();
            self.open_last();
        }
    }

    /// Another tab wrote `key`: refresh the list, and flag a conflict on the open scorecard.
    pub fn on_storage_event(&self, key: Option<String>, new_value: Option<String>) {
        let Some(key) = key else {
            // storage.clear() in another tab: the open card is only in this tab now.
            self.refresh();
            if let Some(id) = self.current.get_untracked() {
                if matches!(storage::get(&key_of(&id)), Ok(None)) {
                    self.pause(Conflict::Deleted, "the site's storage was cleared in another tab");
                }
            }
            return;
        };
        if !key.starts_with(CARD_PREFIX) {
            return;
        }
        self.refresh();
        let open = self.current.get_untracked().map(|id| key_of(&id));
        if open.as_deref() != Some(key.as_str()) {
            return;
        }
        let theirs = new_value.as_deref().and_then(|t| read_entry(t).ok()).map(|s| s.card);
        let mine = self.designer.card.get_untracked();
        match theirs {
            None => self.conflict.set(Some(Conflict::Deleted)),
            Some(theirs) if theirs == mine => {
                // The same card: adopt their revision, so the next write goes over it.
                self.seen.set_value(new_value.as_deref().and_then(|t| read_entry(t).ok()).map(|s| s.revision));
                self.last_saved.set_value(Some(theirs));
            }
            Some(_) => self.conflict.set(Some(Conflict::Changed)),
        }
        if self.conflict.get_untracked().is_some() {
            self.state.set(SaveState::NotSaved("paused: changed in another tab".to_owned()));
        }
    }

    /// Conflict resolved by loading the other tab's version. It starts a fresh undo history,
    /// so an undo cannot quietly write this tab's old version over it.
    pub fn take_theirs(&self) {
        let Some(id) = self.current.get_untracked() else { return };
        self.conflict.set(None);
        self.load(&id);
    }

    /// Conflict resolved by keeping this tab's version as a new copy; the other tab's stays.
    pub fn keep_mine(&self) {
        self.conflict.set(None);
        self.refresh();
        let name = self.free_name(&self.designer.card.with_untracked(|c| c.name.clone()));
        let id = browser::new_id();
        self.current.set(Some(id.clone()));
        self.last_saved.set_value(None);
        self.seen.set_value(None);
        let _ = storage::set(OPEN_KEY, &id);
        storage::tab_set(OPEN_KEY, &id);
        // The new name is an undoable step; the copy is written under its new id at once.
        self.designer.edit(None, |c| c.name = name);
        self.designer.card.with_untracked(|card| self.autosave(card));
        self.refresh();
    }

    /// Offers the open scorecard as a `.json` download named after it.
    pub fn export_file(&self) {
        let card = self.designer.card.get_untracked();
        if let Err(message) = browser::download::download(&file_name(&card.name, "json"), "application/json", &export(&card)) {
            self.notify(message, false);
        }
    }

    /// Offers an unreadable, set-aside entry as a download, so nothing is lost.
    pub fn download_aside(&self, key: &str) {
        if let Ok(Some(text)) = storage::get(key) {
            let name = key.strip_prefix(ASIDE_PREFIX).unwrap_or(key);
            let _ = browser::download::download(&format!("unreadable-{name}.json"), "application/json", &text);
        }
    }
}

/// The storage key of an entry.
fn key_of(id: &str) -> String {
    format!("{CARD_PREFIX}{id}")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The pasted accounts saved by an earlier visit, if any.
/// Whether a storage key is where the accounts are kept.
/// A saved scorecard, read by id (None when it is gone or unreadable): for comparing proposals.
pub fn read_saved(id: String) -> Option<Scorecard> {
    let text = storage::get(&key_of(&id)).ok().flatten()?;
    read_entry(&text).ok().map(|stored| stored.card)
}

pub fn is_accounts_key(key: &str) -> bool {
    key == ACCOUNTS_KEY
}

pub fn load_accounts() -> Result<Option<String>, String> {
    storage::get(ACCOUNTS_KEY).map_err(|_| "The saved accounts could not be read.".to_owned())
}

/// What to tell a visit whose last accounts were too large to keep, if that happened.
pub fn accounts_not_kept() -> Option<String> {
    let size = storage::get(NOT_KEPT_KEY).ok().flatten()?;
    Some(format!(
        "The accounts on screen last time ({size} MB) were too large to keep in this browser, so none are shown now. Open the file again to score them."
    ))
}

/// Keeps the pasted accounts for the next visit. An empty text is kept too:
/// it means "cleared", so the next visit does not bring the demo back.
/// Accounts too large to keep are said so now, and the older paste is dropped so
/// that a reload never brings back other data than what was last on screen.
pub fn save_accounts(text: Option<&str>, bytes: usize) -> Result<(), String> {
    // Accounts keep their text up to KEPT_TEXT_BYTES: localStorage holds about 5 million
    // characters for the whole site, and the scorecards need room too.
    let Some(text) = text else {
        let _ = storage::set(ACCOUNTS_KEY, "");
        let _ = storage::set(NOT_KEPT_KEY, &format!("{:.1}", bytes as f64 / 1_000_000.0));
        return Err(format!(
            "These accounts ({:.1} MB) are too large to keep in this browser's storage (up to 2 MB is kept). They are scored here until you reload or close the tab; then open the file again.",
            bytes as f64 / 1_000_000.0
        ));
    };
    let _ = storage::remove(NOT_KEPT_KEY);
    match storage::set(ACCOUNTS_KEY, text) {
        // The library has already said that nothing can be saved.
        Err(StorageError::Unavailable) => Ok(()),
        other => other,
    }
    .map_err(|error| {
        format!("The pasted accounts were not saved: {error}. They stay on screen until you reload; clear accounts you no longer need, or paste a smaller sample.")
    })
}
