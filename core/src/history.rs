//! Undo and redo over whole snapshots, with gestures (a slider drag) coalesced into one step.

/// The most steps kept by default.
pub const DEFAULT_LIMIT: usize = 200;

/// Past and future snapshots of a value.
#[derive(Debug, Clone, PartialEq)]
pub struct History<T> {
    past: Vec<T>,
    future: Vec<T>,
    limit: usize,
    /// The gesture the last recorded edit belonged to, while it is still going on.
    open_gesture: Option<String>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History::new(DEFAULT_LIMIT)
    }
}

impl<T> History<T> {
    /// An empty history keeping at most `limit` steps.
    pub fn new(limit: usize) -> History<T> {
        History {
            past: Vec::new(),
            future: Vec::new(),
            limit: limit.max(1),
            open_gesture: None,
        }
    }

    /// Records `before`, the state an edit is about to change. An edit of the
    /// same still-open `gesture` as the last one (the next pixel of one drag)
    /// adds no step. Any new edit clears the redo list.
    pub fn record(&mut self, before: T, gesture: Option<&str>) {
        let continuing = gesture.is_some() && gesture == self.open_gesture.as_deref();
        if !continuing {
            self.past.push(before);
            if self.past.len() > self.limit {
                self.past.remove(0);
            }
        }
        self.open_gesture = gesture.map(str::to_owned);
        self.future.clear();
    }

    /// Ends the open gesture: the next edit starts a new step.
    pub fn seal(&mut self) {
        self.open_gesture = None;
    }

    /// The state to go back to, given the current one; None if nothing to undo.
    pub fn undo(&mut self, current: T) -> Option<T> {
        let previous = self.past.pop()?;
        self.future.push(current);
        self.open_gesture = None;
        Some(previous)
    }

    /// The state to go forward to, given the current one; None if nothing to redo.
    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.future.pop()?;
        self.past.push(current);
        self.open_gesture = None;
        Some(next)
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Number of steps that can be undone.
    pub fn undo_steps(&self) -> usize {
        self.past.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_steps() {
        let mut h = History::new(10);
        h.record(1, None);
        h.record(2, None);
        assert_eq!(h.undo(3), Some(2));
        assert_eq!(h.undo(2), Some(1));
        assert_eq!(h.undo(1), None);
        assert_eq!(h.redo(1), Some(2));
        assert_eq!(h.redo(2), Some(3));
        assert_eq!(h.redo(3), None);
    }

    #[test]
    fn one_drag_is_one_step() {
        let mut h = History::new(10);
        for value in 20..40 {
            h.record(value, Some("weight:core_usage"));
        }
        h.seal();
        h.record(40, Some("weight:core_usage"));
        assert_eq!(h.undo_steps(), 2);
        assert_eq!(h.undo(41), Some(40));
        assert_eq!(h.undo(40), Some(20));
    }

    #[test]
    fn the_default_history_walks_back_at_least_100_edits() {
        let mut h = History::default();
        for i in 0..120 {
            h.record(i, None);
        }
        let mut current = 120;
        for _ in 0..120 {
            current = h.undo(current).expect("an undo step");
        }
        assert_eq!(current, 0);
        for _ in 0..120 {
            current = h.redo(current).expect("a redo step");
        }
        assert_eq!(current, 120);
    }

    #[test]
    fn a_new_edit_clears_redo_and_the_limit_holds() {
        let mut h = History::new(100);
        for i in 0..150 {
            h.record(i, None);
        }
        assert_eq!(h.undo_steps(), 100);
        assert_eq!(h.undo(150), Some(149));
        h.record(7, None);
        assert!(!h.can_redo());
    }
}
