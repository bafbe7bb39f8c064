//! Memory a load of accounts needs: what it will hold once read and scored, projected from its
//! first pieces, so a browser tab can say a file is too large before reading all of it.
//!
//! Reading itself asks before it grows (`TableReader::out_of_memory`, `SubScores::room_for`):
//! a tab that runs out says where instead of failing. The projection only makes that answer
//! come at the start of a long read rather than near its end.

/// Memory could not be had for what the accounts need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not enough memory")]
pub struct OutOfMemory;

/// Bytes a sub-score takes per account and metric: the number and its code (one byte, two
/// for a column of more than 256 distinct sub-scores).
pub const SUB_SCORE_BYTES: u64 = 10;
/// Bytes per account that every edit's scores, bands, grades and order take beside the data
/// (24 for one set of them, with room for a pinned baseline's copy).
pub const SCORED_ROW_BYTES: u64 = 40;

/// What a load will hold once read and scored, projected from what reading its first `read`
/// of `total` bytes gave: `rows` rows filling `used` bytes of table. The table grows with the
/// text, so its share scales with the bytes; sub-scores and each edit's scores scale with the
/// rows. On the low side: buffers keep up to as much again as room to grow, which is not
/// counted, so a load that may fit is tried (and, if memory then runs out, says where).
pub fn projected_bytes(total: u64, read: u64, used: u64, rows: u64, metrics: u64) -> u64 {
    if read == 0 {
        return used;
    }
    let scale = |x: u64| {
        let scaled = u128::from(x) * u128::from(total) / u128::from(read);
        u64::try_from(scaled).unwrap_or(u64::MAX)
    };
    let rows = scale(rows);
    scale(used)
        .saturating_add(rows.saturating_mul(metrics.saturating_mul(SUB_SCORE_BYTES)))
        .saturating_add(rows.saturating_mul(SCORED_ROW_BYTES))
}

/// A size in the words a message uses: "850 MB", "6.2 GB".
pub fn size_words(bytes: u64) -> String {
    const MB: f64 = 1_000_000.0;
    let mb = bytes as f64 / MB;
    if mb >= 1000.0 {
        format!("{:.1} GB", mb / 1000.0)
    } else {
        format!("{} MB", mb.ceil().max(1.0) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_projection_scales_the_table_with_the_bytes_and_the_scores_with_the_rows() {
        // A tenth read: 1,000 rows, 1 MB held; the whole is 10,000 rows and 10 MB of table.
        let bytes = projected_bytes(80_000_000, 8_000_000, 1_000_000, 1_000, 12);
        assert_eq!(
            bytes,
            10_000_000 + 10_000 * (12 * SUB_SCORE_BYTES + SCORED_ROW_BYTES)
        );
        // Everything read: what is held, plus the scores.
        assert_eq!(
            projected_bytes(5, 5, 100, 2, 1),
            100 + 2 * (SUB_SCORE_BYTES + SCORED_ROW_BYTES)
        );
        assert_eq!(projected_bytes(5, 0, 100, 0, 1), 100);
        // Sizes past any memory saturate instead of wrapping.
        assert_eq!(
            projected_bytes(u64::MAX, 1, u64::MAX, u64::MAX, 12),
            u64::MAX
        );
    }

    #[test]
    fn sizes_read_as_megabytes_then_gigabytes() {
        assert_eq!(size_words(1), "1 MB");
        assert_eq!(size_words(849_500_000), "850 MB");
        assert_eq!(size_words(6_240_000_000), "6.2 GB");
    }
}
