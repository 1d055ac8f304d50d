//! AWS error bodies parsed by the host's `JSON.parse` (no JSON parser in the wasm), read by the
//! core's rules ([`appconfig_core::response::service_error_from_parts`]). Only own properties count.

use appconfig_core::{
    error::{BadRequestDetails, InvalidConfigurationDetail, ServiceError},
    response::{service_error_from_parts, ErrorBody},
};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::transport::Received;

/// A JavaScript object's own property, `None` when absent or `null`.
pub(crate) fn own(obj: &JsValue, key: &str) -> Option<JsValue> {
    if !obj.is_object() {
        return None;
    }
    let k = JsValue::from_str(key);
    if !Object::has_own(obj.unchecked_ref::<Object>(), &k) {
        return None;
    }
    Reflect::get(obj, &k)
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// A scalar as text, as `serde_json` writes it: strings as they are, numbers and booleans
/// written out (by JavaScript's `String`, so no float formatting in the wasm).
fn scalar_text(v: &JsValue) -> Option<String> {
    if let Some(s) = v.as_string() {
        return Some(s);
    }
    if v.as_f64().is_some() || v.as_bool().is_some() {
        return js_sys::JsString::from(v.clone()).as_string();
    }
    None
}

struct JsMembers(Option<JsValue>);

impl ErrorBody for JsMembers {
    fn text(&self, name: &str) -> Option<String> {
        scalar_text(&own(self.0.as_ref()?, name)?)
    }

    fn details(&self) -> Option<BadRequestDetails> {
        let details = own(self.0.as_ref()?, "Details")?;
        let list = own(&details, "InvalidConfiguration")?;
        let mut out = BadRequestDetails::default();
        if Array::is_array(&list) {
            let list: Array = list.unchecked_into();
            let items = list.iter().map(|item| {
                let s = |k: &str| own(&item, k).and_then(|v| v.as_string());
                let mut d = InvalidConfigurationDetail::default();
                d.constraint = s("Constraint");
                d.location = s("Location");
                d.reason = s("Reason");
                d.r#type = s("Type");
                d.value = s("Value");
                d
            });
            out.invalid_configuration = Some(items.collect());
        }
        Some(out)
    }
}

/// The service error a non-2xx response holds.
pub(crate) fn service_error(received: &Received) -> ServiceError {
    parse_error_text(
        received.status,
        &received.headers,
        &String::from_utf8_lossy(&received.body),
    )
}

/// Reads an error response whose body is `text`, parsing it with the host's `JSON.parse` (a
/// body that is not a JSON object has no members).
pub fn parse_error_text(status: u16, headers: &[(String, String)], text: &str) -> ServiceError {
    let parsed = js_sys::JSON::parse(text)
        .ok()
        .filter(|v| v.is_object() && !Array::is_array(v));
    service_error_from_parts(status, headers, text, &JsMembers(parsed))
}
