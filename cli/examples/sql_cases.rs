//! Writes seeded random scorecards and accounts for the SQL differential test
//! (`scripts/sql_test.sh`): per case `card.json`, `accounts.csv` (every cell text),
//! `query_postgres.sql`, `query_duckdb.sql` and `expected.csv`, the core's own scores.
//!
//! `cargo run -p healthscore-cli --example sql_cases -- --out DIR --seed N --cases N`
//!
//! Cards cover every rule kind, both directions, every missing policy, ratios, aliases,
//! 2-12 bands, grades, mappings (renamed and declined), decimal-mark formats, date reads,
//! hostile column names and category values; accounts hit thresholds exactly and hold
//! blanks, unreadable text, zero denominators, and a row where every metric is missing.

use healthscore_core::dates::Day;
use healthscore_core::model::*;
use healthscore_core::number::DecimalMark;
use healthscore_core::sql::{export_sql, Dialect, SqlOptions};
use healthscore_core::stream::RowScorer;
use std::path::PathBuf;

/// SplitMix64: a seeded generator with no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// A value on a 0.25 grid in [lo, hi): exact in binary, so thresholds can be hit exactly.
    fn grid(&mut self, lo: f64, hi: f64) -> f64 {
        let steps = ((hi - lo) * 4.0) as usize;
        lo + self.below(steps.max(1)) as f64 / 4.0
    }
}

const HOSTILE_COLUMNS: [&str; 10] = [
    "\"; DROP TABLE accounts; --",
    "it's",
    "back\\slash",
    "back`tick",
    "new\nline",
    "Ünïcødé ✓",
    "semi;colon",
    "per %",
    "a\"b\"c",
    "Robert'); DROP TABLE x;--",
];

const HOSTILE_VALUES: [&str; 8] = [
    "O'Brien",
    "back\\slash\\",
    "line\nbreak",
    "\"quoted\"",
    "Élan",
    "'; DROP TABLE accounts; --",
    "tick`tock",
    "None",
];

const PLAIN_VALUES: [&str; 8] = [
    "Rising", "Flat", "Falling", "Present", "Absent", "Yes", "No", "Partial",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: &str| -> String {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
            .unwrap_or_else(|| default.to_owned())
    };
    let out = PathBuf::from(arg("--out", "sql-cases"));
    let seed: u64 = arg("--seed", "1").parse().expect("--seed N");
    let cases: usize = arg("--cases", "300").parse().expect("--cases N");
    for case in 0..cases {
        let mut rng = Rng(seed.wrapping_mul(1_000_003).wrapping_add(case as u64));
        let dir = out.join(format!("case{case:04}"));
        std::fs::create_dir_all(&dir).expect("creates the case folder");
        write_case(&mut rng, &dir);
    }
    println!("wrote {cases} cases to {}", out.display());
}

/// The columns a case's table has, with what each holds.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Number {
        near: [f64; 4],
        mark: Option<DecimalMark>,
    },
    Date,
    Text(usize),
}

struct Gen {
    columns: Vec<(String, Kind)>,
    choices: Vec<Vec<String>>,
}

fn write_case(rng: &mut Rng, dir: &std::path::Path) {
    let mut gen = Gen {
        columns: Vec::new(),
        choices: Vec::new(),
    };
    let card = card(rng, &mut gen);
    let valid = card.validate().expect("generated cards are valid");
    let name_header = if rng.chance(30) {
        "Who's \"this\""
    } else {
        "account"
    };
    let mut headers = vec![name_header.to_owned()];
    headers.extend(gen.columns.iter().map(|(h, _)| h.clone()));
    let rows = 12 + rng.below(30);
    let mut table = Vec::new();
    for row in 0..rows {
        let blank_row = row == rows - 1;
        let mut cells = vec![account_name(rng, row)];
        for (_, kind) in &gen.columns {
            cells.push(if blank_row {
                String::new()
            } else {
                cell(rng, *kind, &gen.choices)
            });
        }
        table.push(cells);
    }
    let mut accounts = csv::Writer::from_path(dir.join("accounts.csv")).expect("accounts.csv");
    accounts.write_record(&headers).expect("writes");
    for cells in &table {
        accounts.write_record(cells).expect("writes");
    }
    accounts.flush().expect("flushes");
    std::fs::write(dir.join("card.json"), healthscore_core::file::export(&card)).expect("card");
    for dialect in [Dialect::Postgres, Dialect::DuckDb] {
        let mut options = SqlOptions::table(dialect, "accounts");
        options.name_column = Some(name_header.to_owned());
        let sql = export_sql(valid, &options).expect("exports");
        std::fs::write(dir.join(format!("query_{dialect}.sql")), sql).expect("query");
    }
    let mut scorer = RowScorer::new(valid, headers.clone(), None);
    let mut expected = csv::Writer::from_path(dir.join("expected.csv")).expect("expected.csv");
    let mut header = vec!["account", "score", "band", "grade", "missing"]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    for m in &card.metrics {
        header.push(format!("{}_sub_score", m.id));
        header.push(format!("{}_points", m.id));
    }
    expected.write_record(&header).expect("writes");
    for (row, cells) in table.iter().enumerate() {
        let score = scorer.score(row as u64 + 2, cells.iter().map(String::as_str));
        let label =
            |list: &[Band], i: Option<usize>| i.map_or(String::new(), |i| list[i].label.clone());
        let mut record = vec![
            score.name.clone(),
            score.score.map_or(String::new(), |s| format!("{s:?}")),
            label(&card.bands, score.band),
            label(&card.grades, score.grade),
            score.missing(valid).join("; "),
        ];
        for m in &score.metrics {
            record.push(m.sub_score.map_or(String::new(), |s| format!("{s:?}")));
            record.push(
                m.sub_score
                    .map_or(String::new(), |_| format!("{:?}", m.points)),
            );
        }
        expected.write_record(&record).expect("writes");
    }
    expected.flush().expect("flushes");
}

fn account_name(rng: &mut Rng, row: usize) -> String {
    let base = format!("acct {row:03}");
    match rng.below(6) {
        0 => format!("  {base} O'Neil "),
        1 => format!("{base} \"Ünïcødé\"\t"),
        _ => base,
    }
}

fn column_name(rng: &mut Rng, gen: &Gen, index: usize) -> String {
    let hostile = *rng.pick(&HOSTILE_COLUMNS);
    let name = if rng.chance(40) {
        format!("{hostile} {index}")
    } else {
        format!("metric col {index}")
    };
    debug_assert!(!gen.columns.iter().any(|(h, _)| *h == name));
    name
}

fn add_column(rng: &mut Rng, gen: &mut Gen, kind: Kind) -> String {
    let name = column_name(rng, gen, gen.columns.len() + 1);
    gen.columns.push((name.clone(), kind));
    name
}

fn card(rng: &mut Rng, gen: &mut Gen) -> Scorecard {
    let count = 1 + rng.below(6);
    let weights = weights(rng, count);
    let all_excluded = rng.chance(25);
    let mut data = DataSettings {
        as_of: Some("2026-03-14".to_owned()),
        ..DataSettings::default()
    };
    let metrics = (0..count)
        .map(|i| metric(rng, gen, &mut data, i, weights[i], all_excluded))
        .collect();
    let band_count = 2 + rng.below(11);
    let band_list = bands(rng, band_count, "Band");
    let grade_count = 2 + rng.below(11);
    let grades = match rng.below(3) {
        0 => Vec::new(),
        1 => letter_grades(),
        _ => bands(rng, grade_count, "Grade"),
    };
    Scorecard {
        version: FORMAT_VERSION,
        name: format!("Case; DROP TABLE x --\n{}", rng.below(1000)),
        description: String::new(),
        metrics,
        bands: band_list,
        grades,
        data,
    }
}

/// Integer weights totalling 100, some of them 0.
fn weights(rng: &mut Rng, count: usize) -> Vec<f64> {
    let mut cuts: Vec<usize> = (0..count - 1).map(|_| rng.below(101)).collect();
    cuts.sort_unstable();
    let mut last = 0;
    let mut out = Vec::new();
    for cut in cuts.into_iter().chain([100]) {
        out.push((cut - last) as f64);
        last = cut;
    }
    out
}

fn bands(rng: &mut Rng, count: usize, prefix: &str) -> Vec<Band> {
    let mut froms: Vec<f64> = Vec::new();
    while froms.len() < count - 1 {
        let from = rng.grid(0.25, 100.0);
        if !froms.contains(&from) {
            froms.push(from);
        }
    }
    froms.sort_by(f64::total_cmp);
    std::iter::once(0.0)
        .chain(froms)
        .enumerate()
        .map(|(i, from)| Band::new(&format!("{prefix} {i} it's"), "#123456", from))
        .collect()
}

fn metric(
    rng: &mut Rng,
    gen: &mut Gen,
    data: &mut DataSettings,
    index: usize,
    weight: f64,
    all_excluded: bool,
) -> Metric {
    let missing = if all_excluded {
        MissingPolicy::Exclude
    } else {
        match rng.below(3) {
            0 => MissingPolicy::Zero,
            1 => MissingPolicy::Value {
                score: rng.grid(0.0, 100.0),
            },
            _ => MissingPolicy::Exclude,
        }
    };
    let (rule, input, read) = match rng.below(3) {
        0 => categorical(rng, gen),
        kind => numeric(rng, gen, data, kind == 1),
    };
    for column in input.columns() {
        maybe_map(rng, gen, data, column);
    }
    let id = format!(
        "m{index}{}",
        if rng.chance(30) { " it's \"odd\"" } else { "" }
    );
    let name = format!("Metric {index}");
    let (category, signal) = (Category::Adoption, Signal::Leading);
    let mut metric = healthscore_core::templates::metric(
        &id, &name, category, signal, weight, input, rule, missing,
    );
    metric.read = read;
    metric
}

/// Sometimes maps an input to another header (the data's own name) or declines it.
fn maybe_map(rng: &mut Rng, gen: &mut Gen, data: &mut DataSettings, input: &str) {
    match rng.below(10) {
        0 => data.mappings.push(Mapping {
            input: input.to_owned(),
            column: None,
        }),
        1 => {
            let renamed = format!("{input} (renamed)");
            for (header, _) in gen.columns.iter_mut().filter(|(h, _)| h == input) {
                *header = renamed.clone();
            }
            data.mappings.push(Mapping {
                input: input.to_owned(),
                column: Some(renamed),
            });
        }
        _ => {}
    }
}

fn categorical(rng: &mut Rng, gen: &mut Gen) -> (Rule, Input, ReadAs) {
    let count = 1 + rng.below(4);
    let mut values: Vec<Choice> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    while values.len() < count {
        let value = if rng.chance(40) {
            *rng.pick(&HOSTILE_VALUES)
        } else {
            *rng.pick(&PLAIN_VALUES)
        };
        let key = value.trim().to_lowercase();
        if keys.contains(&key) {
            continue;
        }
        keys.push(key);
        let mut choice = Choice::new(value, rng.grid(0.0, 10.0));
        if rng.chance(40) {
            let alias = format!("{value} alias");
            keys.push(alias.to_lowercase());
            choice.aliases.push(alias);
        }
        values.push(choice);
    }
    let mut spellings: Vec<String> = values
        .iter()
        .flat_map(|c| std::iter::once(c.value.clone()).chain(c.aliases.clone()))
        .collect();
    spellings.push("unknown value".to_owned());
    gen.choices.push(spellings);
    let column = add_column(rng, gen, Kind::Text(gen.choices.len() - 1));
    (
        Rule::Categorical {
            values,
            out_of: 10.0,
        },
        Input::Column(column),
        ReadAs::Number,
    )
}

fn numeric(
    rng: &mut Rng,
    gen: &mut Gen,
    data: &mut DataSettings,
    tiers: bool,
) -> (Rule, Input, ReadAs) {
    let read = match rng.below(8) {
        0 => ReadAs::Fraction,
        1 => ReadAs::DaysSince,
        2 => ReadAs::DaysUntil,
        _ => ReadAs::Number,
    };
    let (rule, near) = if tiers {
        tier_rule(rng)
    } else {
        linear_rule(rng)
    };
    let mark = match rng.below(5) {
        0 => Some(DecimalMark::Point),
        1 => Some(DecimalMark::Comma),
        _ => None,
    };
    let kind = if read.is_date() {
        Kind::Date
    } else {
        Kind::Number { near, mark }
    };
    let input = if !read.is_date() && rng.chance(30) {
        let top = add_column(rng, gen, kind);
        let bottom = add_column(
            rng,
            gen,
            Kind::Number {
                near: [0.0, 1.0, 2.0, 4.0],
                mark,
            },
        );
        Input::Ratio {
            numerator: top,
            denominator: bottom,
        }
    } else {
        Input::Column(add_column(rng, gen, kind))
    };
    if let Some(mark) = mark {
        for column in input.columns() {
            data.formats.push(ColumnFormat {
                column: column.to_owned(),
                decimal: Some(mark),
                day_month: None,
            });
        }
    }
    (rule, input, read)
}

fn tier_rule(rng: &mut Rng) -> (Rule, [f64; 4]) {
    let direction = if rng.chance(50) {
        Direction::HigherIsBetter
    } else {
        Direction::LowerIsBetter
    };
    let count = 1 + rng.below(4);
    let mut thresholds: Vec<f64> = Vec::new();
    while thresholds.len() < count {
        let t = rng.grid(-20.0, 120.0);
        if !thresholds.contains(&t) {
            thresholds.push(t);
        }
    }
    thresholds.sort_by(f64::total_cmp);
    if direction == Direction::HigherIsBetter {
        thresholds.reverse();
    }
    let out_of = *rng.pick(&[7.0, 10.0, 20.0, 100.0]);
    let tiers = thresholds
        .iter()
        .map(|&threshold| Tier {
            threshold,
            points: (rng.grid(0.0, out_of)),
        })
        .collect();
    let mut near = [0.0; 4];
    for (i, slot) in near.iter_mut().enumerate() {
        *slot = thresholds[i % thresholds.len()];
    }
    (
        Rule::Tiers {
            direction,
            tiers,
            otherwise: rng.grid(0.0, out_of),
            out_of,
        },
        near,
    )
}

fn linear_rule(rng: &mut Rng) -> (Rule, [f64; 4]) {
    let floor = rng.grid(-20.0, 120.0);
    let mut target = rng.grid(-20.0, 120.0);
    if target == floor {
        target = floor + 7.0;
    }
    (
        Rule::Linear { floor, target },
        [floor, target, (floor + target) / 3.0, floor - 1.0],
    )
}

fn cell(rng: &mut Rng, kind: Kind, choices: &[Vec<String>]) -> String {
    let odd = [
        "",
        " ",
        "n/a",
        "N/A",
        "-",
        "null",
        "abc",
        "5.",
        "1e400",
        "1e-400",
        "inf",
        "NaN",
        "1.234",
        "1,234",
        "-12.500",
        "0",
        "-0",
        "0.0",
        "12,5",
        "1,234,567.5",
        "1.234.567,5",
        "80%",
        ".5",
        "+.5e1",
        "2.5E-2",
        "\u{a0}42\u{a0}",
        "\t7\t",
        "1_000",
    ];
    match kind {
        Kind::Date if rng.chance(15) => rng.pick(&["", " ", "n/a", "abc", "-"]).to_string(),
        Kind::Number { .. } | Kind::Text(_) if rng.chance(15) => rng.pick(&odd).to_string(),
        Kind::Number { near, mark } => number_cell(rng, near, mark),
        Kind::Date => date_cell(rng),
        Kind::Text(i) => {
            let spelling = rng.pick(&choices[i]).clone();
            let cased = match rng.below(3) {
                0 => spelling.to_uppercase(),
                1 => spelling.to_lowercase(),
                _ => spelling,
            };
            if rng.chance(30) {
                format!(" {cased}\u{a0}")
            } else {
                cased
            }
        }
    }
}

fn number_cell(rng: &mut Rng, near: [f64; 4], mark: Option<DecimalMark>) -> String {
    let value = match rng.below(4) {
        0 => *rng.pick(&near),
        1 => *rng.pick(&near) + *rng.pick(&[-0.25, 0.25, 1e-9, -1e-9]),
        2 => rng.grid(-50.0, 150.0),
        _ => (rng.next() % 10_000_000) as f64 / 1000.0,
    };
    let text = format!("{value}");
    let text = match rng.below(5) {
        0 => format!("{text}%"),
        1 => format!("{value:e}"),
        _ => text,
    };
    match mark {
        Some(DecimalMark::Comma) if rng.chance(80) => text.replace('.', ","),
        _ => text,
    }
}

fn date_cell(rng: &mut Rng) -> String {
    let base = Day::parse_iso("2026-03-14").expect("date").0;
    let day = Day(base - 400 + rng.below(800) as i32);
    match rng.below(10) {
        0 => "2026-02-30".to_owned(),
        1 => "2024-02-29".to_owned(),
        _ => day.iso(),
    }
}
