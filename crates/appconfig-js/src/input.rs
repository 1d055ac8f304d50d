//! Reading JavaScript values, with errors that name the member.

use std::fmt;

use appconfig_core::{ClientConfig, Credentials};
use appconfig_fetch::{CredentialsProvider, FetchOptions, LocalBoxFuture, ProvidedCredentials};
use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

/// A JavaScript value that breaks a rule; becomes a `ValidationError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    field: String,
    rule: String,
}

impl Invalid {
    pub fn new(field: &str, rule: &str) -> Self {
        Invalid {
            field: field.to_owned(),
            rule: rule.to_owned(),
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.field, self.rule)
    }
}

fn type_name(v: &JsValue) -> &'static str {
    if v.is_null() {
        "null"
    } else if v.is_undefined() {
        "undefined"
    } else if v.is_string() {
        "a string"
    } else if v.as_f64().is_some() {
        "a number"
    } else if v.as_bool().is_some() {
        "a boolean"
    } else if v.is_function() {
        "a function"
    } else if js_sys::Array::is_array(v) {
        "an array"
    } else if v.is_bigint() {
        "a bigint"
    } else {
        "an object"
    }
}

fn wrong_type(field: &str, expected: &str, v: &JsValue) -> Invalid {
    Invalid {
        field: field.to_owned(),
        rule: format!("must be {expected}, got {}", type_name(v)),
    }
}

/// A JavaScript object whose members we read.
pub struct Obj<'a> {
    value: &'a JsValue,
}

impl<'a> Obj<'a> {
    /// `value` must be a non-null object (not an array).
    pub fn new(value: &'a JsValue, what: &str) -> Result<Self, Invalid> {
        if !value.is_object() || js_sys::Array::is_array(value) {
            return Err(wrong_type(what, "an object", value));
        }
        Ok(Obj { value })
    }

    /// Member `key`, an own property only: a member inherited from a polluted
    /// `Object.prototype` (say `Object.prototype.proxy = "https://evil"`) is not read, or signed
    /// requests and the session token would go where the host app's attacker says.
    pub fn get(&self, key: &str) -> JsValue {
        let k = JsValue::from_str(key);
        if !js_sys::Object::has_own(self.value.unchecked_ref::<js_sys::Object>(), &k) {
            return JsValue::UNDEFINED;
        }
        Reflect::get(self.value, &k).unwrap_or(JsValue::UNDEFINED)
    }

    fn present(&self, key: &str) -> Option<JsValue> {
        let v = self.get(key);
        (!v.is_undefined() && !v.is_null()).then_some(v)
    }

    pub fn string(&self, key: &str) -> Result<Option<String>, Invalid> {
        match self.present(key) {
            None => Ok(None),
            Some(v) => v
                .as_string()
                .map(Some)
                .ok_or_else(|| wrong_type(key, "a string", &v)),
        }
    }

    pub fn required_string(&self, key: &str) -> Result<String, Invalid> {
        self.string(key)?
            .ok_or_else(|| Invalid::new(key, "a value is required"))
    }

    pub fn boolean(&self, key: &str) -> Result<Option<bool>, Invalid> {
        match self.present(key) {
            None => Ok(None),
            Some(v) => v
                .as_bool()
                .map(Some)
                .ok_or_else(|| wrong_type(key, "a boolean", &v)),
        }
    }

    /// A whole number (a JavaScript number with no fraction).
    pub fn integer(&self, key: &str) -> Result<Option<i64>, Invalid> {
        match self.present(key) {
            None => Ok(None),
            Some(v) => {
                let n = v
                    .as_f64()
                    .ok_or_else(|| wrong_type(key, "a whole number", &v))?;
                if !n.is_finite() || n.fract() != 0.0 || n.abs() > 9.007_199_254_740_991e15 {
                    return Err(Invalid {
                        field: key.to_owned(),
                        rule: format!("must be a whole number, got {n}"),
                    });
                }
                Ok(Some(n as i64))
            }
        }
    }

    pub fn required_integer(&self, key: &str) -> Result<i64, Invalid> {
        self.integer(key)?
            .ok_or_else(|| Invalid::new(key, "a value is required"))
    }

    /// A `Date` (or epoch milliseconds), as epoch milliseconds.
    pub fn date_ms(&self, key: &str) -> Result<Option<i64>, Invalid> {
        match self.present(key) {
            None => Ok(None),
            Some(v) => date_ms(&v, key).map(Some),
        }
    }

    /// A `Record<string, string>`, names lower-cased.
    pub fn string_map(&self, key: &str) -> Result<Vec<(String, String)>, Invalid> {
        let Some(v) = self.present(key) else {
            return Ok(Vec::new());
        };
        if !v.is_object() || js_sys::Array::is_array(&v) {
            return Err(wrong_type(key, "an object of strings", &v));
        }
        let obj: &js_sys::Object = v.unchecked_ref();
        let mut out = Vec::new();
        for entry in js_sys::Object::entries(obj).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            let name = pair.get(0).as_string().unwrap_or_default();
            let value = pair.get(1);
            let value = value
                .as_string()
                .or_else(|| value.as_f64().map(|n| n.to_string()));
            match value {
                Some(value) => out.push((name.to_ascii_lowercase(), value)),
                None => {
                    return Err(Invalid {
                        field: format!("{key}.{name}"),
                        rule: "must be a string".into(),
                    })
                }
            }
        }
        Ok(out)
    }

    /// A body: a string (UTF-8), a `Uint8Array` or an `ArrayBuffer`.
    pub fn bytes(&self, key: &str) -> Result<Vec<u8>, Invalid> {
        let Some(v) = self.present(key) else {
            return Ok(Vec::new());
        };
        if let Some(s) = v.as_string() {
            return Ok(s.into_bytes());
        }
        if v.is_instance_of::<Uint8Array>() || v.is_instance_of::<js_sys::ArrayBuffer>() {
            return Ok(Uint8Array::new(&v).to_vec());
        }
        Err(wrong_type(key, "a string, Uint8Array or ArrayBuffer", &v))
    }
}

fn date_ms(v: &JsValue, key: &str) -> Result<i64, Invalid> {
    let ms = if let Some(d) = v.dyn_ref::<js_sys::Date>() {
        d.get_time()
    } else if let Some(n) = v.as_f64() {
        n
    } else {
        return Err(wrong_type(key, "a Date", v));
    };
    if !ms.is_finite() {
        return Err(Invalid::new(key, "must be a valid Date"));
    }
    Ok(ms as i64)
}

/// `{ accessKeyId, secretAccessKey, sessionToken? }`.
pub fn static_credentials(v: &JsValue, what: &str) -> Result<Credentials, Invalid> {
    Ok(credentials_with_expiry(v, what)?.0)
}

fn credentials_with_expiry(v: &JsValue, what: &str) -> Result<(Credentials, Option<i64>), Invalid> {
    let obj = Obj::new(v, what)?;
    let field = |k: &str| format!("{what}.{k}");
    let akid = obj
        .string("accessKeyId")
        .map_err(|_| wrong_type(&field("accessKeyId"), "a string", &obj.get("accessKeyId")))?
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| Invalid::new(&field("accessKeyId"), "a value is required"))?;
    let secret = obj
        .string("secretAccessKey")
        .map_err(|_| {
            wrong_type(
                &field("secretAccessKey"),
                "a string",
                &obj.get("secretAccessKey"),
            )
        })?
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Invalid::new(&field("secretAccessKey"), "a value is required"))?;
    let token = obj
        .string("sessionToken")
        .map_err(|_| wrong_type(&field("sessionToken"), "a string", &obj.get("sessionToken")))?;
    let expiration = obj
        .date_ms("expiration")
        .map_err(|_| wrong_type(&field("expiration"), "a Date", &obj.get("expiration")))?;
    Ok((Credentials::new(akid, secret, token), expiration))
}

/// What `credentials` held.
pub enum CredentialsInput {
    Fixed(Credentials),
    Provider(Function),
}

/// An async JavaScript function returning credentials.
pub struct JsProvider(pub Function);

impl CredentialsProvider for JsProvider {
    fn provide(&self) -> LocalBoxFuture<Result<ProvidedCredentials, String>> {
        let f = self.0.clone();
        Box::pin(async move {
            let value = f
                .call0(&JsValue::UNDEFINED)
                .map_err(|e| js_error_text(&e))?;
            let value = JsFuture::from(Promise::resolve(&value))
                .await
                .map_err(|e| js_error_text(&e))?;
            let (credentials, expires_at_ms) =
                credentials_with_expiry(&value, "credentials()").map_err(|e| e.to_string())?;
            Ok(ProvidedCredentials {
                credentials,
                expires_at_ms,
            })
        })
    }
}

/// The message of a thrown value, for the provider's failures.
fn js_error_text(e: &JsValue) -> String {
    if let Some(s) = e.as_string() {
        return s;
    }
    // Any property of an Error will do here (its message is inherited from no one we fear).
    Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "the credentials provider failed".to_owned())
}

/// The `fetch` option: absent, or a function.
pub fn fetch_option(v: &JsValue) -> Result<Option<Function>, Invalid> {
    let f = Obj::new(v, "config")?.get("fetch");
    if f.is_undefined() || f.is_null() {
        return Ok(None);
    }
    f.dyn_into::<Function>()
        .map(Some)
        .map_err(|f| wrong_type("fetch", "a function", &f))
}

/// The client configuration.
pub fn client_config(
    v: &JsValue,
) -> Result<(ClientConfig, CredentialsInput, FetchOptions), Invalid> {
    let obj = Obj::new(v, "config")?;
    let config = ClientConfig {
        region: obj.string("region")?,
        use_fips: obj.boolean("useFipsEndpoint")?.unwrap_or(false),
        use_dual_stack: obj.boolean("useDualstackEndpoint")?.unwrap_or(false),
        endpoint: obj.string("endpoint")?,
        proxy: obj.string("proxy")?,
    };
    if config.region.is_none() && config.endpoint.is_none() {
        return Err(Invalid::new("region", "a value is required"));
    }
    let creds = obj.get("credentials");
    let credentials = if creds.is_undefined() || creds.is_null() {
        return Err(Invalid::new(
            "credentials",
            "a value is required: { accessKeyId, secretAccessKey, sessionToken? } or an async function returning one",
        ));
    } else if let Some(f) = creds.dyn_ref::<Function>() {
        CredentialsInput::Provider(f.clone())
    } else {
        CredentialsInput::Fixed(static_credentials(&creds, "credentials")?)
    };
    let mut options = FetchOptions::default();
    if let Some(n) = obj.integer("maxAttempts")? {
        if !(1..=100).contains(&n) {
            return Err(Invalid::new("maxAttempts", "must be from 1 to 100"));
        }
        options.max_attempts = n as u32;
    }
    if let Some(n) = obj.integer("requestTimeoutMs")? {
        if !(1..=i64::from(i32::MAX)).contains(&n) {
            return Err(Invalid::new(
                "requestTimeoutMs",
                "must be a positive number of ms",
            ));
        }
        options.request_timeout_ms = Some(n as u32);
    }
    Ok((config, credentials, options))
}

/// `abortSignal`: absent, or an `AbortSignal`.
pub fn abort_signal(v: &JsValue) -> Result<Option<AbortSignal>, Invalid> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let obj = Obj::new(v, "options")?;
    let s = obj.get("abortSignal");
    if s.is_undefined() || s.is_null() {
        return Ok(None);
    }
    s.dyn_into::<AbortSignal>()
        .map(Some)
        .map_err(|s| wrong_type("abortSignal", "an AbortSignal", &s))
}
