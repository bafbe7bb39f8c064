//! The browser's localStorage behind the core's [`Store`] trait, through gloo-storage:
//! unavailable (private mode, disabled), full (quota) or another failure, never a panic.
//!
//! gloo-storage's `raw()` panics when the browser gives no storage, so availability is
//! checked first through web-sys and `raw()` is reached only when it will succeed. Its
//! typed `get`/`set` JSON-encode every value, but the library keeps raw text (entries,
//! pasted CSV, ids) that browsers already hold, so reads and writes go through the raw
//! `web_sys::Storage` it returns, and a thrown error is read as gloo's `JsError` (its name
//! tells a full storage apart).

use gloo_storage::{LocalStorage, SessionStorage, Storage};
use gloo_utils::errors::JsError;
use healthscore_core::library::{Store, StoreError};
use wasm_bindgen::JsValue;

/// The page's localStorage, shared by every tab of the site.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserStore;

/// The page's localStorage, if the browser allows it.
fn local() -> Result<web_sys::Storage, StoreError> {
    let available = web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))));
    if available {
        Ok(LocalStorage::raw())
    } else {
        Err(StoreError::Unavailable)
    }
}

/// A thrown storage error: `QuotaExceededError` (Firefox: `NS_ERROR_DOM_QUOTA_REACHED`) is a full storage.
fn classify(error: JsValue) -> StoreError {
    match JsError::try_from(error) {
        Ok(e) if e.name == "QuotaExceededError" || e.name == "NS_ERROR_DOM_QUOTA_REACHED" => {
            StoreError::Full
        }
        Ok(e) => StoreError::Other(e.message),
        Err(_) => StoreError::Other("unknown error".to_owned()),
    }
}

impl Store for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        local()?.get_item(key).map_err(classify)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        local()?.set_item(key, value).map_err(classify)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        local()?.remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = local()?;
        Ok((0..LocalStorage::length())
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect())
    }
}

/// This tab's own sessionStorage (kept across reloads of this tab, not shared), if allowed.
fn session() -> Option<web_sys::Storage> {
    let available = web_sys::window().is_some_and(|w| matches!(w.session_storage(), Ok(Some(_))));
    available.then(SessionStorage::raw)
}

/// This tab's own value under `key`, if any.
pub fn tab_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok()?
}

/// Stores this tab's own value under `key`; failures are ignored (the shared value is the fallback).
pub fn tab_set(key: &str, value: &str) {
    if let Some(storage) = session() {
        let _ = storage.set_item(key, value);
    }
}
