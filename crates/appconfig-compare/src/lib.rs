//! The core's [`diff_configurations`] as a wasm module of its own: the diff (serde_json's
//! `Value` and writer, `similar`'s Myers, the flags reader) is a fifth of the dashboard's wasm
//! and runs only when someone opens "What changed", so the dashboard and the elements fetch this
//! module then, not with the page.
//!
//! No wasm-bindgen: the module imports nothing and exports `memory` and three functions, so the
//! page's own wasm instantiates it with `WebAssembly.instantiate` and no glue (and a bundler has
//! one more `.wasm` asset to copy, nothing to transform). A call: `appconfig_alloc` twice for
//! the contents (written into `memory` by the caller), `appconfig_compare`, then the result's
//! bytes at `appconfig_output()`, as many as `appconfig_compare` returned, in the core's wire
//! form ([`ConfigDiff::from_wire`](appconfig_core::diff::ConfigDiff::from_wire) reads it).
//!
//! ```
//! use appconfig_compare::{appconfig_alloc, appconfig_compare, appconfig_output};
//! use appconfig_core::diff::{ConfigDiff, ContentKind};
//!
//! fn input(bytes: &[u8]) -> *mut u8 {
//!     let p = appconfig_alloc(bytes.len());
//!     // SAFETY: appconfig_alloc reserved bytes.len() bytes at p.
//!     unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
//!     p
//! }
//! let (old, new) = (b"a\nb\n", b"a\nc\n");
//! // SAFETY: both inputs come from appconfig_alloc with these lengths.
//! let len = unsafe { appconfig_compare(ContentKind::Text.code(), input(old), old.len(), 1, input(new), new.len()) };
//! // SAFETY: the output holds len bytes until the next comparison.
//! let out = unsafe { std::slice::from_raw_parts(appconfig_output(), len) };
//! assert!(matches!(ConfigDiff::from_wire(out), Some(ConfigDiff::Text(_))));
//! ```

use std::cell::RefCell;

use appconfig_core::diff::{diff_configurations, ContentKind, DiffLimits};

thread_local! {
    /// The last comparison's result, kept until the next one.
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Reserves `len` bytes for one content and gives their address; the caller writes the content
/// there and hands it to [`appconfig_compare`], which frees it.
#[no_mangle]
pub extern "C" fn appconfig_alloc(len: usize) -> *mut u8 {
    let mut v = std::mem::ManuallyDrop::new(Vec::<u8>::with_capacity(len));
    v.as_mut_ptr()
}

/// Compares the new content (`new_ptr`, `new_len`) with the old one (`old_ptr`, `old_len`; only
/// when `has_old` is not 0: else there is no earlier version) as the content kind `kind`
/// ([`ContentKind::code`]) says, with the default limits, and gives the length of the result
/// at [`appconfig_output`]. Frees both inputs.
///
/// # Safety
/// Each input is a pointer [`appconfig_alloc`] gave for exactly that length, holding that many
/// bytes, used once (`old_ptr` only when `has_old` is not 0).
#[no_mangle]
pub unsafe extern "C" fn appconfig_compare(
    kind: u32,
    old_ptr: *mut u8,
    old_len: usize,
    has_old: u32,
    new_ptr: *mut u8,
    new_len: usize,
) -> usize {
    // SAFETY: the caller's contract: allocated by appconfig_alloc with capacity == length, filled.
    let new = unsafe { Vec::from_raw_parts(new_ptr, new_len, new_len) };
    let old = (has_old != 0).then(|| {
        // SAFETY: as above, for the old content.
        unsafe { Vec::from_raw_parts(old_ptr, old_len, old_len) }
    });
    let diff = diff_configurations(
        ContentKind::from_code(kind),
        old.as_deref(),
        &new,
        DiffLimits::default(),
    );
    let bytes = diff.to_wire();
    let len = bytes.len();
    OUTPUT.with(|o| *o.borrow_mut() = bytes);
    len
}

/// Where the last comparison's result is (as many bytes as [`appconfig_compare`] returned),
/// valid until the next comparison.
#[no_mangle]
pub extern "C" fn appconfig_output() -> *const u8 {
    OUTPUT.with(|o| o.borrow().as_ptr())
}
