//! Input validation in AWS's terms: labels, deployment numbers, pages and their tokens, and the
//! StartDeployment body.

use std::collections::BTreeMap;

use appconfig_core::{error::InputRule, validate, Error as CoreError};
use base64::Engine;
use serde_json::Value;

use crate::awserror::ApiError;
use crate::store::StartRequest;

/// AWS's wording of a rule the core's validators report: `Member must have length less than or
/// equal to 64`, as AppConfig's validation errors phrase constraints.
fn constraint(rule: &InputRule) -> String {
    match rule {
        InputRule::Required => "Member must have length greater than or equal to 1".to_owned(),
        InputRule::Length { min, actual, .. } if actual < min => {
            format!("Member must have length greater than or equal to {min}")
        }
        InputRule::Length { max, .. } => {
            format!("Member must have length less than or equal to {max}")
        }
        InputRule::Range { min, max, actual } => match actual.parse::<i64>() {
            Ok(n) if n < *min => format!("Member must have value greater than or equal to {min}"),
            Ok(_) => format!("Member must have value less than or equal to {max}"),
            Err(_) => "Member must be an integer".to_owned(),
        },
        InputRule::NotAnInteger { .. } => "Member must be an integer".to_owned(),
        InputRule::Pattern { pattern } => {
            format!("Member must satisfy regular expression pattern: {pattern}")
        }
        other => other.to_string(),
    }
}

/// The core's verdict on `value`, as AWS's validation error for `member` (camelCase, as AWS
/// names members in these messages).
pub(super) fn aws_validation(
    value: &str,
    member: &str,
    result: Result<(), CoreError>,
) -> Result<(), ApiError> {
    match result {
        Err(CoreError::InvalidInput { rule, .. }) => {
            Err(ApiError::validation(value, member, &constraint(&rule)))
        }
        Err(other) => Err(ApiError::bad_request(other.to_string())),
        Ok(()) => Ok(()),
    }
}

/// An application or environment id or name in a path: the core's `Name` rule (1 to 64).
pub(crate) fn check_label(value: &str, member: &str) -> Result<(), ApiError> {
    aws_validation(value, member, validate::name("Name", value))
}

/// A deployment number in a path. Unlike a person's input it is not trimmed: `%201` is not a
/// number.
pub(crate) fn parse_number(value: &str) -> Result<i64, ApiError> {
    let n: i64 = value.parse().map_err(|_| {
        ApiError::validation(value, "deploymentNumber", "Member must be an integer")
    })?;
    aws_validation(value, "deploymentNumber", validate::deployment_number(n))?;
    Ok(n)
}

/// A page request.
pub(crate) struct Page {
    pub(crate) max: usize,
    pub(crate) token: Option<String>,
}

/// The value of a query member, if the request has it.
pub(crate) fn query_value<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

pub(crate) fn page(query: &[(String, String)]) -> Result<Page, ApiError> {
    let mut p = Page {
        max: 50,
        token: None,
    };
    for (k, v) in query {
        match k.as_str() {
            "max_results" => {
                let n: i64 = v.parse().map_err(|_| {
                    ApiError::validation(v, "maxResults", "Member must be an integer")
                })?;
                aws_validation(v, "maxResults", validate::max_results(n))?;
                // 1 to 50 by the check above.
                p.max = usize::try_from(n).unwrap_or(50);
            }
            "next_token" => {
                aws_validation(v, "nextToken", validate::next_token(v))?;
                p.token = Some(v.clone());
            }
            _ => {}
        }
    }
    Ok(p)
}

pub(crate) const TOKEN: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

pub(crate) fn make_token(scope: &str, position: u64) -> String {
    TOKEN.encode(format!("appconfig-sim|v1|{scope}|{position}"))
}

pub(crate) fn read_token(token: &Option<String>, scope: &str) -> Result<Option<u64>, ApiError> {
    let Some(t) = token else { return Ok(None) };
    let invalid = || {
        ApiError::bad_request(
            "The pagination token is invalid. Use the NextToken returned by the previous request.",
        )
    };
    let bytes = TOKEN.decode(t.as_bytes()).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let rest = text.strip_prefix("appconfig-sim|v1|").ok_or_else(invalid)?;
    let (s, pos) = rest.rsplit_once('|').ok_or_else(invalid)?;
    if s != scope {
        return Err(invalid());
    }
    pos.parse().map(Some).map_err(|_| invalid())
}

/// The pattern of a deployment strategy id (`service-2.json`, `DeploymentStrategyId`).
///
/// # Errors
/// 400 `BadRequestException` in AWS's validation form.
pub(crate) fn check_strategy_id(id: &str) -> Result<(), ApiError> {
    if validate::deployment_strategy_id(id).is_err() {
        return Err(ApiError::validation(
            id,
            "deploymentStrategyId",
            "Member must satisfy regular expression pattern: (^[a-z0-9]{4,7}$|^AppConfig\\.[A-Za-z0-9]{9,40}$)",
        ));
    }
    Ok(())
}

pub(super) fn str_member(
    obj: &serde_json::Map<String, Value>,
    name: &str,
    member: &str,
    min: usize,
    max: usize,
) -> Result<Option<String>, ApiError> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            aws_validation(s, member, validate::length("member", s, min, max))?;
            Ok(Some(s.clone()))
        }
        Some(_) => Err(ApiError::bad_request(format!("{name} must be a string"))),
    }
}

pub(super) fn required(v: Option<String>, name: &str) -> Result<String, ApiError> {
    v.ok_or_else(|| {
        ApiError::bad_request(format!(
            "1 validation error detected: Value null at '{}' failed to satisfy constraint: Member must not be null",
            lower_first(name)
        ))
    })
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
        .unwrap_or_default()
}

pub(super) fn string_map(
    obj: &serde_json::Map<String, Value>,
    name: &str,
    max_entries: usize,
    key_max: usize,
    value_max: usize,
) -> Result<BTreeMap<String, String>, ApiError> {
    let mut out = BTreeMap::new();
    match obj.get(name) {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            if m.len() > max_entries {
                return Err(ApiError::bad_request(format!(
                    "{name} can have at most {max_entries} entries"
                )));
            }
            for (k, v) in m {
                let Value::String(v) = v else {
                    return Err(ApiError::bad_request(format!(
                        "{name} values must be strings"
                    )));
                };
                if k.is_empty() || k.chars().count() > key_max || v.chars().count() > value_max {
                    return Err(ApiError::bad_request(format!(
                        "{name} keys must be 1 to {key_max} characters and values at most {value_max}"
                    )));
                }
                out.insert(k.clone(), v.clone());
            }
        }
        Some(_) => {
            return Err(ApiError::bad_request(format!(
                "{name} must be a map of strings"
            )))
        }
    }
    Ok(out)
}

/// A JSON object request body (empty: `{}`).
///
/// # Errors
/// 400 for anything else.
pub(super) fn json_object(body: &[u8]) -> Result<serde_json::Map<String, Value>, ApiError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::bad_request("The request body is not valid UTF-8"))?;
    let value: Value = if text.trim().is_empty() {
        Value::Object(serde_json::Map::new())
    } else {
        serde_json::from_str(text).map_err(|e| {
            ApiError::bad_request(format!("The request body is not valid JSON: {e}"))
        })?
    };
    let Value::Object(obj) = value else {
        return Err(ApiError::bad_request(
            "The request body must be a JSON object",
        ));
    };
    Ok(obj)
}

pub(crate) fn start_request(body: &[u8]) -> Result<StartRequest, ApiError> {
    let obj = json_object(body)?;
    let strategy = required(
        str_member(&obj, "DeploymentStrategyId", "deploymentStrategyId", 1, 64)?,
        "DeploymentStrategyId",
    )?;
    check_strategy_id(&strategy)?;
    let profile = required(
        str_member(
            &obj,
            "ConfigurationProfileId",
            "configurationProfileId",
            1,
            128,
        )?,
        "ConfigurationProfileId",
    )?;
    let version = required(
        str_member(
            &obj,
            "ConfigurationVersion",
            "configurationVersion",
            1,
            1024,
        )?,
        "ConfigurationVersion",
    )?;
    let description = str_member(&obj, "Description", "description", 0, 1024)?;
    let kms = str_member(&obj, "KmsKeyIdentifier", "kmsKeyIdentifier", 1, 2048)?;
    let tags = string_map(&obj, "Tags", 50, 128, 256)?;
    let dynamic = string_map(&obj, "DynamicExtensionParameters", 10, 64, 2048)?;
    if obj.contains_key("DynamicExtensionParameters") && dynamic.is_empty() {
        return Err(ApiError::bad_request(
            "DynamicExtensionParameters must have at least 1 entry",
        ));
    }
    let latest =
        match obj.get("LatestDeploymentNumber") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => Some(n.as_i64().ok_or_else(|| {
                ApiError::bad_request("LatestDeploymentNumber must be an integer")
            })?),
            Some(_) => {
                return Err(ApiError::bad_request(
                    "LatestDeploymentNumber must be an integer",
                ))
            }
        };
    Ok(StartRequest {
        deployment_strategy_id: strategy,
        configuration_profile_id: profile,
        configuration_version: version,
        description,
        tags,
        kms_key_identifier: kms,
        latest_deployment_number: latest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_reject_garbage() {
        let t = make_token("apps", 5);
        assert_eq!(read_token(&Some(t.clone()), "apps").unwrap(), Some(5));
        assert!(read_token(&Some(t), "strategies").is_err());
        assert!(read_token(&Some("!!".into()), "apps").is_err());
        assert!(read_token(&Some(TOKEN.encode("appconfig-sim|v1|apps|x")), "apps").is_err());
    }
}
