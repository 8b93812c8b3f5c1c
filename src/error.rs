//! The library's error type. Each variant says what went wrong in words a user can act on;
//! the binary adds context and maps every error to exit code 2.

use std::path::{Path, PathBuf};

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("no index at {0}; run `rashomon ingest --index {0}` to build it", path.display())]
    NoIndex { path: PathBuf },

    #[error("index at {} is busy: another ingest is writing to it", path.display())]
    Busy { path: PathBuf },

    #[error(
        "the index at {0} holds no commit yet: an ingest is building it, or one was interrupted; run `rashomon ingest --index {0}`",
        path.display()
    )]
    Unbuilt { path: PathBuf },

    #[error(
        "the index at {} was built by another version of rashomon ({found}); rebuild it with `rashomon ingest --rebuild`",
        path.display()
    )]
    Version { path: PathBuf, found: String },

    #[error(
        "the index at {} cannot be read ({source}); rebuild it with `rashomon ingest --rebuild`",
        path.display()
    )]
    Damaged {
        path: PathBuf,
        source: tantivy::TantivyError,
    },

    #[error(
        "the index at {} is damaged ({file}: {what}); rebuild it with `rashomon ingest --rebuild`",
        path.display()
    )]
    Corrupt {
        path: PathBuf,
        file: String,
        what: String,
    },

    #[error("invalid query: {0}")]
    Query(String),

    #[error("no document matches {name:?}; indexed documents: {}", known.join(", "))]
    NoSuchDocument { name: String, known: Vec<String> },

    #[error("invalid option: {0}")]
    Usage(String),

    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
