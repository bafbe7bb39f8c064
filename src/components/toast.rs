//! A short message after a destructive edit, with Undo.

use crate::designer::Designer;
use leptos::prelude::*;

/// Shows the designer's toast, if any, with Undo and Dismiss.
#[component]
pub fn Toast(
    /// The designer whose toast and undo this uses.
    designer: Designer,
) -> impl IntoView {
    move || {
        designer.toast.get().map(|message| {
            view! {
                <div class="toast" role="status">
                    <span>{message}</span>
                    <button on:click=move |_| { designer.undo(); designer.toast.set(None); }>"Undo"</button>
                    <button on:click=move |_| designer.toast.set(None)>"Dismiss"</button>
                </div>
            }
        })
    }
}
