//! The configuration workflow's operations: applications, environments, configuration profiles,
//! hosted configuration versions and deployment strategies (create, get, list, update, delete),
//! and tags, validated by the model's constraints (`service-2.json`).

use appconfig_core::model::{DeploymentStrategy, Environment, GrowthType, ReplicateTo};
use serde_json::{json, Map, Value};

use super::input::{
    aws_validation, json_object, make_token, page, query_value, read_token, required, str_member,
};
use super::members::{
    arn_resource, enum_member, growth_factor, growth_type, int_member, label, missing, monitors,
    new_hosted, role_arn, tags, validators, version_number,
};
use super::routes::Crud;
use super::{ok, to_json, Call, Raw, Reply};
use crate::awserror::ApiError;
use crate::store::{HostedVersion, Profile, Store, FREEFORM};
use appconfig_core::validate;

fn created(body: Value) -> Reply {
    Reply {
        status: 201,
        body,
        changed: true,
        raw: None,
    }
}

fn updated(body: Value) -> Reply {
    Reply {
        status: 200,
        body,
        changed: true,
        raw: None,
    }
}

/// 204 with an empty body.
fn no_content() -> Reply {
    Reply {
        status: 204,
        body: Value::Null,
        changed: true,
        raw: Some(Raw::default()),
    }
}

/// A configuration profile as GetConfigurationProfile answers it.
fn profile_json(p: &Profile) -> Value {
    let mut m = Map::new();
    m.insert("ApplicationId".into(), json!(p.application_id));
    m.insert("Id".into(), json!(p.id));
    m.insert("Name".into(), json!(p.name));
    if let Some(d) = &p.description {
        m.insert("Description".into(), json!(d));
    }
    m.insert("LocationUri".into(), json!(p.location_uri));
    if let Some(r) = &p.retrieval_role_arn {
        m.insert("RetrievalRoleArn".into(), json!(r));
    }
    if !p.validators.is_empty() {
        let v: Vec<Value> = p
            .validators
            .iter()
            .map(|(t, c)| json!({"Type": t, "Content": c}))
            .collect();
        m.insert("Validators".into(), Value::Array(v));
    }
    m.insert(
        "Type".into(),
        json!(p.profile_type.as_deref().unwrap_or(FREEFORM)),
    );
    if let Some(k) = &p.kms_key_arn {
        m.insert("KmsKeyArn".into(), json!(k));
    }
    if let Some(k) = &p.kms_key_identifier {
        m.insert("KmsKeyIdentifier".into(), json!(k));
    }
    Value::Object(m)
}

/// A ListConfigurationProfiles item.
fn profile_summary(p: &Profile) -> Value {
    let types: Vec<&String> = p.validators.iter().map(|(t, _)| t).collect();
    let mut v = json!({
        "ApplicationId": p.application_id,
        "Id": p.id,
        "Name": p.name,
        "LocationUri": p.location_uri,
        "Type": p.profile_type.as_deref().unwrap_or(FREEFORM),
    });
    if !types.is_empty() {
        v["ValidatorTypes"] = json!(types);
    }
    v
}

/// A ListHostedConfigurationVersions item.
fn hosted_summary(h: &HostedVersion) -> Value {
    let mut v = json!({
        "ApplicationId": h.application_id,
        "ConfigurationProfileId": h.profile_id,
        "VersionNumber": h.version_number,
        "ContentType": h.content_type,
    });
    if let Some(d) = &h.description {
        v["Description"] = json!(d);
    }
    if let Some(l) = &h.version_label {
        v["VersionLabel"] = json!(l);
    }
    if let Some(k) = &h.kms_key_arn {
        v["KmsKeyArn"] = json!(k);
    }
    v
}

/// A hosted version as Create/GetHostedConfigurationVersion answer it: the content as the body,
/// the other members in the headers the model names (`locationName`).
fn hosted_reply(h: &HostedVersion, status: u16, changed: bool) -> Reply {
    let mut headers = vec![
        ("application-id", h.application_id.clone()),
        ("configuration-profile-id", h.profile_id.clone()),
        ("version-number", h.version_number.to_string()),
        ("content-type", h.content_type.clone()),
    ];
    if let Some(d) = &h.description {
        headers.push(("description", d.clone()));
    }
    if let Some(l) = &h.version_label {
        headers.push(("versionlabel", l.clone()));
    }
    if let Some(k) = &h.kms_key_arn {
        headers.push(("kmskeyarn", k.clone()));
    }
    Reply {
        status,
        body: Value::Null,
        changed,
        raw: Some(Raw {
            bytes: h.content.clone(),
            headers,
        }),
    }
}

/// Where a configuration may live (`service-2.json`, `CreateConfigurationProfileRequest`
/// `LocationUri`): `hosted`, or an `ssm-parameter://`, `ssm-document://`, `s3://`,
/// `secretsmanager://` or `codepipeline://` URI. Feature flags live in the hosted store only
/// (the user guide's feature flags profiles are hosted).
fn location_uri(uri: &str, kind: Option<&str>) -> Result<(), ApiError> {
    const SCHEMES: [&str; 5] = [
        "ssm-parameter://",
        "ssm-document://",
        "s3://",
        "secretsmanager://",
        "codepipeline://",
    ];
    let known = uri == "hosted"
        || SCHEMES
            .iter()
            .any(|s| uri.strip_prefix(s).is_some_and(|rest| !rest.is_empty()));
    if !known {
        return Err(ApiError::bad_request(format!(
            "LocationUri {uri} is not valid: use hosted, or an ssm-parameter://, ssm-document://, s3://, secretsmanager:// or codepipeline:// URI"
        )));
    }
    if kind == Some(crate::store::FEATURE_FLAGS) && uri != "hosted" {
        return Err(ApiError::bad_request(
            "A feature flags configuration profile must use the hosted configuration store (LocationUri hosted)",
        ));
    }
    Ok(())
}

/// `x-amzn-deletion-protection-check`, one of the model's values (deletion protection itself,
/// which depends on recent GetLatestConfiguration calls, is not simulated).
fn deletion_protection_check(call: &Call<'_>) -> Result<(), ApiError> {
    match call.headers.get("x-amzn-deletion-protection-check") {
        None => Ok(()),
        Some(v) if matches!(v.as_bytes(), b"ACCOUNT_DEFAULT" | b"APPLY" | b"BYPASS") => Ok(()),
        Some(v) => Err(ApiError::validation(
            &String::from_utf8_lossy(v.as_bytes()),
            "deletionProtectionCheck",
            "Member must satisfy enum value set: [ACCOUNT_DEFAULT, APPLY, BYPASS]",
        )),
    }
}

/// Runs one of the workflow's operations.
///
/// # Errors
/// The AppConfig error for the request.
pub(super) fn handle(store: &mut Store, op: &Crud, call: &Call<'_>) -> Result<Reply, ApiError> {
    let now = call.now;
    match op {
        Crud::CreateApplication => {
            let obj = json_object(call.body)?;
            let name = required(str_member(&obj, "Name", "name", 1, 64)?, "Name")?;
            let description = str_member(&obj, "Description", "description", 0, 1024)?;
            let a = store.create_application(name, description, tags(&obj)?)?;
            Ok(created(to_json(&a)))
        }
        Crud::UpdateApplication { app } => {
            label(app, "applicationId", 64)?;
            let obj = json_object(call.body)?;
            let name = str_member(&obj, "Name", "name", 1, 64)?;
            let description = str_member(&obj, "Description", "description", 0, 1024)?;
            Ok(updated(to_json(&store.update_application(
                app,
                name,
                description,
            )?)))
        }
        Crud::DeleteApplication { app } => {
            label(app, "applicationId", 64)?;
            store.delete_application(app)?;
            Ok(no_content())
        }
        Crud::CreateEnvironment { app } => {
            label(app, "applicationId", 64)?;
            let obj = json_object(call.body)?;
            let mut e = Environment::default();
            e.name = Some(required(str_member(&obj, "Name", "name", 1, 64)?, "Name")?);
            e.description = str_member(&obj, "Description", "description", 0, 1024)?;
            e.monitors = monitors(&obj)?.filter(|m| !m.is_empty());
            let out = store.create_environment(app, e, tags(&obj)?, now)?;
            Ok(created(to_json(&out)))
        }
        Crud::UpdateEnvironment { app, env } => {
            label(app, "applicationId", 64)?;
            label(env, "environmentId", 64)?;
            let obj = json_object(call.body)?;
            let mut e = Environment::default();
            e.name = str_member(&obj, "Name", "name", 1, 64)?;
            e.description = str_member(&obj, "Description", "description", 0, 1024)?;
            e.monitors = monitors(&obj)?;
            Ok(updated(to_json(
                &store.update_environment(app, env, e, now)?,
            )))
        }
        Crud::DeleteEnvironment { app, env } => {
            label(app, "applicationId", 64)?;
            label(env, "environmentId", 64)?;
            deletion_protection_check(call)?;
            store.delete_environment(app, env, now)?;
            Ok(no_content())
        }
        Crud::ListConfigurationProfiles { app } => {
            label(app, "applicationId", 64)?;
            let p = page(call.query)?;
            let kind = query_value(call.query, "type");
            let app_id = store.app(app)?.id.clone().unwrap_or_default();
            let scope = format!("profiles|{app_id}");
            let start = read_token(&p.token, &scope)?.unwrap_or(0) as usize;
            let all: Vec<&Profile> = store
                .profiles
                .iter()
                .filter(|x| x.application_id == app_id)
                .filter(|x| kind.is_none_or(|k| x.profile_type.as_deref().unwrap_or(FREEFORM) == k))
                .collect();
            let items: Vec<Value> = all
                .iter()
                .skip(start)
                .take(p.max)
                .map(|x| profile_summary(x))
                .collect();
            let end = start + items.len();
            let mut out = json!({"Items": items});
            if end < all.len() {
                out["NextToken"] = json!(make_token(&scope, end as u64));
            }
            Ok(ok(out))
        }
        Crud::CreateConfigurationProfile { app } => {
            label(app, "applicationId", 64)?;
            let obj = json_object(call.body)?;
            let name = required(str_member(&obj, "Name", "name", 1, 128)?, "Name")?;
            let location = required(
                str_member(&obj, "LocationUri", "locationUri", 1, 2048)?,
                "LocationUri",
            )?;
            let mut p = Profile::new("", "", &name, &location);
            p.description = str_member(&obj, "Description", "description", 0, 1024)?;
            p.retrieval_role_arn =
                str_member(&obj, "RetrievalRoleArn", "retrievalRoleArn", 20, 2048)?;
            if let Some(r) = &p.retrieval_role_arn {
                role_arn(r, "retrievalRoleArn")?;
            }
            p.validators = validators(&obj)?.unwrap_or_default();
            let kind = str_member(&obj, "Type", "type", 0, 1024)?;
            if let Some(k) = &kind {
                let ok = !k.is_empty()
                    && k.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
                if !ok {
                    return Err(ApiError::validation(
                        k,
                        "type",
                        "Member must satisfy regular expression pattern: ^[a-zA-Z0-9\\.\\-]+",
                    ));
                }
            }
            p.profile_type = Some(kind.unwrap_or_else(|| FREEFORM.to_owned()));
            location_uri(&location, p.profile_type.as_deref())?;
            p.kms_key_identifier =
                str_member(&obj, "KmsKeyIdentifier", "kmsKeyIdentifier", 1, 2048)?;
            let out = store.create_profile(app, p, tags(&obj)?, call.region)?;
            Ok(created(profile_json(&out)))
        }
        Crud::GetConfigurationProfile { app, profile } => {
            label(app, "applicationId", 64)?;
            label(profile, "configurationProfileId", 128)?;
            Ok(ok(profile_json(store.profile(app, profile)?)))
        }
        Crud::UpdateConfigurationProfile { app, profile } => {
            label(app, "applicationId", 64)?;
            label(profile, "configurationProfileId", 128)?;
            let obj = json_object(call.body)?;
            let mut p = Profile::new("", "", "", "");
            p.name = str_member(&obj, "Name", "name", 1, 128)?.unwrap_or_default();
            p.description = str_member(&obj, "Description", "description", 0, 1024)?;
            p.retrieval_role_arn =
                str_member(&obj, "RetrievalRoleArn", "retrievalRoleArn", 20, 2048)?;
            if let Some(r) = &p.retrieval_role_arn {
                role_arn(r, "retrievalRoleArn")?;
            }
            p.kms_key_identifier =
                str_member(&obj, "KmsKeyIdentifier", "kmsKeyIdentifier", 0, 2048)?;
            let v = validators(&obj)?;
            let out = store.update_profile(app, profile, p, v, call.region)?;
            Ok(updated(profile_json(&out)))
        }
        Crud::DeleteConfigurationProfile { app, profile } => {
            label(app, "applicationId", 64)?;
            label(profile, "configurationProfileId", 128)?;
            deletion_protection_check(call)?;
            store.delete_profile(app, profile, now)?;
            Ok(no_content())
        }
        Crud::ListHostedConfigurationVersions { app, profile } => {
            label(app, "applicationId", 64)?;
            label(profile, "configurationProfileId", 128)?;
            let p = page(call.query)?;
            let wanted = query_value(call.query, "version_label").map(str::to_owned);
            if let Some(l) = &wanted {
                aws_validation(l, "versionLabel", validate::length("member", l, 1, 64))?;
            }
            let found = store.profile(app, profile)?.clone();
            let scope = format!("hosted|{}|{}", found.application_id, found.id);
            // Newest first, as the console lists them; the token holds the number to go below.
            let below = read_token(&p.token, &scope)?;
            let mut all = store.hosted_versions_of(&found.application_id, &found.id);
            all.reverse();
            let rest: Vec<&HostedVersion> = all
                .into_iter()
                .filter(|h| below.is_none_or(|b| i64::from(h.version_number) < b as i64))
                .filter(|h| wanted.is_none() || h.version_label == wanted)
                .collect();
            let items: Vec<Value> = rest.iter().take(p.max).map(|h| hosted_summary(h)).collect();
            let mut out = json!({"Items": items});
            if rest.len() > p.max {
                let last = rest[p.max - 1].version_number.max(0) as u64;
                out["NextToken"] = json!(make_token(&scope, last));
            }
            Ok(ok(out))
        }
        Crud::CreateHostedConfigurationVersion { app, profile } => {
            label(app, "applicationId", 64)?;
            label(profile, "configurationProfileId", 128)?;
            let new = new_hosted(call)?;
            let h = store.create_hosted_version(app, profile, new)?;
            Ok(hosted_reply(&h, 201, true))
        }
        Crud::GetHostedConfigurationVersion {
            app,
            profile,
            number,
        } => {
            label(app, "applicationId", 64)?;
            label(profile, "configurationProfileId", 128)?;
            let n = version_number(number)?;
            Ok(hosted_reply(
                store.hosted_version(app, profile, n)?,
                200,
                false,
            ))
        }
        Crud::DeleteHostedConfigurationVersion {
            app,
            profile,
            number,
        } => {
            label(app, "applicationId", 64)?;
            label(profile, "configurationProfileId", 128)?;
            let n = version_number(number)?;
            store.delete_hosted_version(app, profile, n)?;
            Ok(no_content())
        }
        Crud::CreateDeploymentStrategy => {
            let obj = json_object(call.body)?;
            let mut s = DeploymentStrategy::default();
            s.name = Some(required(str_member(&obj, "Name", "name", 1, 64)?, "Name")?);
            s.description = str_member(&obj, "Description", "description", 0, 1024)?;
            s.deployment_duration_in_minutes = Some(
                int_member(&obj, "DeploymentDurationInMinutes", 0, 1440)?
                    .ok_or_else(|| missing("DeploymentDurationInMinutes"))?,
            );
            s.final_bake_time_in_minutes =
                Some(int_member(&obj, "FinalBakeTimeInMinutes", 0, 1440)?.unwrap_or(0));
            s.growth_factor = Some(growth_factor(&obj)?.ok_or_else(|| missing("GrowthFactor"))?);
            s.growth_type = Some(growth_type(&obj)?.unwrap_or(GrowthType::Linear));
            let replicate = enum_member(&obj, "ReplicateTo", &["NONE", "SSM_DOCUMENT"])?;
            s.replicate_to = Some(match replicate.as_deref() {
                Some("SSM_DOCUMENT") => ReplicateTo::SsmDocument,
                _ => ReplicateTo::None,
            });
            let out = store.create_strategy(s, tags(&obj)?)?;
            Ok(created(to_json(&out)))
        }
        Crud::UpdateDeploymentStrategy { id } => {
            super::input::check_strategy_id(id)?;
            let obj = json_object(call.body)?;
            let mut s = DeploymentStrategy::default();
            s.description = str_member(&obj, "Description", "description", 0, 1024)?;
            s.deployment_duration_in_minutes =
                int_member(&obj, "DeploymentDurationInMinutes", 0, 1440)?;
            s.final_bake_time_in_minutes = int_member(&obj, "FinalBakeTimeInMinutes", 0, 1440)?;
            s.growth_factor = growth_factor(&obj)?;
            s.growth_type = growth_type(&obj)?;
            Ok(updated(to_json(&store.update_strategy(id, s)?)))
        }
        Crud::DeleteDeploymentStrategy { id } => {
            super::input::check_strategy_id(id)?;
            store.delete_strategy(id)?;
            Ok(no_content())
        }
        Crud::TagResource { arn } => {
            let resource = arn_resource(arn)?;
            store.check_taggable(&resource)?;
            let obj = json_object(call.body)?;
            if !obj.contains_key("Tags") {
                return Err(missing("Tags"));
            }
            let mut all = store.tags_of(&resource);
            all.extend(tags(&obj)?);
            store.put_tags(&resource, all)?;
            Ok(no_content())
        }
        Crud::UntagResource { arn } => {
            let resource = arn_resource(arn)?;
            store.check_taggable(&resource)?;
            let keys: Vec<&String> = call
                .query
                .iter()
                .filter(|(k, _)| k == "tagKeys")
                .map(|(_, v)| v)
                .collect();
            if keys.is_empty() && !call.query.iter().any(|(k, _)| k == "tagKeys") {
                return Err(missing("TagKeys"));
            }
            let mut all = store.tags_of(&resource);
            all.retain(|k, _| !keys.contains(&k));
            store.put_tags(&resource, all)?;
            Ok(no_content())
        }
        Crud::ListTagsForResource { arn } => {
            let resource = arn_resource(arn)?;
            store.check_taggable(&resource)?;
            Ok(ok(json!({"Tags": store.tags_of(&resource)})))
        }
    }
}
