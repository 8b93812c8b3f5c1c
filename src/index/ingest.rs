//! Bringing the index up to date with the files on disk.
//!
//! An ingest is incremental and atomic:
//! - each file is keyed by its path; a file whose content hash is unchanged is skipped, a
//!   changed file has its records replaced, and an indexed file that is gone from a folder
//!   being ingested is removed;
//! - all changes land in one tantivy commit, so a killed ingest leaves the previous commit
//!   searchable, and the writer lock is an OS file lock that dies with the process.
//!
//! A new index over a small corpus is built in one pass ([`super::fresh`]); everything
//! else goes through tantivy's `IndexWriter`. Both write records in the same order. Works
//! are compared on a thread of their own (`Comparer`) while this one writes.
//!
//! Progress is reported as [`Event`]s; drawing them is the caller's business.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::{Scope, ScopedJoinHandle};
use std::time::{Duration, Instant};

use tantivy::indexer::UserOperation;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use super::fresh::FreshIndex;
use super::schema::{self, Fields};
use super::{DocInfo, Lookup, Stamp, Totals, damaged, exists, read_commit, register};
use crate::analysis::WordAnalyzer;
use crate::compare::{Account, align_work_with};
use crate::corpus::walk::{Found, display_path, walk};
use crate::corpus::{Document, Encoding, NotText, UnitKind, hash_bytes};
use crate::error::{Error, Result};

/// Memory the writer may use for buffering before it flushes a segment to disk. This bounds
/// ingest memory, whatever the corpus size.
pub const WRITER_MEMORY_BUDGET: usize = 128 * 1024 * 1024;

/// Input below this many bytes is small: a new index over it is built in one pass in
/// memory, and an update of an index is written by one thread with tantivy's smallest
/// buffer.
const SMALL_INPUT_BYTES: u64 = 1024 * 1024;

/// The smallest buffer tantivy accepts for a writer thread (its `MEMORY_BUDGET_NUM_BYTES_MIN`).
const SMALLEST_WRITER_BUDGET: usize = 15_000_000;

/// Indexing threads and the memory they share, for `input` bytes of files. A small corpus
/// gets one thread and tantivy's smallest buffer: setting up a larger one costs more page
/// faults than indexing the text (the shipped corpus ingests in about half the time).
///
/// Two threads are busy besides the indexing ones (reading files and comparing works), so
/// indexing gets the cores beyond those two, and at least one. Each indexing thread fills a
/// segment of its own that must then be merged: on this 2-core machine, two indexing
/// threads made 100k claims ingest in 1.74 s against 1.46 s with one.
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
    /// Works whose comparison was recomputed, and the time that took.
    pub works_aligned: usize,
    pub align_time: Duration,
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
    let opened = open_for_writing(dir, opts.rebuild)?;
    let fresh = opened.is_none();
    let (_, fields) = schema::build();
    let sizes: u64 = found
        .files
        .iter()
        .map(|f| std::fs::metadata(&f.path).map_or(0, |m| m.len()))
        .sum();
    let mut sink = match opened {
        None if sizes < SMALL_INPUT_BYTES => Sink::Fresh(FreshIndex::create(dir, sizes)?),
        None => Sink::writer(dir, create(dir)?, sizes)?,
        Some(index) => Sink::writer(dir, index, sizes)?,
    };
    let reader: IndexReader = sink
        .index()
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    // What the index holds now; with --rebuild, nothing counts as already there.
    // Reads what the index held before this ingest: its documents, and the accounts of
    // unchanged documents when their work is compared again.
    let mut lookup = Lookup::new(dir.clone(), reader.searcher(), fields);
    let existing: HashMap<String, DocInfo> = if fresh || opts.rebuild {
        HashMap::new()
    } else {
        lookup
            .documents()?
            .into_iter()
            .map(|d| (d.path.clone(), d))
            .collect()
    };
    if let (true, Sink::Writer { writer, .. }) = (opts.rebuild, &sink) {
        writer.delete_all_documents()?;
    }

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

    // Documents are handled work by work (a work is a folder), so each work's comparison
    // is redone once, and only when one of its documents changed.
    let mut works: BTreeMap<String, Vec<(String, &Found)>> = BTreeMap::new();
    let mut keys = HashSet::new();
    for file in &found.files {
        let key = display_path(&base, &file.path);
        if keys.insert(key.clone()) {
            works
                .entry(work_of(&key).to_owned())
                .or_default()
                .push((key, file));
        }
    }
    let prefixes: Vec<String> = found
        .dirs
        .iter()
        .map(|d| match display_path(&base, d) {
            p if p.is_empty() => p,
            p => p + "/",
        })
        .collect();
    let walked = |path: &str| prefixes.iter().any(|p| path.starts_with(p.as_str()));
    for doc in existing.values().filter(|d| walked(&d.path)) {
        works.entry(doc.work.clone()).or_default();
    }

    // Each work is read, then compared on a thread of its own ([`Comparer`]) while this one
    // writes its documents and reads the next work. A work's differences are written after
    // the next compared work's documents, so that comparing may run one work ahead; the
    // order of records depends only on the works, never on which thread finishes first.
    let mut changed_any = opts.rebuild;
    std::thread::scope(|scope| -> Result<()> {
        let mut comparer = Comparer::start(scope, fields);
        for (work, files) in &works {
            let mut fresh_docs: Vec<Document> = Vec::new();
            let mut present: HashSet<&str> = HashSet::new();
            for (key, file) in files {
                match read_file(key, file, existing.get(key), &mut summary, on_event) {
                    Outcome::Indexed(doc) => {
                        present.insert(key);
                        fresh_docs.push(doc);
                    }
                    Outcome::Unchanged | Outcome::Unreadable => {
                        present.insert(key);
                    }
                    Outcome::NotText => {}
                }
            }
            // Indexed documents that are gone, or are no longer text, leave the index.
            let mut removed: Vec<String> = Vec::new();
            for doc in existing
                .values()
                .filter(|d| d.work == *work && !present.contains(d.path.as_str()))
            {
                let named = files.iter().any(|(k, _)| *k == doc.path);
                if named || walked(&doc.path) {
                    summary.removed += 1;
                    removed.push(doc.path.clone());
                }
            }
            let realign = opts.rebuild || !fresh_docs.is_empty() || !removed.is_empty();
            if realign {
                let accounts = accounts_of(&mut lookup, work, &fresh_docs, &existing, &removed)?;
                if accounts.len() >= 2 {
                    comparer.submit(work, accounts);
                }
            }
            for doc in &fresh_docs {
                if let Some(old) = existing.get(&doc.path) {
                    sink.delete_term(fields.path_term(&doc.path));
                    summary.totals.remove(&old.totals());
                }
                sink.add_group(fields.document_records(doc))?;
                summary.totals.add(&Totals::of_document(
                    doc.count(UnitKind::Paragraph) as u64,
                    doc.count(UnitKind::Claim) as u64,
                    doc.bytes,
                ));
            }
            for path in &removed {
                sink.delete_term(fields.path_term(path));
                if let Some(old) = existing.get(path) {
                    summary.totals.remove(&old.totals());
                }
            }
            if realign {
                // The work's old comparison goes; the new one is written by `write_oldest`.
                sink.delete_term(fields.align_work_term(work));
                summary.works_aligned += 1;
                changed_any = true;
            }
            while comparer.in_flight() > 1 {
                comparer.write_oldest(&mut sink, &mut summary)?;
            }
        }
        while comparer.in_flight() > 0 {
            comparer.write_oldest(&mut sink, &mut summary)?;
        }
        Ok(())
    })?;

    let commit = changed_any || fresh;
    if commit {
        on_event(Event::Committing);
    }
    sink.finish(commit)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// What became of one file.
enum Outcome {
    /// New or changed: its records were (re)written.
    Indexed(Document),
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
        work_of(key).to_owned(),
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
    if was.is_some() {
        summary.updated += 1;
    } else {
        summary.added += 1;
    }
    Outcome::Indexed(doc)
}

/// The work a document belongs to: the folder it sits in.
fn work_of(key: &str) -> &str {
    key.rsplit_once('/').map_or("", |(w, _)| w)
}

/// The accounts of one work to compare: changed documents as just read, the others as the
/// index holds them, in path order.
fn accounts_of(
    lookup: &mut Lookup,
    work: &str,
    fresh_docs: &[Document],
    existing: &HashMap<String, DocInfo>,
    removed: &[String],
) -> Result<Vec<Account>> {
    let mut accounts: Vec<Account> = fresh_docs.iter().map(Account::from_document).collect();
    let fresh: HashSet<&str> = fresh_docs.iter().map(|d| d.path.as_str()).collect();
    let others = existing.values().filter(|d| {
        d.work == work && !removed.contains(&d.path) && !fresh.contains(d.path.as_str())
    });
    for doc in others {
        accounts.push(lookup.account(doc)?);
    }
    accounts.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(accounts)
}

/// One work's comparison, as the records of its differences, and how long it took.
struct Compared {
    records: Vec<TantivyDocument>,
    took: Duration,
}

/// Compares the accounts of `work` and makes the records of their differences.
fn compare(
    analyzer: &mut WordAnalyzer,
    fields: &Fields,
    work: &str,
    accounts: &[Account],
) -> Compared {
    let started = Instant::now();
    let records = align_work_with(analyzer, work, accounts)
        .differences
        .iter()
        .map(|difference| fields.difference_record(work, difference))
        .collect();
    Compared {
        records,
        took: started.elapsed(),
    }
}

/// Compares one work at a time on a thread of its own, so that comparing a work (about half
/// of ingest) overlaps writing its documents and reading the next work. With one core, or
/// when no thread can be started, works are compared in the calling thread.
struct Comparer<'scope> {
    worker: Option<Worker<'scope>>,
    /// The works submitted and not yet written, oldest first.
    pending: VecDeque<Pending>,
    /// The analyzer for works compared in this thread.
    analyzer: WordAnalyzer,
    fields: Fields,
}

enum Pending {
    /// With the worker, which answers in the order it was given works.
    Worker,
    /// Compared in this thread.
    Done(Compared),
}

struct Worker<'scope> {
    jobs: mpsc::Sender<(String, Vec<Account>)>,
    done: mpsc::Receiver<Compared>,
    thread: ScopedJoinHandle<'scope, ()>,
}

impl<'scope> Comparer<'scope> {
    fn start<'env>(scope: &'scope Scope<'scope, 'env>, fields: Fields) -> Comparer<'scope> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let worker = (cores > 1)
            .then(|| {
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
                crate::analysis::share_stems();
                Some(Worker { jobs, done, thread })
            })
            .flatten();
        Comparer {
            worker,
            pending: VecDeque::new(),
            analyzer: WordAnalyzer::default(),
            fields,
        }
    }

    /// Starts comparing `work`.
    fn submit(&mut self, work: &str, accounts: Vec<Account>) {
        let job = (work.to_owned(), accounts);
        let job = match &self.worker {
            Some(worker) => match worker.jobs.send(job) {
                Ok(()) => {
                    self.pending.push_back(Pending::Worker);
                    return;
                }
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        let compared = compare(&mut self.analyzer, &self.fields, &job.0, &job.1);
        self.pending.push_back(Pending::Done(compared));
    }

    /// Works submitted and not yet written.
    fn in_flight(&self) -> usize {
        self.pending.len()
    }

    /// Writes the differences of the oldest work not yet written, once it is compared.
    fn write_oldest(&mut self, sink: &mut Sink, summary: &mut IngestSummary) -> Result<()> {
        let compared = match self.pending.pop_front() {
            None => return Ok(()),
            Some(Pending::Done(compared)) => compared,
            Some(Pending::Worker) => {
                let worker = self.worker.take().expect("a pending work has a worker");
                match worker.done.recv() {
                    Ok(compared) => {
                        self.worker = Some(worker);
                        compared
                    }
                    // The worker stopped without an answer: it panicked. Carry its panic
                    // on, as comparing in this thread would have.
                    Err(_) => match worker.thread.join() {
                        Err(panic) => std::panic::resume_unwind(panic),
                        Ok(()) => unreachable!("the worker answers every work it takes"),
                    },
                }
            }
        };
        summary.align_time += compared.took;
        compared.records.into_iter().try_for_each(|r| sink.add(r))
    }
}

/// Where an ingest's records go.
#[expect(
    clippy::large_enum_variant,
    reason = "one per ingest, made once and never copied"
)]
enum Sink {
    /// A new index over a small corpus, built in memory by this thread ([`FreshIndex`]).
    Fresh(FreshIndex),
    /// Everything else goes through tantivy's writer: deletes, a memory-bounded buffer,
    /// merges.
    Writer { index: Index, writer: IndexWriter },
}

impl Sink {
    /// Tantivy's writer on `index`, sized for `input` bytes of files.
    fn writer(dir: &Path, index: Index, input: u64) -> Result<Sink> {
        let (threads, budget) = writer_size(input);
        let writer = index
            .writer_with_num_threads(threads, budget)
            .map_err(|e| match e {
                TantivyError::LockFailure(..) => Error::Busy {
                    path: dir.to_path_buf(),
                },
                e => damaged(dir, e),
            })?;
        Ok(Sink::Writer { index, writer })
    }

    /// The index as it was before this ingest.
    fn index(&self) -> &Index {
        match self {
            Sink::Fresh(fresh) => fresh.index(),
            Sink::Writer { index, .. } => index,
        }
    }

    fn add(&mut self, record: TantivyDocument) -> Result<()> {
        match self {
            Sink::Fresh(fresh) => fresh.add(record),
            Sink::Writer { writer, .. } => {
                writer.add_document(record).map(drop).map_err(Into::into)
            }
        }
    }

    /// Writes a document's records as one group, so they land in one segment in the order
    /// `document_records` gives them.
    fn add_group(&mut self, records: Vec<TantivyDocument>) -> Result<()> {
        match self {
            Sink::Fresh(fresh) => records.into_iter().try_for_each(|r| fresh.add(r)),
            Sink::Writer { writer, .. } => writer
                .run(records.into_iter().map(UserOperation::Add))
                .map(drop)
                .map_err(Into::into),
        }
    }

    /// Deletes the records holding `term`. A fresh index held nothing before this ingest,
    /// and an ingest deletes only what was there before (a changed or removed document, a
    /// work's old comparison), so there is nothing to do.
    fn delete_term(&mut self, term: Term) {
        if let Sink::Writer { writer, .. } = self {
            writer.delete_term(term);
        }
    }

    /// With `commit`, makes everything written visible in one commit stamped with this
    /// version, merged into one segment (paragraph search relies on record order within a
    /// segment).
    fn finish(self, commit: bool) -> Result<()> {
        let payload = serde_json::to_string(&Stamp::current()).expect("stamp serializes");
        match self {
            Sink::Fresh(fresh) => {
                // A fresh index is always committed: the folder holds none until then.
                fresh.commit(payload)
            }
            Sink::Writer { index, mut writer } => {
                if commit {
                    let mut prepared = writer.prepare_commit()?;
                    prepared.set_payload(&payload);
                    prepared.commit()?;
                    let segments = index.searchable_segment_ids()?;
                    if segments.len() > 1 {
                        writer.merge(&segments).wait()?;
                    }
                }
                writer.wait_merging_threads()?;
                Ok(())
            }
        }
    }
}

/// Opens the index in `dir` for writing; `None` when there is none. With `rebuild`, an
/// index that cannot be opened or was built by another version is cleared, and `None`.
fn open_for_writing(dir: &Path, rebuild: bool) -> Result<Option<Index>> {
    let (schema, _) = schema::build();
    if exists(dir) {
        let opened = Index::open_in_dir(dir)
            .map_err(|e| damaged(dir, e))
            .and_then(|index| {
                let meta = read_commit(dir, &index)?;
                // Never build on a damaged index: the commit would carry the damage on.
                if let Some(p) = super::verify::meta_checksums(&index, &meta)
                    .0
                    .into_iter()
                    .next()
                {
                    return Err(Error::Corrupt {
                        path: dir.to_path_buf(),
                        file: p.file,
                        what: p.what,
                    });
                }
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
                return Ok(Some(index));
            }
            Err(e) if !rebuild => return Err(e),
            Err(_) => clear(dir)?,
        }
    }
    Ok(None)
}

/// Creates an empty index in `dir`, for tantivy's writer to fill.
fn create(dir: &Path) -> Result<Index> {
    let (schema, _) = schema::build();
    let index = Index::builder()
        .schema(schema)
        .settings(super::schema::settings())
        .create_in_dir(dir)
        .map_err(|e| damaged(dir, e))?;
    register(&index);
    Ok(index)
}

/// Removes tantivy's files from `dir`, leaving anything else (such as a README) alone.
pub(super) fn clear(dir: &Path) -> Result<()> {
    use super::fresh::{MANAGED_FILE, META_FILE, NEW_META_FILE};
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap_or_default();
        let segment_file = stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit());
        let index_file = [META_FILE, NEW_META_FILE, MANAGED_FILE].contains(&name.as_str());
        if segment_file || index_file {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}
