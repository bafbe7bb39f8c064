//! The library as a state machine: `library.apply(env, event) -> commands`.
//!
//! Events are what the user does (open, create, edit, rename, delete, import...), what
//! other tabs do (a storage event), and timers (the autosave pause ended). The machine
//! reads and writes storage only through [`Env::store`], the one [`Store`] trait, and gets
//! the clock and new ids from [`Env`]: given the same store it decides the same way, so it
//! runs under `cargo test` with a [`super::MemoryStore`]. What the page must do (show a
//! card, ask the user, start a timer) comes back as [`Command`]s.
//!
//! Storage is synchronous (localStorage is), so a write's outcome, Ok, full or failed, is
//! handled in the same step as the write: compare-before-write reads and writes with no
//! other tab's step in between.

use super::entry::{
    aside_key, decide_write, read_card_text, read_entry, same_name, sort_entries, unique_name,
    write_entry, Entry, Stored, WriteDecision, ASIDE_PREFIX, CARD_PREFIX,
};
use super::store::{Store, StoreError};
use crate::file::ImportError;
use crate::model::Scorecard;
use crate::share::decode;
use crate::templates::{blank, dear};

/// Which entry was opened last in any tab, so a new tab reopens it.
pub const OPEN_KEY: &str = "healthscore.open";
/// Where issues 2 and 3 kept their one scorecard; moved into the library on first load.
pub const LEGACY_KEY: &str = "healthscore.current-card";
/// Written and removed at start, to learn whether storage takes writes.
const PROBE_KEY: &str = "healthscore.probe";
/// What a tab that followed another tab's save says.
pub const FOLLOWED: &str = "Updated from another tab.";

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

/// Another tab changed or deleted the scorecard this tab has unsaved edits to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// It saved a different version.
    Changed,
    /// It deleted the scorecard (or storage was cleared).
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

/// A scorecard waiting for the user to choose between replacing a namesake and keeping both.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingImport {
    /// The imported scorecard.
    pub card: Scorecard,
    /// The id of the library entry with the same name.
    pub namesake: String,
}

/// The last deleted or replaced entry, for "Undo delete".
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    /// Its storage key.
    pub key: String,
    /// Its stored text before.
    pub text: String,
    /// What is shown with the Undo button.
    pub message: String,
}

/// Something that happened: a user action, another tab's storage change, or a timer.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The page opened: `link` is a share-link fragment in the address, `tab_open` the entry
    /// this tab had open before a reload.
    Start {
        /// The address's share-link fragment, if any.
        link: Option<String>,
        /// This tab's last open entry (kept per tab, across reloads).
        tab_open: Option<String>,
    },
    /// Open a saved scorecard by id.
    Open(String),
    /// Save a new scorecard and open it.
    Create(Scorecard),
    /// The scorecard on screen changed (an edit, undo or redo).
    Edited(Scorecard),
    /// The edit has paused (or the page is being hidden): write it now.
    SaveDue,
    /// Rename an entry (the open one as an undoable edit).
    Rename {
        /// The entry.
        id: String,
        /// Its new name.
        name: String,
    },
    /// Save a copy of an entry and open it.
    Duplicate(String),
    /// Delete an entry; Undo puts it back.
    Delete(String),
    /// Put back the last deleted or replaced entry.
    UndoDelete,
    /// Delete an entry that was moved aside, for good.
    DeleteAside(String),
    /// An imported, valid scorecard.
    Import(Scorecard),
    /// The answer to "replace or keep both".
    ResolveImport {
        /// Replace the namesake (undoable), else keep both.
        replace: bool,
    },
    /// The import with a namesake is cancelled.
    CancelImport,
    /// A share link's fragment to open in this tab.
    OpenLink(String),
    /// Save the scorecard opened from a link into the library.
    KeepLink,
    /// Leave the link's scorecard and go back to the library.
    DiscardLink,
    /// Another tab changed storage: `key` None means it was cleared. `value` is the new
    /// text the event carried; the store itself is read first, since a delayed event can be
    /// older than what is stored now.
    StorageChanged {
        /// The key changed, None when storage was cleared.
        key: Option<String>,
        /// The new text the event carried.
        value: Option<String>,
    },
    /// In a conflict: load the other tab's version.
    TakeTheirs,
    /// In a conflict: keep this tab's version as a new entry.
    KeepMine,
    /// Show a notice (from outside the library: accounts, downloads).
    Notify(Notice),
    /// The user dismissed the notice with this text.
    Dismiss(String),
    /// The user agreed to drop unsaved work for this event.
    Confirmed(Box<Event>),
}

/// What the page must do after an event.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Put this scorecard on screen with a fresh undo history.
    Show(Scorecard),
    /// Rename the scorecard on screen as an undoable edit.
    Rename(String),
    /// (Re)start the autosave pause; when it ends, send [`Event::SaveDue`].
    StartSaveTimer,
    /// Ask the user `question`; if they agree, send `then`.
    Ask {
        /// The question, in plain words.
        question: String,
        /// What to send if the user agrees.
        then: Event,
    },
    /// Remember, for this tab only, that entry `id` is open.
    RememberTab(String),
    /// Remove the share link from the address bar.
    ClearFragment,
}

/// What a step may use from outside: storage, the clock and new ids.
pub struct Env<'a> {
    /// The site's storage, shared with other tabs.
    pub store: &'a mut dyn Store,
    /// Milliseconds since 1970, now.
    pub now: f64,
    /// A fresh entry id that no tab has used.
    pub new_id: &'a mut dyn FnMut() -> String,
}

/// One step's environment and the commands it has produced.
struct Step<'e, 'a> {
    env: &'e mut Env<'a>,
    out: Vec<Command>,
}

/// The library: what is open, whether it is saved, the list, and what waits for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Library {
    /// The scorecard on screen.
    pub card: Scorecard,
    /// Saved scorecards, newest first.
    pub entries: Vec<Entry>,
    /// Unreadable entries that were moved aside.
    pub aside: Vec<Aside>,
    /// The id of the entry on screen; None while it is not in the library (opened from a
    /// share link, or storage unavailable).
    pub current: Option<String>,
    /// Saved or not.
    pub save: SaveState,
    /// Set when another tab changed the open scorecard under unsaved edits; saving pauses.
    pub conflict: Option<Conflict>,
    /// Storage problems and news to show.
    pub notices: Vec<Notice>,
    /// The scorecard on screen came from a share link and is not saved yet.
    pub from_link: bool,
    /// An import waiting for "replace or keep both".
    pub pending: Option<PendingImport>,
    /// The last deleted or replaced entry, for Undo.
    pub undo: Option<Undo>,
    /// What this tab last loaded or wrote for the open entry: the card on screen differs
    /// from it exactly when there are unsaved edits.
    saved: Option<Scorecard>,
    /// The revision of the open entry this tab last loaded or wrote: it writes only over that
    /// one (compare-before-write), so it never overwrites a version it has not seen.
    seen: Option<u64>,
    /// The entry this tab had open, kept per tab across reloads.
    tab_open: Option<String>,
}

impl Default for Library {
    fn default() -> Library {
        Library::new()
    }
}

/// The storage key of an entry.
pub fn key_of(id: &str) -> String {
    format!("{CARD_PREFIX}{id}")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

impl Step<'_, '_> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.env.store.get(key)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.env.store.set(key, value)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.env.store.remove(key)
    }

    fn new_id(&mut self) -> String {
        (self.env.new_id)()
    }

    /// The entry stored under `key`, if it is there and readable.
    fn stored(&self, key: &str) -> Option<Stored> {
        self.get(key)
            .ok()
            .flatten()
            .and_then(|t| read_entry(&t).ok())
    }
}

impl Library {
    /// A library before [`Event::Start`]: the demo card, not saved yet.
    pub fn new() -> Library {
        Library {
            card: dear(),
            entries: Vec::new(),
            aside: Vec::new(),
            current: None,
            save: SaveState::NotSaved("not saved yet".to_owned()),
            conflict: None,
            notices: Vec::new(),
            from_link: false,
            pending: None,
            undo: None,
            saved: None,
            seen: None,
            tab_open: None,
        }
    }

    /// Handles one event; returns what the page must do, in order.
    pub fn apply(&mut self, env: &mut Env<'_>, event: Event) -> Vec<Command> {
        let mut step = Step {
            env,
            out: Vec::new(),
        };
        self.handle(&mut step, event, false);
        step.out
    }

    /// No conflict and no unsaved edits: what is on screen is what this tab last stored.
    fn clean(&self) -> bool {
        self.conflict.is_none() && !self.unsaved()
    }

    /// Whether the card on screen differs from what this tab last stored.
    pub fn unsaved(&self) -> bool {
        self.saved.as_ref() != Some(&self.card)
    }

    /// The revision of the open entry this tab last loaded or wrote.
    pub fn seen(&self) -> Option<u64> {
        self.seen
    }

    /// A name no entry uses yet, based on `name`.
    pub fn free_name(&self, name: &str) -> String {
        let names: Vec<&str> = self.entries.iter().map(|e| e.name.as_str()).collect();
        unique_name(name, &names)
    }

    fn handle(&mut self, step: &mut Step, event: Event, confirmed: bool) {
        match event {
            Event::Start { link, tab_open } => self.start(step, link, tab_open),
            Event::Open(id) => {
                if self.may_replace(step, confirmed, || Event::Open(id.clone())) {
                    self.load(step, &id);
                }
            }
            Event::Create(card) => {
                if self.may_replace(step, confirmed, || Event::Create(card.clone())) {
                    self.store_new(step, card);
                }
            }
            Event::Edited(card) => self.edited(step, card),
            Event::SaveDue => self.autosave(step),
            Event::Rename { id, name } => self.rename(step, &id, name),
            Event::Duplicate(id) => self.duplicate(step, &id, confirmed),
            Event::Delete(id) => self.delete(step, &id),
            Event::UndoDelete => self.undo_delete(step, confirmed),
            Event::DeleteAside(key) => self.delete_aside(step, &key),
            Event::Import(card) => self.import(step, card, confirmed),
            Event::ResolveImport { replace } => self.resolve_import(step, replace, confirmed),
            Event::CancelImport => self.pending = None,
            Event::OpenLink(fragment) => {
                if self.may_replace(step, confirmed, || Event::OpenLink(fragment.clone())) {
                    self.open_link(step, &fragment);
                }
            }
            Event::KeepLink => self.keep_link(step),
            Event::DiscardLink => self.discard_link(step),
            Event::StorageChanged { key, value } => self.storage_changed(step, key, value),
            // Both answer a conflict: without one there is nothing to settle (and loading
            // "theirs" would drop unsaved edits).
            Event::TakeTheirs if self.conflict.is_some() => self.take_theirs(step),
            Event::KeepMine if self.conflict.is_some() => self.keep_mine(step),
            Event::TakeTheirs | Event::KeepMine => {}
            Event::Notify(notice) => self.notify(notice.text, notice.offer_export),
            Event::Dismiss(text) => self.notices.retain(|n| n.text != text),
            Event::Confirmed(event) => self.handle(step, *event, true),
        }
    }

    /// Migrates the old single-card key, reads every entry (moving unreadable ones aside),
    /// opens the share link or the last-open scorecard.
    fn start(&mut self, step: &mut Step, link: Option<String>, tab_open: Option<String>) {
        self.tab_open = tab_open;
        let probe = step
            .set(PROBE_KEY, "1")
            .and_then(|()| step.remove(PROBE_KEY));
        let readable = match probe {
            Ok(()) => true,
            // Full, but readable: the library opens, and says why edits are not saved.
            Err(StoreError::Full) => {
                self.save_failed(&StoreError::Full);
                true
            }
            Err(error) => {
                self.notify(format!("{}. You can keep working: this scorecard lives in this tab until you export it.", capitalise(&error.to_string())), true);
                self.save = SaveState::NotSaved("storage unavailable".to_owned());
                self.saved = Some(self.card.clone());
                false
            }
        };
        if readable {
            self.migrate_legacy(step);
            self.refresh(step);
        }
        let opened_link = link.is_some_and(|fragment| self.open_link(step, &fragment));
        if readable && !opened_link {
            self.open_last(step);
        }
    }

    /// Opens this tab's last scorecard, or the one opened last in any tab, or the newest,
    /// or (for a first visit) the demo.
    fn open_last(&mut self, step: &mut Step) {
        let last = self
            .tab_open
            .clone()
            .or_else(|| step.get(super::OPEN_KEY).ok().flatten());
        let listed = |id: &String| self.entries.iter().any(|e| &e.id == id);
        let id = last
            .filter(listed)
            .or_else(|| self.entries.first().map(|e| e.id.clone()));
        match id {
            Some(id) => self.load(step, &id),
            None => self.store_new(step, dear()),
        }
    }

    /// Before the card on screen is replaced: a version in conflict is saved as a copy, a
    /// waiting edit is written, and work that is still not stored is only dropped if the
    /// user agrees (`retry` is the event to send again once they do).
    fn may_replace(
        &mut self,
        step: &mut Step,
        confirmed: bool,
        retry: impl FnOnce() -> Event,
    ) -> bool {
        if self.conflict.is_some() {
            self.keep_mine(step);
        }
        self.autosave(step);
        if confirmed || !self.unsaved() {
            return true;
        }
        let name = &self.card.name;
        let question = format!("\u{201c}{name}\u{201d} has changes that are not saved in this browser. Close it anyway?\n\nChoose Cancel, then Export scorecard, to keep them.");
        step.out.push(Command::Ask {
            question,
            then: Event::Confirmed(Box::new(retry())),
        });
        false
    }

    /// The old single-card key becomes a library entry; it is removed only once copied.
    fn migrate_legacy(&mut self, step: &mut Step) {
        let Ok(Some(text)) = step.get(LEGACY_KEY) else {
            return;
        };
        match read_card_text(&text) {
            Ok(card) => {
                let id = step.new_id();
                let now = step.env.now;
                if step.set(&key_of(&id), &write_entry(&card, now, 1)).is_ok() {
                    let _ = step.remove(LEGACY_KEY);
                }
            }
            Err(error) => self.move_aside(step, LEGACY_KEY, &text, &error.to_string()),
        }
    }

    /// Rereads the list from storage (entries are the truth; there is no index).
    fn refresh(&mut self, step: &mut Step) {
        self.refresh_knowing(step, None);
    }

    /// [`Self::refresh`], except that `known` (an entry this tab has just written) is listed
    /// from what was written rather than read back and parsed again.
    fn refresh_knowing(&mut self, step: &mut Step, known: Option<(&str, &Stored)>) {
        let mut entries = Vec::new();
        for key in step.env.store.keys_with_prefix(CARD_PREFIX) {
            let id = &key[CARD_PREFIX.len()..];
            if let Some((_, stored)) = known.filter(|(known_id, _)| *known_id == id) {
                entries.push(Entry {
                    id: id.to_owned(),
                    name: stored.card.name.clone(),
                    saved_at: stored.saved_at,
                });
                continue;
            }
            let Ok(Some(text)) = step.get(&key) else {
                continue;
            };
            match read_entry(&text) {
                Ok(stored) => entries.push(Entry {
                    id: key[CARD_PREFIX.len()..].to_owned(),
                    name: stored.card.name,
                    saved_at: stored.saved_at,
                }),
                Err(error @ ImportError::NewerVersion { .. }) => self.newer(&error),
                Err(error) => self.move_aside(step, &key, &text, &error.to_string()),
            }
        }
        sort_entries(&mut entries);
        self.entries = entries;
        self.aside = step
            .env
            .store
            .keys_with_prefix(ASIDE_PREFIX)
            .into_iter()
            .filter(|key| !key.ends_with(".reason"))
            .map(|key| Aside {
                reason: step
                    .get(&format!("{key}.reason"))
                    .ok()
                    .flatten()
                    .unwrap_or_default(),
                key,
            })
            .collect();
    }

    /// An entry written by a newer Healthscore: left exactly where it is.
    fn newer(&mut self, error: &ImportError) {
        self.notify(format!("A saved scorecard was written by a newer Healthscore ({error}); it is left untouched. Reload the page to get the newer app."), false);
    }

    /// Moves an unreadable entry to the aside prefix, with its reason; never deletes it.
    fn move_aside(&mut self, step: &mut Step, key: &str, text: &str, reason: &str) {
        let name = key.strip_prefix(CARD_PREFIX).unwrap_or(key);
        let aside = aside_key(name, |k| step.get(k).ok().flatten().is_some());
        let moved =
            step.set(&aside, text).is_ok() && step.set(&format!("{aside}.reason"), reason).is_ok();
        if moved {
            let _ = step.remove(key);
        }
        let place = if moved {
            "It was moved aside (not deleted): download or delete it from the library."
        } else {
            "It was left where it was, untouched."
        };
        self.notify(
            format!("A saved scorecard could not be read: {reason}. {place}"),
            false,
        );
    }

    /// Shows a notice once.
    fn notify(&mut self, text: String, offer_export: bool) {
        if !self.notices.iter().any(|n| n.text == text) {
            self.notices.push(Notice { text, offer_export });
        }
    }

    fn show(&mut self, step: &mut Step, card: Scorecard) {
        self.card = card.clone();
        step.out.push(Command::Show(card));
    }

    fn remember(&mut self, step: &mut Step, id: &str) {
        let _ = step.set(super::OPEN_KEY, id);
        self.tab_open = Some(id.to_owned());
        step.out.push(Command::RememberTab(id.to_owned()));
    }

    /// Loads a saved scorecard by id onto the screen.
    fn load(&mut self, step: &mut Step, id: &str) {
        let text =
            match step.get(&key_of(id)) {
                Ok(Some(text)) => text,
                Ok(None) => return self.notify(
                    "That scorecard is no longer in the library (another tab may have deleted it)."
                        .to_owned(),
                    false,
                ),
                Err(error) => {
                    return self.notify(
                        format!("The scorecard could not be opened: {error}."),
                        false,
                    )
                }
            };
        match read_entry(&text) {
            Ok(stored) => self.open_stored(step, id, stored),
            Err(error @ ImportError::NewerVersion { .. }) => self.newer(&error),
            Err(error) => {
                self.move_aside(step, &key_of(id), &text, &error.to_string());
                // The list skips unreadable entries, so this cannot come back to the same one.
                self.refresh(step);
                match self.entries.first() {
                    Some(next) => {
                        let next = next.id.clone();
                        self.load(step, &next);
                    }
                    None => self.store_new(step, dear()),
                }
            }
        }
    }

    /// Shows entry `id`, read as `stored`, as the card this tab has open.
    fn open_stored(&mut self, step: &mut Step, id: &str, stored: Stored) {
        self.adopt(id, &stored);
        self.from_link = false;
        self.show(step, stored.card);
        self.remember(step, id);
    }

    /// `stored` (entry `id`) is what this tab now has open and has seen.
    fn adopt(&mut self, id: &str, stored: &Stored) {
        self.current = Some(id.to_owned());
        self.saved = Some(stored.card.clone());
        self.seen = Some(stored.revision);
        self.conflict = None;
        self.save = SaveState::Saved(stored.saved_at);
    }

    /// Saves `card` as a new entry and loads it. If storage is full, nothing changes; if
    /// there is no storage at all, the card opens in this tab only.
    fn store_new(&mut self, step: &mut Step, card: Scorecard) {
        let id = step.new_id();
        let now = step.env.now;
        match step.set(&key_of(&id), &write_entry(&card, now, 1)) {
            Ok(()) => {
                // Opened from the card in hand: parsing back what was just written would cost
                // a first visit the JSON reader's compilation, for the same card.
                let stored = Stored {
                    saved_at: now,
                    revision: 1,
                    card,
                };
                self.refresh_knowing(step, Some((&id, &stored)));
                self.open_stored(step, &id, stored);
            }
            Err(StoreError::Unavailable) => {
                self.current = None;
                self.saved = Some(card.clone());
                self.conflict = None;
                self.from_link = false;
                self.show(step, card);
            }
            Err(error) => self.notify(format!("\u{201c}{}\u{201d} could not be added to the library: {error}. Nothing was changed.", card.name), true),
        }
    }

    /// The card on screen changed: shown as "Saving…" (unless saving is already failing)
    /// and written once the edit pauses.
    fn edited(&mut self, step: &mut Step, card: Scorecard) {
        if card == self.card {
            return;
        }
        self.card = card;
        if matches!(self.save, SaveState::Saved(_)) && self.unsaved() {
            self.save = SaveState::Pending;
        }
        step.out.push(Command::StartSaveTimer);
    }

    /// Writes the open scorecard, unless nothing changed or another tab's change is
    /// unresolved; only over the revision this tab last saw (compare-before-write).
    fn autosave(&mut self, step: &mut Step) {
        let Some(id) = self.current.clone() else {
            return;
        };
        if self.conflict.is_some() || !self.unsaved() {
            return;
        }
        let key = key_of(&id);
        let stored = match step.get(&key) {
            Ok(text) => text.and_then(|t| read_entry(&t).ok()).map(|s| s.revision),
            Err(error) => return self.save_failed(&error),
        };
        let revision = match decide_write(stored, self.seen) {
            WriteDecision::Write(revision) => revision,
            WriteDecision::Changed(_) => {
                return self.pause(Conflict::Changed, "paused: changed in another tab")
            }
            WriteDecision::Gone => {
                return self.pause(
                    Conflict::Deleted,
                    "paused: deleted or cleared in another tab",
                )
            }
        };
        let now = step.env.now;
        match step.set(&key, &write_entry(&self.card, now, revision)) {
            Ok(()) => self.written(&id, revision, now),
            Err(error) => self.save_failed(&error),
        }
    }

    /// The card on screen was written as `revision` of entry `id` at `now`.
    fn written(&mut self, id: &str, revision: u64, now: f64) {
        self.seen = Some(revision);
        self.saved = Some(self.card.clone());
        self.save = SaveState::Saved(now);
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id) {
            entry.saved_at = now;
            entry.name = self.card.name.clone();
        }
        sort_entries(&mut self.entries);
    }

    /// Stops saving the open card until the user chooses, because another tab changed it.
    fn pause(&mut self, conflict: Conflict, why: &str) {
        self.conflict = Some(conflict);
        self.save = SaveState::NotSaved(why.to_owned());
    }

    fn save_failed(&mut self, error: &StoreError) {
        self.save = SaveState::NotSaved(error.to_string());
        let advice = match error {
            // Only suggest deleting what there is to delete.
            StoreError::Full if self.entries.len() > 1 => "Your changes are kept in this tab. Export the scorecard to keep a copy, or delete scorecards you no longer need.",
            _ => "Your changes are kept in this tab. Export the scorecard to keep a copy.",
        };
        self.notify(format!("Not saved: {error}. {advice}"), true);
    }

    /// Renames an entry (the open one on screen, so it is undoable).
    fn rename(&mut self, step: &mut Step, id: &str, name: String) {
        if self.current.as_deref() == Some(id) {
            return self.rename_open(step, name);
        }
        let key = key_of(id);
        let Some(mut stored) = step.stored(&key) else {
            return;
        };
        stored.card.name = name;
        let now = step.env.now;
        if let Err(error) = step.set(&key, &write_entry(&stored.card, now, stored.revision + 1)) {
            self.notify(
                format!("The scorecard could not be renamed: {error}."),
                false,
            );
        }
        self.refresh(step);
    }

    /// Renames the card on screen: an undoable step there, and an edit to save here.
    fn rename_open(&mut self, step: &mut Step, name: String) {
        let mut card = self.card.clone();
        card.name = name.clone();
        step.out.push(Command::Rename(name));
        self.edited(step, card);
    }

    /// Saves a copy of an entry, named "<name> (2)", and opens it.
    fn duplicate(&mut self, step: &mut Step, id: &str, confirmed: bool) {
        let card = if self.current.as_deref() == Some(id) {
            Some(self.card.clone())
        } else {
            step.stored(&key_of(id)).map(|s| s.card)
        };
        if let Some(mut card) = card {
            card.name = self.free_name(&card.name);
            self.handle(step, Event::Create(card), confirmed);
        }
    }

    /// Deletes an entry; Undo puts it back. Deleting the open one opens the next.
    fn delete(&mut self, step: &mut Step, id: &str) {
        let key = key_of(id);
        let Ok(Some(text)) = step.get(&key) else {
            return;
        };
        let name = read_entry(&text).map(|s| s.card.name).unwrap_or_default();
        if step.remove(&key).is_err() {
            return;
        }
        let message = format!("Deleted \u{201c}{name}\u{201d}.");
        self.undo = Some(Undo { key, text, message });
        self.refresh(step);
        if self.current.as_deref() == Some(id) {
            self.current = None;
            match self.entries.first() {
                Some(next) => {
                    let next = next.id.clone();
                    self.load(step, &next);
                }
                None => self.store_new(step, blank()),
            }
        }
    }

    /// Puts back the last deleted or replaced entry, over the entry only if nobody wrote it
    /// since; else the old version comes back as an entry of its own, overwriting nothing.
    fn undo_delete(&mut self, step: &mut Step, confirmed: bool) {
        let Some(Undo { key, text, .. }) = self.undo.clone() else {
            return;
        };
        let old = read_entry(&text).ok();
        let now = step.stored(&key);
        let (key, text) = match (&old, &now) {
            (_, None) => (key, text),
            (Some(old), Some(now)) if now.revision == old.revision + 1 => {
                (key, write_entry(&old.card, old.saved_at, now.revision + 1))
            }
            (Some(old), Some(_)) => (
                key_of(&step.new_id()),
                write_entry(&old.card, old.saved_at, 1),
            ),
            (None, Some(_)) => (key_of(&step.new_id()), text),
        };
        match step.set(&key, &text) {
            Ok(()) => {
                self.undo = None;
                self.refresh(step);
                if let Some(id) = key.strip_prefix(CARD_PREFIX) {
                    self.handle(step, Event::Open(id.to_owned()), confirmed);
                }
            }
            Err(error) => self.notify(format!("It could not be put back: {error}."), false),
        }
    }

    /// Deletes an entry that was moved aside, on the user's request.
    fn delete_aside(&mut self, step: &mut Step, key: &str) {
        let _ = step.remove(key);
        let _ = step.remove(&format!("{key}.reason"));
        self.refresh(step);
    }

    /// An imported scorecard: saved and opened, or, with a namesake, the user is asked.
    fn import(&mut self, step: &mut Step, card: Scorecard, confirmed: bool) {
        let namesake = self
            .entries
            .iter()
            .find(|e| same_name(&e.name, &card.name))
            .map(|e| e.id.clone());
        if let Some(namesake) = namesake {
            self.pending = Some(PendingImport { card, namesake });
        } else if self.may_replace(step, confirmed, || Event::Import(card.clone())) {
            self.store_new(step, card);
        }
    }

    /// Resolves a pending import: replace the namesake (undoable) or keep both.
    fn resolve_import(&mut self, step: &mut Step, replace: bool, confirmed: bool) {
        let Some(PendingImport { mut card, namesake }) = self.pending.clone() else {
            return;
        };
        if !self.may_replace(step, confirmed, || Event::ResolveImport { replace }) {
            return;
        }
        self.pending = None;
        if !replace {
            card.name = self.free_name(&card.name);
            return self.store_new(step, card);
        }
        let key = key_of(&namesake);
        let old = step.get(&key).ok().flatten();
        let revision = old
            .as_deref()
            .and_then(|t| read_entry(t).ok())
            .map_or(1, |s| s.revision + 1);
        let now = step.env.now;
        match step.set(&key, &write_entry(&card, now, revision)) {
            Ok(()) => {
                if let Some(text) = old {
                    let message = format!("Replaced \u{201c}{}\u{201d}.", card.name);
                    self.undo = Some(Undo { key, text, message });
                }
                self.refresh(step);
                self.load(step, &namesake);
            }
            Err(error) => self.save_failed(&error),
        }
    }

    /// Opens the scorecard in a share link's fragment, not yet in the library. Returns
    /// whether it opened; a damaged link leaves everything as it was and says why.
    fn open_link(&mut self, step: &mut Step, fragment: &str) -> bool {
        match decode(fragment) {
            Ok(card) => {
                self.current = None;
                self.conflict = None;
                self.saved = None;
                self.seen = None;
                self.from_link = true;
                self.save = SaveState::NotSaved("opened from a link".to_owned());
                self.show(step, card);
                true
            }
            Err(error) => {
                self.notify(
                    format!(
                        "The share link could not be opened. {error} Your library is unchanged."
                    ),
                    false,
                );
                step.out.push(Command::ClearFragment);
                false
            }
        }
    }

    /// Saves the scorecard opened from a link; the link leaves the address bar only once
    /// it is saved.
    fn keep_link(&mut self, step: &mut Step) {
        let mut card = self.card.clone();
        card.name = self.free_name(&card.name);
        self.store_new(step, card);
        if self.current.is_some() {
            step.out.push(Command::ClearFragment);
        }
    }

    /// Leaves the link's scorecard and goes back to the library.
    fn discard_link(&mut self, step: &mut Step) {
        step.out.push(Command::ClearFragment);
        self.from_link = false;
        if step.get(PROBE_KEY).is_ok() {
            self.refresh(step);
            self.open_last(step);
        }
    }

    /// Another tab wrote storage: the list is reread; a clean tab follows a new version of
    /// its open scorecard, and a tab with unsaved edits pauses and asks.
    fn storage_changed(&mut self, step: &mut Step, key: Option<String>, value: Option<String>) {
        let Some(key) = key else {
            return self.cleared(step);
        };
        if !key.starts_with(CARD_PREFIX) {
            return;
        }
        self.refresh(step);
        if self.current.as_deref().map(key_of).as_deref() != Some(key.as_str()) {
            return;
        }
        let text = step.get(&key).unwrap_or(value);
        match text.as_deref().and_then(|t| read_entry(t).ok()) {
            None => self.pause(
                Conflict::Deleted,
                "paused: deleted or cleared in another tab",
            ),
            Some(theirs) if theirs.card == self.card => {
                // The same card: it is stored as it is on screen, under their revision.
                let id = key[CARD_PREFIX.len()..].to_owned();
                self.adopt(&id, &theirs);
            }
            // Only a newer revision is followed: another card under a revision this tab has
            // seen means both tabs wrote it at once (storage has no atomic compare-and-set
            // across tabs), and this tab's saved version must not vanish silently.
            Some(theirs) if self.clean() && self.seen.is_none_or(|seen| theirs.revision > seen) => {
                let id = key[CARD_PREFIX.len()..].to_owned();
                self.adopt(&id, &theirs);
                self.show(step, theirs.card);
                self.notify(FOLLOWED.to_owned(), false);
            }
            Some(_) => self.pause(Conflict::Changed, "paused: changed in another tab"),
        }
    }

    /// Storage was cleared in another tab: the open card is only in this tab now.
    fn cleared(&mut self, step: &mut Step) {
        self.refresh(step);
        let Some(id) = &self.current else { return };
        if matches!(step.get(&key_of(id)), Ok(None)) {
            self.pause(
                Conflict::Deleted,
                "the site's storage was cleared in another tab",
            );
        }
    }

    /// Conflict resolved by loading the other tab's version, with a fresh undo history so
    /// an undo cannot quietly write this tab's old version over it.
    fn take_theirs(&mut self, step: &mut Step) {
        let Some(id) = self.current.clone() else {
            return;
        };
        self.conflict = None;
        self.load(step, &id);
    }

    /// Conflict resolved by keeping this tab's version as a new entry; the other tab's stays.
    fn keep_mine(&mut self, step: &mut Step) {
        self.conflict = None;
        self.refresh(step);
        let name = self.free_name(&self.card.name);
        let id = step.new_id();
        self.current = Some(id.clone());
        self.saved = None;
        self.seen = None;
        self.remember(step, &id);
        // The new name is an undoable step; the copy is written under its new id at once.
        self.rename_open(step, name);
        self.autosave(step);
        self.refresh(step);
    }
}
