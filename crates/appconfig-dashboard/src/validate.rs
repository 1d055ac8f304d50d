//! The form's fields and their checks, with the core's per-member rules
//! ([`appconfig_core::validate`]): a value the form accepts is one AppConfig accepts.

use appconfig_core::{validate, Error, GetDeploymentInput};

use crate::components::FindDraft;
use crate::errors::{rule_text, Problem};
use crate::settings::{Connection, Mode};

/// A field of the find and connection forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// The application id or name.
    ApplicationId,
    /// The environment id or name.
    EnvironmentId,
    /// The deployment number.
    DeploymentNumber,
    /// The region.
    Region,
    /// The endpoint URL.
    Endpoint,
    /// The proxy URL.
    Proxy,
    /// The access key id.
    AccessKeyId,
    /// The secret access key.
    SecretAccessKey,
}

/// Field errors, in the order the fields are shown (by [`Field`]'s order): a few at most, so a
/// sorted `Vec` (a `BTreeMap` instantiation costs ~4 KB of wasm).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldErrors(Vec<(Field, String)>);

impl FieldErrors {
    /// No errors.
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }

    /// Sets the error of `field` (replacing an earlier one).
    pub fn insert(&mut self, field: Field, message: String) {
        match self.0.iter().position(|(f, _)| *f >= field) {
            Some(i) if self.0[i].0 == field => self.0[i].1 = message,
            Some(i) => self.0.insert(i, (field, message)),
            None => self.0.push((field, message)),
        }
    }

    /// The error of `field`.
    pub fn get(&self, field: &Field) -> Option<&String> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, m)| m)
    }

    /// `field` has an error.
    pub fn contains_key(&self, field: &Field) -> bool {
        self.get(field).is_some()
    }

    /// No field has an error.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields in error, in order.
    pub fn keys(&self) -> impl Iterator<Item = &Field> {
        self.0.iter().map(|(f, _)| f)
    }

    /// The messages, in order.
    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, m)| m)
    }
}

impl Field {
    /// The member or setting name (`ApplicationId`, `region` ...), as `data-field` shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::ApplicationId => "ApplicationId",
            Field::EnvironmentId => "EnvironmentId",
            Field::DeploymentNumber => "DeploymentNumber",
            Field::Region => "region",
            Field::Endpoint => "endpoint",
            Field::Proxy => "proxy",
            Field::AccessKeyId => "accessKeyId",
            Field::SecretAccessKey => "secretAccessKey",
        }
    }

    /// The field a core member or setting name refers to.
    pub fn from_member(name: &str) -> Option<Field> {
        [
            Field::ApplicationId,
            Field::EnvironmentId,
            Field::DeploymentNumber,
            Field::Region,
            Field::Endpoint,
            Field::Proxy,
            Field::AccessKeyId,
            Field::SecretAccessKey,
        ]
        .into_iter()
        .find(|f| f.as_str() == name)
    }

    /// The field named for people.
    pub fn label(self) -> &'static str {
        match self {
            Field::ApplicationId => "Application",
            Field::EnvironmentId => "Environment",
            Field::DeploymentNumber => "Deployment number",
            Field::Region => "Region",
            Field::Endpoint => "Endpoint URL",
            Field::Proxy => "Proxy URL",
            Field::AccessKeyId => "Access key id",
            Field::SecretAccessKey => "Secret access key",
        }
    }

    /// The id of its `<input>`.
    pub fn input_id(self) -> &'static str {
        match self {
            Field::ApplicationId => "find-app",
            Field::EnvironmentId => "find-env",
            Field::DeploymentNumber => "find-deployment",
            Field::Region => "region",
            Field::Endpoint | Field::Proxy => "url",
            Field::AccessKeyId => "access-key-id",
            Field::SecretAccessKey => "secret-access-key",
        }
    }

    /// Lives in the Connection section.
    pub fn is_connection(self) -> bool {
        !matches!(
            self,
            Field::ApplicationId | Field::EnvironmentId | Field::DeploymentNumber
        )
    }
}

fn record(errors: &mut FieldErrors, e: &Error) {
    if let Error::InvalidInput { field, rule } = e {
        if let Some(f) = Field::from_member(field) {
            errors.insert(f, format!("{} {}", f.label(), rule_text(rule)));
        }
    }
}

/// Checks the connection settings.
pub fn validate_connection(c: &Connection, errors: &mut FieldErrors) {
    if c.access_key_id.trim().is_empty() {
        errors.insert(Field::AccessKeyId, "Access key id is required".into());
    }
    if c.secret_access_key.is_empty() {
        errors.insert(
            Field::SecretAccessKey,
            "Secret access key is required".into(),
        );
    }
    let url_field = if c.mode == Mode::Proxy {
        Field::Proxy
    } else {
        Field::Endpoint
    };
    if c.mode != Mode::Direct && c.url.trim().is_empty() {
        errors.insert(
            url_field,
            format!("{} is required in this mode", url_field.label()),
        );
    }
    if let Err(e) = c.client_config().resolve() {
        let p = Problem::from_core(&e, "", 0.0);
        let field = p.field.and_then(Field::from_member).unwrap_or(url_field);
        let msg = match &e {
            Error::InvalidInput { field, rule } => {
                let label = Field::from_member(field).map_or(*field, Field::label);
                format!("{label} {}", rule_text(rule))
            }
            other => other.to_string(),
        };
        if !errors.contains_key(&field) {
            errors.insert(field, msg);
        }
    }
}

impl std::ops::Index<&Field> for FieldErrors {
    type Output = String;

    /// The error of `field`; panics when it has none (as a map's index does: for tests).
    fn index(&self, field: &Field) -> &String {
        self.get(field).expect("no error for this field")
    }
}

/// Checks the deployment fields, each with its own rule.
pub fn validate_find(d: &FindDraft, errors: &mut FieldErrors) -> Option<GetDeploymentInput> {
    let (app, env) = (d.app.trim(), d.env.trim());
    let app_ok = validate::name("ApplicationId", app)
        .map_err(|e| record(errors, &e))
        .is_ok();
    let env_ok = validate::name("EnvironmentId", env)
        .map_err(|e| record(errors, &e))
        .is_ok();
    let number = validate::parse_deployment_number(&d.deployment)
        .map_err(|e| record(errors, &e))
        .ok();
    match (app_ok, env_ok, number) {
        (true, true, Some(n)) => Some(GetDeploymentInput {
            application_id: app.to_owned(),
            environment_id: env.to_owned(),
            deployment_number: i64::from(n),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn each_field_is_checked_by_its_own_rule() {
        let mut errors = FieldErrors::new();
        let draft = FindDraft {
            app: String::new(),
            env: "e".repeat(65),
            deployment: "x".into(),
        };
        assert!(validate_find(&draft, &mut errors).is_none());
        assert_eq!(errors[&Field::ApplicationId], "Application is required");
        assert!(errors[&Field::EnvironmentId].starts_with("Environment "));
        assert!(errors[&Field::DeploymentNumber].starts_with("Deployment number "));
        let ok = FindDraft {
            app: " pay0001 ".into(),
            env: "prd0001".into(),
            deployment: "3".into(),
        };
        let mut errors = FieldErrors::new();
        let input = validate_find(&ok, &mut errors).expect("valid");
        assert_eq!(input.application_id, "pay0001");
        assert_eq!(input.deployment_number, 3);
        assert!(errors.is_empty());
    }
}
