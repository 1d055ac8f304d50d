//! Turns the dashboard's stylesheet into the elements' shadow-root stylesheet: `:root` becomes
//! `:host`, the `theme` attribute replaces `data-theme` (the palette is one `light-dark()` per
//! colour; `color-scheme` on the host picks the side), `body` becomes the element's `.app`
//! container, and every colour, the radius and the font may be set by the host page through an
//! `--appconfig-*` custom property (custom properties inherit into a shadow root).

use std::path::Path;
use std::{env, fs};

fn main() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../appconfig-dashboard/assets/style.css");
    println!("cargo:rerun-if-changed={}", src.display());
    println!("cargo:rerun-if-changed=src/element.css");
    let css = fs::read_to_string(&src).expect("read the dashboard's style.css");
    let own = fs::read_to_string("src/element.css").expect("read src/element.css");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("elements.css");
    fs::write(out, format!("{own}\n{}", shadow_css(&css))).expect("write elements.css");
}

/// `css` without its comments (they may span lines and name page-level selectors).
fn uncommented(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

fn shadow_css(css: &str) -> String {
    let css = uncommented(css);
    let mut out = String::with_capacity(css.len());
    let mut in_theme = true;
    for line in css.lines() {
        let t = line.trim_start();
        if t.starts_with("* {") {
            // The theme blocks come first; everything after them is the layout.
            in_theme = false;
        }
        if t.is_empty() || t.starts_with("html {") {
            continue;
        }
        let line = line
            .replace(":root[data-theme=\"light\"]", ":host([theme=\"light\"])")
            .replace(":root[data-theme=\"dark\"]", ":host([theme=\"dark\"])")
            .replace(":root {", ":host {")
            .replace("html.embed body", ".app.embed")
            .replace(
                "font: 14px/1.45 system-ui",
                "font: var(--appconfig-font, 14px/1.45 system-ui",
            );
        let line = if line.trim_start().starts_with("body {") {
            line.replace("body {", ".app {")
        } else {
            line
        };
        let line = if line.contains("var(--appconfig-font,") {
            line.replacen("sans-serif;", "sans-serif);", 1)
        } else {
            line
        };
        if in_theme {
            out.push_str(&themable(&line));
        } else {
            out.push_str(&line);
        }
        out.push('\n');
    }
    assert!(
        !out.contains(":root")
            && !out.contains("data-theme")
            && !out
                .lines()
                .any(|l| l.trim_start().starts_with("body") || l.contains(" body")),
        "style.css has a page-level selector the element cannot use"
    );
    out
}

/// `--bg: #fff;` → `--bg: var(--appconfig-bg, #fff);` for every declaration on the line.
fn themable(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("--") {
        let (before, decl) = rest.split_at(i);
        out.push_str(before);
        let (Some(colon), Some(semi)) = (decl.find(':'), decl.find(';')) else {
            out.push_str(decl);
            return out;
        };
        if colon > semi
            || decl[2..colon].contains(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        {
            out.push_str(&decl[..2]);
            rest = &decl[2..];
            continue;
        }
        let name = &decl[2..colon];
        let value = decl[colon + 1..semi].trim();
        out.push_str(&format!("--{name}: var(--appconfig-{name}, {value});"));
        rest = &decl[semi + 1..];
    }
    out.push_str(rest);
    out
}
