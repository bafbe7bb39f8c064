//! The browser APIs the app uses, each wrapped so failures come back as values, never panics.

pub mod download;
pub mod in_view;
pub mod location;
pub mod memory;
pub mod pieces;
pub mod storage;

/// Milliseconds since 1970, from the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

thread_local! {
    /// The page's clock, looked up once.
    static CLOCK: Option<web_sys::Performance> = web_sys::window().and_then(|w| w.performance());
}

/// Milliseconds on the page's monotonic clock (the wall clock where there is none): for
/// deadlines, which must not move when the computer's clock is set; [`now_ms`] is for dates.
pub fn clock_ms() -> f64 {
    CLOCK.with(|clock| clock.as_ref().map_or_else(js_sys::Date::now, web_sys::Performance::now))
}

/// Today's date on the user's clock: what "days since" counts from unless the card says.
pub fn today() -> healthscore_core::dates::Day {
    let date = js_sys::Date::new_0();
    healthscore_core::dates::Day::from_ymd(date.get_full_year() as i32, date.get_month() + 1, date.get_date())
        .unwrap_or(healthscore_core::dates::Day(0))
}

/// Copies `text` to the clipboard; the promise is not awaited (the visible link field is the fallback).
pub fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// A short random id for a new library entry: time plus randomness, so two tabs never collide.
pub fn new_id() -> String {
    let random = (js_sys::Math::random() * 1e9) as u64;
    format!("{:x}{:07x}", now_ms() as u64, random)
}

/// False while the page builds its first frame, true once the browser is idle after it: what
/// the first screen does not need (panels and rows below it) is built then.
pub fn after_first_frame() -> leptos::prelude::ReadSignal<bool> {
    use leptos::prelude::*;
    let (done, set_done) = signal(false);
    request_animation_frame(move || request_idle_callback(move || set_done.set(true)));
    done
}
