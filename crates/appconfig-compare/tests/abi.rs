//! The module's exported functions called as the dashboard calls them (natively here: the same
//! code): every content kind, with and without an earlier version, gives the core's diff of the
//! same inputs in its wire form.

use appconfig_compare::{appconfig_alloc, appconfig_compare, appconfig_output};
use appconfig_core::diff::{diff_configurations, ConfigDiff, ContentKind, DiffLimits};

fn input(bytes: &[u8]) -> *mut u8 {
    let p = appconfig_alloc(bytes.len());
    // SAFETY: appconfig_alloc reserved bytes.len() bytes at p.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
    p
}

fn through_module(kind: ContentKind, old: Option<&[u8]>, new: &[u8]) -> ConfigDiff {
    let (old_ptr, old_len) = old.map_or((std::ptr::null_mut(), 0), |o| (input(o), o.len()));
    // SAFETY: inputs from appconfig_alloc with their lengths, each used once.
    let len = unsafe {
        appconfig_compare(
            kind.code(),
            old_ptr,
            old_len,
            u32::from(old.is_some()),
            input(new),
            new.len(),
        )
    };
    // SAFETY: the output holds len bytes until the next comparison.
    let out = unsafe { std::slice::from_raw_parts(appconfig_output(), len) };
    ConfigDiff::from_wire(out).expect("the module's output reads as a diff")
}

/// A kind, the old content (if any) and the new one.
type Case<'a> = (ContentKind, Option<&'a [u8]>, &'a [u8]);

#[test]
fn each_kind_gives_the_cores_diff() {
    let flags_old =
        br#"{"version":"1","flags":{"a":{"name":"A"}},"values":{"a":{"enabled":false}}}"#;
    let flags_new =
        br#"{"version":"1","flags":{"a":{"name":"A"}},"values":{"a":{"enabled":true}}}"#;
    let cases: [Case; 8] = [
        (ContentKind::FeatureFlags, Some(flags_old), flags_new),
        (
            ContentKind::Json,
            Some(br#"{"a":[1,2]}"#),
            br#"{"a":[1,3]}"#,
        ),
        (ContentKind::Json, Some(b"{"), b"[]"),
        (ContentKind::Yaml, Some(b"a: 1\n"), b"a: 2\n"),
        (ContentKind::Text, Some(b"same"), b"same"),
        (ContentKind::Binary, Some(b"\x00\x01"), b"\x02"),
        (ContentKind::Json, None, br#"{"a":1}"#),
        (ContentKind::Text, Some(b""), b""),
    ];
    for (kind, old, new) in cases {
        assert_eq!(
            through_module(kind, old, new),
            diff_configurations(kind, old, new, DiffLimits::default()),
            "{kind:?} {old:?} -> {new:?}"
        );
    }
}

#[test]
fn empty_inputs_and_an_unknown_kind_are_compared() {
    assert!(matches!(
        through_module(ContentKind::Text, Some(b""), b"x"),
        ConfigDiff::Text(_)
    ));
    // An unknown kind code is compared as binary.
    let (a, b) = (b"x".as_slice(), b"y".as_slice());
    // SAFETY: as in through_module.
    let len = unsafe { appconfig_compare(99, input(a), 1, 1, input(b), 1) };
    let out = unsafe { std::slice::from_raw_parts(appconfig_output(), len) };
    assert!(matches!(
        ConfigDiff::from_wire(out),
        Some(ConfigDiff::Binary { .. })
    ));
}
