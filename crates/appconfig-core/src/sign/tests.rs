use super::*;

#[test]
fn debug_redacts_secrets() {
    let c = Credentials::new("AKID", "SECRETSECRET", Some("TOKENTOKEN".into()));
    let s = format!("{c:?}");
    assert!(s.contains("AKID"));
    assert!(!s.contains("SECRETSECRET"));
    assert!(!s.contains("TOKENTOKEN"));
}

#[test]
fn empty_credentials_are_rejected_before_signing() {
    let req = HttpRequest {
        method: "GET".into(),
        url: "https://example.amazonaws.com/".into(),
        ..Default::default()
    };
    let err = sign(
        &req,
        &Credentials::new("", "s", None),
        "us-east-1",
        "appconfig",
        SystemTime::UNIX_EPOCH,
        SigningOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "invalid accessKeyId: a value is required");
}

#[test]
fn urls_without_scheme_are_refused_not_panicked_on() {
    let creds = Credentials::new("AKID", "SECRET", None);
    for url in ["nohost", "a:b", "host:443", "ftp://host/"] {
        let req = HttpRequest {
            method: "GET".into(),
            url: url.into(),
            ..Default::default()
        };
        let err = sign(
            &req,
            &creds,
            "us-east-1",
            "s3",
            SystemTime::UNIX_EPOCH,
            SigningOptions::default(),
        )
        .unwrap_err();
        assert!(matches!(err, Error::Signing { .. }), "{url}: {err}");
    }
}

fn get(url: &str) -> HttpRequest {
    HttpRequest {
        method: "GET".into(),
        url: url.into(),
        ..Default::default()
    }
}

fn at(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs)
}

/// A signer signs as `sign` does, whichever keys it holds, across days, regions, services
/// and credentials.
#[test]
fn a_signer_signs_as_sign_does() {
    let mut signer = Signer::new();
    let req = get("https://appconfig.us-east-1.amazonaws.com/applications?MaxResults=5");
    let creds = [
        Credentials::new("AKID", "SECRET1", None),
        Credentials::new("AKID", "SECRET2", Some("TOKEN".into())),
    ];
    for i in 0..40u64 {
        let c = &creds[(i % 2) as usize];
        let region = ["us-east-1", "eu-west-1", "us-east-1"][(i % 3) as usize];
        let service = ["appconfig", "s3"][(i / 20) as usize];
        // Steps of about five hours: days change every few signatures.
        let time = at(1_709_251_199 + i * 17_989);
        let options = SigningOptions::default();
        let cached = signer
            .sign(&req, c, region, service, time, options)
            .unwrap();
        assert_eq!(
            cached,
            sign(&req, c, region, service, time, options).unwrap(),
            "{i}"
        );
    }
    assert_eq!(format!("{signer:?}"), "Signer { keys: 4 }");
}

#[test]
fn errors_name_what_could_not_be_signed() {
    let creds = Credentials::new("AKID", "SECRET", None);
    let field_of = |req: &HttpRequest, time: SystemTime| match sign(
        req,
        &creds,
        "us-east-1",
        "s3",
        time,
        SigningOptions::default(),
    ) {
        Err(Error::Signing { field, source, .. }) => (field, source.is_some()),
        other => panic!("{req:?}: {other:?}"),
    };
    let ok_url = "https://h.amazonaws.com/";
    assert_eq!(
        field_of(&get("https://h/a b"), at(0)),
        (SigningField::Url, true)
    );
    assert_eq!(
        field_of(&get("/applications"), at(0)),
        (SigningField::Url, false)
    );
    let mut bad_header = get(ok_url);
    bad_header
        .headers
        .push(("x-secret".into(), "line\nbreak".into()));
    assert_eq!(field_of(&bad_header, at(0)), (SigningField::Header, false));
    // Natively a SystemTime reaches past the year 9999; SigV4 dates have four digits.
    if let Some(far) =
        SystemTime::UNIX_EPOCH.checked_add(std::time::Duration::from_secs(253_402_300_800))
    {
        assert_eq!(field_of(&get(ok_url), far), (SigningField::Time, false));
    }
    let e = sign(
        &get("https://h/a b"),
        &creds,
        "us-east-1",
        "s3",
        at(0),
        SigningOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "failed to sign request: invalid url: invalid uri character"
    );
    assert_eq!(
        std::error::Error::source(&e)
            .map(ToString::to_string)
            .as_deref(),
        Some("invalid uri character")
    );
}

#[test]
fn a_host_header_of_the_request_is_signed_instead_of_the_urls() {
    let creds = Credentials::new("AKID", "SECRET", None);
    let sign_at = |req: &HttpRequest| {
        sign(
            req,
            &creds,
            "us-east-1",
            "appconfig",
            at(0),
            SigningOptions::default(),
        )
        .unwrap()
        .signature
    };
    let direct = sign_at(&get("https://appconfig.us-east-1.amazonaws.com/x"));
    let mut proxied = get("http://127.0.0.1:8080/x");
    proxied
        .headers
        .push(("Host".into(), "appconfig.us-east-1.amazonaws.com".into()));
    assert_eq!(sign_at(&proxied), direct);
    // The URL's host is signed in lower case, as it is sent.
    assert_eq!(
        sign_at(&get("https://AppConfig.US-East-1.amazonaws.com:443/x")),
        direct
    );
}
