//! `appconfig-sim`: run the simulator.

use std::io::Write;
use std::process::ExitCode;

use appconfig_sim::{parse_args, Command, Server};

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Run(c)) => c,
        Ok(Command::Help) => {
            print!("{}", appconfig_sim::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("appconfig-sim: {e}");
            return ExitCode::from(2);
        }
    };
    let key = config.keys[0].clone();
    let (speed, region, state) = (
        config.speed,
        config.region.clone(),
        config.state_file.clone(),
    );
    let serve = config.serve_dir.clone();
    let server = match Server::start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("appconfig-sim: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "appconfig-sim listening on {}", server.url());
    let _ = writeln!(out, "access key id: {}", key.access_key_id());
    if key.is_demo() {
        let _ = writeln!(out, "secret access key: {}", key.secret_access_key());
    } else {
        let _ = writeln!(out, "secret access key: (as configured)");
    }
    let _ = writeln!(out, "region: {region}");
    let _ = writeln!(out, "speed: {speed}x");
    if let Some(s) = state {
        let _ = writeln!(out, "state file: {}", s.display());
    }
    if let Some(d) = serve {
        let _ = writeln!(out, "serving {} at {}/", d.display(), server.url());
    }
    let _ = out.flush();
    drop(out);
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminated() => {}
        () = server.wait() => {}
    }
    ExitCode::SUCCESS
}

/// Resolves on SIGTERM (never on platforms without it).
async fn terminated() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut s) = signal(SignalKind::terminate()) {
            s.recv().await;
            return;
        }
    }
    std::future::pending::<()>().await;
}
