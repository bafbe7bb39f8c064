//! The scorecard library: entries in browser storage, and the state machine that decides
//! every open, save, import, delete and two-tab conflict.
//!
//! [`entry`] is how one scorecard is stored as text; [`store`] is the storage the library
//! needs (one small trait, with an in-memory store for tests); [`machine`] is the library
//! itself: `library.apply(env, event) -> commands`, with no web type in sight.

pub mod entry;
pub mod machine;
pub mod store;

pub use entry::{
    age, aside_key, decide_write, file_name, read_card_text, read_entry, same_name, sort_entries,
    unique_name, write_entry, Entry, Stored, WriteDecision, ASIDE_PREFIX, CARD_PREFIX,
};
pub use machine::{
    key_of, Aside, Command, Conflict, Env, Event, Library, Notice, PendingImport, SaveState, Undo,
    FOLLOWED, LEGACY_KEY, OPEN_KEY,
};
pub use store::{Change, MemoryStore, Store, StoreError};
