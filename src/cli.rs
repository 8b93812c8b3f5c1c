//! Command-line arguments (clap). These types stay in the binary; `main` turns them into
//! the library's plain option structs.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Search review and recap texts, and see where accounts of the same story disagree.
#[derive(Debug, Parser)]
#[command(name = "rashomon", version, about, args_override_self = true)]
pub struct Cli {
    /// Index folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to colour output. `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Kinds are spelled as in the JSON output (`name_variant`); `name-variant` works too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    #[value(name = "name_variant", alias = "name-variant")]
    NameVariant,
    Count,
    Detail,
    #[value(name = "only_in", alias = "only-in")]
    OnlyIn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    Claim,
    Paragraph,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index documents (every .txt and .md under each folder). Re-running is incremental.
    Ingest {
        /// Files or folders to index.
        #[arg(value_name = "PATH", default_value = "corpus")]
        paths: Vec<PathBuf>,
        /// Discard the index and build it again from these paths.
        #[arg(long)]
        rebuild: bool,
    },
    /// Search passages, ranked by BM25, with matches highlighted.
    ///
    /// Query syntax: words, "phrases", +required, -excluded, doc:NAME. Words of five or more
    /// letters that appear nowhere are matched within one edit (two from nine letters).
    Search {
        /// The query; several arguments are joined with spaces. Put `--` before a query that
        /// starts with `-`, or quote the whole query.
        #[arg(value_name = "QUERY", required = true, num_args = 1..)]
        query: Vec<String>,
        /// Search claims (sentences) or whole paragraphs.
        #[arg(long, value_enum, default_value_t = UnitArg::Claim)]
        unit: UnitArg,
        /// Show at most N hits.
        #[arg(long, short = 'n', default_value_t = 10, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        limit: u64,
        /// Only documents whose name, path or name prefix is NAME (repeatable).
        #[arg(long, value_name = "NAME")]
        doc: Vec<String>,
        /// Write JSON Lines, one object per hit.
        #[arg(long)]
        json: bool,
    },
    /// Measure query latency in-process on the real search path (parse, rank, highlight,
    /// differs): p50/p95/p99/max in µs and queries per second, per query and overall.
    Bench {
        /// Queries, one per line (blank lines and lines starting with # are skipped).
        /// Default: a set drawn from the indexed documents.
        #[arg(long, value_name = "FILE")]
        queries: Option<std::path::PathBuf>,
        /// Timed runs per query (after 3 untimed warm-up runs).
        #[arg(long, default_value_t = 100, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        iterations: u64,
        /// Search claims or paragraphs.
        #[arg(long, value_enum, default_value_t = UnitArg::Claim)]
        unit: UnitArg,
        /// Write JSON Lines: one object per query, then one summary object.
        #[arg(long)]
        json: bool,
    },
    /// Check the index: every file's checksum, the files the last commit needs, and
    /// rashomon's own records. Exits 2 and names what is damaged.
    Verify,
    /// List the works: which documents tell the same story, and how that was decided.
    ///
    /// Documents declared to belong to a work (front matter `work:`, or a `rashomon.works`
    /// file) are one; the others are grouped by what their texts share that is specific to
    /// one story. A document that tells a story no other tells is listed as alone.
    Works {
        /// Write JSON Lines, one object per work, then one per document alone.
        #[arg(long)]
        json: bool,
    },
    /// List the places where accounts of the same work differ, best first.
    ///
    /// With two documents, only those two; with none, every pair of documents within each
    /// work (see `rashomon works`).
    Diff {
        /// Two documents (name, path, or the start of a name).
        #[arg(value_name = "DOC", num_args = 0..=2)]
        docs: Vec<String>,
        /// Only differences of this kind.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Only differences scored at least SCORE (0 to 1; search hits show those from 0.4).
        #[arg(long, default_value_t = 0.0, value_name = "SCORE", value_parser = score, allow_negative_numbers = true)]
        min_score: f32,
        /// Show at most N differences.
        #[arg(long, short = 'n', default_value_t = 20, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        limit: u64,
        /// Write JSON Lines, one object per difference.
        #[arg(long)]
        json: bool,
    },
    /// Serve the index read-only over HTTP: the works, search, compare, and each work's
    /// accounts side by side with what differs marked. The first line printed is the
    /// address. It binds to this machine only unless told another address.
    Serve {
        /// Address to listen on; port 0 takes a free port.
        #[arg(long, default_value = "127.0.0.1:7777", value_name = "HOST:PORT")]
        addr: String,
    },
    /// What each source says on a detail: its best passages for the query, side by side
    /// with what the other sources say in the same place, and where they differ.
    Compare {
        /// The query; several arguments are joined with spaces.
        #[arg(value_name = "QUERY", required = true, num_args = 1..)]
        query: Vec<String>,
        /// Best passages taken from each source.
        #[arg(long, default_value_t = 3, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        per_source: u64,
        /// Only documents whose name, path or name prefix is NAME (repeatable).
        #[arg(long, value_name = "NAME")]
        doc: Vec<String>,
        /// Write JSON Lines: one object per source, then one per difference.
        #[arg(long)]
        json: bool,
    },
}

/// A score between 0 and 1.
fn score(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(s) if (0.0..=1.0).contains(&s) => Ok(s),
        _ => Err(format!("{text:?} is not a score between 0 and 1")),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;
    use rashomon::compare::SHOWN_CONFIDENCE;

    #[test]
    fn diff_help_gives_the_score_search_hits_show_differences_from() {
        let cli = Cli::command();
        let diff = cli.find_subcommand("diff").unwrap();
        let min_score = diff
            .get_arguments()
            .find(|a| a.get_id() == "min_score")
            .unwrap();
        let help = min_score.get_help().unwrap().to_string();
        assert!(
            help.contains(&format!("from {SHOWN_CONFIDENCE})")),
            "{help}"
        );
    }
}
