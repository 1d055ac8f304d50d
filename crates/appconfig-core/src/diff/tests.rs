use super::*;

#[test]
fn flags_turned_on_read_by_name() {
    let old = br#"{"version":"1","flags":{"checkout-v2":{"name":"Checkout v2"}},"values":{"checkout-v2":{"enabled":false}}}"#;
    let new = br#"{"version":"1","flags":{"checkout-v2":{"name":"Checkout v2"}},"values":{"checkout-v2":{"enabled":true}}}"#;
    let d = diff_configurations(
        ContentKind::FeatureFlags,
        Some(old),
        new,
        DiffLimits::default(),
    );
    let ConfigDiff::FeatureFlags(changes) = d else {
        panic!("not a flags diff: {d:?}")
    };
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].to_string(), "checkout-v2: off → on");
}
