//! The record of which segment files have passed their checksum and are unchanged since.
//!
//! Checking every file's checksum reads the whole index, which costs a large index more
//! than the search it opens for. So each ingest, once it has committed, checks the files of
//! its commit and writes down each file's fingerprint (size, inode, change and
//! modification times) in `checked.json`. A search then checksums only the files whose
//! fingerprint differs from the one recorded: any write to a file (a flipped byte, a
//! truncation, a copy over it) changes its change time, which no user can set back. This is
//! how git's index decides which files to hash again.
//!
//! What a fingerprint cannot see is damage that bypasses the file system (a failing disk
//! returning other bytes): `rashomon verify` checks every file, and a search that fails on
//! a damaged file checks them all to name it (see the binary's `explain_failure`).
//!
//! The record is only ever a reason to skip a check: a missing, unreadable or garbled one
//! means every file is checked.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::directory::Directory;

use super::folder::Folder;

/// The file in the index folder holding the record (tantivy does not manage it).
pub const RECORD_FILE: &str = "checked.json";

/// What stands for a file's contents: it changes whenever the file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    len: u64,
    modified_ns: u128,
    /// Unix only (0 elsewhere): the inode, and the time of the last change to the file or
    /// its metadata, which a user cannot set (unlike the modification time).
    inode: u64,
    changed_ns: i128,
}

impl Fingerprint {
    /// The fingerprint of the file at `path`, if it can be read.
    pub fn of(path: &Path) -> Option<Fingerprint> {
        let meta = std::fs::metadata(path).ok()?;
        let modified_ns = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        let (inode, changed_ns) = unix_identity(&meta);
        Some(Fingerprint {
            len: meta.len(),
            modified_ns,
            inode,
            changed_ns,
        })
    }
}

#[cfg(unix)]
fn unix_identity(meta: &std::fs::Metadata) -> (u64, i128) {
    use std::os::unix::fs::MetadataExt;
    let changed = i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec());
    (meta.ino(), changed)
}

#[cfg(not(unix))]
fn unix_identity(_: &std::fs::Metadata) -> (u64, i128) {
    (0, 0)
}

/// Files (by name, relative to the index folder) that passed their checksum, with their
/// fingerprints as taken just before the check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checked {
    files: BTreeMap<String, Fingerprint>,
}

impl Checked {
    /// The record in the index folder `dir`; empty when there is none or it cannot be read.
    pub fn load(dir: &Path) -> Checked {
        std::fs::read(dir.join(RECORD_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Whether the file `name`, whose fingerprint is now `print` (`None` when it cannot be
    /// read), passed its checksum and has not changed since.
    pub fn trusts(&self, name: &str, print: Option<Fingerprint>) -> bool {
        print.is_some() && self.files.get(name).copied() == print
    }

    /// Records that `name`, which had fingerprint `print` when its check began, passed.
    pub fn insert(&mut self, name: String, print: Fingerprint) {
        self.files.insert(name, print);
    }

    /// Writes the record into the index folder `dir`, atomically and with the modes the
    /// index's files get. Only an ingest does, holding the writer lock, for the files of its
    /// own commit. (Not through tantivy's managed directory: tantivy would count the file
    /// as its own, and its garbage collection would delete it.)
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(self).expect("record serializes");
        let folder = Folder::open(dir).map_err(|e| std::io::Error::other(e.to_string()))?;
        folder.atomic_write(Path::new(RECORD_FILE), &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trusted(checked: &Checked, dir: &Path, name: &str) -> bool {
        checked.trusts(name, Fingerprint::of(&dir.join(name)))
    }

    #[test]
    fn a_file_is_trusted_until_it_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.idx");
        std::fs::write(&path, b"0123456789").unwrap();
        let mut checked = Checked::default();
        assert!(!trusted(&checked, dir.path(), "a.idx"), "not recorded");
        checked.insert("a.idx".into(), Fingerprint::of(&path).unwrap());
        assert!(trusted(&checked, dir.path(), "a.idx"));
        assert!(!trusted(&checked, dir.path(), "b.idx"), "another name");

        // Same length, modification time set back: the change time still differs.
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, b"0123456780").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert!(!trusted(&checked, dir.path(), "a.idx"));

        std::fs::remove_file(&path).unwrap();
        assert!(!trusted(&checked, dir.path(), "a.idx"), "gone");
    }

    #[test]
    fn a_garbled_or_missing_record_trusts_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Checked::load(dir.path()), Checked::default());
        std::fs::write(dir.path().join(RECORD_FILE), b"{\"files\": [").unwrap();
        assert_eq!(Checked::load(dir.path()), Checked::default());
    }
}
