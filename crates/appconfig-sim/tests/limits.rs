//! Hostile clients against the binary: a dribbled body is cut off, stalled uploads hold little
//! memory, and more connections than the limit wait instead of piling up.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

mod common;

struct Sim {
    child: Child,
    addr: String,
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Sim {
    let (child, url) = common::spawn_binary(
        &["--port".as_ref(), "0".as_ref(), "--quiet".as_ref()],
        Stdio::null(),
    );
    let addr = url
        .strip_prefix("http://")
        .unwrap_or_else(|| panic!("{url}"))
        .to_owned();
    Sim { child, addr }
}

/// The resident memory of a process, KiB (Linux).
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn post_head(addr: &str, length: usize) -> TcpStream {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST /applications/web0001/environments/dev0001/deployments HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    )
    .unwrap();
    s
}

#[test]
fn a_dribbled_body_is_cut_off_well_before_45_seconds() {
    let sim = start();
    let mut s = post_head(&sim.addr, 1000);
    s.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    // One byte every 200 ms, for at most 30 s.
    while started.elapsed() < Duration::from_secs(30) {
        if s.write_all(b" ").is_err() {
            break;
        }
        let mut buf = [0u8; 4096];
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
        if answer.windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
    }
    let took = started.elapsed();
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text:?} after {took:?}");
    assert!(
        text.to_ascii_lowercase().contains("connection: close"),
        "{text}"
    );
    assert!(took < Duration::from_secs(15), "{took:?}");
}

#[test]
fn stalled_uploads_and_excess_connections_hold_little_memory() {
    let sim = start();
    let pid = sim.child.id();
    // Warm up: one normal request, so the baseline includes the runtime's threads and buffers.
    let mut warm = TcpStream::connect(&sim.addr).unwrap();
    write!(
        warm,
        "GET /_sim/health HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        sim.addr
    )
    .unwrap();
    let mut sink = Vec::new();
    let _ = warm.read_to_end(&mut sink);
    std::thread::sleep(Duration::from_millis(200));
    let before = rss_kib(pid);
    // 64 uploads announcing 1.2 MB, each sending 1.1 MB (more than the body limit) and stalling,
    // then 200 more connections than the limit allows, idle.
    let chunk = vec![b'x'; 64 * 1024];
    let mut held = Vec::new();
    for _ in 0..64 {
        let mut s = post_head(&sim.addr, 1_200_000);
        s.set_write_timeout(Some(Duration::from_secs(2))).unwrap();
        for _ in 0..17 {
            if s.write_all(&chunk).is_err() {
                break;
            }
        }
        held.push(s);
    }
    for _ in 0..200 {
        if let Ok(s) = TcpStream::connect(&sim.addr) {
            held.push(s);
        }
    }
    std::thread::sleep(Duration::from_millis(500));
    let during = rss_kib(pid);
    eprintln!("rss before {before} KiB, with 64 stalled uploads and 264 connections {during} KiB");
    assert!(before > 0);
    assert!(
        during < before * 4 && during - before.min(during) < 40 * 1024,
        "rss grew from {before} KiB to {during} KiB"
    );
    drop(held);
    // The server still answers.
    let mut s = TcpStream::connect(&sim.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    write!(
        s,
        "GET /_sim/health HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        sim.addr
    )
    .unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
}
