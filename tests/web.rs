//! Component tests in headless Chromium: mount a component, read the DOM.
#![cfg(target_arch = "wasm32")]

use healthscore::app::Workspace;
use healthscore_core::templates::{dear, DEMO_ACCOUNTS_CSV};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_workspace(card: healthscore_core::Scorecard, csv: &str) -> web_sys::HtmlElement {
    let document = document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let root: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(root);
    let card = RwSignal::new(card);
    let text = RwSignal::new(csv.to_owned());
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <Workspace card=card accounts_text=text /> });
    handle.forget();
    root
}

fn row_texts(root: &web_sys::HtmlElement) -> Vec<String> {
    let rows = root.query_selector_all("table.results tbody tr").unwrap();
    (0..rows.length())
        .map(|i| rows.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn workspace_scores_the_worked_example_68_yellow() {
    let csv = "Account,Core feature usage %,Login days per week,Usage trend,Active users,Licensed seats,Meetings,Champion,Onboarding,Outcome KPI,NPS\n\
               Example Co,70%,2,Flat,60,100,Somewhat stalled,Present,Complete,Partial,8\n";
    let root = mount_workspace(dear(), csv);
    leptos::task::tick().await;
    assert_eq!(row_texts(&root), vec!["Example Co68.0YellowD".to_owned()]);
    assert!(root.query_selector("[role=alert]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn workspace_shows_errors_instead_of_scores_when_weights_do_not_total_100() {
    let mut card = dear();
    card.metrics[0].weight = 15.0;
    let root = mount_workspace(card, DEMO_ACCOUNTS_CSV);
    leptos::task::tick().await;
    let alert = root.query_selector("[role=alert]").unwrap().expect("an alert");
    assert!(alert.text_content().unwrap().contains("weights total 95, not 100 (under by 5)"));
    assert!(row_texts(&root).is_empty());
}
