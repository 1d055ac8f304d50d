//! The official SigV4 test suite (`aws-signing-test-suite/v4`, as shipped in the `aws-sigv4`
//! 1.6.4 crate; see `tests/data/sigv4/NOTICE`), run through our public [`appconfig_core::sign`].
//!
//! Each case is checked stage by stage, so a failure names what broke:
//! 1. the suite itself: the string to sign ends with the SHA-256 of the canonical request;
//! 2. key derivation: the suite's signature follows from its string to sign with
//!    `aws_sigv4::sign::v4::{generate_signing_key, calculate_signature}`;
//! 3. our canonical request (`appconfig_core::sign::canonical_request`) equals the suite's;
//! 4. our `sign`: date, credential scope, signed headers and signature equal the suite's;
//! 5. the headers we add are exactly those `header-signed-request.txt` adds to `request.txt`.

#[macro_use]
mod common;

use appconfig_core::{
    sign,
    sign::{canonical_request, SigningOptions},
    Credentials, HttpRequest,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// `context.json`. `expiration_in_seconds` only matters for query signing, which we do not do.
#[derive(Deserialize)]
struct Context {
    credentials: ContextCredentials,
    normalize: bool,
    region: String,
    service: String,
    timestamp: String,
    #[serde(default)]
    omit_session_token: bool,
    /// Absent means true, as in the suite's own harnesses.
    #[serde(default = "yes")]
    sign_body: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct ContextCredentials {
    access_key_id: String,
    secret_access_key: String,
    token: Option<String>,
}

/// A request as `request.txt` writes it.
#[derive(Debug, PartialEq)]
struct ParsedRequest {
    method: String,
    /// Path and query, exactly as written (may hold raw spaces and UTF-8).
    path: String,
    /// Names as written; values as written, folded lines joined with one space (RFC 7230 3.2.4).
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl ParsedRequest {
    fn host(&self) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("host"))
            .map(|(_, v)| v.trim())
            .expect("request.txt has a Host header")
    }
}

/// Parses `request.txt` / `header-signed-request.txt`: `METHOD path HTTP/1.1`, then `Name:value`
/// lines (a line starting with whitespace continues the previous value; names may repeat), an
/// empty line, and the body (everything after it, byte for byte).
fn parse_request(text: &str) -> ParsedRequest {
    let text = text.replace("\r\n", "\n");
    let (head, body) = match text.find("\n\n") {
        Some(i) => (&text[..i], text.as_bytes()[i + 2..].to_vec()),
        None => (text.trim_end_matches('\n'), Vec::new()),
    };
    let mut lines = head.split('\n');
    let first = lines.next().expect("request line");
    let (method, rest) = first.split_once(' ').expect("method and path");
    // The path may contain spaces (get-space-unnormalized): the version is the last word.
    let path = rest.strip_suffix(" HTTP/1.1").unwrap_or(rest);
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            let (_, value) = headers.last_mut().expect("a folded line follows a header");
            value.push(' ');
            value.push_str(line.trim_start());
        } else {
            let (name, value) = line.split_once(':').expect("Name:value");
            headers.push((name.to_owned(), value.to_owned()));
        }
    }
    ParsedRequest {
        method: method.to_owned(),
        path: path.to_owned(),
        headers,
        body,
    }
}

/// Encodes what a URL cannot carry (space, control and non-ASCII characters) as a browser's URL
/// parser does, leaving everything else, `%` included, as written.
fn encode_for_url(path: &str) -> String {
    let mut out = String::new();
    for c in path.chars() {
        if c.is_ascii_graphic() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

struct Case {
    request: &'static str,
    context: &'static str,
    canonical_request: &'static str,
    string_to_sign: &'static str,
    signature: &'static str,
    signed_request: &'static str,
}

fn lower_sorted(headers: &[(String, String)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    v.sort();
    v
}

fn run(case: Case) {
    let ctx: Context = serde_json::from_str(case.context).expect("context.json parses");
    let request = parse_request(case.request);
    let canonical = case.canonical_request.trim_end();
    let sts = case.string_to_sign.trim_end();
    let expected_signature = case.signature.trim();
    let time = common::time(&ctx.timestamp).to_system_time();

    // 1. The suite's own data: the string to sign hashes the canonical request.
    let sts_lines: Vec<&str> = sts.lines().collect();
    assert_eq!(sts_lines.len(), 4, "string to sign has four lines");
    assert_eq!(
        sts_lines[3],
        hex::encode(Sha256::digest(canonical.as_bytes())),
        "string to sign didn't hash the canonical request (suite data integrity)"
    );

    // 2. Key derivation, with aws-sigv4's primitives.
    let key = aws_sigv4::sign::v4::generate_signing_key(
        &ctx.credentials.secret_access_key,
        time,
        &ctx.region,
        &ctx.service,
    );
    assert_eq!(
        aws_sigv4::sign::v4::calculate_signature(key, sts.as_bytes()),
        expected_signature,
        "signature didn't derive from the suite's string to sign (key derivation)"
    );

    // 3 and 4. Our canonical request and our public signer. The suite gives each path as text to be URI-encoded exactly once
    // (CRT, which wrote it, sets the path raw on its request). An HttpRequest holds a URL, so a
    // path with characters a URL cannot carry (get-space-unnormalized, get-utf8) is encoded once
    // here as a browser would, and such a path, like one already holding a percent-escape
    // (get-space-normalized), is signed without re-encoding so that it is encoded exactly once.
    // Every other path is a valid URL path as written and is signed with the default options,
    // whose double encoding leaves it unchanged.
    let wire = encode_for_url(&request.path);
    let wire_path = wire.split('?').next().unwrap_or_default();
    let raw_path = request.path.split('?').next().unwrap_or_default();
    let encoded_once = wire_path != raw_path || raw_path.contains('%');
    let url = format!("https://{}{}", request.host(), wire);
    let http_request = HttpRequest {
        method: request.method.clone(),
        url,
        headers: request
            .headers
            .iter()
            .filter(|(k, _)| !k.eq_ignore_ascii_case("host"))
            .cloned()
            .collect(),
        body: request.body.clone(),
    };
    let credentials = Credentials::new(
        ctx.credentials.access_key_id.clone(),
        ctx.credentials.secret_access_key.clone(),
        ctx.credentials.token.clone(),
    );
    let mut options = SigningOptions::default();
    options.normalize_path = ctx.normalize;
    options.sign_body = ctx.sign_body;
    options.omit_session_token = ctx.omit_session_token;
    options.double_uri_encode = !encoded_once;
    let ours_canonical = canonical_request(&http_request, &credentials, time, options)
        .unwrap_or_else(|e| panic!("building the canonical request failed: {e}"));
    assert_eq!(ours_canonical, canonical, "canonical request didn't match");
    let signed = sign(
        &http_request,
        &credentials,
        &ctx.region,
        &ctx.service,
        time,
        options,
    )
    .unwrap_or_else(|e| panic!("signing failed: {e}"));

    let ours = |name: &str| {
        signed
            .headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("we added no {name} header"))
    };
    assert_eq!(ours("x-amz-date"), sts_lines[1], "x-amz-date didn't match");
    let authorization = ours("authorization");
    let expected_credential = format!(
        "Credential={}/{}",
        ctx.credentials.access_key_id, sts_lines[2]
    );
    assert!(
        authorization.contains(&format!("{expected_credential},")),
        "credential scope didn't match: {authorization}"
    );
    let canonical_lines: Vec<&str> = canonical.lines().collect();
    let expected_signed_headers = canonical_lines[canonical_lines.len() - 2];
    assert!(
        authorization.contains(&format!(" SignedHeaders={expected_signed_headers},")),
        "signed headers didn't match (canonical request says {expected_signed_headers}): {authorization}"
    );
    assert_eq!(
        signed.signature, expected_signature,
        "signature didn't match"
    );
    assert!(
        authorization.ends_with(&format!(" Signature={expected_signature}")),
        "authorization header didn't carry the signature: {authorization}"
    );

    // 5. The headers we add are those the signed request has beyond the request.
    let mut expected_added = lower_sorted(&parse_request(case.signed_request).headers);
    for h in lower_sorted(&request.headers) {
        let i = expected_added
            .iter()
            .position(|x| *x == h)
            .unwrap_or_else(|| panic!("signed request lost request header {h:?}"));
        expected_added.remove(i);
    }
    assert_eq!(
        lower_sorted(&signed.headers),
        expected_added,
        "added headers didn't match header-signed-request.txt"
    );
}

macro_rules! suite {
    ($($name:ident => $dir:literal,)*) => {
        $(
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $name() {
                run(Case {
                    request: include_str!(concat!("data/sigv4/", $dir, "/request.txt")),
                    context: include_str!(concat!("data/sigv4/", $dir, "/context.json")),
                    canonical_request: include_str!(concat!("data/sigv4/", $dir, "/header-canonical-request.txt")),
                    string_to_sign: include_str!(concat!("data/sigv4/", $dir, "/header-string-to-sign.txt")),
                    signature: include_str!(concat!("data/sigv4/", $dir, "/header-signature.txt")),
                    signed_request: include_str!(concat!("data/sigv4/", $dir, "/header-signed-request.txt")),
                });
            }
        )*

        /// Every case folder on disk is listed above.
        #[cfg(not(target_arch = "wasm32"))]
        #[test]
        fn every_case_is_listed() {
            let mut listed = vec![$($dir),*];
            listed.sort();
            let on_disk: Vec<String> = common::data_entries("sigv4", "")
                .into_iter()
                .filter(|n| n != "LICENSE" && n != "NOTICE")
                .collect();
            assert_eq!(on_disk, listed);
            assert_eq!(listed.len(), 38);
        }
    };
}

suite! {
    get_header_key_duplicate => "get-header-key-duplicate",
    get_header_value_multiline => "get-header-value-multiline",
    get_header_value_order => "get-header-value-order",
    get_header_value_trim => "get-header-value-trim",
    get_relative_normalized => "get-relative-normalized",
    get_relative_relative_normalized => "get-relative-relative-normalized",
    get_relative_relative_unnormalized => "get-relative-relative-unnormalized",
    get_relative_unnormalized => "get-relative-unnormalized",
    get_slash_dot_slash_normalized => "get-slash-dot-slash-normalized",
    get_slash_dot_slash_unnormalized => "get-slash-dot-slash-unnormalized",
    get_slash_normalized => "get-slash-normalized",
    get_slash_pointless_dot_normalized => "get-slash-pointless-dot-normalized",
    get_slash_pointless_dot_unnormalized => "get-slash-pointless-dot-unnormalized",
    get_slash_unnormalized => "get-slash-unnormalized",
    get_slashes_normalized => "get-slashes-normalized",
    get_slashes_unnormalized => "get-slashes-unnormalized",
    get_space_normalized => "get-space-normalized",
    get_space_unnormalized => "get-space-unnormalized",
    get_unreserved => "get-unreserved",
    get_utf8 => "get-utf8",
    get_vanilla_empty_query_key => "get-vanilla-empty-query-key",
    get_vanilla_query_order_encoded => "get-vanilla-query-order-encoded",
    get_vanilla_query_order_key_case => "get-vanilla-query-order-key-case",
    get_vanilla_query_unreserved => "get-vanilla-query-unreserved",
    get_vanilla_query => "get-vanilla-query",
    get_vanilla_utf8_query => "get-vanilla-utf8-query",
    get_vanilla_with_session_token => "get-vanilla-with-session-token",
    get_vanilla => "get-vanilla",
    post_header_key_case => "post-header-key-case",
    post_header_key_sort => "post-header-key-sort",
    post_header_value_case => "post-header-value-case",
    post_sts_header_after => "post-sts-header-after",
    post_sts_header_before => "post-sts-header-before",
    post_vanilla_empty_query_value => "post-vanilla-empty-query-value",
    post_vanilla_query => "post-vanilla-query",
    post_vanilla => "post-vanilla",
    post_x_www_form_urlencoded_parameters => "post-x-www-form-urlencoded-parameters",
    post_x_www_form_urlencoded => "post-x-www-form-urlencoded",
}

tests! {
    /// The parser handles what the suite throws at it.
    fn parser_reads_folded_and_repeated_headers_and_the_body() {
        let r = parse_request("POST /a b/ HTTP/1.1\nHost:h\nX:1\n  2\n\tthree\nX:4\n\nbody\nline");
        assert_eq!(r.method, "POST");
        assert_eq!(r.path, "/a b/");
        assert_eq!(
            r.headers,
            vec![
                ("Host".to_owned(), "h".to_owned()),
                ("X".to_owned(), "1 2 three".to_owned()),
                ("X".to_owned(), "4".to_owned()),
            ]
        );
        assert_eq!(r.body, b"body\nline");
        assert_eq!(parse_request("GET / HTTP/1.1\nHost:h\n").body, b"");
        assert_eq!(encode_for_url("/a b/\u{1234}?%41"), "/a%20b/%E1%88%B4?%41");
    }
}
