//! `appconfig-gateway --config gateway.toml`: see the crate's README.

use std::process::ExitCode;

use appconfig_gateway::{AuditLog, Config, Gateway, GatewayError};

const USAGE: &str =
    "usage: appconfig-gateway --config FILE [--check] [--log-format text|json] [--quiet]

  --config FILE        the gateway's TOML configuration (see crates/appconfig-gateway/README.md)
  --check              check the configuration and exit (0 when it is usable)
  --log-format FORMAT  text (default) or json, one line per event on standard error
  --quiet              log warnings and errors only";

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
