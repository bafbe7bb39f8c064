//! Scores accounts one row at a time, knowing only the header: the command-line scorer's
//! path through a file of any length in constant memory.
//!
//! Columns resolve from the header alone, so what the app settles from the other cells of
//! a column is not guessed here (as in the SQL export): a decimal mark or day/month order
//! comes from the card's `data.formats`, else a cell that reads two ways (`1.234`) is
//! missing. Everything else is [`crate::scoring`]'s own reading, combining and banding.

use crate::dates::Day;
use crate::mapping::ColumnMap;
use crate::scoring::{score_row, AccountScore};
use crate::table::Table;
use crate::validate::ValidScorecard;

/// A scorecard's columns resolved against one header, and a one-row table reused per row.
#[derive(Debug, Clone)]
pub struct RowScorer<'c> {
    card: ValidScorecard<'c>,
    columns: ColumnMap,
    row: Table,
}

impl<'c> RowScorer<'c> {
    /// Resolves `card`'s inputs against `headers`; date metrics count from the card's as-of
    /// date, else `today`.
    pub fn new(card: ValidScorecard<'c>, headers: Vec<String>, today: Option<Day>) -> Self {
        let row = Table::from_rows(headers, std::iter::empty::<(u64, Vec<&str>)>());
        let mut columns = ColumnMap::resolve(card.card(), &row);
        if let Some(today) = today {
            columns = columns.on(today);
        }
        RowScorer { card, columns, row }
    }

    /// How the inputs matched the header (unmapped inputs are left out of every score).
    pub fn columns(&self) -> &ColumnMap {
        &self.columns
    }

    /// The one-row table last scored, for reading carried cells.
    pub fn table(&self) -> &Table {
        &self.row
    }

    /// Scores one record (cells in header order; `line` is its line in the file).
    pub fn score<'a>(&mut self, line: u64, cells: impl Iterator<Item = &'a str>) -> AccountScore {
        self.row.set_only_row(line, cells);
        score_row(self.card, &self.row, &self.columns, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::score_table;
    use crate::table::parse_table;

    #[test]
    fn row_by_row_equals_the_whole_table_when_nothing_is_guessed() {
        let card = crate::templates::dear();
        let valid = card.validate().expect("valid");
        // Every number in the demo data shows its own mark or none at all.
        let parsed = parse_table(crate::templates::DEMO_ACCOUNTS_CSV);
        let whole = score_table(valid, &parsed.table);
        let mut rows = RowScorer::new(valid, parsed.table.headers.clone(), None);
        for (i, expected) in whole.iter().enumerate() {
            let cells = parsed.table.row(i);
            let got = rows.score(0, cells.into_iter());
            assert_eq!(got.score, expected.score, "row {i}");
            assert_eq!(got.band, expected.band, "row {i}");
            assert_eq!(got.name, expected.name, "row {i}");
        }
    }
}
