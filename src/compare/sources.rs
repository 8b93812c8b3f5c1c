//! The `diff` and `compare` views: reading the stored comparison and selecting from it.
//!
//! - [`select`] picks and orients differences for `diff` (a pair of documents, a kind).
//! - [`compare_sources`] answers "what does each source say about X": each source's best
//!   passages for a query, the passages the other sources align with them, and the
//!   differences among all those passages.

use foldhash::{HashMap, HashSet};
use serde::Serialize;

use super::{ClaimKey, DiffKind, Difference};
use crate::corpus::UnitKind;
use crate::error::{Error, Result};
use crate::index::IndexHandle;
use crate::index::stored::StoredDifference;
use crate::search::{Hit, SearchOptions, resolve_documents, search_with_highlighter};

/// Which differences `diff` shows.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// Two document names (see [`resolve_documents`]); empty for every pair in every work.
    pub docs: Vec<String>,
    pub kind: Option<DiffKind>,
    /// Only differences scored at least this (0 for all).
    pub min_score: f32,
    pub limit: usize,
}

/// The differences `opts` asks for, best first. With two documents, `left` is always the
/// first one named (or, for `only_in`, the one that has the claim).
/// A work as named to the user: its folder, or the top folder for the empty name.
fn work_name(work: &str) -> String {
    match work {
        "" => "a story no other document tells".to_owned(),
        w => format!("work {w}"),
    }
}

pub fn select(handle: &IndexHandle, opts: &DiffOptions) -> Result<Vec<Difference>> {
    let mut lookup = handle.lookup();
    let mut all = lookup.differences()?;
    let mut first: Option<String> = None;
    if !opts.docs.is_empty() {
        let [a, b] = opts.docs.as_slice() else {
            return Err(Error::Usage(
                "diff takes two documents, or none for every pair".into(),
            ));
        };
        let known = lookup.documents()?;
        let one = |name: &String| -> Result<String> {
            let paths = resolve_documents(&known, std::slice::from_ref(name))?;
            match paths.as_slice() {
                [p] => Ok(p.clone()),
                many => Err(Error::Usage(format!(
                    "{name:?} matches {} documents: {}",
                    many.len(),
                    many.join(", ")
                ))),
            }
        };
        let (pa, pb) = (one(a)?, one(b)?);
        let work_of = |p: &str| {
            known
                .iter()
                .find(|d| d.path == p)
                .map(|d| d.work.clone())
                .unwrap_or_default()
        };
        let (wa, wb) = (work_of(&pa), work_of(&pb));
        if wa != wb || wa.is_empty() {
            return Err(Error::Usage(format!(
                "{pa} and {pb} are not accounts of one work ({}, {}); only accounts of the same work are compared (see `rashomon works`)",
                work_name(&wa),
                work_name(&wb)
            )));
        }
        all.retain(|d| match d.keys() {
            (l, Some(r), _) => (l.0 == pa && r.0 == pb) || (l.0 == pb && r.0 == pa),
            (l, None, _) => l.0 == pa || l.0 == pb,
        });
        first = Some(pa);
    }
    if let Some(kind) = opts.kind {
        all.retain(|d| d.kind() == kind);
    }
    all.retain(|d| d.score() >= opts.min_score);
    let mut ranked: Vec<(f32, (String, u64), StoredDifference)> = all
        .into_iter()
        .map(|d| {
            let (left, _, start) = d.keys();
            (d.score(), (left.0, start), d)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    ranked.truncate(opts.limit);
    let mut out = Vec::with_capacity(ranked.len());
    for (_, _, stored) in ranked {
        let mut d = lookup.difference(stored)?;
        // With two documents named, the first one named is always on the left.
        if first.as_ref().is_some_and(|pa| d.left.path != *pa)
            && let Some(right) = d.right.take()
        {
            let left = std::mem::replace(&mut d.left, right);
            d.right = Some(left);
            std::mem::swap(&mut d.left_terms, &mut d.right_terms);
        }
        out.push(d);
    }
    Ok(out)
}

/// What `compare` asks for.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    pub query: String,
    /// Best passages taken from each source.
    pub per_source: usize,
    pub docs: Vec<String>,
}

/// One source's passages on the query.
#[derive(Debug, Clone, Serialize)]
pub struct SourcePassages {
    pub doc: String,
    pub path: String,
    pub passages: Vec<Hit>,
}

/// Each source's passages on a query, and where they differ.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub sources: Vec<SourcePassages>,
    pub differences: Vec<Difference>,
}

/// Hits considered per query before they are split by source.
const COMPARE_POOL: usize = 200;

/// Compares the sources on the detail a query names.
pub fn compare_sources(handle: &IndexHandle, opts: &CompareOptions) -> Result<Comparison> {
    let search = SearchOptions {
        query: opts.query.clone(),
        unit: UnitKind::Claim,
        limit: COMPARE_POOL,
        docs: opts.docs.clone(),
    };
    let (hits, mut highlighter) = search_with_highlighter(handle, &search)?;
    let mut lookup = handle.lookup();
    let mut sources: Vec<SourcePassages> = Vec::new();
    for hit in hits {
        let i = match sources.iter().position(|s| s.path == hit.path) {
            Some(i) => i,
            None => {
                sources.push(SourcePassages {
                    doc: hit.doc.clone(),
                    path: hit.path.clone(),
                    passages: Vec::new(),
                });
                sources.len() - 1
            }
        };
        if sources[i].passages.len() < opts.per_source {
            sources[i].passages.push(hit);
        }
    }
    // Bring in what the other sources say in the same place.
    let mut keys: HashSet<ClaimKey> = sources
        .iter()
        .flat_map(|s| s.passages.iter().map(hit_key))
        .collect();
    let chosen: Vec<Hit> = sources.iter().flat_map(|s| s.passages.clone()).collect();
    // How well each passage answers the query: its rank, or for a passage brought in as a
    // counterpart, the rank of the hit that brought it.
    let mut rank_of: HashMap<ClaimKey, u64> =
        chosen.iter().map(|h| (hit_key(h), h.rank as u64)).collect();
    for hit in &chosen {
        for d in hit.differs.iter().filter(|d| d.kind != DiffKind::OnlyIn) {
            let key = (d.path.clone(), d.paragraph, d.claim);
            if !keys.insert(key.clone()) {
                continue;
            }
            rank_of.insert(key, hit.rank as u64);
            let passage = highlighter.highlight(Hit {
                rank: 0,
                score: 0.0,
                doc: d.doc.clone(),
                path: d.path.clone(),
                unit: UnitKind::Claim,
                section: d.section.clone(),
                paragraph: d.paragraph,
                claim: Some(d.claim),
                line: d.line,
                column: d.column,
                start: d.start,
                end: d.end,
                text: d.text.clone(),
                highlights: Vec::new(),
                section_highlights: Vec::new(),
                fragments: Vec::new(),
                differs: lookup.counterparts(&d.path, d.paragraph, Some(d.claim))?,
            });
            match sources.iter_mut().find(|s| s.path == d.path) {
                Some(s) => s.passages.push(passage),
                None => sources.push(SourcePassages {
                    doc: d.doc.clone(),
                    path: d.path.clone(),
                    passages: vec![passage],
                }),
            }
        }
    }
    let mut kept: Vec<StoredDifference> = lookup
        .differences()?
        .into_iter()
        .filter(|d| {
            let (left, right, _) = d.keys();
            keys.contains(&left) && right.is_none_or(|r| keys.contains(&r))
        })
        .collect();
    // The differences about the best answers first, then by score.
    let answer = |d: &StoredDifference| {
        let (left, right, _) = d.keys();
        let rank = |k: &ClaimKey| rank_of.get(k).copied().unwrap_or(u64::MAX);
        right
            .as_ref()
            .map_or(rank(&left), |r| rank(&left).min(rank(r)))
    };
    kept.sort_by(|a, b| {
        answer(a)
            .cmp(&answer(b))
            .then(b.score().total_cmp(&a.score()))
    });
    let differences = kept
        .into_iter()
        .map(|d| lookup.difference(d))
        .collect::<Result<Vec<Difference>>>()?;
    Ok(Comparison {
        sources,
        differences,
    })
}

fn hit_key(h: &Hit) -> ClaimKey {
    (h.path.clone(), h.paragraph, h.claim.unwrap_or_default())
}
