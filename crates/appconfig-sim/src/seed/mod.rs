//! The seed data: fixed ids other tests rely on (see the README for the list).

use appconfig_core::model::{DeploymentEventType, DeploymentStrategy, Monitor, TriggeredBy};
use appconfig_core::DateTime;

use crate::store::{
    Invocations, Profile, Revert, Stop, Store, ACCOUNT_ID, FEATURE_FLAGS, FREEFORM,
};

mod alarms;
mod build;
mod extra;
mod hosted;

pub(crate) use alarms::{alarm_arn, metric_alarm};
pub(crate) use build::strategies;
use build::*;
pub(crate) use extra::{add_extra_environments, MAX_EXTRA_ENVIRONMENTS};

/// A store with only the predefined `AppConfig.*` strategies (`--no-seed`).
pub(crate) fn predefined_only() -> Store {
    let mut s = Store::new();
    s.strategies = strategies()
        .into_iter()
        .filter(|s| s.id.as_deref().is_some_and(|i| i.starts_with("AppConfig.")))
        .collect();
    s
}

/// The seed data, with past deployments placed relative to `t0` (the start time) and the live
/// staging deployment starting at `t0` and running at `speed`.
pub(crate) fn seed(t0: DateTime, speed: f64, region: &str) -> Store {
    let mut s = Store::new();
    s.strategies = strategies();
    let strat = |id: &str| {
        s.strategies
            .iter()
            .find(|x| x.id.as_deref() == Some(id))
            .cloned()
            .unwrap_or_default()
    };
    let (all_at_once, canary, linear20, fast, live, long) = (
        strat("AppConfig.AllAtOnce"),
        strat("AppConfig.Canary10Percent20Minutes"),
        strat("AppConfig.Linear20PercentEvery6Minutes"),
        strat("fast001"),
        strat("live001"),
        strat("long001"),
    );
    let half_minute = strat("AppConfig.Linear50PercentEvery30Seconds");

    s.applications = vec![
        app(
            "339ohji",
            "Example-Application",
            Some("An application used for creating an example."),
        ),
        app(
            "pay0001",
            "payments-service",
            Some("Payment processing: feature flags and limits"),
        ),
        app("web0001", "storefront", Some("The public web shop")),
    ];
    let alarm = alarms::alarm_arn(region, "payments-5xx-errors");
    let monitor = |alarm: &str| {
        let mut m = Monitor::default();
        m.alarm_arn = Some(alarm.to_owned());
        m.alarm_role_arn = Some(format!("arn:aws:iam::{ACCOUNT_ID}:role/appconfig-monitor"));
        m
    };
    let staging_alarm = alarms::alarm_arn(region, "payments-staging-latency");
    let staging_canary = alarms::alarm_arn(region, "payments-staging-canary");
    s.environments = vec![
        env(
            "339ohji",
            "54j1r29",
            "Example-Environment",
            "",
            vec![],
            false,
        ),
        env(
            "pay0001",
            "prd0001",
            "production",
            "Production, watched by a CloudWatch alarm",
            vec![monitor(&alarm)],
            false,
        ),
        env(
            "pay0001",
            "stg0001",
            "staging",
            "Staging, always deploying",
            vec![monitor(&staging_alarm), monitor(&staging_canary)],
            true,
        ),
        env(
            "web0001",
            "dev0001",
            "development",
            "Development, many deployments",
            vec![],
            false,
        ),
    ];
    let kms = format!("arn:aws:kms:{region}:{ACCOUNT_ID}:key/0c7a1f4e-8f1b-4b7a-9d2e-5a6b7c8d9e0f");
    s.profiles = vec![
        Profile::new(
            "339ohji",
            "ur8hx2f",
            "Example-Configuration-Profile",
            "ssm-parameter://Example-Parameter",
        ),
        Profile {
            kms_key_arn: Some(kms),
            kms_key_identifier: Some("alias/payments-appconfig".into()),
            profile_type: Some(FEATURE_FLAGS.into()),
            description: Some("Payment feature flags".into()),
            ..Profile::new("pay0001", "pflags1", "payments-feature-flags", "hosted")
        },
        Profile {
            profile_type: Some(FREEFORM.into()),
            description: Some("Catalog, search and checkout settings (JSON)".into()),
            ..Profile::new("web0001", "wcfg001", "storefront-settings", "hosted")
        },
        Profile {
            profile_type: Some(FREEFORM.into()),
            description: Some("The banner across the shop (YAML)".into()),
            ..Profile::new("web0001", "wbnr001", "storefront-banner", "hosted")
        },
        Profile {
            profile_type: Some(FREEFORM.into()),
            description: Some("The shop's robots.txt (text)".into()),
            ..Profile::new("web0001", "wrbt001", "robots-txt", "hosted")
        },
    ];
    let pflags = s.profiles[1].clone();
    let storefront = [
        s.profiles[2].clone(),
        s.profiles[3].clone(),
        s.profiles[4].clone(),
    ];

    let mut deployments = vec![botocore_example()];

    // payments-service / production
    let pay = |number: i32, strategy: &DeploymentStrategy, started: DateTime, description: &str| {
        deployment(Spec {
            app: "pay0001",
            env: "prd0001",
            number,
            strategy,
            profile: &pflags,
            version: (number + 10).to_string(),
            label: Some(format!("v2.{number}.0")),
            description: Some(description.into()),
            started_at: started,
        })
    };
    deployments.push(pay(
        1,
        &canary,
        t0.add_millis(-14 * DAY),
        "Enable Apple Pay for 10% canary",
    ));

    let mut d2 = pay(
        2,
        &linear20,
        t0.add_millis(-9 * DAY),
        "Raise card limit to 5000",
    );
    // The alarm fires 12 minutes into the 30-minute bake. The ROLLBACK_STARTED description
    // names the alarm's ARN: the API reference's `DeploymentEvent.Description` lists "The AWS
    // account or the Amazon CloudWatch alarm ARN that initiated a rollback".
    let alarm_at = d2.at_offset(d2.plan().bake_start_offset_ms + 12 * MIN);
    d2.stop = Some(Stop {
        at: alarm_at,
        triggered_by: TriggeredBy::CloudWatchAlarm,
        description: format!("Rollback initiated by Amazon CloudWatch alarm {alarm}"),
        completes_at: alarm_at.add_millis(35_000),
    });
    let sns = format!("arn:aws:sns:{region}:{ACCOUNT_ID}:payments-deployments");
    let lambda = format!("arn:aws:lambda:{region}:{ACCOUNT_ID}:function:payments-deploy-notifier");
    d2.base.applied_extensions = Some(vec![
        extension(
            "AWS.AppConfig.DeploymentNotificationsToSns",
            "a7sn2k4",
            1,
            &[("topicArn", sns.as_str())],
        ),
        extension(
            "pnotif1",
            "b3lm9x2",
            3,
            &[
                ("functionArn", lambda.as_str()),
                ("slackChannel", "#payments-oncall"),
            ],
        ),
    ]);
    d2.invocations = vec![
        Invocations {
            event_type: DeploymentEventType::DeploymentStarted,
            invocations: vec![invocation(
                "AWS.AppConfig.DeploymentNotificationsToSns",
                "SnsNotification",
                &sns,
                "3f6c2a9e-1b7d-4e2f-9a58-0c4d2b1e7f10",
                None,
            )],
        },
        Invocations {
            event_type: DeploymentEventType::RollbackStarted,
            invocations: vec![invocation(
                "pnotif1",
                "notify-oncall",
                &lambda,
                "9d2e4b71-6c3a-4f8e-b1d5-7a2c9e0f3b64",
                Some(("Lambda.FunctionError", "Task timed out after 3.00 seconds")),
            )],
        },
    ];
    deployments.push(d2);

    let mut d3 = pay(
        3,
        &all_at_once,
        t0.add_millis(-4 * DAY),
        "Switch fraud scoring to model v7",
    );
    let completed3 = d3.at_offset(d3.plan().complete_offset_ms);
    d3.revert = Some(Revert {
        at: completed3.add_millis(3 * HOUR + 17 * MIN),
        description: format!("Deployment reverted by AWS account {ACCOUNT_ID}"),
    });
    deployments.push(d3);

    // 200 steps of 0.5% every 5 minutes: 203 events (see the README).
    deployments.push(pay(
        4,
        &long,
        t0.add_millis(-DAY),
        "Gradual rollout of the new payment router",
    ));

    // payments-service / staging: one complete, one live from t0.
    let stg = |number: i32, started: DateTime, speed: f64| {
        let mut d = deployment(Spec {
            app: "pay0001",
            env: "stg0001",
            number,
            strategy: &live,
            profile: &pflags,
            version: (number + 20).to_string(),
            label: None,
            description: Some("Continuous delivery to staging (simulated)".into()),
            started_at: started,
        });
        d.speed = speed;
        d
    };
    deployments.push(stg(1, t0.add_millis(-2 * DAY), 1.0));
    deployments.push(stg(2, t0, speed));

    // storefront / development: 60 deployments, one every 3 hours, mixed states; one in five
    // rolls out the YAML banner, one in five the robots.txt, the others the JSON settings (the
    // latest, 60, is JSON). Each profile's versions count up from 1.
    let rotation = [&all_at_once, &fast, &half_minute, &canary];
    let mut next_version = [0i32; 3];
    for n in 1..=60i32 {
        let strategy = rotation[(n as usize) % rotation.len()];
        let started = t0.add_millis(-i64::from(61 - n) * 3 * HOUR);
        let which = storefront_profile(n);
        next_version[which] += 1;
        let mut d = deployment(Spec {
            app: "web0001",
            env: "dev0001",
            number: n,
            strategy,
            profile: &storefront[which],
            version: next_version[which].to_string(),
            label: Some(format!("build-{}", 1000 + n)),
            description: Some(format!(
                "Storefront {} build {}",
                ["settings", "banner", "robots.txt"][which],
                1000 + n
            )),
            started_at: started,
        });
        if n % 10 == 3 || n % 10 == 8 {
            let at = started.add_millis(40_000);
            d.stop = Some(Stop {
                at,
                triggered_by: TriggeredBy::User,
                description: format!("Rollback initiated by AWS account {ACCOUNT_ID}"),
                completes_at: at.add_millis(5_000),
            });
        } else if n == 45 || n == 57 {
            let done = d.at_offset(d.plan().complete_offset_ms);
            d.revert = Some(Revert {
                at: done.add_millis(HOUR),
                description: format!("Deployment reverted by AWS account {ACCOUNT_ID}"),
            });
        }
        deployments.push(d);
    }
    s.deployments = deployments;
    (s.alarms, s.alarm_history) = alarms::seed_alarms(region, t0, alarm_at);
    hosted::seed_hosted_versions(&mut s);
    s
}

/// Which of the storefront's profiles (settings, banner, robots.txt) deployment `n` rolls out.
pub(super) fn storefront_profile(n: i32) -> usize {
    match n % 5 {
        1 => 1,
        2 => 2,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::extra::extra_env_id;
    use super::*;

    /// AWS's generated ids: `[a-z0-9]{4,7}` (`service-2.json`, `Id`).
    fn is_aws_id(id: &str) -> bool {
        (4..=7).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    }

    #[test]
    fn every_id_the_simulator_makes_matches_aws_pattern() {
        let t0 = DateTime::from_epoch_millis(1_800_000_000_000);
        let mut s = seed(t0, 1.0, "us-east-1");
        add_extra_environments(&mut s, MAX_EXTRA_ENVIRONMENTS, t0, 1.0);
        let mut ids: Vec<String> = Vec::new();
        ids.extend(s.applications.iter().filter_map(|a| a.id.clone()));
        ids.extend(s.environments.iter().filter_map(|e| e.env.id.clone()));
        ids.extend(s.profiles.iter().map(|p| p.id.clone()));
        ids.extend(
            s.strategies
                .iter()
                .filter_map(|x| x.id.clone())
                .filter(|i| !i.starts_with("AppConfig.")),
        );
        for d in &s.deployments {
            for e in d.base.applied_extensions.iter().flatten() {
                ids.extend(e.extension_association_id.clone());
                ids.extend(e.extension_id.clone().filter(|i| !i.starts_with("AWS.")));
            }
        }
        assert!(ids.len() > MAX_EXTRA_ENVIRONMENTS, "{}", ids.len());
        let bad: Vec<&String> = ids.iter().filter(|i| !is_aws_id(i)).collect();
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(extra_env_id(1000), "x001000");
    }

    #[test]
    fn every_seeded_hosted_deployment_has_its_hosted_version() {
        let t0 = DateTime::from_epoch_millis(1_800_000_000_000);
        let mut s = seed(t0, 1.0, "us-east-1");
        add_extra_environments(&mut s, 20, t0, 1.0);
        let mut kinds = std::collections::BTreeSet::new();
        for d in &s.deployments {
            let b = &d.base;
            let (app, profile) = (
                b.application_id.clone().unwrap(),
                b.configuration_profile_id.clone().unwrap(),
            );
            let p = s.profiles.iter().find(|p| p.id == profile).unwrap();
            if !p.is_hosted() {
                kinds.insert("not hosted".to_owned());
                continue;
            }
            let version = b.configuration_version.clone().unwrap();
            let h = s
                .deployed_version(&app, &profile, &version)
                .unwrap_or_else(|| panic!("{app}/{profile} version {version}"));
            assert_eq!(
                h.version_label, b.version_label,
                "{profile} {version}: label"
            );
            kinds.insert(h.content_type.clone());
        }
        assert_eq!(
            kinds.into_iter().collect::<Vec<_>>(),
            [
                "application/json",
                "application/x-yaml",
                "not hosted",
                "text/plain"
            ]
        );
        let flags = s.profiles.iter().find(|p| p.id == "pflags1").unwrap();
        assert_eq!(flags.profile_type.as_deref(), Some(FEATURE_FLAGS));
    }

    #[test]
    fn the_running_staging_deployment_turns_a_flag_on() {
        let t0 = DateTime::from_epoch_millis(1_800_000_000_000);
        let s = seed(t0, 1.0, "us-east-1");
        let staging = s.deployments_of("pay0001", "stg0001");
        let [before, running] = staging.as_slice() else {
            panic!("two staging deployments");
        };
        let content = |d: &crate::store::DeploymentRec| {
            let v = d.base.configuration_version.clone().unwrap();
            let h = s.deployed_version("pay0001", "pflags1", &v).unwrap();
            serde_json::from_slice::<serde_json::Value>(&h.content).unwrap()
        };
        let (old, new) = (content(before), content(running));
        let turned_on: Vec<&String> = new["values"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, v)| v["enabled"] == true && old["values"][k.as_str()]["enabled"] != true)
            .map(|(k, _)| k)
            .collect();
        assert!(!turned_on.is_empty(), "{old} -> {new}");
    }

    #[test]
    fn the_live_chain_gives_each_new_version_content_and_drops_old_ones() {
        let t0 = DateTime::from_epoch_millis(1_800_000_000_000);
        let mut s = seed(t0, 1000.0, "us-east-1");
        let before = s.hosted_versions.len();
        let mut now = t0;
        for _ in 0..300 {
            now = now.add_millis(2_000);
            s.advance(now, 1000.0);
        }
        let staging = s.deployments_of("pay0001", "stg0001");
        assert!(staging.len() > 50, "{}", staging.len());
        for d in staging {
            let v = d.base.configuration_version.clone().unwrap();
            assert!(
                s.deployed_version("pay0001", "pflags1", &v).is_some(),
                "version {v}"
            );
        }
        let chain = s.hosted_versions.iter().filter(|h| h.chain).count();
        assert!(chain <= crate::store::LIVE_HISTORY, "{chain}");
        assert!(s.hosted_versions.len() > before);
    }

    #[test]
    fn extra_environments_mix_running_and_complete() {
        let t0 = DateTime::from_epoch_millis(1_800_000_000_000);
        let mut s = predefined_only();
        add_extra_environments(&mut s, 50, t0, 1.0);
        assert_eq!(s.environments.len(), 50);
        let states: Vec<String> = s
            .environments
            .iter()
            .map(|e| {
                s.render_env(e, t0.add_millis(1000))
                    .state
                    .map(|x| x.as_str().to_owned())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(states.iter().filter(|s| *s == "Deploying").count(), 5);
        assert_eq!(
            states.iter().filter(|s| *s == "ReadyForDeployment").count(),
            45
        );
        add_extra_environments(&mut s, 0, t0, 1.0);
        assert_eq!(s.applications.len(), 1);
    }
}
