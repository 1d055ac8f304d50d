//! Small pieces of markup shared by components: a field's error line and advice text.

use yew::prelude::*;

use crate::form::{Field, FieldErrors};

/// Markup that never changes, as HTML text: the browser builds it (one `innerHTML`) instead of
/// code the `html!` macro writes for each element, text and attribute (~250 B of wasm each). Only
/// for constant text written here, never for data: nothing in it is escaped.
pub(crate) fn fixed(markup: &'static str) -> Html {
    Html::from_html_unchecked(AttrValue::Static(markup))
}

/// Field error text under an input, referenced by `aria-describedby`.
pub(crate) fn field_error(errors: &FieldErrors, field: Field, id: &str) -> Html {
    match errors.get(&field) {
        Some(msg) => {
            html! { <p class="field-error" id={id.to_owned()} data-field={field.as_str()}>{ msg.clone() }</p> }
        }
        None => html! {},
    }
}

/// The advice with its `backquoted` commands set as `<code>` (plain text either way): literal
/// backquotes read as leftover Markdown.
pub(crate) fn advice(text: &str) -> Html {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{ part.to_owned() }</code> }
            } else {
                html! { { part.to_owned() } }
            }
        })
        .collect()
}
