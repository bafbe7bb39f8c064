//! Times the per-edit evidence steps natively at 100,000 accounts (a quick look before the
//! browser benchmark `benches/evidence.mjs`): `cargo run --release -p healthscore-core --example evidence_timing`.
use healthscore_core::evidence;
use std::time::Instant;

fn main() {
    let n = 100_000;
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let scores: Vec<f64> = (0..n)
        .map(|_| (next() * 100.0 * 100.0).round() / 100.0)
        .collect();
    let labels: Vec<Option<bool>> = scores.iter().map(|s| Some(next() * 100.0 > *s)).collect();
    let time = |label: &str, f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..20 {
            f();
        }
        println!(
            "{label:>22}: {:8.3} ms",
            start.elapsed().as_secs_f64() * 1000.0 / 20.0
        );
    };
    let mut hist = evidence::histogram(&scores, &labels);
    time("histogram", &mut || {
        hist = evidence::histogram(&scores, &labels)
    });
    time("separation_of", &mut || {
        std::hint::black_box(evidence::separation_of(&hist));
    });
    time("suggest_boundaries_of", &mut || {
        std::hint::black_box(evidence::suggest_boundaries_of(&hist, 3));
    });
    time("narrow_range_of", &mut || {
        std::hint::black_box(evidence::narrow_range_of(&hist));
    });
}
