//! `--extra-environments`: many environments for tests of views over many rows.

use appconfig_core::DateTime;

use super::build::{app, deployment, env, strategies, Spec, HOUR};
use crate::samples;
use crate::store::{HostedVersion, Profile, Store};

/// The id of extra environment `i` (1-based): `x` and six digits, AWS's `[a-z0-9]{4,7}`.
pub(super) fn extra_env_id(i: usize) -> String {
    format!("x{i:06}")
}

/// The most extra environments `--extra-environments` makes.
pub(crate) const MAX_EXTRA_ENVIRONMENTS: usize = 1000;

/// Adds application `ext0001` "extra-environments" with `n` environments `x000001`.. (for tests
/// of views over many environments), each with one deployment of profile `xcfg001`: every tenth
/// (1, 11, 21, ..) is running (LINEAR 20% over 30 minutes, started at `t0`), the others
/// COMPLETE (all at once, started 1 + i hours before `t0`).
pub(crate) fn add_extra_environments(s: &mut Store, n: usize, t0: DateTime, speed: f64) {
    let n = n.min(MAX_EXTRA_ENVIRONMENTS);
    if n == 0 {
        return;
    }
    let strat = |id: &str| {
        strategies()
            .into_iter()
            .find(|x| x.id.as_deref() == Some(id))
            .unwrap_or_default()
    };
    let (all_at_once, linear20) = (
        strat("AppConfig.AllAtOnce"),
        strat("AppConfig.Linear20PercentEvery6Minutes"),
    );
    s.applications.push(app(
        "ext0001",
        "extra-environments",
        Some("Made by --extra-environments"),
    ));
    let profile = Profile::new("ext0001", "xcfg001", "extra-settings", "hosted");
    s.profiles.push(profile.clone());
    s.hosted_versions.push(HostedVersion {
        application_id: "ext0001".into(),
        profile_id: "xcfg001".into(),
        version_number: 1,
        description: None,
        content_type: samples::JSON.into(),
        version_label: None,
        kms_key_arn: None,
        content: samples::extra_settings().into_bytes(),
        chain: false,
    });
    for i in 1..=n {
        let id = extra_env_id(i);
        s.environments.push(env(
            "ext0001",
            &id,
            &format!("extra-{i:04}"),
            "",
            vec![],
            false,
        ));
        let running = i % 10 == 1;
        let mut d = deployment(Spec {
            app: "ext0001",
            env: &id,
            number: 1,
            strategy: if running { &linear20 } else { &all_at_once },
            profile: &profile,
            version: "1".into(),
            label: None,
            description: None,
            started_at: if running {
                t0
            } else {
                t0.add_millis(-(1 + i as i64) * HOUR)
            },
        });
        if running {
            d.speed = speed;
        }
        s.deployments.push(d);
    }
}
