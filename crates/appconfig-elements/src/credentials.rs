//! The `credentials` property as a credentials provider: an object
//! `{ accessKeyId, secretAccessKey, sessionToken?, expiration? }`, or a function returning one or
//! a promise of one. `appconfig-fetch` calls it on first use and again when the credentials it
//! gave are within five minutes of `expiration`, as the AWS SDKs' providers are called. And
//! the `gatewayToken` property: a string, or a function giving one (or a promise of one).

use appconfig_core::Credentials;
use appconfig_fetch::{CredentialsProvider, LocalBoxFuture, ProvidedCredentials, TokenProvider};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The property's value.
pub(crate) struct JsCredentials(pub JsValue);

fn text(v: &JsValue, key: &str) -> Option<String> {
    Reflect::get(v, &JsValue::from_str(key))
        .ok()
        .and_then(|s| s.as_string())
        .filter(|s| !s.is_empty())
}

/// `expiration` as ms since the epoch: a `Date`, a number of ms, or an ISO 8601 string.
fn expiration_ms(v: &JsValue) -> Option<i64> {
    let e = Reflect::get(v, &JsValue::from_str("expiration")).ok()?;
    let ms = if let Some(d) = e.dyn_ref::<js_sys::Date>() {
        d.get_time()
    } else if let Some(n) = e.as_f64() {
        n
    } else {
        js_sys::Date::parse(&e.as_string()?)
    };
    ms.is_finite().then_some(ms as i64)
}

/// Reads the object; the error names what is missing, never a value.
pub(crate) fn read(v: &JsValue) -> Result<ProvidedCredentials, String> {
    if !v.is_object() {
        return Err("credentials must be an object with accessKeyId and secretAccessKey".into());
    }
    let (Some(id), Some(secret)) = (text(v, "accessKeyId"), text(v, "secretAccessKey")) else {
        return Err("credentials need accessKeyId and secretAccessKey".into());
    };
    Ok(ProvidedCredentials {
        credentials: Credentials::new(id, secret, text(v, "sessionToken")),
        expires_at_ms: expiration_ms(v),
    })
}

impl CredentialsProvider for JsCredentials {
    fn provide(&self) -> LocalBoxFuture<Result<ProvidedCredentials, String>> {
        let value = self.0.clone();
        Box::pin(async move {
            let value = match value.dyn_ref::<Function>() {
                Some(f) => f
                    .call0(&JsValue::NULL)
                    .map_err(|_| "the credentials function threw".to_owned())?,
                None => value,
            };
            let value = JsFuture::from(Promise::resolve(&value))
                .await
                .map_err(|_| "the credentials function's promise was rejected".to_owned())?;
            read(&value)
        })
    }
}

/// The `gatewayToken` property when it is a function: the caller's bearer token toward the
/// gateway (the portal's session, not AWS credentials), asked for before every attempt.
pub(crate) struct JsToken(pub JsValue);

impl TokenProvider for JsToken {
    fn token(&self) -> LocalBoxFuture<Result<String, String>> {
        let value = self.0.clone();
        Box::pin(async move {
            let value = match value.dyn_ref::<Function>() {
                Some(f) => f
                    .call0(&JsValue::NULL)
                    .map_err(|_| "the gatewayToken function threw".to_owned())?,
                None => value,
            };
            JsFuture::from(Promise::resolve(&value))
                .await
                .map_err(|_| "the gatewayToken function's promise was rejected".to_owned())?
                .as_string()
                .ok_or_else(|| "gatewayToken must give a string".to_owned())
        })
    }
}
