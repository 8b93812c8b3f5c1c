//! Bringing the index up to date with the files on disk.
//!
//! An ingest is incremental and atomic:
//! - each file is keyed by its path; a file whose content hash is unchanged is skipped, a
//!   changed file has its records replaced, and an indexed file that is gone from a folder
//!   being ingested is removed;
//! - all changes land in one tantivy commit, so a killed ingest leaves the previous commit
//!   searchable, and the writer lock is an OS file lock that dies with the process.
//!
//! Progress is reported as [`Event`]s; drawing them is the caller's business.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyError};

use super::schema::{self, Fields};
use super::{IndexHandle, Stamp, Totals, check_stamp, damaged, exists, read_documents, register};
use crate::corpus::walk::{display_path, walk};
use crate::corpus::{Document, Encoding, NotText, hash_bytes};
use crate::error::{Error, Result};

/// Memory the writer may use for buffering before it flushes a segment to disk. This bounds
/// ingest memory, whatever the corpus size.
pub const WRITER_MEMORY_BUDGET: usize = 128 * 1024 * 1024;

/// What to ingest, and where.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub index_dir: PathBuf,
    pub paths: Vec<PathBuf>,
    /// Drop everything in the index and index the paths from scratch.
    pub rebuild: bool,
}

/// Progress of an ingest, in order: `Planned` once, then `File` (and `Warning`s) per file,
/// then `Committing` if anything changed.
#[derive(Debug, Clone)]
pub enum Event<'a> {
    Planned { files: usize, bytes: u64 },
    File { path: &'a str, bytes: u64 },
    Warning { path: &'a str, message: String },
    Committing,
}

/// What an ingest did, and what the index holds afterwards.
#[derive(Debug, Clone, Default)]
pub struct IngestSummary {
    pub totals: Totals,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub skipped: usize,
    pub elapsed: Duration,
}

/// Brings the index in `opts.index_dir` up to date with `opts.paths`.
pub fn ingest(opts: &IngestOptions, on_event: &mut dyn FnMut(Event)) -> Result<IngestSummary> {
    let started = Instant::now();
    let dir = &opts.index_dir;
    let found = walk(&opts.paths)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let base = std::fs::canonicalize(dir)
        .map_err(|e| Error::io(dir, e))?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let (index, fresh) = open_for_writing(dir, opts.rebuild)?;
    let (_, fields) = schema::build();
    let mut writer: IndexWriter = index.writer(WRITER_MEMORY_BUDGET).map_err(|e| match e {
        TantivyError::LockFailure(..) => Error::Busy { path: dir.clone() },
        e => damaged(dir, e),
    })?;
    let existing = if fresh {
        HashMap::new()
    } else {
        indexed_hashes(&index, &fields)?
    };
    if opts.rebuild {
        writer.delete_all_documents()?;
    }

    let mut summary = IngestSummary::default();
    for (path, warning) in &found.skipped {
        summary.skipped += 1;
        on_event(Event::Warning {
            path: &path.to_string_lossy(),
            message: warning.clone(),
        });
    }
    let sizes: Vec<u64> = found
        .files
        .iter()
        .map(|f| std::fs::metadata(&f.path).map_or(0, |m| m.len()))
        .collect();
    on_event(Event::Planned {
        files: found.files.len(),
        bytes: sizes.iter().sum(),
    });

    let mut seen: HashSet<String> = HashSet::new();
    let mut changed = opts.rebuild;
    for file in &found.files {
        let key = display_path(&base, &file.path);
        if !seen.insert(key.clone()) {
            continue;
        }
        let bytes = match std::fs::read(&file.path) {
            Ok(b) => b,
            Err(e) => {
                // Keep what the index has: an unreadable file is not a deleted one.
                summary.skipped += 1;
                on_event(Event::Warning {
                    path: &key,
                    message: format!("cannot read: {e}"),
                });
                continue;
            }
        };
        on_event(Event::File {
            path: &key,
            bytes: bytes.len() as u64,
        });
        let was = if opts.rebuild {
            None
        } else {
            existing.get(&key)
        };
        if was.is_some_and(|h| *h == hash_bytes(&bytes)) {
            summary.unchanged += 1;
            continue;
        }
        let work = key.rsplit_once('/').map_or("", |(w, _)| w).to_owned();
        let doc = match Document::from_bytes(key.clone(), file.name.clone(), work, &bytes) {
            Ok(doc) => doc,
            Err(not_text) => {
                let message = match not_text {
                    NotText::Binary => "binary file (contains NUL bytes), skipped",
                    NotText::Utf16 => "UTF-16 text is not supported, skipped; convert it to UTF-8",
                };
                summary.skipped += 1;
                seen.remove(&key);
                on_event(Event::Warning {
                    path: &key,
                    message: message.into(),
                });
                continue;
            }
        };
        if doc.encoding == Encoding::Windows1252 {
            on_event(Event::Warning {
                path: &key,
                message: "not valid UTF-8; read as Windows-1252 (Latin-1)".into(),
            });
        }
        if was.is_some() {
            writer.delete_term(fields.path_term(&key));
            summary.updated += 1;
        } else {
            summary.added += 1;
        }
        add_document(&writer, &fields, &doc)?;
        changed = true;
    }

    let prefixes: Vec<String> = found
        .dirs
        .iter()
        .map(|d| match display_path(&base, d) {
            p if p.is_empty() => p,
            p => p + "/",
        })
        .collect();
    for path in existing.keys() {
        if !seen.contains(path) && prefixes.iter().any(|p| path.starts_with(p.as_str())) {
            writer.delete_term(fields.path_term(path));
            summary.removed += 1;
            changed = true;
        }
    }

    if changed || fresh {
        on_event(Event::Committing);
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&serde_json::to_string(&Stamp::current()).expect("stamp serializes"));
        commit.commit()?;
        let segments = index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
    }
    writer.wait_merging_threads()?;

    summary.totals = IndexHandle::from_index(dir, index)?.totals()?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

fn add_document(writer: &IndexWriter, fields: &Fields, doc: &Document) -> Result<()> {
    writer.add_document(fields.document_record(doc))?;
    for unit in &doc.units {
        writer.add_document(fields.unit_record(doc, unit))?;
    }
    Ok(())
}

/// Opens the index for writing, creating it if needed. Returns whether it is new.
/// With `rebuild`, an index that cannot be opened or was built by another version is
/// cleared first.
fn open_for_writing(dir: &Path, rebuild: bool) -> Result<(Index, bool)> {
    let (schema, _) = schema::build();
    if exists(dir) {
        let opened = Index::open_in_dir(dir)
            .map_err(|e| damaged(dir, e))
            .and_then(|index| {
                check_stamp(dir, &index)?;
                if index.schema() != schema {
                    return Err(Error::Version {
                        path: dir.to_path_buf(),
                        found: "a different record layout".to_owned(),
                    });
                }
                Ok(index)
            });
        match opened {
            Ok(index) => {
                register(&index);
                return Ok((index, false));
            }
            Err(e) if !rebuild => return Err(e),
            Err(_) => clear(dir)?,
        }
    }
    let index = Index::create_in_dir(dir, schema).map_err(|e| damaged(dir, e))?;
    register(&index);
    Ok((index, true))
}

/// Removes tantivy's files from `dir`, leaving anything else (such as a README) alone.
fn clear(dir: &Path) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap_or_default();
        let segment_file = stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit());
        if segment_file || name == "meta.json" || name == ".managed.json" {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

/// Path → content hash of every document in the index.
fn indexed_hashes(index: &Index, fields: &Fields) -> Result<HashMap<String, String>> {
    let reader: IndexReader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let docs = read_documents(&reader.searcher(), fields)?;
    Ok(docs.into_iter().map(|d| (d.path, d.hash)).collect())
}
