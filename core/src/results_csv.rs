//! Scored accounts as a CSV file that is safe to open in Excel or Google Sheets.
//!
//! Every text cell that a spreadsheet could read as a formula is neutralised
//! (OWASP "CSV injection"): a cell starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return gets a leading apostrophe, which spreadsheets show as text.

use crate::mapping::carried_columns;
use crate::scoring::AccountScore;
use crate::table::Table;
use crate::validate::ValidScorecard;

/// Characters that make a spreadsheet read a cell as a formula or field separator.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Makes `text` inert in a spreadsheet: prefixes `'` when it starts like a formula.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// `value` with `decimals` decimals, and no minus sign on a value that rounds to zero.
fn fixed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_owned(),
        _ => text,
    }
}

/// The CSV: account, the id and carried columns the card names, score, band, grade, rank,
/// then each metric's points and what was missing.
///
/// Numbers are written with a dot and one or two decimals (never `-0.00`); text cells
/// (names, labels, headers, carried values) are neutralised and quoted by the csv crate as needed.
pub fn results_csv(card: ValidScorecard<'_>, table: &Table, results: &[AccountScore]) -> String {
    let carried = carried_columns(&card.card().data, table);
    let names: Vec<String> = carried.iter().map(|(name, _)| name.clone()).collect();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let ranks = crate::insight::ranks(results);
    let rows = results.iter().zip(ranks).map(|(account, rank)| {
        let values = carried.iter().map(|(_, column)| {
            column.map_or(String::new(), |c| {
                table.cell(account.row, c).trim().to_owned()
            })
        });
        record(card, account, values.collect(), Some(rank))
    });
    for cells in std::iter::once(header(card, &names, true)).chain(rows) {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(&cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The header row: Account, the carried columns, Score, Band, Grade, Rank (when ranked),
/// each metric's points, Missing. Neutralised.
pub fn header(card: ValidScorecard<'_>, carried: &[String], ranked: bool) -> Vec<String> {
    let card = card.card();
    let mut header = vec!["Account".to_owned()];
    header.extend(carried.iter().cloned());
    header.extend(["Score".to_owned(), "Band".to_owned(), "Grade".to_owned()]);
    if ranked {
        header.push("Rank".to_owned());
    }
    header.extend(card.metrics.iter().map(|m| {
        format!(
            "{} (points of {})",
            m.name,
            crate::validate::trim_number(m.weight)
        )
    }));
    header.push("Missing".to_owned());
    header.iter().map(|cell| neutralise(cell)).collect()
}

/// One account's row under [`header`]: its carried cells given, its rank if ranked. Neutralised.
pub fn record(
    card: ValidScorecard<'_>,
    account: &AccountScore,
    carried: Vec<String>,
    rank: Option<usize>,
) -> Vec<String> {
    let card = card.card();
    let label = |list: &[crate::Band], index: Option<usize>| {
        index
            .and_then(|i| list.get(i))
            .map(|b| b.label.clone())
            .unwrap_or_default()
    };
    let mut row = vec![account.name.clone()];
    row.extend(carried);
    row.extend([
        account.score.map(|s| fixed(s, 1)).unwrap_or_default(),
        label(&card.bands, account.band),
        label(&card.grades, account.grade),
    ]);
    if let Some(rank) = rank {
        row.push(if account.score.is_some() {
            rank.to_string()
        } else {
            String::new()
        });
    }
    row.extend(account.metrics.iter().map(|m| {
        if m.sub_score.is_some() {
            fixed(m.points, 2)
        } else {
            String::new()
        }
    }));
    let missing: Vec<&str> = card
        .metrics
        .iter()
        .zip(&account.metrics)
        .filter(|(_, m)| !matches!(m.outcome, crate::Outcome::Scored { .. }))
        .map(|(metric, _)| metric.name.as_str())
        .collect();
    row.push(missing.join("; "));
    row.iter().map(|cell| neutralise(cell)).collect()
}
