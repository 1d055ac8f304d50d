//! The shared cache: identical reads within their freshness window get the same answer, and
//! concurrent identical reads wait for one upstream request (the first caller's; if that caller
//! goes away, the next waiter takes over).

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use tokio::sync::OnceCell;

use crate::metrics::CacheOutcome;

/// An upstream answer as passed on to browsers.
#[derive(Clone, Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    /// Headers passed on (content type, AWS request id, error type, retry-after).
    pub(crate) headers: Vec<(http::HeaderName, http::HeaderValue)>,
    pub(crate) body: Bytes,
    /// How long it may be reused; zero for not at all.
    pub(crate) fresh_for: Duration,
}

/// `account`, `region`, canonical path and query.
pub(crate) type Key = (String, String, String);

struct Stored {
    answer: Arc<Answer>,
    until: Instant,
}

#[derive(Default)]
struct Inner {
    fresh: HashMap<Key, Stored>,
    in_flight: HashMap<Key, Arc<OnceCell<Arc<Answer>>>>,
}

/// The cache.
pub(crate) struct Cache {
    inner: Mutex<Inner>,
    max_entries: usize,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cache")
    }
}

impl Cache {
    pub(crate) fn new(max_entries: usize) -> Self {
        Cache {
            inner: Mutex::new(Inner::default()),
            max_entries,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The fresh answer for `key`, or the one `fetch` gives (run once for all concurrent callers
    /// of the same key), with how it was obtained.
    pub(crate) async fn get_or_fetch<F, Fut>(
        &self,
        key: Key,
        fetch: F,
    ) -> (Arc<Answer>, CacheOutcome)
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Answer>,
    {
        let cell = {
            let mut inner = self.lock();
            let now = Instant::now();
            if let Some(s) = inner.fresh.get(&key) {
                if s.until > now {
                    return (s.answer.clone(), CacheOutcome::Hit);
                }
                inner.fresh.remove(&key);
            }
            inner.in_flight.entry(key.clone()).or_default().clone()
        };
        let mut ran = false;
        let answer = cell
            .get_or_init(|| {
                ran = true;
                async { Arc::new(fetch().await) }
            })
            .await
            .clone();
        if ran {
            let mut inner = self.lock();
            if inner
                .in_flight
                .get(&key)
                .is_some_and(|c| Arc::ptr_eq(c, &cell))
            {
                inner.in_flight.remove(&key);
            }
            if !answer.fresh_for.is_zero() {
                let now = Instant::now();
                if inner.fresh.len() >= self.max_entries {
                    inner.fresh.retain(|_, s| s.until > now);
                }
                if inner.fresh.len() < self.max_entries {
                    inner.fresh.insert(
                        key,
                        Stored {
                            answer: answer.clone(),
                            until: now + answer.fresh_for,
                        },
                    );
                }
            }
            (answer, CacheOutcome::Miss)
        } else {
            (answer, CacheOutcome::Coalesced)
        }
    }

    /// Forgets every answer about `application` (and `environment`) of `account`: after a
    /// change, viewers see it at once.
    pub(crate) fn invalidate(&self, account: &str, application_path: &str) {
        self.lock()
            .fresh
            .retain(|(a, _, path), _| !(a == account && path.starts_with(application_path)));
    }

    /// How many answers are kept (tests).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().fresh.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn answer(fresh_ms: u64) -> Answer {
        Answer {
            status: 200,
            headers: Vec::new(),
            body: Bytes::from_static(b"{}"),
            fresh_for: Duration::from_millis(fresh_ms),
        }
    }

    fn key(p: &str) -> Key {
        ("a".into(), "us-east-1".into(), p.into())
    }

    #[tokio::test]
    async fn concurrent_reads_fetch_once() {
        let cache = Arc::new(Cache::new(10));
        let calls = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let (cache, calls) = (cache.clone(), calls.clone());
            tasks.push(tokio::spawn(async move {
                cache
                    .get_or_fetch(key("/x"), || async move {
                        calls.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        answer(0)
                    })
                    .await
                    .1
            }));
        }
        let mut outcomes = Vec::new();
        for t in tasks {
            outcomes.push(t.await.unwrap());
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1, "one upstream call");
        assert_eq!(
            outcomes
                .iter()
                .filter(|o| **o == CacheOutcome::Miss)
                .count(),
            1
        );
        assert_eq!(cache.len(), 0, "a zero window is not stored");
    }

    #[tokio::test]
    async fn fresh_then_stale_then_invalidated() {
        let cache = Cache::new(10);
        let (_, o) = cache
            .get_or_fetch(key("/applications/x/environments"), || async {
                answer(10_000)
            })
            .await;
        assert_eq!(o, CacheOutcome::Miss);
        let (_, o) = cache
            .get_or_fetch(key("/applications/x/environments"), || async {
                answer(10_000)
            })
            .await;
        assert_eq!(o, CacheOutcome::Hit);
        cache.invalidate("a", "/applications/x/");
        let (_, o) = cache
            .get_or_fetch(key("/applications/x/environments"), || async { answer(30) })
            .await;
        assert_eq!(o, CacheOutcome::Miss, "invalidated");
        tokio::time::sleep(Duration::from_millis(40)).await;
        let (_, o) = cache
            .get_or_fetch(key("/applications/x/environments"), || async { answer(30) })
            .await;
        assert_eq!(o, CacheOutcome::Miss, "stale after its window");
    }

    #[tokio::test]
    async fn bounded() {
        let cache = Cache::new(2);
        for p in ["/1", "/2", "/3"] {
            cache
                .get_or_fetch(key(p), || async { answer(10_000) })
                .await;
        }
        assert_eq!(cache.len(), 2);
    }
}
