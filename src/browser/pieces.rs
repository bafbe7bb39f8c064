//! Large text from a file or the clipboard, a slice at a time: never one huge copy into wasm.

use js_sys::{JsString, Uint8Array};
use std::cell::RefCell;
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Bytes of a file read per piece.
const FILE_PIECE: f64 = 4.0 * 1024.0 * 1024.0;
/// UTF-16 units of pasted text copied into wasm per piece.
const TEXT_PIECE: u32 = 2 * 1024 * 1024;

/// Where accounts come from.
pub enum Source {
    /// A file picked or dropped.
    File(web_sys::File),
    /// Text from the clipboard or a text box, still a JavaScript string.
    Text(JsString),
}

impl Source {
    /// The size of the source: bytes of a file, UTF-16 units of text.
    pub fn len(&self) -> f64 {
        match self {
            Source::File(file) => file.size(),
            Source::Text(text) => text.length() as f64,
        }
    }

    /// True when the source holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0.0
    }

    /// The piece starting at `at`, as UTF-8 bytes, and where the next one starts.
    pub async fn piece(&self, at: f64) -> Result<(Vec<u8>, f64), String> {
        match self {
            Source::File(file) => {
                let end = (at + FILE_PIECE).min(file.size());
                let blob = file.slice_with_f64_and_f64(at, end).map_err(|_| format!("{} could not be read.", file.name()))?;
                let buffer = JsFuture::from(blob.array_buffer()).await.map_err(|_| format!("{} could not be read.", file.name()))?;
                Ok((Uint8Array::new(&buffer).to_vec(), end))
            }
            Source::Text(text) => {
                let len = text.length();
                let start = at as u32;
                let mut end = start.saturating_add(TEXT_PIECE).min(len);
                // Never cut a character written as two UTF-16 units in half.
                if end < len && (0xD800..0xDC00).contains(&(text.char_code_at(end - 1) as u32)) {
                    end -= 1;
                }
                Ok((utf8_of(&text.slice(start, end))?, end as f64))
            }
        }
    }
}

/// `text` as UTF-8, written straight into wasm memory by the browser's encoder (a lone
/// surrogate becomes U+FFFD, as in any conversion to a Rust string). Converting with
/// `String::from` copies the text a character at a time in JavaScript: a fifth of a large
/// paste's time.
fn utf8_of(text: &JsString) -> Result<Vec<u8>, String> {
    // A UTF-16 unit is at most three bytes of UTF-8 (a pair of them, four).
    let room = text.length() as usize * 3;
    let mut bytes: Vec<u8> = Vec::new();
    bytes.try_reserve_exact(room).map_err(|_| "This browser tab ran out of memory while reading the pasted accounts. The accounts on screen are unchanged.".to_owned())?;
    let written = ENCODER.with(|encoder| {
        // SAFETY: the view covers the vector's reserved bytes and is used only by this call,
        // which runs no wasm code, so memory cannot grow (and move) while it is in use.
        let view = unsafe { Uint8Array::view_mut_raw(bytes.as_mut_ptr(), room) };
        encoder.encode_into(text, &view).written() as usize
    });
    // SAFETY: the encoder wrote `written` bytes (at most `room`) from the start of the view.
    unsafe { bytes.set_len(written.min(room)) };
    Ok(bytes)
}

thread_local! {
    static ENCODER: Encoder = Encoder::new();
}

#[wasm_bindgen]
extern "C" {
    /// The browser's UTF-8 encoder, reading a JavaScript string where it is.
    #[wasm_bindgen(js_name = TextEncoder)]
    type Encoder;
    #[wasm_bindgen(constructor, js_class = TextEncoder)]
    fn new() -> Encoder;
    /// Writes `source` as UTF-8 into `into`, answering how much was read and written.
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &Encoder, source: &JsString, into: &Uint8Array) -> Encoded;
    /// What `encodeInto` did.
    type Encoded;
    #[wasm_bindgen(method, getter)]
    fn written(this: &Encoded) -> u32;

    /// A `DataTransfer` whose `getData` answers a JavaScript string instead of a copy in wasm.
    type Transfer;
    #[wasm_bindgen(method, js_name = getData)]
    fn get_data(this: &Transfer, format: &str) -> JsString;
}

/// The plain text on the clipboard of a paste event, as a JavaScript string.
pub fn pasted_text(event: &web_sys::ClipboardEvent) -> Option<JsString> {
    event.clipboard_data().map(|data| data.unchecked_ref::<Transfer>().get_data("text/plain"))
}

/// The value of a text box, as a JavaScript string.
pub fn value_of(element: &web_sys::EventTarget) -> Option<JsString> {
    js_sys::Reflect::get(element, &"value".into()).ok().and_then(|v| v.dyn_into().ok())
}

/// Lets the page paint and handle input before the next piece of work: the work goes on in a
/// task of its own, queued by a message to itself. (A `setTimeout` would do the same, but the
/// browser holds back timeouts set from timeouts five deep by at least 4 ms each, which a long
/// load's fifty breaths would spend idle.)
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queued = BREATHS.with(|breaths| breaths.as_ref().is_some_and(|b| b.queue(resolve.clone())));
        if !queued {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(&resolve);
            }
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// One message channel for every breath, kept for the page's life (a channel made per breath
/// could be collected with its message in flight): each message wakes the oldest waiting work.
struct Breaths {
    channel: web_sys::MessageChannel,
    waiting: RefCell<VecDeque<js_sys::Function>>,
    _wake: Closure<dyn FnMut()>,
}

thread_local! {
    static BREATHS: Option<Breaths> = Breaths::new();
}

impl Breaths {
    fn new() -> Option<Breaths> {
        let channel = web_sys::MessageChannel::new().ok()?;
        let wake = Closure::<dyn FnMut()>::new(|| {
            let next = BREATHS.with(|b| b.as_ref().and_then(|b| b.waiting.borrow_mut().pop_front()));
            if let Some(resolve) = next {
                let _ = resolve.call0(&JsValue::NULL);
            }
        });
        channel.port1().set_onmessage(Some(wake.as_ref().unchecked_ref()));
        Some(Breaths { channel, waiting: RefCell::default(), _wake: wake })
    }

    /// Queues `resolve` to be called in a task of its own; false if no message could be sent.
    fn queue(&self, resolve: js_sys::Function) -> bool {
        self.waiting.borrow_mut().push_back(resolve);
        if self.channel.port2().post_message(&JsValue::NULL).is_ok() {
            return true;
        }
        self.waiting.borrow_mut().pop_back();
        false
    }
}
