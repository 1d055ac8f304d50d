//! Credentials through aws-config against the simulator's STS: a `role_arn` + `source_profile`
//! profile, and a role the gateway's configuration assumes itself. The simulator accepts the
//! temporary credentials it handed out (session token checked) and nothing else.

mod support;

use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_arn_profile_assumes_its_role_through_sts() {
    let sim = simulator(KEY_B, "eu-west-1").await;
    let dir = tempfile::tempdir().unwrap();
    let (config, credentials) = profiles(
        dir.path(),
        &format!(
            "\n[profile base]\naws_access_key_id = {}\naws_secret_access_key = {}\nregion = eu-west-1\n\n[profile viewer]\nrole_arn = arn:aws:iam::123456789012:role/appconfig-viewer\nsource_profile = base\nregion = eu-west-1\nendpoint_url = {}\n",
            KEY_B.0,
            KEY_B.1,
            sim.url()
        ),
    );
    let files = format!(
        "config_file = {:?}, credentials_file = {:?}",
        config.display().to_string(),
        credentials.display().to_string()
    );
    let text = format!(
        "listen = \"127.0.0.1:0\"\npublic_reads = true\n\n[accounts.viewer]\nregion = \"eu-west-1\"\nendpoint = \"{}\"\ncredentials = {{ profile = \"viewer\", {files} }}\n\n[accounts.assumed]\nregion = \"eu-west-1\"\nendpoint = \"{}\"\ncredentials = {{ role_arn = \"arn:aws:iam::123456789012:role/appconfig-viewer\", profile = \"base\", sts_endpoint = \"{}\", {files} }}\n",
        sim.url(),
        sim.url(),
        sim.url()
    );
    let (gateway, _) = gateway(&text).await;
    let http = client();
    for account in ["viewer", "assumed"] {
        for path in ["/applications", "/applications/ext0001/environments"] {
            let got = send(http.get(format!(
                "{}/v1/{account}/eu-west-1/appconfig{path}",
                gateway.url()
            )))
            .await;
            assert_eq!(got.status, 200, "stage {account} {path}: {}", got.body);
            got.assert_no_secret();
        }
    }
    let counts = sim_requests(&http, &sim).await;
    assert_eq!(
        counts["operations"]["AssumeRole"], 2,
        "one role session per account, reused: {counts}"
    );
    assert_eq!(counts["operations"]["ListApplications"], 2, "{counts}");
    // aws-config calls AssumeRole only when the role's credentials are needed: the reads were
    // signed with the temporary key, whose session token the simulator checked.
    gateway.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_that_cannot_be_had_are_a_clear_503() {
    let sim = simulator(KEY_B, "eu-west-1").await;
    let dir = tempfile::tempdir().unwrap();
    let (config, credentials) = profiles(dir.path(), "");
    let text = format!(
        "listen = \"127.0.0.1:0\"\npublic_reads = true\n\n[accounts.x]\nregion = \"eu-west-1\"\nendpoint = \"{}\"\ncredentials = {{ profile = \"missing\", config_file = {:?}, credentials_file = {:?} }}\n",
        sim.url(),
        config.display().to_string(),
        credentials.display().to_string()
    );
    let (gateway, _) = gateway(&text).await;
    let got = send(client().get(format!(
        "{}/v1/x/eu-west-1/appconfig/applications",
        gateway.url()
    )))
    .await;
    assert_eq!(
        (got.status, got.error_type()),
        (503, Some("GatewayCredentialsUnavailable")),
        "{}",
        got.body
    );
    got.assert_no_secret();
    assert_eq!(sim_total(&client(), &sim).await, 0);
    gateway.shutdown().await;
}
