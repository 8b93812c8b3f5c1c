//! The library's error type. Each variant says what went wrong in words a user can act on;
//! the binary adds context and maps every error to exit code 2.
//!
//! A variant's message includes its cause, so causes are not also chained as `source`
//! (the binary prints the whole chain, which would repeat them): fields are named `cause`.

use std::path::{Path, PathBuf};

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },

    #[error("no index at {0}; run `rashomon ingest --index {0} FOLDER` to build it", path.display())]
    NoIndex { path: PathBuf },

    #[error("index at {} is busy: another ingest is writing to it", path.display())]
    Busy { path: PathBuf },

    #[error(
        "the index at {0} holds no commit yet: an ingest is building it, or one was interrupted; run `rashomon ingest --index {0} FOLDER` again",
        path.display()
    )]
    Unbuilt { path: PathBuf },

    #[error(
        "the index at {0} was built by another version of rashomon ({found}); rebuild it with `rashomon ingest --rebuild --index {0}`",
        path.display()
    )]
    Version { path: PathBuf, found: String },

    #[error(
        "the index at {0} cannot be read ({cause}); rebuild it with `rashomon ingest --rebuild --index {0}`",
        path.display()
    )]
    Damaged {
        path: PathBuf,
        cause: tantivy::TantivyError,
    },

    #[error(
        "the index at {0} is damaged ({file}: {what}); rebuild it with `rashomon ingest --rebuild --index {0}`",
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
    pub fn io(path: &Path, cause: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            cause,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
