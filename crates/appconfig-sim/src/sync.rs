//! A mutex lock that a panic elsewhere never poisons for good.

use std::sync::{Mutex, MutexGuard};

/// Locks `m`, taking over a lock a panicking thread left poisoned (the data is still whole:
/// every writer finishes its change before anything can panic).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
