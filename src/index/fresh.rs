//! A new index over a small corpus: built in memory as one segment, then written out.
//!
//! Tantivy's `IndexWriter` is built for long runs. It starts an indexing thread, a segment
//! updater and a pool of merge threads, and it queues documents through channels of ten
//! thousand slots, made afresh at each commit. For a few hundred kilobytes of recaps,
//! setting that up costs more than the indexing: the shipped corpus's ingest took 3,500
//! page faults, most of them in the channels and the 4 MB term table (1,220 in all this
//! way). Writing to disk through tantivy also rewrites and syncs its list of managed files
//! once per new file.
//!
//! A new index has nothing to delete or merge, so a small one is written here instead:
//! - tantivy's `SegmentWriter` fills one segment in a `RamDirectory`, in this thread (a
//!   thread of its own, indexing while the caller compares accounts, measured no faster
//!   on this 2-core machine: 22.0 against 22.5 ms);
//! - the segment's files are copied into the index folder as they are (footers included),
//!   with tantivy's list of managed files, written once, and `meta.json` under another
//!   name; they and the folder are synced side by side;
//! - `meta.json` is renamed into place last, carrying rashomon's stamp. Until then the
//!   folder holds no index, so an ingest killed midway leaves nothing that looks like one,
//!   and the next ingest starts afresh (clearing what the killed one wrote).
//!
//! The writer lock is held throughout, as an `IndexWriter` would hold it.

use std::collections::HashSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use tantivy::directory::{
    Directory, DirectoryLock, INDEX_WRITER_LOCK, MmapDirectory, RamDirectory,
};
use tantivy::indexer::{AddOperation, SegmentWriter};
use tantivy::{Index, IndexMeta, Segment, TantivyDocument, TantivyError};

use super::{damaged, register, schema};
use crate::error::{Error, Result};

/// Tantivy sizes a segment's term table from its memory budget (a third of it), and the
/// table doubles when full, so it may start small: this many bytes of budget per byte of
/// input, and at least [`MIN_BUDGET`], rather than a 4 MB table for 17 KB of text.
const BUDGET_PER_INPUT_BYTE: u64 = 4;
const MIN_BUDGET: u64 = 256 * 1024;

/// Tantivy's list of the files it created in an index folder, which its garbage collection
/// reads to know what it may delete.
pub(super) const MANAGED_FILE: &str = ".managed.json";
pub(super) const META_FILE: &str = "meta.json";
/// `meta.json` before its rename; an ingest killed before then leaves it, and the next
/// ingest clears it with the rest.
pub(super) const NEW_META_FILE: &str = "meta.json.new";

/// A new index being built in memory for the folder `dir`.
pub struct FreshIndex {
    dir: PathBuf,
    disk: MmapDirectory,
    ram: RamDirectory,
    index: Index,
    segment: Segment,
    writer: SegmentWriter,
    /// Records added so far; the commit's opstamp.
    opstamp: u64,
    /// Held until `meta.json` is written: a second ingest meanwhile is told the index is busy.
    _lock: DirectoryLock,
}

impl FreshIndex {
    /// Starts a new index for the folder `dir`, which exists and holds no index, for about
    /// `input` bytes of text. Files a killed ingest left there are removed.
    pub fn create(dir: &Path, input: u64) -> Result<FreshIndex> {
        let disk = MmapDirectory::open(dir).map_err(|e| damaged(dir, e.into()))?;
        let lock = disk
            .acquire_lock(&INDEX_WRITER_LOCK)
            .map_err(|_| Error::Busy {
                path: dir.to_path_buf(),
            })?;
        super::ingest::clear(dir)?;
        let ram = RamDirectory::create();
        let (schema, _) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .open_or_create(ram.clone())
            .map_err(|e| damaged(dir, e))?;
        register(&index);
        let budget = input.saturating_mul(BUDGET_PER_INPUT_BYTE).max(MIN_BUDGET);
        let segment = index.new_segment();
        let writer = SegmentWriter::for_segment(
            usize::try_from(budget).unwrap_or(usize::MAX),
            segment.clone(),
        )
        .map_err(|e| damaged(dir, e))?;
        Ok(FreshIndex {
            dir: dir.to_path_buf(),
            disk,
            ram,
            index,
            segment,
            writer,
            opstamp: 0,
            _lock: lock,
        })
    }

    /// The index in memory: empty until the commit, but searchable like any other.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Adds one record; records keep the order they are added in.
    pub fn add(&mut self, document: TantivyDocument) -> Result<()> {
        let opstamp = self.opstamp;
        self.opstamp += 1;
        self.writer
            .add_document(AddOperation { opstamp, document })?;
        Ok(())
    }

    /// Finishes the segment and writes the index into its folder, `meta.json` last.
    pub fn commit(self, payload: String) -> Result<()> {
        let FreshIndex {
            dir,
            disk,
            ram,
            index,
            segment,
            writer,
            opstamp,
            _lock,
        } = self;
        let max_doc = writer.max_doc();
        writer.finalize()?;
        let io = |e: std::io::Error| Error::io(&dir, e);
        let (segments, mut managed) = if max_doc == 0 {
            (Vec::new(), HashSet::new())
        } else {
            let files = index.directory().list_managed_files();
            let files: HashSet<PathBuf> = files
                .into_iter()
                .filter(|f| f != Path::new(META_FILE))
                .collect();
            (vec![segment.with_max_doc(max_doc).meta().clone()], files)
        };
        // The segment's files and tantivy's list of them are written as they are, without
        // renames: nothing reads them before `meta.json` names them.
        let mut written = Vec::new();
        for file in &managed {
            let bytes = ram
                .open_read(file)
                .map_err(|e| damaged(&dir, TantivyError::from(e)))?
                .read_bytes()
                .map_err(io)?;
            written.push(write_file(&dir.join(file), bytes.as_slice())?);
        }
        managed.insert(PathBuf::from(META_FILE));
        let mut list = serde_json::to_vec(&managed).expect("file names serialize");
        list.push(b'\n');
        written.push(write_file(&dir.join(MANAGED_FILE), &list)?);
        let meta = IndexMeta {
            index_settings: index.settings().clone(),
            persisted_custom_extensions: Vec::new(),
            segments,
            schema: index.schema(),
            opstamp,
            payload: Some(payload),
        };
        // Compact, unlike tantivy's own (pretty) commits: on a small index the schema's
        // indentation alone was 2.4 KB, a twentieth of the shipped corpus's index.
        let mut bytes = serde_json::to_vec(&meta).expect("index meta serializes");
        bytes.push(b'\n');
        // `meta.json` is written under another name and synced with the segment's files.
        // The folder is synced with them too, so the new files' entries are on disk before
        // the rename makes `meta.json` name them.
        let new_meta = dir.join(NEW_META_FILE);
        written.push(write_file(&new_meta, &bytes)?);
        sync_together(&written, || disk.sync_directory().map_err(io))?;
        std::fs::rename(&new_meta, dir.join(META_FILE)).map_err(|e| Error::io(&new_meta, e))?;
        disk.sync_directory().map_err(io)?;
        Ok(())
    }
}

/// Creates (or replaces) the file at `path` with `bytes`, not yet synced.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(PathBuf, File)> {
    let mut file = File::create(path).map_err(|e| Error::io(path, e))?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    Ok((path.to_path_buf(), file))
}

/// Syncs the `files` to disk side by side, and runs `also` (the folder's sync) meanwhile,
/// so that the file system can commit them together: for six small files, 0.92 ms here
/// against 1.86 ms one after another (medians of 60 runs). A file no thread can be started
/// for is synced by this one.
fn sync_together(files: &[(PathBuf, File)], also: impl FnOnce() -> Result<()>) -> Result<()> {
    std::thread::scope(|scope| {
        let mut syncs = Vec::new();
        for (path, file) in files {
            let sync = move || file.sync_data().map_err(|e| Error::io(path, e));
            match std::thread::Builder::new().spawn_scoped(scope, sync) {
                Ok(running) => syncs.push((path, running)),
                Err(_) => sync()?,
            }
        }
        also()?;
        syncs.into_iter().try_for_each(|(path, running)| {
            running.join().unwrap_or_else(|_| {
                Err(Error::io(
                    path,
                    std::io::Error::other("sync did not finish"),
                ))
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The writer lock is held from the start: a second writer is told the index is busy,
    /// and can write once the first is done with the folder.
    #[test]
    fn a_fresh_index_holds_the_writer_lock() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = FreshIndex::create(dir.path(), 100).unwrap();
        assert!(matches!(
            FreshIndex::create(dir.path(), 100),
            Err(Error::Busy { .. })
        ));
        fresh
            .commit(r#"{"test":true}"#.to_owned())
            .expect("an empty index commits");
        let index = Index::open_in_dir(dir.path()).unwrap();
        assert_eq!(index.load_metas().unwrap().segments.len(), 0);
        assert!(index.writer::<TantivyDocument>(15_000_000).is_ok());
    }
}
