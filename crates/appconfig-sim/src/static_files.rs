//! `--serve DIR`: a built dashboard served at `/`, never outside DIR.

use std::path::{Path, PathBuf};

use bytes::Bytes;
use http::header::HeaderValue;
use http::Response;

use crate::accept_encoding::Coding;
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

/// The types whose answer may come from a `.br` or `.gz` sibling (the list `cargo xtask
/// precompress` compresses): their plain answers say `Vary: Accept-Encoding` too, so a cache never hands the
/// compressed answer to a client that did not accept it, or the reverse.
fn compresses(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("html" | "htm" | "js" | "mjs" | "css" | "wasm" | "svg" | "json" | "txt" | "map")
    )
}

/// The precompressed sibling of `file` in `coding` (`app.wasm.br`), when there is one inside
/// `root` that is not older than `file`: one left from an earlier build is never sent for a
/// newer file.
fn sibling(root: &Path, file: &Path, coding: Coding) -> Option<PathBuf> {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(coding.extension());
    let packed = Path::new(&name).canonicalize().ok()?;
    if !packed.starts_with(root) || !packed.is_file() {
        return None;
    }
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    (modified(&packed)? >= modified(file)?).then_some(packed)
}

fn file_response(root: &Path, file: &Path, req: &StaticRequest) -> Option<Response<Body>> {
    // The most preferred coding whose sibling is there and fresh.
    let packed = req
        .codings
        .iter()
        .find_map(|&c| sibling(root, file, c).map(|p| (c, p)));
    let bytes = std::fs::read(packed.as_ref().map_or(file, |(_, p)| p.as_path())).ok()?;
    let len = bytes.len();
    let mut r = Response::new(if req.head {
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
    if let Some((coding, _)) = packed {
        h.insert(
            http::header::CONTENT_ENCODING,
            HeaderValue::from_static(coding.as_str()),
        );
    }
    if packed.is_some() || compresses(file) {
        h.append(
            http::header::VARY,
            HeaderValue::from_static("Accept-Encoding"),
        );
    }
    if req.head {
        h.insert(http::header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    Some(r)
}

/// What of a GET or HEAD request decides the static answer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StaticRequest<'a> {
    /// The URI's path, percent-encoded as received.
    pub(crate) path: &'a str,
    /// `Accept` names `text/html`: unknown paths get `index.html` (a single-page app's routes).
    pub(crate) wants_html: bool,
    /// The codings `Accept-Encoding` accepts, most preferred first: the first whose fresh
    /// sibling (`.br`, `.gz`) is there is sent in place of the file.
    pub(crate) codings: &'a [Coding],
    /// HEAD: the headers of the GET answer, `Content-Length` included, and no body.
    pub(crate) head: bool,
}

/// Serves a file of `dir`, `index.html` for folders, or `index.html` for unknown paths when the
/// client accepts HTML (a single-page app's routes), each as its precompressed `.br` or `.gz`
/// sibling when the client accepts that coding and the sibling is fresh. `None`: not found.
/// Every file goes out with `X-Content-Type-Options: nosniff` and a `Content-Security-Policy` of
/// `frame-ancestors {frame_ancestors}` (so no other site frames the page or has a file sniffed as
/// script; the dashboard's own `<meta>` policy covers the rest, but `frame-ancestors` only works
/// as a header).
pub(crate) fn serve_static(
    dir: &Path,
    req: &StaticRequest,
    frame_ancestors: &str,
) -> Option<Response<Body>> {
    let mut r = find(dir, req)?;
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

fn find(dir: &Path, req: &StaticRequest) -> Option<Response<Body>> {
    let root = dir.canonicalize().ok()?;
    let mut rel = PathBuf::new();
    for seg in req.path.split('/').filter(|s| !s.is_empty()) {
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
            return file_response(&root, &real, req);
        }
    }
    if req.wants_html {
        return file_response(&root, &root.join("index.html"), req);
    }
    None
}
