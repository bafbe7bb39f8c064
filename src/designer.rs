//! The designer's editable state: the scorecard and its undo history, changed only through `edit`.

use healthscore_core::history::History;
use healthscore_core::{Metric, Scorecard};
use leptos::prelude::*;

/// Handle to the scorecard being designed; cheap to copy into every component.
#[derive(Clone, Copy)]
pub struct Designer {
    /// The scorecard. Read it freely; change it through [`Designer::edit`].
    pub card: RwSignal<Scorecard>,
    history: RwSignal<History<Scorecard>>,
    /// A short message with an Undo button, shown after a destructive edit.
    pub toast: RwSignal<Option<String>>,
    /// The id of the metric being dragged to a new position.
    pub dragging: RwSignal<Option<String>>,
    /// Whether the edits have paused: told before every change of the card.
    pub pause: crate::settle::Pause,
}

impl Designer {
    /// A designer opened on `card`, with an empty history.
    pub fn new(card: Scorecard) -> Designer {
        Designer {
            card: RwSignal::new(card),
            history: RwSignal::new(History::default()),
            toast: RwSignal::new(None),
            dragging: RwSignal::new(None),
            pause: crate::settle::Pause::new(),
        }
    }

    /// Opens another scorecard: its own fresh undo history, no toast, no drag.
    pub fn open(&self, card: Scorecard) {
        self.history.set(History::default());
        self.toast.set(None);
        self.dragging.set(None);
        self.set_card(card);
    }

    /// Applies one edit as an undoable step. Edits sharing a `gesture` key
    /// until [`Designer::seal`] (the pixels of one slider drag) are one step.
    pub fn edit(&self, gesture: Option<&str>, change: impl FnOnce(&mut Scorecard)) {
        let before = self.card.get_untracked();
        let mut after = before.clone();
        change(&mut after);
        if after == before {
            return;
        }
        self.history.update(|h| h.record(before, gesture));
        self.set_card(after);
    }

    /// Edits the metric with this id, if it still exists.
    pub fn edit_metric(&self, id: &str, gesture: Option<&str>, change: impl FnOnce(&mut Metric)) {
        self.edit(gesture, |card| {
            if let Some(metric) = card.metrics.iter_mut().find(|m| m.id == id) {
                change(metric);
            }
        });
    }

    /// The position of the metric with this id, without tracking.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.card.with_untracked(|c| c.metrics.iter().position(|m| m.id == id))
    }

    /// Ends the current gesture: the next edit is a new undo step.
    pub fn seal(&self) {
        self.history.update(History::seal);
    }

    /// Goes back one step.
    pub fn undo(&self) {
        let current = self.card.get_untracked();
        if let Some(previous) = self.history.try_update(|h| h.undo(current)).flatten() {
            self.set_card(previous);
        }
    }

    /// Goes forward one step.
    pub fn redo(&self) {
        let current = self.card.get_untracked();
        if let Some(next) = self.history.try_update(|h| h.redo(current)).flatten() {
            self.set_card(next);
        }
    }

    /// Every change of the card: the pause ends first, so views see both together.
    fn set_card(&self, card: Scorecard) {
        self.pause.edit();
        self.card.set(card);
    }

    /// Whether undo would do something (tracked).
    pub fn can_undo(&self) -> bool {
        self.history.with(History::can_undo)
    }

    /// Whether redo would do something (tracked).
    pub fn can_redo(&self) -> bool {
        self.history.with(History::can_redo)
    }

    /// A memo of one metric by id: None once it is deleted.
    pub fn metric(&self, id: String) -> Memo<Option<Metric>> {
        let card = self.card;
        Memo::new(move |_| card.with(|c| c.metrics.iter().find(|m| m.id == id).cloned()))
    }
}
