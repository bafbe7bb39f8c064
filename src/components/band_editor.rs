//! Edits the score bands: presets, a 0-100 strip with draggable boundaries, labels, colours, playbooks.

use crate::designer::Designer;
use crate::format;
use healthscore_core::edit::{add_band, remove_band, set_band_start, BAND_COUNT};
use healthscore_core::model::letter_grades;
use healthscore_core::templates::TEMPLATES;
use healthscore_core::{bands, Band, Playbook, Scorecard};
use leptos::prelude::*;

/// Band presets: 3, 4 and 5 bands, then each built-in template's own bands.
fn presets() -> Vec<(String, Vec<Band>)> {
    let mut list: Vec<(String, Vec<Band>)> = bands::presets().into_iter().map(|p| (p.name, p.bands)).collect();
    list.extend(TEMPLATES.iter().map(|t| {
        let card = (t.build)();
        let starts: Vec<String> = card.bands.iter().skip(1).map(|b| format::number(b.from)).collect();
        let labels: Vec<&str> = card.bands.iter().map(|b| b.label.as_str()).collect();
        (format!("{} ({}), as in {}", labels.join(" / "), starts.join(", "), card.name), card.bands)
    }));
    list
}

/// How the card grades accounts, as the grade picker shows it.
#[derive(Clone, Copy, PartialEq)]
enum Grading {
    Off,
    Letters,
    FromBands,
    Custom,
}

impl Grading {
    fn of(card: &Scorecard) -> Grading {
        if card.grades.is_empty() {
            Grading::Off
        } else if card.grades == bands::grades_from_bands(&card.bands) {
            Grading::FromBands
        } else if card.grades == letter_grades() {
            Grading::Letters
        } else {
            Grading::Custom
        }
    }

    fn value(self) -> &'static str {
        match self {
            Grading::Off => "off",
            Grading::Letters => "letters",
            Grading::FromBands => "bands",
            Grading::Custom => "custom",
        }
    }
}

/// Grades beside the bands: off (the default), the standard A-F, or one letter per band.
#[component]
fn GradePicker(designer: Designer) -> impl IntoView {
    let grading = Memo::new(move |_| designer.shape.with(Grading::of));
    let choose = move |value: String| {
        designer.edit(None, |c| {
            c.grades = match value.as_str() {
                "letters" => letter_grades(),
                "bands" => bands::grades_from_bands(&c.bands),
                "custom" => return,
                _ => Vec::new(),
            };
        });
    };
    view! {
        <label class="grade-picker">
            "Grades "
            <select prop:value=move || grading.get().value() on:change=move |ev| choose(event_target_value(&ev))>
                <option value="off">"Off: bands only"</option>
                <option value="bands">"One letter per band (A for the top band)"</option>
                <option value="letters">"Standard A-F (A from 90, F below 60)"</option>
                {move || (grading.get() == Grading::Custom).then(|| view! { <option value="custom">"This scorecard's own grades"</option> })}
            </select>
        </label>
    }
}

/// The band editor.
#[component]
pub fn BandEditor(
    /// The scorecard being designed.
    designer: Designer,
) -> impl IntoView {
    let bands = Memo::new(move |_| designer.shape.with(|c| c.bands.clone()));
    let count = Memo::new(move |_| bands.with(Vec::len));
    let preset = RwSignal::new(0usize);
    let add = move |_: leptos::ev::MouseEvent| designer.edit(None, |c| change_bands(c, |b| { add_band(b); }));
    let edit_bands = move |gesture: Option<&str>, change: &dyn Fn(&mut Vec<Band>)| designer.edit(gesture, |c| change_bands(c, change));
    view! {
        <section class="band-editor" aria-labelledby="bands-heading">
            <h2 id="bands-heading">"Bands"</h2>
            <div class="field-row">
                <label>
                    "Preset "
                    <select on:change=move |ev| preset.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {presets().into_iter().enumerate().map(|(i, (name, _))| view! { <option value=i.to_string()>{name}</option> }).collect_view()}
                    </select>
                </label>
                <button on:click=move |_| {
                    if let Some((_, preset_bands)) = presets().into_iter().nth(preset.get_untracked()) {
                        edit_bands(None, &|b| *b = preset_bands.clone());
                    }
                }>"Apply preset"</button>
            </div>
            <BandStrip designer=designer bands=bands />
            <ol class="band-list">
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <BandRow designer=designer bands=bands index=i />
                </For>
            </ol>
            <button
                disabled={move || count.get() >= *BAND_COUNT.end()}
                on:click=add
            >"Add band"</button>
            <GradePicker designer=designer />
        </section>
    }
}

/// Changes the bands; grades derived from them stay on their boundaries.
fn change_bands(card: &mut Scorecard, change: impl FnOnce(&mut Vec<Band>)) {
    let derived = Grading::of(card) == Grading::FromBands;
    change(&mut card.bands);
    if derived {
        card.grades = bands::grades_from_bands(&card.bands);
    }
}

/// One band's label, colour, start, playbook and remove button.
#[component]
fn BandRow(designer: Designer, bands: Memo<Vec<Band>>, index: usize) -> impl IntoView {
    let band = Memo::new(move |_| bands.with(|b| b.get(index).cloned()));
    let get = move |f: fn(&Band) -> String| move || band.with(|b| b.as_ref().map(f).unwrap_or_default());
    let label = get(|b| b.label.clone());
    let set = move |gesture: &str, change: Box<dyn FnOnce(&mut Band)>| {
        designer.edit(Some(&format!("band{index}-{gesture}")), |c| {
            if let Some(b) = c.bands.get_mut(index) {
                change(b);
            }
        });
    };
    let count = move || bands.with(Vec::len);
    view! {
        <li class="band-row" style=move || format!("--band-colour: {}", format::colour(&get(|b| b.colour.clone())()))>
            <input type="text" maxlength="10000" aria-label=format!("Band {} label", index + 1) prop:value=label
                on:input=move |ev| { let v = event_target_value(&ev); set("label", Box::new(move |b| {
                    b.colour = bands::colour_after_relabel(&b.colour, &b.label, &v);
                    b.label = v;
                })); }
                on:change=move |_| designer.seal() />
            <input type="color" aria-label=move || format!("Colour of {}", label()) prop:value=get(|b| b.colour.clone())
                on:input=move |ev| { let v = event_target_value(&ev); set("colour", Box::new(move |b| b.colour = v)); }
                on:change=move |_| designer.seal() />
            <label class="band-from">
                "from "
                <input type="number" min="0" max="100" step="any"
                    aria-label=move || format!("{} starts at", label())
                    disabled=index == 0
                    prop:value=get(|b| format::number(b.from))
                    on:change=move |ev| {
                        if let Some(v) = format::parse(&event_target_value(&ev)) {
                            designer.edit(None, |c| change_bands(c, |b| set_band_start(b, index, v)));
                            // Show the clamped value if the typed one overlapped a neighbour.
                            let shown = bands.with_untracked(|b| b.get(index).map(|b| format::number(b.from)));
                            if let Some(shown) = shown { leptos::prelude::event_target::<web_sys::HtmlInputElement>(&ev).set_value(&shown); }
                        }
                    } />
            </label>
            <button aria-label=move || format!("Remove band {}", label()) disabled=move || count() <= *BAND_COUNT.start()
                on:click=move |_| designer.edit(None, |c| change_bands(c, |b| { remove_band(b, index); }))>"Remove"</button>
            <fieldset class="playbook">
                <legend>{move || format!("Playbook for {}", label())}</legend>
                <PlaybookField designer band index field=PlaybookPart::Owner />
                <PlaybookField designer band index field=PlaybookPart::FirstResponse />
                <PlaybookField designer band index field=PlaybookPart::Plays />
                <PlaybookField designer band index field=PlaybookPart::Donts />
            </fieldset>
        </li>
    }
}

/// The four parts of a band's playbook, each edited in its own box.
#[derive(Clone, Copy)]
enum PlaybookPart {
    Owner,
    FirstResponse,
    Plays,
    Donts,
}

impl PlaybookPart {
    fn name(self) -> &'static str {
        match self {
            Self::Owner => "Owner",
            Self::FirstResponse => "First response",
            Self::Plays => "Plays",
            Self::Donts => "Don'ts",
        }
    }

    fn placeholder(self) -> &'static str {
        match self {
            Self::Owner => "CSM",
            Self::FirstResponse => "within 2 business days",
            Self::Plays => "What to do",
            Self::Donts => "What not to do",
        }
    }

    fn get(self, playbook: &Playbook) -> &str {
        match self {
            Self::Owner => &playbook.owner,
            Self::FirstResponse => &playbook.first_response,
            Self::Plays => &playbook.plays,
            Self::Donts => &playbook.donts,
        }
    }

    fn field(self, playbook: &mut Playbook) -> &mut String {
        match self {
            Self::Owner => &mut playbook.owner,
            Self::FirstResponse => &mut playbook.first_response,
            Self::Plays => &mut playbook.plays,
            Self::Donts => &mut playbook.donts,
        }
    }
}

/// One labelled box of a band's playbook ("Plays for Yellow").
#[component]
fn PlaybookField(designer: Designer, band: Memo<Option<Band>>, index: usize, field: PlaybookPart) -> impl IntoView {
    let label = move || band.with(|b| b.as_ref().map(|b| b.label.clone()).unwrap_or_default());
    let value = move || band.with(|b| b.as_ref().map(|b| field.get(&b.playbook).to_owned()).unwrap_or_default());
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        designer.edit(Some(&format!("band{index}-{}", field.name())), |c| {
            if let Some(b) = c.bands.get_mut(index) {
                *field.field(&mut b.playbook) = text;
            }
        });
    };
    let aria = move || format!("{} for {}", field.name(), label());
    let multiline = matches!(field, PlaybookPart::Plays | PlaybookPart::Donts);
    view! {
        <label class="playbook-field">
            <span>{field.name()}</span>
            {if multiline {
                view! { <textarea rows="2" maxlength="10000" aria-label=aria placeholder=field.placeholder() prop:value=value on:input=on_input on:change=move |_| designer.seal()></textarea> }.into_any()
            } else {
                view! { <input type="text" maxlength="10000" aria-label=aria placeholder=field.placeholder() prop:value=value on:input=on_input on:change=move |_| designer.seal() /> }.into_any()
            }}
        </label>
    }
}

/// The bands as coloured segments of a 0-100 strip, with a draggable, keyboard-operable handle at each boundary.
#[component]
fn BandStrip(designer: Designer, bands: Memo<Vec<Band>>) -> impl IntoView {
    let strip = NodeRef::<leptos::html::Div>::new();
    let dragging: RwSignal<Option<usize>> = RwSignal::new(None);
    let move_to = move |index: usize, value: f64| {
        designer.edit(Some(&format!("band-boundary-{index}")), |c| change_bands(c, |b| set_band_start(b, index, value.round())));
    };
    let value_at = move |client_x: i32| -> Option<f64> {
        let rect = strip.get_untracked()?.get_bounding_client_rect();
        (rect.width() > 0.0).then(|| ((client_x as f64 - rect.left()) / rect.width() * 100.0).clamp(0.0, 100.0))
    };
    let segments = move || {
        bands.with(|bands| {
            bands.iter().enumerate().map(|(i, b)| {
                let end = bands.get(i + 1).map_or(100.0, |n| n.from);
                view! {
                    <div class="strip-segment" style=format!("left: {}%; width: {}%; --band-colour: {}", b.from, end - b.from, format::colour(&b.colour))>
                        <span>{b.label.clone()}</span>
                    </div>
                }
            }).collect_view()
        })
    };
    let count = Memo::new(move |_| bands.with(Vec::len));
    view! {
        <div
            class="band-strip"
            node_ref=strip
            on:pointermove=move |ev| {
                if let (Some(i), Some(v)) = (dragging.get_untracked(), value_at(ev.client_x())) { move_to(i, v); }
            }
            on:pointerup=move |_| { dragging.set(None); designer.seal(); }
            on:pointercancel=move |_| { dragging.set(None); designer.seal(); }
        >
            {segments}
            // Keyed by position so a handle keeps focus and pointer capture while it moves.
            <For each=move || 1..count.get() key=|i| *i let:i>
                <BoundaryHandle bands=bands index=i dragging=dragging move_to=Callback::new(move |(i, v)| move_to(i, v)) designer=designer />
            </For>
        </div>
    }
}

/// The handle at the start of band `index`: a slider for keyboard and pointer.
#[component]
fn BoundaryHandle(
    bands: Memo<Vec<Band>>,
    index: usize,
    dragging: RwSignal<Option<usize>>,
    move_to: Callback<(usize, f64)>,
    designer: Designer,
) -> impl IntoView {
    let range = Memo::new(move |_| {
        bands.with(|b| {
            let from = b.get(index).map_or(0.0, |b| b.from);
            let min = b.get(index.wrapping_sub(1)).map_or(0.0, |p| p.from + 1.0);
            let max = b.get(index + 1).map_or(100.0, |n| n.from - 1.0);
            let label = b.get(index).map(|b| b.label.clone()).unwrap_or_default();
            (from, min, max, label)
        })
    });
    view! {
        <div
            class="strip-handle"
            role="slider"
            tabindex="0"
            aria-label=move || format!("Boundary where {} starts", range.get().3)
            aria-valuemin=move || range.get().1.to_string()
            aria-valuemax=move || range.get().2.to_string()
            aria-valuenow=move || range.get().0.to_string()
            style=move || format!("left: {}%", range.get().0)
            on:keydown=move |ev| {
                let (from, min, max, _) = range.get_untracked();
                let next = match ev.key().as_str() {
                    "ArrowLeft" | "ArrowDown" => from - 1.0,
                    "ArrowRight" | "ArrowUp" => from + 1.0,
                    "PageDown" => from - 10.0,
                    "PageUp" => from + 10.0,
                    "Home" => min,
                    "End" => max,
                    _ => return,
                };
                ev.prevent_default();
                designer.seal();
                move_to.run((index, next));
            }
            on:pointerdown=move |ev| {
                dragging.set(Some(index));
                if let Some(target) = ev.target() {
                    let el: web_sys::Element = wasm_bindgen::JsCast::unchecked_into(target);
                    let _ = el.set_pointer_capture(ev.pointer_id());
                }
            }
        ></div>
    }
}
