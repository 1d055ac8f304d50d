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
