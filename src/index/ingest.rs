//! Bringing the index up to date with the files on disk.
//!
//! An ingest is incremental and atomic:
//! - each file is keyed by its path; a file whose content hash is unchanged is skipped, a
//!   changed file has its records replaced, and an indexed file that is gone from a folder
//!   being ingested is removed;
//! - everything is written through tantivy's `IndexWriter`, and all changes land in one
//!   commit stamped with this version ([`Stamp`]), so a killed ingest leaves the previous
//!   commit searchable; the writer lock is an OS file lock that dies with the process;
//! - what an ingest wrote and did not commit (it failed, or a killed one left it) is
//!   removed by tantivy's garbage collection.
//!
//! An ingest runs in three steps: every new or changed file is read and written, with its
//! story profile; all documents of the index are grouped into works
//! (`compare::stories`); then each work whose documents or their contents changed is
//! compared again, on threads of their own, one per core (`Comparer`), while this one
//! reads the next works and writes the differences found.
//!
//! Progress is reported as [`Event`]s; drawing them is the caller's business.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::{Scope, ScopedJoinHandle};
use std::time::{Duration, Instant};

use tantivy::directory::error::{DeleteError, LockError};
use tantivy::directory::{Directory, INDEX_WRITER_LOCK, ManagedDirectory, MmapDirectory};
use tantivy::indexer::UserOperation;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError};

use super::checked::Checked;
use super::folder::Folder;
use super::schema::{self, Fields};
use super::stored::StoredWork;
use super::verify::SegmentFiles;
use super::{
    Commit, DocInfo, Lookup, Stamp, Totals, damaged, exists, folder_error, read_commit, register,
};
use crate::analysis::WordAnalyzer;
use crate::compare::stories::{Background, Compact, Grouping, Member, Profile, Vocabulary};
use crate::compare::{Account, Tuning, align_work_with};
use crate::corpus::walk::{Found, display_path, walk};
use crate::corpus::works;
use crate::corpus::{Document, Encoding, NotText, UnitKind, hash_bytes};
use crate::error::{Error, Result};

/// Memory the writer may use for buffering before it flushes a segment to disk. This bounds
/// ingest memory, whatever the corpus size.
pub const WRITER_MEMORY_BUDGET: usize = 128 * 1024 * 1024;

/// Input below this many bytes is small: it is written by one indexing thread with
/// tantivy's smallest buffer.
const SMALL_INPUT_BYTES: u64 = 1024 * 1024;

/// The smallest buffer tantivy accepts for a writer thread (its `MEMORY_BUDGET_NUM_BYTES_MIN`).
const SMALLEST_WRITER_BUDGET: usize = 15_000_000;

/// Indexing threads and the memory they share, for `input` bytes of files. A small corpus
/// gets one thread and tantivy's smallest buffer: setting up a larger one costs more than
/// indexing a few recaps.
///
/// Two threads are busy besides the indexing ones (reading files and comparing works), so
/// indexing gets the cores beyond those two, and at least one: each indexing thread fills a
/// segment of its own that must then be merged, which does not pay when it has no core of
/// its own (measured in docs/performance.md).
fn writer_size(input: u64) -> (usize, usize) {
    if input < SMALL_INPUT_BYTES {
        (1, SMALLEST_WRITER_BUDGET)
    } else {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        (cores.saturating_sub(2).clamp(1, 8), WRITER_MEMORY_BUDGET)
    }
}

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
    /// Works whose comparison was recomputed, and the time that took (from the first
    /// work read to the last one's differences written).
    pub works_aligned: usize,
    pub align_time: Duration,
    pub elapsed: Duration,
}

/// Brings the index in `opts.index_dir` up to date with `opts.paths`.
pub fn ingest(opts: &IngestOptions, on_event: &mut dyn FnMut(Event)) -> Result<IngestSummary> {
    let started = Instant::now();
    let dir = &opts.index_dir;
    let found = walk(&opts.paths)?;
    if dir.exists() && !dir.is_dir() {
        return Err(super::not_a_directory(dir));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let base = std::fs::canonicalize(dir)
        .map_err(|e| Error::io(dir, e))?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let (_, fields) = schema::build();
    let sizes: u64 = found
        .files
        .iter()
        .map(|f| std::fs::metadata(&f.path).map_or(0, |m| m.len()))
        .sum();
    let mut sink = Sink::open(dir, opts.rebuild, sizes)?;
    let reader: IndexReader = sink
        .index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e| damaged(dir, e))?;
    // What the index held before this ingest: its documents, and the accounts of unchanged
    // documents when their work is compared again. With --rebuild, nothing counts as there.
    let mut lookup = Lookup::new(dir.clone(), reader.searcher(), fields);
    let existing: HashMap<String, DocInfo> = if opts.rebuild {
        sink.writer.delete_all_documents()?;
        HashMap::new()
    } else {
        lookup
            .documents()?
            .into_iter()
            .map(|d| (d.path.clone(), d))
            .collect()
    };

    let mut summary = IngestSummary::default();
    // Kept up to date as documents come and go, so the index need not be read again.
    for d in existing.values() {
        summary.totals.add(&d.totals());
    }
    for (path, warning) in &found.skipped {
        summary.skipped += 1;
        on_event(Event::Warning {
            path: &path.to_string_lossy(),
            message: warning.clone(),
        });
    }
    on_event(Event::Planned {
        files: found.files.len(),
        bytes: sizes,
    });

    // Files in path order, each once.
    let mut files: BTreeMap<String, &Found> = BTreeMap::new();
    for file in &found.files {
        files.entry(display_path(&base, &file.path)).or_insert(file);
    }
    // A path is under a folder when it starts with the folder's key and a `/` (every path
    // is under the empty key); an unreadable path that is a file is under itself.
    let keys_of = |paths: &[PathBuf]| -> Vec<String> {
        paths
            .iter()
            .map(|d| match display_path(&base, d) {
                p if p.is_empty() => p,
                p => p + "/",
            })
            .collect()
    };
    let under = |path: &str, keys: &[String]| {
        keys.iter()
            .any(|k| path.starts_with(k.as_str()) || path == k.trim_end_matches('/'))
    };
    let (prefixes, unreadable) = (keys_of(&found.dirs), keys_of(&found.unreadable));
    // Documents under a folder that could not be read are left as the index has them.
    let walked = |path: &str| under(path, &prefixes) && !under(path, &unreadable);

    // 1. Every file: new and changed documents are written now, with their story profiles.
    let background = Background::english();
    let mut analyzer = WordAnalyzer::default();
    let mut declarations = works::Folders::default();
    // Profiles are kept as term ids into one vocabulary: a few bytes a term.
    let mut vocabulary = Vocabulary::default();
    let mut fresh: HashMap<String, Fresh> = HashMap::new();
    let mut present: HashSet<&str> = HashSet::new();
    for (key, file) in &files {
        let (declared, complaint) = declarations.work_of(&file.path);
        if let Some((works_file, lines)) = complaint {
            on_event(Event::Warning {
                path: &works_file.to_string_lossy(),
                message: format!("lines {lines:?} are not `NAME: WORK`; left out"),
            });
        }
        // A document declared otherwise than its record says is read again: the
        // declaration may be new.
        let was = existing
            .get(key)
            .filter(|d| declared.is_empty() || d.declared == declared);
        match read_file(key, file, &declared, was, &mut summary, on_event) {
            Outcome::Indexed(doc) => {
                present.insert(key);
                let claims = doc.units.iter().filter(|u| u.kind == UnitKind::Claim);
                let pieces = doc.title.iter().map(String::as_str);
                let pieces = pieces.chain(claims.map(|u| doc.unit_text(u)));
                let profile = Profile::of(&mut analyzer, pieces, background);
                if let Some(old) = existing.get(key) {
                    sink.delete_term(fields.path_term(key));
                    summary.totals.remove(&old.totals());
                }
                sink.add_group(fields.document_records(&doc, &profile))?;
                summary.totals.add(&Totals::of_document(
                    doc.count(UnitKind::Paragraph) as u64,
                    doc.count(UnitKind::Claim) as u64,
                    doc.bytes,
                ));
                let fresh_doc = Fresh {
                    hash: doc.hash.clone(),
                    declared: doc.work.clone(),
                    profile: vocabulary.compact(&profile),
                };
                fresh.insert(key.clone(), fresh_doc);
            }
            Outcome::Unchanged | Outcome::Unreadable => {
                present.insert(key);
            }
            Outcome::NotText => {}
        }
    }
    // Indexed documents that are gone, or are no longer text, leave the index.
    let mut removed: HashSet<String> = HashSet::new();
    for doc in existing.values() {
        let named = files.contains_key(&doc.path);
        if !present.contains(doc.path.as_str()) && (named || walked(&doc.path)) {
            summary.removed += 1;
            sink.delete_term(fields.path_term(&doc.path));
            summary.totals.remove(&doc.totals());
            removed.insert(doc.path.clone());
        }
    }
    let mut changed_any = opts.rebuild || !fresh.is_empty() || !removed.is_empty();

    // 2. Which documents tell the same story: all of the index's, the unchanged ones by the
    // profiles their records hold.
    let mut kept: Vec<(String, String, Compact)> = Vec::new();
    if !opts.rebuild {
        lookup.profiles(|path, declared, profile| {
            if !fresh.contains_key(&path) && !removed.contains(&path) {
                let compact = vocabulary.compact(&profile);
                kept.push((path, declared, compact));
            }
        })?;
    }
    let mut members: Vec<Member> = Vec::with_capacity(kept.len() + fresh.len());
    for (path, declared, profile) in &kept {
        members.push(Member::new(path, profile, declared));
    }
    for (path, f) in &fresh {
        members.push(Member::new(path, &f.profile, &f.declared));
    }
    members.sort_by(|a, b| a.path.cmp(b.path));
    let mut grouping = Grouping::of(&members, &vocabulary, background);
    let hash_of = |path: &str| {
        fresh
            .get(path)
            .map(|f| f.hash.clone())
            .or_else(|| existing.get(path).map(|d| d.hash.clone()))
            .unwrap_or_default()
    };

    // 3. A work whose documents (and their contents) are as when it was compared keeps its
    // comparison; any other work is compared again, and comparisons of works that are no
    // more go.
    let old: HashMap<String, StoredWork> = match opts.rebuild {
        true => HashMap::new(),
        false => lookup
            .works()?
            .into_iter()
            .map(|w| (w.id.clone(), w))
            .collect(),
    };
    let previous: Vec<_> = old.values().map(StoredWork::work).collect();
    grouping.keep_ids(&previous);
    let mut compare_again: Vec<StoredWork> = Vec::new();
    let mut kept_ids: HashSet<&str> = HashSet::new();
    for work in &grouping.works {
        let hashes = work.documents.iter().map(|d| hash_of(d)).collect();
        let stored = StoredWork::new(work, hashes);
        match old.get(&work.id) {
            Some(was) if *was == stored => {
                kept_ids.insert(work.id.as_str());
            }
            _ => compare_again.push(stored),
        }
    }
    for id in old.keys().filter(|id| !kept_ids.contains(id.as_str())) {
        sink.delete_term(fields.align_work_term(id));
        changed_any = true;
    }

    // Each work is read, then compared on a thread of its own ([`Comparer`]) while this one
    // reads the next. A work's differences are written once the works after it have been
    // handed out, so that comparing runs a work ahead on each thread; the order of records
    // depends only on the works, never on which thread finishes first.
    let comparing = Instant::now();
    let written = std::thread::scope(|scope| -> Result<()> {
        let mut comparer = Comparer::start(scope, fields);
        for work in &compare_again {
            sink.add(fields.work_record(work))?;
            summary.works_aligned += 1;
            changed_any = true;
            if work.documents.len() >= 2 {
                let accounts = accounts_of(&mut lookup, work, &files, &fresh, &existing, on_event)?;
                if accounts.len() >= 2 {
                    comparer.submit(&work.id, accounts);
                }
            }
            while comparer.in_flight() > comparer.capacity() {
                comparer.write_oldest(&mut sink)?;
            }
        }
        while comparer.in_flight() > 0 {
            comparer.write_oldest(&mut sink)?;
        }
        Ok(())
    });
    summary.align_time = comparing.elapsed();

    // An index without a commit of this version's is always committed, even empty, so that
    // it carries the stamp.
    let commit = changed_any || sink.uncommitted;
    if commit {
        on_event(Event::Committing);
    }
    match written.and_then(|()| sink.commit(commit)) {
        Ok(()) => sink.close()?,
        Err(e) => {
            sink.abandon();
            return Err(e);
        }
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// A document this ingest wrote: what grouping and comparing it need.
struct Fresh {
    hash: String,
    /// The work it is declared to belong to ("" when none).
    declared: String,
    profile: Compact,
}

/// What became of one file.
enum Outcome {
    /// New or changed: its records were (re)written.
    Indexed(Box<Document>),
    /// Same content hash as indexed.
    Unchanged,
    /// Could not be read; whatever the index has for it is kept.
    Unreadable,
    /// Binary or unsupported; it is not (or no longer) a document.
    NotText,
}

/// Reads and decodes one file unless its content is unchanged. Nothing is written yet.
fn read_file(
    key: &str,
    file: &Found,
    declared: &str,
    was: Option<&DocInfo>,
    summary: &mut IngestSummary,
    on_event: &mut dyn FnMut(Event),
) -> Outcome {
    let bytes = match std::fs::read(&file.path) {
        Ok(b) => b,
        Err(e) => {
            summary.skipped += 1;
            on_event(Event::Warning {
                path: key,
                message: format!("cannot read: {e}"),
            });
            return Outcome::Unreadable;
        }
    };
    on_event(Event::File {
        path: key,
        bytes: bytes.len() as u64,
    });
    if was.is_some_and(|d| d.hash == hash_bytes(&bytes)) {
        summary.unchanged += 1;
        return Outcome::Unchanged;
    }
    let doc = match Document::from_bytes(
        key.to_owned(),
        file.name.clone(),
        declared.to_owned(),
        &bytes,
    ) {
        Ok(doc) => doc,
        Err(not_text) => {
            let message = match not_text {
                NotText::Binary => "binary file (contains NUL bytes), skipped",
                NotText::Utf16 => "UTF-16 text is not supported, skipped; convert it to UTF-8",
            };
            summary.skipped += 1;
            on_event(Event::Warning {
                path: key,
                message: message.into(),
            });
            return Outcome::NotText;
        }
    };
    if doc.encoding == Encoding::Windows1252 {
        on_event(Event::Warning {
            path: key,
            message: "not valid UTF-8; read as Windows-1252 (Latin-1)".into(),
        });
    }
    if let Some(invalid) = doc.invalid_utf8 {
        // Lines counted as segmentation counts them; the bytes before the first invalid one
        // are UTF-8.
        let line = std::str::from_utf8(&bytes[..invalid.first]).map_or(1, |before| {
            1 + crate::corpus::segment::line_starts(before).count()
        });
        on_event(Event::Warning {
            path: key,
            message: format!(
                "{} not valid UTF-8 (the first at line {line}, byte {}); read as Windows-1252, the rest as UTF-8",
                match invalid.count {
                    1 => "1 byte".to_owned(),
                    n => format!("{n} bytes"),
                },
                invalid.first
            ),
        });
    }
    if was.is_some() {
        summary.updated += 1;
    } else {
        summary.added += 1;
    }
    Outcome::Indexed(Box::new(doc))
}

/// The accounts of one work to compare, in path order: documents this ingest wrote as
/// their files read again (one that changed meanwhile is left out, with a warning), the
/// others as the index holds them.
fn accounts_of(
    lookup: &mut Lookup,
    work: &StoredWork,
    files: &BTreeMap<String, &Found>,
    fresh: &HashMap<String, Fresh>,
    existing: &HashMap<String, DocInfo>,
    on_event: &mut dyn FnMut(Event),
) -> Result<Vec<Account>> {
    let mut accounts = Vec::with_capacity(work.documents.len());
    for path in &work.documents {
        match (fresh.get(path), files.get(path), existing.get(path)) {
            (Some(Fresh { hash, declared, .. }), Some(file), _) => {
                let read = std::fs::read(&file.path).ok().and_then(|bytes| {
                    let doc = Document::from_bytes(
                        path.clone(),
                        file.name.clone(),
                        declared.clone(),
                        &bytes,
                    );
                    doc.ok().filter(|d| d.hash == *hash)
                });
                match read {
                    Some(doc) => accounts.push(Account::from_document(&doc)),
                    None => on_event(Event::Warning {
                        path,
                        message: "changed while being ingested; not compared this time".into(),
                    }),
                }
            }
            (None, _, Some(doc)) => accounts.push(lookup.account(doc)?),
            _ => {}
        }
    }
    Ok(accounts)
}

/// One work's comparison, as the records of its differences.
struct Compared {
    records: Vec<TantivyDocument>,
}

/// Compares the accounts of `work` and makes the records of their differences.
fn compare(
    analyzer: &mut WordAnalyzer,
    fields: &Fields,
    work: &str,
    accounts: &[Account],
) -> Compared {
    let records = align_work_with(analyzer, &Tuning::default(), work, accounts)
        .differences
        .iter()
        .map(|difference| fields.difference_record(work, difference))
        .collect();
    Compared { records }
}

/// Compares works on threads of their own, one per core (up to [`MAX_COMPARING_THREADS`]),
/// so that comparing (a large share of ingest) runs on every core and overlaps reading the
/// next work and writing the last one's differences. Works are handed to the threads in
/// turn and their differences written in the order the works were submitted, whichever
/// thread finishes first. With one core, or when no thread can be started, works are
/// compared in the calling thread.
struct Comparer<'scope> {
    workers: Vec<Worker<'scope>>,
    /// The worker the next work goes to.
    next: usize,
    /// The works submitted and not yet written, oldest first.
    pending: VecDeque<Pending>,
    /// The analyzer for works compared in this thread.
    analyzer: WordAnalyzer,
    fields: Fields,
}

enum Pending {
    /// With this worker, which answers in the order it was given works.
    Worker(usize),
    /// Compared in this thread.
    Done(Compared),
}

struct Worker<'scope> {
    jobs: mpsc::Sender<(String, Vec<Account>)>,
    done: mpsc::Receiver<Compared>,
    thread: ScopedJoinHandle<'scope, ()>,
}

impl<'scope> Worker<'scope> {
    fn start<'env>(scope: &'scope Scope<'scope, 'env>, fields: Fields) -> Option<Worker<'scope>> {
        let (jobs, inbox) = mpsc::channel::<(String, Vec<Account>)>();
        let (outbox, done) = mpsc::channel();
        let run = move || {
            let mut analyzer = WordAnalyzer::default();
            for (work, accounts) in inbox {
                let compared = compare(&mut analyzer, &fields, &work, &accounts);
                if outbox.send(compared).is_err() {
                    break;
                }
            }
        };
        let thread = std::thread::Builder::new()
            .name("compare".to_owned())
            .spawn_scoped(scope, run)
            .ok()?;
        Some(Worker { jobs, done, thread })
    }
}

/// Comparing threads an ingest starts, at most. Each keeps its own analyzer and memos (a
/// few MB) and a work in flight; past a handful, the calling thread, which reads the works
/// and writes their differences, is what limits the pass.
const MAX_COMPARING_THREADS: usize = 8;

impl<'scope> Comparer<'scope> {
    fn start<'env>(scope: &'scope Scope<'scope, 'env>, fields: Fields) -> Comparer<'scope> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let workers: Vec<Worker> = if cores > 1 {
            (0..cores.min(MAX_COMPARING_THREADS))
                .map_while(|_| Worker::start(scope, fields))
                .collect()
        } else {
            Vec::new()
        };
        if !workers.is_empty() {
            crate::analysis::share_stems();
        }
        Comparer {
            workers,
            next: 0,
            pending: VecDeque::new(),
            analyzer: WordAnalyzer::default(),
            fields,
        }
    }

    /// Starts comparing `work`.
    fn submit(&mut self, work: &str, accounts: Vec<Account>) {
        let mut job = (work.to_owned(), accounts);
        if !self.workers.is_empty() {
            let k = self.next % self.workers.len();
            match self.workers[k].jobs.send(job) {
                Ok(()) => {
                    self.next = k + 1;
                    self.pending.push_back(Pending::Worker(k));
                    return;
                }
                // The worker has stopped (it panicked); its panic is carried on when its
                // last work is written. This one is compared here.
                Err(mpsc::SendError(back)) => job = back,
            }
        }
        let compared = compare(&mut self.analyzer, &self.fields, &job.0, &job.1);
        self.pending.push_back(Pending::Done(compared));
    }

    /// Works submitted and not yet written.
    fn in_flight(&self) -> usize {
        self.pending.len()
    }

    /// Works that may be in flight at once: one for each worker, and the next one read.
    fn capacity(&self) -> usize {
        self.workers.len().max(1)
    }

    /// Writes the differences of the oldest work not yet written, once it is compared.
    fn write_oldest(&mut self, sink: &mut Sink) -> Result<()> {
        let compared = match self.pending.pop_front() {
            None => return Ok(()),
            Some(Pending::Done(compared)) => compared,
            Some(Pending::Worker(k)) => match self.workers[k].done.recv() {
                Ok(compared) => compared,
                // The worker stopped without an answer: it panicked. Carry its panic on,
                // as comparing in this thread would have.
                Err(_) => {
                    let worker = self.workers.swap_remove(k);
                    match worker.thread.join() {
                        Err(panic) => std::panic::resume_unwind(panic),
                        Ok(()) => unreachable!("the worker answers every work it takes"),
                    }
                }
            },
        };
        compared.records.into_iter().try_for_each(|r| sink.add(r))
    }
}

/// Where an ingest's records go: tantivy's writer on the index, which holds the writer lock
/// from the start of the ingest to its end.
struct Sink {
    dir: PathBuf,
    index: Index,
    writer: IndexWriter,
    /// The index has no commit of this version yet: it was just created, or a first ingest
    /// was interrupted before its commit.
    uncommitted: bool,
    /// The files that passed their checksums when the index was opened.
    checked: Checked,
}

impl Sink {
    /// Opens (or creates) the index in `dir` for writing, sized for `input` bytes of files.
    /// With `rebuild`, an index that cannot be opened or was built by another version is
    /// discarded first. Files an earlier ingest wrote and never committed are removed.
    fn open(dir: &Path, rebuild: bool, input: u64) -> Result<Sink> {
        let opened = match open_existing(dir) {
            Ok(Some(opened)) => Ok(opened),
            // Creating fails on what a deleted index left (a garbled `.managed.json`).
            Ok(None) => create(dir),
            Err(e) => Err(e),
        };
        let (index, uncommitted, checked) = match opened {
            Ok(opened) => opened,
            Err(e) if !rebuild || matches!(e, Error::Busy { .. } | Error::Io { .. }) => {
                return Err(e);
            }
            Err(_) => {
                discard(dir)?;
                create(dir)?
            }
        };
        let (threads, budget) = writer_size(input);
        let writer = index
            .writer_with_num_threads(threads, budget)
            .map_err(|e| writer_error(dir, e))?;
        writer
            .garbage_collect_files()
            .wait()
            .map_err(|e| writer_error(dir, e))?;
        Ok(Sink {
            dir: dir.to_path_buf(),
            index,
            writer,
            uncommitted,
            checked,
        })
    }

    fn add(&mut self, record: TantivyDocument) -> Result<()> {
        self.writer.add_document(record)?;
        Ok(())
    }

    /// Writes a document's records as one group: tantivy puts a group's records in one
    /// segment, in the order given, which paragraph search relies on (see
    /// [`Fields::document_records`]).
    fn add_group(&mut self, records: Vec<TantivyDocument>) -> Result<()> {
        self.writer
            .run(records.into_iter().map(UserOperation::Add))?;
        Ok(())
    }

    /// Deletes the records holding `term`, as of the commit.
    fn delete_term(&mut self, term: tantivy::Term) {
        self.writer.delete_term(term);
    }

    /// With `commit`, makes everything written visible in one commit stamped with this
    /// version. Then, commit or not, merges the index into one segment: a commit may add
    /// segments, and an ingest killed after its commit leaves its merge undone (the record
    /// order paragraph search relies on survives merges: see [`Fields::document_records`]).
    fn commit(&mut self, commit: bool) -> Result<()> {
        if commit {
            let payload = serde_json::to_string(&Stamp::current()).expect("stamp serializes");
            let mut prepared = self.writer.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
        }
        let segments = self.index.searchable_segment_ids()?;
        if segments.len() > 1 {
            self.writer.merge(&segments).wait()?;
        }
        Ok(())
    }

    /// Checks the checksums of the files the commit added and records the files that
    /// passed (see [`checked`](super::checked)), still holding the lock; then waits for the
    /// writer's threads, and lets go of it.
    fn close(self) -> Result<()> {
        let meta = self.index.load_metas()?;
        let files = SegmentFiles::open(&self.dir, &self.index, &meta);
        let (problems, passed) = files.check(&self.index, &self.checked);
        drop(files);
        if let Some(p) = problems.into_iter().next() {
            return Err(p.into_error(&self.dir));
        }
        // Without the record, searches check every file: slower, never wrong.
        let _ = passed.save(&self.dir);
        self.writer.wait_merging_threads()?;
        Ok(())
    }

    /// After a failure: drops what was written since the last commit, and removes the files
    /// it left (so that, say, a disk that filled up has the room back for the next ingest).
    /// The error being reported is the one that matters, so this one's own are not.
    fn abandon(mut self) {
        if self.writer.rollback().is_ok() {
            let _ = self.writer.garbage_collect_files().wait();
        }
        let _ = self.writer.wait_merging_threads();
    }
}

/// A failure to start or use tantivy's writer: the lock is taken ("busy"), or as any other.
fn writer_error(dir: &Path, e: TantivyError) -> Error {
    match e {
        TantivyError::LockFailure(LockError::LockBusy, _) => Error::Busy {
            path: dir.to_path_buf(),
        },
        e => damaged(dir, e),
    }
}

/// The index in `dir`, opened for writing, whether it has no commit of this version's yet,
/// and the record of its files that passed their checksums; `None` when the folder holds no
/// index. An index that is damaged or was built by another version is an error: writing on
/// it would carry that on.
fn open_existing(dir: &Path) -> Result<Option<(Index, bool, Checked)>> {
    if !exists(dir) {
        return Ok(None);
    }
    let index = super::open_index(dir)?;
    let (uncommitted, checked) = match read_commit(dir, &index)? {
        Commit::Stamped(meta) => {
            let files = SegmentFiles::open(dir, &index, &meta);
            let (damage, checked) = files.check(&index, &Checked::default());
            drop(files);
            let missing = super::verify::missing(&index);
            if let Some(p) = damage.into_iter().chain(missing).next() {
                return Err(p.into_error(dir));
            }
            (false, checked)
        }
        Commit::None => (true, Checked::default()),
    };
    if index.schema() != schema::build().0 {
        return Err(Error::Version {
            path: dir.to_path_buf(),
            found: "a different record layout".to_owned(),
        });
    }
    register(&index);
    Ok(Some((index, uncommitted, checked)))
}

/// Creates an empty index in `dir`; it has no commit until the ingest's.
fn create(dir: &Path) -> Result<(Index, bool, Checked)> {
    let (schema, _) = schema::build();
    let folder = Folder::open(dir).map_err(|e| folder_error(dir, e))?;
    // Another ingest may have created it meanwhile; it holds the writer lock, or will.
    if Index::exists(&folder).unwrap_or(true) {
        return Err(Error::Busy {
            path: dir.to_path_buf(),
        });
    }
    let index = Index::create(folder, schema, schema::settings()).map_err(|e| damaged(dir, e))?;
    register(&index);
    Ok((index, true, Checked::default()))
}

/// Removes an index rashomon cannot build on (damaged, or of another version) from `dir`,
/// holding the writer lock meanwhile, so that an ingest writing there is never disturbed.
///
/// What goes is what tantivy lists as its own (`ManagedDirectory`), then `meta.json`;
/// anything else in the folder (a README) stays. Should tantivy's list itself be unreadable,
/// it goes, and with it the files of the segments `meta.json` names, then `meta.json`;
/// files of segments neither names (left by an ingest killed before that) stay behind,
/// unused. (Tantivy offers no call that deletes an index it cannot open.)
fn discard(dir: &Path) -> Result<()> {
    let disk = MmapDirectory::open(dir).map_err(|e| folder_error(dir, e))?;
    let _lock = disk
        .acquire_lock(&INDEX_WRITER_LOCK)
        .map_err(|e| writer_error(dir, e.into()))?;
    let delete = |folder: &dyn Directory, file: &Path| match folder.delete(file) {
        Ok(()) | Err(DeleteError::FileDoesNotExist(_)) => Ok(()),
        Err(DeleteError::IoError { io_error, .. }) => {
            Err(damaged(dir, TantivyError::IoError(io_error)))
        }
    };
    match ManagedDirectory::wrap(Box::new(disk.clone())) {
        Ok(managed) => {
            for file in managed.list_managed_files() {
                delete(&managed, &file)?;
            }
        }
        Err(_) => {
            delete(&disk, Path::new(super::MANAGED_FILE))?;
            // With the list gone, tantivy opens the index with an empty one.
            let meta = Index::open(disk.clone()).and_then(|i| i.load_metas());
            for file in meta.iter().flat_map(|m| m.list_segment_files()) {
                delete(&disk, &file)?;
            }
        }
    }
    delete(&disk, Path::new(super::META_FILE))
}
