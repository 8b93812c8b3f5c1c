//! Search: parse the query, rank units by BM25, and return hits with highlight ranges.
//!
//! Search returns plain data ([`Hit`]); the printers in `output` decide how it looks.

pub mod highlight;
pub mod paragraphs;
pub mod plan;
pub mod query;
pub mod statistics;

use serde::{Deserialize, Serialize};
use tantivy::DocAddress;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermSetQuery};

use crate::analysis::{WordAnalyzer, analyzer};
use crate::compare::Differ;
use crate::corpus::{Span, UnitKind};
use crate::error::{Error, Result};
use crate::index::{DocInfo, IndexHandle, Lookup};
use statistics::ClaimStatistics;

/// What to search for.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub query: String,
    pub unit: UnitKind,
    pub limit: usize,
    /// Only documents matching these names (see [`resolve_documents`]).
    pub docs: Vec<String>,
}

/// One ranked passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    /// The document's name within its corpus folder.
    pub doc: String,
    /// The file's path, as shown by `file:line:col`.
    pub path: String,
    pub unit: UnitKind,
    pub section: Option<String>,
    pub paragraph: u64,
    pub claim: Option<u64>,
    pub line: u64,
    pub column: u64,
    /// Byte offsets of the passage in the file.
    pub start: u64,
    pub end: u64,
    pub text: String,
    /// Byte ranges within `text` that the query matched.
    pub highlights: Vec<Span>,
    /// Byte ranges within `section` that the query matched.
    pub section_highlights: Vec<Span>,
    /// Byte ranges within `text` worth showing when space is short (the whole text for
    /// short passages).
    pub fragments: Vec<Span>,
    pub differs: Vec<Differ>,
}

/// Finds where a query matches in any text, through the one analyzer.
pub struct Highlighter {
    matcher: highlight::Matcher,
    words: WordAnalyzer,
    respelled: Vec<(String, Vec<String>)>,
}

impl Highlighter {
    /// The query's words the index does not hold, each with the near spellings (as
    /// indexed: lower case, stemmed) matched in its place.
    pub fn respelled(&self) -> &[(String, Vec<String>)] {
        &self.respelled
    }

    /// Byte ranges of `text` that the query matches.
    pub fn spans(&mut self, text: &str) -> Vec<Span> {
        self.matcher
            .ranges(&mut self.words, text)
            .into_iter()
            .map(Span::from)
            .collect()
    }

    /// Fills a hit's highlights and fragments.
    pub fn highlight(&mut self, hit: Hit) -> Hit {
        let highlights = self.matcher.ranges(&mut self.words, &hit.text);
        let section_highlights = hit
            .section
            .as_deref()
            .map(|s| self.spans(s))
            .unwrap_or_default();
        let fragments = highlight::fragments(&hit.text, &highlights);
        Hit {
            highlights: highlights.into_iter().map(Span::from).collect(),
            section_highlights,
            fragments: fragments.into_iter().map(Span::from).collect(),
            ..hit
        }
    }
}

/// A line telling the user which of the query's words the index does not hold and what
/// was matched instead (`no "Lamborgini" in the index; matched lamborghini`), if any.
pub fn respelled_note(respelled: &[(String, Vec<String>)]) -> Option<String> {
    let parts: Vec<String> = respelled
        .iter()
        .map(|(word, near)| format!("no \"{word}\" in the index; matched {}", near.join(", ")))
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Runs a search.
pub fn search(handle: &IndexHandle, opts: &SearchOptions) -> Result<Vec<Hit>> {
    Ok(search_with_highlighter(handle, opts)?.0)
}

/// [`search`], also returning the query's highlighter for use on other passages.
pub fn search_with_highlighter(
    handle: &IndexHandle,
    opts: &SearchOptions,
) -> Result<(Vec<Hit>, Highlighter)> {
    if opts.limit == 0 {
        return Err(Error::Usage("--limit must be at least 1".into()));
    }
    let parsed = query::parse(&opts.query);
    let searcher = handle.searcher();
    let fields = &handle.fields;
    let mut analyzer = analyzer();
    let statistics = ClaimStatistics::new(&searcher, fields)?;
    let plan = plan::plan(
        &parsed,
        &mut analyzer,
        (&searcher, &statistics),
        fields,
        opts.unit,
    )?;

    let scale = plan.scale;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, plan.query)];
    let mut lookup = handle.lookup();
    let mut include: Vec<String> = opts.docs.clone();
    let mut exclude = Vec::new();
    for f in parsed.docs {
        if f.exclude {
            exclude.push(f.name)
        } else {
            include.push(f.name)
        }
    }
    if !include.is_empty() || !exclude.is_empty() {
        let mut set = |names: &[String]| -> Result<Box<dyn Query>> {
            let paths = resolve_in_index(&mut lookup, names)?;
            Ok(Box::new(TermSetQuery::new(
                paths.iter().map(|p| fields.path_term(p)),
            )))
        };
        if !include.is_empty() {
            clauses.push((Occur::Must, plan::filter(set(&include)?)));
        }
        if !exclude.is_empty() {
            clauses.push((Occur::MustNot, set(&exclude)?));
        }
    }
    // A lone clause runs as it is, so tantivy can skip blocks that cannot make the top k.
    let query: Box<dyn Query> = if clauses.len() == 1 {
        clauses.pop().expect("one clause").1
    } else {
        Box::new(BooleanQuery::new(clauses))
    };
    // No more can be found than the index holds records: a huge `--limit` allocates for
    // what there is, not for what was asked.
    let limit = opts
        .limit
        .min(searcher.num_docs().try_into().unwrap_or(usize::MAX))
        .max(1);
    // With neighbouring words to reward, or several words to hold, a wider window of the
    // best claims is taken and re-scored (a rescoring window, as Elasticsearch's `rescore`).
    let rescore = !plan.together.is_empty() || plan.covered.len() > 1;
    let window = if !rescore {
        limit
    } else {
        (limit * RESCORE_FACTOR)
            .max(RESCORE_MIN)
            .min(searcher.num_docs().try_into().unwrap_or(usize::MAX))
            .max(1)
    };
    let mut top: Vec<(f32, DocAddress)> = searcher
        .search_with_statistics_provider(
            &query,
            &TopDocs::with_limit(window).order_by_score(),
            &statistics,
        )?
        .into_iter()
        .map(|(score, addr)| (score * scale, addr))
        .collect();
    if rescore {
        together_bonus(&searcher, &statistics, &plan.together, &mut top)?;
        coverage(&searcher, &plan.covered, &mut top)?;
        top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        top.truncate(limit);
    }

    let mut hits = Vec::with_capacity(top.len());
    let mut highlighter = Highlighter {
        matcher: plan.matcher,
        words: WordAnalyzer::new(analyzer),
        respelled: plan.respelled,
    };
    for (score, addr) in top {
        let hit = load_hit(&mut lookup, addr, score)?;
        hits.push(highlighter.highlight(hit));
    }
    // Equal scores are common with short claims; order them by place so output is stable.
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| (&a.path, a.start).cmp(&(&b.path, b.start)))
    });
    for (i, h) in hits.iter_mut().enumerate() {
        h.rank = i + 1;
    }
    Ok((hits, highlighter))
}

/// Claims taken per hit asked for when neighbouring words earn a bonus, and at least.
const RESCORE_FACTOR: usize = 4;
const RESCORE_MIN: usize = 40;

/// Adds to each scored passage of `top` [`plan::PROXIMITY_WEIGHT`] times the score of each
/// phrase of `together` it matches.
fn together_bonus(
    searcher: &tantivy::Searcher,
    statistics: &ClaimStatistics,
    together: &[Box<dyn Query>],
    top: &mut [(f32, DocAddress)],
) -> Result<()> {
    let mut bonus = vec![0.0f32; top.len()];
    for phrase in together {
        each_match(
            searcher,
            phrase.as_ref(),
            Some(statistics),
            top,
            |i, score| bonus[i] += plan::PROXIMITY_WEIGHT * score,
        )?;
    }
    for (hit, bonus) in top.iter_mut().zip(bonus) {
        hit.0 += bonus;
    }
    Ok(())
}

/// Multiplies the score of each claim of `top` by the share of the query's words it holds
/// (each weighted by its rarity), to the power [`plan::COVERAGE_POWER`].
fn coverage(
    searcher: &tantivy::Searcher,
    covered: &[(Box<dyn Query>, f32)],
    top: &mut [(f32, DocAddress)],
) -> Result<()> {
    let total: f32 = covered.iter().map(|(_, w)| w).sum();
    if covered.len() < 2 {
        return Ok(());
    }
    let mut held = vec![0.0f32; top.len()];
    for (query, weight) in covered {
        each_match(searcher, query.as_ref(), None, top, |i, _| {
            held[i] += weight
        })?;
    }
    for (hit, held) in top.iter_mut().zip(held) {
        hit.0 *= plan::coverage(held, total);
    }
    Ok(())
}

/// Calls `each` with the place in `top` of every passage there that `query` matches, and
/// its score for it by `scoring`'s statistics (0 without).
fn each_match(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    scoring: Option<&ClaimStatistics>,
    top: &[(f32, DocAddress)],
    mut each: impl FnMut(usize, f32),
) -> Result<()> {
    use tantivy::DocSet;
    use tantivy::query::EnableScoring;
    let enable = match scoring {
        Some(statistics) => EnableScoring::enabled_from_statistics_provider(statistics, searcher),
        None => EnableScoring::disabled_from_searcher(searcher),
    };
    let weight = query.weight(enable)?;
    let mut order: Vec<usize> = (0..top.len()).collect();
    order.sort_by_key(|&i| top[i].1);
    let mut at = 0;
    while at < order.len() {
        let segment = top[order[at]].1.segment_ord;
        let mut scorer = weight.scorer(searcher.segment_reader(segment), 1.0)?;
        while at < order.len() && top[order[at]].1.segment_ord == segment {
            let doc = top[order[at]].1.doc_id;
            if scorer.doc() < doc {
                scorer.seek(doc);
            }
            if scorer.doc() == doc {
                let score = if scoring.is_some() {
                    scorer.score()
                } else {
                    0.0
                };
                each(order[at], score);
            }
            at += 1;
        }
    }
    Ok(())
}

/// Reads where a unit is, its text, its document's name and its differing counterparts.
fn load_hit(lookup: &mut Lookup, addr: DocAddress, score: f32) -> Result<Hit> {
    let u = lookup.unit(addr)?;
    let text = lookup.text(&u.path, u.text.clone())?;
    let doc = lookup
        .document(&u.path)?
        .map(|d| d.name.clone())
        .unwrap_or_default();
    let differs = lookup.counterparts(&u.path, u.paragraph, u.claim)?;
    Ok(Hit {
        rank: 0,
        score,
        doc,
        path: u.path,
        unit: if u.claim.is_some() {
            UnitKind::Claim
        } else {
            UnitKind::Paragraph
        },
        section: u.section,
        paragraph: u.paragraph,
        claim: u.claim,
        line: u.line,
        column: u.column,
        start: u.start,
        end: u.end,
        text,
        highlights: Vec::new(),
        section_highlights: Vec::new(),
        fragments: Vec::new(),
        differs,
    })
}

/// [`resolve_documents`] over the index, reading only the document records whose path
/// holds one of `names`, as every document a name picks out does (its name is the end of
/// its path). A name that matches nothing lists every document, so that error reads them
/// all.
fn resolve_in_index(lookup: &mut Lookup, names: &[String]) -> Result<Vec<String>> {
    let candidates =
        lookup.documents_where(|path| names.iter().any(|n| path.contains(n.as_str())))?;
    match resolve_documents(&candidates, names) {
        Err(Error::NoSuchDocument { .. }) => resolve_documents(&lookup.documents()?, names),
        found => found,
    }
}

/// The paths of the documents that `names` pick out. A name matches a document when it is
/// its path, its name, its file stem, or the start of its name (`003` picks
/// `003_224a62d9c3892ef0.txt`). A name that matches nothing is an error that lists the
/// documents there are.
pub fn resolve_documents(docs: &[DocInfo], names: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for name in names {
        // The empty name starts every name: it would pick every document.
        if name.trim().is_empty() {
            return Err(Error::Usage(
                "a document name is empty; give a name, a path or the start of a name".into(),
            ));
        }
        let matches = |d: &&DocInfo| {
            let stem = d.name.rsplit_once('.').map_or(d.name.as_str(), |(s, _)| s);
            // The name without its folders, so `000` finds `more/000_a.txt` too.
            let file = d.name.rsplit_once('/').map_or(d.name.as_str(), |(_, f)| f);
            d.path == *name
                || d.name == *name
                || stem == name
                || d.name.starts_with(name.as_str())
                || file.starts_with(name.as_str())
        };
        let before = out.len();
        out.extend(docs.iter().filter(matches).map(|d| d.path.clone()));
        if out.len() == before {
            return Err(Error::NoSuchDocument {
                name: name.clone(),
                known: docs.iter().map(|d| d.name.clone()).collect(),
            });
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, name: &str) -> DocInfo {
        DocInfo {
            path: path.into(),
            name: name.into(),
            work: String::new(),
            declared: String::new(),
            hash: String::new(),
            bytes: 0,
            paragraphs: 0,
            claims: 0,
        }
    }

    /// A name matches a document's path, its name with or without extension, or the start
    /// of its name, with or without the folders it sits in.
    #[test]
    fn documents_are_found_by_any_start_of_their_name() {
        let docs = [
            doc("corpus/000_a.txt", "000_a.txt"),
            doc("corpus/more/000_b.txt", "more/000_b.txt"),
            doc("corpus/more/003_c.txt", "more/003_c.txt"),
        ];
        let find = |n: &str| resolve_documents(&docs, &[n.to_owned()]).unwrap();
        assert_eq!(find("000"), ["corpus/000_a.txt", "corpus/more/000_b.txt"]);
        assert_eq!(find("more/003"), ["corpus/more/003_c.txt"]);
        assert_eq!(find("corpus/000_a.txt"), ["corpus/000_a.txt"]);
        assert_eq!(find("more/000_b"), ["corpus/more/000_b.txt"]);
        assert!(resolve_documents(&docs, &["004".to_owned()]).is_err());
    }
}
