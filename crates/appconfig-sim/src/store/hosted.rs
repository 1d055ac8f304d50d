//! Configuration profiles and the hosted configuration store: finding a profile, reading,
//! creating and deleting hosted versions, and the versions a live chain makes for itself.

use super::records::{HostedVersion, Profile, Store};
use crate::awserror::ApiError;
use crate::samples;

/// The largest hosted configuration AppConfig stores by default: 2 MB (AWS AppConfig quotas,
/// "Maximum size of a configuration stored in the hosted configuration store"), in bytes.
pub(crate) const MAX_HOSTED_BYTES: usize = 2 * 1024 * 1024;
/// How many versions a profile keeps before CreateHostedConfigurationVersion answers
/// ServiceQuotaExceededException (AWS's hosted store quota is by size; a bound keeps the state
/// file small).
pub(crate) const MAX_HOSTED_VERSIONS: usize = 1000;

/// The most the whole hosted store holds (the state file is written after every change, so
/// it stays small enough for that): past it, ServiceQuotaExceededException.
pub(crate) const MAX_STORE_BYTES: usize = 64 * 1024 * 1024;

/// What CreateHostedConfigurationVersion was given (headers and body, shapes checked).
#[derive(Clone, Debug, Default)]
pub(crate) struct NewHostedVersion {
    pub(crate) content: Vec<u8>,
    pub(crate) content_type: String,
    pub(crate) description: Option<String>,
    pub(crate) version_label: Option<String>,
    pub(crate) latest_version_number: Option<i64>,
}

impl Store {
    /// Finds a configuration profile of an application by id, then by name.
    ///
    /// # Errors
    /// 404 for the application or the profile.
    pub(crate) fn profile(&self, app_label: &str, label: &str) -> Result<&Profile, ApiError> {
        let app_id = self.app(app_label)?.id.clone().unwrap_or_default();
        let in_app = || self.profiles.iter().filter(|p| p.application_id == app_id);
        in_app()
            .find(|p| p.id == label)
            .or_else(|| in_app().find(|p| p.name == label))
            .ok_or_else(|| {
                ApiError::not_found(
                    "ConfigurationProfile",
                    format!("Configuration profile {label} not found in application {app_id}"),
                )
            })
    }

    /// The hosted versions of a profile, oldest first.
    pub(crate) fn hosted_versions_of(&self, app_id: &str, profile_id: &str) -> Vec<&HostedVersion> {
        let mut v: Vec<&HostedVersion> = self
            .hosted_versions
            .iter()
            .filter(|h| h.application_id == app_id && h.profile_id == profile_id)
            .collect();
        v.sort_by_key(|h| h.version_number);
        v
    }

    /// GetHostedConfigurationVersion.
    ///
    /// # Errors
    /// 404 for the application, the profile or the version.
    pub(crate) fn hosted_version(
        &self,
        app_label: &str,
        profile_label: &str,
        number: i32,
    ) -> Result<&HostedVersion, ApiError> {
        let p = self.profile(app_label, profile_label)?;
        self.hosted_versions_of(&p.application_id, &p.id)
            .into_iter()
            .find(|h| h.version_number == number)
            .ok_or_else(|| {
                ApiError::not_found(
                    "HostedConfigurationVersion",
                    format!(
                        "Hosted configuration version {number} not found in configuration profile {}",
                        p.id
                    ),
                )
            })
    }

    /// The hosted version a deployment of `version` (a number or a label) rolls out, if the
    /// profile has it.
    pub(crate) fn deployed_version(
        &self,
        app_id: &str,
        profile_id: &str,
        version: &str,
    ) -> Option<&HostedVersion> {
        let all = self.hosted_versions_of(app_id, profile_id);
        match version.parse::<i32>() {
            Ok(n) => all.into_iter().find(|h| h.version_number == n),
            // The newest version with that label.
            Err(_) => all
                .into_iter()
                .rev()
                .find(|h| h.version_label.as_deref() == Some(version)),
        }
    }

    /// CreateHostedConfigurationVersion.
    ///
    /// # Errors
    /// 404 for the application or profile; 400 for a profile that is not hosted or a feature
    /// flags document AppConfig would refuse; 409 when `Latest-Version-Number` is not the
    /// latest; 413 `PayloadTooLargeException` over 2 MB; 402 `ServiceQuotaExceededException`
    /// past [`MAX_HOSTED_VERSIONS`].
    pub(crate) fn create_hosted_version(
        &mut self,
        app_label: &str,
        profile_label: &str,
        new: NewHostedVersion,
    ) -> Result<HostedVersion, ApiError> {
        let p = self.profile(app_label, profile_label)?.clone();
        if !p.is_hosted() {
            return Err(ApiError::bad_request(format!(
                "Configuration profile {} is not in the AppConfig hosted configuration store (its LocationUri is {})",
                p.id, p.location_uri
            )));
        }
        if new.content.len() > MAX_HOSTED_BYTES {
            // The model: PayloadTooLargeException { Measure: KILOBYTES, Limit, Size }.
            return Err(ApiError::new(
                413,
                "PayloadTooLargeException",
                "The configuration is larger than the hosted configuration store accepts",
            )
            .with("Measure", "KILOBYTES")
            .with("Limit", (MAX_HOSTED_BYTES / 1024) as f64)
            .with(
                "Size",
                (new.content.len() as f64 / 1024.0 * 100.0).round() / 100.0,
            ));
        }
        let existing = self.hosted_versions_of(&p.application_id, &p.id);
        let latest = existing.last().map_or(0, |h| h.version_number);
        if existing.len() >= MAX_HOSTED_VERSIONS {
            return Err(ApiError::new(
                402,
                "ServiceQuotaExceededException",
                format!(
                    "Configuration profile {} already has {MAX_HOSTED_VERSIONS} hosted configuration versions",
                    p.id
                ),
            ));
        }
        let stored: usize = self.hosted_versions.iter().map(|h| h.content.len()).sum();
        if stored.saturating_add(new.content.len()) > MAX_STORE_BYTES {
            return Err(ApiError::new(
                402,
                "ServiceQuotaExceededException",
                format!(
                    "The simulator's hosted configuration store is full ({} MB): delete versions first",
                    MAX_STORE_BYTES / 1024 / 1024
                ),
            ));
        }
        if let Some(n) = new.latest_version_number {
            if n != i64::from(latest) {
                return Err(ApiError::conflict(format!(
                    "Latest-Version-Number {n} does not match the latest version number {latest} of configuration profile {}",
                    p.id
                )));
            }
        }
        if p.profile_type.as_deref() == Some(super::FEATURE_FLAGS) {
            check_feature_flags(&new.content)?;
        }
        for (kind, _) in &p.validators {
            if kind == "JSON_SCHEMA"
                && serde_json::from_slice::<serde_json::Value>(&new.content).is_err()
            {
                return Err(invalid_configuration(
                    "The configuration is not valid JSON, which its JSON_SCHEMA validator requires",
                    "JSON_SCHEMA",
                ));
            }
        }
        let Some(number) = latest.checked_add(1) else {
            return Err(ApiError::new(
                402,
                "ServiceQuotaExceededException",
                "No version number is left for this configuration profile",
            ));
        };
        let h = HostedVersion {
            application_id: p.application_id.clone(),
            profile_id: p.id.clone(),
            version_number: number,
            description: new.description,
            content_type: new.content_type,
            version_label: new.version_label,
            kms_key_arn: p.kms_key_arn.clone(),
            content: new.content,
            chain: false,
        };
        self.hosted_versions.push(h.clone());
        Ok(h)
    }

    /// DeleteHostedConfigurationVersion.
    ///
    /// # Errors
    /// 404 for the application, profile or version.
    pub(crate) fn delete_hosted_version(
        &mut self,
        app_label: &str,
        profile_label: &str,
        number: i32,
    ) -> Result<(), ApiError> {
        let h = self
            .hosted_version(app_label, profile_label, number)?
            .clone();
        self.hosted_versions.retain(|x| {
            !(x.application_id == h.application_id
                && x.profile_id == h.profile_id
                && x.version_number == number)
        });
        Ok(())
    }

    /// Gives a hosted profile the version a live chain is about to deploy, if it lacks it.
    pub(crate) fn ensure_chain_version(&mut self, app_id: &str, profile_id: &str, version: &str) {
        let Some(p) = self
            .profiles
            .iter()
            .find(|p| p.application_id == app_id && p.id == profile_id && p.is_hosted())
        else {
            return;
        };
        let Ok(n) = version.parse::<i32>() else {
            return;
        };
        if self.deployed_version(app_id, profile_id, version).is_some() {
            return;
        }
        let (content, content_type) = samples::chain_version(profile_id, n);
        let kms = p.kms_key_arn.clone();
        self.hosted_versions.push(HostedVersion {
            application_id: app_id.into(),
            profile_id: profile_id.into(),
            version_number: n,
            description: Some("Continuous delivery to staging (simulated)".into()),
            content_type: content_type.into(),
            version_label: None,
            kms_key_arn: kms,
            content: content.into_bytes(),
            chain: true,
        });
    }

    /// Drops the versions a chain made that no deployment rolls out any longer (the chain keeps
    /// its newest deployments only, so its versions would grow without bound too).
    pub(crate) fn prune_chain_versions(&mut self) {
        // One pass over the deployments, not one per version: at a high --speed the chain
        // prunes after every step.
        let deployed: std::collections::HashSet<(&str, &str, i32)> = self
            .deployments
            .iter()
            .filter_map(|d| {
                Some((
                    d.base.application_id.as_deref()?,
                    d.base.configuration_profile_id.as_deref()?,
                    d.base.configuration_version.as_deref()?.parse().ok()?,
                ))
            })
            .collect();
        let keep: Vec<bool> = self
            .hosted_versions
            .iter()
            .map(|h| {
                !h.chain
                    || deployed.contains(&(
                        h.application_id.as_str(),
                        h.profile_id.as_str(),
                        h.version_number,
                    ))
            })
            .collect();
        let mut keep = keep.into_iter();
        self.hosted_versions.retain(|_| keep.next().unwrap_or(true));
    }
}

/// 400 `BadRequestException` with AWS's `Reason` and `Details` for content a profile refuses.
fn invalid_configuration(message: &str, kind: &str) -> ApiError {
    ApiError::bad_request(message)
        .with("Reason", "InvalidConfiguration")
        .with(
            "Details",
            serde_json::json!({"InvalidConfiguration": [{
                "Constraint": message,
                "Location": "",
                "Reason": message,
                "Type": kind,
            }]}),
        )
}

/// What a feature flags profile accepts: a JSON object with `version` "1", a `flags` object and
/// a `values` object whose keys are defined flags (user guide, "Type reference for
/// AWS.AppConfig.FeatureFlags").
fn check_feature_flags(content: &[u8]) -> Result<(), ApiError> {
    let bad = |why: &str| invalid_configuration(why, "FeatureFlags");
    let doc: serde_json::Value = serde_json::from_slice(content)
        .map_err(|_| bad("The feature flags document is not valid JSON"))?;
    if doc.get("version").and_then(serde_json::Value::as_str) != Some("1") {
        return Err(bad(
            "The feature flags document must have \"version\": \"1\"",
        ));
    }
    let Some(flags) = doc.get("flags").and_then(serde_json::Value::as_object) else {
        return Err(bad(
            "The feature flags document must have a \"flags\" object",
        ));
    };
    let values = match doc.get("values") {
        None => serde_json::Map::new(),
        Some(serde_json::Value::Object(m)) => m.clone(),
        Some(_) => return Err(bad("\"values\" must be an object")),
    };
    if let Some(k) = values.keys().find(|k| !flags.contains_key(*k)) {
        return Err(bad(&format!(
            "\"values\" has \"{k}\", which \"flags\" does not define"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_flags_documents_are_checked_as_aws_describes_them() {
        assert!(check_feature_flags(samples::payments_flags(22).as_bytes()).is_ok());
        assert!(check_feature_flags(br#"{"version":"1","flags":{}}"#).is_ok());
        for bad in [
            &b"not json"[..],
            br#"{"flags":{},"values":{}}"#,
            br#"{"version":"1","values":{}}"#,
            br#"{"version":"1","flags":{},"values":{"x":{"enabled":true}}}"#,
        ] {
            let e = check_feature_flags(bad).unwrap_err();
            assert_eq!((e.status, e.code), (400, "BadRequestException"));
            assert!(e
                .members
                .iter()
                .any(|(k, v)| *k == "Reason" && v == "InvalidConfiguration"));
        }
    }
}
