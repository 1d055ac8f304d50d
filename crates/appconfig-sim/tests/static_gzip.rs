//! `--serve DIR` sends a file's precompressed `.br` or `.gz` sibling (made by `cargo xtask
//! precompress`) when the request accepts that coding and the sibling is not older than the
//! file, brotli first; otherwise the file.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use common::*;

const INDEX: &str = "<!doctype html><title>dash</title>";
/// Stand-ins for zopfli's output: the server sends the sibling's bytes as they are.
const INDEX_GZ: &[u8] = b"\x1f\x8b index.html.gz";
const WASM_GZ: &[u8] = b"\x1f\x8b app_bg.wasm.gz bytes";
/// Only the wasm has a `.br` here: index.html shows the fall back to `.gz`.
const WASM_BR: &[u8] = b"app_bg.wasm.br bytes";

struct Got {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Got {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn varies_by_encoding(&self) -> bool {
        self.headers
            .get_all("vary")
            .iter()
            .any(|v| v.to_str().unwrap().contains("Accept-Encoding"))
    }
}

/// A served folder with index.html, app_bg.wasm, their `.gz` siblings and the wasm's `.br`.
async fn serve() -> (Sim, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "index.html", INDEX.as_bytes());
    write(dir.path(), "app_bg.wasm", b"\0asm\x01\0\0\0");
    write(dir.path(), "index.html.gz", INDEX_GZ);
    write(dir.path(), "app_bg.wasm.gz", WASM_GZ);
    write(dir.path(), "app_bg.wasm.br", WASM_BR);
    let mut config = test_config(1.0);
    config.serve_dir = Some(dir.path().to_owned());
    (start(config).await, dir)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// Dates `name` an hour back: a sibling left from an earlier build, older than its file.
fn make_older(dir: &Path, name: &str) {
    let f = std::fs::File::options()
        .write(true)
        .open(dir.join(name))
        .unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

async fn get(sim: &Sim, method: &str, path: &str, headers: &[(&str, &str)]) -> Got {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut b = sim.client.request(method, format!("{}{path}", sim.base));
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let r = b.send().await.expect("request sent");
    Got {
        status: r.status().as_u16(),
        headers: r.headers().clone(),
        body: r.bytes().await.expect("body read").to_vec(),
    }
}

fn assert_plain_wasm(r: &Got) {
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding"), None, "no encoding");
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    assert!(r.body.starts_with(b"\0asm"), "the file itself");
    assert!(
        r.varies_by_encoding(),
        "plain answers of a compressible type vary too"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepted_gzip_gets_the_gz_sibling() {
    let (sim, _dir) = serve().await;
    let r = get(
        &sim,
        "GET",
        "/app_bg.wasm",
        &[("accept-encoding", "gzip, deflate")],
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(
        r.header("content-type"),
        Some("application/wasm"),
        "the original's type"
    );
    assert_eq!(r.body, WASM_GZ);
    assert_eq!(
        r.header("content-length"),
        Some(WASM_GZ.len().to_string().as_str())
    );
    assert!(r.varies_by_encoding());
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert!(r
        .header("content-security-policy")
        .unwrap()
        .starts_with("frame-ancestors "));
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_gets_the_br_sibling() {
    let (sim, _dir) = serve().await;
    // What Chromium sends, to https and to http://127.0.0.1 alike.
    let headers = [("accept-encoding", "gzip, deflate, br, zstd")];
    let r = get(&sim, "GET", "/app_bg.wasm", &headers).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding"), Some("br"));
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    assert_eq!(r.body, WASM_BR);
    assert!(r.varies_by_encoding());
    // No index.html.br: its .gz is the next choice.
    let r = get(&sim, "GET", "/index.html", &headers).await;
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(r.body, INDEX_GZ);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn weights_choose_between_br_and_gzip() {
    let (sim, _dir) = serve().await;
    let r = get(
        &sim,
        "GET",
        "/app_bg.wasm",
        &[("accept-encoding", "br;q=0.4, gzip")],
    )
    .await;
    assert_eq!(
        r.header("content-encoding"),
        Some("gzip"),
        "gzip weighs more"
    );
    let r = get(
        &sim,
        "GET",
        "/app_bg.wasm",
        &[("accept-encoding", "br;q=0, *")],
    )
    .await;
    assert_eq!(
        r.header("content-encoding"),
        Some("gzip"),
        "br refused, * takes gzip"
    );
    let r = get(&sim, "GET", "/app_bg.wasm", &[("accept-encoding", "*")]).await;
    assert_eq!(r.header("content-encoding"), Some("br"), "* takes br first");
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_br_older_than_its_file_falls_back_to_the_gz() {
    let (sim, dir) = serve().await;
    make_older(dir.path(), "app_bg.wasm.br");
    let r = get(
        &sim,
        "GET",
        "/app_bg.wasm",
        &[("accept-encoding", "br, gzip")],
    )
    .await;
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(r.body, WASM_GZ);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_refused_by_q_zero_gets_the_file() {
    let (sim, _dir) = serve().await;
    let r = get(
        &sim,
        "GET",
        "/app_bg.wasm",
        &[("accept-encoding", "br;q=0, GZIP;q=0, *")],
    )
    .await;
    assert_plain_wasm(&r);
    let r = get(
        &sim,
        "GET",
        "/app_bg.wasm",
        &[("accept-encoding", "deflate, zstd")],
    )
    .await;
    assert_plain_wasm(&r);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_accept_encoding_gets_the_file() {
    let (sim, _dir) = serve().await;
    let r = get(&sim, "GET", "/app_bg.wasm", &[]).await;
    assert_plain_wasm(&r);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gz_older_than_its_file_is_not_sent() {
    let (sim, dir) = serve().await;
    make_older(dir.path(), "app_bg.wasm.gz");
    let r = get(&sim, "GET", "/app_bg.wasm", &[("accept-encoding", "gzip")]).await;
    assert_plain_wasm(&r);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn head_says_the_gz_length() {
    let (sim, _dir) = serve().await;
    let r = get(
        &sim,
        "HEAD",
        "/app_bg.wasm",
        &[("accept-encoding", "x-gzip")],
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(
        r.header("content-length"),
        Some(WASM_GZ.len().to_string().as_str())
    );
    assert!(r.body.is_empty(), "no body");
    let r = get(&sim, "HEAD", "/app_bg.wasm", &[]).await;
    assert_eq!(r.header("content-encoding"), None);
    assert_eq!(r.header("content-length"), Some("8"), "the file's length");
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_spa_fallback_sends_index_html_gz() {
    let (sim, _dir) = serve().await;
    let headers = [("accept", "text/html"), ("accept-encoding", "gzip")];
    for path in ["/", "/deployments/pay0001/prd0001/2"] {
        let r = get(&sim, "GET", path, &headers).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-encoding"), Some("gzip"), "{path}");
        assert_eq!(
            r.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        assert_eq!(r.body, INDEX_GZ, "{path}");
    }
    sim.handle.shutdown().await;
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gz_outside_the_folder_is_never_sent() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "app_bg.wasm.gz", b"secret");
    let (sim, dir) = serve().await;
    std::fs::remove_file(dir.path().join("app_bg.wasm.gz")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("app_bg.wasm.gz"),
        dir.path().join("app_bg.wasm.gz"),
    )
    .unwrap();
    let r = get(&sim, "GET", "/app_bg.wasm", &[("accept-encoding", "gzip")]).await;
    assert_plain_wasm(&r);
    sim.handle.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_that_do_not_compress_do_not_vary() {
    let (sim, dir) = serve().await;
    write(dir.path(), "logo.png", b"\x89PNG");
    let r = get(&sim, "GET", "/logo.png", &[("accept-encoding", "gzip")]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding"), None);
    assert!(!r.varies_by_encoding());
    sim.handle.shutdown().await;
}
