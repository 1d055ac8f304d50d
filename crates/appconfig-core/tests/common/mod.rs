//! Shared by the data-driven test files: one test function per case, run natively by libtest
//! and in headless Chromium by `wasm-bindgen-test` (`cargo test --target wasm32-unknown-unknown`).
//!
//! The data files are embedded with `include_str!`, so the browser run reads the very same bytes.

#![allow(dead_code, unused_macros)]

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Declares ordinary test functions that run natively and in the browser.
///
/// ```ignore
/// tests! {
///     fn name() { ... }
/// }
/// ```
macro_rules! tests {
    ($( $(#[doc = $doc:literal])* fn $name:ident() $body:block )*) => {
        $(
            $(#[doc = $doc])*
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $name() $body
        )*
    };
}

/// Parses an RFC 3339 timestamp of a test file; panics (failing the test) on a bad one.
pub(crate) fn time(s: &str) -> appconfig_core::DateTime {
    appconfig_core::DateTime::parse(s).unwrap_or_else(|e| panic!("bad timestamp in test data: {e}"))
}

/// Asserts that the case names of a `{"cases": [{"name": ..}, ..]}` data file are exactly
/// `listed`, so that no case of the file goes without its test function.
pub(crate) fn assert_every_case_listed(data: &str, listed: &[&str]) {
    let doc: serde_json::Value = serde_json::from_str(data).expect("test data is JSON");
    let mut in_file: Vec<&str> = doc["cases"]
        .as_array()
        .expect("test data has a cases array")
        .iter()
        .map(|c| c["name"].as_str().expect("every case has a name"))
        .collect();
    in_file.sort_unstable();
    let mut listed = listed.to_vec();
    listed.sort_unstable();
    assert_eq!(in_file, listed);
}

/// Lists the entries of a data folder (native only: the browser has no file system). Used to
/// check that every data file on disk is also listed as a test case, so none is silently skipped.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn data_entries(folder: &str, suffix: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(folder);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| {
            e.expect("directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter_map(|n| n.strip_suffix(suffix).map(str::to_owned))
        .collect();
    names.sort();
    names
}

/// xorshift64*: a small deterministic generator, so generated cases are the same on every run
/// (for the cross-checks against `time` and aws-sigv4).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number below `n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// An index below `n`.
    pub(crate) fn index(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.index(items.len())]
    }
    /// True `percent` times in a hundred.
    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.index(100) < percent
    }
    /// Up to `max` pieces of `alphabet`.
    pub(crate) fn text(&mut self, alphabet: &[&str], max: usize) -> String {
        (0..self.index(max + 1))
            .map(|_| self.pick(alphabet))
            .collect()
    }
}

/// The case called `name` in a data file's `cases` array (`file` names it in the failure).
pub(crate) fn named_case(data: &str, file: &str, name: &str) -> serde_json::Value {
    let doc: serde_json::Value =
        serde_json::from_str(data).unwrap_or_else(|e| panic!("{file} parses: {e}"));
    doc["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("{file} has a cases array"))
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no case {name} in {file}"))
        .clone()
}

/// A string member of a case, empty when absent.
pub(crate) fn text(v: &serde_json::Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_owned()
}

/// A string member of a case, if present.
pub(crate) fn opt_text(v: &serde_json::Value, key: &str) -> Option<String> {
    v[key].as_str().map(str::to_owned)
}
