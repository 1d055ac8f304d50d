use yew::prelude::*;

use crate::view::fixed;

use crate::format::percent;

/// A bar of the share of clients that have the configuration (`role="progressbar"`):
/// `pct` is `PercentageComplete` (0 to 100), `tone` a CSS modifier (`deploying`,
/// `rolled-back` ...) to colour the bar like the state.
///
/// A plain function, not a component: it has no state, and each component costs the wasm its
/// own copy of yew's lifecycle code.
pub(crate) fn progress_bar(pct: Option<f64>, tone: &str) -> Html {
    let p = pct.filter(|p| p.is_finite()).map(|p| p.clamp(0.0, 100.0));
    let text = p.map_or_else(|| "Unknown".to_owned(), percent);
    // An SVG rect, not a `style` attribute: the CSP allows no inline styles.
    let width = format!("{:.2}", p.unwrap_or(0.0));
    html! {
        <div class={classes!("progress", format!("tone-{tone}"))}>
            <div
                class="progress-track"
                role="progressbar"
                aria-label="Share of clients with the configuration"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow={p.map(|p| format!("{p}"))}
                aria-valuetext={format!("{text} of clients")}
            >
                <svg class="progress-svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                    <rect class="progress-fill" x="0" y="0" height="10" width={width} />
                </svg>
            </div>
            <span class="progress-text">{ text }{ fixed("<span class=\"muted\"> of clients</span>") }</span>
        </div>
    }
}
