//! The members of `deploymentTimeline`'s result, derived from the core: every timeline of the
//! core's vectors (`appconfig-core/tests/data/timeline/*.json`) serialized by `Timeline`'s
//! `Serialize` (the JSON form the core documents), its members collected per object, and those
//! holding a time noted. They must equal `crates/appconfig-js/js/timeline-keys.json`, which
//! `web/pkg-tests/test/types-runtime.test.mjs` holds `index.d.ts` and the package's result to.
//! A member the core's timeline gains fails here first; the message prints the new file.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use appconfig_core::{timeline, DateTime, Deployment};
use serde_json::{json, Value};

#[derive(Default)]
struct Object {
    keys: BTreeSet<String>,
    dates: BTreeSet<String>,
    /// Members seen with a value other than null (a date is known as one only from a value).
    seen: BTreeSet<String>,
}

fn collect(objects: &mut BTreeMap<&'static str, Object>, name: &'static str, v: &Value) {
    let Some(map) = v.as_object() else { return };
    let o = objects.entry(name).or_default();
    for (k, x) in map {
        o.keys.insert(k.clone());
        if !x.is_null() {
            o.seen.insert(k.clone());
        }
        if x.as_str().is_some_and(|s| DateTime::parse(s).is_ok()) {
            o.dates.insert(k.clone());
        }
    }
}

fn each(objects: &mut BTreeMap<&'static str, Object>, name: &'static str, v: &Value) {
    for x in v.as_array().into_iter().flatten() {
        collect(objects, name, x);
    }
}

#[test]
fn the_package_declares_every_member_of_the_cores_timeline() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../appconfig-core/tests/data/timeline");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the core's timeline vectors")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "only {} timeline vectors", files.len());
    let mut objects = BTreeMap::new();
    for file in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(file).expect("read"))
            .expect("the vector parses");
        let d = Deployment::from_json(&case["deployment"].to_string()).expect("its deployment");
        let now = case["now"]
            .as_str()
            .map(|s| DateTime::parse(s).expect("its now"));
        let t = serde_json::to_value(timeline(&d, now)).expect("the timeline serializes");
        collect(&mut objects, "Timeline", &t);
        each(&mut objects, "TimelineEntry", &t["entries"]);
        each(&mut objects, "TimelineStep", &t["steps"]);
        each(&mut objects, "TimelinePoint", &t["chart"]);
        each(&mut objects, "TimelinePoint", &t["projection"]["nextSteps"]);
        collect(&mut objects, "TimelineBake", &t["bake"]);
        collect(&mut objects, "TimelineRollback", &t["rollback"]);
        collect(&mut objects, "TimelineProjection", &t["projection"]);
    }
    let mut derived = serde_json::Map::new();
    for (name, o) in &objects {
        let unseen: Vec<_> = o.keys.difference(&o.seen).collect();
        assert!(
            unseen.is_empty(),
            "{name}: no vector gives {unseen:?} a value, so whether it is a date is unknown"
        );
        derived.insert(
            (*name).to_owned(),
            json!({ "keys": o.keys, "dates": o.dates }),
        );
    }
    assert_eq!(
        derived.len(),
        7,
        "every object of the timeline is in a vector"
    );
    let derived = Value::Object(derived);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../appconfig-js/js/timeline-keys.json");
    let declared: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default())
        .unwrap_or(Value::Null);
    assert!(
        declared == derived,
        "{} differs from the core's timeline; it should read:\n{}",
        path.display(),
        serde_json::to_string_pretty(&derived).unwrap_or_default()
    );
}
