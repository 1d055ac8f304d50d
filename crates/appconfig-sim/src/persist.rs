//! The state file: read on start, written atomically after every change.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::store::{Store, STATE_VERSION};
use crate::SimError;

/// Writes `bytes` to `path` atomically: a temporary file beside it, fsync, rename, fsync the folder.
///
/// # Errors
/// [`SimError::Io`].
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SimError> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let ctx = |what: &str| format!("cannot {what} {}", tmp.display());
    let mut f = std::fs::File::create(&tmp).map_err(|e| SimError::io(ctx("create"), e))?;
    f.write_all(bytes)
        .map_err(|e| SimError::io(ctx("write"), e))?;
    f.sync_all().map_err(|e| SimError::io(ctx("sync"), e))?;
    drop(f);
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        SimError::io(
            format!("cannot rename the state file to {}", path.display()),
            e,
        )
    })?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Reads a state file.
///
/// # Errors
/// [`SimError::Io`] or [`SimError::InvalidState`].
pub(crate) fn load_state(path: &Path) -> Result<Store, SimError> {
    let bytes = std::fs::read(path)
        .map_err(|e| SimError::io(format!("cannot read state file {}", path.display()), e))?;
    let store: Store = serde_json::from_slice(&bytes)
        .map_err(|e| SimError::InvalidState(format!("{}: {e}", path.display())))?;
    if store.version != STATE_VERSION {
        return Err(SimError::InvalidState(format!(
            "{}: version {} is not {STATE_VERSION}",
            path.display(),
            store.version
        )));
    }
    Ok(store)
}

/// Writes snapshots of the store to the state file, one at a time.
#[derive(Debug)]
pub(crate) struct Persister {
    path: Option<PathBuf>,
    lock: Mutex<()>,
}

impl Persister {
    /// Writes to `path`, or nowhere.
    pub(crate) fn new(path: Option<PathBuf>) -> Self {
        Persister {
            path,
            lock: Mutex::new(()),
        }
    }

    /// Writes `store` (serialized now) to the state file, if there is one.
    ///
    /// # Errors
    /// [`SimError`] when it cannot be serialized or written.
    pub(crate) fn save(&self, store: &Mutex<Store>) -> Result<(), SimError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let json = serde_json::to_vec(&*crate::state::lock(store))
            .map_err(|e| SimError::InvalidState(format!("cannot serialize the state: {e}")))?;
        let _guard = crate::state::lock(&self.lock);
        write_atomic(path, &json)
    }
}
