//! The hosted configuration versions behind the seeded deployments: every version number up to
//! the largest one deployed, so each profile's history is complete, labelled as the deployment
//! that rolled it out.

use crate::samples::{self, JSON, TEXT, YAML};
use crate::store::{HostedVersion, Store};

/// The content and content type of version `n` of a seeded profile (`None`: not seeded).
fn content(profile_id: &str, n: i32) -> Option<(String, &'static str)> {
    Some(match profile_id {
        "pflags1" => (samples::payments_flags(n), JSON),
        "wcfg001" => (samples::storefront_settings(n), JSON),
        "wbnr001" => (samples::storefront_banner(n), YAML),
        "wrbt001" => (samples::robots_txt(n), TEXT),
        _ => return None,
    })
}

/// Adds versions 1 to the largest deployed version of every seeded hosted profile.
pub(super) fn seed_hosted_versions(s: &mut Store) {
    let mut out = Vec::new();
    for p in s.profiles.iter().filter(|p| p.is_hosted()) {
        let deployed: Vec<_> = s
            .deployments
            .iter()
            .filter(|d| d.base.configuration_profile_id.as_deref() == Some(p.id.as_str()))
            .filter_map(|d| {
                let n = d
                    .base
                    .configuration_version
                    .as_deref()?
                    .parse::<i32>()
                    .ok()?;
                Some((n, &d.base))
            })
            .collect();
        let last = deployed.iter().map(|(n, _)| *n).max().unwrap_or(0);
        for n in 1..=last {
            let Some((text, content_type)) = content(&p.id, n) else {
                continue;
            };
            let by = deployed.iter().find(|(v, _)| *v == n).map(|(_, d)| *d);
            out.push(HostedVersion {
                application_id: p.application_id.clone(),
                profile_id: p.id.clone(),
                version_number: n,
                description: by.and_then(|d| d.description.clone()),
                content_type: content_type.into(),
                version_label: by.and_then(|d| d.version_label.clone()),
                kms_key_arn: p.kms_key_arn.clone(),
                content: text.into_bytes(),
                chain: false,
            });
        }
    }
    s.hosted_versions = out;
}
