//! The 46 endpoint test cases of AppConfig's rule set (`tests/data/model/endpoint-tests-1.json`,
//! botocore's, see `tests/data/model/NOTICE`), one test each, through
//! [`appconfig_core::endpoint::resolve_endpoint`]: the URL, or the exact error message.

#[macro_use]
mod common;

use appconfig_core::{
    endpoint::{resolve_endpoint, EndpointParams},
    Error,
};
use serde_json::Value;

const TESTS: &str = include_str!("data/model/endpoint-tests-1.json");

fn cases() -> Vec<Value> {
    let doc: Value = serde_json::from_str(TESTS).expect("endpoint-tests-1.json parses");
    doc["testCases"].as_array().expect("testCases").clone()
}

fn run(index: usize) {
    let case = &cases()[index];
    let doc = case["documentation"].as_str().unwrap_or_default();
    let params = &case["params"];
    let flag = |k: &str| params.get(k).and_then(Value::as_bool).unwrap_or(false);
    let text = |k: &str| params.get(k).and_then(Value::as_str).map(str::to_owned);
    let got = resolve_endpoint(&EndpointParams {
        region: text("Region"),
        use_fips: flag("UseFIPS"),
        use_dual_stack: flag("UseDualStack"),
        endpoint: text("Endpoint"),
    });
    let expect = &case["expect"];
    if let Some(url) = expect["endpoint"]["url"].as_str() {
        assert_eq!(got, Ok(url.to_owned()), "endpoint URL didn't match ({doc})");
    } else {
        let message = expect["error"]
            .as_str()
            .expect("expect has endpoint or error");
        match got {
            Err(Error::InvalidEndpoint { reason, .. }) => {
                assert_eq!(reason, message, "error message didn't match ({doc})")
            }
            other => panic!("expected the error {message:?}, got {other:?} ({doc})"),
        }
    }
}

macro_rules! endpoint_cases {
    ($($name:ident => $index:literal,)*) => {
        $(
            #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
            #[cfg_attr(not(target_arch = "wasm32"), test)]
            fn $name() {
                run($index);
            }
        )*

        tests! {
            /// Every case of the file has a test above, in order.
            fn every_case_is_listed() {
                let listed = [$($index),*];
                assert_eq!(listed.len(), cases().len());
                assert!(listed.iter().enumerate().all(|(i, &n)| i == n));
                assert_eq!(listed.len(), 46);
            }
        }
    };
}

endpoint_cases! {
    af_south_1_fips_disabled_dualstack_disabled => 0,
    ap_east_1_fips_disabled_dualstack_disabled => 1,
    ap_northeast_1_fips_disabled_dualstack_disabled => 2,
    ap_northeast_2_fips_disabled_dualstack_disabled => 3,
    ap_northeast_3_fips_disabled_dualstack_disabled => 4,
    ap_south_1_fips_disabled_dualstack_disabled => 5,
    ap_southeast_1_fips_disabled_dualstack_disabled => 6,
    ap_southeast_2_fips_disabled_dualstack_disabled => 7,
    ap_southeast_3_fips_disabled_dualstack_disabled => 8,
    ca_central_1_fips_disabled_dualstack_disabled => 9,
    eu_central_1_fips_disabled_dualstack_disabled => 10,
    eu_north_1_fips_disabled_dualstack_disabled => 11,
    eu_south_1_fips_disabled_dualstack_disabled => 12,
    eu_west_1_fips_disabled_dualstack_disabled => 13,
    eu_west_2_fips_disabled_dualstack_disabled => 14,
    eu_west_3_fips_disabled_dualstack_disabled => 15,
    me_south_1_fips_disabled_dualstack_disabled => 16,
    sa_east_1_fips_disabled_dualstack_disabled => 17,
    us_east_1_fips_disabled_dualstack_disabled => 18,
    us_east_2_fips_disabled_dualstack_disabled => 19,
    us_west_1_fips_disabled_dualstack_disabled => 20,
    us_west_2_fips_disabled_dualstack_disabled => 21,
    us_east_1_fips_enabled_dualstack_enabled => 22,
    us_east_1_fips_enabled_dualstack_disabled => 23,
    us_east_1_fips_disabled_dualstack_enabled => 24,
    cn_north_1_fips_disabled_dualstack_disabled => 25,
    cn_northwest_1_fips_disabled_dualstack_disabled => 26,
    cn_north_1_fips_enabled_dualstack_enabled => 27,
    cn_north_1_fips_enabled_dualstack_disabled => 28,
    cn_north_1_fips_disabled_dualstack_enabled => 29,
    us_gov_east_1_fips_disabled_dualstack_disabled => 30,
    us_gov_east_1_fips_enabled_dualstack_disabled => 31,
    us_gov_west_1_fips_disabled_dualstack_disabled => 32,
    us_gov_west_1_fips_enabled_dualstack_disabled => 33,
    us_gov_east_1_fips_enabled_dualstack_enabled => 34,
    us_gov_east_1_fips_disabled_dualstack_enabled => 35,
    us_iso_east_1_fips_disabled_dualstack_disabled => 36,
    us_iso_west_1_fips_disabled_dualstack_disabled => 37,
    us_iso_east_1_fips_enabled_dualstack_disabled => 38,
    us_isob_east_1_fips_disabled_dualstack_disabled => 39,
    us_isob_east_1_fips_enabled_dualstack_disabled => 40,
    custom_endpoint_region_set_and_fips_disabled_dualstack_disabled => 41,
    custom_endpoint_region_not_set_and_fips_disabled_dualstack_disabled => 42,
    for_custom_endpoint_fips_enabled_dualstack_disabled => 43,
    for_custom_endpoint_fips_disabled_dualstack_enabled => 44,
    missing_region => 45,
}
