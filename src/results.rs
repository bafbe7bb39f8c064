//! The derived results: parsed accounts, sub-score columns, scores and the name order, each a memo.
//!
//! Every memo holds its value behind an `Arc` with a version number, so a memo
//! compares one integer when it recomputes instead of two 100,000-row vectors,
//! and readers borrow the data instead of cloning it.

use healthscore_core::engine::{Baseline, Moves, NameOrder, Scores, SubScores};
use healthscore_core::scoring::{score_row, ColumnMap};
use crate::accounts::{rules_of, Accounts};
use crate::designer::Designer;
use healthscore_core::evidence::Labels;
use healthscore_core::{AccountScore, Metric, Parsed, Scorecard};
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// A value shared by a memo, equal to another only if it is the same computation.
#[derive(Debug)]
pub struct Versioned<T> {
    value: Arc<T>,
    version: u64,
}

impl<T> Versioned<T> {
    /// Wraps a freshly computed value with a new version.
    pub fn new(value: T) -> Versioned<T> {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Versioned {
            value: Arc::new(value),
            version: NEXT.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The value itself, shared (no copy).
    pub fn shared(&self) -> Arc<T> {
        Arc::clone(&self.value)
    }

    /// The version: changes whenever the value is recomputed.
    pub fn version(&self) -> u64 {
        self.version
    }
}

impl<T> Clone for Versioned<T> {
    fn clone(&self) -> Self {
        Versioned {
            value: Arc::clone(&self.value),
            version: self.version,
        }
    }
}

impl<T> PartialEq for Versioned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version
    }
}

impl<T> std::ops::Deref for Versioned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// The names of `card`'s metrics that `subs` read no column for.
pub fn unmapped_names(card: &Scorecard, subs: &SubScores) -> Vec<String> {
    card.metrics.iter().enumerate().filter(|(m, _)| subs.unmapped(*m)).map(|(_, metric)| metric.name.clone()).collect()
}

/// Sub-scores with what they were read from (the data, the metrics, the column map), so a
/// rule edit reads again only the metric it changed (`SubScores::reread`).
#[derive(Clone)]
struct ReadSubs {
    subs: Versioned<SubScores>,
    data: Versioned<Parsed>,
    metrics: Vec<Metric>,
    map: Versioned<ColumnMap>,
}

/// Equal when the sub-scores are the same reading.
impl PartialEq for ReadSubs {
    fn eq(&self, other: &Self) -> bool {
        self.subs == other.subs
    }
}

impl ReadSubs {
    /// The sub-scores of `data` under `metrics` and `map`: from `before`'s, reading again only
    /// the metrics whose reading changed, when `before` read the same data; else every metric.
    fn read(before: Option<&ReadSubs>, data: &Versioned<Parsed>, metrics: &[Metric], map: &Versioned<ColumnMap>) -> ReadSubs {
        let table = &data.table;
        let subs = match before.filter(|b| b.data == *data) {
            Some(b) => {
                let mut subs = SubScores::clone(&b.subs);
                subs.reread((&b.metrics, &b.map), (metrics, map), table);
                subs
            }
            None => {
                let mut subs = SubScores::default();
                subs.read_rows(metrics, map, table, table.len());
                subs
            }
        };
        ReadSubs { subs: Versioned::new(subs), data: data.clone(), metrics: metrics.to_vec(), map: map.clone() }
    }
}

/// Scores with what they were computed from: while a drag goes on, the next event starts from
/// them ([`Scores::reweighed`]: only the columns of the weights that moved); once the edits
/// pause, a full pass makes the figures at rest exact to the bit.
#[derive(Clone)]
struct Scored {
    scores: Versioned<Scores>,
    /// The versions of the card and the sub-scores scored.
    from: (u64, u64),
}

/// A full pass of `card` over `subs`; None while the card cannot be scored, or a metric was
/// added or removed since the columns were read (they are re-read next).
fn full_pass(card: &Scorecard, subs: &SubScores) -> Option<Scores> {
    match card.scorable() {
        Ok(valid) if subs.metric_count() == card.metrics.len() => Some(Scores::compute(valid, subs)),
        _ => None,
    }
}

/// Equal when the scores are the same computation.
impl PartialEq for Scored {
    fn eq(&self, other: &Self) -> bool {
        self.scores == other.scores
    }
}

impl Scored {
    /// The scores of `card` on `subs`: `before`'s when they are already exact for both, from
    /// `before`'s kept totals during a drag, else a full pass ([`full_pass`]; empty when there
    /// is none).
    fn next(before: Option<&Scored>, card: Memo<Versioned<Scorecard>>, subs: Memo<Versioned<SubScores>>, paused: Signal<bool>) -> Scored {
        let paused = paused.get();
        card.with(|c| {
            subs.with(|s| {
                let from = (c.version(), s.version());
                if let Some(b) = before.filter(|b| b.scores.is_full_pass() && b.from == from) {
                    return b.clone();
                }
                let quick = || {
                    let valid = c.scorable().ok().filter(|_| s.metric_count() == c.metrics.len())?;
                    before.filter(|b| !paused && b.from.1 == from.1)?.scores.reweighed(valid, s)
                };
                let scores = quick().or_else(|| full_pass(c, s)).unwrap_or_default();
                Scored { scores: Versioned::new(scores), from }
            })
        })
    }
}

/// A baseline and the accounts it was pinned on.
#[derive(Clone)]
pub struct Pinned {
    /// The scores and bands then.
    pub scores: Arc<Baseline>,
    /// The scorecard then, so it can be compared with others as a proposal.
    pub card: Arc<Scorecard>,
    /// The version of the parsed accounts then: while it is unchanged, every row is the
    /// same account and names need not be compared.
    pub data_version: u64,
}

impl Pinned {
    /// Whether row `row` is the account pinned at that row; `name` (its name now) is read only
    /// when the data changed since the pin.
    pub fn same_account<'a>(&self, data_version: u64, row: usize, name: impl FnOnce() -> &'a str) -> bool {
        data_version == self.data_version || self.scores.matches(row, name())
    }
}

/// Accounts the results table is narrowed to, chosen from a movement phrase or cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Focus {
    /// Accounts that changed band since the pinned baseline: from one band to another (by
    /// label), or any change.
    Moved(Option<(String, String)>),
    /// A fixed set of accounts (a cell of a comparison), ascending row indexes, and what it is.
    Rows {
        /// "Yellow in CSM proposal → Red in Exec proposal".
        label: String,
        /// The rows.
        rows: Arc<Vec<u32>>,
    },
}

impl Focus {
    /// How the table names the focus.
    pub fn label(&self) -> String {
        match self {
            Focus::Moved(None) => "changed band since the baseline".to_owned(),
            Focus::Moved(Some((from, to))) => format!("{from} \u{2192} {to} since the baseline"),
            Focus::Rows { label, .. } => label.clone(),
        }
    }
}

/// What a lagging view last showed (see [`Results::while_seen`]).
#[derive(Clone, PartialEq)]
struct Frame {
    card: Versioned<Scorecard>,
    columns: Versioned<ColumnMap>,
    parsed: Versioned<Parsed>,
    subs: Versioned<SubScores>,
    scores: Versioned<Scores>,
}

/// Everything derived from the scorecard and the accounts; cheap to copy into components.
#[derive(Clone, Copy)]
pub struct Results {
    /// The scorecard, versioned: a view that lags (see [`Results::while_seen`]) shares it
    /// without copying or comparing it.
    pub card: Memo<Versioned<Scorecard>>,
    /// The card but for its latest weights (see [`crate::designer::Designer::shape`]): live
    /// even in a view that lags.
    pub shape: ReadSignal<Scorecard>,
    /// The accounts, parsed.
    pub parsed: Memo<Versioned<Parsed>>,
    /// Which column each metric reads: recomputed only when rules, mappings or data change.
    pub columns: Memo<Versioned<ColumnMap>>,
    /// Every metric's sub-score per account: recomputed only when rules or data change.
    pub subs: Memo<Versioned<SubScores>>,
    /// Scores, bands, grades: recomputed on every card edit (during a drag from the last
    /// event's, see [`Scores::reweighed`]); empty while the card is invalid.
    pub scores: Memo<Versioned<Scores>>,
    /// Accounts by name, once per data.
    pub by_name: Memo<Versioned<NameOrder>>,
    /// The pinned baseline, when comparing.
    pub baseline: RwSignal<Option<Pinned>>,
    /// Which accounts churned, once an outcome column is marked: read once per data and setting.
    pub labels: Memo<Option<Versioned<Labels>>>,
    /// Band starts the evidence suggests, drawn on the histogram until applied or dismissed.
    pub suggested_starts: RwSignal<Option<Vec<f64>>>,
    /// Whether edits to the card have paused for [`crate::settle::SETTLE`]: what views out of
    /// sight wait for before they show new figures (see [`Results::while_seen`]).
    pub edits_paused: Signal<bool>,
    /// The accounts the table is narrowed to, if any.
    pub focus: RwSignal<Option<Focus>>,
    /// With a baseline pinned, how many accounts moved from which band to which: one pass per
    /// edit, read by the what-if sentence and the scores at a glance.
    pub moves: Memo<Option<Moves>>,
}

impl Results {
    /// Derives the results of the designer's card over `accounts`.
    pub fn new(designer: &Designer, accounts: RwSignal<Accounts>) -> Results {
        let (card, shape, paused) = (designer.card, designer.shape, designer.pause.paused());
        let parsed = Memo::new(move |_| accounts.with(|a| a.parsed.clone()));
        // Rules and the outcome from the shape: a weight drag changes neither.
        let rules = Memo::new(move |_| shape.with(rules_of));
        // What the column map is resolved from: a threshold or a weight edited resolves nothing.
        let map_key = Memo::new(move |_| shape.with(ColumnMap::key));
        let columns = Memo::new(move |_| {
            map_key.with(|_| ());
            // Resolved while loading, for these very rules: nothing to resolve again.
            let ready = accounts.with(|a| a.prepared.as_ref().filter(|pre| rules.with_untracked(|r| *r == pre.rules)).map(|pre| pre.columns.clone()));
            if let Some(columns) = ready {
                return columns;
            }
            accounts.with(|a| card.with_untracked(|c| Versioned::new(a.resolve(c).on(crate::browser::today()))))
        });
        let read = Memo::new(move |before: Option<&ReadSubs>| {
            rules.with(|rules| {
                accounts.with(|a| match &a.prepared {
                    // Read while loading, for these very rules: nothing to read again.
                    Some(pre) if pre.rules == *rules => card.with_untracked(|c| ReadSubs {
                        subs: pre.subs.clone(),
                        data: a.parsed.clone(),
                        metrics: c.metrics.clone(),
                        map: pre.columns.clone(),
                    }),
                    _ => columns.with(|map| card.with_untracked(|c| ReadSubs::read(before, &a.parsed, &c.metrics, map))),
                })
            })
        });
        let subs = Memo::new(move |_| read.with(|r| r.subs.clone()));
        let versioned_card = Memo::new(move |_| Versioned::new(card.get()));
        let scored = Memo::new(move |before: Option<&Scored>| Scored::next(before, versioned_card, subs, paused));
        let scores = Memo::new(move |_| scored.with(|s| s.scores.clone()));
        let by_name = Memo::new(move |_| {
            parsed.with(|p| {
                let column = p.table.name_column();
                Versioned::new(NameOrder::new((0..p.table.len()).map(|r| p.table.cell(r, column))))
            })
        });
        let outcome = Memo::new(move |_| shape.with(|c| c.data.outcome.clone()));
        let labels = Memo::new(move |_| {
            let outcome = outcome.get()?;
            parsed.with(|p| healthscore_core::evidence::labels(&outcome, &p.table)).map(Versioned::new)
        });
        let baseline: RwSignal<Option<Pinned>> = RwSignal::new(None);
        let moves = Memo::new(move |_| {
            let base = baseline.get()?;
            Some(card.with(|c| {
                scores.with(|s| {
                    parsed.with(|p| {
                        let column = p.table.name_column();
                        base.scores.moves(s, &c.bands, |row| base.same_account(p.version(), row, || p.table.cell(row, column)))
                    })
                })
            }))
        });
        let focus = RwSignal::new(None);
        // A focus names rows of the data it was chosen on: new data clears it.
        Effect::new(move |first: Option<()>| {
            parsed.with(|_| ());
            if first.is_some() {
                focus.set(None);
            }
        });
        Results {
            card: versioned_card,
            shape,
            parsed,
            columns,
            subs,
            scores,
            by_name,
            baseline,
            labels,
            suggested_starts: RwSignal::new(None),
            edits_paused: paused,
            focus,
            moves,
        }
    }

    /// The same results for a view that may be scrolled out of sight: while `target` is off
    /// screen and the card is being edited, they keep the figures last shown and catch up once
    /// the edits pause (see [`Results::edits_paused`]) or the view scrolls into sight. A drag then does
    /// not lay out and paint, on every frame, figures nobody sees. New data, or a change of
    /// `key` (what the view shows, such as its sort), shows at once.
    pub fn while_seen<E>(self, target: NodeRef<E>, key: Signal<u64>) -> Results
    where
        E: leptos::html::ElementType,
        E::Output: wasm_bindgen::JsCast + Clone + 'static,
    {
        let live = self.seen_or_paused(target);
        self.lagging(live, key)
    }

    /// True while `target` is on screen or the edits have paused: when a view of these
    /// results must follow them.
    pub fn seen_or_paused<E>(&self, target: NodeRef<E>) -> Memo<bool>
    where
        E: leptos::html::ElementType,
        E::Output: wasm_bindgen::JsCast + Clone + 'static,
    {
        let on_screen = crate::browser::in_view::in_view(target);
        let paused = self.edits_paused;
        Memo::new(move |_| on_screen.get() || paused.get())
    }

    /// These results while `live`; otherwise the last ones, unless the data or `key` changed.
    fn lagging(self, live: Memo<bool>, key: Signal<u64>) -> Results {
        let shows = move || (key.get(), self.parsed.with(Versioned::version));
        let frame = crate::settle::hold(live, shows, move || Frame {
            card: self.card.get(),
            columns: self.columns.get(),
            parsed: self.parsed.get(),
            subs: self.subs.get(),
            scores: self.scores.get(),
        });
        Results {
            card: Memo::new(move |_| frame.with(|(_, f)| f.card.clone())),
            parsed: Memo::new(move |_| frame.with(|(_, f)| f.parsed.clone())),
            columns: Memo::new(move |_| frame.with(|(_, f)| f.columns.clone())),
            subs: Memo::new(move |_| frame.with(|(_, f)| f.subs.clone())),
            scores: Memo::new(move |_| frame.with(|(_, f)| f.scores.clone())),
            ..self
        }
    }

    /// The name of account `row`, trimmed (untracked: rows track the data themselves).
    pub fn name(&self, row: usize) -> String {
        self.parsed.with_untracked(|p| p.table.cell(row, p.table.name_column()).trim().to_owned())
    }

    /// Pins the current scores as the baseline: a full pass's, even mid-drag (see
    /// [`Scores::reweighed`]), so later comparisons start from exact figures.
    pub fn pin(&self) {
        let pinned = self.card.with_untracked(|c| {
            let exact = self.scores.with_untracked(|s| s.is_full_pass());
            let fresh = if exact { None } else { self.subs.with_untracked(|subs| full_pass(c, subs)) };
            self.scores.with_untracked(|current| {
                let s = fresh.as_ref().unwrap_or(current);
                self.parsed.with_untracked(|p| {
                    let column = p.table.name_column();
                    Pinned {
                        scores: Arc::new(Baseline::pin(s, &c.bands, (0..p.table.len()).map(|r| p.table.cell(r, column)))),
                        card: c.shared(),
                        data_version: p.version(),
                    }
                })
            })
        });
        self.baseline.set(Some(pinned));
    }

    /// With a baseline pinned, how many accounts changed band in all (None: nothing pinned).
    pub fn moved_total(&self) -> Memo<Option<usize>> {
        let moves = self.moves;
        Memo::new(move |_| moves.with(|m| m.as_ref().map(Moves::total)))
    }

    /// The (band then, band now) pairs accounts moved between, most accounts first once the
    /// edits pause. During a drag the pairs keep their places (a new pair comes last, a pair
    /// gone leaves), so lists keyed by it neither move nor re-lay out items at every event and
    /// only the counts (see [`Results::moved_count`]) follow it.
    pub fn moved_pairs(&self) -> Memo<Vec<(String, String)>> {
        let (moves, paused) = (self.moves, self.edits_paused);
        Memo::new(move |shown: Option<&Vec<(String, String)>>| {
            let paused = paused.get();
            moves.with(|m| match (m, shown) {
                (Some(m), Some(shown)) if !paused => m.pairs_in_place(shown),
                (Some(m), _) => m.pairs(),
                (None, _) => Vec::new(),
            })
        })
    }

    /// How many accounts moved from `pair.0` to `pair.1` now (tracked).
    pub fn moved_count(&self, pair: &(String, String)) -> usize {
        self.moves.with(|m| m.as_ref().map_or(0, |m| m.count(pair)))
    }

    /// Per account, whether the focus admits it (None: no focus, every account). A move since
    /// the baseline is judged on the current scores, so the set follows every edit.
    pub fn focused(&self) -> Option<Vec<bool>> {
        let focus = self.focus.get()?;
        let n = self.scores.with(|s| s.len());
        match focus {
            Focus::Rows { rows, .. } => {
                let mut member = vec![false; n];
                for &r in rows.iter() {
                    if let Some(m) = member.get_mut(r as usize) {
                        *m = true;
                    }
                }
                Some(member)
            }
            Focus::Moved(wanted) => {
                let base = self.baseline.get()?;
                Some(self.card.with(|c| {
                    self.scores.with(|s| {
                        self.parsed.with(|p| {
                            let column = p.table.name_column();
                            (0..n)
                                .map(|row| {
                                    let name = p.table.cell(row, column);
                                    let same = base.same_account(p.version(), row, || name);
                                    let moved = if same { base.scores.moved(row, s.band_of(row), &c.bands, name) } else { None };
                                    match (&wanted, moved) {
                                        (None, Some(_)) => true,
                                        (Some(w), Some(m)) => *w == m,
                                        _ => false,
                                    }
                                })
                                .collect()
                        })
                    })
                }))
            }
        }
    }

    /// `card`'s scores on these accounts, read with its own rules and mappings, and the names
    /// of its metrics that have no column here (left out of every score, so the scores are
    /// partial); tracked: the data. None when the card cannot be scored.
    pub fn scores_of(&self, card: &Scorecard) -> Option<(Scores, Vec<String>)> {
        let valid = card.scorable().ok()?;
        self.parsed.with(|p| {
            let map = ColumnMap::resolve_parsed(card, p).on(crate::browser::today());
            let mut subs = SubScores::default();
            subs.read_rows(&card.metrics, &map, &p.table, p.table.len());
            Some((Scores::compute(valid, &subs), unmapped_names(card, &subs)))
        })
    }

    /// One account's full explanation (tracked): per-metric values, steps and points.
    pub fn explain(&self, row: usize) -> Option<AccountScore> {
        self.card.with(|c| {
            let valid = c.scorable().ok()?;
            self.parsed.with(|p| {
                let columns = self.columns.read();
                (row < p.table.len()).then(|| score_row(valid, &p.table, &columns, row))
            })
        })
    }

    /// Every account's full explanation, for an export (untracked).
    pub fn explain_all(&self) -> Option<Vec<AccountScore>> {
        self.card.with_untracked(|c| {
            let valid = c.scorable().ok()?;
            let columns = self.columns.get_untracked();
            Some(self.parsed.with_untracked(|p| healthscore_core::scoring::score_table_with(valid, &p.table, &columns)))
        })
    }
}
