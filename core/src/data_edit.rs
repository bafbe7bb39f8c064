//! Edits to how a scorecard reads its data: column mappings, value aliases, column formats,
//! the as-of date and the carried columns. Methods on plain data, tested natively.

use crate::dates::DayMonth;
use crate::model::{ColumnFormat, Mapping, ReadAs, Rule, Scorecard};
use crate::number::DecimalMark;

/// What the user picked for a metric input's column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapTo {
    /// No saved choice: match by name again.
    Auto,
    /// This data header.
    Column(String),
    /// The data has no such column: score the metric by its missing-value policy.
    NoColumn,
}

impl Scorecard {
    /// Saves (or forgets, with [`MapTo::Auto`]) which column an input reads.
    pub fn map_input(&mut self, input: &str, to: MapTo) {
        self.data.mappings.retain(|m| m.input != input);
        let column = match to {
            MapTo::Auto => return,
            MapTo::Column(header) => Some(header),
            MapTo::NoColumn => None,
        };
        self.data.mappings.push(Mapping {
            input: input.to_owned(),
            column,
        });
    }

    /// Reads `alias` as value `value` of metric `metric`'s categorical rule; false when there
    /// is no such metric or value, or the alias is already a listed spelling.
    pub fn add_alias(&mut self, metric: usize, value: usize, alias: &str) -> bool {
        let alias = alias.trim();
        let Some(Rule::Categorical { values, .. }) =
            self.metrics.get_mut(metric).map(|m| &mut m.rule)
        else {
            return false;
        };
        let key = alias.to_lowercase();
        if alias.is_empty() || values.iter().any(|c| c.matches(&key)) {
            return false;
        }
        match values.get_mut(value) {
            Some(choice) => {
                choice.aliases.push(alias.to_owned());
                true
            }
            None => false,
        }
    }

    /// Says how `column` writes decimals (None: read it from the cells again).
    pub fn set_decimal_mark(&mut self, column: &str, mark: Option<DecimalMark>) {
        self.format_mut(column).decimal = mark;
        self.drop_empty_formats();
    }

    /// Says whether `column`'s dates put the day or the month first (None: read it from the cells).
    pub fn set_day_month(&mut self, column: &str, order: Option<DayMonth>) {
        self.format_mut(column).day_month = order;
        self.drop_empty_formats();
    }

    /// Sets how metric `metric` reads its cells.
    pub fn set_read_as(&mut self, metric: usize, read: ReadAs) {
        if let Some(m) = self.metrics.get_mut(metric) {
            m.read = read;
        }
    }

    /// Carries `column` beside the score (or stops carrying it).
    pub fn set_carried(&mut self, column: &str, carried: bool) {
        self.data.carried.retain(|c| c != column);
        if carried {
            self.data.carried.push(column.to_owned());
        }
    }

    fn format_mut(&mut self, column: &str) -> &mut ColumnFormat {
        let formats = &mut self.data.formats;
        let index = match formats.iter().position(|f| f.column == column) {
            Some(index) => index,
            None => {
                formats.push(ColumnFormat {
                    column: column.to_owned(),
                    decimal: None,
                    day_month: None,
                });
                formats.len() - 1
            }
        };
        &mut formats[index]
    }

    fn drop_empty_formats(&mut self) {
        self.data
            .formats
            .retain(|f| f.decimal.is_some() || f.day_month.is_some());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::dear;

    #[test]
    fn a_mapping_is_replaced_declined_and_forgotten() {
        let mut card = dear();
        card.map_input("NPS", MapTo::Column("Net Promoter".into()));
        card.map_input("NPS", MapTo::Column("nps_2026".into()));
        assert_eq!(card.data.mappings.len(), 1);
        assert_eq!(
            card.data.mapping("NPS").and_then(|m| m.column.as_deref()),
            Some("nps_2026")
        );
        card.map_input("NPS", MapTo::NoColumn);
        assert_eq!(
            card.data.mapping("NPS").map(|m| m.column.clone()),
            Some(None)
        );
        card.map_input("NPS", MapTo::Auto);
        assert!(card.data.is_empty());
    }

    #[test]
    fn aliases_are_added_once_and_only_to_categories() {
        let mut card = dear();
        let index = card
            .metrics
            .iter()
            .position(|m| matches!(m.rule, Rule::Categorical { .. }))
            .expect("dear has a categorical metric");
        assert!(card.add_alias(index, 0, " Presnt "));
        assert!(!card.add_alias(index, 0, "presnt"), "already listed");
        assert!(!card.add_alias(index, 99, "x"), "no such value");
        assert!(!card.add_alias(index, 0, "  "), "blank");
        let numeric = card
            .metrics
            .iter()
            .position(|m| !matches!(m.rule, Rule::Categorical { .. }))
            .expect("dear has a numeric metric");
        assert!(!card.add_alias(numeric, 0, "x"));
        let Rule::Categorical { values, .. } = &card.metrics[index].rule else {
            unreachable!()
        };
        assert_eq!(values[0].aliases, vec!["Presnt".to_owned()]);
    }

    #[test]
    fn formats_are_kept_only_while_they_say_something() {
        let mut card = dear();
        card.set_decimal_mark("ARR", Some(DecimalMark::Comma));
        card.set_day_month("ARR", Some(DayMonth::DayFirst));
        card.set_decimal_mark("ARR", None);
        assert_eq!(card.data.formats.len(), 1);
        card.set_day_month("ARR", None);
        assert!(card.data.is_empty());
    }

    #[test]
    fn carried_columns_keep_their_order() {
        let mut card = dear();
        card.set_carried("Owner", true);
        card.set_carried("Plan", true);
        card.set_carried("Owner", true);
        assert_eq!(
            card.data.carried,
            vec!["Plan".to_owned(), "Owner".to_owned()]
        );
        card.set_carried("Plan", false);
        assert_eq!(card.data.carried, vec!["Owner".to_owned()]);
    }
}
