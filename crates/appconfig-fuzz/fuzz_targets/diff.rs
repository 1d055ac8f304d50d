#![no_main]
//! See `appconfig_fuzz::diff` for the input form and what is checked.

libfuzzer_sys::fuzz_target!(|data: &[u8]| appconfig_fuzz::diff::run(data));
