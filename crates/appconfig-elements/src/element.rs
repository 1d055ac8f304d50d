//! One custom element: the JavaScript class (`js/elements.js`) owns the `HTMLElement` and
//! forwards its lifecycle here, as finos/perspective's `<perspective-viewer>` does. The element
//! gets an open shadow root holding the stylesheet and a container the Yew part renders into;
//! disconnecting destroys the part, which stops its timers and requests.

use std::rc::Rc;

use appconfig_core::ClientConfig;
use appconfig_dashboard::{
    Api, ApiResult, DeploymentPart, DeploymentPartProps, EnvironmentsPart, EnvironmentsPartProps,
    HostRef, Problem,
};
use appconfig_fetch::{CredentialsProvider, GatewayToken};
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, ShadowRootInit, ShadowRootMode};
use yew::{AppHandle, AttrValue, Renderer};

use crate::credentials::{JsCredentials, JsToken};
use crate::events::ElementHost;

enum Part {
    Deployment(AppHandle<DeploymentPart>),
    Environments(AppHandle<EnvironmentsPart>),
}

/// Where requests go and with which credentials, as the attributes and the `credentials`
/// property say; a new client only when this changes.
#[derive(PartialEq)]
struct Settings {
    /// region, endpoint, proxy, gateway, account.
    config: [String; 5],
    credentials: JsValue,
    gateway_token: JsValue,
}

/// The Rust side of `<appconfig-deployment>` and `<appconfig-environments>`.
#[wasm_bindgen]
pub struct AppConfigElement {
    deployment: bool,
    element: HtmlElement,
    container: Element,
    host: HostRef,
    settings: Option<Settings>,
    api: ApiResult,
    part: Option<Part>,
}

fn problem(title: &str) -> Problem {
    let mut p = Problem::no_credentials();
    p.title = title.to_owned();
    p
}

impl std::fmt::Debug for AppConfigElement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppConfigElement")
            .field("deployment", &self.deployment)
            .field("connected", &self.part.is_some())
            .finish_non_exhaustive()
    }
}

#[wasm_bindgen]
impl AppConfigElement {
    /// Attaches the shadow root (open, so hosts and tests can look inside) with the stylesheet
    /// and the container. `kind` is `deployment` or `environments`.
    ///
    /// # Errors
    /// When the element already has a shadow root or the document cannot create nodes.
    #[wasm_bindgen(constructor)]
    pub fn new(element: HtmlElement, kind: &str) -> Result<AppConfigElement, JsValue> {
        let root = element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
        let document = element.owner_document().ok_or("no document")?;
        let style = document.create_element("style")?;
        style.set_text_content(Some(crate::STYLE));
        root.append_child(&style)?;
        let container = document.create_element("div")?;
        container.set_class_name("app embed");
        container.set_attribute("part", "container")?;
        root.append_child(&container)?;
        Ok(AppConfigElement {
            deployment: kind == "deployment",
            host: HostRef(Rc::new(ElementHost::new(element.clone()))),
            element,
            container,
            settings: None,
            api: Rc::new(Err(problem("Not connected yet"))),
            part: None,
        })
    }

    /// `connectedCallback`: renders the part.
    pub fn connected(&mut self) {
        self.render();
    }

    /// `attributeChangedCallback` and the `credentials` setter: renders again with what changed.
    pub fn changed(&mut self) {
        if self.part.is_some() {
            self.render();
        }
    }

    /// `disconnectedCallback`: destroys the part (its effects stop their timers and requests).
    pub fn disconnected(&mut self) {
        match self.part.take() {
            Some(Part::Deployment(h)) => h.destroy(),
            Some(Part::Environments(h)) => h.destroy(),
            None => {}
        }
    }
}

impl AppConfigElement {
    fn attr(&self, name: &str) -> String {
        self.element
            .get_attribute(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    }

    fn property(&self, name: &str) -> JsValue {
        Reflect::get(&self.element, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }

    /// The client for the current attributes and properties (kept while they stay the same).
    fn api(&mut self) -> ApiResult {
        let settings = Settings {
            config: ["region", "endpoint", "proxy", "gateway", "account"].map(|a| self.attr(a)),
            credentials: self.property("credentials"),
            gateway_token: self.property("gatewayToken"),
        };
        if self.settings.as_ref() == Some(&settings) {
            return Rc::clone(&self.api);
        }
        let [region, endpoint, proxy, gateway, account] = settings.config.clone();
        let some = |s: String| Some(s).filter(|s| !s.is_empty());
        let config = ClientConfig {
            region: some(region).or_else(|| Some("us-east-1".into())),
            endpoint: some(endpoint),
            proxy: some(proxy),
            gateway: some(gateway),
            account: some(account),
            ..Default::default()
        };
        let given = |v: &JsValue| !v.is_undefined() && !v.is_null();
        let provider = given(&settings.credentials).then(|| {
            Rc::new(JsCredentials(settings.credentials.clone())) as Rc<dyn CredentialsProvider>
        });
        let token =
            given(&settings.gateway_token).then(|| match settings.gateway_token.as_string() {
                Some(fixed) => GatewayToken::Fixed(fixed),
                None => GatewayToken::Provider(Rc::new(JsToken(settings.gateway_token.clone()))),
            });
        self.api = Rc::new(Api::with_provider(&config, provider, token));
        if let Err(p) = self.api.as_ref() {
            self.host.0.problem(p);
        }
        self.settings = Some(settings);
        Rc::clone(&self.api)
    }

    fn render(&mut self) {
        let api = self.api();
        let actions = self.element.has_attribute("actions");
        let host = self.host.clone();
        let application = AttrValue::from(self.attr("application"));
        if self.deployment {
            let deployment = match self.attr("deployment").as_str() {
                "" | "latest" => None,
                n => Some(n.parse::<i64>().unwrap_or(-1)),
            };
            let props = DeploymentPartProps {
                api,
                application,
                environment: AttrValue::from(self.attr("environment")),
                deployment,
                actions,
                host,
            };
            match &mut self.part {
                Some(Part::Deployment(h)) => h.update(props),
                _ => {
                    let h = Renderer::<DeploymentPart>::with_root_and_props(
                        self.container.clone(),
                        props,
                    )
                    .render();
                    self.part = Some(Part::Deployment(h));
                }
            }
        } else {
            let props = EnvironmentsPartProps {
                api,
                application: Some(application).filter(|a| !a.is_empty()),
                actions,
                host,
            };
            match &mut self.part {
                Some(Part::Environments(h)) => h.update(props),
                _ => {
                    let h = Renderer::<EnvironmentsPart>::with_root_and_props(
                        self.container.clone(),
                        props,
                    )
                    .render();
                    self.part = Some(Part::Environments(h));
                }
            }
        }
    }
}
