//! Work too costly for every frame of a drag, done once the edits pause: the first time at
//! once, then each time the tracked inputs have been still for a moment.

use leptos::prelude::*;
use std::time::Duration;

/// How long edits must pause before settled work runs again.
pub const SETTLE: Duration = Duration::from_millis(250);

/// A signal holding `compute()`, run at once, then again [`SETTLE`] after the last change of
/// whatever `track` reads. `compute` runs untracked, outside the edit's own frame.
pub fn settled<T: Send + Sync + 'static>(
    track: impl Fn() + Send + Sync + 'static,
    compute: impl Fn() -> T + Send + Sync + Copy + 'static,
) -> ReadSignal<Option<T>> {
    let (value, set_value) = signal(None);
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let run = move || set_value.set(Some(untrack(compute)));
    Effect::new(move |first: Option<()>| {
        track();
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
    value
}
