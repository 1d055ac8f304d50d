use appconfig_core::{Deployment, DeploymentState};

use crate::format::{label, percent};
use crate::platform;

/// What a pinned tab shows: the title and the favicon's colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TabStatus {
    /// The document title.
    pub title: String,
    /// The favicon's fill colour (`#rrggbb`); `None` keeps the built-in icon.
    pub colour: Option<&'static str>,
}

/// The state's colour, as the badges show it.
pub(crate) fn state_colour(state: Option<&DeploymentState>) -> &'static str {
    match state {
        Some(DeploymentState::Deploying | DeploymentState::Validating) => "#1f6feb",
        Some(DeploymentState::Baking) => "#9a6700",
        Some(DeploymentState::Complete) => "#1a7f37",
        Some(DeploymentState::RollingBack | DeploymentState::RolledBack) => "#cf222e",
        Some(DeploymentState::Reverted) => "#8250df",
        _ => "#6e7781",
    }
}

/// "▶ 40% · pay0001/prd0001 #3 DEPLOYING", "↺ Rolled back · pay0001/prd0001 #2 ROLLED_BACK":
/// what is happening first (a pinned tab shows a few characters), then which deployment.
pub(crate) fn tab_status(d: Option<&Deployment>) -> TabStatus {
    let Some(d) = d else {
        return TabStatus {
            title: "AppConfig deployments".to_owned(),
            colour: None,
        };
    };
    let pct = d.percentage_complete.map(percent).unwrap_or_default();
    let lead = match d.state.as_ref() {
        Some(DeploymentState::Deploying) => format!("▶ {pct}"),
        Some(DeploymentState::Baking) => format!("◔ Baking {pct}"),
        Some(DeploymentState::Validating) => "… Validating".to_owned(),
        Some(DeploymentState::Complete) => "✓ Complete".to_owned(),
        Some(DeploymentState::RollingBack) => format!("↺ Rolling back {pct}"),
        Some(DeploymentState::RolledBack) => "↺ Rolled back".to_owned(),
        Some(DeploymentState::Reverted) => "⤺ Reverted".to_owned(),
        _ => "?".to_owned(),
    };
    // What the server sent is untrusted: no bidi controls, no name long enough to push the
    // state out of the title (or of a notification, which repeats it).
    let scope = match (&d.application_id, &d.environment_id) {
        (Some(a), Some(e)) => format!("{}/{} ", label(a), label(e)),
        _ => String::new(),
    };
    let n = d
        .deployment_number
        .map(|n| format!("#{n} "))
        .unwrap_or_default();
    let state = label(d.state.as_ref().map(|s| s.as_str()).unwrap_or_default());
    TabStatus {
        title: format!("{} · {scope}{n}{state}", lead.trim_end()),
        colour: Some(state_colour(d.state.as_ref())),
    }
}

/// Sets the document title and paints the favicon in the state's colour (the page's host only).
pub(crate) fn paint_tab(s: &TabStatus) {
    {
        let Some(doc) = platform::document() else {
            return;
        };
        doc.set_title(&s.title);
        let Ok(Some(link)) = doc.query_selector("link[rel~='icon']") else {
            return;
        };
        let original = link.get_attribute("data-original").or_else(|| {
            let href = link.get_attribute("href")?;
            let _ = link.set_attribute("data-original", &href);
            Some(href)
        });
        let href = match s.colour {
            Some(c) => format!(
                "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%23{}'/%3E%3Cpath d='M6 24h5v-6h5v-6h5V6h5' fill='none' stroke='%23fff' stroke-width='3' stroke-linejoin='round'/%3E%3C/svg%3E",
                c.trim_start_matches('#')
            ),
            None => original.unwrap_or_default(),
        };
        let _ = link.set_attribute("href", &href);
        let _ = link.set_attribute("data-colour", s.colour.unwrap_or(""));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn the_title_leads_with_what_a_pinned_tab_needs() {
        let mut d = Deployment::default();
        d.application_id = Some("pay0001".into());
        d.environment_id = Some("prd0001".into());
        d.deployment_number = Some(3);
        d.state = Some(DeploymentState::Deploying);
        d.percentage_complete = Some(40.0);
        assert_eq!(
            tab_status(Some(&d)).title,
            "▶ 40% · pay0001/prd0001 #3 DEPLOYING"
        );
        d.state = Some(DeploymentState::RolledBack);
        let s = tab_status(Some(&d));
        assert_eq!(s.title, "↺ Rolled back · pay0001/prd0001 #3 ROLLED_BACK");
        assert_eq!(s.colour, Some("#cf222e"));
        assert_eq!(tab_status(None).title, "AppConfig deployments");
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn untrusted_ids_and_states_cannot_reorder_or_flood_the_title() {
        let mut d = Deployment::default();
        d.application_id = Some("\u{202e}1000yap".into());
        d.environment_id = Some("e".repeat(5_000));
        d.deployment_number = Some(3);
        d.state = Some(DeploymentState::from("\u{2067}DONE".repeat(100).as_str()));
        let title = tab_status(Some(&d)).title;
        assert!(title.starts_with("? · ⟨U+202E⟩1000yap/"), "{title}");
        assert!(
            !title.contains('\u{202e}') && !title.contains('\u{2067}'),
            "{title}"
        );
        assert!(
            title.contains(&format!("{}… #3 ", "e".repeat(crate::format::LABEL_MAX))),
            "{title}"
        );
        assert!(
            title.chars().count() < 250,
            "{} characters",
            title.chars().count()
        );
    }
}
