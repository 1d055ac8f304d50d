use yew::prelude::*;

/// Props of [`EmbedNotice`].
#[derive(Properties, PartialEq)]
pub(crate) struct EmbedNoticeProps {
    /// The parent origin allowed to send credentials (`origin=` URL parameter), if set.
    pub origin: AttrValue,
}

/// In embed mode without credentials: how the embedding page provides them.
#[function_component(EmbedNotice)]
pub(crate) fn embed_notice(props: &EmbedNoticeProps) -> Html {
    html! {
        <div class="embed-notice" data-kind="no-credentials">
            <p><strong>{ "Credentials needed." }</strong>{ " This embedded view signs requests itself and has none yet." }</p>
            if props.origin.is_empty() {
                <p class="muted">{ "Add origin=<your portal's origin> to the iframe URL, then post the credentials from that page:" }</p>
            } else {
                <p class="muted">{ format!("The page at {} can post them:", props.origin) }</p>
            }
            <pre><code>{ "iframe.contentWindow.postMessage({type: \"appconfig-dashboard:credentials\",\n  accessKeyId, secretAccessKey, sessionToken}, dashboardOrigin)" }</code></pre>
        </div>
    }
}
