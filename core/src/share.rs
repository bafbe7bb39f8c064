//! Share links: a scorecard compressed into a URL fragment, which browsers never send to a server.
//!
//! # Link format, version 1
//!
//! The fragment is `card=` followed by these bytes in base64url (RFC 4648 §5, no padding):
//!
//! | bytes   | value                                                                  |
//! |---------|------------------------------------------------------------------------|
//! | 0       | `0xFF`, the marker of a checked link                                   |
//! | 1       | the link format version, [`LINK_VERSION`] (`0x01`)                     |
//! | 2       | the version's complement, `!version` (`0xFE`)                          |
//! | 3..7    | CRC-32 (IEEE, as in zip and PNG) of the uncompressed JSON, big-endian  |
//! | 7..     | the scorecard's compact JSON, raw deflate (RFC 1951, no zlib wrapper)  |
//!
//! So every version 1 link starts `card=_wH-`. The checksum is over the JSON the link
//! unpacks to, so a changed or cut link is refused rather than opening some other
//! scorecard. The complement byte keeps a damaged version byte from passing for a newer
//! version: later versions keep bytes 0 to 2 as they are and may change the rest.
//!
//! # Old links
//!
//! Links made before version 1 are `card=` followed by the raw deflate alone, and they
//! still open (unchecked, as before). The two cannot be confused: the first byte of a
//! deflate stream holds the first block's type in bits 1 and 2, and `0xFF` would make it
//! type 3, which RFC 1951 reserves as an error. So no old link starts with `0xFF`: a link
//! whose first byte is `0xFF` is read as checked, anything else as old.
//!
//! Either way, decoding goes through [`crate::file::import_value`], so a link is
//! validated (and migrated) exactly like a file, and unpacking stops at
//! [`MAX_FILE_BYTES`], the most it ever holds in memory for the JSON.

use crate::file::{import_value, parse_json, ImportError, MAX_FILE_BYTES};
use crate::model::Scorecard;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use miniz_oxide::inflate::core::inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;
use thiserror::Error;

/// What precedes the encoded scorecard in the URL fragment, in old and new links alike.
pub const FRAGMENT_PREFIX: &str = "card=";
/// Links longer than this are refused before decoding (a scorecard link is a few KB).
pub const MAX_LINK_CHARS: usize = 256 * 1024;
/// The link format this build writes, and the newest it reads.
pub const LINK_VERSION: u8 = 1;
/// First byte of every checked link: never the first byte of a deflate stream.
const MARKER: u8 = 0xFF;
/// Marker, version, complement and checksum.
const HEADER_BYTES: usize = 7;
/// Deflate level: the best compression, since links are short and made rarely.
const LEVEL: u8 = 10;

/// Why a share link could not be opened. Each message is whole sentences for the person
/// who followed the link, and never names decoder internals.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ShareError {
    /// The fragment does not start with `card=`.
    #[error("This link holds no scorecard.")]
    NotALink,
    /// Not base64url, not deflate data, cut short, or its checksum does not match.
    #[error("This link is damaged (it may have been cut when copied). Ask for the link again.")]
    Damaged,
    /// Over [`MAX_LINK_CHARS`], or it unpacks to more than [`MAX_FILE_BYTES`] (a
    /// compression bomb).
    #[error("This link is too large to be a scorecard.")]
    TooLarge,
    /// A link format after [`LINK_VERSION`], or a scorecard format newer than this build's.
    #[error("This link was made by a newer version of Healthscore; update to open it.")]
    NewerVersion,
    /// It unpacks intact to a file that import refuses; the import error names the field.
    #[error("This link's scorecard cannot be opened: {0}.")]
    Import(ImportError),
}

impl From<ImportError> for ShareError {
    fn from(error: ImportError) -> Self {
        match error {
            ImportError::NewerVersion { .. } => ShareError::NewerVersion,
            // This app always writes JSON, so text that is not JSON was damaged on the way.
            ImportError::NotJson { .. } => ShareError::Damaged,
            other => ShareError::Import(other),
        }
    }
}

/// The fragment (without `#`) that carries `card`.
pub fn encode(card: &Scorecard) -> String {
    // Compact JSON: the fragment is for machines; the file export is for people.
    let json = serde_json::to_string(card).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), LEVEL);
    let mut bytes = Vec::with_capacity(HEADER_BYTES + packed.len());
    bytes.extend_from_slice(&[MARKER, LINK_VERSION, !LINK_VERSION]);
    bytes.extend_from_slice(&crc32(json.as_bytes()).to_be_bytes());
    bytes.extend_from_slice(&packed);
    format!("{FRAGMENT_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// Reads a fragment (with or without its `#`) back into a valid, current scorecard.
pub fn decode(fragment: &str) -> Result<Scorecard, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let data = fragment
        .strip_prefix(FRAGMENT_PREFIX)
        .ok_or(ShareError::NotALink)?;
    if data.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLarge);
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| ShareError::Damaged)?;
    let json = match bytes.split_first() {
        Some((&MARKER, rest)) => unpack_checked(rest)?,
        _ => inflate(&bytes)?,
    };
    let text = String::from_utf8(json).map_err(|_| ShareError::Damaged)?;
    Ok(import_value(parse_json(&text)?)?)
}

/// The JSON in a checked link, given the bytes after its marker.
fn unpack_checked(bytes: &[u8]) -> Result<Vec<u8>, ShareError> {
    let [version, complement, c0, c1, c2, c3, packed @ ..] = bytes else {
        return Err(ShareError::Damaged);
    };
    if *complement != !*version || *version == 0 {
        return Err(ShareError::Damaged);
    }
    if *version > LINK_VERSION {
        return Err(ShareError::NewerVersion);
    }
    let json = inflate(packed)?;
    if crc32(&json) != u32::from_be_bytes([*c0, *c1, *c2, *c3]) {
        return Err(ShareError::Damaged);
    }
    Ok(json)
}

/// Unpacks raw deflate into at most [`MAX_FILE_BYTES`]: the buffer grows by exact steps
/// (never past the limit), so a small link that would unpack into gigabytes costs 2 MB.
fn inflate(packed: &[u8]) -> Result<Vec<u8>, ShareError> {
    let mut state = Box::<DecompressorOxide>::default();
    let mut input = packed;
    let mut out = Vec::new();
    let mut filled = 0;
    let mut size = packed.len().saturating_mul(8).clamp(1, MAX_FILE_BYTES);
    // The whole buffer goes in each time: back-references reach into earlier output.
    let flags = TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    loop {
        out.reserve_exact(size - out.len());
        out.resize(size, 0);
        let (status, used, written) = decompress(&mut state, input, &mut out, filled, flags);
        filled += written;
        input = input.get(used..).unwrap_or_default();
        match status {
            TINFLStatus::Done => {
                out.truncate(filled);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput if size < MAX_FILE_BYTES => {
                size = size.saturating_mul(2).min(MAX_FILE_BYTES);
            }
            TINFLStatus::HasMoreOutput => return Err(ShareError::TooLarge),
            _ => return Err(ShareError::Damaged),
        }
    }
}

/// CRC-32 (IEEE 802.3, reflected polynomial `0xEDB88320`), bit by bit: a scorecard is a
/// few KB, and a table would only add to the bundle.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::crc32;

    #[test]
    fn share_checksum_is_the_standard_crc32() {
        // The check values of CRC-32/ISO-HDLC, the one zip, PNG and Ethernet use.
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }
}
