//! The element as the components' host: it has no URL, title or storage of its own, and tells
//! the page what happens by `CustomEvent`s on itself, bubbling and composed (they cross shadow
//! roots): `appconfig-state`, `appconfig-error`, `appconfig-open` (cancelable).

use std::cell::RefCell;

use appconfig_core::Deployment;
use appconfig_dashboard::{Host, Problem};
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

/// What `appconfig-state` reports; a new event only when one of these changes.
type StateKey = (String, String, i32, String, Option<f64>);

pub(crate) struct ElementHost {
    pub(crate) element: HtmlElement,
    last: RefCell<Option<StateKey>>,
}

impl ElementHost {
    pub(crate) fn new(element: HtmlElement) -> ElementHost {
        ElementHost {
            element,
            last: RefCell::new(None),
        }
    }

    /// Fires `name` with `detail`; false when a listener cancelled it.
    fn fire(&self, name: &str, detail: &Object, cancelable: bool) -> bool {
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_cancelable(cancelable);
        init.set_detail(detail);
        CustomEvent::new_with_event_init_dict(name, &init)
            .ok()
            .and_then(|e| self.element.dispatch_event(&e).ok())
            .unwrap_or(true)
    }
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

impl Host for ElementHost {
    fn deployment_href(&self, _: &str, _: &str, _: i32) -> Option<String> {
        None
    }

    fn status(&self, d: Option<&Deployment>) {
        let Some(d) = d else { return };
        let key: StateKey = (
            d.application_id.clone().unwrap_or_default(),
            d.environment_id.clone().unwrap_or_default(),
            d.deployment_number.unwrap_or_default(),
            d.state
                .as_ref()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            d.percentage_complete,
        );
        if self.last.borrow().as_ref() == Some(&key) {
            return;
        }
        let detail = object(&[
            ("applicationId", JsValue::from_str(&key.0)),
            ("environmentId", JsValue::from_str(&key.1)),
            ("deploymentNumber", JsValue::from(key.2)),
            ("state", JsValue::from_str(&key.3)),
            (
                "percentageComplete",
                key.4.map_or(JsValue::NULL, JsValue::from),
            ),
        ]);
        *self.last.borrow_mut() = Some(key);
        self.fire("appconfig-state", &detail, false);
    }

    fn problem(&self, p: &Problem) {
        // The kind and the one-line title: no request detail, never a secret.
        let detail = object(&[
            ("name", JsValue::from_str(p.kind.as_str())),
            ("message", JsValue::from_str(&p.title)),
        ]);
        self.fire("appconfig-error", &detail, false);
    }

    fn open(&self, app: &str, env: &str, number: i32) -> bool {
        let detail = object(&[
            ("applicationId", JsValue::from_str(app)),
            ("environmentId", JsValue::from_str(env)),
            ("deploymentNumber", JsValue::from(number)),
        ]);
        !self.fire("appconfig-open", &detail, true)
    }
}
