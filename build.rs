//! Joins and minifies the widget's stylesheets into `OUT_DIR` for `src/style.rs` to compile
//! in: the comments that explain the CSS stay in `style/` without every visitor downloading
//! them (about 700 bytes of the widget's brotli weight).

use std::{env, fs, path::Path};

/// The stylesheets in cascade order: later rules (the phone layout) override earlier ones.
const SHEETS: [&str; 5] = [
    "style/panel.css",
    "style/search.css",
    "style/thread.css",
    "style/community.css",
    "style/phone.css",
];

fn main() {
    let mut css = String::new();
    for sheet in SHEETS {
        println!("cargo:rerun-if-changed={sheet}");
        css += &fs::read_to_string(sheet).unwrap_or_else(|error| panic!("{sheet}: {error}"));
        css.push('\n');
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("widget.css");
    fs::write(out, minify(&css)).expect("OUT_DIR is writable");
}

/// `css` without comments and with no whitespace the browser needs: none around `{`, `}`,
/// `;`, `,` and `>` or after `:`, one space elsewhere. A space before `:` stays, since
/// `.panel :focus-visible` and `.panel:focus-visible` select different things.
fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    let mut space = false;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |end| &after[end + 2..]);
            continue;
        }
        rest = &rest[c.len_utf8()..];
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let tight = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
        if space && !out.is_empty() && !tight(c) && !out.ends_with(|p: char| tight(p) || p == ':') {
            out.push(' ');
        }
        space = false;
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        out.push(c);
    }
    out
}
