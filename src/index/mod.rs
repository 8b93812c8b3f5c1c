//! The on-disk index: opening it for search, and what it records about itself.
//!
//! Writing lives in [`ingest`]; the record layout in [`schema`]. Every commit carries a
//! small JSON payload naming the schema version and analyzer, so an index built by another
//! version of rashomon is refused with a clear message instead of giving wrong answers.

pub mod ingest;
pub mod schema;
pub mod verify;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::directory::error::OpenReadError;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, TantivyError};

use crate::analysis::{ANALYZER_NAME, ANALYZER_VERSION, analyzer};
use crate::compare::{Account, Differ, Difference, Side};
use crate::corpus::UnitKind;
use crate::error::{Error, Result};
pub use schema::Fields;
use schema::{DIFFERENCES_KIND, DOCUMENT_KIND, SCHEMA_VERSION, get_str, get_u64};

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

/// True when `dir` holds an index (a committed `meta.json`).
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Whether opening the index checks its checksums: only when it is small enough for that
/// to be cheap (see [`verify::CHECKSUM_ON_OPEN_BYTES`]).
fn verify_on_open(dir: &Path) -> bool {
    verify::folder_bytes(dir) <= verify::CHECKSUM_ON_OPEN_BYTES
}

/// Registers the analyzer on an index; needed before any indexing or querying.
fn register(index: &Index) {
    index.tokenizers().register(ANALYZER_NAME, analyzer());
}

/// Checks that the index was written by this version of rashomon.
fn check_stamp(dir: &Path, index: &Index) -> Result<()> {
    let payload = index.load_metas().map_err(|e| damaged(dir, e))?.payload;
    match payload.as_deref() {
        Some(p) if serde_json::from_str::<Stamp>(p).ok() == Some(Stamp::current()) => Ok(()),
        other => Err(Error::Version {
            path: dir.to_path_buf(),
            found: Stamp::describe(other),
        }),
    }
}

fn damaged(dir: &Path, e: TantivyError) -> Error {
    Error::Damaged {
        path: dir.to_path_buf(),
        source: e,
    }
}

/// An index opened for reading.
pub struct IndexHandle {
    pub dir: PathBuf,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
}

/// A document as the index records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocInfo {
    pub path: String,
    pub name: String,
    pub work: String,
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

impl IndexHandle {
    /// Opens the index in `dir` for searching.
    pub fn open(dir: &Path) -> Result<IndexHandle> {
        if !exists(dir) {
            return Err(Error::NoIndex {
                path: dir.to_path_buf(),
            });
        }
        let index = Index::open_in_dir(dir).map_err(|e| match e {
            TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(_)) => Error::NoIndex {
                path: dir.to_path_buf(),
            },
            e => damaged(dir, e),
        })?;
        Self::from_index(dir, index)
    }

    pub(crate) fn from_index(dir: &Path, index: Index) -> Result<IndexHandle> {
        Self::from_index_checked(dir, index, verify_on_open(dir))
    }

    /// Opens a reader on `index`, after checking its stamp and, with `checksums`, its files.
    pub(crate) fn from_index_checked(
        dir: &Path,
        index: Index,
        checksums: bool,
    ) -> Result<IndexHandle> {
        check_stamp(dir, &index)?;
        if checksums {
            if let Some(p) = verify::checksums(&index).0.into_iter().next() {
                return Err(Error::Corrupt {
                    path: dir.to_path_buf(),
                    file: p.file,
                    what: p.what,
                });
            }
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
        Ok(IndexHandle {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
        })
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Every indexed document, sorted by path.
    pub fn documents(&self) -> Result<Vec<DocInfo>> {
        read_documents(&self.searcher(), &self.fields)
    }

    /// Document and unit counts, and the bytes of text indexed.
    pub fn totals(&self) -> Result<Totals> {
        let docs = self.documents()?;
        Ok(Totals {
            documents: docs.len() as u64,
            paragraphs: docs.iter().map(|d| d.paragraphs).sum(),
            claims: docs.iter().map(|d| d.claims).sum(),
            bytes: docs.iter().map(|d| d.bytes).sum(),
        })
    }

    /// The decoded text of the document at `path` (empty if there is none).
    pub fn document_source(&self, path: &str) -> Result<String> {
        document_source(&self.searcher(), &self.fields, path)
    }

    /// Every work's differences, best first within each work.
    pub fn differences(&self) -> Result<Vec<Difference>> {
        let searcher = self.searcher();
        let query = TermQuery::new(
            self.fields.kind_term(DIFFERENCES_KIND),
            IndexRecordOption::Basic,
        );
        let mut out = Vec::new();
        for addr in searcher.search(&query, &DocSetCollector)? {
            let d: TantivyDocument = searcher.doc(addr)?;
            out.extend(parse_data::<Vec<Difference>>(&self.dir, &d, &self.fields)?);
        }
        Ok(out)
    }

    /// The differing counterparts of a claim, or of every claim of a paragraph when `claim`
    /// is `None`, best first.
    pub fn counterparts(
        &self,
        path: &str,
        paragraph: u64,
        claim: Option<u64>,
    ) -> Result<Vec<Differ>> {
        let f = &self.fields;
        let term = match claim {
            Some(c) => f.align_key_term(path, paragraph, c),
            None => f.align_paragraph_term(path, paragraph),
        };
        let searcher = self.searcher();
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let mut out: Vec<Differ> = Vec::new();
        for addr in searcher.search(&query, &DocSetCollector)? {
            let d: TantivyDocument = searcher.doc(addr)?;
            for differ in parse_data::<Vec<Differ>>(&self.dir, &d, f)? {
                if !out
                    .iter()
                    .any(|o| (&o.path, o.start) == (&differ.path, differ.start))
                {
                    out.push(differ);
                }
            }
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        Ok(out)
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

/// Reads every document record, sorted by path.
fn read_documents(searcher: &Searcher, f: &Fields) -> Result<Vec<DocInfo>> {
    let query = TermQuery::new(f.kind_term(DOCUMENT_KIND), IndexRecordOption::Basic);
    let mut out = Vec::new();
    for addr in searcher.search(&query, &DocSetCollector)? {
        let d: TantivyDocument = searcher.doc(addr)?;
        let s = |field| get_str(&d, field).unwrap_or_default().to_owned();
        let n = |field| get_u64(&d, field).unwrap_or_default();
        out.push(DocInfo {
            path: s(f.path),
            name: s(f.name),
            work: s(f.work),
            hash: s(f.hash),
            bytes: n(f.bytes),
            paragraphs: n(f.paragraphs),
            claims: n(f.claims),
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Parses the JSON `data` of a comparison record; a record that does not parse means the
/// index is damaged.
fn parse_data<T: serde::de::DeserializeOwned>(
    dir: &Path,
    d: &TantivyDocument,
    f: &Fields,
) -> Result<T> {
    let data = get_str(d, f.data).unwrap_or_default();
    serde_json::from_str(data).map_err(|e| {
        damaged(
            dir,
            TantivyError::InternalError(format!("comparison record does not parse: {e}")),
        )
    })
}

/// The decoded text of the document at `path` (empty if there is none).
pub(crate) fn document_source(searcher: &Searcher, f: &Fields, path: &str) -> Result<String> {
    use tantivy::collector::TopDocs;
    let query = f.records_of(path, DOCUMENT_KIND);
    let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    let Some((_, addr)) = top.first() else {
        return Ok(String::new());
    };
    let d: TantivyDocument = searcher.doc(*addr)?;
    Ok(get_str(&d, f.source).unwrap_or_default().to_owned())
}

/// The claims of an indexed document, as comparison takes them.
pub(crate) fn load_account(searcher: &Searcher, f: &Fields, doc: &DocInfo) -> Result<Account> {
    let source = document_source(searcher, f, &doc.path)?;
    let query = f.records_of(&doc.path, UnitKind::Claim.as_str());
    let mut claims = Vec::new();
    for addr in searcher.search(&query, &DocSetCollector)? {
        let u = f.read_unit(&searcher.doc(addr)?);
        claims.push(Side {
            doc: u.name,
            path: u.path,
            section: u.section,
            paragraph: u.paragraph,
            claim: u.claim.unwrap_or_default(),
            line: u.line,
            column: u.column,
            start: u.start,
            end: u.end,
            text: source.get(u.text).unwrap_or_default().to_owned(),
            highlights: Vec::new(),
        });
    }
    claims.sort_by_key(|c| (c.paragraph, c.claim));
    Ok(Account {
        path: doc.path.clone(),
        name: doc.name.clone(),
        claims,
    })
}
