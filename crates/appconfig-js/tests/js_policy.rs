//! The numbers and words the package's JavaScript (`js/`) shares with Rust, which it keeps as
//! literals rather than asking the wasm for (each would cost an export and a call): this test
//! reads them from the JavaScript source and fails when they drift from their one source.
//! The cross-origin rule is checked by a table instead (`web/pkg-tests/test/policy.test.mjs`).

const CLIENT_JS: &str = include_str!("../js/client.js");
const TRANSPORT_JS: &str = include_str!("../js/transport.js");
const CLIENT_RS: &str = include_str!("../src/client.rs");

/// The text between `start` and the next `end` after it, in `src`.
fn between<'a>(src: &'a str, start: &str, end: &str) -> &'a str {
    let i = src
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not found"))
        + start.len();
    let j = src[i..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    &src[i..i + j]
}

/// A product of integer literals, `5 * 60 * 1000`.
fn product(expr: &str) -> i64 {
    expr.split('*')
        .map(|f| {
            f.trim()
                .parse::<i64>()
                .unwrap_or_else(|_| panic!("not an integer: {f:?}"))
        })
        .product()
}

/// A sum of JavaScript string literals (`"…" + '…'`), unescaped as far as the hint needs.
fn js_string(expr: &str) -> String {
    let mut out = String::new();
    let mut chars = expr.trim().chars();
    while let Some(quote) = chars.next() {
        match quote {
            '"' | '\'' => loop {
                match chars.next().expect("an unterminated string") {
                    c if c == quote => break,
                    '\\' => out.push(chars.next().expect("an escape")),
                    c => out.push(c),
                }
            },
            '+' | ' ' | '\n' => {}
            other => panic!("not a string literal sum at {other:?}"),
        }
    }
    out
}

#[test]
fn credential_expiry_window_is_the_cores() {
    let js = product(between(CLIENT_JS, "const EXPIRY_WINDOW_MS =", ";"));
    assert_eq!(
        js,
        appconfig_core::sign::EXPIRY_WINDOW_MS,
        "js/client.js EXPIRY_WINDOW_MS"
    );
}

#[test]
fn default_max_attempts_is_the_cores() {
    let js: u32 = between(CLIENT_JS, "maxAttempts || ", ")")
        .trim()
        .parse()
        .expect("an integer");
    assert_eq!(
        js,
        appconfig_core::retry::DEFAULT_MAX_ATTEMPTS,
        "js/client.js default maxAttempts"
    );
}

#[test]
fn cors_hint_is_the_cores_word_for_word() {
    let js = js_string(between(TRANSPORT_JS, "const CORS_HINT =", ";\n"));
    assert_eq!(
        js,
        appconfig_core::http::CORS_HINT,
        "js/transport.js CORS_HINT"
    );
}

#[test]
fn failure_codes_are_numbered_alike() {
    let js = between(TRANSPORT_JS, "const NETWORK = ", ";");
    for (name, rust) in [
        ("NETWORK", "const NETWORK: u8 = "),
        ("TIMEOUT", "const TIMEOUT: u8 = "),
    ] {
        let rust: u8 = between(CLIENT_RS, rust, ";").trim().parse().expect("a u8");
        let js: u8 = if name == "NETWORK" {
            js.split(',')
                .next()
                .expect("NETWORK")
                .trim()
                .parse()
                .expect("a u8")
        } else {
            between(TRANSPORT_JS, &format!("{name} = "), ",")
                .trim()
                .parse()
                .expect("a u8")
        };
        assert_eq!(js, rust, "{name} in js/transport.js and src/client.rs");
    }
    let response: u8 = between(CLIENT_RS, "const RESPONSE: u8 = ", ";")
        .trim()
        .parse()
        .expect("a u8");
    assert_eq!(
        response, 0,
        "src/client.rs RESPONSE: the JavaScript passes 0 for a response"
    );
}
