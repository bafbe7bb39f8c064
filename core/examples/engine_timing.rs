//! Times the column engine natively on a scorecard and a CSV: `cargo run --release -p
//! healthscore-core --example engine_timing card.json accounts.csv`. A quick look at where a
//! weight edit's time goes before measuring the app in the browser (scripts/bench.sh).
use healthscore_core::engine::{Ranking, Scores, SubScores};
use healthscore_core::table::TableReader;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(card), Some(data)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: engine_timing CARD.json ACCOUNTS.csv");
        std::process::exit(2);
    };
    let card = healthscore_core::file::import(&std::fs::read_to_string(card).expect("card file"))
        .expect("a valid card");
    let bytes = std::fs::read(data).expect("accounts file");
    let time = |label: &str, f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        println!(
            "{label:>22}: {:8.2} ms",
            start.elapsed().as_secs_f64() * 1000.0
        );
    };
    let mut parsed = None;
    time("parse", &mut || {
        let mut reader = TableReader::new();
        for piece in bytes.chunks(4 << 20) {
            reader.push(piece);
        }
        parsed = Some(reader.finish());
    });
    let table = parsed.expect("parsed").table;
    let mut subs = SubScores::default();
    time("read sub-scores", &mut || {
        subs = SubScores::read(&card, &table)
    });
    let valid = card.validate().expect("valid");
    let mut scores = Scores::default();
    let repeat: usize = std::env::var("REPEAT")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    for _ in 0..repeat {
        time("scores", &mut || scores = Scores::compute(valid, &subs));
    }
    // A weight drag: each event one weight, from the last event's kept totals.
    let mut dragged = card.clone();
    for step in 0..repeat {
        let to = dragged.metrics[0].weight + if step % 2 == 0 { 1.0 } else { -1.0 };
        dragged.drag_weight(0, to);
        let valid = dragged.scorable().expect("scorable");
        time("reweighed", &mut || {
            scores = scores
                .reweighed(valid, &subs)
                .unwrap_or_else(|| Scores::compute(valid, &subs))
        });
    }
    let mut ranking = Ranking::default();
    for _ in 0..3 {
        time("ranking", &mut || ranking = Ranking::new(&scores));
    }
    println!("{} accounts, {} ranked", scores.len(), ranking.order.len());
}
