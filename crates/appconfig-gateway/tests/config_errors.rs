//! Configuration mistakes are reported at start with their line, and never repeat a token.

use appconfig_gateway::{Config, GatewayError};

fn error(text: &str) -> (Option<usize>, String) {
    match Config::from_toml_with_env(text, "gw.toml", &|name| {
        (name == "PORTAL_TOKEN").then(|| "a-token-of-twenty-characters".to_owned())
    }) {
        Err(GatewayError::Config { line, message, .. }) => (line, message),
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

const ACCOUNT: &str = "[accounts.prod]\nregion = \"us-east-1\"\n";

#[test]
fn unknown_keys_name_their_line() {
    let (line, message) = error(&format!(
        "listen = \"127.0.0.1:0\"\n{ACCOUNT}regoin = \"eu-west-1\"\n"
    ));
    assert_eq!(line, Some(4), "{message}");
    assert!(message.contains("regoin"), "{message}");
}

#[test]
fn values_are_checked_with_their_line() {
    for (text, want_line, want) in [
        (format!("listen = \"nowhere\"\n{ACCOUNT}"), 1, "listen"),
        (format!("allowed_origins = [\"https://portal.example/path\"]\n{ACCOUNT}"), 1, "scheme://host"),
        (format!("{ACCOUNT}\n[accounts.\"bad/alias\"]\nregion = \"us-east-1\"\n"), 4, "alias"),
        (format!("{ACCOUNT}\n[accounts.eu]\nregion = \"EU-WEST-1\"\n"), 5, "region"),
        (format!("{ACCOUNT}endpoint = \"ftp://x\"\n"), 3, "http"),
        (format!("{ACCOUNT}credentials = {{ external_id = \"x\" }}\n"), 3, "profile or role_arn"),
        (format!("{ACCOUNT}upstream_rate = 0\n"), 3, "upstream_rate"),
        (format!("{ACCOUNT}\n[cache]\nrunning_seconds = -1\n"), 5, "running_seconds"),
        (format!("{ACCOUNT}\n[[actions]]\naccount = \"stage\"\napplication = \"a\"\nenvironment = \"e\"\n"), 4, "not under [accounts]"),
        (format!("[auth]\ntokens = [{{ name = \"portal\", sha256 = \"abc\" }}]\n{ACCOUNT}"), 2, "64 hex"),
        (format!("[auth]\ntokens = [{{ name = \"ci\", env = \"UNSET_VARIABLE\" }}]\n{ACCOUNT}"), 2, "UNSET_VARIABLE"),
        (format!("[auth]\ntrusted_peers = [\"10.0.0.0/99\"]\n{ACCOUNT}"), 2, "CIDR"),
    ] {
        let (line, message) = error(&text);
        assert_eq!(line, Some(want_line), "{message} in\n{text}");
        assert!(message.contains(want), "{message:?} should say {want:?}");
    }
}

#[test]
fn a_usable_file_reads_whole() {
    let text = format!(
        "listen = \"127.0.0.1:4020\"\nallowed_origins = [\"https://Portal.Example/\"]\n\n[auth]\ntokens = [{{ name = \"portal\", env = \"PORTAL_TOKEN\" }}]\ntrusted_header = \"X-Forwarded-User\"\ntrusted_peers = [\"127.0.0.1\", \"10.0.0.0/8\"]\n\n{ACCOUNT}credentials = {{ role_arn = \"arn:aws:iam::123456789012:role/viewer\" }}\n\n[[actions]]\naccount = \"prod\"\napplication = \"abc1234\"\nenvironment = \"*\"\n"
    );
    let config = Config::from_toml_with_env(&text, "gw.toml", &|_| {
        Some("a-token-of-twenty-characters".into())
    })
    .expect("parses");
    assert_eq!(config.allowed_origins, ["https://portal.example"]);
    assert_eq!(
        config.auth.trusted_header.as_deref(),
        Some("x-forwarded-user")
    );
    assert!(config.action_rule("prod", "abc1234", "anything").is_some());
    assert!(config.action_rule("prod", "other", "anything").is_none());
    let shown = format!("{config:?}");
    assert!(!shown.contains("a-token-of-twenty-characters"), "{shown}");
}

#[test]
fn no_accounts_is_a_mistake() {
    let (_, message) = error("listen = \"127.0.0.1:0\"\n");
    assert!(message.contains("no accounts"), "{message}");
}
