//! The host: what the components need from the place they are shown in. The dashboard page
//! provides it from its URL, history, title, favicon and storage (`hooks::Page`); a custom
//! element (crate `appconfig-elements`) from its attributes, properties and events. Components
//! never read or write the page themselves: inside a shadow root there is no page of their own.

use std::rc::Rc;

use appconfig_core::Deployment;

use crate::errors::Problem;

/// What a host provides.
pub trait Host {
    /// The link that opens this deployment (the page's `?app=…&env=…&deployment=…`), or `None`
    /// where there is no such link (an element: its host routes on `appconfig-open`).
    fn deployment_href(&self, app: &str, env: &str, number: i32) -> Option<String>;

    /// The deployment shown changed (or none is shown): the page puts it in the tab's title and
    /// favicon, an element fires `appconfig-state`.
    fn status(&self, deployment: Option<&Deployment>);

    /// A failure to report beyond the panel that shows it (an element fires `appconfig-error`).
    fn problem(&self, _problem: &Problem) {}

    /// A row of the environments was clicked: true when the host took it (an element's
    /// `appconfig-open` event was cancelled), false to open the deployment in place.
    fn open(&self, _app: &str, _env: &str, _number: i32) -> bool {
        false
    }

    /// The link of the overview of every application, where there is one.
    fn overview_href(&self) -> Option<String> {
        None
    }

    /// "Open full view ↗": the whole dashboard for what is shown (the page in an iframe).
    fn full_view_href(&self) -> Option<String> {
        None
    }

    /// Offer "Copy link" and "Notify me when it ends" (a page with a URL and a tab of its own,
    /// not an iframe or an element inside someone else's page).
    fn copy_link(&self) -> bool {
        false
    }
}

/// A shared host, compared by identity (a new host means new props for every component).
#[derive(Clone)]
pub struct HostRef(pub Rc<dyn Host>);

impl PartialEq for HostRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for HostRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HostRef")
    }
}

/// A host that provides nothing (component tests, previews).
struct Detached;

impl Host for Detached {
    fn deployment_href(&self, _: &str, _: &str, _: i32) -> Option<String> {
        None
    }
    fn status(&self, _: Option<&Deployment>) {}
}

thread_local! {
    static DETACHED: HostRef = HostRef(Rc::new(Detached));
}

impl Default for HostRef {
    /// The one detached host (the same each time, so that props holding it compare equal).
    fn default() -> Self {
        DETACHED.with(HostRef::clone)
    }
}
