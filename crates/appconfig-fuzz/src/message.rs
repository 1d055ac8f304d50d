//! The text framing of the HTTP-shaped inputs: a start line, `Name: value` header lines, a blank
//! line, and the body (the rest, bytes as they are).
//!
//! ```text
//! GetDeployment 200
//! Content-Type: application/json
//!
//! {"State":"DEPLOYING"}
//! ```
//!
//! Anything decodes: invalid UTF-8 in the head is replaced, a line without `:` is a header with
//! an empty value, no blank line means no body. A line starting with a space or a tab continues
//! the previous header's value (obsolete line folding), as the SigV4 suite writes it.

/// One framed input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    /// The first line.
    pub start_line: String,
    /// Header names and values, in order, as written (values without the blank after `:`).
    pub headers: Vec<(String, String)>,
    /// Everything after the first blank line.
    pub body: Vec<u8>,
}

impl Message {
    /// Decodes `data`; never fails.
    pub fn parse(data: &[u8]) -> Message {
        let (head, body) = match find(data, b"\n\n") {
            Some(i) => (&data[..i], &data[i + 2..]),
            None => (data, &[][..]),
        };
        let head = String::from_utf8_lossy(head);
        let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
        let start_line = lines.next().unwrap_or_default().to_owned();
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in lines {
            if line.starts_with([' ', '\t']) {
                if let Some((_, v)) = headers.last_mut() {
                    v.push('\n');
                    v.push_str(line);
                    continue;
                }
            }
            let (k, v) = line.split_once(':').unwrap_or((line, ""));
            headers.push((k.to_owned(), v.strip_prefix(' ').unwrap_or(v).to_owned()));
        }
        Message {
            start_line,
            headers,
            body: body.to_vec(),
        }
    }

    /// The words of the start line; `words(n)` is the n-th, or "".
    pub fn word(&self, n: usize) -> &str {
        self.start_line.split(' ').nth(n).unwrap_or_default()
    }

    /// The first value of a header, case-insensitive.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Splits an input holding several messages at lines that are exactly `%%`.
pub fn split_messages(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(i) = find(rest, b"\n%%\n") {
        out.push(&rest[..i]);
        rest = &rest[i + 4..];
    }
    out.push(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_like_http() {
        let m = Message::parse(b"GET / HTTP/1.1\r\nHost:example.com\nMy: a\n  b\n\nbody\n\nmore");
        assert_eq!(m.start_line, "GET / HTTP/1.1");
        assert_eq!(m.word(1), "/");
        assert_eq!(
            m.headers,
            vec![
                ("Host".to_owned(), "example.com".to_owned()),
                ("My".to_owned(), "a\n  b".to_owned())
            ]
        );
        assert_eq!(m.body, b"body\n\nmore");
        assert_eq!(split_messages(b"a\n%%\nb").len(), 2);
    }
}
