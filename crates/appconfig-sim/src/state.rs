//! What every request shares: the configuration, the clock, the store, pending faults, and the
//! persistence of the store.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::clock::Clock;
use crate::config::Config;
use crate::persist::{load_state, remove_stale_temps, Persister};
use crate::store::Store;
pub(crate) use crate::sync::lock;
use crate::{seed, SimError};

/// Pending injected faults (`POST /_sim/faults`).
#[derive(Debug, Default)]
pub(crate) struct Faults {
    /// 500s to answer after the throttles.
    pub(crate) internal: u32,
    /// 429s to answer first.
    pub(crate) throttle: u32,
}

/// How many AWS API requests arrived, per operation, since `since` (`GET /_sim/requests`).
#[derive(Debug)]
pub(crate) struct RequestCounts {
    /// When counting started (the start, or the last reset).
    pub(crate) since: appconfig_core::DateTime,
    /// Per operation name (`UnknownOperation` for API paths that name none).
    pub(crate) by_operation: std::collections::BTreeMap<&'static str, u64>,
}

impl RequestCounts {
    fn new(since: appconfig_core::DateTime) -> Self {
        RequestCounts {
            since,
            by_operation: std::collections::BTreeMap::new(),
        }
    }
}

/// The state of one simulator.
pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) clock: Clock,
    store: Mutex<Store>,
    persister: Persister,
    pub(crate) faults: Mutex<Faults>,
    pub(crate) requests: Mutex<RequestCounts>,
    /// Temporary credentials handed out by the simulated STS, with their expiry.
    pub(crate) sessions: Mutex<Vec<(crate::config::Key, appconfig_core::DateTime)>>,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Shared {
    /// The state for `config`: loaded from its state file, else seeded (and saved, so that a
    /// state file that cannot be written stops the start instead of surprising later).
    ///
    /// # Errors
    /// [`SimError::Usage`] without keys, [`SimError::InvalidState`] or [`SimError::Io`] for the
    /// state file.
    pub(crate) fn new(config: Config) -> Result<Self, SimError> {
        if config.keys.is_empty() {
            return Err(SimError::Usage("at least one key is required".into()));
        }
        let clock = Clock::new(config.skew_seconds);
        let mut fresh = false;
        if let Some(p) = &config.state_file {
            remove_stale_temps(p);
        }
        let store = match &config.state_file {
            Some(p) if p.exists() => load_state(p)?,
            _ => {
                fresh = true;
                let now = clock.now();
                let mut s = if config.seed {
                    seed::seed(now, config.speed, &config.region)
                } else {
                    seed::predefined_only()
                };
                seed::add_extra_environments(&mut s, config.extra_environments, now, config.speed);
                s
            }
        };
        let persister = Persister::new(config.state_file.clone());
        let shared = Shared {
            config,
            clock,
            store: Mutex::new(store),
            persister,
            faults: Mutex::new(Faults::default()),
            requests: Mutex::new(RequestCounts::new(clock.now())),
            sessions: Mutex::new(Vec::new()),
        };
        if fresh {
            shared.try_persist()?;
        }
        Ok(shared)
    }

    /// Counts one API request of `operation`.
    pub(crate) fn count(&self, operation: &'static str) {
        *lock(&self.requests)
            .by_operation
            .entry(operation)
            .or_insert(0) += 1;
    }

    /// The keys requests may be signed with at `now`: the configured ones, and the temporary
    /// credentials STS handed out that have not expired.
    pub(crate) fn keys_at(&self, now: appconfig_core::DateTime) -> Vec<crate::config::Key> {
        let mut keys = self.config.keys.clone();
        let mut sessions = lock(&self.sessions);
        sessions.retain(|(_, expires)| expires.millis_since(&now) > 0);
        keys.extend(sessions.iter().map(|(k, _)| k.clone()));
        keys
    }

    /// Starts counting again from zero at `now`.
    pub(crate) fn reset_counts(&self, now: appconfig_core::DateTime) {
        *lock(&self.requests) = RequestCounts::new(now);
    }

    /// The store, locked.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// Saves the state when a state file is configured; a failure is logged, the server goes on.
    pub(crate) fn persist(&self) {
        if let Err(e) = self.try_persist() {
            eprintln!("appconfig-sim: {e}");
        }
    }

    /// [`Shared::persist`] on a blocking thread: the fsync never stalls the runtime's workers.
    /// When it returns, the change is on disk (or the failure logged).
    pub(crate) async fn persist_async(self: &Arc<Self>) {
        if self.config.state_file.is_none() {
            return;
        }
        let shared = self.clone();
        let _ = tokio::task::spawn_blocking(move || shared.persist()).await;
    }

    fn try_persist(&self) -> Result<(), SimError> {
        self.persister.save(&self.store)
    }
}
