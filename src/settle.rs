//! Work too costly for every frame of a drag, done once the edits pause: the first time at
//! once, then each time the tracked inputs have been still for a moment.

use leptos::prelude::*;
use std::time::Duration;

/// How long edits must pause before settled work runs again.
pub const SETTLE: Duration = Duration::from_millis(250);

/// Calls `changed` at every change of what `track` reads, and `run` at once the first time,
/// then [`SETTLE`] after the last change; a change meanwhile puts the run off again.
pub fn on_settle(track: impl Fn() + 'static, changed: impl Fn() + 'static, run: impl Fn() + Copy + 'static) {
    let timer = Timer::new();
    Effect::new(move |first: Option<()>| {
        track();
        changed();
        if first.is_none() {
            timer.cancel();
            run();
        } else {
            timer.start(run, SETTLE);
        }
    });
    on_cleanup(move || timer.cancel());
}

/// A timeout that a new start replaces: only the last one started runs.
#[derive(Clone, Copy)]
pub struct Timer(StoredValue<Option<TimeoutHandle>>);

impl Default for Timer {
    fn default() -> Timer {
        Timer::new()
    }
}

impl Timer {
    /// Nothing waiting.
    pub fn new() -> Timer {
        Timer(StoredValue::new(None))
    }

    /// Runs `run` after `delay`, in place of whatever was waiting.
    pub fn start(&self, run: impl FnOnce() + 'static, delay: Duration) {
        self.cancel();
        self.0.set_value(set_timeout_with_handle(run, delay).ok());
    }

    /// Drops whatever was waiting (safe once the owner is gone).
    pub fn cancel(&self) {
        if let Some(t) = self.0.try_get_value().flatten() {
            t.clear();
        }
        let _ = self.0.try_set_value(None);
    }
}

/// A signal holding `compute()`, run at once, then again once what `track` reads has been
/// still for [`SETTLE`]. `compute` runs untracked, outside the edit's own frame.
pub fn settled<T: Send + Sync + 'static>(
    track: impl Fn() + 'static,
    compute: impl Fn() -> T + Send + Sync + Copy + 'static,
) -> ReadSignal<Option<T>> {
    let (value, set_value) = signal(None);
    on_settle(track, || {}, move || set_value.set(Some(untrack(compute))));
    value
}

/// Whether the edits have paused for [`SETTLE`]: false from an edit until they have been
/// still that long.
///
/// False from the edit itself, not from an effect after it: whoever edits says so first
/// ([`Pause::edit`]), so views that wait for the pause read false while they update for that
/// very edit (as a signal set by an effect, it still said "paused" then, and the first event of
/// every drag updated every view out of sight). And a signal, not a memo over the card: the
/// later events of a drag change nothing here, so the views waiting for the pause (the table,
/// with a few hundred cells) are not even marked for re-checking at every event.
#[derive(Clone, Copy)]
pub struct Pause {
    paused: RwSignal<bool>,
    timer: Timer,
}

impl Default for Pause {
    fn default() -> Pause {
        Pause::new()
    }
}

impl Pause {
    /// Paused: nothing edited yet.
    pub fn new() -> Pause {
        Pause {
            paused: RwSignal::new(true),
            timer: Timer::new(),
        }
    }

    /// An edit is about to be made: not paused until [`SETTLE`] passes without another.
    pub fn edit(&self) {
        if self.paused.get_untracked() {
            self.paused.set(false);
        }
        let paused = self.paused;
        // try_set: the timer may fire after a component test has dropped its owner.
        let resume = move || {
            let _ = paused.try_set(true);
        };
        self.timer.start(resume, SETTLE);
    }

    /// The state, to read (tracked).
    pub fn paused(&self) -> Signal<bool> {
        self.paused.into()
    }
}

/// `(key(), source())` while `live` or when `key()` changes; otherwise the pair it last gave.
pub fn hold<K, T>(live: Memo<bool>, key: impl Fn() -> K + Send + Sync + 'static, source: impl Fn() -> T + Send + Sync + 'static) -> Memo<(K, T)>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |prev: Option<&(K, T)>| {
        let key = key();
        match prev {
            Some((shown, value)) if !live.get() && *shown == key => (key, value.clone()),
            _ => (key, source()),
        }
    })
}
