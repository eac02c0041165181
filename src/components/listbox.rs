//! The combobox pattern for a text field and the results it finds: focus stays in the field
//! while Up and Down move through the results (`aria-activedescendant`) and Enter opens the
//! one highlighted, as screen reader and keyboard users expect of search-as-you-type.

use leptos::{ev::KeyboardEvent, html::Input, prelude::*};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition, ShadowRoot};

use crate::reactive::effect;

/// The results list a field drives. `Copy`, so the field and the list share it.
#[derive(Clone, Copy)]
pub struct Listbox {
    /// The list's element id; option `i` is `{id}-{i}`.
    pub id: &'static str,
    /// How many lists with this id are mounted: while one is, the field controls it. (A count,
    /// so a new list mounting before the old one is cleaned up still leaves one.)
    mounted: RwSignal<u32>,
    /// The id of the option the keyboard is on, if any.
    pub active: RwSignal<Option<String>>,
}

impl Listbox {
    /// A list with element id `id`, not mounted yet.
    pub fn new(id: &'static str) -> Listbox {
        Listbox {
            id,
            mounted: RwSignal::new(0),
            active: RwSignal::new(None),
        }
    }

    /// The id of option `index`.
    pub fn option_id(self, index: usize) -> String {
        format!("{}-{index}", self.id)
    }

    /// Called by a list as it mounts: none of its options is highlighted yet.
    pub fn mount(self) {
        self.active.set(None);
        self.mounted.update(|n| *n += 1);
        on_cleanup(move || {
            self.mounted.try_update(|n| *n -= 1);
        });
    }

    /// Makes `field` the list's combobox: its role, and from now on whether the list shows
    /// (`aria-expanded`, `aria-controls`) and which option is highlighted
    /// (`aria-activedescendant`). Set from one effect rather than as attributes in each field's
    /// view, so the fields share one copy of the code.
    pub fn drive_from(self, field: NodeRef<Input>) {
        effect(move || {
            let expanded = self.mounted.get() > 0;
            let active = self.active.get();
            let Some(field) = field.get() else { return };
            let set = |name: &str, value: Option<&str>| match value {
                Some(value) => _ = field.set_attribute(name, value),
                None => _ = field.remove_attribute(name),
            };
            set("role", Some("combobox"));
            set("aria-autocomplete", Some("list"));
            set(
                "aria-expanded",
                Some(if expanded { "true" } else { "false" }),
            );
            set("aria-controls", expanded.then_some(self.id));
            set("aria-activedescendant", active.as_deref());
        });
    }

    /// Up and Down move through the options; Enter opens the highlighted one, as a click would.
    pub fn on_key(self, ev: &KeyboardEvent) {
        // The field itself, even where the event was retargeted to the shadow root's host.
        let Ok(field) = ev.composed_path().get(0).dyn_into::<Element>() else {
            return;
        };
        // The field's root: the widget's shadow root, or the document in tests that mount
        // without one. Both have `getElementById`, so one binding serves either (and the
        // widget ships no type check or second binding for it).
        let root = field.get_root_node().unchecked_into::<ShadowRoot>();
        let by_id = |id: &str| root.get_element_by_id(id);
        let active = self.active.get_untracked().and_then(|id| by_id(&id));
        let next = match (ev.key().as_str(), active) {
            ("ArrowDown", None) => by_id(self.id).and_then(|list| list.first_element_child()),
            ("ArrowDown", Some(option)) => option.next_element_sibling().or(Some(option)),
            ("ArrowUp", Some(option)) => option.previous_element_sibling(),
            ("Enter", Some(option)) => {
                ev.prevent_default();
                option.unchecked_into::<HtmlElement>().click();
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let selected = |option: &Element, selected: &str| {
            _ = option.set_attribute("aria-selected", selected);
        };
        if let Some(option) = self.active.get_untracked().and_then(|id| by_id(&id)) {
            selected(&option, "false");
        }
        if let Some(option) = &next {
            selected(option, "true");
            let nearest = ScrollIntoViewOptions::new();
            nearest.set_block(ScrollLogicalPosition::Nearest);
            option.scroll_into_view_with_scroll_into_view_options(&nearest);
        }
        self.active.set(next.map(|option| option.id()));
    }
}
