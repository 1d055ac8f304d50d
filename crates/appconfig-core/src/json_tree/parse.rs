//! JSON text (RFC 8259) into a [`Json`] tree: one non-generic parser, no serde.
//!
//! Its errors say what serde_json's say for the same text ("expected `,` or `}` at line 1
//! column 9", "EOF while parsing a string ..."), so a body reads the same through either reader.

use std::borrow::Cow;

/// One JSON value. Strings borrow from the text unless they hold escapes; numbers stay as their
/// text until a reader knows the type it wants (so an `i64` is exact).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (`-1.5e3`), already checked against the grammar.
    Number(&'a str),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object's members in the order written (repeats kept: readers decide).
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// Why text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The text ended before the value did (a truncated body).
    pub(crate) eof: bool,
    /// serde_json's wording, with `at line L column C`.
    pub(crate) message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Nesting deeper than this is refused (serde_json's limit too), so hostile text cannot exhaust
/// the stack: the parser recurses once per level.
const MAX_DEPTH: usize = 128;

/// Parses `text`, which must hold exactly one JSON value (whitespace around it allowed).
///
/// # Errors
/// A [`SyntaxError`] naming the first fault and its line and column.
pub fn parse(text: &str) -> Result<Json<'_>, SyntaxError> {
    let mut p = Parser {
        text,
        pos: 0,
        depth: 0,
    };
    p.skip_ws();
    let v = p.value()?;
    p.skip_ws();
    if p.pos < text.len() {
        return Err(p.fail_at_next("trailing characters"));
    }
    Ok(v)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// An error at the current position (1-based line and column, as serde_json counts them).
    #[cold]
    fn fail(&self, what: &str, eof: bool) -> SyntaxError {
        let before = self.text.as_bytes().get(..self.pos).unwrap_or_default();
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count();
        SyntaxError {
            eof,
            message: format!("{what} at line {line} column {column}"),
        }
    }

    #[cold]
    fn eof(&self, what: &str) -> SyntaxError {
        self.fail(what, true)
    }

    /// An error at the byte under `pos`, counted as read (serde_json's column for a wrong byte).
    /// Inlined, as `after_item`: called, the two cost the dashboard ~250 B sent (measured).
    #[inline(always)]
    fn fail_at_next(&mut self, what: &str) -> SyntaxError {
        self.pos += 1;
        self.fail(what, false)
    }

    fn value(&mut self) -> Result<Json<'a>, SyntaxError> {
        match self.peek() {
            None => Err(self.eof("EOF while parsing a value")),
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail_at_next("expected value")),
        }
    }

    fn nested(
        &mut self,
        f: fn(&mut Self) -> Result<Json<'a>, SyntaxError>,
    ) -> Result<Json<'a>, SyntaxError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.fail("recursion limit exceeded", false));
        }
        self.depth += 1;
        self.pos += 1;
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn literal(&mut self, word: &str, v: Json<'a>) -> Result<Json<'a>, SyntaxError> {
        for &want in word.as_bytes() {
            match self.peek() {
                None => return Err(self.eof("EOF while parsing a value")),
                Some(b) if b == want => self.pos += 1,
                Some(_) => {
                    return Err(self.fail_at_next("expected ident"));
                }
            }
        }
        Ok(v)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json<'a>, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.fail_at_next("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            None => return Err(self.eof("EOF while parsing a value")),
            Some(_) => {
                return Err(self.fail_at_next("invalid number"));
            }
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.fraction_or_exponent_fault());
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.fraction_or_exponent_fault());
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or_default();
        // serde_json refuses a number beyond f64 as it reads it; only one with an exponent or
        // more than 300 digits can be.
        if (text.len() > 300 || text.contains(['e', 'E']))
            && !crate::decimal::parse(text).is_some_and(f64::is_finite)
        {
            return Err(self.fail("number out of range", false));
        }
        Ok(Json::Number(text))
    }

    #[cold]
    fn fraction_or_exponent_fault(&mut self) -> SyntaxError {
        if self.peek().is_none() {
            return self.eof("EOF while parsing a value");
        }
        self.fail_at_next("invalid number")
    }

    /// A string; the opening quote is at `pos`.
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.pos += 1;
        let bytes = self.text.as_bytes();
        let mut owned: Option<String> = None;
        let mut chunk = self.pos;
        loop {
            let Some(&b) = bytes.get(self.pos) else {
                return Err(self.eof("EOF while parsing a string"));
            };
            match b {
                b'"' => {
                    let tail = self.text.get(chunk..self.pos).unwrap_or_default();
                    self.pos += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(tail),
                        Some(mut s) => {
                            s.push_str(tail);
                            Cow::Owned(s)
                        }
                    });
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(self.text.get(chunk..self.pos).unwrap_or_default());
                    self.pos += 1;
                    s.push(self.escape()?);
                    chunk = self.pos;
                }
                0..=0x1f => {
                    return Err(self.fail_at_next(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
                _ => self.pos += 1,
            }
        }
    }

    /// The character of an escape; the backslash is behind `pos`.
    fn escape(&mut self) -> Result<char, SyntaxError> {
        let Some(b) = self.peek() else {
            return Err(self.eof("EOF while parsing a string"));
        };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return Err(self.fail("invalid escape", false)),
        })
    }

    /// `\uXXXX`, a surrogate pair as one character; `pos` is after the `u`. A lone surrogate
    /// is U+FFFD, as the browser's `JSON.parse` and a JavaScript string's conversion to Rust
    /// give it (serde_json refuses it in a string it keeps and lets it pass in one it skips).
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let high = self.hex4()?;
        if !(0xD800..=0xDFFF).contains(&high) {
            return Ok(char::from_u32(high).unwrap_or('\u{fffd}'));
        }
        let bytes = self.text.as_bytes();
        if high <= 0xDBFF
            && bytes.get(self.pos) == Some(&b'\\')
            && bytes.get(self.pos + 1) == Some(&b'u')
        {
            let back = self.pos;
            self.pos += 2;
            let low = self.hex4()?;
            if (0xDC00..=0xDFFF).contains(&low) {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            // Not a pair: the next escape is read on its own.
            self.pos = back;
        }
        Ok('\u{fffd}')
    }

    /// Four hex digits; like serde_json, all four are read before any is judged.
    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let Some(four) = self.text.as_bytes().get(self.pos..self.pos + 4) else {
            self.pos = self.text.len();
            return Err(self.eof("EOF while parsing a string"));
        };
        self.pos += 4;
        four.iter().try_fold(0, |n, &b| {
            let d = (b as char).to_digit(16);
            d.map(|d| n * 16 + d)
                .ok_or_else(|| self.fail("invalid escape", false))
        })
    }

    /// An array; `pos` is after the `[`.
    fn array(&mut self) -> Result<Json<'a>, SyntaxError> {
        let mut items = Vec::new();
        self.skip_ws();
        match self.peek() {
            Some(b']') => {
                self.pos += 1;
                return Ok(Json::Array(items));
            }
            None => return Err(self.eof("EOF while parsing a list")),
            Some(_) => {}
        }
        loop {
            items.push(self.value()?);
            if self.after_item(b']', "EOF while parsing a list", "expected `,` or `]`")? {
                return Ok(Json::Array(items));
            }
        }
    }

    /// After an item of a list or a member of an object: a `,` and more to come (`false`), or
    /// `close` and the end (`true`); `eof` and `expected` word the errors.
    #[inline(always)]
    fn after_item(&mut self, close: u8, eof: &str, expected: &str) -> Result<bool, SyntaxError> {
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.skip_ws();
                if self.peek() == Some(close) {
                    return Err(self.fail_at_next("trailing comma"));
                }
                Ok(false)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(true)
            }
            None => Err(self.eof(eof)),
            Some(_) => Err(self.fail_at_next(expected)),
        }
    }

    /// An object; `pos` is after the `{`.
    fn object(&mut self) -> Result<Json<'a>, SyntaxError> {
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.eof("EOF while parsing an object")),
                Some(_) => {
                    return Err(self.fail_at_next("key must be a string"));
                }
            }
            let key = self.string()?;
            self.skip_ws();
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.eof("EOF while parsing an object")),
                Some(_) => {
                    return Err(self.fail_at_next("expected `:`"));
                }
            }
            self.skip_ws();
            let value = self.value()?;
            members.push((key, value));
            if self.after_item(b'}', "EOF while parsing an object", "expected `,` or `}`")? {
                return Ok(Json::Object(members));
            }
        }
    }
}
