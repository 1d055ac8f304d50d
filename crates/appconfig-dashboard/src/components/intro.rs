//! The empty page: what to do first.

use yew::prelude::*;

use crate::view::fixed;

/// What to do on an empty page; `simulator`: the page is served by the simulator, so link its
/// seeded examples.
///
/// A plain function, not a component: it has no state, and each component costs the wasm its
/// own copy of yew's lifecycle code.
pub(crate) fn intro(simulator: bool) -> Html {
    html! {
        <div class="intro card">
            { fixed(concat!(
                "<h2>See an AppConfig deployment</h2><ol>",
                "<li>Enter the application, environment and deployment number, or press Browse… to pick them.</li>",
                "<li>Check the connection: region, where requests go, and credentials.</li>",
                "<li>Running deployments refresh by themselves. Copy the page URL to share the view (credentials are never in it).</li></ol>",
            )) }
            if simulator {
                // The live one's number grows as the simulator starts the next: link the list.
                { fixed(concat!(
                    "<p>Simulator examples: ",
                    "<a href=\"?app=339ohji&amp;env=54j1r29&amp;deployment=1\">botocore example</a> · ",
                    "<a href=\"?app=pay0001&amp;env=prd0001&amp;deployment=2\">rollback by alarm</a> · ",
                    "<a href=\"?app=pay0001&amp;env=stg0001\">staging, one always live</a></p>",
                )) }
            }
            { fixed("<p class=\"muted\">No credentials? Open \"Paste JSON (offline)\" above and paste the output of <code>aws appconfig get-deployment</code>.</p>") }
        </div>
    }
}
