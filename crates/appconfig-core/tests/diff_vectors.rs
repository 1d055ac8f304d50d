//! `diff::diff_configurations` on the cases of `tests/vectors/diff/` (one file and one test per
//! case: the kind, the two contents, the limits and the expected diff), and on 2 MB documents
//! generated here, natively and in headless Chromium.

#[macro_use]
mod common;

use appconfig_core::diff::{
    diff_configurations, ConfigDiff, ContentKind, DiffLimits, FlagChange, JsonChange, TextDiff,
};
use serde_json::Value;

fn bytes(case: &Value, side: &str) -> Option<Vec<u8>> {
    if let Some(h) = case[format!("{side}_hex")].as_str() {
        return Some(hex::decode(h).expect("hex content"));
    }
    match &case[side] {
        Value::Null => None,
        Value::String(s) => Some(s.as_bytes().to_vec()),
        other => panic!("{side} is a string, null or {side}_hex, not {other}"),
    }
}

fn kind(name: &str) -> ContentKind {
    match name {
        "FeatureFlags" => ContentKind::FeatureFlags,
        "Json" => ContentKind::Json,
        "Yaml" => ContentKind::Yaml,
        "Text" => ContentKind::Text,
        "Binary" => ContentKind::Binary,
        other => panic!("unknown kind {other}"),
    }
}

fn limits(case: &Value) -> DiffLimits {
    let mut l = DiffLimits::default();
    let Some(m) = case["limits"].as_object() else {
        return l;
    };
    for (k, v) in m {
        let v = v.as_u64().expect("a limit is a number") as usize;
        match k.as_str() {
            "max_changes" => l.max_changes = v,
            "max_value_chars" => l.max_value_chars = v,
            "max_lines" => l.max_lines = v,
            "max_line_chars" => l.max_line_chars = v,
            "context" => l.context = v,
            "max_aligned_items" => l.max_aligned_items = v,
            "max_diffed_lines" => l.max_diffed_lines = v,
            other => panic!("unknown limit {other}"),
        }
    }
    l
}

fn changes(list: &[JsonChange]) -> Value {
    list.iter()
        .map(|c| serde_json::json!([c.path, c.kind.as_str(), c.old, c.new]))
        .collect()
}

fn hunks(t: &TextDiff) -> Value {
    t.hunks
        .iter()
        .map(|h| {
            let lines: Vec<String> = h
                .lines
                .iter()
                .map(|(tag, l)| format!("{}{l}", tag.sign()))
                .collect();
            serde_json::json!({"old_start": h.old_start, "new_start": h.new_start, "lines": lines})
        })
        .collect()
}

fn flags(list: &[FlagChange], expect: &Value) {
    let shown: Vec<String> = list.iter().map(ToString::to_string).collect();
    let want: Vec<&str> = expect["flags"]
        .as_array()
        .expect("expect.flags")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(shown, want, "flag changes (Display) differ");
    if let Some(attrs) = expect["attributes"].as_object() {
        for (flag, want) in attrs {
            let c = list
                .iter()
                .find(|c| &c.flag == flag)
                .unwrap_or_else(|| panic!("no change of flag {flag}"));
            assert_eq!(
                &changes(&c.attributes),
                want,
                "attributes of flag {flag} differ"
            );
        }
    }
}

fn run(name: &str, file: &str) {
    let case: Value =
        serde_json::from_str(file).unwrap_or_else(|e| panic!("{name}: bad vector: {e}"));
    let new = bytes(&case, "new").expect("a case has new content");
    let old = bytes(&case, "old");
    let got = diff_configurations(
        kind(case["kind"].as_str().expect("kind")),
        old.as_deref(),
        &new,
        limits(&case),
    );
    let expect = &case["expect"];
    let variant = expect["variant"].as_str().expect("expect.variant");
    let truncated = expect["truncated"].as_bool().unwrap_or(false);
    match (&got, variant) {
        (ConfigDiff::FeatureFlags(list), "FeatureFlags") => flags(list, expect),
        (ConfigDiff::Json(j), "Json") => {
            assert_eq!(
                changes(&j.changes),
                expect["changes"],
                "json changes differ"
            );
            assert_eq!(j.truncated, truncated, "json truncated flag differs");
        }
        (ConfigDiff::Text(t), "Text") => {
            assert_eq!(hunks(t), expect["hunks"], "hunks differ");
            assert_eq!(t.truncated, truncated, "text truncated flag differs");
        }
        (ConfigDiff::Unparsable { reason, text }, "Unparsable") => {
            assert_eq!(reason, expect["reason"].as_str().unwrap(), "reason differs");
            assert_eq!(hunks(text), expect["hunks"], "fallback hunks differ");
        }
        (ConfigDiff::Binary { old, new }, "Binary") => {
            let digest =
                |d: &appconfig_core::diff::Digest| serde_json::json!([d.len, d.sha256_hex]);
            assert_eq!(
                old.as_ref().map(digest),
                Some(expect["old"].clone()),
                "old digest differs"
            );
            assert_eq!(digest(new), expect["new"], "new digest differs");
        }
        (ConfigDiff::First { summary }, "First") => {
            assert_eq!(
                summary,
                expect["summary"].as_str().unwrap(),
                "summary differs"
            )
        }
        (ConfigDiff::Identical, "Identical") => {}
        (other, want) => panic!("{name}: expected a {want} diff, got {other:?}"),
    }
    assert_eq!(got.truncated(), truncated, "ConfigDiff::truncated differs");
    assert_eq!(
        ConfigDiff::from_wire(&got.to_wire()).as_ref(),
        Some(&got),
        "the wire form does not read back"
    );
}

macro_rules! vectors {
    ($($name:ident),+ $(,)?) => {
        tests! {
            $(fn $name() {
                run(stringify!($name), include_str!(concat!("vectors/diff/", stringify!($name), ".json")));
            })+
        }
        #[cfg(not(target_arch = "wasm32"))]
        const LISTED: &[&str] = &[$(stringify!($name)),+];
    };
}

vectors!(
    flags_turned_on,
    flags_attributes,
    flags_added_removed,
    flags_capped,
    flags_not_a_document,
    json_nested,
    json_arrays,
    json_long_array_by_index,
    json_values_cut,
    json_untrusted_text,
    json_formatting_only,
    json_invalid,
    json_empty_old,
    text_lines,
    text_line_cap,
    text_anchored,
    text_coarse_block,
    text_long_line_cut,
    yaml_as_text,
    empty_to_content,
    content_to_empty,
    binary,
    text_not_utf8,
    identical,
    first_flags,
    first_json,
    first_text,
    first_binary,
);

/// Every file of `vectors/diff/` has its test above (native only: the browser has no files).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_vector_is_listed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/diff");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("vectors/diff exists")
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".json")
                .map(str::to_owned)
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<&str> = LISTED.to_vec();
    listed.sort_unstable();
    assert_eq!(on_disk, listed, "vectors on disk and tests listed differ");
}
