//! Turning a parsed query into a tantivy query and a highlight [`Matcher`].
//!
//! Each clause goes through the analyzer:
//! - one token → a term; several → a phrase of the parts, plus the joined form when the
//!   clause is one hyphenated compound (`Min-hee` finds `Min-hee`, `min hee` and `minhee`);
//! - a word of 5+ letters that occurs nowhere in the index is matched within one edit (two
//!   from 9 letters), and such matches weigh less than exact ones ([`FUZZY_WEIGHT`]).
//!
//! Every clause searches the passage text and, with a lower weight, its section heading.
//! Both are indexed on claims only; for paragraphs each clause is lifted from claims to
//! their paragraphs ([`InParagraphs`]).

use std::collections::HashSet;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur as TOccur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use super::highlight::{Matcher, Pattern};
use super::paragraphs::InParagraphs;
use super::query::{Clause, Occur, ParsedQuery};
use crate::analysis::tokens;
use crate::corpus::UnitKind;
use crate::error::{Error, Result};
use crate::index::Fields;

/// Weight of a match in the section heading relative to one in the passage itself.
pub const SECTION_WEIGHT: f32 = 0.3;
/// Weight of a typo-tolerant match at edit distance 1 and 2, relative to an exact match.
pub const FUZZY_WEIGHT: [f32; 3] = [1.0, 0.5, 0.25];
/// Words with at least this many letters are matched within one edit when not found.
pub const FUZZY_MIN_LETTERS: usize = 5;
/// Words with at least this many letters are matched within two edits when not found.
pub const FUZZY_TWO_EDITS_LETTERS: usize = 9;
/// At most this many index terms stand in for one misspelt word.
const FUZZY_MAX_EXPANSIONS: usize = 16;

/// A query ready to run.
pub struct Plan {
    /// Matches the user's clauses; filters are added by the caller.
    pub query: Box<dyn Query>,
    pub matcher: Matcher,
}

/// One way a clause can match: terms at relative positions, with a weight.
struct Alternative {
    terms: Vec<(usize, String)>,
    weight: f32,
}

/// Builds the plan for `parsed`. Fails when no clause leaves anything to search for.
pub fn plan(
    parsed: &ParsedQuery,
    analyzer: &mut TextAnalyzer,
    searcher: &Searcher,
    fields: &Fields,
    unit: UnitKind,
) -> Result<Plan> {
    let (body, section) = (fields.claim_body, fields.claim_section);
    let mut subqueries: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
    let mut patterns = Vec::new();
    let mut positive = false;
    for clause in &parsed.clauses {
        let alternatives = alternatives(clause, analyzer, searcher, (body, section))?;
        if alternatives.is_empty() {
            continue;
        }
        let occur = match clause.occur {
            Occur::Should => TOccur::Should,
            Occur::Must => TOccur::Must,
            Occur::MustNot => TOccur::MustNot,
        };
        positive |= occur != TOccur::MustNot;
        if occur != TOccur::MustNot {
            for alt in &alternatives {
                patterns.push(match alt.terms.as_slice() {
                    [(_, one)] => Pattern::Any(HashSet::from([one.clone()])),
                    many => Pattern::Phrase(many.to_vec()),
                });
            }
        }
        let per_alt: Vec<(TOccur, Box<dyn Query>)> = alternatives
            .iter()
            .flat_map(|alt| {
                [
                    (TOccur::Should, weighted(alt_query(body, alt), alt.weight)),
                    (
                        TOccur::Should,
                        weighted(alt_query(section, alt), alt.weight * SECTION_WEIGHT),
                    ),
                ]
            })
            .collect();
        if unit == UnitKind::Paragraph {
            let claims = Box::new(BooleanQuery::new(per_alt));
            subqueries.push((occur, Box::new(InParagraphs::new(claims))));
        } else if occur == TOccur::Should {
            // Optional words join the top level as they are: scores add up the same, and a
            // flat union of terms lets tantivy skip blocks that cannot reach the top k
            // (block-max WAND), which a union nested in a union does not.
            subqueries.extend(per_alt);
        } else {
            subqueries.push((occur, Box::new(BooleanQuery::new(per_alt))));
        }
    }
    if !positive {
        let why = if parsed.clauses.is_empty() {
            "nothing to search for"
        } else if parsed.clauses.iter().any(|c| c.occur != Occur::MustNot) {
            "no searchable words (only punctuation?)"
        } else {
            "only exclusions; add a word to search for"
        };
        return Err(Error::Query(why.to_owned()));
    }
    Ok(Plan {
        query: Box::new(BooleanQuery::new(subqueries)),
        matcher: Matcher::new(patterns),
    })
}

fn weighted(q: Box<dyn Query>, weight: f32) -> Box<dyn Query> {
    if weight == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, weight))
    }
}

fn alt_query(field: Field, alt: &Alternative) -> Box<dyn Query> {
    let term = |t: &str| Term::from_field_text(field, t);
    match alt.terms.as_slice() {
        [(_, one)] => Box::new(TermQuery::new(term(one), IndexRecordOption::WithFreqs)),
        many => Box::new(PhraseQuery::new_with_offset(
            many.iter().map(|(p, t)| (*p, term(t))).collect(),
        )),
    }
}

/// The ways `clause` can match in the `body` and `section` fields, after analysis.
fn alternatives(
    clause: &Clause,
    analyzer: &mut TextAnalyzer,
    searcher: &Searcher,
    (body, section): (Field, Field),
) -> Result<Vec<Alternative>> {
    let toks = tokens(analyzer, &clause.text);
    let parts: Vec<_> = toks.iter().filter(|t| t.position_length == 1).collect();
    let Some(first) = parts.first() else {
        return Ok(Vec::new());
    };
    let terms: Vec<(usize, String)> = parts
        .iter()
        .map(|t| (t.position - first.position, t.text.clone()))
        .collect();
    let mut out = vec![Alternative { terms, weight: 1.0 }];
    let span = parts.len();
    for joined in toks
        .iter()
        .filter(|t| t.position_length == span && span > 1)
    {
        out.push(Alternative {
            terms: vec![(0, joined.text.clone())],
            weight: 1.0,
        });
    }
    if clause.occur != Occur::MustNot && !clause.phrase && parts.len() == 1 {
        let letters = clause.text.chars().filter(|c| c.is_alphabetic()).count();
        let term = &parts[0].text;
        let known = |f: Field| {
            searcher
                .doc_freq(&Term::from_field_text(f, term))
                .map(|n| n > 0)
        };
        if letters >= FUZZY_MIN_LETTERS && !known(body)? && !known(section)? {
            let max = if letters >= FUZZY_TWO_EDITS_LETTERS {
                2
            } else {
                1
            };
            for (near, distance) in near_terms(searcher, body, term, max)? {
                out.push(Alternative {
                    terms: vec![(0, near)],
                    weight: FUZZY_WEIGHT[distance],
                });
            }
        }
    }
    Ok(out)
}

/// Index terms of `field` within `max` edits of `term` (a transposition is one edit),
/// closest first.
fn near_terms(
    searcher: &Searcher,
    field: Field,
    term: &str,
    max: usize,
) -> Result<Vec<(String, usize)>> {
    let len = term.chars().count();
    let mut found: Vec<(String, usize)> = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if candidate.chars().count().abs_diff(len) > max {
                continue;
            }
            let d = strsim::osa_distance(term, candidate);
            if (1..=max).contains(&d) {
                found.push((candidate.to_owned(), d));
            }
        }
    }
    found.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    found.dedup();
    found.truncate(FUZZY_MAX_EXPANSIONS);
    Ok(found)
}

/// Wraps a filter so it selects without adding to the score.
pub fn filter(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, 0.0))
}
