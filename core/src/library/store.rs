//! Where the library keeps its entries: one small trait over a key-value text store
//! (the browser's localStorage in the app), and an in-memory store for tests.

use std::collections::BTreeMap;
use thiserror::Error;

/// Why storage could not be used.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StoreError {
    /// The browser gives no storage: private mode, disabled cookies, a sandbox.
    #[error(
        "this browser does not let Healthscore save (private browsing, or site storage turned off)"
    )]
    Unavailable,
    /// The storage for this site is full (the browser's `QuotaExceededError`).
    #[error("this browser's storage for Healthscore is full")]
    Full,
    /// Anything else the storage refused, with its message.
    #[error("the browser refused to save ({0})")]
    Other(String),
}

/// A key-value store of texts, shared by every tab of the site.
pub trait Store {
    /// The text under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Stores `value` under `key`.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key` (nothing happens when it is absent).
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key, in storage order.
    fn keys(&self) -> Result<Vec<String>, StoreError>;

    /// Every key starting with `prefix`; none when the keys cannot be listed.
    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        self.keys()
            .unwrap_or_default()
            .into_iter()
            .filter(|k| k.starts_with(prefix))
            .collect()
    }
}

/// One change another tab would hear about as a `storage` event: `None` key = cleared.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The key changed, or None when the whole store was cleared.
    pub key: Option<String>,
    /// Its new text, None when removed.
    pub value: Option<String>,
}

/// A store in memory, for tests: it can be made to refuse writes, and it logs each change
/// so a test can deliver it to other tabs as a storage event.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    entries: BTreeMap<String, String>,
    /// When set, every `set` fails with this error (a full or broken storage).
    pub refuse_writes: Option<StoreError>,
    /// When set, every call fails with this error (no storage at all).
    pub unavailable: bool,
    /// Changes not yet taken by [`MemoryStore::take_changes`].
    changes: Vec<Change>,
}

impl MemoryStore {
    /// Takes the changes made since the last call, oldest first.
    pub fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.changes)
    }

    /// Removes everything, as `localStorage.clear()` in another tab.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.changes.push(Change {
            key: None,
            value: None,
        });
    }

    fn available(&self) -> Result<(), StoreError> {
        if self.unavailable {
            Err(StoreError::Unavailable)
        } else {
            Ok(())
        }
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.available()?;
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.available()?;
        if let Some(error) = &self.refuse_writes {
            return Err(error.clone());
        }
        if self.entries.get(key).map(String::as_str) != Some(value) {
            self.changes.push(Change {
                key: Some(key.to_owned()),
                value: Some(value.to_owned()),
            });
        }
        self.entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.available()?;
        if self.entries.remove(key).is_some() {
            self.changes.push(Change {
                key: Some(key.to_owned()),
                value: None,
            });
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.available()?;
        Ok(self.entries.keys().cloned().collect())
    }
}
