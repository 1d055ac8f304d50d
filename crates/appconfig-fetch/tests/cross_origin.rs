//! `runtime::cross_origin` against `tests/data/cross_origin.json`, the table the npm package's
//! JavaScript `crossOrigin` is tested against too (`web/pkg-tests/test/policy.test.mjs`): the two
//! transports suspect CORS in the same cases.
#![cfg(not(target_arch = "wasm32"))]

use appconfig_fetch::runtime::cross_origin;

#[test]
fn cross_origin_follows_the_shared_table() {
    let table: serde_json::Value =
        serde_json::from_str(include_str!("data/cross_origin.json")).expect("the table parses");
    let cases = table["cases"].as_array().expect("cases");
    assert!(cases.len() >= 8, "the table lost its cases");
    for c in cases {
        let name = c["case"].as_str().expect("case");
        let page = c["pageOrigin"].as_str();
        let got = cross_origin(
            c["node"].as_bool().expect("node"),
            !c["pageOrigin"].is_null(),
            page,
            c["targetOrigin"].as_str(),
        );
        assert_eq!(got, c["want"].as_bool().expect("want"), "decision: {name}");
    }
}
