//! Times what arriving accounts cost besides reading sub-scores: resolving columns (with the
//! decimal-mark guesses) and the data-quality profile. `cargo run --release -p healthscore-core
//! --example input_timing card.json accounts.csv`.
use healthscore_core::engine::SubScores;
use healthscore_core::quality::profile;
use healthscore_core::scoring::ColumnMap;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(card), Some(data)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: input_timing CARD.json ACCOUNTS.csv");
        std::process::exit(2);
    };
    let card = healthscore_core::file::import(&std::fs::read_to_string(card).expect("card file"))
        .expect("a valid card");
    let text = std::fs::read_to_string(data).expect("accounts file");
    let start = Instant::now();
    let parsed = healthscore_core::parse_table(&text);
    println!("parse: {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
    let start = Instant::now();
    let map = ColumnMap::resolve_parsed(&card, &parsed);
    println!(
        "resolve columns: {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    let start = Instant::now();
    let mut subs = SubScores::default();
    subs.read_rows(&card.metrics, &map, &parsed.table, parsed.table.len());
    println!(
        "read sub-scores: {:.1} ms ({} problems)",
        start.elapsed().as_secs_f64() * 1e3,
        subs.problems.len()
    );
    let start = Instant::now();
    let report = profile(&card, &map, &parsed.table, &subs);
    println!(
        "profile: {:.1} ms ({} metrics)",
        start.elapsed().as_secs_f64() * 1e3,
        report.len()
    );
}
