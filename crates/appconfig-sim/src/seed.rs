//! The seed data: fixed ids other tests rely on (see the README for the list).

use std::collections::BTreeMap;

use appconfig_core::DateTime;
use appconfig_core::{
    ActionInvocation, Application, AppliedExtension, Deployment, DeploymentEvent,
    DeploymentEventType, DeploymentState, DeploymentStrategy, Environment, GrowthType, Monitor,
    ReplicateTo, TriggeredBy,
};

use crate::store::{DeploymentRec, EnvRec, Invocations, Profile, Revert, Stop, Store, ACCOUNT_ID};

const MIN: i64 = 60_000;
const HOUR: i64 = 60 * MIN;
const DAY: i64 = 24 * HOUR;

#[allow(clippy::too_many_arguments)]
fn strategy(
    id: &str,
    name: &str,
    description: Option<&str>,
    growth: GrowthType,
    factor: f64,
    duration: i32,
    bake: i32,
    replicate: ReplicateTo,
) -> DeploymentStrategy {
    let mut s = DeploymentStrategy::default();
    s.id = Some(id.into());
    s.name = Some(name.into());
    s.description = description.map(str::to_owned);
    s.growth_type = Some(growth);
    s.growth_factor = Some(factor);
    s.deployment_duration_in_minutes = Some(duration);
    s.final_bake_time_in_minutes = Some(bake);
    s.replicate_to = Some(replicate);
    s
}

/// The seeded deployment strategies, predefined ones with their AWS values.
pub(crate) fn strategies() -> Vec<DeploymentStrategy> {
    use GrowthType::{Exponential, Linear};
    vec![
        strategy("1225qzk", "Example-Deployment", None, Linear, 25.0, 15, 0, ReplicateTo::SsmDocument),
        strategy("AppConfig.AllAtOnce", "AppConfig.AllAtOnce", Some("Quick"), Linear, 100.0, 0, 10, ReplicateTo::None),
        strategy(
            "AppConfig.Linear50PercentEvery30Seconds",
            "AppConfig.Linear50PercentEvery30Seconds",
            Some("Test/Demo"),
            Linear,
            50.0,
            1,
            1,
            ReplicateTo::None,
        ),
        strategy(
            "AppConfig.Canary10Percent20Minutes",
            "AppConfig.Canary10Percent20Minutes",
            Some("AWS Recommended"),
            Exponential,
            10.0,
            20,
            10,
            ReplicateTo::None,
        ),
        strategy(
            "AppConfig.Linear20PercentEvery6Minutes",
            "AppConfig.Linear20PercentEvery6Minutes",
            Some("AWS Recommended"),
            Linear,
            20.0,
            30,
            30,
            ReplicateTo::None,
        ),
        strategy(
            "fast001",
            "Fast-Linear50-1min",
            Some("Simulator: 50% steps over 1 minute, 1 minute bake"),
            Linear,
            50.0,
            1,
            1,
            ReplicateTo::None,
        ),
        strategy(
            "live001",
            "Staging-Linear20-10min",
            Some("Simulator: 20% steps over 10 minutes, 2 minutes bake (the live staging deployment)"),
            Linear,
            20.0,
            10,
            2,
            ReplicateTo::None,
        ),
        strategy(
            "long001",
            "Gradual-Linear-Half-Percent",
            Some("Simulator: 0.5% steps every 5 minutes (a 200-step rollout)"),
            Linear,
            0.5,
            1005,
            30,
            ReplicateTo::None,
        ),
    ]
}

fn app(id: &str, name: &str, description: Option<&str>) -> Application {
    let mut a = Application::default();
    a.id = Some(id.into());
    a.name = Some(name.into());
    a.description = description.map(str::to_owned);
    a
}

fn env(
    app: &str,
    id: &str,
    name: &str,
    description: &str,
    monitors: Vec<Monitor>,
    live: bool,
) -> EnvRec {
    let mut e = Environment::default();
    e.application_id = Some(app.into());
    e.id = Some(id.into());
    e.name = Some(name.into());
    if !description.is_empty() {
        e.description = Some(description.into());
    }
    if !monitors.is_empty() {
        e.monitors = Some(monitors);
    }
    EnvRec { env: e, live }
}

fn t(s: &str) -> DateTime {
    DateTime::parse(s).unwrap_or_else(|_| DateTime::from_epoch_millis(0))
}

fn event(ty: DeploymentEventType, by: TriggeredBy, description: &str, at: &str) -> DeploymentEvent {
    DeploymentEvent::new(ty, by, description, t(at))
}

/// The botocore GetDeployment example, member for member.
fn botocore_example() -> DeploymentRec {
    use DeploymentEventType as E;
    use TriggeredBy::{AppConfig, User};
    let mut d = Deployment::default();
    d.application_id = Some("339ohji".into());
    d.completed_at = Some(t("2021-09-17T21:59:03.888000+00:00"));
    d.configuration_location_uri = Some("ssm-parameter://Example-Parameter".into());
    d.configuration_name = Some("Example-Configuration-Profile".into());
    d.configuration_profile_id = Some("ur8hx2f".into());
    d.configuration_version = Some("1".into());
    d.deployment_duration_in_minutes = Some(15);
    d.deployment_number = Some(1);
    d.deployment_strategy_id = Some("1225qzk".into());
    d.environment_id = Some("54j1r29".into());
    d.event_log = Some(vec![
        event(
            E::DeploymentCompleted,
            AppConfig,
            "Deployment completed",
            "2021-09-17T21:59:03.888000+00:00",
        ),
        event(
            E::BakeTimeStarted,
            AppConfig,
            "Deployment bake time started",
            "2021-09-17T21:58:57.722000+00:00",
        ),
        event(
            E::PercentageUpdated,
            AppConfig,
            "Configuration available to 100.00% of clients",
            "2021-09-17T21:55:56.816000+00:00",
        ),
        event(
            E::PercentageUpdated,
            AppConfig,
            "Configuration available to 75.00% of clients",
            "2021-09-17T21:52:56.567000+00:00",
        ),
        event(
            E::PercentageUpdated,
            AppConfig,
            "Configuration available to 50.00% of clients",
            "2021-09-17T21:49:55.737000+00:00",
        ),
        event(
            E::PercentageUpdated,
            AppConfig,
            "Configuration available to 25.00% of clients",
            "2021-09-17T21:46:55.187000+00:00",
        ),
        event(
            E::DeploymentStarted,
            User,
            "Deployment started",
            "2021-09-17T21:43:54.205000+00:00",
        ),
    ]);
    d.final_bake_time_in_minutes = Some(0);
    d.growth_factor = Some(25.0);
    d.growth_type = Some(GrowthType::Linear);
    d.percentage_complete = Some(100.0);
    d.started_at = Some(t("2021-09-17T21:43:54.205000+00:00"));
    d.state = Some(DeploymentState::Complete);
    DeploymentRec {
        base: d,
        speed: 1.0,
        frozen: true,
        stop: None,
        revert: None,
        invocations: Vec::new(),
        tags: BTreeMap::new(),
    }
}

struct Spec<'a> {
    app: &'a str,
    env: &'a str,
    number: i32,
    strategy: &'a DeploymentStrategy,
    profile: &'a Profile,
    version: String,
    label: Option<String>,
    description: Option<String>,
    started_at: DateTime,
}

fn deployment(s: Spec<'_>) -> DeploymentRec {
    let mut d = Deployment::default();
    d.application_id = Some(s.app.into());
    d.environment_id = Some(s.env.into());
    d.deployment_strategy_id = s.strategy.id.clone();
    d.configuration_profile_id = Some(s.profile.id.clone());
    d.deployment_number = Some(s.number);
    d.configuration_name = Some(s.profile.name.clone());
    d.configuration_location_uri = Some(s.profile.location_uri.clone());
    d.configuration_version = Some(s.version);
    d.description = s.description;
    d.deployment_duration_in_minutes = s.strategy.deployment_duration_in_minutes;
    d.growth_type = s.strategy.growth_type.clone();
    d.growth_factor = s.strategy.growth_factor;
    d.final_bake_time_in_minutes = s.strategy.final_bake_time_in_minutes;
    d.started_at = Some(s.started_at);
    d.kms_key_arn = s.profile.kms_key_arn.clone();
    if s.profile.kms_key_arn.is_some() {
        d.kms_key_identifier = Some("alias/payments-appconfig".into());
    }
    d.version_label = s.label;
    DeploymentRec {
        base: d,
        speed: 1.0,
        frozen: false,
        stop: None,
        revert: None,
        invocations: Vec::new(),
        tags: BTreeMap::new(),
    }
}

fn invocation(
    extension: &str,
    action: &str,
    uri: &str,
    id: &str,
    error: Option<(&str, &str)>,
) -> ActionInvocation {
    let mut a = ActionInvocation::default();
    a.extension_identifier = Some(extension.into());
    a.action_name = Some(action.into());
    a.uri = Some(uri.into());
    a.role_arn = Some(format!(
        "arn:aws:iam::{ACCOUNT_ID}:role/appconfig-extension-invoker"
    ));
    a.invocation_id = Some(id.into());
    if let Some((code, message)) = error {
        a.error_code = Some(code.into());
        a.error_message = Some(message.into());
    }
    a
}

fn extension(
    id: &str,
    association: &str,
    version: i32,
    params: &[(&str, &str)],
) -> AppliedExtension {
    let mut e = AppliedExtension::default();
    e.extension_id = Some(id.into());
    e.extension_association_id = Some(association.into());
    e.version_number = Some(version);
    e.parameters = Some(
        params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    );
    e
}

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
    let alarm = format!("arn:aws:cloudwatch:{region}:{ACCOUNT_ID}:alarm:payments-5xx-errors");
    let monitor = |alarm: &str| {
        let mut m = Monitor::default();
        m.alarm_arn = Some(alarm.to_owned());
        m.alarm_role_arn = Some(format!("arn:aws:iam::{ACCOUNT_ID}:role/appconfig-monitor"));
        m
    };
    let staging_alarm =
        format!("arn:aws:cloudwatch:{region}:{ACCOUNT_ID}:alarm:payments-staging-latency");
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
            vec![monitor(&staging_alarm)],
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
        Profile {
            application_id: "339ohji".into(),
            id: "ur8hx2f".into(),
            name: "Example-Configuration-Profile".into(),
            location_uri: "ssm-parameter://Example-Parameter".into(),
            kms_key_arn: None,
        },
        Profile {
            application_id: "pay0001".into(),
            id: "pflags1".into(),
            name: "payments-feature-flags".into(),
            location_uri: "hosted".into(),
            kms_key_arn: Some(kms),
        },
        Profile {
            application_id: "web0001".into(),
            id: "wcfg001".into(),
            name: "storefront-settings".into(),
            location_uri: "hosted".into(),
            kms_key_arn: None,
        },
    ];
    let pflags = s.profiles[1].clone();
    let wcfg = s.profiles[2].clone();

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

    // storefront / development: 60 deployments, one every 3 hours, mixed states.
    let rotation = [&all_at_once, &fast, &half_minute, &canary];
    for n in 1..=60i32 {
        let strategy = rotation[(n as usize) % rotation.len()];
        let started = t0.add_millis(-i64::from(61 - n) * 3 * HOUR);
        let mut d = deployment(Spec {
            app: "web0001",
            env: "dev0001",
            number: n,
            strategy,
            profile: &wcfg,
            version: n.to_string(),
            label: Some(format!("build-{}", 1000 + n)),
            description: Some(format!("Storefront settings build {}", 1000 + n)),
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
    s
}

/// The id of extra environment `i` (1-based): `x` and six digits, AWS's `[a-z0-9]{4,7}`.
fn extra_env_id(i: usize) -> String {
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
    let profile = Profile {
        application_id: "ext0001".into(),
        id: "xcfg001".into(),
        name: "extra-settings".into(),
        location_uri: "hosted".into(),
        kms_key_arn: None,
    };
    s.profiles.push(profile.clone());
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

#[cfg(test)]
mod tests {
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
