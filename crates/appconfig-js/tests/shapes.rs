//! `js/shapes.js`, the table the package's JavaScript validates `JSON.parse` output with, is
//! generated from the core's `appconfig_core::shape` (itself checked against the model's
//! `Deserialize` impls by the core's tests/shapes.rs). This test fails when the two differ;
//! `UPDATE_SHAPES=1 cargo test -p appconfig-js --test shapes` rewrites the file.

use appconfig_core::shape::{HOSTED_CONFIGURATION_VERSION_HEADERS, OPERATION_OUTPUTS, SHAPES};

fn render() -> String {
    let mut out = String::from(
        "// Generated from appconfig_core::shape by crates/appconfig-js/tests/shapes.rs: do not edit.\n\
         // Member codes: s string, i 32-bit integer, n number, t timestamp, m map of strings,\n\
         // a shape name for a structure, [Shape] for a list of them.\n\
         const SHAPES = {\n",
    );
    for s in SHAPES {
        let members: Vec<String> = s
            .members
            .iter()
            .map(|(n, t)| format!("{n}: \"{}\"", t.code()))
            .collect();
        out.push_str(&format!("  {}: {{ {} }},\n", s.name, members.join(", ")));
    }
    out.push_str("};\nconst OUTPUT_SHAPES = {\n");
    for (op, shape) in OPERATION_OUTPUTS {
        out.push_str(&format!("  {op}: \"{shape}\",\n"));
    }
    out.push_str("};\n");
    // GetHostedConfigurationVersion: the members read from headers (member, header, type).
    let hosted: Vec<String> = HOSTED_CONFIGURATION_VERSION_HEADERS
        .iter()
        .map(|(m, h, t)| format!("[\"{m}\", \"{h}\", \"{t}\"]"))
        .collect();
    out.push_str(&format!(
        "const HOSTED_HEADERS = [{}];\n",
        hosted.join(", ")
    ));
    out
}

#[test]
fn shapes_js_is_generated_from_the_core() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/js/shapes.js");
    let want = render();
    if std::env::var_os("UPDATE_SHAPES").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "js/shapes.js differs from appconfig_core::shape: run `UPDATE_SHAPES=1 cargo test -p appconfig-js --test shapes`\n{want}"
    );
}
