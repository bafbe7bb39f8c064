//! Proposals side by side: two or three scorecards scored on the same accounts, compared
//! metric by metric, band by band and account by account, with a CSV of each.
//!
//! Everything over accounts is one columnar pass over the [`Scores`] vectors the cards
//! already have, with no allocation per account, so the comparison can follow edits live
//! at 100,000 accounts.

use crate::describe::{missing_sentence, rule_sentence};
use crate::engine::{Scores, NO_BAND};
use crate::evidence::{self, BandOutcome, Separation};
use crate::model::{Band, Metric, Scorecard};
use crate::results_csv::neutralise;
use crate::scoring::round_dust;
use thiserror::Error;

/// The label of the category for accounts a card gives no score.
pub const NO_SCORE: &str = "No score";

/// The fewest and most proposals a comparison takes.
pub const PROPOSALS: std::ops::RangeInclusive<usize> = 2..=3;

/// One proposal: a scorecard and its scores on the shared accounts (row `i` of every
/// proposal's scores is the same account).
#[derive(Debug, Clone, Copy)]
pub struct Proposal<'a> {
    /// The scorecard.
    pub card: &'a Scorecard,
    /// `Scores::compute` of that card on the shared accounts.
    pub scores: &'a Scores,
}

/// Why proposals cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CompareError {
    /// Fewer than two or more than three proposals.
    #[error("{0} proposals; a comparison takes 2 or 3")]
    Count(usize),
    /// The proposals were scored on different numbers of accounts.
    #[error("the proposals were scored on different accounts ({0} and {1} rows)")]
    Accounts(usize, usize),
}

/// The category (band index, or the "No score" slot after the bands) of each account.
fn slot(band: u16, bands: usize) -> usize {
    if band == NO_BAND {
        bands
    } else {
        (band as usize).min(bands)
    }
}

/// A band label as compared across cards: trimmed and lowercased; None for "No score".
fn label_key(bands: &[Band], slot: usize) -> Option<String> {
    bands.get(slot).map(|b| b.label.trim().to_lowercase())
}

/// How many accounts moved from each band of card A (rows) to each band of card B
/// (columns), each list ending with a [`NO_SCORE`] category.
///
/// An account "changed band" when its label under A differs from its label under B,
/// compared trimmed and case-insensitively, so that `Green` to `green` is no move even
/// where the cards' band counts differ; "No score" equals only "No score".
#[derive(Debug, Clone, PartialEq)]
pub struct MovementMatrix {
    from: Vec<String>,
    to: Vec<String>,
    counts: Vec<usize>,
    same: Vec<bool>,
}

impl MovementMatrix {
    /// Counts the moves from `a` to `b` in one pass over the accounts both have.
    pub fn build(a: Proposal<'_>, b: Proposal<'_>) -> MovementMatrix {
        let (bands_a, bands_b) = (&a.card.bands, &b.card.bands);
        let labels = |bands: &[Band]| -> Vec<String> {
            bands
                .iter()
                .map(|b| b.label.clone())
                .chain(std::iter::once(NO_SCORE.to_owned()))
                .collect()
        };
        let (from, to) = (labels(bands_a), labels(bands_b));
        let width = to.len();
        let same: Vec<bool> = (0..from.len() * width)
            .map(|k| label_key(bands_a, k / width) == label_key(bands_b, k % width))
            .collect();
        let mut counts = vec![0usize; from.len() * width];
        for (&x, &y) in a.scores.band.iter().zip(&b.scores.band) {
            counts[slot(x, bands_a.len()) * width + slot(y, bands_b.len())] += 1;
        }
        MovementMatrix {
            from,
            to,
            counts,
            same,
        }
    }

    /// Card A's band labels, then [`NO_SCORE`]: the rows.
    pub fn from_labels(&self) -> &[String] {
        &self.from
    }

    /// Card B's band labels, then [`NO_SCORE`]: the columns.
    pub fn to_labels(&self) -> &[String] {
        &self.to
    }

    /// Accounts in band `from` of A and band `to` of B (0 outside the matrix).
    pub fn count(&self, from: usize, to: usize) -> usize {
        self.cell(from, to).map_or(0, |k| self.counts[k])
    }

    /// Whether cell (`from`, `to`) is a change of band (labels differ, case aside).
    pub fn is_change(&self, from: usize, to: usize) -> bool {
        self.cell(from, to).is_some_and(|k| !self.same[k])
    }

    /// Accounts whose band label differs between A and B.
    pub fn changed(&self) -> usize {
        self.counts
            .iter()
            .zip(&self.same)
            .filter(|(_, &same)| !same)
            .map(|(n, _)| n)
            .sum()
    }

    /// The rows (account indexes, ascending) in cell (`from`, `to`); `a` and `b` must be the
    /// scores the matrix was built from.
    pub fn cell_rows(&self, a: &Scores, b: &Scores, from: usize, to: usize) -> Vec<usize> {
        match self.cell(from, to) {
            Some(wanted) => self.rows_where(a, b, |k| k == wanted),
            None => Vec::new(),
        }
    }

    /// The rows (ascending) whose band label differs between A and B.
    pub fn changed_rows(&self, a: &Scores, b: &Scores) -> Vec<usize> {
        self.rows_where(a, b, |k| !self.same[k])
    }

    fn cell(&self, from: usize, to: usize) -> Option<usize> {
        (from < self.from.len() && to < self.to.len()).then(|| from * self.to.len() + to)
    }

    fn rows_where(&self, a: &Scores, b: &Scores, keep: impl Fn(usize) -> bool) -> Vec<usize> {
        let (height, width) = (self.from.len() - 1, self.to.len() - 1);
        a.band
            .iter()
            .zip(&b.band)
            .enumerate()
            .filter(|(_, (&x, &y))| keep(slot(x, height) * (width + 1) + slot(y, width)))
            .map(|(row, _)| row)
            .collect()
    }
}

/// One metric as each card has it.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricCell {
    /// The metric's position in that card.
    pub index: usize,
    /// Its weight there.
    pub weight: f64,
    /// Its rule as a sentence, in points of that weight ([`rule_sentence`]).
    pub rule: String,
    /// Its missing-value policy as a phrase ([`missing_sentence`]).
    pub missing: String,
}

/// One metric across the cards: matched by id, else by name (trimmed, case aside).
#[derive(Debug, Clone, PartialEq)]
pub struct MetricRow {
    /// The id in the first card that has the metric.
    pub id: String,
    /// The name there.
    pub name: String,
    /// Per card, the metric there, or None where that card lacks it.
    pub cells: Vec<Option<MetricCell>>,
    /// The cards that have it give it different weights.
    pub weight_differs: bool,
    /// The cards that have it read or score it differently (input, reading, rule or policy).
    pub rule_differs: bool,
}

impl MetricRow {
    /// Some card lacks the metric.
    pub fn absent(&self) -> bool {
        self.cells.iter().any(Option::is_none)
    }

    /// Anything differs: weight, rule, or presence.
    pub fn differs(&self) -> bool {
        self.weight_differs || self.rule_differs || self.absent()
    }
}

/// The metrics of `cards` side by side, in order of first appearance.
pub fn metric_rows(cards: &[&Scorecard]) -> Vec<MetricRow> {
    // Per row, per card: the metric's index in that card.
    let mut rows: Vec<Vec<Option<usize>>> = Vec::new();
    let mut first: Vec<&Metric> = Vec::new();
    for (c, card) in cards.iter().enumerate() {
        let mut placed = vec![false; card.metrics.len()];
        let same_name =
            |a: &Metric, b: &Metric| a.name.trim().to_lowercase() == b.name.trim().to_lowercase();
        for pass in 0..2 {
            for (m, metric) in card.metrics.iter().enumerate() {
                if placed[m] {
                    continue;
                }
                let matches = |r: usize| {
                    rows[r][c].is_none()
                        && if pass == 0 {
                            first[r].id == metric.id
                        } else {
                            same_name(first[r], metric)
                        }
                };
                if let Some(r) = (0..rows.len()).find(|&r| matches(r)) {
                    rows[r][c] = Some(m);
                    placed[m] = true;
                }
            }
        }
        for (m, metric) in card.metrics.iter().enumerate().filter(|(m, _)| !placed[*m]) {
            let mut row = vec![None; cards.len()];
            row[c] = Some(m);
            rows.push(row);
            first.push(metric);
        }
    }
    rows.into_iter()
        .zip(first)
        .map(|(row, metric)| metric_row(cards, &row, metric))
        .collect()
}

fn metric_row(cards: &[&Scorecard], row: &[Option<usize>], first: &Metric) -> MetricRow {
    let present: Vec<&Metric> = row
        .iter()
        .zip(cards)
        .filter_map(|(m, card)| m.and_then(|m| card.metrics.get(m)))
        .collect();
    let differ = |same: &dyn Fn(&Metric, &Metric) -> bool| {
        present.windows(2).any(|pair| !same(pair[0], pair[1]))
    };
    MetricRow {
        id: first.id.clone(),
        name: first.name.clone(),
        cells: row
            .iter()
            .zip(cards)
            .map(|(m, card)| {
                let index = (*m)?;
                let metric = card.metrics.get(index)?;
                Some(MetricCell {
                    index,
                    weight: metric.weight,
                    rule: rule_sentence(metric),
                    missing: missing_sentence(&metric.missing),
                })
            })
            .collect(),
        weight_differs: differ(&|a, b| a.weight == b.weight),
        rule_differs: differ(&|a, b| {
            a.input == b.input && a.read == b.read && a.rule == b.rule && a.missing == b.missing
        }),
    }
}

/// One band of one card, with its accounts.
#[derive(Debug, Clone, PartialEq)]
pub struct BandCell {
    /// "Green".
    pub label: String,
    /// Where it starts.
    pub from: f64,
    /// Accounts in it.
    pub accounts: usize,
}

/// The bands at one position (lowest first) across the cards.
#[derive(Debug, Clone, PartialEq)]
pub struct BandRow {
    /// Per card, its band at this position, None where it has fewer bands.
    pub cells: Vec<Option<BandCell>>,
    /// Labels (case aside) or starts differ, or some card has no band here.
    pub differs: bool,
}

/// The proposals' bands position by position, lowest first, with their account counts.
pub fn band_rows(proposals: &[Proposal<'_>]) -> Vec<BandRow> {
    let most = proposals.iter().map(|p| p.card.bands.len()).max();
    (0..most.unwrap_or(0))
        .map(|position| {
            let cells: Vec<Option<BandCell>> = proposals
                .iter()
                .map(|p| {
                    p.card.bands.get(position).map(|band| BandCell {
                        label: band.label.clone(),
                        from: band.from,
                        accounts: p.scores.band_counts.get(position).copied().unwrap_or(0),
                    })
                })
                .collect();
            let key =
                |c: &Option<BandCell>| c.as_ref().map(|c| (c.label.trim().to_lowercase(), c.from));
            let differs = cells.windows(2).any(|pair| key(&pair[0]) != key(&pair[1]))
                || cells.iter().any(Option::is_none);
            BandRow { cells, differs }
        })
        .collect()
}

/// Score under `b` minus score under `a`, to 1e-6, for one account; NaN when either has none.
pub fn delta_of(a: f64, b: f64) -> f64 {
    // NaN stays NaN through the arithmetic; + 0.0 turns -0 into 0.
    round_dust(b - a) + 0.0
}

/// Per account, score under `b` minus score under `a` ([`delta_of`]).
pub fn deltas(a: &Scores, b: &Scores) -> Vec<f64> {
    a.score
        .iter()
        .zip(&b.score)
        .map(|(&x, &y)| delta_of(x, y))
        .collect()
}

/// The accounts whose score moved most, each as (row, delta), largest move first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Movers {
    /// The largest increases.
    pub up: Vec<(usize, f64)>,
    /// The largest decreases (most negative first).
    pub down: Vec<(usize, f64)>,
}

/// The `n` largest increases and `n` largest decreases in `deltas` (NaN and 0 skipped;
/// ties go to the earlier row), in one pass without sorting the accounts.
pub fn movers(deltas: &[f64], n: usize) -> Movers {
    let mut movers = Movers::default();
    for (row, &d) in deltas.iter().enumerate() {
        if d > 0.0 {
            keep_largest(&mut movers.up, n, (row, d), d);
        } else if d < 0.0 {
            keep_largest(&mut movers.down, n, (row, d), -d);
        }
    }
    movers
}

/// Inserts `entry` of size `size` into `top` (sizes descending, at most `n`) if it belongs.
fn keep_largest(top: &mut Vec<(usize, f64)>, n: usize, entry: (usize, f64), size: f64) {
    if top.len() == n && top.last().is_none_or(|last| last.1.abs() >= size) {
        return;
    }
    let at = top.partition_point(|e| e.1.abs() >= size);
    top.insert(at, entry);
    top.truncate(n);
}

/// How one card's score does against the outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct CardOutcome {
    /// The score's AUC (binned, as the evidence panel computes it live), None when an
    /// outcome has no account.
    pub separation: Option<Separation>,
    /// Churn per band, by the card's band index.
    pub per_band: Vec<BandOutcome>,
}

/// [`CardOutcome`] of one proposal, through the evidence module's histogram path.
pub fn outcome(proposal: Proposal<'_>, labels: &[Option<bool>]) -> CardOutcome {
    let scores = proposal.scores;
    let separation = evidence::auc_of(&evidence::histogram(&scores.score, labels));
    let bands = scores
        .band
        .iter()
        .map(|&b| (b != NO_BAND).then_some(b as usize));
    CardOutcome {
        separation,
        per_band: evidence::per_band(bands, labels, proposal.card.bands.len()),
    }
}

/// Each later card against the first.
#[derive(Debug, Clone, PartialEq)]
pub struct Versus {
    /// The later card's position in the comparison.
    pub card: usize,
    /// Per account, its score minus the first card's ([`delta_of`]).
    pub deltas: Vec<f64>,
    /// The largest movers in `deltas`.
    pub movers: Movers,
    /// Band moves from the first card to this one.
    pub movement: MovementMatrix,
}

/// Two or three proposals compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Each card's title ([`titles`]).
    pub titles: Vec<String>,
    /// Metrics side by side.
    pub metrics: Vec<MetricRow>,
    /// Bands side by side, with account counts.
    pub bands: Vec<BandRow>,
    /// Per card, accounts without a score.
    pub unscored: Vec<usize>,
    /// Each card after the first against the first.
    pub versus: Vec<Versus>,
    /// Per card, how its score does against the outcome, when one was given.
    pub outcomes: Option<Vec<CardOutcome>>,
}

/// Compares 2-3 proposals; `labels` (churned per account) adds each card's AUC and churn
/// per band; `movers` is how many largest movers to keep each way.
pub fn compare(
    proposals: &[Proposal<'_>],
    labels: Option<&[Option<bool>]>,
    movers_kept: usize,
) -> Result<Comparison, CompareError> {
    check(proposals)?;
    let cards: Vec<&Scorecard> = proposals.iter().map(|p| p.card).collect();
    let first = proposals[0];
    let versus = proposals
        .iter()
        .enumerate()
        .skip(1)
        .map(|(card, &p)| {
            let deltas = deltas(first.scores, p.scores);
            Versus {
                card,
                movers: movers(&deltas, movers_kept),
                deltas,
                movement: MovementMatrix::build(first, p),
            }
        })
        .collect();
    Ok(Comparison {
        titles: titles(&cards),
        metrics: metric_rows(&cards),
        bands: band_rows(proposals),
        unscored: proposals.iter().map(|p| p.scores.unscored).collect(),
        versus,
        outcomes: labels.map(|l| proposals.iter().map(|&p| outcome(p, l)).collect()),
    })
}

/// 2-3 proposals, all scored on the same number of accounts.
fn check(proposals: &[Proposal<'_>]) -> Result<(), CompareError> {
    if !PROPOSALS.contains(&proposals.len()) {
        return Err(CompareError::Count(proposals.len()));
    }
    let rows = proposals[0].scores.len();
    match proposals.iter().find(|p| p.scores.len() != rows) {
        Some(p) => Err(CompareError::Accounts(rows, p.scores.len())),
        None => Ok(()),
    }
}

/// Each card's name as a column title; where names repeat (case aside) or are blank,
/// the card's letter is added: "Pilot (A)", "Pilot (B)", "Card C".
pub fn titles(cards: &[&Scorecard]) -> Vec<String> {
    let key = |c: &Scorecard| c.name.trim().to_lowercase();
    cards
        .iter()
        .enumerate()
        .map(|(i, card)| {
            let letter = char::from(b'A' + (i % 26) as u8);
            let name = card.name.trim();
            if name.is_empty() {
                format!("Card {letter}")
            } else if cards.iter().filter(|c| key(c) == key(card)).count() > 1 {
                format!("{name} ({letter})")
            } else {
                name.to_owned()
            }
        })
        .collect()
}

/// A number with two decimals, never `-0.00`; blank for NaN.
fn number(value: f64) -> String {
    if value.is_nan() {
        return String::new();
    }
    let text = format!("{value:.2}");
    if text.parse::<f64>() == Ok(0.0) {
        "0.00".to_owned()
    } else {
        text
    }
}

/// A CSV cell: text is neutralised against formula injection, numbers are written as they are
/// (a negative delta must stay a number).
enum Cell {
    Text(String),
    Number(f64),
}

fn write_csv(records: impl Iterator<Item = Vec<Cell>>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in records {
        let cells = record.into_iter().map(|cell| match cell {
            Cell::Text(text) => neutralise(&text),
            Cell::Number(value) => number(value),
        });
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// One row per account: its name, each card's score and band, and each later card's delta
/// against the first. Names come in row order (a missing one is blank); scores have two
/// decimals (blank for none, never `-0.00`); text is neutralised as in
/// [`crate::results_csv`], and numbers are left as numbers.
pub fn comparison_csv<S: AsRef<str>>(
    proposals: &[Proposal<'_>],
    names: impl IntoIterator<Item = S>,
) -> Result<String, CompareError> {
    check(proposals)?;
    let cards: Vec<&Scorecard> = proposals.iter().map(|p| p.card).collect();
    let titles = titles(&cards);
    let mut header = vec![Cell::Text("Account".to_owned())];
    for title in &titles {
        header.push(Cell::Text(format!("{title} score")));
        header.push(Cell::Text(format!("{title} band")));
    }
    for title in &titles[1..] {
        header.push(Cell::Text(format!("Delta ({title} - {})", titles[0])));
    }
    let mut names = names.into_iter();
    let rows = (0..proposals[0].scores.len()).map(move |row| {
        let name = names
            .next()
            .map(|n| n.as_ref().to_owned())
            .unwrap_or_default();
        let mut cells = vec![Cell::Text(name)];
        for p in proposals {
            let band = p.scores.band_of(row).and_then(|b| p.card.bands.get(b));
            cells.push(Cell::Number(p.scores.score[row]));
            cells.push(Cell::Text(
                band.map(|b| b.label.clone()).unwrap_or_default(),
            ));
        }
        let first = proposals[0].scores.score[row];
        for p in &proposals[1..] {
            cells.push(Cell::Number(delta_of(first, p.scores.score[row])));
        }
        cells
    });
    Ok(write_csv(std::iter::once(header).chain(rows)))
}

/// The metrics × cards table: per metric, each card's weight and rule (blank where it lacks
/// the metric), and what differs ("weight", "rule", "absent").
pub fn summary_csv(comparison: &Comparison) -> String {
    let mut header = vec![Cell::Text("Metric".to_owned())];
    for title in &comparison.titles {
        header.push(Cell::Text(format!("{title} weight")));
        header.push(Cell::Text(format!("{title} rule")));
    }
    header.push(Cell::Text("Differs".to_owned()));
    let rows = comparison.metrics.iter().map(|row| {
        let mut cells = vec![Cell::Text(row.name.clone())];
        for cell in &row.cells {
            match cell {
                Some(c) => {
                    cells.push(Cell::Text(crate::validate::trim_number(c.weight)));
                    cells.push(Cell::Text(format!("{}. {}", c.rule, c.missing)));
                }
                None => cells.extend([Cell::Text(String::new()), Cell::Text(String::new())]),
            }
        }
        let differs: Vec<&str> = [
            (row.weight_differs, "weight"),
            (row.rule_differs, "rule"),
            (row.absent(), "absent"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, what)| *what)
        .collect();
        cells.push(Cell::Text(differs.join("; ")));
        cells
    });
    write_csv(std::iter::once(header).chain(rows))
}
