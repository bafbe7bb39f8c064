//! Work too costly for every frame of a drag, done once the edits pause: the first time at
//! once, then each time the tracked inputs have been still for a moment.

use leptos::prelude::*;
use std::time::Duration;

/// How long edits must pause before settled work runs again.
pub const SETTLE: Duration = Duration::from_millis(250);

/// Calls `changed` at every change of what `track` reads, and `run` at once the first time,
/// then [`SETTLE`] after the last change; a change meanwhile puts the run off again.
pub fn on_settle(track: impl Fn() + 'static, changed: impl Fn() + 'static, run: impl Fn() + Copy + 'static) {
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    Effect::new(move |first: Option<()>| {
        track();
        changed();
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        if first.is_none() {
            run();
        } else {
            timer.set_value(set_timeout_with_handle(run, SETTLE).ok());
        }
    });
    on_cleanup(move || {
        if let Some(t) = timer.try_get_value().flatten() {
            t.clear();
        }
    });
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

/// True once what `track` reads has been still for [`SETTLE`]; false from a change until then.
///
/// False from the change itself, not from an effect after it: views that wait for the pause
/// read it while they update for that very change (as a signal set by an effect, it still
/// said "paused" then, and the first event of every drag updated every view out of sight).
pub fn quiet(track: impl Fn() + Send + Sync + 'static) -> Memo<bool> {
    // Counts the changes of what `track` reads; `settled` is the count when they last paused.
    let changes = Memo::new(move |count: Option<&u64>| {
        track();
        count.map_or(0, |c| c + 1)
    });
    let (settled, set_settled) = signal(0u64);
    on_settle(move || changes.track(), || {}, move || set_settled.set(changes.get_untracked()));
    Memo::new(move |_| settled.get() == changes.get())
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
