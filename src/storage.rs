//! The one place the app touches localStorage: the current scorecard and the pasted accounts.
//!
//! Every failure (storage disabled, full, or holding something unreadable)
//! comes back as a message for the user; nothing here panics.

use gloo_storage::{LocalStorage, Storage};
use healthscore_core::Scorecard;

const CARD_KEY: &str = "healthscore.current-card";
const ACCOUNTS_KEY: &str = "healthscore.accounts";

/// The pasted accounts saved by an earlier visit, if any.
pub fn load_accounts() -> Result<Option<String>, String> {
    let storage = LocalStorage::raw();
    storage
        .get_item(ACCOUNTS_KEY)
        .map_err(|_| "The browser would not let Healthscore read its saved accounts.".to_owned())
}

/// Keeps the pasted accounts for the next visit. An empty text is kept too:
/// it means "cleared", so the next visit does not bring the demo back.
pub fn save_accounts(text: &str) -> Result<(), String> {
    LocalStorage::raw().set_item(ACCOUNTS_KEY, text).map_err(|_| {
        format!(
            "The pasted accounts ({} KB) could not be saved in this browser (storage full or disabled); they stay on screen until you reload.",
            text.len() / 1024
        )
    })
}

/// The scorecard saved by an earlier visit, if any and readable.
pub fn load_card() -> Result<Option<Scorecard>, String> {
    let storage = LocalStorage::raw();
    let Ok(Some(text)) = storage.get_item(CARD_KEY) else {
        return Ok(None);
    };
    serde_json::from_str(&text).map(Some).map_err(|error| {
        // Keep the unreadable text aside rather than overwrite it with the next save.
        let kept = storage.set_item(&format!("{CARD_KEY}.unreadable"), &text).is_ok();
        let aside = if kept { " It was kept aside in storage, not deleted." } else { "" };
        format!("The saved scorecard could not be read ({error}); the demo scorecard was opened instead.{aside}")
    })
}

/// Keeps the scorecard for the next visit.
pub fn save_card(card: &Scorecard) -> Result<(), String> {
    let text = healthscore_core::json::to_pretty_json(card);
    LocalStorage::raw()
        .set_item(CARD_KEY, &text)
        .map_err(|_| "The scorecard could not be saved in this browser (storage full or disabled).".to_owned())
}
