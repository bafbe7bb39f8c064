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
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::hash_map::Entry;

/// Rows whose raw values give a metric's range and the fractions check; counts are of every
/// row (they come from the sub-scores), so a large paste is not read a second time.
pub const PROFILED_ROWS: usize = 2_000;
/// Rows kept per problem value, to name the accounts affected.
const ROWS_KEPT: usize = 5;
/// Distinct unreadable values listed per metric, most frequent first; the rest are counted
/// (a column picked by mistake can hold a million different ones).
pub const LISTED_PROBLEMS: usize = 100;

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
    /// Values that could not be read, most frequent first: the [`LISTED_PROBLEMS`] commonest.
    pub problems: Vec<ValueProblem>,
    /// Further distinct values that could not be read, and the cells holding them.
    pub more_problems: (usize, usize),
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
        self.problems.iter().map(|p| p.count).sum::<usize>() + self.more_problems.1
    }

    /// Distinct values that could not be read, in all.
    pub fn problem_values(&self) -> usize {
        self.problems.len() + self.more_problems.0
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
    let mut grouped = group_problems(subs, card.metrics.len());
    card.metrics
        .iter()
        .enumerate()
        .zip(grouped.iter_mut())
        .filter_map(|((index, metric), groups)| {
            let source = map.of(index).ok()?;
            let (problems, more_problems) = commonest(std::mem::take(groups), subs);
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
                more_problems,
                fractions,
                rows,
                sampled: rows < table.len(),
                guessed: guessed.filter(|_| numeric),
            })
        })
        .collect()
}

/// One distinct unreadable value while grouping: where it was first met in `subs.problems`,
/// how often, and its first rows.
struct Group {
    first: usize,
    kind: ProblemKind,
    count: usize,
    rows: [usize; ROWS_KEPT],
}

/// The text and kind of a sub-score problem the report groups, None for the others.
fn problem_text(reason: &MissingReason) -> Option<(&str, ProblemKind)> {
    match reason {
        MissingReason::NotANumber(t) => Some((t.as_str(), ProblemKind::NotANumber)),
        MissingReason::UnknownValue(t) => Some((t.as_str(), ProblemKind::UnknownValue)),
        MissingReason::Ambiguous(t) => Some((t.as_str(), ProblemKind::Ambiguous)),
        MissingReason::NoAsOf => Some(("", ProblemKind::NoAsOf)),
        _ => None,
    }
}

/// Groups the sub-scores' problems per metric by value. Keys borrow the problems' text (a
/// category's is lowercased, so "Presnt" and "presnt" are one value, shown as first seen):
/// a column of a million different unreadable values groups in one pass of look-ups.
fn group_problems(subs: &SubScores, metrics: usize) -> Vec<Vec<Group>> {
    let mut grouped: Vec<Vec<Group>> = (0..metrics).map(|_| Vec::new()).collect();
    let mut counts = vec![0usize; metrics];
    for problem in &subs.problems {
        if let Some(n) = counts.get_mut(problem.metric) {
            *n += 1;
        }
    }
    // Fx, not the standard hasher (SipHash was half of grouping a million values in wasm), and
    // sized up front.
    let mut found: Vec<FxHashMap<(ProblemKind, Cow<'_, str>), usize>> = counts
        .iter()
        .map(|&n| FxHashMap::with_capacity_and_hasher(n, Default::default()))
        .collect();
    for (at, problem) in subs.problems.iter().enumerate() {
        let Some((text, kind)) = problem_text(&problem.reason) else {
            continue;
        };
        let (Some(list), Some(index)) = (
            grouped.get_mut(problem.metric),
            found.get_mut(problem.metric),
        ) else {
            continue;
        };
        let key = match kind {
            // Lowercased only when that changes it (capitals, or a titlecase letter such as ǅ).
            ProblemKind::UnknownValue
                if text
                    .chars()
                    .any(|c| c.to_lowercase().ne(std::iter::once(c))) =>
            {
                Cow::Owned(text.to_lowercase())
            }
            _ => Cow::Borrowed(text),
        };
        match index.entry((kind, key)) {
            Entry::Occupied(slot) => {
                let group = &mut list[*slot.get()];
                if group.count < ROWS_KEPT {
                    group.rows[group.count] = problem.row;
                }
                group.count += 1;
            }
            Entry::Vacant(slot) => {
                slot.insert(list.len());
                let mut rows = [0; ROWS_KEPT];
                rows[0] = problem.row;
                list.push(Group {
                    first: at,
                    kind,
                    count: 1,
                    rows,
                });
            }
        }
    }
    grouped
}

/// The [`LISTED_PROBLEMS`] commonest of one metric's groups, most frequent first (then by
/// text), and how many other values there are and the cells holding them. Picks them without
/// ordering the rest.
fn commonest(mut groups: Vec<Group>, subs: &SubScores) -> (Vec<ValueProblem>, (usize, usize)) {
    let text = |g: &Group| {
        subs.problems
            .get(g.first)
            .and_then(|p| problem_text(&p.reason))
            .map_or("", |(t, _)| t)
    };
    let order = |a: &Group, b: &Group| {
        b.count
            .cmp(&a.count)
            .then_with(|| text(a).cmp(text(b)))
            .then_with(|| a.first.cmp(&b.first))
    };
    if groups.len() > LISTED_PROBLEMS {
        groups.select_nth_unstable_by(LISTED_PROBLEMS - 1, order);
    }
    let rest = groups.split_off(groups.len().min(LISTED_PROBLEMS));
    groups.sort_by(order);
    let listed = groups
        .iter()
        .map(|g| ValueProblem {
            text: text(g).to_owned(),
            kind: g.kind,
            count: g.count,
            rows: g.rows[..g.count.min(ROWS_KEPT)].to_vec(),
        })
        .collect();
    (listed, (rest.len(), rest.iter().map(|g| g.count).sum()))
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
        assert_eq!(adoption.problem_values(), 2 + 16_000);
        // The commonest hundred are listed; the other values are counted with their cells.
        assert_eq!(adoption.problems.len(), LISTED_PROBLEMS);
        assert_eq!(adoption.more_problems, (16_002 - 100, 16_000 - 98));
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
    fn a_category_in_titlecase_is_one_value_with_its_lowercase() {
        // U+01C5 (titlecase, not uppercase) lowercases to U+01C6.
        let text = "Account,Adoption %,Champion\nA,0.9,\u{1c5}x\nB,0.76,\u{1c6}x\n";
        let champion = &report(&card(), text)[1];
        assert_eq!(champion.problems.len(), 1, "{:?}", champion.problems);
        assert_eq!(
            (
                champion.problems[0].text.as_str(),
                champion.problems[0].count
            ),
            ("\u{1c5}x", 2)
        );
    }

    #[test]
    fn a_common_value_first_met_after_thousands_of_others_is_listed_first() {
        let mut text = String::from("Account,Adoption %,Champion\n");
        for i in 0..16_000 {
            text.push_str(&format!("{i},Name {i},Present\n"));
        }
        for i in 16_000..19_000 {
            text.push_str(&format!("{i},pending,Present\n"));
        }
        let adoption = &report(&card(), &text)[0];
        assert_eq!(
            (
                adoption.problems[0].text.as_str(),
                adoption.problems[0].count
            ),
            ("pending", 3_000)
        );
        assert_eq!(
            adoption.problems[0].rows,
            vec![16_000, 16_001, 16_002, 16_003, 16_004]
        );
        assert_eq!(adoption.problems[1].text, "Name 0");
        assert_eq!(adoption.problem_count(), 19_000);
        assert_eq!(adoption.more_problems, (16_001 - 100, 16_001 - 100));
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
