//! Checking an index: tantivy's per-file checksums, the files the last commit refers to,
//! and rashomon's own records (version stamp, document counts, comparison records).
//!
//! `rashomon verify` runs all of it. Opening an index for search runs the checksums too:
//! of every file when the index is small enough for that to cost little
//! ([`CHECKSUM_ON_OPEN_BYTES`]), else of the files that changed since the last ingest
//! checked them ([`super::checked`]).

use std::path::{Path, PathBuf};

use tantivy::collector::Count;
use tantivy::directory::error::OpenReadError;
use tantivy::directory::{Directory, FileSlice};
use tantivy::{HasLen, Index, IndexMeta, SegmentReader, TantivyError};

use super::checked::{Checked, Fingerprint};
use super::{Commit, IndexHandle, Totals, exists, read_commit};
use crate::corpus::UnitKind;
use crate::error::{Error, Result};

/// Indexes up to this size have all their checksums verified whenever they are opened for
/// a search, where reading them all costs little next to the search (docs/performance.md);
/// larger ones only the files that changed since an ingest checked them, and all of them
/// by `rashomon verify` and by every ingest, before it writes.
pub const CHECKSUM_ON_OPEN_BYTES: u64 = 4 * 1024 * 1024;

/// One thing wrong with an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file concerned (relative to the index folder), or what part of the index.
    pub file: String,
    pub what: String,
}

impl Problem {
    /// The error that reports this problem with the index in `dir`.
    pub fn into_error(self, dir: &Path) -> Error {
        Error::Corrupt {
            path: dir.to_path_buf(),
            file: self.file,
            what: self.what,
        }
    }
}

/// What `verify` found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub totals: Totals,
    pub segments: usize,
    pub files_checked: usize,
    /// Bytes of all files in the index folder.
    pub index_bytes: u64,
    pub problems: Vec<Problem>,
}

/// Checks the index in `dir`. Fails only when there is no index there; everything wrong
/// with one that exists is listed in the report.
pub fn verify(dir: &Path) -> Result<Report> {
    if !exists(dir) {
        return Err(Error::NoIndex {
            path: dir.to_path_buf(),
        });
    }
    let mut report = Report {
        index_bytes: folder_bytes(dir),
        ..Report::default()
    };
    let index = match super::open_index(dir) {
        Ok(index) => index,
        Err(e @ (Error::Io { .. } | Error::NoIndex { .. })) => return Err(e),
        Err(Error::Damaged { cause, .. }) => {
            report.problems.push(problem(unopenable_file(dir), cause));
            return Ok(report);
        }
        Err(e) => {
            report.problems.push(problem("meta.json", e));
            return Ok(report);
        }
    };
    if let Ok(Commit::None) = read_commit(dir, &index) {
        return Err(Error::Unbuilt {
            path: dir.to_path_buf(),
        });
    }
    let (problems, checked) = checksums(dir, &index);
    report.problems.extend(problems);
    report.problems.extend(missing(&index));
    report.files_checked = checked;
    report.segments = index.searchable_segment_ids().map_or(0, |s| s.len());
    if !report.problems.is_empty() {
        // Reading records out of files that fail their checksums can only add noise.
        return Ok(report);
    }
    let handle = match IndexHandle::from_index_checked(dir, index, false) {
        Ok(h) => h,
        Err(e) => {
            report.problems.push(problem("index", e));
            return Ok(report);
        }
    };
    if let Err(e) = records(&handle, &mut report) {
        report.problems.push(problem("records", e));
    }
    Ok(report)
}

/// Which of the two files tantivy reads to open an index it could not open: its list of
/// the files it wrote (a JSON list of names), or `meta.json`.
fn unopenable_file(dir: &Path) -> &'static str {
    let managed = dir.join(super::MANAGED_FILE);
    match std::fs::read(&managed) {
        Ok(bytes) if serde_json::from_slice::<Vec<PathBuf>>(&bytes).is_err() => super::MANAGED_FILE,
        _ => super::META_FILE,
    }
}

fn problem(file: &str, e: impl std::fmt::Display) -> Problem {
    Problem {
        file: file.to_owned(),
        what: e.to_string(),
    }
}

/// Bytes of all files in `dir` (0 if it cannot be read).
pub(crate) fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Checks every file of the committed segments: present, readable, and matching the
/// checksum in its footer. Returns the problems and the number of files checked.
pub(crate) fn checksums(dir: &Path, index: &Index) -> (Vec<Problem>, usize) {
    match index.load_metas() {
        Ok(m) => meta_checksums(dir, index, &m),
        Err(e) => (vec![problem("meta.json", e)], 0),
    }
}

/// [`checksums`] for the segments of `meta`.
pub(crate) fn meta_checksums(dir: &Path, index: &Index, meta: &IndexMeta) -> (Vec<Problem>, usize) {
    let files = SegmentFiles::open(dir, index, meta);
    let checked = files.opened.len();
    (files.checksums(index), checked)
}

/// The files of a commit's segments, opened and held open.
///
/// While they are held, tantivy's directory hands out the same mapping to anyone else who
/// opens them (it caches mappings for as long as one is in use). So checking checksums and
/// then opening a reader, with the files held across both, maps each file once.
pub(crate) struct SegmentFiles {
    /// The index folder.
    dir: PathBuf,
    opened: Vec<(PathBuf, FileSlice)>,
    /// Files that are missing or cannot be opened.
    problems: Vec<Problem>,
}

impl SegmentFiles {
    pub(crate) fn open(dir: &Path, index: &Index, meta: &IndexMeta) -> SegmentFiles {
        let mut paths: Vec<_> = meta.list_segment_files().into_iter().collect();
        paths.sort();
        let mut files = SegmentFiles {
            dir: dir.to_path_buf(),
            opened: Vec::with_capacity(paths.len()),
            problems: Vec::new(),
        };
        for path in paths {
            match index.directory().open_read(&path) {
                Ok(slice) => files.opened.push((path, slice)),
                // The list holds every file a segment may have (some only when it has
                // deletes, say); which ones it must have, tantivy knows when it opens the
                // segment ([`missing`]).
                Err(OpenReadError::FileDoesNotExist(_)) => {}
                Err(e) => files.problems.push(problem(&path.to_string_lossy(), e)),
            }
        }
        files
    }

    /// Bytes of the files opened.
    pub(crate) fn bytes(&self) -> u64 {
        self.opened.iter().map(|(_, f)| f.len() as u64).sum()
    }

    /// The files that could not be opened.
    pub(crate) fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The files that could not be opened, and those whose contents do not match the
    /// checksum in their footer.
    pub(crate) fn checksums(&self, index: &Index) -> Vec<Problem> {
        self.check(index, &Checked::default()).0
    }

    /// [`SegmentFiles::checksums`], skipping the files `trusted` vouches for; also returns
    /// the record of the files that passed (the trusted ones included).
    pub(crate) fn check(&self, index: &Index, trusted: &Checked) -> (Vec<Problem>, Checked) {
        let dir = self.dir.as_path();
        let mut problems = self.problems.clone();
        let mut passed = Checked::default();
        for (path, _) in &self.opened {
            let name = path.to_string_lossy();
            // Taken before the check, so that a write during it shows as a change.
            let print = Fingerprint::of(&dir.join(path));
            let sound = trusted.trusts(&name, print)
                || match index.directory().validate_checksum(path) {
                    Ok(sound) => sound,
                    Err(e) => {
                        problems.push(problem(&name, e));
                        continue;
                    }
                };
            match (sound, print) {
                (true, Some(print)) => passed.insert(name.into_owned(), print),
                (true, None) => {}
                (false, _) => problems.push(problem(
                    &name,
                    "checksum mismatch (the file was changed or damaged)",
                )),
            }
        }
        problems.sort_by(|a, b| a.file.cmp(&b.file));
        (problems, passed)
    }
}

/// The files the segments of the last commit need and lack, found by opening each segment
/// as a search would.
pub(crate) fn missing(index: &Index) -> Vec<Problem> {
    let segments = match index.searchable_segments() {
        Ok(segments) => segments,
        Err(e) => return vec![problem("meta.json", e)],
    };
    segments
        .iter()
        .filter_map(|segment| SegmentReader::open(segment).err())
        .map(|e| match e {
            TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(path)) => {
                problem(&path.to_string_lossy(), "missing")
            }
            e => problem("segment", e),
        })
        .collect()
}

/// rashomon's own records: counts agree with the units, comparison records parse.
fn records(handle: &IndexHandle, report: &mut Report) -> Result<()> {
    let searcher = handle.searcher();
    let f = &handle.fields;
    let docs = handle.documents()?;
    for doc in &docs {
        for (kind, expected) in [
            (UnitKind::Claim, doc.claims),
            (UnitKind::Paragraph, doc.paragraphs),
        ] {
            let query = f.records_of(&doc.path, kind.as_str());
            let found = searcher.search(&query, &Count)?;
            if found as u64 != expected {
                report.problems.push(Problem {
                    file: doc.path.clone(),
                    what: format!("{expected} {}s recorded, {found} indexed", kind.as_str()),
                });
            }
        }
    }
    handle.lookup().differences()?;
    report.totals = handle.totals()?;
    Ok(())
}
