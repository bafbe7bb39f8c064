//! Whether this tab can have more memory: asked for, then given back for what comes next.

/// A wasm instance's memory ends at 4 GiB: past that nothing can be had, so nothing is asked.
const MEMORY_END: u64 = 1 << 32;
/// Asked for at most this much at a time (a single allocation ends below 2 GiB).
const CHUNK: u64 = 1 << 30;

/// Whether `bytes` more can be had now. The memory is really asked for (a gigabyte at a
/// time) and then given back, so once granted it stays the app's for the allocations that
/// follow; when it cannot be had, the answer is false and nothing else changes.
pub fn can_have(bytes: u64) -> bool {
    if bytes >= MEMORY_END {
        return false;
    }
    let mut held: Vec<Vec<u8>> = Vec::new();
    let mut left = bytes;
    while left > 0 {
        let ask = left.min(CHUNK);
        let mut chunk: Vec<u8> = Vec::new();
        if chunk.try_reserve_exact(ask as usize).is_err() {
            return false;
        }
        held.push(chunk);
        left -= ask;
    }
    true
}
