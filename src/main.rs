//! The `rashomon` binary: parse arguments, call the library, print. Exit codes follow grep:
//! 0 when something was found, 1 when nothing was, 2 on any error.

mod cli;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Mutex, PoisonError};

use anyhow::{Context, Result};
use clap::Parser;
use indicatif::{HumanBytes, ProgressBar, ProgressStyle};

use cli::{Cli, ColorChoice, Command, KindArg, UnitArg};
use rashomon::bench;
use rashomon::compare::DiffKind;
use rashomon::compare::sources::{CompareOptions, DiffOptions, compare_sources, select};
use rashomon::corpus::UnitKind;
use rashomon::error::Error;
use rashomon::index::ingest::{Event, IngestOptions, IngestSummary, ingest};
use rashomon::index::verify::verify;
use rashomon::index::{self, DEFAULT_INDEX_DIR, IndexHandle};
use rashomon::output::diff::DiffTextOptions;
use rashomon::output::text::Count;
use rashomon::output::{diff, json, text};
use rashomon::search::{SearchOptions, respelled_note, search_with_highlighter};

/// With the `mimalloc` feature (the default), the binary allocates with mimalloc, chosen at
/// compile time; the benches use the same (see `Cargo.toml`).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The corpus folder indexed by default.
const DEFAULT_CORPUS_DIR: &str = "corpus";

fn main() -> ExitCode {
    let cli = Cli::parse();
    let index_dir = index_dir(&cli);
    // A panic is a bug, but the user still gets one line and exit code 2, never a trace.
    // The line is printed once it is known whether a damaged file caused it.
    static PANIC: Mutex<Option<String>> = Mutex::new(None);
    std::panic::set_hook(Box::new(|info| {
        *PANIC.lock().unwrap_or_else(PoisonError::into_inner) = Some(info.to_string());
    }));
    let verifying = matches!(cli.command, Command::Verify);
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(found)) => ExitCode::from(if found { 0 } else { 1 }),
        Ok(Err(err)) => {
            if is_broken_pipe(&err) {
                return ExitCode::from(0);
            }
            match explain_failure(&index_dir, verifying || !reads_damage(&err)) {
                Some(damage) => eprintln!("rashomon: {damage}"),
                None => eprintln!("rashomon: {err:#}"),
            }
            ExitCode::from(2)
        }
        Err(_) => {
            let panic = PANIC.lock().unwrap_or_else(PoisonError::into_inner).take();
            match explain_failure(&index_dir, verifying) {
                Some(damage) => eprintln!("rashomon: {damage}"),
                None => eprintln!(
                    "rashomon: internal error: {}",
                    panic.as_deref().unwrap_or("panic")
                ),
            }
            ExitCode::from(2)
        }
    }
}

/// The index folder the command works on.
fn index_dir(cli: &Cli) -> PathBuf {
    cli.index
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX_DIR))
}

/// Whether `err` is tantivy failing to read the index after it was opened, which damage
/// the checks on opening did not see could cause (see `index::checked`). Failures to open
/// are reported as they are: they say what is wrong.
fn reads_damage(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<tantivy::TantivyError>().is_some()
            || matches!(e.downcast_ref::<Error>(), Some(Error::Tantivy(_)))
    })
}

/// After a failure (a panic, or tantivy failing to read), checks every file of the index in
/// `dir` and names the first damaged one, with the way to rebuild; `None` when all are
/// sound (the failure is a bug, reported as it is) or `skip`.
fn explain_failure(dir: &Path, skip: bool) -> Option<Error> {
    if skip || !index::exists(dir) {
        return None;
    }
    let report = std::panic::catch_unwind(|| verify(dir)).ok()?.ok()?;
    let p = report.problems.into_iter().next()?;
    Some(p.into_error(dir))
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Runs the command; `Ok(false)` means "nothing found".
fn run(cli: Cli) -> Result<bool> {
    let index_dir = index_dir(&cli);
    let color = use_color(cli.color);
    match cli.command {
        Command::Ingest { paths, rebuild } => {
            let opts = IngestOptions {
                index_dir,
                paths,
                rebuild,
            };
            let summary = ingest_with_progress(&opts)?;
            let mut out = io::stdout().lock();
            writeln!(out, "{}", summary_line(&summary))?;
            Ok(true)
        }
        Command::Search {
            query,
            unit,
            limit,
            doc,
            json: as_json,
        } => {
            let handle = open_for_search(&index_dir, cli.index.is_none())?;
            let opts = SearchOptions {
                query: query.join(" "),
                unit: unit_kind(unit),
                limit: usize::try_from(limit).unwrap_or(usize::MAX),
                docs: doc,
            };
            let (hits, highlighter) = search_with_highlighter(&handle, &opts)?;
            if let Some(note) = respelled_note(highlighter.respelled()) {
                eprintln!("rashomon: {note}");
            }
            print(|out| match as_json {
                true => json::write_lines(out, &hits),
                false => text::write_hits(out, &hits, text::TextOptions { color }),
            })?;
            Ok(!hits.is_empty())
        }
        Command::Bench {
            queries,
            iterations,
            unit,
            json: as_json,
        } => {
            let handle = open_for_search(&index_dir, cli.index.is_none())?;
            let queries = match queries {
                Some(file) => std::fs::read_to_string(&file)
                    .with_context(|| format!("reading {}", file.display()))?
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_owned)
                    .collect(),
                None => bench::default_queries(&handle)?,
            };
            let opts = bench::BenchOptions {
                queries,
                iterations: usize::try_from(iterations).unwrap_or(usize::MAX),
                unit: unit_kind(unit),
                limit: 10,
            };
            let (per_query, summary) = bench::run(&handle, &opts)?;
            print(|out| {
                if as_json {
                    json::write_lines(out, &per_query)?;
                    json::write_lines(out, std::slice::from_ref(&summary))
                } else {
                    text::write_bench(out, &per_query, &summary)
                }
            })?;
            Ok(true)
        }
        Command::Verify => {
            let report = verify(&index_dir)?;
            let t = &report.totals;
            let mut out = io::stdout().lock();
            writeln!(
                out,
                "{}: {}, {}, {}; {}, {} checked, {}",
                index_dir.display(),
                Count::new(t.documents, "document"),
                Count::new(t.paragraphs, "paragraph"),
                Count::new(t.claims, "claim"),
                Count::new(report.segments, "segment"),
                Count::new(report.files_checked, "file"),
                HumanBytes(report.index_bytes)
            )?;
            for p in &report.problems {
                writeln!(out, "damaged: {}: {}", p.file, p.what)?;
            }
            if !report.problems.is_empty() {
                anyhow::bail!(
                    "the index at {0} is damaged; rebuild it with `rashomon ingest --rebuild --index {0}`",
                    index_dir.display()
                );
            }
            writeln!(out, "ok")?;
            Ok(true)
        }
        Command::Works { json: as_json } => {
            let handle = open_for_search(&index_dir, cli.index.is_none())?;
            let listed = handle.grouping()?.listed();
            print(|out| match as_json {
                true => json::write_lines(out, &listed),
                false => text::write_works(out, &listed, text::TextOptions { color }),
            })?;
            Ok(!listed.is_empty())
        }
        Command::Diff {
            docs,
            kind,
            min_score,
            limit,
            json: as_json,
        } => {
            let handle = open_for_search(&index_dir, cli.index.is_none())?;
            let opts = DiffOptions {
                min_score,
                docs,
                kind: kind.map(|k| match k {
                    KindArg::NameVariant => DiffKind::NameVariant,
                    KindArg::Count => DiffKind::Count,
                    KindArg::Detail => DiffKind::Detail,
                    KindArg::OnlyIn => DiffKind::OnlyIn,
                }),
                limit: usize::try_from(limit).unwrap_or(usize::MAX),
            };
            let diffs = select(&handle, &opts)?;
            print(|out| match as_json {
                true => json::write_lines(out, &diffs),
                false => diff::write_differences(out, &diffs, diff_options(color)),
            })?;
            Ok(!diffs.is_empty())
        }
        Command::Serve { addr } => {
            // Built from corpus/ on a fresh clone, as for a search; then served as it is,
            // and opened again whenever an ingest commits.
            drop(open_for_search(&index_dir, cli.index.is_none())?);
            let server = rashomon::serve::Server::bind(&index_dir, &addr)?;
            let bound = server
                .addr()
                .context("the server has no IP address to report")?;
            let mut out = io::stdout().lock();
            writeln!(out, "listening on http://{bound}/")?;
            out.flush()?;
            drop(out);
            if !bound.ip().is_loopback() {
                eprintln!(
                    "rashomon: WARNING: serving on {bound}, which other machines can reach; the index and its documents are readable by anyone who can connect"
                );
            }
            server.run();
            Ok(true)
        }
        Command::Compare {
            query,
            per_source,
            doc,
            json: as_json,
        } => {
            let handle = open_for_search(&index_dir, cli.index.is_none())?;
            let opts = CompareOptions {
                query: query.join(" "),
                per_source: usize::try_from(per_source).unwrap_or(usize::MAX),
                docs: doc,
            };
            let comparison = compare_sources(&handle, &opts)?;
            print(|out| {
                if as_json {
                    json::write_lines(out, &comparison.sources)?;
                    json::write_lines(out, &comparison.differences)
                } else {
                    text::write_comparison(
                        out,
                        &comparison,
                        text::TextOptions { color },
                        diff_options(color),
                    )
                }
            })?;
            Ok(!comparison.sources.is_empty())
        }
    }
}

fn unit_kind(unit: UnitArg) -> UnitKind {
    match unit {
        UnitArg::Claim => UnitKind::Claim,
        UnitArg::Paragraph => UnitKind::Paragraph,
    }
}

/// Writes to stdout through a buffer, flushing at the end.
fn print(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    write(&mut out)?;
    out.flush()
}

/// Side-by-side output fills the terminal's width, or 120 columns when not on a terminal.
fn diff_options(color: bool) -> DiffTextOptions {
    let width = console::Term::stdout()
        .size_checked()
        .map_or(120, |(_, cols)| usize::from(cols));
    DiffTextOptions { color, width }
}

/// Opens the index for a search. The default index is built from `corpus/` when there is
/// none yet (so a fresh clone can search at once), and rebuilt when it was made by another
/// version of rashomon; an index named with `--index` is never touched.
fn open_for_search(index_dir: &Path, is_default: bool) -> Result<IndexHandle> {
    if is_default && !index::exists(index_dir) {
        build_default_index(index_dir, false)?;
    }
    match IndexHandle::open(index_dir) {
        // A first build was interrupted (or is running, which the ingest will say).
        Err(Error::Unbuilt { .. }) if is_default => {
            build_default_index(index_dir, false)?;
            Ok(IndexHandle::open(index_dir)?)
        }
        Err(Error::Version { found, .. }) if is_default => {
            eprintln!("rashomon: the index was built by another version ({found}); rebuilding it");
            build_default_index(index_dir, true)?;
            Ok(IndexHandle::open(index_dir)?)
        }
        other => Ok(other?),
    }
}

/// Builds the default index from `corpus/`.
fn build_default_index(index_dir: &Path, rebuild: bool) -> Result<()> {
    let corpus = PathBuf::from(DEFAULT_CORPUS_DIR);
    if !corpus.is_dir() {
        anyhow::bail!(
            "no index at {} and no {DEFAULT_CORPUS_DIR}/ folder to build it from; run `rashomon ingest PATH`",
            index_dir.display()
        );
    }
    if !rebuild {
        eprintln!("rashomon: no index yet; building it from {DEFAULT_CORPUS_DIR}/");
    }
    let opts = IngestOptions {
        index_dir: index_dir.to_path_buf(),
        paths: vec![corpus],
        rebuild,
    };
    match ingest_with_progress(&opts) {
        Ok(summary) => {
            eprintln!("rashomon: {}", summary_line(&summary));
            Ok(())
        }
        // Another process is building it (two first searches at once): wait for its commit.
        Err(e) if matches!(e.downcast_ref::<Error>(), Some(Error::Busy { .. })) => {
            eprintln!("rashomon: another ingest is building the index; waiting for it");
            wait_for_index(index_dir)
        }
        Err(e) => Err(e),
    }
}

/// Waits until the index in `index_dir` has a commit of this version (another process is
/// writing it), for at most [`WAIT_FOR_BUILD`].
fn wait_for_index(index_dir: &Path) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        match IndexHandle::open(index_dir) {
            Ok(_) => return Ok(()),
            Err(Error::Unbuilt { .. } | Error::NoIndex { .. })
                if started.elapsed() < WAIT_FOR_BUILD =>
            {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// How long a search waits for another process to build the default index.
const WAIT_FOR_BUILD: std::time::Duration = std::time::Duration::from_secs(300);

/// Runs an ingest, drawing a progress bar on stderr when it is a terminal and printing
/// warnings as they come.
fn ingest_with_progress(opts: &IngestOptions) -> Result<IngestSummary> {
    let bar = io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:30}] {bytes}/{total_bytes} {wide_msg}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar
    });
    let summary = ingest(opts, &mut |event| match event {
        Event::Planned { bytes, .. } => {
            if let Some(b) = &bar {
                b.set_length(bytes);
            }
        }
        Event::File { path, bytes } => {
            if let Some(b) = &bar {
                b.set_message(path.to_owned());
                b.inc(bytes);
            }
        }
        Event::Warning { path, message } => {
            let line = format!("rashomon: warning: {path}: {message}");
            match &bar {
                Some(b) => b.suspend(|| eprintln!("{line}")),
                None => eprintln!("{line}"),
            }
        }
        Event::Committing => {
            if let Some(b) = &bar {
                b.set_message("committing");
            }
        }
    })
    .with_context(|| format!("ingest into {}", opts.index_dir.display()))?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(summary)
}

fn summary_line(s: &IngestSummary) -> String {
    format!(
        "{}, {}, {}, {} in {:.2}s ({} added, {} updated, {} unchanged, {} removed, {} skipped; {} compared in {:.2}s)",
        Count::new(s.totals.documents, "document"),
        Count::new(s.totals.paragraphs, "paragraph"),
        Count::new(s.totals.claims, "claim"),
        HumanBytes(s.totals.bytes),
        s.elapsed.as_secs_f64(),
        s.added,
        s.updated,
        s.unchanged,
        s.removed,
        s.skipped,
        Count::new(s.works_aligned, "work"),
        s.align_time.as_secs_f64()
    )
}

fn use_color(choice: ColorChoice) -> bool {
    color_enabled(
        choice,
        io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
    )
}

/// `auto` means: stdout is a terminal that is not `TERM=dumb`, and NO_COLOR is unset or
/// empty. An explicit choice wins.
fn color_enabled(
    choice: ColorChoice,
    terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
    term: Option<&std::ffi::OsStr>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            terminal && no_color.is_none_or(|v| v.is_empty()) && term != Some("dumb".as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn color_follows_terminal_no_color_term_and_choice() {
        let xterm = Some(OsStr::new("xterm-256color"));
        let dumb = Some(OsStr::new("dumb"));
        assert!(color_enabled(ColorChoice::Auto, true, None, xterm));
        assert!(color_enabled(ColorChoice::Auto, true, None, None));
        assert!(color_enabled(
            ColorChoice::Auto,
            true,
            Some(OsStr::new("")),
            xterm
        ));
        assert!(!color_enabled(
            ColorChoice::Auto,
            true,
            Some(OsStr::new("1")),
            xterm
        ));
        assert!(!color_enabled(ColorChoice::Auto, false, None, xterm));
        assert!(!color_enabled(ColorChoice::Auto, true, None, dumb));
        assert!(color_enabled(
            ColorChoice::Always,
            false,
            Some(OsStr::new("1")),
            dumb
        ));
        assert!(!color_enabled(ColorChoice::Never, true, None, xterm));
    }
}
