//! Empty: the tests are in `tests/sdk.rs`.
