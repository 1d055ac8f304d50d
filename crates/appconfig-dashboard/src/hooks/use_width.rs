//! The width an element is shown at, in CSS pixels, kept current by a `ResizeObserver`: the chart
//! is drawn at the width of its card, so its text is the size the stylesheet says on a phone, on
//! a desktop and in a narrow card of a portal alike (a drawing scaled down to fit shrinks its
//! text with it, to 7 px in a 450 px portal card).

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::platform;

/// The content width of the element behind `node`, whole pixels; `None` before it is laid out.
#[hook]
pub(crate) fn use_width(node: NodeRef) -> Option<f64> {
    let width = use_state_eq(|| None::<f64>);
    {
        let width = width.clone();
        use_effect_with(node, move |node| {
            let watch = node.cast::<web_sys::Element>().and_then(|element| {
                platform::watch_resize(&element, move |entries| {
                    if let Some(w) = content_width(&entries) {
                        width.set(Some(w.round()));
                    }
                })
            });
            move || drop(watch)
        });
    }
    *width
}

/// `entries[0].contentRect.width`, when it is a width.
fn content_width(entries: &JsValue) -> Option<f64> {
    js_sys::Reflect::get(entries, &JsValue::from(0))
        .and_then(|e| js_sys::Reflect::get(&e, &"contentRect".into()))
        .and_then(|r| js_sys::Reflect::get(&r, &"width".into()))
        .ok()
        .and_then(|w| w.as_f64())
        .filter(|w| w.is_finite() && *w > 0.0)
}
