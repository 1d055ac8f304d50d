//! The members of the workflow's requests, checked by the model's constraints
//! (`service-2.json`) and refused in AppConfig's validation form.

use std::collections::BTreeMap;

use appconfig_core::model::{GrowthType, Monitor};
use appconfig_core::validate;
use serde_json::{Map, Value};

use super::input::{aws_validation, required, str_member, string_map};
use super::Call;
use crate::awserror::ApiError;
use crate::store::{NewHostedVersion, ACCOUNT_ID};

pub(super) type Obj = Map<String, Value>;

/// A label in a path: the model's `Name` (1 to 64) for application and environment ids,
/// `LongName` (1 to 128) for profile ids.
pub(super) fn label(value: &str, member: &str, max: usize) -> Result<(), ApiError> {
    aws_validation(value, member, validate::length("member", value, 1, max))
}

/// `Tags`: a `TagMap` of at most 50, keys 1 to 128, values at most 256.
pub(super) fn tags(obj: &Obj) -> Result<BTreeMap<String, String>, ApiError> {
    string_map(obj, "Tags", 50, 128, 256)
}

/// An integer member from `min` to `max`.
pub(super) fn int_member(
    obj: &Obj,
    name: &str,
    min: i64,
    max: i64,
) -> Result<Option<i32>, ApiError> {
    let member = lower_first(name);
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => {
            let shown = n.to_string();
            let Some(v) = n.as_i64() else {
                return Err(ApiError::validation(
                    &shown,
                    &member,
                    "Member must be an integer",
                ));
            };
            if v < min {
                return Err(ApiError::validation(
                    &shown,
                    &member,
                    &format!("Member must have value greater than or equal to {min}"),
                ));
            }
            if v > max {
                return Err(ApiError::validation(
                    &shown,
                    &member,
                    &format!("Member must have value less than or equal to {max}"),
                ));
            }
            Ok(i32::try_from(v).ok())
        }
        Some(other) => Err(ApiError::validation(
            &other.to_string(),
            &member,
            "Member must be an integer",
        )),
    }
}

/// `GrowthFactor`: a float from 1.0 to 100.0.
pub(super) fn growth_factor(obj: &Obj) -> Result<Option<f64>, ApiError> {
    match obj.get("GrowthFactor") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => {
            let v = n.as_f64().unwrap_or(f64::NAN);
            let shown = n.to_string();
            if !(1.0..=100.0).contains(&v) {
                let c = if v < 1.0 {
                    "Member must have value greater than or equal to 1.0"
                } else {
                    "Member must have value less than or equal to 100.0"
                };
                return Err(ApiError::validation(&shown, "growthFactor", c));
            }
            Ok(Some(v))
        }
        Some(other) => Err(ApiError::validation(
            &other.to_string(),
            "growthFactor",
            "Member must be a number",
        )),
    }
}

/// A member that must be one of `values`.
pub(super) fn enum_member(
    obj: &Obj,
    name: &str,
    values: &[&str],
) -> Result<Option<String>, ApiError> {
    let Some(v) = str_member(obj, name, &lower_first(name), 0, 64)? else {
        return Ok(None);
    };
    if !values.contains(&v.as_str()) {
        return Err(ApiError::validation(
            &v,
            &lower_first(name),
            &format!(
                "Member must satisfy enum value set: [{}]",
                values.join(", ")
            ),
        ));
    }
    Ok(Some(v))
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// The model's `RoleArn` pattern: `arn:PARTITION:iam::ACCOUNT:role/…`, 20 to 2048 characters.
pub(super) fn role_arn(v: &str, member: &str) -> Result<(), ApiError> {
    let ok = v.len() >= 20
        && v.len() <= 2048
        && v.split(':')
            .collect::<Vec<_>>()
            .as_slice()
            .get(..5)
            .is_some_and(|p| {
                p[0] == "arn"
                    && p[1].starts_with("aws")
                    && p[2] == "iam"
                    && p[3].is_empty()
                    && p[4].len() == 12
                    && p[4].bytes().all(|b| b.is_ascii_digit())
            })
        && v.split(':').nth(5).is_some_and(|r| r.starts_with("role/"));
    if ok {
        Ok(())
    } else {
        Err(ApiError::validation(
            v,
            member,
            "Member must satisfy regular expression pattern: ^((arn):(aws|aws-cn|aws-iso|aws-iso-[a-z]{1}|aws-us-gov|aws-eusc):(iam)::\\d{12}:role[/].*)$",
        ))
    }
}

/// `Monitors`: at most 5, each with `AlarmArn` (1 to 2048) and an optional `AlarmRoleArn`.
pub(super) fn monitors(obj: &Obj) -> Result<Option<Vec<Monitor>>, ApiError> {
    let list = match obj.get("Monitors") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(a)) => a,
        Some(_) => return Err(ApiError::bad_request("Monitors must be a list")),
    };
    if list.len() > 5 {
        return Err(ApiError::validation(
            &format!("{} monitors", list.len()),
            "monitors",
            "Member must have length less than or equal to 5",
        ));
    }
    let mut out = Vec::new();
    for m in list {
        let Value::Object(m) = m else {
            return Err(ApiError::bad_request("Each monitor must be an object"));
        };
        let arn = required(
            str_member(m, "AlarmArn", "monitors.member.alarmArn", 1, 2048)?,
            "AlarmArn",
        )?;
        let role = str_member(m, "AlarmRoleArn", "monitors.member.alarmRoleArn", 20, 2048)?;
        if let Some(r) = &role {
            role_arn(r, "monitors.member.alarmRoleArn")?;
        }
        let mut x = Monitor::default();
        x.alarm_arn = Some(arn);
        x.alarm_role_arn = role;
        out.push(x);
    }
    Ok(Some(out))
}

/// `Validators`: at most 2, each `{Type: JSON_SCHEMA | LAMBDA, Content: 0 to 32768}`.
pub(super) fn validators(obj: &Obj) -> Result<Option<Vec<(String, String)>>, ApiError> {
    let list = match obj.get("Validators") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(a)) => a,
        Some(_) => return Err(ApiError::bad_request("Validators must be a list")),
    };
    if list.len() > 2 {
        return Err(ApiError::validation(
            &format!("{} validators", list.len()),
            "validators",
            "Member must have length less than or equal to 2",
        ));
    }
    let mut out = Vec::new();
    for v in list {
        let Value::Object(v) = v else {
            return Err(ApiError::bad_request("Each validator must be an object"));
        };
        let kind = required(enum_member(v, "Type", &["JSON_SCHEMA", "LAMBDA"])?, "Type")?;
        let content = required(
            str_member(v, "Content", "validators.member.content", 0, 32768)?,
            "Content",
        )?;
        out.push((kind, content));
    }
    Ok(Some(out))
}

/// A `VersionNumber` in a path: an `Integer`.
pub(super) fn version_number(v: &str) -> Result<i32, ApiError> {
    v.parse::<i32>()
        .map_err(|_| ApiError::validation(v, "versionNumber", "Member must be an integer"))
}

pub(super) fn header<'a>(call: &'a Call<'_>, name: &str) -> Result<Option<&'a str>, ApiError> {
    match call.headers.get(name) {
        None => Ok(None),
        Some(v) => std::str::from_utf8(v.as_bytes())
            .map(Some)
            .map_err(|_| ApiError::bad_request(format!("The {name} header is not valid UTF-8"))),
    }
}

/// CreateHostedConfigurationVersion's headers and body, checked as the model says.
pub(super) fn new_hosted(call: &Call<'_>) -> Result<NewHostedVersion, ApiError> {
    let content_type = header(call, "content-type")?.unwrap_or("").to_owned();
    aws_validation(
        &content_type,
        "contentType",
        validate::length("member", &content_type, 1, 255),
    )?;
    let description = header(call, "description")?.map(str::to_owned);
    if let Some(d) = &description {
        aws_validation(d, "description", validate::length("member", d, 0, 1024))?;
    }
    let version_label = header(call, "versionlabel")?.map(str::to_owned);
    if let Some(l) = &version_label {
        aws_validation(l, "versionLabel", validate::length("member", l, 1, 64))?;
        if l.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ApiError::validation(
                l,
                "versionLabel",
                "Member must satisfy regular expression pattern: .*[^0-9].*",
            ));
        }
    }
    let latest_version_number = match header(call, "latest-version-number")? {
        None => None,
        Some(v) => Some(v.trim().parse::<i64>().map_err(|_| {
            ApiError::validation(v, "latestVersionNumber", "Member must be an integer")
        })?),
    };
    Ok(NewHostedVersion {
        content: call.body.to_vec(),
        content_type,
        description,
        version_label,
        latest_version_number,
    })
}

/// The resource part of an AppConfig ARN in this account (`application/abc1234`), checked
/// against the model's `Arn` (20 to 2048 characters, `arn:PARTITION:SERVICE:REGION:ACCOUNT:…`).
pub(super) fn arn_resource(arn: &str) -> Result<String, ApiError> {
    let bad = || {
        ApiError::validation(
            arn,
            "resourceArn",
            "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:[a-z]+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:[a-zA-Z0-9-_/:.]+",
        )
    };
    if arn.len() < 20 || arn.len() > 2048 {
        return Err(bad());
    }
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [a, partition, service, _region, account, resource] = parts.as_slice() else {
        return Err(bad());
    };
    if *a != "arn" || !partition.starts_with("aws") || resource.is_empty() {
        return Err(bad());
    }
    if *service != "appconfig" || *account != ACCOUNT_ID {
        return Err(ApiError::not_found(
            "ResourceArn",
            format!("Resource {arn} not found"),
        ));
    }
    Ok((*resource).to_owned())
}

pub(super) fn missing(name: &str) -> ApiError {
    ApiError::bad_request(format!(
        "1 validation error detected: Value null at '{}' failed to satisfy constraint: Member must not be null",
        lower_first(name)
    ))
}

pub(super) fn growth_type(obj: &Obj) -> Result<Option<GrowthType>, ApiError> {
    Ok(
        match enum_member(obj, "GrowthType", &["LINEAR", "EXPONENTIAL"])?.as_deref() {
            Some("EXPONENTIAL") => Some(GrowthType::Exponential),
            Some(_) => Some(GrowthType::Linear),
            None => None,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_name_this_accounts_appconfig_resources() {
        assert_eq!(
            arn_resource("arn:aws:appconfig:us-east-1:123456789012:application/abc1234").unwrap(),
            "application/abc1234"
        );
        assert_eq!(
            arn_resource("not an arn at all, longer")
                .unwrap_err()
                .status,
            400
        );
        assert_eq!(arn_resource("arn:aws:appconfig").unwrap_err().status, 400);
        let other = arn_resource("arn:aws:appconfig:us-east-1:999999999999:application/abc1234");
        assert_eq!(other.unwrap_err().code, "ResourceNotFoundException");
    }

    #[test]
    fn role_arns_follow_the_model_pattern() {
        assert!(role_arn("arn:aws:iam::123456789012:role/appconfig", "m").is_ok());
        for bad in [
            "arn:aws:iam::12345:role/x-long-enough",
            "arn:aws:s3::123456789012:role/x",
            "arn:aws:iam::123456789012:user/x",
        ] {
            assert!(role_arn(bad, "m").is_err(), "{bad}");
        }
    }
}
