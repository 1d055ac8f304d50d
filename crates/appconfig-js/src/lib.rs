#![doc = include_str!("../README.md")]
//!
//! # The wasm side
//!
//! The wasm side of the `appconfig-wasm` npm package's client: everything the AWS SDK's rules
//! decide, none of the I/O. Every export is synchronous and takes and returns numbers and
//! strings only; the package's JavaScript reads the caller's objects (own properties only),
//! sends the requests, waits between attempts and builds the results.
//!
//! - [`prepare`] validates an operation's input by the model's rules and gives its request line;
//! - [`Client::sign`] signs it for the endpoint the configuration resolves to, with a
//!   [`appconfig_core::sign::Signer`] that keeps its signing keys;
//! - [`Client::decide`] reads an error response (or a transport failure) by the core's rules and
//!   says what the standard retry mode does next: give up, wait, or correct the clock;
//! - [`sign_request`] signs any AWS request; [`service_error`] reads an error response.
//!
//! What crosses (one string each way, no JavaScript objects) is described in [`wire`]: joining
//! and splitting a few strings costs less than a boundary call per member, and keeps
//! `js-sys`, closures and futures out of the module. Timestamps, floats and JSON stay on the
//! JavaScript side, so no float formatting or JSON parser is compiled in.
//!
//! ```
//! use appconfig_js::{prepare, Client};
//! let line = prepare(0, "abc1234".into(), "def5678".into(), None, Some(3.0), false, None).unwrap();
//! assert_eq!(line, "GET\n/applications/abc1234/environments/def5678/deployments/3");
//! let mut client = Client::new(Some("us-east-1".into()), None, None, false, false, 3).unwrap();
//! let signed = client.sign(&line, "AKID".into(), "SECRET".into(), None, 1.7e12).unwrap();
//! assert!(signed.starts_with("https://appconfig.us-east-1.amazonaws.com/applications/"));
//! ```

mod client;
mod sign;
pub mod wire;

pub use client::{prepare, Client};
pub use sign::{environment_state_kind, service_error, sign_request};

// lol_alloc's free-list allocator (it frees and coalesces; not its leaking ones): 3.3 KB gzip
// smaller than the default dlmalloc, and as fast for this module's few small allocations
// (measured interleaved on signRequest). web/pkg-tests/test/memory.test.mjs proves it frees.
// SAFETY: wasm32-unknown-unknown without threads: the module runs on one thread.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
