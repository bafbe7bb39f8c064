//! Whether an element is on screen, as a signal (an `IntersectionObserver` on it).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry};

/// True while any part of `target` is in the viewport; true too until the browser first says,
/// and where it cannot observe (nothing is ever hidden by mistake).
pub fn in_view<E>(target: NodeRef<E>) -> ReadSignal<bool>
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let (seen, set_seen) = signal(true);
    let on_change = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // The last entry is the newest state of the one element observed.
        if let Some(entry) = entries.iter().last().and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok()) {
            set_seen.set(entry.is_intersecting());
        }
    });
    let observer = IntersectionObserver::new(on_change.as_ref().unchecked_ref()).ok();
    let kept = StoredValue::new_local((observer.clone(), on_change));
    Effect::new(move |_| {
        if let (Some(observer), Some(element)) = (observer.as_ref(), target.get()) {
            observer.disconnect();
            observer.observe(element.unchecked_ref());
        }
    });
    on_cleanup(move || {
        kept.try_with_value(|(observer, _)| observer.as_ref().map(IntersectionObserver::disconnect));
    });
    seen
}
