use yew::prelude::*;

/// In embed mode without credentials: how the embedding page provides them. `origin` is the
/// parent origin allowed to send credentials (`origin=` URL parameter), empty when unset.
///
/// A plain function, not a component: it has no state, and each component costs the wasm its
/// own copy of yew's lifecycle code.
pub(crate) fn embed_notice(origin: &str) -> Html {
    html! {
        <div class="embed-notice" data-kind="no-credentials">
            <p><strong>{ "Credentials needed." }</strong>{ " This embedded view signs requests itself and has none yet." }</p>
            if origin.is_empty() {
                <p class="muted">{ "Add origin=<your portal's origin> to the iframe URL; that page answers appconfig-dashboard:ready with:" }</p>
            } else {
                <p class="muted">{ format!("The page at {origin} answers appconfig-dashboard:ready with:") }</p>
            }
            <pre><code>{ "postMessage({type: \"appconfig-dashboard:credentials\",\n  accessKeyId, secretAccessKey, sessionToken, proxy}, dashboardOrigin)" }</code></pre>
        </div>
    }
}
