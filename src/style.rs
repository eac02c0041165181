//! The widget's CSS, compiled into the wasm and adopted by the shadow root as a constructed
//! stylesheet: no `<style>` element and no style attribute, which a host page's CSP may forbid.

use js_sys::Array;
use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, ShadowRoot};

/// The sheets in `style/`, joined and minified by `build.rs`.
const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

/// Adds the widget's stylesheet to `root` after the sheets already there (the loader's
/// launcher styles), returning it for [`remove`].
pub fn adopt(root: &ShadowRoot) -> Option<CssStyleSheet> {
    let sheet = CssStyleSheet::new().ok()?;
    sheet.replace_sync(CSS).ok()?;
    let sheets = Array::from(&root.adopted_style_sheets());
    sheets.push(&sheet);
    root.set_adopted_style_sheets(&sheets);
    Some(sheet)
}

/// Takes `sheet` off `root`, keeping the loader's sheets.
pub fn remove(root: &ShadowRoot, sheet: &CssStyleSheet) {
    let ours = JsValue::from(sheet);
    let kept = root
        .adopted_style_sheets()
        .filter(&mut |other, _, _| other != ours);
    root.set_adopted_style_sheets(&kept);
}
