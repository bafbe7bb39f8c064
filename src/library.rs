//! The library's shell: runs the core's library state machine against the browser.
//!
//! Every decision (what to open, whether to write, when to ask, how two tabs settle) is
//! made by [`healthscore_core::library::Library`]. This module feeds it events, keeps it
//! in one signal with memos for the views, and carries out its commands: the designer
//! shows a card, the autosave timer restarts, the user is asked, the address bar is
//! cleared. Storage is [`BrowserStore`], the browser side of the core's `Store` trait.

use crate::browser::{self, storage::BrowserStore};
use crate::designer::Designer;
use healthscore_core::file::{export, import};
use healthscore_core::library::{
    file_name, Command, Env, Event, Notice, Store, StoreError, ASIDE_PREFIX, OPEN_KEY,
};
pub use healthscore_core::library::{Aside, Conflict, Entry, PendingImport, SaveState, Undo};
use healthscore_core::share::FRAGMENT_PREFIX;
use healthscore_core::Scorecard;
use leptos::prelude::*;
use std::collections::VecDeque;

/// The pasted accounts, shared by every scorecard.
const ACCOUNTS_KEY: &str = "healthscore.accounts";
/// Set when the accounts on screen were too large to keep: the next visit says why none are shown.
const NOT_KEPT_KEY: &str = "healthscore.accounts-not-kept";
/// How long the card must rest before it is written: a slider drag is saved once it pauses,
/// not at every pixel.
const SAVE_AFTER: std::time::Duration = std::time::Duration::from_millis(300);

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    /// Saved in the library and opened.
    Opened,
    /// A scorecard with the same name exists: the user is asked to replace or keep both.
    AskReplace,
    /// Not opened: the user kept the unsaved scorecard on screen, or it could not be saved.
    Cancelled,
}

type Machine = healthscore_core::library::Library;

/// Handle to the library; cheap to copy into components.
#[derive(Clone, Copy)]
pub struct Library {
    /// The scorecard being edited.
    pub designer: Designer,
    /// The state machine; changed only through [`Library::send`].
    machine: RwSignal<Machine>,
    /// The autosave pause in progress.
    timer: crate::settle::Timer,
    /// Saved scorecards, newest first.
    pub entries: Memo<Vec<Entry>>,
    /// Unreadable entries that were moved aside.
    pub aside: Memo<Vec<Aside>>,
    /// The id of the entry being edited; None while the card is not in the library.
    pub current: Memo<Option<String>>,
    /// Saved or not.
    pub state: Memo<SaveState>,
    /// Set when another tab changed the open scorecard under this tab's unsaved edits.
    pub conflict: Memo<Option<Conflict>>,
    /// Storage problems and news to show.
    pub notices: Memo<Vec<Notice>>,
    /// A scorecard opened from a share link, not yet saved.
    pub from_link: Memo<bool>,
    /// An import waiting for "replace or keep both".
    pub pending: Memo<Option<PendingImport>>,
    /// The last deleted or replaced entry, for Undo.
    pub undo_delete: Memo<Option<Undo>>,
}

impl Library {
    /// Opens the library: the machine starts on the browser's storage, with the share link
    /// in the address and the entry this tab had open before a reload.
    pub fn start() -> Library {
        let machine = RwSignal::new(Machine::new());
        let library = Library {
            designer: Designer::new(machine.with_untracked(|m| m.card.clone())),
            machine,
            timer: crate::settle::Timer::new(),
            entries: Memo::new(move |_| machine.with(|m| m.entries.clone())),
            aside: Memo::new(move |_| machine.with(|m| m.aside.clone())),
            current: Memo::new(move |_| machine.with(|m| m.current.clone())),
            state: Memo::new(move |_| machine.with(|m| m.save.clone())),
            conflict: Memo::new(move |_| machine.with(|m| m.conflict)),
            notices: Memo::new(move |_| machine.with(|m| m.notices.clone())),
            from_link: Memo::new(move |_| machine.with(|m| m.from_link)),
            pending: Memo::new(move |_| machine.with(|m| m.pending.clone())),
            undo_delete: Memo::new(move |_| machine.with(|m| m.undo.clone())),
        };
        let link = browser::location::fragment().filter(|f| f.starts_with(FRAGMENT_PREFIX));
        let tab_open = browser::storage::tab_get(OPEN_KEY);
        library.send(Event::Start { link, tab_open });
        library
    }

    /// Hands `event` to the machine and carries out what it says, until nothing is left.
    pub fn send(&self, event: Event) {
        let mut queue = VecDeque::from([event]);
        while let Some(event) = queue.pop_front() {
            let mut store = BrowserStore;
            let mut new_id = browser::new_id;
            let mut env = Env {
                store: &mut store,
                now: browser::now_ms(),
                new_id: &mut new_id,
            };
            let commands = if let Event::Edited(_) = event {
                self.apply_edit(&mut env, event)
            } else {
                self.machine
                    .try_update(|m| m.apply(&mut env, event))
                    .unwrap_or_default()
            };
            for command in commands {
                self.run(command, &mut queue);
            }
        }
    }

    /// An edit: a drag sends one per frame, and an edit can change only the save state of
    /// what the views read, so they are told only when that changes (not nine memos re-read
    /// at every frame).
    fn apply_edit(&self, env: &mut Env<'_>, event: Event) -> Vec<Command> {
        let before = self.machine.with_untracked(|m| m.save.clone());
        let commands = self
            .machine
            .try_update_untracked(|m| m.apply(env, event))
            .unwrap_or_default();
        if self.machine.with_untracked(|m| m.save != before) {
            self.machine.notify();
        }
        commands
    }

    fn run(&self, command: Command, queue: &mut VecDeque<Event>) {
        match command {
            Command::Show(card) => self.designer.open(card),
            Command::Rename(name) => self.designer.edit(None, |c| c.name = name),
            Command::StartSaveTimer => self.restart_timer(),
            Command::Ask { question, then } => {
                let agreed = web_sys::window()
                    .and_then(|w| w.confirm_with_message(&question).ok())
                    .unwrap_or(false);
                if agreed {
                    queue.push_back(then);
                }
            }
            Command::RememberTab(id) => browser::storage::tab_set(OPEN_KEY, &id),
            Command::ClearFragment => browser::location::clear_fragment(),
        }
    }

    fn restart_timer(&self) {
        let library = *self;
        self.timer.start(move || library.flush(), SAVE_AFTER);
    }

    /// Writes a waiting edit now (the pause ended, or the page is being hidden).
    pub fn flush(&self) {
        self.timer.cancel();
        self.send(Event::SaveDue);
    }

    /// The designer's card changed.
    pub fn edited(&self, card: Scorecard) {
        self.send(Event::Edited(card));
    }

    /// Shows a notice once.
    pub fn notify(&self, text: String, offer_export: bool) {
        self.send(Event::Notify(Notice { text, offer_export }));
    }

    /// Removes a notice.
    pub fn dismiss(&self, text: String) {
        self.send(Event::Dismiss(text));
    }

    /// Opens a saved scorecard by id, with a fresh undo history (asks first if work would be lost).
    pub fn open(&self, id: &str) {
        self.send(Event::Open(id.to_owned()));
    }

    /// Saves `card` as a new entry and opens it (asks first if work would be lost).
    pub fn create(&self, card: Scorecard) {
        self.send(Event::Create(card));
    }

    /// Renames an entry (the open one through the designer, so it is undoable).
    pub fn rename(&self, id: &str, name: String) {
        self.send(Event::Rename {
            id: id.to_owned(),
            name,
        });
    }

    /// Saves a copy of an entry, named "<name> (2)", and opens it.
    pub fn duplicate(&self, id: &str) {
        self.send(Event::Duplicate(id.to_owned()));
    }

    /// Deletes an entry; Undo puts it back.
    pub fn delete(&self, id: &str) {
        self.send(Event::Delete(id.to_owned()));
    }

    /// Puts back the last deleted or replaced entry.
    pub fn undo_delete(&self) {
        self.send(Event::UndoDelete);
    }

    /// Deletes an entry that was moved aside, on the user's request.
    pub fn delete_aside(&self, key: &str) {
        self.send(Event::DeleteAside(key.to_owned()));
    }

    /// A name no entry uses yet, based on `name`.
    pub fn free_name(&self, name: &str) -> String {
        self.machine.with_untracked(|m| m.free_name(name))
    }

    /// Imports a scorecard file's text. Nothing changes unless it is valid; a namesake asks first.
    pub fn import_text(&self, text: &str) -> Result<Imported, String> {
        let card = import(text).map_err(|e| e.to_string())?;
        self.send(Event::Import(card.clone()));
        Ok(self.machine.with_untracked(|m| match &m.pending {
            Some(pending) if pending.card == card => Imported::AskReplace,
            _ if m.card == card => Imported::Opened,
            _ => Imported::Cancelled,
        }))
    }

    /// Resolves a pending import: replace the namesake (undoable) or keep both.
    pub fn resolve_import(&self, replace: bool) {
        self.send(Event::ResolveImport { replace });
    }

    /// Drops the pending import.
    pub fn cancel_import(&self) {
        self.send(Event::CancelImport);
    }

    /// The address changed to another share link while the page was open.
    pub fn on_hash_change(&self) {
        if let Some(fragment) =
            browser::location::fragment().filter(|f| f.starts_with(FRAGMENT_PREFIX))
        {
            self.send(Event::OpenLink(fragment));
        }
    }

    /// Saves the scorecard opened from a link into the library.
    pub fn keep_link(&self) {
        self.send(Event::KeepLink);
    }

    /// Leaves the link's scorecard and goes back to the library.
    pub fn discard_link(&self) {
        self.send(Event::DiscardLink);
    }

    /// Another tab wrote `key` (None: cleared storage).
    pub fn on_storage_event(&self, key: Option<String>, value: Option<String>) {
        self.send(Event::StorageChanged { key, value });
    }

    /// Conflict resolved by loading the other tab's version.
    pub fn take_theirs(&self) {
        self.send(Event::TakeTheirs);
    }

    /// Conflict resolved by keeping this tab's version as a new copy.
    pub fn keep_mine(&self) {
        self.send(Event::KeepMine);
    }

    /// Offers the open scorecard as a `.json` download named after it.
    pub fn export_file(&self) {
        let card = self.designer.card.get_untracked();
        if let Err(message) = browser::download::download(
            &file_name(&card.name, "json"),
            "application/json",
            &export(&card),
        ) {
            self.notify(message, false);
        }
    }

    /// Offers an unreadable, set-aside entry as a download, so nothing is lost.
    pub fn download_aside(&self, key: &str) {
        if let Ok(Some(text)) = BrowserStore.get(key) {
            let name = key.strip_prefix(ASIDE_PREFIX).unwrap_or(key);
            let _ = browser::download::download(
                &format!("unreadable-{name}.json"),
                "application/json",
                &text,
            );
        }
    }
}

/// Whether a storage key is where the accounts are kept.
/// A saved scorecard, read by id (None when it is gone or unreadable): for comparing proposals.
pub fn read_saved(id: String) -> Option<Scorecard> {
    let text = BrowserStore.get(&format!("{}{id}", healthscore_core::library::CARD_PREFIX)).ok().flatten()?;
    healthscore_core::library::read_entry(&text).ok().map(|stored| stored.card)
}

pub fn is_accounts_key(key: &str) -> bool {
    key == ACCOUNTS_KEY
}

/// The pasted accounts saved by an earlier visit, if any.
pub fn load_accounts() -> Result<Option<String>, String> {
    BrowserStore
        .get(ACCOUNTS_KEY)
        .map_err(|_| "The saved accounts could not be read.".to_owned())
}

/// What to tell a visit whose last accounts were too large to keep, if that happened.
pub fn accounts_not_kept() -> Option<String> {
    let size = BrowserStore.get(NOT_KEPT_KEY).ok().flatten()?;
    Some(format!(
        "The accounts on screen last time ({size} MB) were too large to keep in this browser, so none are shown now. Open the file again to score them."
    ))
}

/// Keeps the pasted accounts for the next visit. An empty text is kept too:
/// it means "cleared", so the next visit does not bring the demo back.
/// Accounts too large to keep are said so now, and the older paste is dropped so
/// that a reload never brings back other data than what was last on screen.
pub fn save_accounts(text: Option<&str>, bytes: usize) -> Result<(), String> {
    let mut store = BrowserStore;
    // Accounts keep their text up to KEPT_TEXT_BYTES: localStorage holds about 5 million
    // characters for the whole site, and the scorecards need room too.
    let Some(text) = text else {
        let _ = store.set(ACCOUNTS_KEY, "");
        let _ = store.set(NOT_KEPT_KEY, &format!("{:.1}", bytes as f64 / 1_000_000.0));
        return Err(format!(
            "These accounts ({:.1} MB) are too large to keep in this browser's storage (up to 2 MB is kept). They are scored here until you reload or close the tab; then open the file again.",
            bytes as f64 / 1_000_000.0
        ));
    };
    let _ = store.remove(NOT_KEPT_KEY);
    match store.set(ACCOUNTS_KEY, text) {
        // The library has already said that nothing can be saved.
        Err(StoreError::Unavailable) => Ok(()),
        other => other,
    }
    .map_err(|error| {
        format!("The pasted accounts were not saved: {error}. They stay on screen until you reload; clear accounts you no longer need, or paste a smaller sample.")
    })
}
