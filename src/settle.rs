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

/// A timeout that a new start puts off: only the last one started runs, its `delay` after it.
///
/// A drag starts three of these at every event. So a start only notes the deadline and what to
/// run; the browser's timeout is set once, and when it fires before the deadline it is set
/// again for what is left (clearing and setting a browser timeout, with a closure handed to
/// JavaScript each time, cost more than the rest of a start).
#[derive(Clone, Copy)]
pub struct Timer(StoredValue<Waiting, LocalStorage>);

/// What a [`Timer`] waits for.
#[derive(Default)]
struct Waiting {
    /// When to run, in milliseconds on the page's clock ([`crate::browser::clock_ms`]).
    due: f64,
    /// What to run; None once run or cancelled.
    run: Option<Box<dyn FnOnce()>>,
    /// A browser timeout is set and will fire.
    set: bool,
}

impl Default for Timer {
    fn default() -> Timer {
        Timer::new()
    }
}

impl Timer {
    /// Nothing waiting.
    pub fn new() -> Timer {
        Timer(StoredValue::new_local(Waiting::default()))
    }

    /// Runs `run` after `delay`, in place of whatever was waiting.
    pub fn start(&self, run: impl FnOnce() + 'static, delay: Duration) {
        let due = crate::browser::clock_ms() + delay.as_secs_f64() * 1000.0;
        let unset = self.0.try_update_value(|w| {
            w.due = due;
            w.run = Some(Box::new(run));
            !std::mem::replace(&mut w.set, true)
        });
        if unset == Some(true) {
            self.set(delay);
        }
    }

    /// Drops whatever was waiting (safe once the owner is gone).
    pub fn cancel(&self) {
        let _ = self.0.try_update_value(|w| w.run = None);
    }

    /// Sets the browser's timeout.
    fn set(self, delay: Duration) {
        set_timeout(move || self.fire(), delay);
    }

    /// The browser's timeout fired: runs what waits if it is due, else waits for the rest.
    fn fire(self) {
        let now = crate::browser::clock_ms();
        // None: the owner is gone (a component test ended), nothing to run.
        let Some((left, waiting)) = self.0.try_with_value(|w| (w.due - now, w.run.is_some())) else { return };
        if !waiting {
            let _ = self.0.try_update_value(|w| w.set = false);
            return;
        }
        if left > 0.0 {
            self.set(Duration::from_secs_f64(left / 1000.0));
            return;
        }
        let run = self.0.try_update_value(|w| {
            w.set = false;
            w.run.take()
        });
        if let Some(run) = run.flatten() {
            run();
        }
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
