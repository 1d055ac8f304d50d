//! `appconfig-gateway --config gateway.toml`, or `appconfig-gateway proxy ...` for the
//! browser-signed pass-through: see the crate's README.

use std::process::ExitCode;

use appconfig_gateway::{AuditLog, Config, Gateway, GatewayError, Proxy, ProxyConfig};

const USAGE: &str =
    "usage: appconfig-gateway --config FILE [--check] [--log-format text|json] [--quiet]
       appconfig-gateway proxy [--host ADDR] [--port N] [--allow-origin ORIGIN]... [--upstream URL] [--quiet]

  --config FILE        the gateway's TOML configuration (see crates/appconfig-gateway/README.md)
  --check              check the configuration and exit (0 when it is usable)
  --log-format FORMAT  text (default) or json, one line per event on standard error
  --quiet              log warnings and errors only

proxy: forward read-only AppConfig calls (and CloudWatch's DescribeAlarms and
DescribeAlarmHistory) that the browser signed for the AWS host named in
x-appconfig-upstream-host, for the clients' `proxy` option (the browser holds keys)
  --host ADDR          address to listen on (default 127.0.0.1)
  --port N             port (default 4011; 0 picks a free one)
  --allow-origin ORIGIN
                       also serve pages of ORIGIN (repeatable; loopback origins such as
                       http://localhost:8080 always are)
  --upstream URL       send to URL instead of https://{upstream host} (tests)";

/// `proxy ...`: its configuration and whether to log only warnings.
fn parse_proxy(args: &[String]) -> Result<(ProxyConfig, bool), GatewayError> {
    let usage = |m: String| GatewayError::Usage(format!("{m}\n{USAGE}"));
    let mut config = ProxyConfig::default();
    let mut quiet = false;
    let (mut host, mut port) = (config.listen.ip(), config.listen.port());
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (a.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| usage(format!("{flag} needs a value")))
        };
        match flag {
            "--host" => {
                let v = value()?;
                host = v
                    .parse()
                    .map_err(|_| usage(format!("--host takes an IP address, not {v:?}")))?;
            }
            "--port" => {
                let v = value()?;
                port = v
                    .parse()
                    .map_err(|_| usage(format!("--port takes a number, not {v:?}")))?;
            }
            "--allow-origin" => {
                let v = value()?.trim().trim_end_matches('/').to_ascii_lowercase();
                let ok = v.split_once("://").is_some_and(|(s, rest)| {
                    matches!(s, "http" | "https")
                        && !rest.is_empty()
                        && !rest.contains(['/', '@', '?'])
                });
                if !ok {
                    return Err(usage(format!(
                        "--allow-origin takes an origin such as https://portal.example, not {v:?}"
                    )));
                }
                config.allow_origins.push(v);
            }
            "--upstream" => {
                let v = value()?;
                if !(v.starts_with("http://") || v.starts_with("https://")) {
                    return Err(usage(format!("--upstream takes an http(s) URL, not {v:?}")));
                }
                config.upstream = Some(v.trim_end_matches('/').to_owned());
            }
            "--quiet" => quiet = true,
            "-h" | "--help" => return Err(GatewayError::Usage(USAGE.to_owned())),
            other => return Err(usage(format!("unknown argument {other:?} for proxy mode"))),
        }
    }
    config.listen = std::net::SocketAddr::new(host, port);
    Ok((config, quiet))
}

struct Args {
    config: std::path::PathBuf,
    check: bool,
    json: bool,
    quiet: bool,
}

fn parse_args(args: &[String]) -> Result<Args, GatewayError> {
    let mut config = None;
    let (mut check, mut json, mut quiet) = (false, false, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--config" => config = it.next().map(std::path::PathBuf::from),
            "--check" => check = true,
            "--quiet" => quiet = true,
            "--log-format" => match it.next().map(String::as_str) {
                Some("json") => json = true,
                Some("text") => json = false,
                other => {
                    return Err(GatewayError::Usage(format!(
                        "--log-format takes text or json, not {other:?}\n{USAGE}"
                    )))
                }
            },
            "-h" | "--help" => return Err(GatewayError::Usage(USAGE.to_owned())),
            other => {
                return Err(GatewayError::Usage(format!(
                    "unknown argument {other:?}\n{USAGE}"
                )))
            }
        }
    }
    let config =
        config.ok_or_else(|| GatewayError::Usage(format!("--config FILE is required\n{USAGE}")))?;
    Ok(Args {
        config,
        check,
        json,
        quiet,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("proxy") {
        return match parse_proxy(&args[1..]) {
            Ok((config, quiet)) => run_proxy(config, quiet),
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        };
    }
    let args = match parse_args(&args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let level = if args.quiet {
        tracing::Level::WARN
    } else {
        tracing::Level::INFO
    };
    let builder = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level);
    if args.json {
        builder.json().init();
    } else {
        builder.init();
    }
    let config = match Config::from_file(&args.config) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("appconfig-gateway: {e}");
            return ExitCode::from(2);
        }
    };
    if args.check {
        println!(
            "{}: {} account(s), {} allowed origin(s), {} action rule(s)",
            args.config.display(),
            config.accounts.len(),
            config.allowed_origins.len(),
            config.actions.len()
        );
        return ExitCode::SUCCESS;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("appconfig-gateway: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let audit = match AuditLog::open(&config.audit) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("appconfig-gateway: {e}");
                return ExitCode::FAILURE;
            }
        };
        let gateway = match Gateway::start(config, audit).await {
            Ok(g) => g,
            Err(e) => {
                eprintln!("appconfig-gateway: {e}");
                return ExitCode::FAILURE;
            }
        };
        // The address on stdout, for scripts that start it on port 0.
        println!("appconfig-gateway listening on {}", gateway.url());
        gateway.run_until(shutdown_signal()).await;
        tracing::info!("stopped");
        ExitCode::SUCCESS
    })
}

fn run_proxy(config: ProxyConfig, quiet: bool) -> ExitCode {
    let level = if quiet {
        tracing::Level::WARN
    } else {
        tracing::Level::INFO
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("appconfig-gateway: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let proxy = match Proxy::start(config).await {
            Ok(p) => p,
            Err(e) => {
                eprintln!("appconfig-gateway proxy: {e}");
                return ExitCode::FAILURE;
            }
        };
        // The address on stdout, for scripts that start it on port 0.
        println!("appconfig-gateway proxy listening on {}", proxy.url());
        proxy.run_until(shutdown_signal()).await;
        ExitCode::SUCCESS
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn proxy_flags() {
        let (c, quiet) = parse_proxy(&args(&[])).unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:4011");
        assert!(!quiet && c.allow_origins.is_empty() && c.upstream.is_none());
        let (c, quiet) = parse_proxy(&args(&[
            "--port",
            "0",
            "--host=0.0.0.0",
            "--allow-origin",
            "https://Portal.Example/",
            "--upstream",
            "http://127.0.0.1:9/",
            "--quiet",
        ]))
        .unwrap();
        assert_eq!(c.listen.to_string(), "0.0.0.0:0");
        assert_eq!(c.allow_origins, ["https://portal.example"]);
        assert_eq!(c.upstream.as_deref(), Some("http://127.0.0.1:9"));
        assert!(quiet);
        for bad in [
            &["--upstream", "ftp://x"][..],
            &["--allow-origin", "portal.example"],
            &["--allow-origin", "https://portal.example/path"],
            &["--port", "x"],
            &["--speed", "2"],
            &["--port"],
        ] {
            assert!(parse_proxy(&args(bad)).is_err(), "{bad:?}");
        }
    }
}
