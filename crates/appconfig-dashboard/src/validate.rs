//! The form's fields and their checks, with the core's per-member rules
//! ([`appconfig_core::validate`]): a value the form accepts is one AppConfig accepts.

use appconfig_core::{validate, Error, GetDeploymentInput};

use crate::errors::{rule_text, Problem};
use crate::form::{Field, FieldErrors, FindDraft};
use crate::settings::{Connection, Mode};

fn record(errors: &mut FieldErrors, e: &Error) {
    if let Error::InvalidInput { field, rule } = e {
        if let Some(f) = Field::from_member(field) {
            errors.insert(f, format!("{} {}", f.label(), rule_text(rule)));
        }
    }
}

/// Checks the connection settings.
pub(crate) fn validate_connection(c: &Connection, errors: &mut FieldErrors) {
    if c.mode == Mode::Gateway {
        // No AWS key here: the gateway signs.
        if c.account.trim().is_empty() {
            errors.insert(Field::Account, "Account is required".into());
        }
    } else if c.access_key_id.trim().is_empty() {
        errors.insert(Field::AccessKeyId, "Access key id is required".into());
    }
    if c.mode != Mode::Gateway && c.secret_access_key.is_empty() {
        errors.insert(
            Field::SecretAccessKey,
            "Secret access key is required".into(),
        );
    }
    let url_field = match c.mode {
        Mode::Proxy => Field::Proxy,
        Mode::Gateway => Field::Gateway,
        _ => Field::Endpoint,
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

/// Checks the deployment fields, each with its own rule.
pub(crate) fn validate_find(d: &FindDraft, errors: &mut FieldErrors) -> Option<GetDeploymentInput> {
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
