//! The combobox pattern for a text field and the results it finds: focus stays in the field
//! while Up and Down move through the results (`aria-activedescendant`) and Enter opens the
//! one highlighted, as screen reader and keyboard users expect of search-as-you-type.

use leptos::{ev::KeyboardEvent, html::Ul, prelude::*};
use web_sys::{ScrollIntoViewOptions, ScrollLogicalPosition};

/// The results list a field drives. `Copy`, so the field and the list share it.
#[derive(Clone, Copy)]
pub struct Listbox {
    /// The list's element id; option `i` is `{id}-{i}`.
    pub id: &'static str,
    /// The list, to scroll the highlighted result into view.
    pub list: NodeRef<Ul>,
    /// The thread ids of the results shown, in order.
    pub options: RwSignal<Vec<i64>>,
    /// The result the keyboard is on, if any.
    pub active: RwSignal<Option<usize>>,
}

impl Listbox {
    /// An empty list with element id `id`.
    pub fn new(id: &'static str) -> Listbox {
        Listbox {
            id,
            list: NodeRef::new(),
            options: RwSignal::new(Vec::new()),
            active: RwSignal::new(None),
        }
    }

    /// The id of option `index`.
    pub fn option_id(self, index: usize) -> String {
        format!("{}-{index}", self.id)
    }

    /// Shows `options`, none of them highlighted.
    pub fn show(self, options: Vec<i64>) {
        self.active.try_set(None);
        self.options.try_set(options);
    }

    /// Whether the list shows options: the field's `aria-expanded`.
    pub fn expanded(self) -> bool {
        self.options.with(|options| !options.is_empty())
    }

    /// The list the field controls, while it shows: the field's `aria-controls`.
    pub fn controls(self) -> Option<&'static str> {
        self.expanded().then_some(self.id)
    }

    /// The highlighted option's id: the field's `aria-activedescendant`.
    pub fn active_id(self) -> Option<String> {
        self.active.get().map(|index| self.option_id(index))
    }

    /// Up and Down move through the options, Enter opens the highlighted one with `open`.
    pub fn on_key(self, ev: &KeyboardEvent, open: impl Fn(i64)) {
        let count = self.options.with_untracked(Vec::len);
        let next = match (ev.key().as_str(), self.active.get_untracked()) {
            ("ArrowDown", None) if count > 0 => Some(0),
            ("ArrowDown", Some(i)) => Some((i + 1).min(count - 1)),
            ("ArrowUp", Some(i)) => i.checked_sub(1),
            ("Enter", Some(i)) => {
                ev.prevent_default();
                if let Some(id) = self.options.with_untracked(|o| o.get(i).copied()) {
                    open(id);
                }
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        self.active.set(next);
        let option = next.zip(self.list.get_untracked());
        let item = option.and_then(|(i, list)| {
            list.query_selector(&("#".to_owned() + &self.option_id(i)))
                .ok()?
        });
        if let Some(item) = item {
            let nearest = ScrollIntoViewOptions::new();
            nearest.set_block(ScrollLogicalPosition::Nearest);
            item.scroll_into_view_with_scroll_into_view_options(&nearest);
        }
    }
}
