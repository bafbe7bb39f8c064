//! The designer's editable state: the scorecard and its undo history, changed only through `edit`.

use healthscore_core::history::History;
use healthscore_core::{Metric, Scorecard};
use leptos::prelude::*;

/// Handle to the scorecard being designed; cheap to copy into every component.
#[derive(Clone, Copy)]
pub struct Designer {
    /// The scorecard. Read it freely; change it through [`Designer::edit`].
    pub card: ReadSignal<Scorecard>,
    set_card: WriteSignal<Scorecard>,
    history: RwSignal<History<Scorecard>>,
    /// A short message with an Undo button, shown after a destructive edit.
    pub toast: RwSignal<Option<String>>,
    /// The id of the metric being dragged to a new position.
    pub dragging: RwSignal<Option<String>>,
    /// Whether the edits have paused: told before every change of the card.
    pub pause: crate::settle::Pause,
    /// The card as of its last change to anything but its weights. A weight drag changes
    /// every weight on every frame, and each reader of the card is woken to check, even when
    /// what it shows did not change: views that show no weight read this instead, and a drag
    /// then wakes none of them. Its weights may be behind the card's, so never read them here.
    pub shape: ReadSignal<Scorecard>,
    set_shape: WriteSignal<Scorecard>,
}

impl Designer {
    /// A designer opened on `card`, with an empty history.
    pub fn new(card: Scorecard) -> Designer {
        let (shape, set_shape) = signal(card.clone());
        let (card, set_card) = signal(card);
        Designer {
            card,
            set_card,
            shape,
            set_shape,
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

    /// Every change of the card: the pause ends first, so views see both together; the shape
    /// follows unless only weights changed.
    fn set_card(&self, card: Scorecard) {
        self.pause.edit();
        if !self.shape.with_untracked(|shape| shape.same_but_weights(&card)) {
            self.set_shape.set(card.clone());
        }
        self.set_card.set(card);
    }

    /// Whether undo would do something (tracked).
    pub fn can_undo(&self) -> bool {
        self.history.with(History::can_undo)
    }

    /// Whether redo would do something (tracked).
    pub fn can_redo(&self) -> bool {
        self.history.with(History::can_redo)
    }

    /// A memo of what `read` takes from one metric of the card itself, weight included:
    /// None once the metric is deleted.
    pub fn read_metric<T>(&self, id: String, read: impl Fn(&Metric) -> T + Send + Sync + 'static) -> Memo<Option<T>>
    where
        T: PartialEq + Send + Sync + 'static,
    {
        let card = self.card;
        Memo::new(move |_| card.with(|c| c.metrics.iter().find(|m| m.id == id).map(&read)))
    }

    /// A memo of one metric by id, from the [shape](Designer::shape) (its weight may be
    /// behind): None once it is deleted.
    pub fn metric(&self, id: String) -> Memo<Option<Metric>> {
        let shape = self.shape;
        Memo::new(move |_| shape.with(|c| c.metrics.iter().find(|m| m.id == id).cloned()))
    }
}
