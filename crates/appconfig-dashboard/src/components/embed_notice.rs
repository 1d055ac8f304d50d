use yew::prelude::*;

use crate::view::fixed;

/// In embed mode without credentials: how the embedding page provides them. `origin` is the
/// parent origin allowed to send credentials (`origin=` URL parameter), empty when unset.
///
/// A plain function, not a component: it has no state, and each component costs the wasm its
/// own copy of yew's lifecycle code.
pub(crate) fn embed_notice(origin: &str) -> Html {
    html! {
        <div class="embed-notice" data-kind="no-credentials">
            { fixed("<p><strong>Credentials needed.</strong> This embedded view signs requests itself and has none yet.</p>") }
            <p class="muted">
                { if origin.is_empty() { "Add origin=<your portal's origin> to the iframe URL. " } else { "" } }
                { "The portal answers the appconfig-dashboard:ready message with {type: \"appconfig-dashboard:credentials\", accessKeyId, secretAccessKey, sessionToken, proxy or endpoint} (see the README)." }
            </p>
        </div>
    }
}
