use super::*;

fn parts(s: &str) -> (Option<&str>, Option<&str>, Option<u16>, &str, Option<&str>) {
    let u = Url::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
    (u.scheme, u.host, u.port, u.path, u.query)
}

#[test]
fn splits_what_the_core_signs() {
    assert_eq!(
        parts("https://appconfig.us-east-1.amazonaws.com/applications/a%20b?max_results=5&next_token=x%2B#f"),
        (
            Some("https"),
            Some("appconfig.us-east-1.amazonaws.com"),
            None,
            "/applications/a%20b",
            Some("max_results=5&next_token=x%2B")
        )
    );
    assert_eq!(
        parts("http://127.0.0.1:4010"),
        (Some("http"), Some("127.0.0.1"), Some(4010), "", None)
    );
    assert_eq!(
        parts("HTTP://[::1]:08080/p?"),
        (Some("HTTP"), Some("[::1]"), Some(8080), "/p", Some(""))
    );
    assert_eq!(
        parts("https://h:/"),
        (Some("https"), Some("h"), None, "/", None)
    );
    assert_eq!(
        parts("https:///x"),
        (Some("https"), Some(""), None, "/x", None)
    );
    assert_eq!(
        parts("/applications"),
        (None, None, None, "/applications", None)
    );
    assert_eq!(parts("host:443"), (Some("host"), None, None, "443", None));
    assert_eq!(
        parts("127.0.0.1:4010"),
        (None, Some("127.0.0.1"), Some(4010), "", None)
    );
    assert_eq!(
        parts("javascript:alert(1)"),
        (Some("javascript"), None, None, "alert(1)", None)
    );
    assert_eq!(
        parts("https://h/ü/\"{x}\"/[a]|b^c\\d?q=`^?é"),
        (
            Some("https"),
            Some("h"),
            None,
            "/ü/\"{x}\"/[a]|b^c\\d",
            Some("q=`^?é")
        )
    );
    // The fragment is not checked: it is never sent.
    assert_eq!(Url::parse("https://h/#a b").unwrap().fragment, Some("a b"));
}

#[test]
fn host_header_drops_default_ports_and_lowercases() {
    for (url, host) in [
        ("https://Example.COM/", "example.com"),
        ("https://h:443/", "h"),
        ("https://h:0443/", "h"),
        ("http://h:80", "h"),
        ("http://h:443", "h:443"),
        ("https://h:80", "h:80"),
        ("http://127.0.0.1:4010/x", "127.0.0.1:4010"),
        ("http://[::1]:4010/x", "[::1]:4010"),
        ("https://h:/", "h"),
    ] {
        assert_eq!(Url::parse(url).unwrap().host_header(), host, "{url}");
    }
}

#[test]
fn refuses_what_a_url_cannot_carry() {
    for (url, why) in [
        ("", "empty string"),
        ("not a url", "invalid uri character"),
        ("https://h/my app", "invalid uri character"),
        ("https://h/a\tb", "invalid uri character"),
        ("https://h/a\u{7f}", "invalid uri character"),
        ("https://h/<x>", "invalid uri character"),
        ("https://h/`", "invalid uri character"),
        ("https://h/?a=\"", "invalid uri character"),
        ("https://h/?a=<", "invalid uri character"),
        ("https://h/?a=>", "invalid uri character"),
        ("https://h/?a b", "invalid uri character"),
        ("https://h\n/", "invalid uri character"),
        ("https://exämple.com/", "invalid uri character"),
        ("https://h%41/", "invalid uri character"),
        ("https://[::1/", "invalid uri character"),
        ("https://[]/", "invalid uri character"),
        ("https://[::1]x/", "invalid uri character"),
        ("https://[fe80::1%25eth0]/", "invalid uri character"),
        ("https://h:65536/", "invalid port"),
        ("https://h:99999999999999999999/", "invalid port"),
        ("https://h:-1/", "invalid port"),
        ("https://h:1:2/", "invalid port"),
        (
            "https://user:pass@h/",
            "a user name or password in a url is not supported",
        ),
        (
            "https://@h/",
            "a user name or password in a url is not supported",
        ),
    ] {
        assert_eq!(
            Url::parse(url).map(|_| ()).unwrap_err().to_string(),
            why,
            "{url:?}"
        );
    }
    assert_eq!(Url::parse("https://h:65535/").unwrap().port, Some(65535));
    assert_eq!(
        Url::parse("https://h:000000000080/").unwrap().port,
        Some(80)
    );
}

#[test]
fn schemes() {
    let scheme = |s: &str| Url::parse(s).unwrap().http_scheme();
    assert_eq!(scheme("https://h/"), Some(HttpScheme::Https));
    assert_eq!(scheme("HtTp://h/"), Some(HttpScheme::Http));
    assert_eq!(scheme("ftp://h/"), None);
    assert_eq!(scheme("https+x://h/"), None);
    assert_eq!(scheme("h:443"), None);
    assert_eq!(scheme("/x"), None);
    assert_eq!(scheme("1http://h/"), None);
}

/// No input panics: every prefix, and every one-byte change, of a few URLs.
#[test]
fn no_input_panics() {
    let seeds = [
        "https://user@[::1]:4010/a/../b?c=d&e#f",
        "http://h:65535/%41?x=%zz",
        "a:b",
    ];
    let bytes: Vec<u8> = (0u8..=127).chain([0xC3, 0xA9]).collect();
    for seed in seeds {
        for end in 0..=seed.len() {
            if let Ok(u) = Url::parse(&seed[..end]) {
                let _ = u.host_header();
            }
        }
        for i in 0..seed.len() {
            for &b in &bytes {
                let mut v = seed.as_bytes().to_vec();
                v[i] = b;
                if let Ok(u) = Url::parse(&String::from_utf8_lossy(&v)) {
                    let _ = (u.host_header(), u.http_scheme(), u.non_empty_host());
                }
            }
        }
    }
}
