use super::*;

#[test]
fn paths_normalize_as_aws_sigv4_does() {
    for (path, normalized) in [
        ("/", "/"),
        ("", "/"),
        ("a/b", "/a/b"),
        ("/a/b", "/a/b"),
        ("/a//b", "/a/b"),
        ("//", "/"),
        ("/a/./b/../c", "/a/c"),
        ("/a/b/.", "/a/b/"),
        ("/a/b/..", "/a/"),
        ("/../..", "/"),
        ("/../a/", "/a/"),
        ("/a.b/c..d/", "/a.b/c..d/"),
        ("/./", "/"),
        ("/%2E%2E/x", "/%2E%2E/x"),
    ] {
        assert_eq!(normalize_path(path), normalized, "{path:?}");
    }
}

fn canonical_uri(path: &str, options: SigningOptions) -> String {
    let mut out = Vec::new();
    push_uri(&mut out, path, options);
    String::from_utf8(out).unwrap()
}

#[test]
fn uris_are_encoded_once_more_unless_told_not_to() {
    let double = SigningOptions::default();
    let single = SigningOptions {
        double_uri_encode: false,
        normalize_path: false,
        ..SigningOptions::default()
    };
    assert_eq!(
        canonical_uri("/my%20app/%C3%BC", double),
        "/my%2520app/%25C3%25BC"
    );
    assert_eq!(canonical_uri("/env%41~._-", double), "/env%2541~._-");
    assert_eq!(
        canonical_uri("/a:b@c!$'()*+,;=", double),
        "/a%3Ab%40c%21%24%27%28%29%2A%2B%2C%3B%3D"
    );
    assert_eq!(canonical_uri("/ü", double), "/%C3%BC");
    assert_eq!(canonical_uri("/my%20app//./x", single), "/my%20app//./x");
    assert_eq!(canonical_uri("", single), "/");
}

fn canonical_query(query: &str) -> String {
    let mut out = Vec::new();
    push_query(&mut out, query);
    String::from_utf8(out).unwrap()
}

#[test]
fn queries_are_decoded_reencoded_and_sorted() {
    for (query, canonical) in [
        ("", ""),
        ("b=2&a=1", "a=1&b=2"),
        ("a=2&a=1&a=10", "a=1&a=10&a=2"),
        ("next_token=a+b%2Fc%3D", "next_token=a%20b%2Fc%3D"),
        ("k", "k="),
        ("k=&&j", "j=&k="),
        ("a=%zz%4", "a=%25zz%254"),
        ("a=%ff", "a=%EF%BF%BD"),
        ("é=☃", "%C3%A9=%E2%98%83"),
        ("x=a=b", "x=a%3Db"),
        (
            "Param2=value2&Param1=value1&param1=value0",
            "Param1=value1&Param2=value2&param1=value0",
        ),
        ("~-._=~-._", "~-._=~-._"),
    ] {
        assert_eq!(canonical_query(query), canonical, "{query:?}");
    }
}

#[test]
fn header_values_trim_only_spaces() {
    assert_eq!(trim_all("  a   b  c "), "a b c");
    assert_eq!(trim_all("\ta  b\t"), "\ta b\t");
    assert_eq!(trim_all("é  ü"), "é ü");
    assert_eq!(trim_all(""), "");
    assert_eq!(trim_all("   "), "");
}

#[test]
fn header_names_and_values_are_checked() {
    assert_eq!(lower_case_name("X-Amz-Meta").unwrap(), "x-amz-meta");
    for bad in ["", "a b", "a:b", "é", "a\n"] {
        let e = lower_case_name(bad).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("failed to sign request: invalid header name"),
            "{e}"
        );
    }
    assert!(check_value("x", "ok\tvalue é").is_ok());
    let e = check_value("x-secret", "SECRET\r\n")
        .unwrap_err()
        .to_string();
    assert!(!e.contains("SECRET"), "{e}");
}

#[test]
fn hex_is_lower_case() {
    assert_eq!(hex(&[0, 0x0f, 0xa0, 0xff]), "000fa0ff");
    assert_eq!(hex(&Sha256::digest(b"")), EMPTY_SHA256);
}
