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
        if pa == pb {
            return Err(Error::Usage(format!(
                "{a:?} and {b:?} are one document, {pa}; diff takes two documents of one work"
            )));
        }
        let work_of = |p: &str| {
            known
                .iter()
                .find(|d| d.path == p)
                .map(|d| d.work.clone())
                .unwrap_or_default()
        };
        let (wa, wb) = (work_of(&pa), work_of(&pb));
        if wa != wb || wa.is_empty() {
            let works = if wa.is_empty() && wb.is_empty() {
                "each tells a story no other document tells".to_owned()
            } else {
                format!("{}, {}", work_name(&wa), work_name(&wb))
            };
            return Err(Error::Usage(format!(
                "{pa} and {pb} are not accounts of one work ({works}); only accounts of the same work are compared (see `rashomon works`)"
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
    /// The work the source is an account of ("" when it tells a story no other does).
    pub work: String,
    /// Whether the source speaks to the query in passages of its own (see
    /// [`ADDRESSED_SHARE`]). When not, its passages are only those aligned with what the
    /// other sources answer (it tells the same place in other words), or there are none:
    /// it does not address the query.
    pub addresses: bool,
    pub passages: Vec<Hit>,
}

/// Each source's passages on a query, and where they differ.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The works the query is about, best first (a document alone counts as its own work,
    /// named by its path).
    pub works: Vec<String>,
    pub sources: Vec<SourcePassages>,
    pub differences: Vec<Difference>,
}

/// Hits considered per query before they are split by source.
const COMPARE_POOL: usize = 200;

/// A work is compared when it matches the query at least this share as well as the work
/// that matches it best. How well a work matches is the mean, over its accounts, of each
/// account's best passage score, so a work that several accounts tell in the query's
/// specific words wins over one where a single passage shares a common word. 0.5 keeps the
/// one story a question names in the judged compare sets (tests/fixtures/compare/) and
/// drops the stories that only share "die" or "king"; the table is in docs/performance.md.
const WORK_SHARE: f32 = 0.75;

/// A source addresses the query when its best passage scores at least this share of the
/// best passage among the compared works; below it, its passages only share a word or two.
/// From the same judged sets: sources that do not tell the detail asked about score under
/// a third of the best.
const ADDRESSED_SHARE: f32 = 0.25;

/// The work a document belongs to, as a key: its work, or its own path when it has none.
fn work_key(work: &str, path: &str) -> String {
    match work {
        "" => path.to_owned(),
        w => w.to_owned(),
    }
}

/// The works `hits` are about, best first: those scoring at least `share` of the best, where a work scores the mean over its accounts of their best hit's score.
/// `work_of` maps every document's path to its [`work_key`].
fn chosen_works(hits: &[Hit], work_of: &HashMap<String, String>, share: f32) -> Vec<String> {
    let mut best: HashMap<&str, f32> = HashMap::default();
    for h in hits {
        let b = best.entry(h.path.as_str()).or_insert(0.0);
        *b = b.max(h.score);
    }
    let mut accounts: HashMap<&str, usize> = HashMap::default();
    for key in work_of.values() {
        *accounts.entry(key.as_str()).or_default() += 1;
    }
    let mut total: HashMap<&str, f32> = HashMap::default();
    for (path, score) in best {
        let key = work_of.get(path).map_or(path, String::as_str);
        *total.entry(key).or_default() += score;
    }
    let mut scored: Vec<(&str, f32)> = total
        .into_iter()
        .map(|(key, sum)| {
            (
                key,
                sum / accounts.get(key).copied().unwrap_or(1).max(1) as f32,
            )
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let top = scored.first().map_or(0.0, |w| w.1);
    scored
        .into_iter()
        .take_while(|w| w.1 > 0.0 && w.1 >= top * share)
        .map(|w| w.0.to_owned())
        .collect()
}

/// Compares the sources on the detail a query names.
pub fn compare_sources(handle: &IndexHandle, opts: &CompareOptions) -> Result<Comparison> {
    let search = SearchOptions {
        query: opts.query.clone(),
        unit: UnitKind::Claim,
        limit: COMPARE_POOL,
        docs: opts.docs.clone(),
    };
    let (mut hits, mut highlighter) = search_with_highlighter(handle, &search)?;
    let mut lookup = handle.lookup();
    let documents = lookup.documents()?;
    let work_of: HashMap<String, String> = documents
        .iter()
        .map(|d| (d.path.clone(), work_key(&d.work, &d.path)))
        .collect();
    // Documents the user named are all compared; otherwise only the works the query is about.
    let named = !opts.docs.is_empty() || !crate::search::query::parse(&opts.query).docs.is_empty();
    let works = chosen_works(&hits, &work_of, if named { 0.0 } else { WORK_SHARE });
    fn key_of<'a>(work_of: &'a HashMap<String, String>, path: &'a str) -> &'a str {
        work_of.get(path).map_or(path, String::as_str)
    }
    hits.retain(|h| works.iter().any(|w| w == key_of(&work_of, &h.path)));
    let top = hits.iter().map(|h| h.score).fold(0.0_f32, f32::max);
    let mut sources: Vec<SourcePassages> = Vec::new();
    // Every account of a compared work has a place, in the order the works were chosen and
    // then by its best passage; whether it addresses the query is settled by its own hits.
    for hit in &hits {
        if !sources.iter().any(|s| s.path == hit.path) {
            sources.push(source(&documents, &hit.path));
        }
    }
    for work in &works {
        for d in documents
            .iter()
            .filter(|d| key_of(&work_of, &d.path) == work)
        {
            if !sources.iter().any(|s| s.path == d.path) {
                sources.push(source(&documents, &d.path));
            }
        }
    }
    sources.sort_by_key(|s| works.iter().position(|w| w == key_of(&work_of, &s.path)));
    for hit in hits {
        if hit.score < top * ADDRESSED_SHARE {
            continue;
        }
        if let Some(s) = sources.iter_mut().find(|s| s.path == hit.path)
            && s.passages.len() < opts.per_source
        {
            s.addresses = true;
            s.passages.push(hit);
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
                None => {
                    let mut s = source(&documents, &d.path);
                    s.passages.push(passage);
                    sources.push(s);
                }
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
    // The differences shown beside hits (scored from the `≠` threshold) first, then the
    // rest; in each, those about the best answers first, then by score. A weak difference
    // about the best answer (`resolution to herself` / `details`) does not lead one a
    // reader agrees with about the next (`body in her bathtub` / `pool of blood`).
    let weak = |d: &StoredDifference| d.score() < super::SHOWN_CONFIDENCE;
    let answer = |d: &StoredDifference| {
        let (left, right, _) = d.keys();
        let rank = |k: &ClaimKey| rank_of.get(k).copied().unwrap_or(u64::MAX);
        right
            .as_ref()
            .map_or(rank(&left), |r| rank(&left).min(rank(r)))
    };
    kept.sort_by(|a, b| {
        (weak(a), answer(a))
            .cmp(&(weak(b), answer(b)))
            .then(b.score().total_cmp(&a.score()))
    });
    let differences = kept
        .into_iter()
        .map(|d| lookup.difference(d))
        .collect::<Result<Vec<Difference>>>()?;
    // Within a source, the passages that answer best first: its own hits by rank, and
    // each counterpart where the hit that brought it ranks.
    for s in &mut sources {
        s.passages
            .sort_by_key(|h| rank_of.get(&hit_key(h)).copied().unwrap_or(u64::MAX));
    }
    Ok(Comparison {
        works,
        sources,
        differences,
    })
}

/// An empty place for the document at `path` among the sources compared.
fn source(documents: &[crate::index::DocInfo], path: &str) -> SourcePassages {
    let doc = documents.iter().find(|d| d.path == path);
    SourcePassages {
        doc: doc.map(|d| d.name.clone()).unwrap_or_default(),
        path: path.to_owned(),
        work: doc.map(|d| d.work.clone()).unwrap_or_default(),
        addresses: false,
        passages: Vec::new(),
    }
}

fn hit_key(h: &Hit) -> ClaimKey {
    (h.path.clone(), h.paragraph, h.claim.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(path: &str, score: f32) -> Hit {
        Hit {
            rank: 0,
            score,
            doc: path.to_owned(),
            path: path.to_owned(),
            unit: UnitKind::Claim,
            section: None,
            paragraph: 0,
            claim: Some(0),
            line: 1,
            column: 1,
            start: 0,
            end: 0,
            text: String::new(),
            highlights: Vec::new(),
            section_highlights: Vec::new(),
            fragments: Vec::new(),
            differs: Vec::new(),
        }
    }

    fn works(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(p, w)| (p.to_string(), work_key(w, p)))
            .collect()
    }

    #[test]
    fn a_work_told_by_all_its_accounts_wins_over_one_strong_passage() {
        let work_of = works(&[
            ("a1", "a"),
            ("a2", "a"),
            ("b1", "b"),
            ("b2", "b"),
            ("c", ""),
        ]);
        // Work a: both accounts match well (mean 8). Work b: one account matches better
        // than any of a's, the other not at all (mean 5). The lone document c is its own
        // work (mean 3).
        let hits = [
            hit("a1", 9.0),
            hit("a2", 7.0),
            hit("b1", 10.0),
            hit("c", 3.0),
        ];
        assert_eq!(chosen_works(&hits, &work_of, WORK_SHARE), ["a"]);
        // At a share of 0.5, b (5 / 8) is kept too; at 0, every work with a hit.
        assert_eq!(chosen_works(&hits, &work_of, 0.5), ["a", "b"]);
        assert_eq!(chosen_works(&hits, &work_of, 0.0), ["a", "b", "c"]);
        // A passage counts once per account: its best one.
        let more = [
            hit("a1", 9.0),
            hit("a1", 8.5),
            hit("b1", 10.0),
            hit("b1", 9.9),
        ];
        assert_eq!(chosen_works(&more, &work_of, WORK_SHARE), ["b", "a"]);
        assert!(chosen_works(&[], &work_of, WORK_SHARE).is_empty());
    }
}
