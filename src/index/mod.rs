//! The on-disk index: opening it for search, and what it records about itself.
//!
//! Writing lives in [`ingest`]; the record layout in [`schema`]. Every commit carries a
//! small JSON payload naming the schema version and analyzer, so an index built by another
//! version of rashomon is refused with a clear message instead of giving wrong answers.

pub mod checked;
pub mod folder;
pub mod ingest;
pub mod read;
pub mod schema;
pub mod stored;
pub mod verify;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use tantivy::collector::Count;
use tantivy::directory::error::{OpenDirectoryError, OpenReadError};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexMeta, IndexReader, ReloadPolicy, Searcher, TantivyError};

use crate::analysis::{ANALYZER_NAME, ANALYZER_VERSION, analyzer};
use crate::corpus::UnitKind;
use crate::error::{Error, Result};
pub use read::{Lookup, SegmentColumns};
pub use schema::Fields;
use schema::SCHEMA_VERSION;

/// The default index folder, relative to the working directory.
pub const DEFAULT_INDEX_DIR: &str = "index";

/// What each commit records about the index's format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub schema_version: u32,
    pub analyzer: String,
    /// Absent from stamps written before comparison was versioned.
    #[serde(default)]
    pub compare_version: u32,
}

impl Stamp {
    pub fn current() -> Stamp {
        Stamp {
            schema_version: SCHEMA_VERSION,
            analyzer: ANALYZER_VERSION.to_owned(),
            compare_version: crate::compare::COMPARE_VERSION,
        }
    }

    fn describe(payload: Option<&str>) -> String {
        match payload.and_then(|p| serde_json::from_str::<Stamp>(p).ok()) {
            Some(s) => format!(
                "schema {}, analyzer {}, comparison {}",
                s.schema_version, s.analyzer, s.compare_version
            ),
            None => "no rashomon version stamp".to_owned(),
        }
    }
}

/// The file in which tantivy records an index's last commit; a folder without it holds no
/// index.
const META_FILE: &str = "meta.json";
/// Tantivy's list of the files it wrote (tantivy does not export its name).
const MANAGED_FILE: &str = ".managed.json";

/// True when `dir` holds an index (tantivy's `meta.json`).
pub fn exists(dir: &Path) -> bool {
    dir.join(META_FILE).is_file()
}

/// Registers the analyzer on an index; needed before any indexing or querying.
fn register(index: &Index) {
    index.tokenizers().register(ANALYZER_NAME, analyzer());
}

/// What the last commit of an index is, as far as rashomon is concerned.
pub(crate) enum Commit {
    /// A commit stamped by this version of rashomon.
    Stamped(IndexMeta),
    /// None yet: tantivy writes an empty `meta.json` when it creates an index, and the
    /// first ingest's commit replaces it. Seen while a first ingest runs, or after one was
    /// interrupted; the next ingest builds on it as on an empty index.
    None,
}

/// Checks that the index's last commit was made by this version of rashomon.
fn read_commit(dir: &Path, index: &Index) -> Result<Commit> {
    let meta = index.load_metas().map_err(|e| damaged(dir, e))?;
    match meta.payload.as_deref() {
        Some(p) if serde_json::from_str::<Stamp>(p).ok() == Some(Stamp::current()) => {
            Ok(Commit::Stamped(meta))
        }
        None if meta.segments.is_empty() && meta.opstamp == 0 => Ok(Commit::None),
        other => Err(Error::Version {
            path: dir.to_path_buf(),
            found: Stamp::describe(other),
        }),
    }
}

/// Opens the index in `dir` through [`folder::Folder`]: a missing `meta.json` is no index,
/// a folder that cannot be read is an I/O error, anything else is damage.
pub(crate) fn open_index(dir: &Path) -> Result<Index> {
    let folder = folder::Folder::open(dir).map_err(|e| folder_error(dir, e))?;
    Index::open(folder).map_err(|e| match e {
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(_)) => Error::NoIndex {
            path: dir.to_path_buf(),
        },
        TantivyError::OpenDirectoryError(e) => folder_error(dir, e),
        e => damaged(dir, e),
    })
}

/// What went wrong opening the index folder itself: it is missing, not a folder, or cannot
/// be read. None of it is damage, and a rebuild would not help.
pub(crate) fn folder_error(dir: &Path, e: OpenDirectoryError) -> Error {
    use std::io::Error as IoError;
    let cause = match e {
        OpenDirectoryError::DoesNotExist(_) => {
            return Error::NoIndex {
                path: dir.to_path_buf(),
            };
        }
        OpenDirectoryError::NotADirectory(_) => return not_a_directory(dir),
        OpenDirectoryError::IoError { io_error, .. }
        | OpenDirectoryError::FailedToCreateTempDir(io_error) => {
            IoError::new(io_error.kind(), io_error.to_string())
        }
    };
    Error::io(dir, cause)
}

/// The index folder given is a file, or something else that is not a folder.
pub(crate) fn not_a_directory(dir: &Path) -> Error {
    let cause = std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a directory");
    Error::io(dir, cause)
}

/// A failure of tantivy's on the index in `dir`. One that comes from the file system
/// refusing (no permission, read-only, full) is an I/O error, for which a rebuild would not
/// help; anything else means the index cannot be read as it is: damage.
fn damaged(dir: &Path, e: TantivyError) -> Error {
    use std::io::ErrorKind;
    use tantivy::directory::error::{LockError, OpenWriteError};
    let io = match &e {
        TantivyError::IoError(io)
        | TantivyError::LockFailure(LockError::IoError(io), _)
        | TantivyError::OpenReadError(OpenReadError::IoError { io_error: io, .. })
        | TantivyError::OpenWriteError(OpenWriteError::IoError { io_error: io, .. })
        | TantivyError::OpenDirectoryError(OpenDirectoryError::IoError { io_error: io, .. }) => {
            Some(io)
        }
        _ => None,
    };
    match io {
        Some(io)
            if matches!(
                io.kind(),
                ErrorKind::PermissionDenied
                    | ErrorKind::ReadOnlyFilesystem
                    | ErrorKind::StorageFull
            ) =>
        {
            Error::io(dir, std::io::Error::new(io.kind(), io.to_string()))
        }
        _ => Error::Damaged {
            path: dir.to_path_buf(),
            cause: e,
        },
    }
}

/// An index opened for reading.
pub struct IndexHandle {
    pub dir: PathBuf,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    /// The fast columns of the current searcher's segments, shared by its lookups.
    columns: Mutex<Option<Arc<SegmentColumns>>>,
}

/// A document as the index records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocInfo {
    pub path: String,
    pub name: String,
    /// The id of the work the document belongs to ("" when it tells a story no other
    /// document tells).
    pub work: String,
    /// The work it is declared to belong to ("" when none is declared).
    pub declared: String,
    pub hash: String,
    pub bytes: u64,
    pub paragraphs: u64,
    pub claims: u64,
}

/// Totals over the index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub documents: u64,
    pub paragraphs: u64,
    pub claims: u64,
    pub bytes: u64,
}

impl Totals {
    /// What one document counts for.
    pub fn of_document(paragraphs: u64, claims: u64, bytes: u64) -> Totals {
        Totals {
            documents: 1,
            paragraphs,
            claims,
            bytes,
        }
    }

    pub fn add(&mut self, t: &Totals) {
        self.documents += t.documents;
        self.paragraphs += t.paragraphs;
        self.claims += t.claims;
        self.bytes += t.bytes;
    }

    pub fn remove(&mut self, t: &Totals) {
        self.documents = self.documents.saturating_sub(t.documents);
        self.paragraphs = self.paragraphs.saturating_sub(t.paragraphs);
        self.claims = self.claims.saturating_sub(t.claims);
        self.bytes = self.bytes.saturating_sub(t.bytes);
    }
}

impl DocInfo {
    /// What this document counts for in the totals.
    pub fn totals(&self) -> Totals {
        Totals::of_document(self.paragraphs, self.claims, self.bytes)
    }
}

impl IndexHandle {
    /// Opens the index in `dir` for searching.
    pub fn open(dir: &Path) -> Result<IndexHandle> {
        if dir.exists() && !dir.is_dir() {
            return Err(not_a_directory(dir));
        }
        if !exists(dir) {
            return Err(Error::NoIndex {
                path: dir.to_path_buf(),
            });
        }
        let index = open_index(dir)?;
        Self::from_index(dir, index)
    }

    pub(crate) fn from_index(dir: &Path, index: Index) -> Result<IndexHandle> {
        Self::from_index_checked(dir, index, true)
    }

    /// Opens a reader on `index`, after checking its stamp and that its files are there.
    /// With `checksums`, the files' checksums are checked too: all of them when the index
    /// is small enough for that to cost little (see [`verify::CHECKSUM_ON_OPEN_BYTES`]),
    /// else those that changed since an ingest checked them (see [`checked`]).
    pub(crate) fn from_index_checked(
        dir: &Path,
        index: Index,
        checksums: bool,
    ) -> Result<IndexHandle> {
        let meta = match read_commit(dir, &index)? {
            Commit::Stamped(meta) => meta,
            Commit::None => {
                return Err(Error::Unbuilt {
                    path: dir.to_path_buf(),
                });
            }
        };
        // Held until the reader has opened them, so each file is mapped once.
        let files = verify::SegmentFiles::open(dir, &index, &meta);
        let problems = match checksums {
            true if files.bytes() <= verify::CHECKSUM_ON_OPEN_BYTES => files.checksums(&index),
            true => files.check(&index, &checked::Checked::load(dir)).0,
            false => files.problems().to_vec(),
        };
        if let Some(p) = problems.into_iter().next() {
            return Err(p.into_error(dir));
        }
        let (expected, fields) = schema::build();
        if index.schema() != expected {
            return Err(Error::Version {
                path: dir.to_path_buf(),
                found: "a different record layout".to_owned(),
            });
        }
        register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| damaged(dir, e))?;
        drop(files);
        Ok(IndexHandle {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            columns: Mutex::default(),
        })
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// A reader for one request (see [`Lookup`]).
    pub fn lookup(&self) -> Lookup {
        let searcher = self.searcher();
        let generation = searcher.generation().generation_id();
        let mut cached = self.columns.lock().unwrap_or_else(PoisonError::into_inner);
        let columns = match &*cached {
            Some(c) if c.generation == generation => c.clone(),
            _ => cached.insert(SegmentColumns::of(&searcher)).clone(),
        };
        Lookup::with_columns(self.dir.clone(), searcher, self.fields, columns)
    }

    /// The works the last ingest found, and the documents in none.
    pub fn grouping(&self) -> Result<crate::compare::stories::Grouping> {
        let mut lookup = self.lookup();
        let works: Vec<_> = lookup.works()?.iter().map(|w| w.work()).collect();
        let alone = lookup
            .documents()?
            .into_iter()
            .filter(|d| d.work.is_empty())
            .map(|d| d.path)
            .collect();
        Ok(crate::compare::stories::Grouping { works, alone })
    }

    /// Every indexed document, sorted by path.
    pub fn documents(&self) -> Result<Vec<DocInfo>> {
        self.lookup().documents()
    }

    /// Document and unit counts, and the bytes of text indexed.
    pub fn totals(&self) -> Result<Totals> {
        let mut totals = Totals::default();
        for d in self.documents()? {
            totals.add(&d.totals());
        }
        Ok(totals)
    }

    /// Number of live units of `kind`.
    pub fn count(&self, kind: UnitKind) -> Result<usize> {
        let query = TermQuery::new(
            self.fields.kind_term(kind.as_str()),
            IndexRecordOption::Basic,
        );
        Ok(self.searcher().search(&query, &Count)?)
    }
}
