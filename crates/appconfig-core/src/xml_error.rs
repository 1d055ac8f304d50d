//! AWS's XML error bodies (what AppConfig's front end sends for an unsigned request, and the
//! query protocol's form), read by position: no XML parser. Used by
//! [`crate::response::service_error_from_parts`] after the JSON members, whoever parsed the JSON.

use crate::strings::find;

/// The code and message of an AWS XML error body.
pub(crate) struct XmlError {
    pub(crate) code: String,
    pub(crate) message: Option<String>,
}

/// Reads the AWS XML error forms: the front end's answer to an unsigned request,
/// `<MissingAuthenticationTokenException><Message>Missing Authentication Token</Message>
/// </MissingAuthenticationTokenException>` with no `x-amzn-ErrorType` and no `Content-Type` (a
/// published capture of appconfig.us-east-1: GitHub AllanZhengYP/cors-test, `output.md`), where
/// the root element is the code; and the query protocol's `<ErrorResponse><Error><Code>..`
/// `</Code><Message>..</Message></Error></ErrorResponse>`. Anything else (HTML from a proxy, a
/// truncated document) is not an XML error.
pub(crate) fn xml_error(text: &str) -> Option<XmlError> {
    let t = text.trim_start();
    let t = match t.strip_prefix("<?xml") {
        Some(rest) => rest.get(find(rest, "?>")? + 2..)?.trim_start(),
        None => t,
    };
    let root = element_name(t.strip_prefix('<')?)?;
    let message = xml_child(t, "Message");
    if root == "ErrorResponse" || root == "Error" {
        let code = xml_child(t, "Code")?;
        return Some(XmlError { code, message });
    }
    // The root is the code: an identifier that the document closes, around a <Message>. An HTML
    // page (a proxy's error) has no <Message> child and is not an AWS error.
    let is_code = root
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        && !root.eq_ignore_ascii_case("html");
    let closed = t
        .trim_end()
        .strip_suffix('>')
        .and_then(|t| t.strip_suffix(root))
        .is_some_and(|t| t.ends_with("</"));
    (is_code && message.is_some() && closed).then(|| XmlError {
        code: root.to_owned(),
        message,
    })
}

/// The name of the element whose tag starts `tag` (after its `<`).
fn element_name(tag: &str) -> Option<&str> {
    let end = tag.find(|c: char| c == '>' || c == '/' || c.is_whitespace())?;
    let name = tag.get(..end)?;
    (!name.is_empty() && name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()))
        .then_some(name)
}

/// The text of the first `<name>...</name>`, with the five XML entities decoded.
fn xml_child(xml: &str, name: &str) -> Option<String> {
    let open = ["<", name, ">"].concat();
    let after = xml.get(find(xml, &open)? + open.len()..)?;
    let len = find(after, &["</", name, ">"].concat())?;
    Some(decode_entities(after.get(..len)?.trim()))
}

/// Decodes the five XML entities (`&amp;lt;` stays `&lt;`: one pass, as the entities are read).
fn decode_entities(raw: &str) -> String {
    // After the `&`.
    const ENTITIES: [(&str, &str); 5] = [
        ("lt;", "<"),
        ("gt;", ">"),
        ("quot;", "\""),
        ("apos;", "'"),
        ("amp;", "&"),
    ];
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some((before, after)) = rest.split_once('&') {
        out.push_str(before);
        let entity = ENTITIES
            .iter()
            .find_map(|(e, c)| Some((after.strip_prefix(e)?, c)));
        match entity {
            Some((after, c)) => {
                out.push_str(c);
                rest = after;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
