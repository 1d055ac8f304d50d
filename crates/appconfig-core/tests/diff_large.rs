//! `diff::diff_configurations` on 2 MB contents (AppConfig's hosted store quota) generated here:
//! JSON with a few values changed and with an item inserted in a long array, a feature flags
//! document, text with a few lines changed and text where every line differs. Each checks the
//! diff found and prints how long it took (natively and in the browser); the time bound only
//! catches a hang, the numbers in the README come from release builds.

#[macro_use]
mod common;

use appconfig_core::diff::{
    diff_configurations, ConfigDiff, ContentKind, DiffLimits, FlagChangeKind,
};

const TWO_MB: usize = 2 * 1024 * 1024;

fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::time::{SystemTime, UNIX_EPOCH};
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }
}

/// Runs `diff_configurations`, prints its time, and fails past 30 s (a hang, not slowness).
fn timed(label: &str, kind: ContentKind, old: &[u8], new: &[u8]) -> ConfigDiff {
    let start = now_ms();
    let d = diff_configurations(kind, Some(old), new, DiffLimits::default());
    let ms = now_ms() - start;
    let line = format!(
        "{label}: {} + {} bytes diffed in {ms:.0} ms",
        old.len(),
        new.len()
    );
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_test::console_log!("{line}");
    #[cfg(not(target_arch = "wasm32"))]
    println!("{line}");
    assert!(ms < 30_000.0, "{label}: took {ms} ms");
    d
}

/// About 2 MB of JSON: `{"items": [{"id": i, "name": …, "enabled": …, "weights": [...]}, …]}`.
fn items(n: usize, tweak: impl Fn(usize, &mut serde_json::Value)) -> Vec<u8> {
    let items: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let mut v = serde_json::json!({
                "id": i,
                "name": format!("service-{i:06}"),
                "enabled": i % 3 == 0,
                "weights": [i % 7, i % 11, i % 13, 0.25],
                "owner": {"team": format!("team-{}", i % 40), "pager": format!("pd-{i}")},
            });
            tweak(i, &mut v);
            v
        })
        .collect();
    serde_json::to_vec_pretty(&serde_json::json!({ "items": items })).unwrap()
}

fn json_pair() -> (Vec<u8>, usize) {
    let mut n = 1000;
    loop {
        let doc = items(n, |_, _| {});
        if doc.len() >= TWO_MB {
            return (doc, n);
        }
        n = n * TWO_MB / doc.len() + 10;
    }
}

tests! {
    fn json_2mb_values_changed() {
        let (old, n) = json_pair();
        let new = items(n, |i, v| {
            if i % 2000 == 7 {
                v["enabled"] = serde_json::json!("maybe");
            }
        });
        let ConfigDiff::Json(d) = timed("JSON, values changed", ContentKind::Json, &old, &new) else {
            panic!("not a JSON diff")
        };
        let want = (0..n).filter(|i| i % 2000 == 7).count();
        assert_eq!(d.changes.len(), want, "one change per changed value");
        assert!(d.changes.iter().all(|c| c.path.ends_with(".enabled")), "paths name the member");
        assert!(!d.truncated, "not truncated");
    }

    fn json_2mb_item_inserted() {
        let (old, n) = json_pair();
        let mut doc: serde_json::Value = serde_json::from_slice(&old).unwrap();
        doc["items"].as_array_mut().unwrap().insert(0, serde_json::json!({"id": -1}));
        let new = serde_json::to_vec_pretty(&doc).unwrap();
        let ConfigDiff::Json(d) = timed("JSON, item inserted in a long array", ContentKind::Json, &old, &new) else {
            panic!("not a JSON diff")
        };
        assert!(n > DiffLimits::default().max_aligned_items, "the array is past the alignment limit");
        assert_eq!(d.changes.len(), DiffLimits::default().max_changes, "capped");
        assert!(d.truncated, "says it is truncated");
    }

    fn flags_2mb_some_turned_on() {
        let doc = |on: &dyn Fn(usize) -> bool| {
            let mut flags = serde_json::Map::new();
            let mut values = serde_json::Map::new();
            for i in 0..14_000 {
                let name = format!("flag-{i:05}");
                flags.insert(name.clone(), serde_json::json!({"name": name, "description": "a flag of the generated document", "attributes": {"percent": {"constraints": {"type": "number"}}}}));
                values.insert(name, serde_json::json!({"enabled": on(i), "percent": i % 100}));
            }
            serde_json::to_vec(&serde_json::json!({"version": "1", "flags": flags, "values": values})).unwrap()
        };
        let old = doc(&|_| false);
        let new = doc(&|i| i % 1000 == 0);
        assert!(old.len() >= TWO_MB - TWO_MB / 10, "about 2 MB: {}", old.len());
        let ConfigDiff::FeatureFlags(list) = timed("flags", ContentKind::FeatureFlags, &old, &new) else {
            panic!("not a flags diff")
        };
        assert_eq!(list.len(), 14, "one change per flag turned on");
        assert!(list.iter().all(|c| c.kind == FlagChangeKind::Enabled), "all turned on");
    }

    fn text_2mb_lines_changed() {
        let line = |i: usize| format!("key_{i:06} = value of line {i} with some padding to be long enough\n");
        let lines = TWO_MB / line(0).len();
        let old: String = (0..lines).map(line).collect();
        let new: String = (0..lines)
            .map(|i| if i % 5000 == 1 { format!("changed {i}\n") } else { line(i) })
            .collect();
        let ConfigDiff::Text(t) = timed("text, lines changed", ContentKind::Text, old.as_bytes(), new.as_bytes()) else {
            panic!("not a text diff")
        };
        assert_eq!(t.hunks.len(), (0..lines).filter(|i| i % 5000 == 1).count(), "one hunk per change");
        assert!(!t.truncated, "exact");
    }

    fn text_2mb_every_line_differs() {
        let old: String = (0..40_000).map(|i| format!("old line {i} of the first version...\n")).collect();
        let new: String = (0..40_000).map(|i| format!("new line {i} of the second version..\n")).collect();
        let ConfigDiff::Text(t) = timed("text, every line differs", ContentKind::Text, old.as_bytes(), new.as_bytes()) else {
            panic!("not a text diff")
        };
        assert!(t.truncated, "shown coarse and cut");
        let shown: usize = t.hunks.iter().map(|h| h.lines.len()).sum();
        assert_eq!(shown, DiffLimits::default().max_lines, "lines capped");
    }
}

tests! {
    /// The worst case of the exact line diff: a block just under `max_diffed_lines` where every
    /// line differs (no line in common to anchor on), so Myers' algorithm does its most work.
    fn text_worst_exact_block() {
        let half = DiffLimits::default().max_diffed_lines / 2;
        let old: String = (0..half).map(|i| format!("a{i}\n")).collect();
        let new: String = (0..half).map(|i| format!("b{i}\n")).collect();
        let ConfigDiff::Text(t) = timed("text, worst exact block", ContentKind::Text, old.as_bytes(), new.as_bytes()) else {
            panic!("not a text diff")
        };
        assert!(t.truncated, "cut by max_lines");
        assert_eq!(t.hunks.len(), 1, "one block");
    }
}
