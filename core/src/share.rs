//! Share links: a scorecard compressed into a URL fragment, which browsers never send to a server.
//!
//! The fragment is `#card=` followed by the scorecard's compact JSON, deflated
//! and written in base64url. Decoding goes through [`crate::file::import_value`],
//! so a link is validated (and migrated) exactly like a file.

use crate::file::{import_value, parse_json, ImportError, MAX_FILE_BYTES};
use crate::model::Scorecard;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use thiserror::Error;

/// What precedes the encoded scorecard in the URL fragment.
pub const FRAGMENT_PREFIX: &str = "card=";
/// Links longer than this are refused before decoding (a scorecard link is a few KB).
pub const MAX_LINK_CHARS: usize = 256 * 1024;
/// Deflate level: the best compression, since links are short and made rarely.
const LEVEL: u8 = 10;

/// Why a share link could not be opened.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ShareError {
    /// The fragment does not start with `card=`.
    #[error("this link holds no scorecard (its part after # does not start with \"card=\")")]
    NotALink,
    /// Over [`MAX_LINK_CHARS`].
    #[error("the link is {0} characters long; a scorecard link is at most 256 KB")]
    TooLong(usize),
    /// Not base64url, or not deflate data: usually a link cut short when copied.
    #[error("the link is damaged ({0}); it may have been cut short when copied")]
    Damaged(String),
    /// It unpacks to a file that import refuses.
    #[error("the link's scorecard: {0}")]
    Import(#[from] ImportError),
}

/// The fragment (without `#`) that carries `card`.
pub fn encode(card: &Scorecard) -> String {
    // Compact JSON: the fragment is for machines; the file export is for people.
    let json = serde_json::to_string(card).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), LEVEL);
    format!("{FRAGMENT_PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Reads a fragment (with or without its `#`) back into a valid, current scorecard.
pub fn decode(fragment: &str) -> Result<Scorecard, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let data = fragment
        .strip_prefix(FRAGMENT_PREFIX)
        .ok_or(ShareError::NotALink)?;
    if data.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong(data.len()));
    }
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|e| ShareError::Damaged(format!("not base64url: {e}")))?;
    // The limit stops a small link that unpacks into gigabytes.
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_FILE_BYTES)
        .map_err(|e| ShareError::Damaged(format!("not compressed data: {:?}", e.status)))?;
    let text =
        String::from_utf8(json).map_err(|_| ShareError::Damaged("not UTF-8 text".to_owned()))?;
    Ok(import_value(parse_json(&text)?)?)
}
