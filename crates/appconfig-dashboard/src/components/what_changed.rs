//! "What changed": the content a deployment rolls out against the version live before it, as
//! the core compared them. Everything shown from the configuration is untrusted text: Yew text
//! nodes only, with bidirectional controls made visible.

use appconfig_core::diff::{
    ConfigDiff, ContentKind, Digest, FlagChange, FlagChangeKind, JsonChange, LineTag, TextDiff,
};
use appconfig_core::Deployment;
use yew::prelude::*;

use super::error_panel;
use crate::format::visible;
use crate::state::{Before, Comparison};
use crate::state::{WhatAction, WhatChanged, WhatStep};

/// The panel: a heading that opens and closes it, and what the comparison found.
pub(crate) fn what_changed(d: &Deployment, what: &UseReducerHandle<WhatChanged>) -> Html {
    let open = what.open;
    let onclick = {
        let what = what.clone();
        Callback::from(move |_| what.dispatch(WhatAction::Toggle(!open)))
    };
    let version = d
        .configuration_version
        .as_deref()
        .map(|v| format!("version {}", visible(v)))
        .unwrap_or_default();
    html! {
        <section class="card what-card" aria-labelledby="what-title">
            <h3 id="what-title">
                <button type="button" class="what-toggle" aria-expanded={open.to_string()} aria-controls="what-body" {onclick}>
                    <span aria-hidden="true">{ if open { "▾ " } else { "▸ " } }</span>{ "What changed" }
                </button>
                if !open { <span class="muted what-hint">{ format!("{version} against the one live before it") }</span> }
            </h3>
            if open {
                <div id="what-body" class="what-body" data-step={step_name(&what.step)}>{ body(&what.step) }</div>
            }
        </section>
    }
}

/// The step's name, for tests and styles.
fn step_name(step: &WhatStep) -> &'static str {
    match step {
        WhatStep::Idle => "idle",
        WhatStep::Busy(_) => "busy",
        WhatStep::Elsewhere(_) => "elsewhere",
        WhatStep::Done(_) => "done",
        WhatStep::Failed(_) => "failed",
    }
}

fn body(step: &WhatStep) -> Html {
    match step {
        WhatStep::Idle => html! {},
        WhatStep::Busy(what) => {
            html! { <p class="what-busy muted" role="status">{ format!("{what}…") }</p> }
        }
        WhatStep::Elsewhere(uri) => elsewhere(uri),
        WhatStep::Failed(p) => error_panel(p, None, None, true),
        WhatStep::Done(c) => done(c),
    }
}

/// Why a configuration outside the hosted store shows no diff, and where to look instead.
fn elsewhere(uri: &str) -> Html {
    let scheme = uri.split("://").next().unwrap_or_default();
    let (store, look) = match scheme {
        "ssm-parameter" => (
            "a Systems Manager parameter",
            "its versions in Parameter Store",
        ),
        "ssm-document" => (
            "a Systems Manager document",
            "its versions in Systems Manager",
        ),
        "s3" => (
            "an S3 object",
            "its object versions in S3 (when the bucket keeps versions)",
        ),
        "secretsmanager" => (
            "a Secrets Manager secret",
            "its versions in Secrets Manager: the dashboard never reads secrets",
        ),
        "codepipeline" => (
            "a CodePipeline artifact",
            "the pipeline's runs in CodePipeline",
        ),
        _ => ("a store outside AppConfig", "that store's history"),
    };
    html! {
        <div class="what-elsewhere">
            <p>{ format!("This configuration is {store}, not a version AppConfig hosts:") }</p>
            <p><code class="wrap">{ crate::format::wrapped(&visible(uri)) }</code></p>
            <p class="muted">{ format!("AppConfig keeps no copy of it to compare, so no diff is shown here. To see what changed, compare {look}.") }</p>
        </div>
    }
}

fn done(c: &Comparison) -> Html {
    let v = visible(&c.version);
    let against = match &c.before {
        Before::Deployment(n, old) => format!(
            "Version {v} against version {}, live before it (deployment #{n}).",
            visible(old)
        ),
        Before::First => format!(
            "Version {v} is the first deployment of this configuration to this environment: nothing was live before it."
        ),
        Before::NotWithin(k) => format!(
            "No earlier completed deployment of this configuration among the latest {k}: version {v} is shown alone."
        ),
    };
    let (kind, how) = match c.kind {
        ContentKind::FeatureFlags => ("flags", "AppConfig feature flags, by flag"),
        ContentKind::Json => ("json", "JSON, by path"),
        ContentKind::Yaml => ("yaml", "YAML, line by line"),
        ContentKind::Text => ("text", "text, line by line"),
        _ => ("binary", "bytes, by size and SHA-256"),
    };
    html! {
        <>
            <p class="what-against" data-kind={kind} title={format!("compared in {:.0} ms", c.took_ms)}>
                { against }<span class="muted">{ format!(" Compared as {how}.") }</span>
            </p>
            { diff_view(&c.diff) }
        </>
    }
}

fn diff_view(diff: &ConfigDiff) -> Html {
    let body = match diff {
        ConfigDiff::First { summary } => {
            html! { <p class="what-first">{ format!("It holds {}.", visible(summary)) }</p> }
        }
        ConfigDiff::Identical => {
            html! { <p class="what-same">{ "The content is identical: this deployment changes nothing." }</p> }
        }
        ConfigDiff::FeatureFlags(changes) if changes.is_empty() => {
            html! { <p class="what-same">{ "No flag changed." }</p> }
        }
        ConfigDiff::FeatureFlags(changes) => html! {
            <ul class="what-flags">{ for changes.iter().map(flag) }</ul>
        },
        ConfigDiff::Json(j) if j.changes.is_empty() => {
            html! { <p class="what-same">{ "The same values, written differently (formatting or key order)." }</p> }
        }
        ConfigDiff::Json(j) => json(&j.changes),
        ConfigDiff::Text(t) => text(t),
        ConfigDiff::Binary { old, new } => html! {
            <dl class="what-binary">
                <dt>{ "Before" }</dt><dd>{ old.as_ref().map_or_else(|| "nothing".to_owned(), Digest::to_string) }</dd>
                <dt>{ "Now" }</dt><dd>{ new.to_string() }</dd>
            </dl>
        },
        ConfigDiff::Unparsable { reason, text: t } => html! {
            <>
                <p class="what-first">{ format!("Compared line by line: {}.", visible(reason)) }</p>
                { text(t) }
            </>
        },
        _ => html! { <p class="muted">{ "This kind of change cannot be shown here." }</p> },
    };
    html! {
        <>
            { body }
            if diff.truncated() {
                <p class="muted what-cut">{ "More changes follow: only the first ones are shown." }</p>
            }
        </>
    }
}

/// Hunks of lines with their context, each line marked `+`, `-` or ` `.
fn text(t: &TextDiff) -> Html {
    html! {
        { for t.hunks.iter().map(|h| html! {
            <div class="what-hunk">
                <p class="what-at muted">{ format!("line {} (was line {})", h.new_start, h.old_start) }</p>
                <pre><code>{ for h.lines.iter().map(|(tag, line)| line_view(*tag, line)) }</code></pre>
            </div>
        }) }
    }
}

fn flag(f: &FlagChange) -> Html {
    let class = match f.kind {
        FlagChangeKind::Enabled | FlagChangeKind::Added => "on",
        FlagChangeKind::Disabled | FlagChangeKind::Removed => "off",
        _ => "attrs",
    };
    html! {
        <li class={classes!("what-flag", class)}>
            <span class="what-flag-line">{ visible(&f.to_string()) }</span>
            if !f.attributes.is_empty() { { json(&f.attributes) } }
        </li>
    }
}

fn json(changes: &[JsonChange]) -> Html {
    if changes.is_empty() {
        return html! {};
    }
    html! {
        <ul class="what-json">
            { for changes.iter().map(|c| {
                let kind = c.kind.as_str();
                html! {
                    <li class={kind}>
                        <code class="what-path">{ visible(&c.path) }</code>
                        <span class="what-kind">{ kind }</span>
                        if let Some(o) = &c.old { <del><code>{ visible(o) }</code></del> }
                        if c.old.is_some() && c.new.is_some() { <span aria-hidden="true">{ " → " }</span> }
                        if let Some(n) = &c.new { <ins><code>{ visible(n) }</code></ins> }
                    </li>
                }
            }) }
        </ul>
    }
}

fn line_view(tag: LineTag, line: &str) -> Html {
    let (class, mark) = match tag {
        LineTag::Insert => ("ins", "+ "),
        LineTag::Delete => ("del", "- "),
        _ => ("ctx", "  "),
    };
    let text = visible(line.trim_end_matches('\n'));
    html! { <span class={class}>{ format!("{mark}{text}\n") }</span> }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use std::rc::Rc;

    use appconfig_core::diff::{diff_configurations, ContentKind, DiffLimits};
    use wasm_bindgen_test::wasm_bindgen_test;
    use yew::prelude::*;

    use super::body;
    use crate::state::WhatStep;
    use crate::state::{Before, Comparison};

    #[derive(Properties, PartialEq)]
    struct ShowProps {
        step: WhatStep,
    }

    #[function_component(Show)]
    fn show(props: &ShowProps) -> Html {
        body(&props.step)
    }

    /// Renders the core's diff of `old` and `new` and gives the element it is in.
    async fn rendered(kind: ContentKind, old: Option<&str>, new: &str) -> web_sys::Element {
        let diff = diff_configurations(
            kind,
            old.map(str::as_bytes),
            new.as_bytes(),
            DiffLimits::default(),
        );
        let step = WhatStep::Done(Rc::new(Comparison {
            before: old.map_or(Before::First, |_| Before::Deployment(1, "1".into())),
            version: "2".into(),
            kind,
            diff,
            took_ms: 1.0,
        }));
        let doc = gloo_utils_document();
        let root = doc.create_element("div").unwrap();
        doc.body().unwrap().append_child(&root).unwrap();
        yew::Renderer::<Show>::with_root_and_props(root.clone(), ShowProps { step }).render();
        gloo_timers::future::TimeoutFuture::new(20).await;
        root
    }

    fn gloo_utils_document() -> web_sys::Document {
        web_sys::window().unwrap().document().unwrap()
    }

    const FLAGS_OLD: &str = r#"{"version":"1","flags":{"checkout-v2":{"name":"checkout-v2"}},"values":{"checkout-v2":{"enabled":false}}}"#;

    #[wasm_bindgen_test]
    async fn a_flag_turned_on_reads_off_to_on() {
        let new = r#"{"version":"1","flags":{"checkout-v2":{"name":"checkout-v2"}},"values":{"checkout-v2":{"enabled":true}}}"#;
        let root = rendered(ContentKind::FeatureFlags, Some(FLAGS_OLD), new).await;
        let line = root
            .query_selector(".what-flag.on .what-flag-line")
            .unwrap();
        assert_eq!(
            line.and_then(|l| l.text_content()).as_deref(),
            Some("checkout-v2: off → on"),
            "the flag's line"
        );
    }

    #[wasm_bindgen_test]
    async fn untrusted_content_is_text_with_bidi_controls_visible() {
        let old = r#"{"note":"a","\u202egnp.exe":1}"#;
        let new =
            r#"{"note":"<img src=x onerror=alert(1)><script>alert(2)</script>","\u202egnp.exe":2}"#;
        let root = rendered(ContentKind::Json, Some(old), new).await;
        assert!(
            root.query_selector("img, script").unwrap().is_none(),
            "no element made from content"
        );
        let text = root.text_content().unwrap_or_default();
        assert!(text.contains("<img src=x"), "markup shown as text: {text}");
        assert!(
            text.contains("⟨U+202E⟩gnp.exe"),
            "bidi control shown: {text}"
        );
        assert!(!text.contains('\u{202e}'), "no raw bidi control: {text}");
        let lines = rendered(ContentKind::Text, Some("a\nb\n"), "a\n\u{2067}c\n").await;
        let text = lines.text_content().unwrap_or_default();
        assert!(
            text.contains("+ ⟨U+2067⟩c"),
            "an added line, visible: {text}"
        );
        assert!(text.contains("- b"), "a removed line: {text}");
    }

    #[wasm_bindgen_test]
    async fn first_identical_and_binary_say_so() {
        let root = rendered(ContentKind::Text, None, "only\n").await;
        assert!(
            root.text_content()
                .unwrap_or_default()
                .contains("first deployment"),
            "first"
        );
        let root = rendered(ContentKind::Json, Some("{}"), "{}").await;
        assert!(
            root.text_content()
                .unwrap_or_default()
                .contains("identical"),
            "identical"
        );
        let root = rendered(ContentKind::Binary, Some("ab"), "abc").await;
        let text = root.text_content().unwrap_or_default();
        assert!(
            text.contains(
                "2 bytes, SHA-256 fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603"
            ),
            "old digest: {text}"
        );
        assert!(
            text.contains("3 bytes, SHA-256 ba7816bf"),
            "new digest: {text}"
        );
    }
}
