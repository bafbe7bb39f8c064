//! Entry point: sets the panic hook and mounts the app; everything else lives in the library.
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(healthscore::App);
}
