//! rashomon: full-text search over review and recap texts, showing where different accounts
//! of the same story disagree.
//!
//! Data flows one way: [`corpus`] finds and segments documents into paragraphs and claims
//! → [`analysis`] is the one analyzer → [`index`] stores units and, per work, the
//! [`compare`] results → [`search`] ranks and highlights → [`output`] prints.
//!
//! ```
//! use rashomon::corpus::UnitKind;
//! use rashomon::index::IndexHandle;
//! use rashomon::index::ingest::{IngestOptions, ingest};
//! use rashomon::search::{SearchOptions, search};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let corpus = dir.path().join("corpus");
//! std::fs::create_dir(&corpus)?;
//! std::fs::write(corpus.join("a.txt"), "Ok-ju found her friend in the bathtub.\n")?;
//! std::fs::write(corpus.join("b.txt"), "Ok-ju found her friend in a pool of blood.\n")?;
//!
//! let index_dir = dir.path().join("index");
//! let opts = IngestOptions { index_dir: index_dir.clone(), paths: vec![corpus], rebuild: false };
//! let summary = ingest(&opts, &mut |_event| {})?;
//! assert_eq!(summary.totals.documents, 2);
//!
//! let handle = IndexHandle::open(&index_dir)?;
//! let hits = search(&handle, &SearchOptions {
//!     query: "bathtub".into(),
//!     unit: UnitKind::Claim,
//!     limit: 10,
//!     docs: vec![],
//! })?;
//! assert_eq!(hits[0].text, "Ok-ju found her friend in the bathtub.");
//! // The other account says something different in the same place.
//! assert!(hits[0].differs[0].their_terms[0].contains("pool of blood"));
//! # Ok(())
//! # }
//! ```

pub mod analysis;
pub mod bench;
pub mod compare;
pub mod corpus;
pub mod error;
pub mod index;
pub mod output;
pub mod search;
pub mod serve;

pub use error::{Error, Result};
