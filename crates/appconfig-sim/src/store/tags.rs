//! Tags: which resources an ARN names, and their tags (deployments keep theirs with the
//! deployment, everything else in the store's map by the ARN's resource part).

use std::collections::BTreeMap;

use super::records::Store;
use crate::awserror::ApiError;

impl Store {
    /// Whether the resource an ARN's resource part names exists (`application/ID`,
    /// `application/ID/environment/ID`, `application/ID/configurationprofile/ID`,
    /// `application/ID/environment/ID/deployment/N`, `deploymentstrategy/ID`).
    ///
    /// # Errors
    /// 404 naming the missing resource.
    pub(crate) fn check_taggable(&self, resource: &str) -> Result<(), ApiError> {
        let parts: Vec<&str> = resource.split('/').collect();
        let missing =
            || ApiError::not_found("ResourceArn", format!("Resource {resource} not found"));
        let app = |id: &str| {
            self.applications
                .iter()
                .any(|a| a.id.as_deref() == Some(id))
        };
        let found = match parts.as_slice() {
            ["application", a] => app(a),
            ["application", a, "environment", e] => self.environments.iter().any(|x| {
                x.env.application_id.as_deref() == Some(*a) && x.env.id.as_deref() == Some(*e)
            }),
            ["application", a, "configurationprofile", p] => self
                .profiles
                .iter()
                .any(|x| x.application_id == *a && x.id == *p),
            ["application", a, "environment", e, "deployment", n] => n
                .parse::<i64>()
                .ok()
                .and_then(|n| self.deployment_index(a, e, n))
                .is_some(),
            ["deploymentstrategy", s] => {
                !is_predefined(s) && self.strategies.iter().any(|x| x.id.as_deref() == Some(*s))
            }
            _ => false,
        };
        if found {
            Ok(())
        } else {
            Err(missing())
        }
    }

    /// The tags of a resource (deployments keep theirs with the deployment).
    pub(crate) fn tags_of(&self, resource: &str) -> BTreeMap<String, String> {
        if let Some(i) = self.deployment_of_key(resource) {
            return self.deployments[i].tags.clone();
        }
        self.tags.get(resource).cloned().unwrap_or_default()
    }

    /// Replaces the tags of a resource.
    ///
    /// # Errors
    /// 400 past 50 tags.
    pub(crate) fn put_tags(
        &mut self,
        resource: &str,
        tags: BTreeMap<String, String>,
    ) -> Result<(), ApiError> {
        if tags.len() > 50 {
            return Err(ApiError::bad_request("A resource can have at most 50 tags"));
        }
        if let Some(i) = self.deployment_of_key(resource) {
            self.deployments[i].tags = tags;
        } else if tags.is_empty() {
            self.tags.remove(resource);
        } else {
            self.tags.insert(resource.to_owned(), tags);
        }
        Ok(())
    }

    fn deployment_of_key(&self, resource: &str) -> Option<usize> {
        match resource.split('/').collect::<Vec<_>>().as_slice() {
            ["application", a, "environment", e, "deployment", n] => {
                self.deployment_index(a, e, n.parse().ok()?)
            }
            _ => None,
        }
    }
}

/// The tag key (ARN resource part) of an application.
pub(crate) fn app_key(app_id: &str) -> String {
    format!("application/{app_id}")
}

/// The tag key of an environment.
pub(crate) fn env_key(app_id: &str, env_id: &str) -> String {
    format!("application/{app_id}/environment/{env_id}")
}

/// The tag key of a configuration profile.
pub(crate) fn profile_key(app_id: &str, profile_id: &str) -> String {
    format!("application/{app_id}/configurationprofile/{profile_id}")
}

/// The predefined `AppConfig.*` strategies: shared by every account, never changed or tagged.
pub(super) fn is_predefined(id: &str) -> bool {
    id.starts_with("AppConfig.")
}
