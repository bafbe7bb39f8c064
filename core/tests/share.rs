//! Share links: round trip, size, and every kind of damaged or hostile link.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use healthscore_core::share::{decode, encode, ShareError};
use healthscore_core::templates::{dear, TEMPLATES};

#[test]
fn every_template_round_trips_through_a_link() {
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
fn a_link_is_short_enough_for_chat_and_url_safe() {
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
fn damaged_links_say_so() {
    assert_eq!(decode("#view=1"), Err(ShareError::NotALink));
    assert!(matches!(decode("#card=!!!"), Err(ShareError::Damaged(_))));
    let link = encode(&dear());
    let cut = &link[..link.len() / 2];
    assert!(
        matches!(decode(cut), Err(ShareError::Damaged(_))),
        "{:?}",
        decode(cut)
    );
}

#[test]
fn a_link_that_unpacks_to_a_bad_scorecard_names_the_field() {
    let mut card = dear();
    card.metrics[0].weight = 30.0;
    let error = decode(&encode(&card)).unwrap_err().to_string();
    assert_eq!(
        error,
        "the link's scorecard: weights total 110, not 100 (over by 10)"
    );
}

#[test]
fn a_compression_bomb_is_refused() {
    // 64 MB of zeros deflates to about 64 KB; unpacking stops at 2 MB.
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 64 * 1024 * 1024], 10);
    let link = format!("card={}", URL_SAFE_NO_PAD.encode(bomb));
    assert!(matches!(decode(&link), Err(ShareError::Damaged(_))));
}
