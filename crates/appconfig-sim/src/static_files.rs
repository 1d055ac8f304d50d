//! `--serve DIR`: a built dashboard served at `/`, never outside DIR.

use std::path::{Path, PathBuf};

use bytes::Bytes;
use http::header::HeaderValue;
use http::Response;

use crate::api;
use crate::http::Body;

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        _ => "application/octet-stream",
    }
}

fn file_response(file: &Path, head: bool) -> Option<Response<Body>> {
    let bytes = std::fs::read(file).ok()?;
    let len = bytes.len();
    let mut r = Response::new(if head {
        Bytes::new()
    } else {
        Bytes::from(bytes)
    });
    let h = r.headers_mut();
    h.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(file)),
    );
    h.insert(
        http::header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    );
    if head {
        h.insert(http::header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    Some(r)
}

/// Serves a file of `dir`, `index.html` for folders, or `index.html` for unknown paths when the
/// client accepts HTML (a single-page app's routes). `None`: not found. Every file goes out with
/// `X-Content-Type-Options: nosniff` and a `Content-Security-Policy` of `frame-ancestors
/// {frame_ancestors}` (issue 8; the dashboard's own `<meta>` policy covers the rest, but
/// `frame-ancestors` only works as a header).
pub(crate) fn serve_static(
    dir: &Path,
    raw_path: &str,
    wants_html: bool,
    head: bool,
    frame_ancestors: &str,
) -> Option<Response<Body>> {
    let mut r = find(dir, raw_path, wants_html, head)?;
    let h = r.headers_mut();
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("frame-ancestors {frame_ancestors}")) {
        h.insert(http::header::CONTENT_SECURITY_POLICY, v);
    }
    Some(r)
}

fn find(dir: &Path, raw_path: &str, wants_html: bool, head: bool) -> Option<Response<Body>> {
    let root = dir.canonicalize().ok()?;
    let mut rel = PathBuf::new();
    for seg in raw_path.split('/').filter(|s| !s.is_empty()) {
        let seg = api::decode(seg).ok()?;
        if seg == "." || seg == ".." || seg.contains(['/', '\\', '\0']) {
            return None;
        }
        rel.push(seg);
    }
    let candidate = root.join(&rel);
    let target = if candidate.is_dir() {
        candidate.join("index.html")
    } else {
        candidate
    };
    if let Ok(real) = target.canonicalize() {
        if real.starts_with(&root) && real.is_file() {
            return file_response(&real, head);
        }
    }
    if wants_html {
        return file_response(&root.join("index.html"), head);
    }
    None
}
