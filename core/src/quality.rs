//! The data-quality report: per metric, what its column holds (how many values read, blanks,
//! range) and what could not be read, grouped by value with counts and the rows affected,
//! plus the fixes worth offering (fractions to percentages, a decimal mark, a date order).

use crate::engine::SubScores;
use crate::mapping::MarkSource;
use crate::mapping::{reads_numbers, ColumnMap};
use crate::model::{Input, ReadAs, Rule, Scorecard};
use crate::number::{looks_like_fractions, read_number_as, DecimalMark, NumberCell};
use crate::scoring::{read_metric, MissingReason};
use crate::table::Table;
use std::collections::hash_map::Entry;
use std::collections::HashMap;

/// Rows whose raw values give a metric's range and the fractions check; counts are of every
/// row (they come from the sub-scores), so a large paste is not read a second time.
pub const PROFILED_ROWS: usize = 2_000;
/// Rows kept per problem value, to name the accounts affected.
const ROWS_KEPT: usize = 5;

/// Why a value could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// Not a number (or not a date, for a date metric).
    NotANumber,
    /// A categorical value the rule does not list.
    UnknownValue,
    /// Reads two ways (`1.234`, `03/04/2026`) until the column's format is chosen.
    Ambiguous,
    /// A date metric with no as-of date.
    NoAsOf,
}

/// One value that could not be read, with how often and where.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueProblem {
    /// The cell text, trimmed.
    pub text: String,
    /// What was wrong.
    pub kind: ProblemKind,
    /// How many accounts have it.
    pub count: usize,
    /// The first few of those accounts' rows.
    pub rows: Vec<usize>,
}

/// What one metric's column holds.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricQuality {
    /// The metric's position in the scorecard.
    pub metric: usize,
    /// The data column of its (first) input, when mapped.
    pub column: Option<usize>,
    /// Values read (numbers, dates or listed categories), in every row.
    pub read: usize,
    /// Blank or "n/a" cells (or zero denominators), in every row.
    pub blanks: usize,
    /// Smallest and largest value read in the first [`PROFILED_ROWS`] rows, for numeric metrics.
    pub range: Option<(f64, f64)>,
    /// Values that could not be read, most frequent first.
    pub problems: Vec<ValueProblem>,
    /// A percentage metric whose values are mostly between 0 and 1: offer "multiply by 100".
    pub fractions: bool,
    /// Rows the range was taken from (all, or the first [`PROFILED_ROWS`]).
    pub rows: usize,
    /// Whether the range is of the first rows only.
    pub sampled: bool,
    /// Values that read two ways and were read with a guessed decimal mark.
    pub guessed: Option<GuessedMark>,
}

/// Cells read with a decimal mark the column itself does not show: shown, so the user can
/// confirm or switch it.
#[derive(Debug, Clone, PartialEq)]
pub struct GuessedMark {
    /// The mark used.
    pub mark: DecimalMark,
    /// Why that mark.
    pub source: MarkSource,
    /// The first such cell.
    pub example: String,
    /// How many such cells (in the first [`PROFILED_ROWS`] rows).
    pub count: usize,
}

impl MetricQuality {
    /// Whether anything here needs the user's attention.
    pub fn needs_attention(&self) -> bool {
        !self.problems.is_empty() || self.fractions || self.guessed.is_some()
    }

    /// Cells that could not be read, in all.
    pub fn problem_count(&self) -> usize {
        self.problems.iter().map(|p| p.count).sum()
    }
}

/// Profiles every mapped metric's column. `subs` supplies the problems already found while
/// reading sub-scores, so nothing is parsed twice for them.
pub fn profile(
    card: &Scorecard,
    map: &ColumnMap,
    table: &Table,
    subs: &SubScores,
) -> Vec<MetricQuality> {
    let mut grouped: Vec<Vec<ValueProblem>> = vec![Vec::new(); card.metrics.len()];
    // Per metric, where each value's group is in its list: a look-up, not a search of the
    // list, so a column of a million different unreadable values groups in one pass.
    let mut found: Vec<HashMap<(ProblemKind, String), usize>> =
        vec![HashMap::new(); card.metrics.len()];
    for problem in &subs.problems {
        let (text, kind) = match &problem.reason {
            MissingReason::NotANumber(t) => (t.as_str(), ProblemKind::NotANumber),
            MissingReason::UnknownValue(t) => (t.as_str(), ProblemKind::UnknownValue),
            MissingReason::Ambiguous(t) => (t.as_str(), ProblemKind::Ambiguous),
            MissingReason::NoAsOf => ("", ProblemKind::NoAsOf),
            _ => continue,
        };
        let (Some(list), Some(index)) = (
            grouped.get_mut(problem.metric),
            found.get_mut(problem.metric),
        ) else {
            continue;
        };
        // Categories match case aside, so "Presnt" and "presnt" are one problem, shown as
        // first seen.
        let key = match kind {
            ProblemKind::UnknownValue => text.to_lowercase(),
            _ => text.to_owned(),
        };
        match index.entry((kind, key)) {
            Entry::Occupied(at) => {
                let group = &mut list[*at.get()];
                group.count += 1;
                if group.rows.len() < ROWS_KEPT {
                    group.rows.push(problem.row);
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(list.len());
                list.push(ValueProblem {
                    text: text.to_owned(),
                    kind,
                    count: 1,
                    rows: vec![problem.row],
                });
            }
        }
    }
    card.metrics
        .iter()
        .enumerate()
        .zip(grouped)
        .filter_map(|((index, metric), mut problems)| {
            let source = map.of(index).ok()?;
            problems.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
            let rows = table.len().min(PROFILED_ROWS);
            let values: Vec<f64> = (0..rows)
                .filter_map(|row| read_metric(metric, Ok(source), table, row).value)
                .collect();
            let guessed = guessed_mark(map, table, source.columns.first().copied(), rows);
            let missing = subs.missing(index);
            let read = subs.len() - missing;
            let unreadable: usize = problems.iter().map(|p| p.count).sum();
            let blanks = missing.saturating_sub(unreadable);
            let numeric = reads_numbers(&metric.rule, metric.read);
            let range = (numeric && !values.is_empty()).then(|| {
                values
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                        (lo.min(v), hi.max(v))
                    })
            });
            let fractions = metric.read == ReadAs::Number
                && matches!(metric.input, Input::Column(_))
                && on_percent_scale(&metric.rule)
                && looks_like_fractions(&values);
            Some(MetricQuality {
                metric: index,
                column: source.columns.first().copied(),
                read,
                blanks,
                range,
                problems,
                fractions,
                rows,
                sampled: rows < table.len(),
                guessed: guessed.filter(|_| numeric),
            })
        })
        .collect()
}

/// The cells of a column read with a guessed mark that a decimal comma would read otherwise.
fn guessed_mark(
    map: &ColumnMap,
    table: &Table,
    column: Option<usize>,
    rows: usize,
) -> Option<GuessedMark> {
    let column = column?;
    let source = map
        .mark_sources
        .get(column)
        .filter(|s| s.is_guess())?
        .clone();
    let mark = map.marks.get(column).copied().flatten()?;
    let mut ambiguous = (0..rows)
        .map(|row| table.cell(row, column))
        .filter(|cell| matches!(read_number_as(cell, None), NumberCell::Ambiguous { .. }));
    let example = ambiguous.next()?.trim().to_owned();
    Some(GuessedMark {
        mark,
        source,
        example,
        count: 1 + ambiguous.count(),
    })
}

/// Whether a rule expects values well above 1 (thresholds like 80 or a target of 100),
/// so fractions like 0.76 would all land at the bottom.
pub fn on_percent_scale(rule: &Rule) -> bool {
    match rule {
        Rule::Tiers { tiers, .. } => tiers.iter().any(|t| t.threshold > 1.5),
        Rule::Linear { floor, target } => floor.max(*target) > 1.5,
        Rule::Categorical { .. } => false,
    }
}

/// The listed value an unknown text most likely means (`Presnt` for `Present`), if any is close.
pub fn closest_value(rule: &Rule, text: &str) -> Option<usize> {
    let Rule::Categorical { values, .. } = rule else {
        return None;
    };
    values
        .iter()
        .enumerate()
        .map(|(i, c)| (i, crate::mapping::similarity(text, &c.value)))
        .filter(|(_, s)| *s >= 0.5)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// The two readings of an ambiguous number, for the buttons that settle a column's mark.
pub fn readings(text: &str) -> Option<(f64, f64)> {
    match crate::number::read_number_as(text, None) {
        crate::number::NumberCell::Ambiguous { point, comma } => Some((point, comma)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Choice, Direction, MissingPolicy, Tier};
    use crate::parse_table;
    use crate::templates::blank;

    fn metric(id: &str, column: &str, rule: Rule) -> crate::model::Metric {
        crate::model::Metric {
            id: id.into(),
            name: id.into(),
            category: crate::model::Category::Adoption,
            signal: crate::model::Signal::Leading,
            weight: 50.0,
            input: Input::Column(column.into()),
            rule,
            missing: MissingPolicy::Zero,
            read: ReadAs::Number,
            locked: false,
        }
    }

    fn card() -> Scorecard {
        let mut card = blank();
        card.metrics = vec![
            metric(
                "adoption",
                "Adoption %",
                Rule::Tiers {
                    direction: Direction::HigherIsBetter,
                    tiers: vec![
                        Tier {
                            threshold: 80.0,
                            points: 20.0,
                        },
                        Tier {
                            threshold: 50.0,
                            points: 13.0,
                        },
                    ],
                    otherwise: 0.0,
                    out_of: 20.0,
                },
            ),
            metric(
                "champion",
                "Champion",
                Rule::Categorical {
                    values: vec![Choice::new("Present", 15.0), Choice::new("Absent", 0.0)],
                    out_of: 15.0,
                },
            ),
        ];
        card
    }

    fn report(card: &Scorecard, text: &str) -> Vec<MetricQuality> {
        let table = parse_table(text).table;
        let map = ColumnMap::resolve(card, &table);
        let subs = SubScores::read(card, &table);
        profile(card, &map, &table, &subs)
    }

    #[test]
    fn unknown_values_are_grouped_with_counts_and_rows() {
        let text = "Account,Adoption %,Champion\nA,0.9,Presnt\nB,0.76,Present\nC,0.5,Presnt\nD,,Unkown\nE,0.2,presnt\n";
        let report = report(&card(), text);
        let champion = &report[1];
        assert_eq!(champion.problems.len(), 2, "{:?}", champion.problems);
        assert_eq!(
            (
                champion.problems[0].text.as_str(),
                champion.problems[0].count,
                champion.problems[0].rows.clone()
            ),
            ("Presnt", 3, vec![0, 2, 4])
        );
        assert_eq!(champion.problems[1].count, 1);
        assert_eq!(champion.read, 1);
        let adoption = &report[0];
        assert!(
            adoption.fractions,
            "0.9, 0.76, 0.5, 0.2 under thresholds of 80 and 50"
        );
        assert_eq!(adoption.blanks, 1);
        assert_eq!(adoption.range, Some((0.2, 0.9)));
    }

    #[test]
    fn a_column_of_many_different_unreadable_values_groups_each_once() {
        // A number metric mapped to a column of names: every cell unreadable, most of them
        // different, some repeated (every tenth account is "Acme"; "acme" is another value
        // for a number, case matters there).
        let mut text = String::from("Account,Adoption %,Champion\n");
        for i in 0..20_000 {
            let value = match i % 10 {
                0 => "Acme".to_owned(),
                5 => "acme".to_owned(),
                _ => format!("Name {i}"),
            };
            text.push_str(&format!("{i},{value},Present\n"));
        }
        let adoption = &report(&card(), &text)[0];
        assert_eq!(adoption.problem_count(), 20_000);
        assert_eq!(adoption.problems.len(), 2 + 16_000);
        let top: Vec<(&str, usize)> = adoption.problems[..3]
            .iter()
            .map(|p| (p.text.as_str(), p.count))
            .collect();
        assert_eq!(top, vec![("Acme", 2_000), ("acme", 2_000), ("Name 1", 1)]);
        assert_eq!(adoption.problems[0].rows, vec![0, 10, 20, 30, 40]);
        assert!(adoption
            .problems
            .iter()
            .all(|p| p.kind == ProblemKind::NotANumber));
    }

    #[test]
    fn percentages_are_not_flagged_as_fractions() {
        let text = "Account,Adoption %,Champion\nA,90,Present\nB,76,Present\nC,50,Absent\n";
        assert!(!report(&card(), text)[0].fractions);
        let mut fixed = card();
        fixed.set_read_as(0, ReadAs::Fraction);
        let text = "Account,Adoption %,Champion\nA,0.9,Present\nB,0.76,Present\nC,0.5,Absent\n";
        let report = report(&fixed, text);
        assert!(!report[0].fractions);
        assert_eq!(report[0].range, Some((50.0, 90.0)));
    }

    #[test]
    fn ambiguous_numbers_are_grouped_as_such() {
        let text = "Account,Adoption %,Champion\nA,1.234,Present\nB,2.500,Present\nC,7,Absent\n";
        let report = report(&card(), text);
        let kinds: Vec<ProblemKind> = report[0].problems.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, vec![ProblemKind::Ambiguous, ProblemKind::Ambiguous]);
        assert_eq!(readings("1.234"), Some((1.234, 1234.0)));
    }

    #[test]
    fn the_closest_listed_value_is_offered() {
        let rule = &card().metrics[1].rule;
        assert_eq!(closest_value(rule, "Presnt"), Some(0));
        assert_eq!(closest_value(rule, "Absnt"), Some(1));
        assert_eq!(closest_value(rule, "Left company"), None);
    }
}
