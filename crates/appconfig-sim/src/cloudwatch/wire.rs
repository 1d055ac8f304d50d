//! CloudWatch's three wire protocols, as botocore's `cloudwatch` model lists them:
//! `smithy-rpc-v2-cbor` (`POST /service/GraniteServiceVersion20100801/operation/{Op}`,
//! `smithy-protocol: rpc-v2-cbor`, `application/cbor`), `json` (awsJson1_0,
//! `X-Amz-Target: GraniteServiceVersion20100801.{Op}`) and `query` (form `Action=..&Version=
//! 2010-08-01`, XML answers). Inputs are read into one JSON value whatever the protocol, and
//! outputs written from one [`Val`] tree, so the operations know nothing of protocols. The
//! service is awsQueryCompatible: errors carry the `query` code in `x-amzn-query-error` in the
//! JSON and CBOR protocols too.

use appconfig_core::DateTime;
use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::{Request, Response, StatusCode};
use serde_json::{Map, Value};

/// The `json` protocol's target prefix, also the CBOR protocol's service name.
pub(crate) const TARGET_PREFIX: &str = "GraniteServiceVersion20100801";
const CBOR_PATH: &str = "/service/GraniteServiceVersion20100801/operation/";
const XMLNS: &str = "http://monitoring.amazonaws.com/doc/2010-08-01/";

/// Which protocol a request speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Protocol {
    Cbor,
    Json,
    Query,
}

/// The protocol and operation name of a CloudWatch request, or `None` for any other request.
/// The query protocol's operation is in the body (`Action`), read by [`decode`].
pub(crate) fn detect(req: &Request<Bytes>) -> Option<(Protocol, String)> {
    if req.method() != http::Method::POST {
        return None;
    }
    let path = req.uri().path();
    if let Some(op) = path.strip_prefix(CBOR_PATH) {
        return Some((Protocol::Cbor, op.to_owned()));
    }
    let header = |n: &str| req.headers().get(n).and_then(|v| v.to_str().ok());
    if let Some(op) = header("x-amz-target").and_then(|t| t.strip_prefix(TARGET_PREFIX)) {
        return Some((Protocol::Json, op.trim_start_matches('.').to_owned()));
    }
    let form =
        header("content-type").is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
    (path == "/" && form).then(|| (Protocol::Query, String::new()))
}

/// An error as CloudWatch answers it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CwError {
    pub(crate) status: u16,
    /// The `query` code (`ResourceNotFound`).
    pub(crate) code: String,
    /// The model's shape name for `__type` (`InvalidFormatFault`), when it differs.
    pub(crate) shape: Option<&'static str>,
    pub(crate) message: String,
}

impl CwError {
    pub(crate) fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        CwError {
            status,
            code: code.to_owned(),
            shape: None,
            message: message.into(),
        }
    }

    /// 400 `ValidationError`, as CloudWatch words its validation failures.
    pub(crate) fn validation(message: impl Into<String>) -> Self {
        CwError::new(400, "ValidationError", message)
    }

    /// 400 `InvalidParameterValue`.
    pub(crate) fn invalid_value(message: impl Into<String>) -> Self {
        CwError {
            shape: Some("InvalidParameterValueException"),
            ..CwError::new(400, "InvalidParameterValue", message)
        }
    }

    /// 400 `MissingParameter`.
    pub(crate) fn missing(member: &str) -> Self {
        CwError {
            shape: Some("MissingRequiredParameterException"),
            ..CwError::new(
                400,
                "MissingParameter",
                format!("The parameter {member} is required."),
            )
        }
    }

    fn fault(&self) -> &'static str {
        if self.status >= 500 {
            "Receiver"
        } else {
            "Sender"
        }
    }
}

/// A value of an output, written by each protocol in its own way.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Val {
    Bool(bool),
    Int(i64),
    Num(f64),
    Str(String),
    Time(DateTime),
    List(Vec<Val>),
    Map(Vec<(&'static str, Val)>),
}

/// Decodes a request body into one JSON object (and, for `query`, the operation from
/// `Action`).
///
/// # Errors
/// 400 when the body is not what the protocol sends.
pub(crate) fn decode(
    protocol: Protocol,
    body: &[u8],
) -> Result<(Map<String, Value>, Option<String>), CwError> {
    let bad = |what: &str| CwError::new(400, "SerializationException", what.to_owned());
    let value = match protocol {
        Protocol::Json if body.iter().all(u8::is_ascii_whitespace) => Value::Object(Map::new()),
        Protocol::Json => serde_json::from_slice(body)
            .map_err(|e| bad(&format!("the body is not valid JSON: {e}")))?,
        Protocol::Cbor if body.is_empty() => Value::Object(Map::new()),
        Protocol::Cbor => {
            let v: ciborium::Value = ciborium::de::from_reader(body)
                .map_err(|e| bad(&format!("the body is not valid CBOR: {e}")))?;
            from_cbor(v)
        }
        Protocol::Query => {
            let mut root = Value::Object(Map::new());
            let text = std::str::from_utf8(body).map_err(|_| bad("the form is not UTF-8"))?;
            for pair in text.split('&').filter(|p| !p.is_empty()) {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                let (k, v) = (form_decode(k), form_decode(v));
                let segments: Vec<&str> = k.split('.').collect();
                insert(&mut root, &segments, v);
            }
            let Value::Object(mut m) = root else {
                return Err(bad("the form has no members"));
            };
            let action = m
                .remove("Action")
                .and_then(|v| v.as_str().map(str::to_owned));
            m.remove("Version");
            return Ok((m, action));
        }
    };
    match value {
        Value::Object(m) => Ok((m, None)),
        _ => Err(bad("the body must be an object")),
    }
}

fn form_decode(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

/// Puts a form value at its dotted path: `member.N` is the N-th item of a list.
fn insert(node: &mut Value, segments: &[&str], value: String) {
    let Some((first, rest)) = segments.split_first() else {
        *node = Value::String(value);
        return;
    };
    if *first == "member" {
        if let Some((n, rest)) = rest.split_first() {
            if let Ok(n @ 1..=1000) = n.parse::<usize>() {
                if !node.is_array() {
                    *node = Value::Array(Vec::new());
                }
                if let Value::Array(a) = node {
                    if a.len() < n {
                        a.resize(n, Value::Null);
                    }
                    insert(&mut a[n - 1], rest, value);
                }
                return;
            }
        }
    }
    if !node.is_object() {
        *node = Value::Object(Map::new());
    }
    if let Value::Object(m) = node {
        insert(
            m.entry((*first).to_owned()).or_insert(Value::Null),
            rest,
            value,
        );
    }
}

fn from_cbor(v: ciborium::Value) -> Value {
    use ciborium::Value as C;
    match v {
        C::Integer(i) => i128::from(i)
            .try_into()
            .map(|n: i64| Value::from(n))
            .unwrap_or(Value::Null),
        C::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        C::Text(s) => Value::String(s),
        C::Bool(b) => Value::Bool(b),
        C::Bytes(b) => Value::String(base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            b,
        )),
        // Tag 1: a timestamp in epoch seconds; the operations read numbers as such.
        C::Tag(_, inner) => from_cbor(*inner),
        C::Array(a) => Value::Array(a.into_iter().map(from_cbor).collect()),
        C::Map(m) => Value::Object(
            m.into_iter()
                .filter_map(|(k, v)| match k {
                    C::Text(k) => Some((k, from_cbor(v))),
                    _ => None,
                })
                .collect(),
        ),
        _ => Value::Null,
    }
}

fn seconds(t: &DateTime) -> f64 {
    t.epoch_millis() as f64 / 1000.0
}

fn to_json(v: &Val) -> Value {
    match v {
        Val::Bool(b) => Value::Bool(*b),
        Val::Int(i) => Value::from(*i),
        Val::Num(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Val::Str(s) => Value::String(s.clone()),
        Val::Time(t) => serde_json::Number::from_f64(seconds(t)).map_or(Value::Null, Value::Number),
        Val::List(l) => Value::Array(l.iter().map(to_json).collect()),
        Val::Map(m) => Value::Object(
            m.iter()
                .map(|(k, v)| ((*k).to_owned(), to_json(v)))
                .collect(),
        ),
    }
}

fn to_cbor(v: &Val) -> ciborium::Value {
    use ciborium::Value as C;
    match v {
        Val::Bool(b) => C::Bool(*b),
        Val::Int(i) => C::Integer((*i).into()),
        Val::Num(f) => C::Float(*f),
        Val::Str(s) => C::Text(s.clone()),
        Val::Time(t) => C::Tag(1, Box::new(C::Float(seconds(t)))),
        Val::List(l) => C::Array(l.iter().map(to_cbor).collect()),
        Val::Map(m) => C::Map(
            m.iter()
                .map(|(k, v)| (C::Text((*k).to_owned()), to_cbor(v)))
                .collect(),
        ),
    }
}

fn xml_escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

fn to_xml(v: &Val, out: &mut String) {
    match v {
        Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Val::Int(i) => out.push_str(&i.to_string()),
        Val::Num(f) => out.push_str(&f.to_string()),
        Val::Str(s) => xml_escape(s, out),
        Val::Time(t) => out.push_str(&t.to_rfc3339_millis()),
        Val::List(l) => {
            for item in l {
                out.push_str("<member>");
                to_xml(item, out);
                out.push_str("</member>");
            }
        }
        Val::Map(m) => {
            for (k, v) in m {
                out.push_str(&format!("<{k}>"));
                to_xml(v, out);
                out.push_str(&format!("</{k}>"));
            }
        }
    }
}

fn response(status: u16, content_type: &'static str, body: Vec<u8>) -> Response<Bytes> {
    let mut r = Response::new(Bytes::from(body));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static(content_type),
    );
    r
}

fn header(r: &mut Response<Bytes>, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        r.headers_mut().insert(HeaderName::from_static(name), v);
    }
}

/// The answer to operation `op` with `output` (`None`: an operation without output).
pub(crate) fn encode_output(
    protocol: Protocol,
    op: &str,
    output: Option<Val>,
    request_id: &str,
) -> Response<Bytes> {
    let output = output.unwrap_or(Val::Map(Vec::new()));
    let mut r = match protocol {
        Protocol::Json => response(
            200,
            "application/x-amz-json-1.0",
            serde_json::to_vec(&to_json(&output)).unwrap_or_default(),
        ),
        Protocol::Cbor => {
            let mut body = Vec::new();
            // Writing to a Vec cannot fail.
            let _ = ciborium::ser::into_writer(&to_cbor(&output), &mut body);
            let mut r = response(200, "application/cbor", body);
            header(&mut r, "smithy-protocol", "rpc-v2-cbor");
            r
        }
        Protocol::Query => {
            let mut xml = format!("<{op}Response xmlns=\"{XMLNS}\">");
            if matches!(&output, Val::Map(m) if !m.is_empty()) {
                xml.push_str(&format!("<{op}Result>"));
                to_xml(&output, &mut xml);
                xml.push_str(&format!("</{op}Result>"));
            }
            xml.push_str(&format!(
                "<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></{op}Response>"
            ));
            response(200, "text/xml", xml.into_bytes())
        }
    };
    header(&mut r, "x-amzn-requestid", request_id);
    r
}

/// The answer to a failed call.
pub(crate) fn encode_error(protocol: Protocol, e: &CwError, request_id: &str) -> Response<Bytes> {
    let shape = e.shape.unwrap_or(e.code.as_str());
    let type_ = format!("com.amazonaws.cloudwatch#{shape}");
    let mut r = match protocol {
        Protocol::Json => response(
            e.status,
            "application/x-amz-json-1.0",
            serde_json::to_vec(&serde_json::json!({"__type": type_, "message": e.message}))
                .unwrap_or_default(),
        ),
        Protocol::Cbor => {
            let body = to_cbor(&Val::Map(vec![
                ("__type", Val::Str(type_)),
                ("message", Val::Str(e.message.clone())),
            ]));
            let mut bytes = Vec::new();
            let _ = ciborium::ser::into_writer(&body, &mut bytes);
            let mut r = response(e.status, "application/cbor", bytes);
            header(&mut r, "smithy-protocol", "rpc-v2-cbor");
            r
        }
        Protocol::Query => {
            let mut xml = format!(
                "<ErrorResponse xmlns=\"{XMLNS}\"><Error><Type>{}</Type><Code>",
                e.fault()
            );
            xml_escape(&e.code, &mut xml);
            xml.push_str("</Code><Message>");
            xml_escape(&e.message, &mut xml);
            xml.push_str(&format!(
                "</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>"
            ));
            response(e.status, "text/xml", xml.into_bytes())
        }
    };
    if protocol != Protocol::Query {
        header(
            &mut r,
            "x-amzn-query-error",
            &format!("{};{}", e.code, e.fault()),
        );
    }
    header(&mut r, "x-amzn-requestid", request_id);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_forms_become_nested_members() {
        let (m, action) = decode(
            Protocol::Query,
            b"Action=PutMetricAlarm&Version=2010-08-01&AlarmName=a+b%2Fc&Dimensions.member.2.Name=y&Dimensions.member.1.Name=x&Dimensions.member.1.Value=1&AlarmNames.member.1=n",
        )
        .unwrap();
        assert_eq!(action.as_deref(), Some("PutMetricAlarm"));
        assert_eq!(
            Value::Object(m),
            serde_json::json!({"AlarmName": "a b/c", "Dimensions": [{"Name": "x", "Value": "1"}, {"Name": "y"}], "AlarmNames": ["n"]})
        );
    }

    #[test]
    fn cbor_timestamps_are_read_as_epoch_seconds() {
        let v = ciborium::Value::Map(vec![(
            ciborium::Value::Text("StartDate".into()),
            ciborium::Value::Tag(1, Box::new(ciborium::Value::Float(1.5))),
        )]);
        let mut body = Vec::new();
        ciborium::ser::into_writer(&v, &mut body).unwrap();
        let (m, _) = decode(Protocol::Cbor, &body).unwrap();
        assert_eq!(m["StartDate"], serde_json::json!(1.5));
    }
}
