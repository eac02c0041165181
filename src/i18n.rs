//! The widget's text: the catalogue the server sends with the site's configuration, in the
//! language chosen for the page. The widget itself carries only message ids ([`Text`]), so
//! adding a language costs visitors nothing.

use std::cell::Cell;

use peerhelp_api::{Text, plural_is_one};

thread_local! {
    /// The loaded catalogue (in [`Text`] order) and its language. It lives as long as the
    /// page, so views can borrow its texts as `&'static str`.
    static CATALOGUE: Cell<(&'static [String], &'static str)> = const { Cell::new((&[], "en")) };
}

/// Makes `messages`, in `language`, the texts every view shows. Loading the catalogue already
/// in use (a remount) keeps it rather than keeping a second copy.
pub fn load(language: &str, messages: &[String]) {
    let (loaded, loaded_language) = CATALOGUE.get();
    if loaded != messages || loaded_language != language {
        let messages: &'static [String] = Vec::leak(messages.to_vec());
        let language: &'static str = String::leak(language.to_owned());
        CATALOGUE.set((messages, language));
    }
}

/// The text with this id; empty if the catalogue lacks it.
pub fn t(text: Text) -> &'static str {
    CATALOGUE
        .get()
        .0
        .get(text as usize)
        .map_or("", String::as_str)
}

/// `text` with `{placeholder}` filled in.
pub fn fill(text: Text, placeholder: &str, value: &str) -> String {
    t(text).replace(placeholder, value)
}

/// `one` or `many` by the language's plural rule, with `{n}` filled in: "3 answers".
pub fn counted(count: i64, one: Text, many: Text) -> String {
    let text = if plural_is_one(CATALOGUE.get().1, count) {
        one
    } else {
        many
    };
    fill(text, "{n}", &count.to_string())
}
