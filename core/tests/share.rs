//! Share links: the documented bytes, round trips, old links, and every kind of damaged
//! or hostile link.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use healthscore_core::file::{ImportError, MAX_FILE_BYTES};
use healthscore_core::share::{decode, encode, ShareError, FRAGMENT_PREFIX, MAX_LINK_CHARS};
use healthscore_core::templates::{dear, TEMPLATES};
use healthscore_core::{Scorecard, FORMAT_VERSION};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// A link made by the encoder before links carried a version and a checksum
/// (`four_quarters`, scorecard format 3): links already sent must keep opening.
const OLD_LINK: &str = concat!(
    "card=nVRNb9swDP0rgobejCIfTZrmtnXrTtuAFT0MwxAwMmMLlSVPkptmQf77KFtx7KQtipwMU4_ke4-UtvwJrZN",
    "G8_k44RoK5HN-ZyrLhClKo1F7l7DR5IIhiJwnPEUnrCx9ncIfHGSYMFeVpbE-Yfhcgg7lGOiUoc7ouKAabI0yyz1",
    "S7G8FSm0uqVSB3krh-Pz3lsuUqlWhGm9pPMRfAR4zYzcUgtQ0rRPuZKZBUUwhpFJnFGqa8PlocjlIuNRlRT9bLoy",
    "qisD21lhkKwRf0bduxi74LuG2UhiAj1IHGkpqBEv1VsoYy-fDQSjnwWZI9Wb0RzmFdC50pbTSKCkCu39oDd_tkig",
    "nunIQdN8GDpKIXuW8KTrHu7PE_ShRMy_FI3r3gigvac5hftKiiNNTZo12Id1iid5jUNygwkB8btHlRlFuLb80klY",
    "hmFHr7wFGXcD16fmkez4O538SbnyOdi0dxgam8guzahu8aPATqCpshBM0ydiqtbvdvYPhXzqhzhZZI3sLBFn2Po_",
    "beiwmn_oc20hBp0lDuDG04R5rxJmemLoH3XtYKuwgpkeAW6O9BRpkr87e2ndYic9CVSl21vVwWzsGdmMdB3vYM5b",
    "1G2Kg7s4x8CcK6qs2LEdarrdMNAWuc_DMeXpysIudHEG_G3rvtCdDz3Mz3nxCL2m4DV8FS1Q139CZpNOrSr8fUjG",
    "ajqbhebHh2kcme_QvVHQtewkIy_Fg1iZMjzK-WkTdSxhOYXwFbcIsCskspNjndtfLW94MxVC8xuzzEanJbCBeJXX",
    "bAwuYweCqBV8fgT_1wNMJjAdpn30H_LEvlViMD-CbWuruPw",
);

/// Words from decoder internals that a person must never read.
const INTERNAL_WORDS: [&str; 5] = [
    "HasMoreOutput",
    "Invalid symbol",
    "offset",
    "Failed",
    "base64",
];

/// CRC-32 (IEEE), written here from its definition so the test pins the format.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    crc ^ 0xFFFF_FFFF
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, 10)
}

/// `card=` and these bytes in base64url.
fn link_of(bytes: &[u8]) -> String {
    format!("{FRAGMENT_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// A checked link as the module docs lay it out: marker, version, its complement, CRC-32
/// of the JSON (big-endian), raw deflate of the JSON.
fn checked_link(version: u8, json: &[u8]) -> String {
    let mut bytes = vec![0xFF, version, !version];
    bytes.extend_from_slice(&crc32(json).to_be_bytes());
    bytes.extend_from_slice(&deflate(json));
    link_of(&bytes)
}

/// A link as made before version 1: raw deflate of the compact JSON, nothing else.
fn old_link(card: &Scorecard) -> String {
    link_of(&deflate(serde_json::to_string(card).unwrap().as_bytes()))
}

fn bytes_of(link: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD
        .decode(&link[FRAGMENT_PREFIX.len()..])
        .unwrap()
}

#[test]
fn every_template_round_trips_through_a_share_link() {
    for template in TEMPLATES {
        let card = (template.build)();
        assert_eq!(decode(&encode(&card)), Ok(card.clone()), "{}", template.id);
        assert_eq!(
            decode(&format!("#{}", encode(&card))),
            Ok(card),
            "with its #"
        );
    }
}

#[test]
fn a_share_link_is_the_documented_bytes() {
    for template in TEMPLATES {
        let card = (template.build)();
        let link = encode(&card);
        let json = serde_json::to_string(&card).unwrap();
        let bytes = bytes_of(&link);
        assert!(
            link.starts_with("card=_wH-"),
            "{}: {}",
            template.id,
            &link[..12]
        );
        assert_eq!(bytes[..3], [0xFF, 0x01, 0xFE], "{}", template.id);
        assert_eq!(bytes[3..7], crc32(json.as_bytes()).to_be_bytes());
        assert_eq!(
            miniz_oxide::inflate::decompress_to_vec(&bytes[7..]).unwrap(),
            json.as_bytes()
        );
        assert_eq!(link, checked_link(1, json.as_bytes()), "{}", template.id);
    }
}

#[test]
fn a_share_link_is_short_enough_for_chat_and_url_safe() {
    let link = encode(&dear());
    let json = healthscore_core::file::export(&dear());
    assert!(
        link.len() < json.len() / 2,
        "link {} chars vs file {} bytes",
        link.len(),
        json.len()
    );
    assert!(link.len() < 4000, "{}", link.len());
    assert!(link["card=".len()..]
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
}

#[test]
fn old_share_links_still_open() {
    assert_eq!(
        decode(OLD_LINK).map(|card| card.name),
        Ok("Four components, 25% each".to_owned())
    );
    assert_eq!(
        decode(&format!("#{OLD_LINK}")).map(|card| card.metrics.len()),
        Ok(4)
    );
    for template in TEMPLATES {
        let card = (template.build)();
        assert_eq!(decode(&old_link(&card)), Ok(card), "{}", template.id);
    }
}

#[test]
fn no_old_share_link_can_pass_for_a_checked_one() {
    // A checked link starts with 0xFF; a deflate stream never does (block type 3 is
    // reserved), so every old link is read the old way.
    for template in TEMPLATES {
        let old = bytes_of(&old_link(&(template.build)()));
        assert_ne!(old[0], 0xFF, "{}", template.id);
    }
    assert_ne!(bytes_of(OLD_LINK)[0], 0xFF);
    for tail in [
        &[][..],
        &[0x00][..],
        &[0x01, 0xFE, 0, 0, 0, 0, 0x03, 0x00][..],
    ] {
        let stream = [&[0xFF][..], tail].concat();
        assert!(
            miniz_oxide::inflate::decompress_to_vec(&stream).is_err(),
            "{stream:?}"
        );
    }
}

/// What one changed character did to a link: refused as damaged, or the same card.
#[derive(Debug, Default)]
struct Outcomes {
    damaged: usize,
    same_card: usize,
}

/// The base64url alphabet, in order.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Replacements tried at each position: the next letter of the alphabet (a change of one
/// bit or so), a few fixed letters, and one outside the alphabet.
fn replacements(original: u8) -> Vec<u8> {
    let next = ALPHABET
        .iter()
        .position(|&c| c == original)
        .map_or(b'A', |i| ALPHABET[(i + 1) % 64]);
    let mut tried = vec![next, b'A', b'g', b'w', b'9', b'_', b'~'];
    tried.retain(|&c| c != original);
    tried.dedup();
    tried
}

#[test]
fn every_one_character_change_to_a_share_link_is_refused_or_changes_nothing() {
    for template in TEMPLATES {
        let card = (template.build)();
        let link = encode(&card);
        let mut outcomes = Outcomes::default();
        for position in 0..link.len() {
            for replacement in replacements(link.as_bytes()[position]) {
                let mut changed = link.clone().into_bytes();
                changed[position] = replacement;
                let changed = String::from_utf8(changed).unwrap();
                let outcome = decode(&changed);
                match outcome {
                    // A change in `card=` makes it no share link at all.
                    Err(ShareError::NotALink) if position < FRAGMENT_PREFIX.len() => {}
                    Err(ShareError::Damaged) => outcomes.damaged += 1,
                    Ok(ref opened) if *opened == card => outcomes.same_card += 1,
                    other => panic!(
                        "{}: {:?} at {position} of {} gave {:?}",
                        template.id,
                        replacement as char,
                        link.len(),
                        other.map(|c| c.name)
                    ),
                }
            }
        }
        // Most changes are caught; the rest only touch bits no reader looks at.
        assert!(
            outcomes.damaged > 5 * link.len(),
            "{}: {outcomes:?}",
            template.id
        );
        assert!(
            outcomes.same_card < link.len() / 10,
            "{}: {outcomes:?}",
            template.id
        );
    }
}

#[test]
fn a_share_link_cut_anywhere_is_damaged() {
    let links: Vec<(&str, String)> = TEMPLATES
        .iter()
        .map(|t| (t.id, encode(&(t.build)())))
        .chain([("old link", OLD_LINK.to_owned())])
        .collect();
    for (id, link) in &links {
        for length in 0..link.len() {
            let expected = if length < FRAGMENT_PREFIX.len() {
                ShareError::NotALink
            } else {
                ShareError::Damaged
            };
            assert_eq!(
                decode(&link[..length]).map(|c| c.name),
                Err(expected),
                "{id} cut to {length} of {}",
                link.len()
            );
        }
    }
}

// Memory held by this thread, counted by a wrapper around the system allocator, so a
// test can say how much a call allocated at most while other tests run on other threads.
thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn count(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

struct Counting;

// SAFETY: every call goes straight to the system allocator; the counting touches only
// `const`-initialised thread locals, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            count(layout.size() as isize);
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { System.alloc_zeroed(layout) };
        if !block.is_null() {
            count(layout.size() as isize);
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        unsafe { System.dealloc(block, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if !moved.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What `f` returns, and the most memory it held at once beyond what was held before.
fn with_peak_memory<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(before));
    let result = f();
    let peak = PEAK.with(Cell::get);
    (result, usize::try_from(peak - before).unwrap_or(0))
}

#[test]
fn a_share_link_compression_bomb_is_too_large_and_costs_at_most_the_limit() {
    // 100 MB of zeros deflates to about 100 KB, a link well under the length limit.
    let bomb = deflate(&vec![0u8; 100 * 1024 * 1024]);
    let checked = [&[0xFF, 0x01, 0xFE, 0, 0, 0, 0][..], &bomb].concat();
    for (kind, link) in [("old", link_of(&bomb)), ("checked", link_of(&checked))] {
        assert!(link.len() < MAX_LINK_CHARS, "{kind}: {}", link.len());
        let (result, peak) = with_peak_memory(|| decode(&link).map(|c| c.name));
        assert_eq!(result, Err(ShareError::TooLarge), "{kind}");
        // The unpacked text stops at the limit; the rest is the link's own bytes and
        // the decompressor's tables.
        let allowed = MAX_FILE_BYTES + link.len() + 64 * 1024;
        assert!(
            peak <= allowed,
            "{kind}: held {peak} bytes, allowed {allowed}"
        );
    }
}

#[test]
fn a_share_link_over_the_length_limit_is_too_large() {
    let link = format!("card={}", "A".repeat(MAX_LINK_CHARS + 1));
    assert_eq!(decode(&link), Err(ShareError::TooLarge));
}

#[test]
fn a_share_link_from_a_newer_version_asks_for_an_update() {
    let json = serde_json::to_string(&dear()).unwrap();
    let mut newer_card: serde_json::Value = serde_json::from_str(&json).unwrap();
    newer_card["version"] = (FORMAT_VERSION + 1).into();
    let newer_card = serde_json::to_string(&newer_card).unwrap();
    let header = |bytes: &[u8]| link_of(&[bytes, &[0; 8]].concat());
    let cases: [(&str, String, ShareError); 8] = [
        (
            "link format 2",
            checked_link(2, json.as_bytes()),
            ShareError::NewerVersion,
        ),
        (
            "link format 255",
            checked_link(255, b"anything"),
            ShareError::NewerVersion,
        ),
        (
            "format 2, header only",
            header(&[0xFF, 2, 0xFD]),
            ShareError::NewerVersion,
        ),
        (
            "newer scorecard",
            checked_link(1, newer_card.as_bytes()),
            ShareError::NewerVersion,
        ),
        (
            "newer scorecard, old link",
            link_of(&deflate(newer_card.as_bytes())),
            ShareError::NewerVersion,
        ),
        // A version byte that does not match its complement was damaged, not updated.
        (
            "version without complement",
            header(&[0xFF, 2, 0xFE]),
            ShareError::Damaged,
        ),
        ("version 0", header(&[0xFF, 0, 0xFF]), ShareError::Damaged),
        (
            "header cut short",
            link_of(&[0xFF, 1, 0xFE, 0]),
            ShareError::Damaged,
        ),
    ];
    for (name, link, expected) in cases {
        assert_eq!(decode(&link).map(|c| c.name), Err(expected), "{name}");
    }
}

#[test]
fn an_intact_share_link_that_is_no_valid_scorecard_names_the_field() {
    let mut card = dear();
    card.metrics[0].weight = 30.0;
    let error = decode(&encode(&card)).unwrap_err();
    assert!(
        matches!(error, ShareError::Import(ImportError::Invalid(_))),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "This link's scorecard cannot be opened: weights total 110, not 100 (over by 10)."
    );
    let error = decode(&checked_link(1, b"[1, 2, 3]")).unwrap_err();
    assert!(
        matches!(error, ShareError::Import(ImportError::NotAScorecard(_))),
        "{error:?}"
    );
}

#[test]
fn every_share_refusal_speaks_to_people_not_in_decoder_terms() {
    let mut weights = dear();
    weights.metrics[0].weight = 30.0;
    let cut = encode(&dear());
    let cases: [(&str, String, &str); 11] = [
        (
            "no card",
            "#view=1".to_owned(),
            "This link holds no scorecard.",
        ),
        ("not base64url", "#card=!!!".to_owned(), DAMAGED),
        (
            "the e2e test's link",
            "#card=AAAA-not-a-card".to_owned(),
            DAMAGED,
        ),
        ("cut in half", cut[..cut.len() / 2].to_owned(), DAMAGED),
        (
            "old link cut",
            OLD_LINK[..OLD_LINK.len() - 1].to_owned(),
            DAMAGED,
        ),
        ("old link, not deflate", "card=AAAA".to_owned(), DAMAGED),
        ("old link, empty", "card=".to_owned(), DAMAGED),
        (
            "bad checksum",
            checked_link(1, b"{}").replacen("_wH-", "_wH-AAAAAA", 1),
            DAMAGED,
        ),
        ("not JSON", checked_link(1, b"not json"), DAMAGED),
        (
            "newer",
            checked_link(9, b"{}"),
            "This link was made by a newer version of Healthscore; update to open it.",
        ),
        (
            "too long",
            format!("card={}", "A".repeat(MAX_LINK_CHARS + 1)),
            "This link is too large to be a scorecard.",
        ),
    ];
    for (name, link, expected) in cases {
        let message = decode(&link).unwrap_err().to_string();
        assert_eq!(message, expected, "{name}");
    }
    let every_kind = [
        ShareError::NotALink,
        ShareError::Damaged,
        ShareError::TooLarge,
        ShareError::NewerVersion,
        decode(&encode(&weights)).unwrap_err(),
        decode(&checked_link(1, b"[]")).unwrap_err(),
    ];
    for error in every_kind {
        let message = error.to_string();
        for word in INTERNAL_WORDS {
            assert!(!message.contains(word), "{error:?}: {message}");
        }
        assert!(message.starts_with("This link"), "{message}");
        assert!(message.ends_with('.'), "{message}");
    }
}

const DAMAGED: &str =
    "This link is damaged (it may have been cut when copied). Ask for the link again.";
