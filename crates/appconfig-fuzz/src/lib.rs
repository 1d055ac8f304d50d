//! What the fuzz targets check, one module per target; each target in `fuzz_targets/` is one line
//! calling `run` here.
//!
//! Inputs are plain text where the code under test reads text, framed like an HTTP message
//! ([`Message`]), so that the seed corpora are the test fixtures themselves (written by
//! `cargo xtask fuzz` into `seeds/`) and a crashing input reads like a request or a response.
//! Where the input is a set of values rather than text (`validate`, and the structured half of
//! `timeline`), it is decoded with `arbitrary`.
//!
//! Every target checks more than "no panic": what it parses must serialize and parse back to the
//! same value, what it validates must build a request, what it signs must be a well-formed
//! SigV4 header, what the simulator stores must load again.

pub mod diff;
pub mod message;
pub mod parse_error;
pub mod parse_response;
pub mod sign;
pub mod sim_request;
pub mod timeline;
pub mod validate;

pub use message::Message;

/// True when two serialized values are equal, numbers within one part in 10^15: serde_json's
/// default float parser (what the core uses, for the npm package's size) is not correctly
/// rounded for numbers of more than 15 or so digits, so a 17-digit float may come back one unit
/// in the last place off. Anything else that changes in a round trip is a bug.
pub fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) if x.is_finite() && y.is_finite() => {
                x == y || (x - y).abs() <= 1e-15 * x.abs().max(y.abs())
            }
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// The core's own JSON reader (`json_tree`, the browser transport's) against serde_json's on the
/// same 2xx body: the same value when both read it, and the same verdict but for the
/// documented differences (a lone surrogate escape is U+FFFD; nesting past 128 and numbers
/// beyond f64 are refused also inside members the model does not know).
pub fn tree_agrees<T>(
    body: &[u8],
    serde: &Result<T, appconfig_core::Error>,
    tree: &Result<T, appconfig_core::Error>,
) where
    T: serde::Serialize,
{
    let text = String::from_utf8_lossy(body);
    match (serde, tree) {
        (Ok(a), Ok(b)) => {
            let (a, b) = (
                serde_json::to_value(a).expect("serializes"),
                serde_json::to_value(b).expect("serializes"),
            );
            // Past 15 digits serde_json's float parser and the core's may round a number (and
            // the millisecond of an epoch-seconds timestamp) one unit apart.
            if !has_long_number(&text) {
                assert!(same_json(&a, &b), "the readers read different values:\n{a}\n{b}");
            }
        }
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => {
            let e = e.to_string();
            assert!(
                e.contains("recursion limit exceeded") || e.contains("number out of range"),
                "json_tree refuses what serde_json reads: {e}"
            );
        }
        (Err(e), Ok(_)) => {
            assert!(
                text.to_ascii_lowercase().contains("\\ud"),
                "json_tree reads what serde_json refuses ({e})"
            );
        }
    }
}

/// A run of 16 or more digits (dots between them included).
fn has_long_number(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        match b {
            b'0'..=b'9' => {
                run += 1;
                if run >= 16 {
                    return true;
                }
            }
            b'.' => {}
            _ => run = 0,
        }
    }
    false
}

/// A fixed, valid instant (2024-05-01T12:00:00Z) for checks that need one.
pub fn fixed_now() -> appconfig_core::DateTime {
    appconfig_core::DateTime::from_epoch_millis(1_714_564_800_000)
}

/// `Deployment::from_json` (the CLI-JSON import): no panic on any text, and what parses
/// serializes and parses back to the same deployment, whose timeline can be derived.
pub mod from_json {
    use appconfig_core::{timeline, Deployment, response::parse_json_body, model::DeploymentSummary};

    /// Runs one input.
    pub fn run(data: &[u8]) {
        let Ok(text) = std::str::from_utf8(data) else {
            // The bytes path of the same parser must refuse invalid UTF-8 without panicking.
            let _ = parse_json_body::<Deployment>(200, data);
            return;
        };
        let parsed = Deployment::from_json(text);
        let tree = appconfig_core::json_tree::read_json_body::<Deployment>(200, text.as_bytes());
        crate::tree_agrees(text.as_bytes(), &parsed, &tree);
        let Ok(d) = parsed else {
            return;
        };
        let json = d.to_json();
        let again = Deployment::from_json(&json)
            .unwrap_or_else(|e| panic!("to_json wrote what from_json refuses: {e}\n{json}"));
        let (a, b) = (
            serde_json::to_value(&again).expect("serializes"),
            serde_json::to_value(&d).expect("serializes"),
        );
        assert!(
            crate::same_json(&a, &b),
            "round trip changed the deployment:\n{a}\n{b}"
        );
        let _ = DeploymentSummary::from(&d);
        for now in [None, Some(crate::fixed_now())] {
            let t = timeline(&d, now);
            serde_json::to_string(&t).expect("a timeline serializes");
        }
    }
}
