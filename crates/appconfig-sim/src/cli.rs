//! The command line: flags, their values and the usage text.

use std::path::PathBuf;

use crate::config::{Config, Key, DEFAULT_PORT};
use crate::SimError;

/// What the command line asks for.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // made once per process
pub enum Command {
    /// Run with this configuration.
    Run(Config),
    /// Print the usage text.
    Help,
}

/// The usage text.
pub const USAGE: &str = "\
appconfig-sim: a local AWS AppConfig-compatible simulator

USAGE:
    appconfig-sim [OPTIONS]

The browser-signed pass-through for the clients' proxy mode is `appconfig-gateway proxy`
(crates/appconfig-gateway), no longer part of the simulator.

OPTIONS:
    --host ADDR          address to listen on (default 127.0.0.1)
    --port N             port (default 4010; 0 picks a free one)
    --speed N            deployments progress N times faster than real time (default 1)
    --skew-seconds N     shift the simulator's clock by N seconds (signature checks, Date)
    --region REGION      the region it is (default us-east-1): requests must be signed for
                         it, and ARNs name it
    --key AKID:SECRET[:SESSIONTOKEN]
                         accept this key (repeatable; default the demo key)
    --keys-file FILE     accept the keys in FILE, one AKID:SECRET[:SESSIONTOKEN] a line
    --state FILE         persist the state to FILE and reload it on start
    --serve DIR          serve a built dashboard from DIR at /
    --frame-ancestors SOURCES
                         who may embed the served dashboard: the CSP frame-ancestors
                         sources (default 'self'; add a portal under test with
                         'self' http://127.0.0.1:3000; 'none' forbids it)
    --no-seed            start empty (no seed data)
    --extra-environments N
                         also make application ext0001 with N environments (at most 1000)
    --quiet              no request log on stderr
    -h, --help           this text
";

fn value(
    args: &mut impl Iterator<Item = String>,
    flag: &str,
    inline: Option<String>,
) -> Result<String, SimError> {
    inline
        .or_else(|| args.next())
        .ok_or_else(|| SimError::Usage(format!("{flag} needs a value")))
}

/// Parses the command line (without the program name).
///
/// # Errors
/// [`SimError::Usage`] for unknown flags and bad values, [`SimError::InvalidKey`],
/// [`SimError::Io`] when a keys file cannot be read.
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Command, SimError> {
    let mut args = args.into_iter().peekable();
    let mut config = Config::default();
    let mut keys = Vec::new();
    let mut port = None;
    if args.peek().map(String::as_str) == Some("proxy") {
        // Moved to the gateway crate: the simulator only simulates.
        return Err(SimError::Usage(
            "the proxy is now `appconfig-gateway proxy` (same flags: --host, --port, --allow-origin, --upstream)".into(),
        ));
    }
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--host" => {
                let v = value(&mut args, &flag, inline)?;
                config.host = v
                    .parse()
                    .map_err(|_| SimError::Usage(format!("--host {v:?} is not an IP address")))?;
            }
            "--port" => {
                let v = value(&mut args, &flag, inline)?;
                port =
                    Some(v.parse::<u16>().map_err(|_| {
                        SimError::Usage(format!("--port {v:?} is not a port number"))
                    })?);
            }
            "--speed" => {
                let v = value(&mut args, &flag, inline)?;
                let s: f64 = v
                    .parse()
                    .map_err(|_| SimError::Usage(format!("--speed {v:?} is not a number")))?;
                if !(s.is_finite() && s > 0.0 && s <= 100_000.0) {
                    return Err(SimError::Usage(format!(
                        "--speed must be above 0 and at most 100000, got {v}"
                    )));
                }
                config.speed = s;
            }
            "--skew-seconds" => {
                let v = value(&mut args, &flag, inline)?;
                let s: i64 = v.parse().map_err(|_| {
                    SimError::Usage(format!("--skew-seconds {v:?} is not a whole number"))
                })?;
                if s.abs() > 10 * 365 * 86_400 {
                    return Err(SimError::Usage("--skew-seconds is too large".into()));
                }
                config.skew_seconds = s;
            }
            "--region" => {
                let v = value(&mut args, &flag, inline)?;
                let ok = (1..=30).contains(&v.len())
                    && v.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !v.starts_with('-')
                    && !v.ends_with('-');
                if !ok {
                    return Err(SimError::Usage(format!(
                        "--region {v:?} is not a region name such as eu-central-1"
                    )));
                }
                config.region = v;
            }
            "--key" => {
                let v = value(&mut args, &flag, inline)?;
                keys.push(Key::parse(&v)?);
            }
            "--keys-file" => {
                let v = value(&mut args, &flag, inline)?;
                let text = std::fs::read_to_string(&v)
                    .map_err(|e| SimError::io(format!("cannot read keys file {v}"), e))?;
                let before = keys.len();
                for (i, line) in text.lines().enumerate() {
                    let line = line.trim();
                    if line.is_empty() || line.starts_with('#') {
                        continue;
                    }
                    keys.push(
                        Key::parse(line).map_err(|e| {
                            SimError::InvalidKey(format!("{v} line {}: {e}", i + 1))
                        })?,
                    );
                }
                if keys.len() == before {
                    return Err(SimError::InvalidKey(format!("keys file {v} has no keys")));
                }
            }
            "--state" => {
                config.state_file = Some(PathBuf::from(value(&mut args, &flag, inline)?));
            }
            "--serve" => {
                let v = PathBuf::from(value(&mut args, &flag, inline)?);
                if !v.is_dir() {
                    return Err(SimError::Usage(format!(
                        "--serve {} is not a directory",
                        v.display()
                    )));
                }
                config.serve_dir = Some(v);
            }
            "--frame-ancestors" => {
                let v = value(&mut args, &flag, inline)?;
                let ok = !v.trim().is_empty()
                    && v.bytes()
                        .all(|b| (b' '..=b'~').contains(&b) && b != b';' && b != b',');
                if !ok {
                    return Err(SimError::Usage(format!(
                        "--frame-ancestors {v:?} must be CSP sources separated by spaces (no ; or ,)"
                    )));
                }
                config.frame_ancestors = v.trim().to_owned();
            }
            "--no-seed" => config.seed = false,
            "--extra-environments" => {
                let v = value(&mut args, &flag, inline)?;
                let n: usize = v
                    .parse()
                    .ok()
                    .filter(|n| *n <= crate::seed::MAX_EXTRA_ENVIRONMENTS)
                    .ok_or_else(|| {
                        SimError::Usage(format!(
                            "--extra-environments {v:?} must be a number from 0 to 1000"
                        ))
                    })?;
                config.extra_environments = n;
            }
            "--quiet" => config.log_requests = false,
            other => {
                return Err(SimError::Usage(format!(
                    "unknown argument {other:?} (see --help)"
                )))
            }
        }
    }
    config.port = port.unwrap_or(DEFAULT_PORT);
    if !keys.is_empty() {
        config.keys = keys;
    }
    Ok(Command::Run(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, SimError> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_and_flags() {
        let Command::Run(c) = parse(&[]).unwrap() else {
            panic!("help")
        };
        assert_eq!(c.port, 4010);
        assert_eq!(c.keys, vec![Key::demo()]);
        let Command::Run(c) = parse(&[
            "--port",
            "0",
            "--speed=60",
            "--key",
            "AKID1:s3cr:et",
            "--no-seed",
        ])
        .unwrap() else {
            panic!("help")
        };
        assert_eq!(c.port, 0);
        assert_eq!(c.speed, 60.0);
        assert!(!c.seed);
        assert_eq!(c.keys[0].session_token(), Some("et"));
    }

    #[test]
    fn the_proxy_points_to_the_gateway() {
        let err = parse(&["proxy", "--upstream", "http://127.0.0.1:9/"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("appconfig-gateway proxy"), "{err}");
    }

    #[test]
    fn bad_arguments_are_errors() {
        for args in [
            &["--port", "x"][..],
            &["--speed", "0"],
            &["--speed", "nan"],
            &["--key", "nosecret"],
            &["--key", ":s"],
            &["--bogus"],
            &["--port"],
            &["--allow-origin", "https://portal.example"],
            &["--frame-ancestors", "'self'; script-src *"],
            &["--frame-ancestors", ""],
            &["--region", "EU_CENTRAL"],
            &["--region", ""],
            &["--extra-environments", "1001"],
            &["--extra-environments", "-1"],
        ] {
            assert!(parse(args).is_err(), "{args:?}");
        }
        let err = parse(&["--key", "AK:"]).unwrap_err().to_string();
        assert!(err.starts_with("invalid key"), "{err}");
    }

    #[test]
    fn keys_files() {
        let dir = std::env::temp_dir().join(format!("appconfig-sim-keys-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good");
        std::fs::write(&good, "# comment\n\nAKIDONE:s1\nAKIDTWO:s2:tok\n").unwrap();
        let Command::Run(c) = parse(&["--keys-file", good.to_str().unwrap()]).unwrap() else {
            panic!("help")
        };
        assert_eq!(c.keys.len(), 2);
        assert_eq!(c.keys[1].session_token(), Some("tok"));
        let empty = dir.join("empty");
        std::fs::write(&empty, "# nothing\n").unwrap();
        let err = parse(&["--keys-file", empty.to_str().unwrap()]).unwrap_err();
        assert!(err.to_string().contains("has no keys"), "{err}");
        let bad = dir.join("bad");
        std::fs::write(&bad, "AKIDONE:s1\nAKIDTWO s3cr3tvalue\n").unwrap();
        let err = parse(&["--keys-file", bad.to_str().unwrap()]).unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
        assert!(!err.to_string().contains("s3cr3tvalue"), "{err}");
        assert!(parse(&["--keys-file", "/nonexistent/keys"]).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
