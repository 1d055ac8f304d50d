//! The builders the seed data is written with, and the seeded strategies.

use std::collections::BTreeMap;

use appconfig_core::DateTime;
use appconfig_core::{
    model::{
        ActionInvocation, Application, AppliedExtension, DeploymentEvent, DeploymentEventType,
        DeploymentStrategy, Environment, GrowthType, Monitor, ReplicateTo, TriggeredBy,
    },
    Deployment, DeploymentState,
};

use crate::store::{DeploymentRec, EnvRec, Profile, ACCOUNT_ID};

pub(super) const MIN: i64 = 60_000;
pub(super) const HOUR: i64 = 60 * MIN;
pub(super) const DAY: i64 = 24 * HOUR;

#[allow(clippy::too_many_arguments)]
pub(super) fn strategy(
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

pub(super) fn app(id: &str, name: &str, description: Option<&str>) -> Application {
    let mut a = Application::default();
    a.id = Some(id.into());
    a.name = Some(name.into());
    a.description = description.map(str::to_owned);
    a
}

pub(super) fn env(
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

pub(super) fn t(s: &str) -> DateTime {
    DateTime::parse(s).unwrap_or_else(|_| DateTime::from_epoch_millis(0))
}

pub(super) fn event(
    ty: DeploymentEventType,
    by: TriggeredBy,
    description: &str,
    at: &str,
) -> DeploymentEvent {
    DeploymentEvent::new(ty, by, description, t(at))
}

/// The botocore GetDeployment example, member for member.
pub(super) fn botocore_example() -> DeploymentRec {
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

pub(super) struct Spec<'a> {
    pub(super) app: &'a str,
    pub(super) env: &'a str,
    pub(super) number: i32,
    pub(super) strategy: &'a DeploymentStrategy,
    pub(super) profile: &'a Profile,
    pub(super) version: String,
    pub(super) label: Option<String>,
    pub(super) description: Option<String>,
    pub(super) started_at: DateTime,
}

pub(super) fn deployment(s: Spec<'_>) -> DeploymentRec {
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

pub(super) fn invocation(
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

pub(super) fn extension(
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
