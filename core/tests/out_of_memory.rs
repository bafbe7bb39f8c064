//! Reading accounts where memory truly ends: under an allocator that refuses large allocations
//! past a budget (as a browser tab's memory refuses to grow), the reader and the sub-scores
//! stop and say so instead of aborting, and what they read is a true prefix of the data.
//!
//! One test in this file: the budget is global to the test binary.

use healthscore_core::engine::SubScores;
use healthscore_core::memory::projected_bytes;
use healthscore_core::parse_table;
use healthscore_core::table::TableReader;
use healthscore_core::templates::dear;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

/// Bytes allocated and not yet freed.
static IN_USE: AtomicUsize = AtomicUsize::new(0);
/// Allocations of at least this many bytes are refused when they would pass the budget;
/// smaller ones always succeed (the test harness's own, and a browser's free memory).
const LARGE: usize = 64 * 1024;
static BUDGET: AtomicUsize = AtomicUsize::new(usize::MAX);

struct Budgeted;

unsafe impl GlobalAlloc for Budgeted {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() >= LARGE && IN_USE.load(SeqCst) + layout.size() > BUDGET.load(SeqCst) {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            IN_USE.fetch_add(layout.size(), SeqCst);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), SeqCst);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= LARGE
            && new_size > layout.size()
            && IN_USE.load(SeqCst) + new_size > BUDGET.load(SeqCst)
        {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            IN_USE.fetch_add(new_size, SeqCst);
            IN_USE.fetch_sub(layout.size(), SeqCst);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Budgeted = Budgeted;

/// 12 columns, an account per line, about 90 bytes a row.
fn accounts(rows: usize) -> String {
    let mut text = String::from("account,arr,seats,seat_util,logins_30d,nps,open_tickets,feature_adoption,days_since_contact,champion,onboarding,payment\n");
    for i in 0..rows {
        text.push_str(&format!(
            "Account {i},{},{},{}%,{},{},{},{}%,{},{},{},{}\n",
            10_000 + i * 37 % 900_000,
            5 + i % 300,
            i % 100,
            i * 7 % 2_000,
            (i % 201) as i64 - 100,
            i % 40,
            i * 3 % 100,
            i % 365,
            ["yes", "no"][i % 2],
            ["done", "in progress", "not started"][i % 3],
            ["current", "late"][i % 2],
        ));
    }
    text
}

fn read_in_pieces(text: &str, piece: usize) -> TableReader {
    let mut reader = TableReader::new();
    for chunk in text.as_bytes().chunks(piece) {
        reader.push(chunk);
        if reader.out_of_memory().is_some() {
            break;
        }
    }
    reader
}

#[test]
fn reading_stops_where_memory_ends_and_says_where() {
    let text = accounts(200_000);
    let whole = parse_table(&text);
    assert_eq!(whole.table.len(), 200_000);

    // About a fifth of what the table needs: the reader must stop, not abort.
    BUDGET.store(IN_USE.load(SeqCst) + 4 * 1024 * 1024, SeqCst);
    let reader = read_in_pieces(&text, 1 << 20);
    let line = reader.out_of_memory().expect("memory should have run out");
    let parsed = reader.finish();
    BUDGET.store(usize::MAX, SeqCst);

    let rows = parsed.table.len();
    assert!(rows > 1_000 && rows < 200_000, "read {rows} rows");
    // The rows read are the data's first rows, cell for cell, and the line is the next row's.
    for row in [0, rows / 2, rows - 1] {
        assert_eq!(parsed.table.row(row), whole.table.row(row));
    }
    assert_eq!(line, whole.table.line(rows).unwrap());
    let warning = parsed
        .warnings
        .iter()
        .find(|w| w.message.contains("memory ran out"))
        .expect("the parse says memory ran out");
    assert_eq!(warning.line, Some(line));
    assert!(warning.message.contains(&format!("only the {rows} rows")));

    // Sub-scores ask before they grow: no room for a million more accounts in 1 MB.
    let card = dear();
    let mut subs = SubScores::default();
    BUDGET.store(IN_USE.load(SeqCst) + 1024 * 1024, SeqCst);
    let refused = subs.room_for(card.metrics.len(), 1_000_000);
    let granted = subs.room_for(card.metrics.len(), 1_000);
    BUDGET.store(usize::MAX, SeqCst);
    assert!(refused.is_err());
    assert!(granted.is_ok());

    // With memory to spare the same pieces read everything, and a projection from the first
    // tenth is within a factor of two of what the whole read holds with its sub-scores, and
    // under what it holds with the room its buffers keep to grow.
    let mut reader = TableReader::new();
    let tenth = text.len() / 10;
    reader.push(&text.as_bytes()[..tenth]);
    let projected = projected_bytes(
        text.len() as u64,
        tenth as u64,
        reader.used_bytes() as u64,
        reader.rows() as u64,
        card.metrics.len() as u64,
    );
    reader.push(&text.as_bytes()[tenth..]);
    assert_eq!(reader.out_of_memory(), None);
    let held = reader.held_bytes();
    let parsed = reader.finish();
    assert_eq!(parsed.table.len(), 200_000);
    let subs = SubScores::read(&card, &parsed.table);
    let actual = (held + subs.held_bytes()) as u64;
    let scored = 200_000 * healthscore_core::memory::SCORED_ROW_BYTES;
    assert!(
        projected >= actual / 2 && projected <= actual + scored,
        "projected {projected}, held {actual}"
    );
}
