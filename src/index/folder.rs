//! The index folder as tantivy sees it: its own `MmapDirectory`, with two changes for
//! indexes that several users share.
//!
//! - **Readers that cannot write.** Opening a reader takes tantivy's meta lock, a lock file
//!   in the folder, so that a writer's garbage collection does not delete files while they
//!   are being opened. A user who may read the index but not write in its folder (another
//!   user's index, a read-only mount) cannot create that file. Such a reader goes on without
//!   the lock: it cannot stop a writer either way, and should a file vanish meanwhile the
//!   search fails with an error, never wrong hits.
//! - **Modes.** Tantivy writes `meta.json` and its list of files atomically through a
//!   temporary file, which gets mode 0600, so nobody else could read an index after its
//!   first commit. Those files are given the mode any new file in the folder gets (what the
//!   user's umask allows), as tantivy's segment files already have.

use std::fs::Permissions;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, Lock, META_LOCK, MmapDirectory, WatchCallback,
    WatchHandle, WritePtr,
};

/// The index folder at `root`; see the module's documentation.
#[derive(Debug, Clone)]
pub struct Folder {
    root: PathBuf,
    disk: MmapDirectory,
    /// The permissions a new file in the folder gets, found on first use.
    new_file: Arc<OnceLock<Option<Permissions>>>,
}

impl Folder {
    pub fn open(root: &Path) -> Result<Folder, OpenDirectoryError> {
        Ok(Folder {
            root: root.to_path_buf(),
            disk: MmapDirectory::open(root)?,
            new_file: Arc::default(),
        })
    }

    /// The permissions a file created in the folder gets, read off a file made for the
    /// purpose (std has no call that reads the umask); `None` when none can be made.
    fn new_file_permissions(&self) -> Option<Permissions> {
        self.new_file
            .get_or_init(|| {
                let probe = self.root.join(".rashomon-mode-probe");
                let made = std::fs::File::create(&probe).and_then(|f| f.metadata());
                let _ = std::fs::remove_file(&probe);
                made.ok().map(|m| m.permissions())
            })
            .clone()
    }
}

/// Whether an error means the user may not write here (as opposed to a lock being taken).
fn cannot_write(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

impl Directory for Folder {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.disk.get_file_handle(path)
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        self.disk.open_read(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.disk.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.disk.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.disk.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.disk.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.disk.atomic_write(path, data)?;
        if let Some(permissions) = self.new_file_permissions() {
            std::fs::set_permissions(self.root.join(path), permissions)?;
        }
        Ok(())
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.disk.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.disk.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == META_LOCK.filepath && cannot_write(&e) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.disk.watch(callback)
    }
}
