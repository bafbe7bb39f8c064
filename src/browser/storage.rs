//! localStorage with typed errors: unavailable (private mode, disabled), full (quota), or other.
//!
//! gloo-storage's `LocalStorage::raw()` panics when storage is unavailable, so
//! the app reaches `web_sys::Storage` itself and turns every failure into a
//! [`StorageError`] the UI can explain.

use std::fmt;
use wasm_bindgen::JsCast;

/// Why storage could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// The browser gives no localStorage: private mode, disabled cookies, a sandbox.
    Unavailable,
    /// `QuotaExceededError`: the browser's storage for this site is full.
    Full,
    /// Anything else the browser threw, with its message.
    Other(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable => write!(f, "this browser does not let Healthscore save (private browsing, or site storage turned off)"),
            StorageError::Full => write!(f, "this browser's storage for Healthscore is full"),
            StorageError::Other(message) => write!(f, "the browser refused to save ({message})"),
        }
    }
}

/// The page's localStorage, if the browser allows it.
fn local() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        _ => Err(StorageError::Unavailable),
    }
}

/// Whether the browser gives this page a storage to read (it may still be full).
pub fn readable() -> bool {
    local().is_ok()
}

/// Whether storage can be read and written right now (a probe key is written and removed).
pub fn check() -> Result<(), StorageError> {
    let storage = local()?;
    let probe = "healthscore.probe";
    storage.set_item(probe, "1").map_err(classify)?;
    let _ = storage.remove_item(probe);
    Ok(())
}

fn classify(error: wasm_bindgen::JsValue) -> StorageError {
    match error.dyn_ref::<web_sys::DomException>() {
        Some(e) if e.name() == "QuotaExceededError" || e.name() == "NS_ERROR_DOM_QUOTA_REACHED" || e.code() == 22 => StorageError::Full,
        Some(e) => StorageError::Other(e.message()),
        None => StorageError::Other(error.as_string().unwrap_or_else(|| "unknown error".to_owned())),
    }
}

/// The text under `key`, if any.
pub fn get(key: &str) -> Result<Option<String>, StorageError> {
    local()?.get_item(key).map_err(classify)
}

/// Stores `value` under `key`.
pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    local()?.set_item(key, value).map_err(classify)
}

/// Removes `key`.
pub fn remove(key: &str) -> Result<(), StorageError> {
    local()?.remove_item(key).map_err(classify)
}

/// This tab's own value under `key` (sessionStorage: kept across reloads of this tab, not
/// shared with other tabs), if any.
pub fn tab_get(key: &str) -> Option<String> {
    web_sys::window()?.session_storage().ok()??.get_item(key).ok()?
}

/// Stores this tab's own value under `key`; failures are ignored (the shared value is the fallback).
pub fn tab_set(key: &str, value: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.session_storage()) {
        let _ = storage.set_item(key, value);
    }
}

/// Every key starting with `prefix`, in storage order.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let Ok(storage) = local() else { return Vec::new() };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}
