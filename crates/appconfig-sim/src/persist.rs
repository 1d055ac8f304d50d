//! The state file: read on start, written atomically after every change.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::store::{Store, STATE_VERSION};
use crate::SimError;

/// The prefix of the temporary files beside a state file named `name`.
fn temp_prefix(name: &str) -> String {
    format!(".{name}.tmp-")
}

fn dir_and_name(path: &Path) -> (&Path, String) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state".into());
    (dir, name)
}

/// Creates a new temporary file: never an existing file or a symlink (`create_new` is
/// `O_CREAT | O_EXCL`, which does not follow links), with a random name, readable by its owner
/// only.
fn create_temp(tmp: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(tmp)
}

/// Writes `bytes` to `path` atomically: a new temporary file beside it, fsync, rename, fsync the
/// folder. A reader (or a restart after `kill -9`) sees the old file or the new one, never a
/// part.
///
/// # Errors
/// [`SimError::Io`].
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SimError> {
    use std::io::Write;
    let (dir, name) = dir_and_name(path);
    let tmp = dir.join(format!(
        "{}{}",
        temp_prefix(&name),
        uuid::Uuid::new_v4().simple()
    ));
    let ctx = |what: &str| format!("cannot {what} {}", tmp.display());
    let written = create_temp(&tmp)
        .map_err(|e| SimError::io(ctx("create"), e))
        .and_then(|mut f| {
            f.write_all(bytes)
                .map_err(|e| SimError::io(ctx("write"), e))?;
            f.sync_all().map_err(|e| SimError::io(ctx("sync"), e))
        })
        .and_then(|()| {
            std::fs::rename(&tmp, path).map_err(|e| {
                SimError::io(
                    format!("cannot rename the state file to {}", path.display()),
                    e,
                )
            })
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Removes the temporary files a killed process left beside `path` (never following a link:
/// `remove_file` removes the link itself).
pub(crate) fn remove_stale_temps(path: &Path) {
    let (dir, name) = dir_and_name(path);
    let prefix = temp_prefix(&name);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(&prefix)
            && entry
                .file_type()
                .is_ok_and(|t| t.is_file() || t.is_symlink());
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
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

    /// Writes the store to the state file, if there is one. The write lock is taken before the
    /// store is serialized, so snapshots reach the file in the order they were taken: an older
    /// one never overwrites a newer one. It blocks on the disk (fsync): call it off the async
    /// runtime's threads.
    ///
    /// # Errors
    /// [`SimError`] when it cannot be serialized or written.
    pub(crate) fn save(&self, store: &Mutex<Store>) -> Result<(), SimError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let _guard = crate::sync::lock(&self.lock);
        let json = serde_json::to_vec(&*crate::sync::lock(store))
            .map_err(|e| SimError::InvalidState(format!("cannot serialize the state: {e}")))?;
        write_atomic(path, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_files_are_new_private_and_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        // A planted link where a temporary file could be: untouched, the state written anyway.
        let target = dir.path().join("target");
        std::fs::write(&target, "keep").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&target, dir.path().join(".state.json.tmp-planted")).unwrap();
        write_atomic(&path, b"{}").unwrap();
        write_atomic(&path, b"{\"v\":2}").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{\"v\":2}");
        assert_eq!(std::fs::read(&target).unwrap(), b"keep");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        }
        remove_stale_temps(&path);
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["state.json", "target"]);
    }
}
