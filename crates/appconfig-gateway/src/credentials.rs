//! An account's credentials, from `aws-config` (never a chain of our own), kept until five
//! minutes before they expire and fetched again by one caller at a time.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use appconfig_core::Credentials;
use aws_config::provider_config::ProviderConfig;
use aws_config::sts::AssumeRoleProvider;
use aws_config::{BehaviorVersion, Region};
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_runtime::env_config::file::{
    EnvConfigFileKind as ProfileFileKind, EnvConfigFiles as ProfileFiles,
};
use aws_smithy_http_client::tls;

use crate::config::{Account, CredentialSource};

/// Credentials are fetched again this long before they expire.
const REFRESH_BEFORE: Duration = Duration::from_secs(5 * 60);

/// Where one account's credentials come from, and the last ones.
pub(crate) struct AccountCredentials {
    provider: SharedCredentialsProvider,
    cached: tokio::sync::Mutex<Option<(Credentials, Option<SystemTime>)>>,
}

impl std::fmt::Debug for AccountCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccountCredentials(..)")
    }
}

/// aws-config's HTTPS client (for STS, SSO-less profiles, container and instance metadata) on
/// ring, which the upstream client's rustls already brings.
macro_rules! http_client {
    () => {
        aws_smithy_http_client::Builder::new()
            .tls_provider(tls::Provider::Rustls(
                tls::rustls_provider::CryptoMode::Ring,
            ))
            .build_https()
    };
}

fn profile_files(config: &Option<PathBuf>, credentials: &Option<PathBuf>) -> Option<ProfileFiles> {
    if config.is_none() && credentials.is_none() {
        return None;
    }
    let mut b = ProfileFiles::builder();
    match config {
        Some(p) => b = b.with_file(ProfileFileKind::Config, p),
        None => b = b.include_default_config_file(true),
    }
    match credentials {
        Some(p) => b = b.with_file(ProfileFileKind::Credentials, p),
        None => b = b.include_default_credentials_file(true),
    }
    Some(b.build())
}

impl AccountCredentials {
    /// Sets up the account's provider (nothing is fetched yet).
    pub(crate) async fn new(account: &Account) -> Self {
        let region = Region::new(account.regions[0].clone());
        let provider = match &account.credentials {
            CredentialSource::Default => {
                let conf = aws_config::defaults(BehaviorVersion::latest())
                    .http_client(http_client!())
                    .region(region)
                    .load()
                    .await;
                conf.credentials_provider()
                    .unwrap_or_else(|| SharedCredentialsProvider::new(NoCredentials))
            }
            CredentialSource::Profile {
                name,
                config_file,
                credentials_file,
            } => {
                let mut b = aws_config::profile::ProfileFileCredentialsProvider::builder()
                    .configure(
                        &ProviderConfig::without_region()
                            .with_http_client(http_client!())
                            .with_region(Some(region)),
                    )
                    .profile_name(name);
                if let Some(files) = profile_files(config_file, credentials_file) {
                    b = b.profile_files(files);
                }
                SharedCredentialsProvider::new(b.build())
            }
            CredentialSource::AssumeRole {
                role_arn,
                external_id,
                session_name,
                source_profile,
                config_file,
                credentials_file,
                sts_endpoint,
            } => {
                let mut loader = aws_config::defaults(BehaviorVersion::latest())
                    .http_client(http_client!())
                    .region(region);
                if let Some(p) = source_profile {
                    loader = loader.profile_name(p);
                }
                if let Some(files) = profile_files(config_file, credentials_file) {
                    loader = loader.profile_files(files);
                }
                if let Some(e) = sts_endpoint {
                    loader = loader.endpoint_url(e);
                }
                let base = loader.load().await;
                let mut b = AssumeRoleProvider::builder(role_arn.clone())
                    .session_name(session_name.clone())
                    .configure(&base);
                if let Some(id) = external_id {
                    b = b.external_id(id.clone());
                }
                SharedCredentialsProvider::new(b.build().await)
            }
        };
        AccountCredentials {
            provider,
            cached: tokio::sync::Mutex::new(None),
        }
    }

    /// Credentials to sign with now.
    ///
    /// # Errors
    /// Why there are none, in words that never include a secret.
    pub(crate) async fn get(&self) -> Result<Credentials, String> {
        let mut cached = self.cached.lock().await;
        let now = SystemTime::now();
        if let Some((c, expiry)) = cached.as_ref() {
            if expiry.is_none_or(|e| e > now + REFRESH_BEFORE) {
                return Ok(c.clone());
            }
        }
        let fresh = self
            .provider
            .provide_credentials()
            .await
            .map_err(|e| describe(&e))?;
        let c = Credentials::new(
            fresh.access_key_id(),
            fresh.secret_access_key(),
            fresh.session_token().map(str::to_owned),
        );
        *cached = Some((c.clone(), fresh.expiry()));
        Ok(c)
    }
}

/// The error's kind and its chain of sources (aws-config's messages name files, profiles and
/// endpoints, never secrets).
fn describe(e: &aws_credential_types::provider::error::CredentialsError) -> String {
    let mut out = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out.chars().take(500).collect()
}

#[derive(Debug)]
struct NoCredentials;

impl ProvideCredentials for NoCredentials {
    fn provide_credentials<'a>(
        &'a self,
    ) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        aws_credential_types::provider::future::ProvideCredentials::ready(Err(
            aws_credential_types::provider::error::CredentialsError::not_loaded(
                "the default credential chain found no credentials",
            ),
        ))
    }
}
