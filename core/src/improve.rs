//! The smallest change in one account's own values that would lift it into the next band up.
//!
//! Each metric is tried alone: the nearest better tier or category, or the
//! exact value a linear rule needs. Every candidate is re-scored with the real
//! engine, so rescaling of excluded metrics and band edges are honoured.

use crate::cell::{read_number, CellNumber};
use crate::model::{Direction, Input, Rule};
use crate::scoring::{score_row, AccountScore, ColumnMap};
use crate::table::Table;
use crate::validate::{trim_number, ValidScorecard};

/// One way to lift an account into a better band.
#[derive(Debug, Clone, PartialEq)]
pub struct Lift {
    /// Index of the metric to change.
    pub metric: usize,
    /// The column whose value changes.
    pub column: String,
    /// Its value now, as in the data.
    pub from: String,
    /// The value it would need.
    pub to: String,
    /// The account's score after the change.
    pub score: f64,
    /// The band it would reach.
    pub band: usize,
}

/// Every single-metric change that lifts the account at least one band,
/// the one gaining the fewest points first. Empty when the account is in the
/// top band, has no score, or no single metric can lift it.
pub fn lifts(
    card: ValidScorecard<'_>,
    table: &Table,
    columns: &ColumnMap,
    account: &AccountScore,
) -> Vec<Lift> {
    let (Some(score), Some(band)) = (account.score, account.band) else {
        return Vec::new();
    };
    if band + 1 >= card.card().bands.len() {
        return Vec::new();
    }
    let mut found: Vec<Lift> = (0..card.card().metrics.len())
        .filter_map(|m| lift_by(card, table, columns, account, m, band))
        .collect();
    found.sort_by(|a, b| {
        (a.score - score)
            .partial_cmp(&(b.score - score))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    found
}

fn lift_by(
    card: ValidScorecard<'_>,
    table: &Table,
    columns: &ColumnMap,
    account: &AccountScore,
    index: usize,
    band: usize,
) -> Option<Lift> {
    let metric = &card.card().metrics[index];
    let cols = columns.metrics.get(index)?.as_ref()?;
    let cells = table.row(account.row);
    if cells.is_empty() {
        return None;
    }
    let target_column = cols[0];
    for value in candidates(metric, account, index, card.card().bands[band + 1].from) {
        let text = match &metric.input {
            Input::Column(_) => value.clone(),
            Input::Ratio { .. } => {
                let CellNumber::Number(seats) = read_number(cells.get(cols[1])?) else {
                    return None;
                };
                let percent: f64 = value.parse().ok()?;
                trim_number((percent / 100.0 * seats).ceil())
            }
        };
        let mut changed = cells.clone();
        changed[target_column] = &text;
        let probe = Table::from_rows(table.headers.clone(), [(0, changed)]);
        let result = score_row(card, &probe, columns, 0);
        if let (Some(new_score), Some(new_band)) = (result.score, result.band) {
            if new_band > band {
                return Some(Lift {
                    metric: index,
                    column: table.headers[target_column].clone(),
                    from: cells[target_column].trim().to_owned(),
                    to: text,
                    score: new_score,
                    band: new_band,
                });
            }
        }
    }
    None
}

/// Values to try for one metric, smallest change first.
fn candidates(
    metric: &crate::model::Metric,
    account: &AccountScore,
    index: usize,
    band_start: f64,
) -> Vec<String> {
    let now = &account.metrics[index];
    let current_sub = now.sub_score.unwrap_or(0.0);
    match &metric.rule {
        Rule::Tiers {
            tiers,
            out_of,
            direction,
            ..
        } => {
            let mut better: Vec<&crate::model::Tier> = tiers
                .iter()
                .filter(|t| t.points / out_of * 100.0 > current_sub)
                .collect();
            // Nearest first: for higher-is-better the lowest threshold, else the highest.
            better.sort_by(|a, b| {
                let order = a
                    .threshold
                    .partial_cmp(&b.threshold)
                    .unwrap_or(std::cmp::Ordering::Equal);
                if *direction == Direction::HigherIsBetter {
                    order
                } else {
                    order.reverse()
                }
            });
            better.iter().map(|t| trim_number(t.threshold)).collect()
        }
        Rule::Categorical { values, out_of } => {
            let mut better: Vec<&crate::model::Choice> = values
                .iter()
                .filter(|c| c.points / out_of * 100.0 > current_sub)
                .collect();
            better.sort_by(|a, b| {
                a.points
                    .partial_cmp(&b.points)
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            better.iter().map(|c| c.value.clone()).collect()
        }
        Rule::Linear { floor, target } => {
            let score = account.score.unwrap_or(0.0);
            let weight = if now.effective_weight > 0.0 {
                now.effective_weight
            } else {
                metric.weight
            };
            if weight <= 0.0 {
                return Vec::new();
            }
            let needed_sub = current_sub + (band_start - score) * 100.0 / weight;
            if needed_sub > 100.0 + 1e-9 {
                return vec![trim_number(*target)];
            }
            let exact = floor + needed_sub.max(0.0) / 100.0 * (target - floor);
            // Round towards the target to one decimal, so the value really reaches the band.
            let rounded = if target > floor {
                (exact * 10.0).ceil() / 10.0
            } else {
                (exact * 10.0).floor() / 10.0
            };
            vec![trim_number(rounded), trim_number(*target)]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::score_table;
    use crate::table::parse_table;
    use crate::templates::dear;

    const HEADER: &str = "Account,Core feature usage %,Login days per week,Usage trend,Active users,Licensed seats,Meetings,Champion,Onboarding,Outcome KPI,NPS";

    #[test]
    fn worked_example_needs_seven_points_for_green() {
        // 68 yellow; green starts at 75, so 7 points are needed.
        let card = dear();
        let valid = card.validate().unwrap();
        let table = parse_table(&format!(
            "{HEADER}\nExample,70%,2,Flat,60,100,Somewhat stalled,Present,Complete,Partial,8\n"
        ))
        .table;
        let columns = ColumnMap::resolve(&card, &table);
        let account = &score_table(valid, &table)[0];
        let found = lifts(valid, &table, &columns, account);
        assert!(!found.is_empty());
        // Core usage 70% -> 80% gains 7 points: exactly 75, green.
        let first = &found[0];
        assert_eq!(
            (
                first.column.as_str(),
                first.from.as_str(),
                first.to.as_str()
            ),
            ("Core feature usage %", "70%", "80")
        );
        assert_eq!(first.score, 75.0);
        assert_eq!(card.bands[first.band].label, "Green");
        // Every suggestion really reaches green.
        assert!(found.iter().all(|l| l.score >= 75.0));
        // A ratio suggestion changes the numerator: 60 -> 80 active users of 100 seats gains only 4.
        assert!(!found.iter().any(|l| l.column == "Active users"));
    }

    #[test]
    fn top_band_accounts_need_nothing() {
        let card = dear();
        let valid = card.validate().unwrap();
        let table = parse_table(&format!(
            "{HEADER}\nTop,90,5,Rising,90,100,Recently held,Present,Complete,Achieved,10\n"
        ))
        .table;
        let columns = ColumnMap::resolve(&card, &table);
        let account = &score_table(valid, &table)[0];
        assert_eq!(account.score, Some(100.0));
        assert!(lifts(valid, &table, &columns, account).is_empty());
    }

    #[test]
    fn linear_rules_get_the_exact_value_needed() {
        let card = crate::templates::b2b_saas();
        let valid = card.validate().unwrap();
        let table = parse_table("Account,Active users,Licensed seats,Open tickets,Days since last contact,NPS,Payment status\nA,75,100,3,48.5,8,Current\n").table;
        let columns = ColumnMap::resolve(&card, &table);
        let account = &score_table(valid, &table)[0];
        let found = lifts(valid, &table, &columns, account);
        let contact = found
            .iter()
            .find(|l| l.column == "Days since last contact")
            .expect("a contact lift");
        assert!(contact.score >= 70.0);
        // 64.5 now; 5.5 points more need 77.5% of the line from 90 days to 7: 25.675 days.
        assert_eq!(account.score, Some(64.5));
        assert_eq!(contact.to, "25.6");
        assert!((contact.score - 70.0).abs() < 0.1);
    }
}
