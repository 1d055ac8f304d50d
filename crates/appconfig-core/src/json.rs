//! Reading JSON bodies: exactly one JSON object, read into a model type, with the member that has
//! the wrong type named as serde_path_to_error names it. The bottom of the crate: it knows
//! nothing of operations or HTTP.

use serde::de::DeserializeOwned;

use crate::Error;

/// Parses a JSON body into `T`, naming the member that has the wrong type.
///
/// The body must be exactly one JSON value: text after it (a second object, a proxy's trailer) is
/// an error, not silently ignored. AWS outputs are objects: serde would also read an array as a
/// structure's members in order, so an array at the top is refused, and an array where a nested
/// structure belongs is reported as such.
///
/// # Errors
/// [`Error::MalformedResponse`].
pub fn parse_json_body<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, Error> {
    let mut value = None;
    parse_json_with(status, body, &mut |de| {
        value = Some(T::deserialize(de)?);
        Ok(())
    })?;
    // `parse_json_with` succeeds only after the closure stored the value.
    value.ok_or_else(|| Error::MalformedResponse {
        status,
        reason: "empty body, expected a JSON object".into(),
    })
}

type JsonDeserializer<'a> = serde_json::Deserializer<serde_json::de::StrRead<'a>>;

/// The body of [`parse_json_body`], compiled once for all output types: only `read` is generic.
fn parse_json_with(
    status: u16,
    body: &[u8],
    read: &mut dyn FnMut(&mut JsonDeserializer<'_>) -> Result<(), serde_json::Error>,
) -> Result<(), Error> {
    use serde_json::error::Category;
    let malformed = |reason: String| Error::MalformedResponse { status, reason };
    let text =
        std::str::from_utf8(body).map_err(|e| malformed(format!("body is not UTF-8 text: {e}")))?;
    if text.trim().is_empty() {
        return Err(malformed("empty body, expected a JSON object".into()));
    }
    let syntax = |inner: serde_json::Error| match inner.classify() {
        Category::Eof => malformed(format!("truncated JSON body: {inner}")),
        _ => malformed(format!("body is not valid JSON: {inner}")),
    };
    if text.trim_start().starts_with('[') {
        // Still report a broken array as broken JSON first.
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(syntax)?;
        return Err(malformed(
            "unexpected JSON: expected an object, got an array".into(),
        ));
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    read(de).map_err(|inner| match inner.classify() {
        Category::Eof | Category::Syntax | Category::Io => syntax(inner),
        Category::Data => {
            // The member is found from where serde_json stopped, rather than by wrapping every
            // visitor (as serde_path_to_error does): same paths, a fraction of the code.
            let from_array = is_struct_from_array(&inner);
            let path = member_path(text, error_offset(text, &inner), from_array);
            if path.is_empty() {
                malformed(format!("unexpected JSON: {inner}"))
            } else if from_array {
                // serde reads a structure from an array of its members in order, and says so
                // confusingly ("invalid length 2, expected struct DeploymentEvent with 5 elements").
                malformed(format!(
                    "member {path} has the wrong type: expected an object, got an array"
                ))
            } else {
                malformed(format!("member {path} has the wrong type: {inner}"))
            }
        }
    })?;
    de.end().map_err(syntax)
}

/// The byte offset in `text` where serde_json reported `e` (how far it had read).
fn error_offset(text: &str, e: &serde_json::Error) -> usize {
    if e.line() == 0 {
        return text.len();
    }
    let line_start = match e.line() {
        1 => 0,
        line => text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1),
    };
    (line_start + e.column()).min(text.len())
}

/// The member path (`EventLog[1].OccurredAt`) at byte `offset` of JSON `text`, as
/// serde_path_to_error names it: the member whose value serde_json was reading or had just read.
/// `struct_from_array`: the error is an array read where a structure belongs. Empty at the top
/// level.
fn member_path(text: &str, offset: usize, struct_from_array: bool) -> String {
    enum Frame {
        /// An object, and the key whose value is being read (after its `:`).
        Object(Option<String>),
        /// An array, the index of the element being read, and whether that element has begun.
        Array(usize, bool),
    }
    let bytes = &text.as_bytes()[..offset];
    let mut stack: Vec<Frame> = Vec::new();
    let mut pending_key: Option<String> = None;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(Frame::Array(_, begun)) = stack.last_mut() {
            *begun |= !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b',' | b']');
        }
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object(None)) = stack.last() {
                    let raw = text.get(start..i.min(bytes.len())).unwrap_or_default();
                    pending_key = Some(unescape_key(raw));
                }
            }
            b':' => {
                if let Some(Frame::Object(key)) = stack.last_mut() {
                    *key = pending_key.take();
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object(key)) => *key = None,
                Some(Frame::Array(index, begun)) => {
                    *index += 1;
                    *begun = false;
                }
                None => {}
            },
            b'{' => stack.push(Frame::Object(None)),
            b'[' => stack.push(Frame::Array(0, false)),
            b'}' | b']' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    // serde_json stops right after the `[` of an array read where a structure belongs: the
    // member is the array, not its first element.
    if struct_from_array && matches!(stack.last(), Some(Frame::Array(_, false))) {
        stack.pop();
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(index, _) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// A JSON object key as written between its quotes, unescaped (as is when not valid).
fn unescape_key(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_owned();
    }
    serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_owned())
}

/// Whether serde failed reading a structure from an array (an array where an object belongs).
fn is_struct_from_array(e: &serde_json::Error) -> bool {
    let m = e.to_string();
    m.starts_with("invalid type: sequence, expected struct ")
        || m.starts_with("invalid length ") && m.contains(", expected struct ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;

    /// An array never stands for a structure, even one with the right members in order (serde's
    /// derive would have read it).
    #[test]
    fn arrays_are_not_structures() {
        let body =
            br#"{"EventLog":[ ["DEPLOYMENT_STARTED","USER","d",null,"2021-09-17T21:43:54Z"] ]}"#;
        let e = parse_json_body::<crate::Deployment>(200, body).unwrap_err();
        assert_eq!(
            e.to_string(),
            "malformed response (HTTP 200): member EventLog[0] has the wrong type: expected an object, got an array"
        );
        let e =
            parse_json_body::<crate::Deployment>(200, br#"{"EventLog":[{}, [ ]]}"#).unwrap_err();
        assert!(
            e.to_string().contains(
                "member EventLog[1] has the wrong type: expected an object, got an array"
            ),
            "{e}"
        );
        // A repeated member is still refused, as by the derive.
        let e =
            parse_json_body::<crate::Deployment>(200, br#"{"State":"BAKING","State":"COMPLETE"}"#)
                .unwrap_err();
        assert!(e.to_string().contains("duplicate field `State`"), "{e}");
    }

    /// The member paths found from serde_json's error position are serde_path_to_error's.
    #[test]
    fn member_paths_match_serde_path_to_error() {
        use crate::{model::Deployments, Deployment};
        fn reference<T: DeserializeOwned>(text: &str) -> String {
            let de = &mut serde_json::Deserializer::from_str(text);
            match serde_path_to_error::deserialize::<_, T>(de) {
                Ok(_) => String::new(),
                Err(e) => e.path().to_string(),
            }
        }
        fn ours<T: DeserializeOwned>(text: &str) -> String {
            let de = &mut serde_json::Deserializer::from_str(text);
            match T::deserialize(de) {
                Ok(_) => String::new(),
                Err(e) => {
                    let p = member_path(text, error_offset(text, &e), is_struct_from_array(&e));
                    if p.is_empty() {
                        ".".to_owned()
                    } else {
                        p
                    }
                }
            }
        }
        let deployments = [
            r#"{"DeploymentNumber":"1"}"#,
            "{\n  \"State\": \"DEPLOYING\",\n  \"EventLog\": [\n    {\"Description\": \"a\"},\n    {\"OccurredAt\": true}\n  ]\n}",
            "{\r\n\"EventLog\":\r\n[ {}, {},\r\n [1, 2] ]}",
            r#"{"Event\"Log":1, "EventLog":[{"ActionInvocations":[{"ErrorCode":404}]}]}"#,
            r#"{"Description":"a,b:{[\"]}", "AppliedExtensions":[{"Parameters":{"k\u00e9y":1}}]}"#,
            r#"{"AppliedExtensions":[{}, {"Parameters":{"a":"1","b":[]}}]}"#,
            r#"{"EventLog":[[], {}]}"#,
            r#"{"EventLog":{}}"#,
            r#"{"StartedAt":"yesterday"}"#,
            r#"{"GrowthFactor":{"x":1}}"#,
            r#"{"PercentageComplete":[1]}"#,
            "null",
            "\"COMPLETE\"",
            "7",
        ];
        for text in deployments {
            assert_eq!(
                ours::<Deployment>(text),
                reference::<Deployment>(text),
                "{text}"
            );
            assert_ne!(ours::<Deployment>(text), "", "{text} must fail");
        }
        let lists = [
            r#"{"Items":[{"DeploymentNumber":1},{"State":5}]}"#,
            r#"{"Items":"none"}"#,
            r#"{"NextToken":"t", "Items":[{}, [1]]}"#,
        ];
        for text in lists {
            assert_eq!(
                ours::<Deployments>(text),
                reference::<Deployments>(text),
                "{text}"
            );
        }
    }
}
