//! `cargo xtask precompress DIR`: a `.br` and a `.gz` sibling beside every file of DIR that
//! compresses, for servers that send precompressed files (nginx `brotli_static` and
//! `gzip_static`, Caddy `precompressed br gzip`, `appconfig-sim --serve`). Run for every release
//! build of the dashboard by its Trunk post_build hook
//! (crates/appconfig-dashboard/build/post-build.mjs).
//!
//! Brotli (RFC 7932) is what browsers are sent: Chromium, Firefox and Safari all offer `br`
//! (Chromium even to `http://127.0.0.1`, the demo's origin), and at quality 11 it is 14% smaller
//! than zopfli on the dashboard's wasm (245,283 B against 284,567 B, 2026-12-06). The `.gz` serves clients that offer only gzip: a zopfli stream is plain gzip
//! (RFC 1952), about 4% smaller than `gzip -9`; its header has no file name and an mtime of 0.
//! Both outputs depend on the file's bytes alone (deterministic builds, stable size budgets).

use std::fs;
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::Result;

/// Zopfli's forward/backward passes per block. Measured on the dashboard's dist/ (wasm 696,512 B
/// raw) on this project's 2-core machine, `cargo xtask precompress dist --iterations N`, dev
/// profile with zopfli at opt-level 3 (unoptimized, 1 iteration took 22.1 s instead of 1.8 s):
///
/// | iterations | wasm .gz | all of dist/ sent | seconds |
/// |---|---|---|---|
/// | 1 | 264,737 | 279,173 | 1.8 |
/// | 3 | 264,316 | 278,733 | 3.1 |
/// | 5 | 264,298 | 278,713 | 3.2 |
/// | 10 | 264,240 | 278,652 | 4.7 |
/// | 15 (zopfli's default) | 264,235 | 278,646 | 6.1 |
/// | 25 | 264,229 | 278,639 | 10.2 |
///
/// (GNU `gzip -9`: wasm 275,316.) Past 5 each second buys about 20 bytes, and every release
/// build (CI's e2e suite, `cargo xtask demo`) pays the seconds.
const ITERATIONS: u64 = 5;

/// The most blocks zopfli splits a file into (its default is 15). Each block gets its own Huffman
/// tables; the wasm's code, strings and tables differ enough that more blocks pay. Measured on
/// the wasm of 2026-12-02 (629,572 B raw, 5 iterations, release zopfli): 15 blocks 241,880 B in
/// 1.3 s, 30 241,202 B in 2.1 s, 50 241,036 B in 4.1 s, 100 the same as 50.
const BLOCK_SPLITS: u16 = 50;

/// Brotli's quality (11, the densest; ~1.5 s for the dashboard's wasm) and window (2^22 B, 4 MB:
/// the whole wasm, ~0.75 MB, is in reach of every match; 2^24 gave the same 245,283 B on the
/// wasm of 2026-12-06).
const BROTLI_QUALITY: i32 = 11;
const BROTLI_WINDOW: i32 = 22;

/// The types that compress; images, fonts, `.gz` and `.br` files are compressed already.
const COMPRESSIBLE: &[&str] = &[
    "html", "htm", "js", "mjs", "css", "wasm", "svg", "json", "txt", "map",
];

/// The extension of a file that compresses, lowercased.
pub(crate) fn compresses(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.contains(&e.to_ascii_lowercase().as_str()))
}

/// `cargo xtask precompress DIR [--iterations N]`.
pub(crate) fn precompress(args: &[String]) -> Result {
    let mut dir = None;
    let mut iterations = ITERATIONS;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--iterations" => {
                iterations = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--iterations takes a positive number")?;
            }
            _ if dir.is_none() => dir = Some(PathBuf::from(a)),
            _ => return Err(format!("precompress: unexpected argument {a}")),
        }
    }
    let dir = dir.ok_or("usage: cargo xtask precompress DIR [--iterations N]")?;
    if !dir.is_dir() {
        return Err(format!("precompress: {} is not a folder", dir.display()));
    }
    let started = Instant::now();
    let mut files = Vec::new();
    walk(&dir, &mut files)?;
    files.sort();
    let (mut raw_total, mut gz_total, mut br_total, mut written) = (0usize, 0, 0, 0usize);
    for file in &files {
        let name = file.display();
        if is_sibling(file) {
            // A `.gz` or `.br` whose source is gone would be served for nothing (or for a file
            // of the same name added later): remove it.
            if !file.with_extension("").exists() {
                fs::remove_file(file).map_err(|e| format!("removing {name}: {e}"))?;
                println!("precompress: removed {name} (its source is gone)");
            }
            continue;
        }
        if !compresses(file) {
            // Sent as it is: only its size counts.
            let len = fs::metadata(file)
                .map_err(|e| format!("reading {name}: {e}"))?
                .len();
            raw_total += len as usize;
            gz_total += len as usize;
            br_total += len as usize;
            continue;
        }
        let raw = fs::read(file).map_err(|e| format!("reading {name}: {e}"))?;
        raw_total += raw.len();
        let gz = gzip(&raw, iterations).map_err(|e| format!("compressing {name}: {e}"))?;
        let gz_sent = write_if_smaller(&raw, &gz, &sibling(file, "gz"))?;
        let br = brotli(&raw).map_err(|e| format!("compressing {name}: {e}"))?;
        let br_sent = write_if_smaller(&raw, &br, &sibling(file, "br"))?;
        written += usize::from(gz_sent < raw.len() || br_sent < raw.len());
        gz_total += gz_sent;
        br_total += br_sent;
    }
    println!(
        "precompress: {written} file(s) compressed in {}, {raw_total} B -> {br_total} B sent as brotli, {gz_total} B as gzip ({iterations} zopfli iterations, {:.1} s)",
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// One gzip stream of `data`: zopfli's header is fixed (no name, mtime 0), so the output is a
/// function of `data` and `iterations` alone.
fn gzip(data: &[u8], iterations: u64) -> std::io::Result<Vec<u8>> {
    let options = zopfli::Options {
        iteration_count: NonZeroU64::new(iterations).unwrap_or(NonZeroU64::MIN),
        maximum_block_splits: BLOCK_SPLITS,
        ..zopfli::Options::default()
    };
    let mut out = Vec::with_capacity(data.len() / 3);
    zopfli::compress(options, zopfli::Format::Gzip, data, &mut out)?;
    Ok(out)
}

/// `data` as one brotli stream (no metadata: a function of `data` alone).
fn brotli(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: BROTLI_WINDOW,
        size_hint: data.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(data.len() / 3);
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
    Ok(out)
}

/// Writes `packed` to `path` when it is smaller than `raw` and returns its length; otherwise
/// (a tiny file) removes a stale `path` from an earlier build and returns `raw`'s length, the
/// bytes sent then.
fn write_if_smaller(raw: &[u8], packed: &[u8], path: &Path) -> Result<usize> {
    if packed.len() < raw.len() {
        fs::write(path, packed).map_err(|e| format!("writing {}: {e}", path.display()))?;
        return Ok(packed.len());
    }
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("removing {}: {e}", path.display()))
        }
        _ => Ok(raw.len()),
    }
}

/// Whether `path` is a precompressed sibling (`.gz`, `.br`).
fn is_sibling(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz") || e.eq_ignore_ascii_case("br"))
}

fn sibling(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// Every regular file under `dir` (symlinks are not followed: the folder is a build output).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    let entries = fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("reading {}: {e}", dir.display()))?;
        let kind = entry.file_type().map_err(|e| e.to_string())?;
        if kind.is_dir() {
            walk(&entry.path(), out)?;
        } else if kind.is_file() {
            out.push(entry.path());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gunzip_len(gz: &[u8]) -> u32 {
        // RFC 1952: ISIZE, the input's length mod 2^32, ends the stream.
        u32::from_le_bytes(gz[gz.len() - 4..].try_into().unwrap())
    }

    #[test]
    fn header_has_no_name_and_no_mtime() {
        let gz = gzip(b"hello hello hello hello", 1).unwrap();
        assert_eq!(
            &gz[..4],
            &[0x1f, 0x8b, 8, 0],
            "magic, deflate, no FNAME/FEXTRA flags"
        );
        assert_eq!(&gz[4..8], &[0, 0, 0, 0], "mtime");
        assert_eq!(gunzip_len(&gz), 23, "isize");
    }

    #[test]
    fn same_bytes_same_stream() {
        let data: Vec<u8> = (0..20_000u32).map(|i| (i * 7 % 251) as u8).collect();
        assert_eq!(gzip(&data, 2).unwrap(), gzip(&data, 2).unwrap());
    }

    #[test]
    fn brotli_decodes_to_the_input_and_is_deterministic() {
        let data: Vec<u8> = (0..50_000u32).map(|i| (i * 13 % 97) as u8).collect();
        let br = brotli(&data).unwrap();
        assert!(br.len() < data.len() / 10, "compressed: {} B", br.len());
        assert_eq!(br, brotli(&data).unwrap(), "same bytes, same stream");
        let mut back = Vec::new();
        ::brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, data, "round trip");
    }

    #[test]
    fn writes_keeps_only_smaller_and_removes_stale() {
        let dir = std::env::temp_dir().join(format!("xtask-precompress-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("sub/app.js"), "export const a = 1;\n".repeat(200)).unwrap();
        fs::write(dir.join("tiny.css"), "a{}").unwrap();
        fs::write(dir.join("tiny.css.gz"), "old").unwrap();
        fs::write(dir.join("logo.png"), vec![0u8; 4096]).unwrap();
        fs::write(dir.join("gone.wasm.gz"), "old").unwrap();
        fs::write(dir.join("gone.wasm.br"), "old").unwrap();
        fs::write(dir.join("tiny.css.br"), "old").unwrap();
        precompress(&[dir.display().to_string(), "--iterations".into(), "1".into()]).unwrap();
        let gz = fs::read(dir.join("sub/app.js.gz")).expect("app.js.gz, recursively");
        assert_eq!(gunzip_len(&gz), 4000);
        let br = fs::read(dir.join("sub/app.js.br")).expect("app.js.br, recursively");
        let mut back = Vec::new();
        ::brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back.len(), 4000, "app.js.br decodes to app.js");
        assert!(
            !dir.join("tiny.css.gz").exists(),
            "not smaller: no .gz, the stale one removed"
        );
        assert!(!dir.join("logo.png.gz").exists(), "png does not compress");
        assert!(
            !dir.join("tiny.css.br").exists(),
            "not smaller: no .br either"
        );
        assert!(!dir.join("logo.png.br").exists(), "png does not compress");
        assert!(!dir.join("gone.wasm.gz").exists(), "source gone");
        assert!(!dir.join("gone.wasm.br").exists(), "source gone (.br)");
        fs::remove_dir_all(&dir).unwrap();
    }
}
