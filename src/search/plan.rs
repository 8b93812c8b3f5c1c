//! Turning a parsed query into a tantivy query and a highlight [`Matcher`].
//!
//! Each clause goes through the analyzer:
//! - one token → a term; several → a phrase of the parts, plus the joined form when the
//!   clause is one hyphenated compound (`Min-hee` finds `Min-hee`, `min hee` and `minhee`);
//! - a word of 5+ letters that occurs nowhere in the index is matched within one edit (two
//!   from 9 letters), and such matches weigh less than exact ones ([`FUZZY_WEIGHT`]);
//! - in a question (see [`ParsedQuery::is_question`]), a word also matches the everyday
//!   words nearest to it in meaning that the index holds (`guns`: `firearms`, `pistol`;
//!   [`Related`]), each weighing [`RELATED_WEIGHT`] times their similarity, so that the
//!   question finds a passage answering it in other words, below passages holding its own.
//!   A word in quotes, or excluded, is taken as written; so are the words of a query that
//!   is no question (`kill choi`), which name what the user remembers.
//!
//! A clause is one word however many ways it can match: a passage scores the best of its
//! alternatives (a hyphenated name's parts and joined form are the same occurrence, and
//! would otherwise count it two or three times), in the text plus in the heading. A word
//! the query repeats is one clause (`choi choi` searches `choi`).
//!
//! Every clause searches the passage text and, with a lower weight, its section heading.
//!
//! Neighbouring words of the query found together in a claim earn it a bonus
//! ([`Plan::together`], [`PROXIMITY_WEIGHT`]). The bonus is added to the best claims found
//! without it (see `search`), not searched for: a phrase in the query itself would stop
//! tantivy skipping the blocks that cannot reach the top k, and cost a multi-word query
//! half again its time. For paragraphs, each pair of neighbouring words is a clause of
//! the paragraph query of its own ([`ParagraphClause`] of an [`ClaimAlternative::Near`]),
//! whose best score is known, so that its top k stays exact and is still pruned.
//! Both are indexed on claims only; for paragraphs each clause is lifted from claims to
//! their paragraphs ([`ParagraphQuery`]).

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur as TOccur, PhraseQuery,
    Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use super::highlight::{Matcher, Pattern};
use super::paragraphs::{Alternative as ClaimAlternative, ParagraphClause, ParagraphQuery};
use super::query::{Clause, Occur, ParsedQuery};
use super::statistics::ClaimStatistics;
use crate::analysis::tokens;
use crate::compare::senses::Related;
use crate::corpus::UnitKind;
use crate::error::{Error, Result};
use crate::index::Fields;

/// Weight of a match in the section heading relative to one in the passage itself.
pub const SECTION_WEIGHT: f32 = 0.3;
/// Weight of a typo-tolerant match at edit distance 1 and 2, relative to an exact match.
pub const FUZZY_WEIGHT: [f32; 3] = [1.0, 0.5, 0.25];
/// Weight of a function word (`how`, `did`, `the`: the analyzer's stop words) searched
/// for on its own rather than in a phrase, relative to other words: a question's words
/// then count for little beside the word that matters (`how did Judas die`).
pub const FUNCTION_WORD_WEIGHT: f32 = 0.2;
/// Weight of two words of the query found together in a claim, in the query's order
/// (at most [`PROXIMITY_SLOP`] other words between them beyond the function words the
/// query puts between them), as a share of a word's: `pool blood` finds "pool of blood"
/// first.
pub const PROXIMITY_WEIGHT: f32 = 0.5;
/// How much a passage's score follows the share of the query it holds: its score is
/// multiplied by that share to this power. The share weighs each word by its rarity (its
/// BM25 idf, times its weight above), so for `Watson cents` a sentence holding both
/// outranks the line "Rosie Watson." (tests/cli.rs), and a question missing `how` or `did`
/// loses almost nothing. BM25 alone lets a very short claim with one rare word beat a
/// longer one with all of them (a third of the misses of the nlp-corpus known-item check
/// in tests/queries.rs). 1 is Lucene's classic coordination factor, weighted by rarity;
/// 0.5 and 2 measured about the same (docs/performance.md).
pub const COVERAGE_POWER: f32 = 1.0;

/// What a passage's score is multiplied by when it holds words of rarity `held` out of the
/// query's `total` ([`COVERAGE_POWER`]); 1 when the query has no rarity to share.
pub fn coverage(held: f32, total: f32) -> f32 {
    if total > 0.0 {
        (held / total).clamp(0.0, 1.0).powf(COVERAGE_POWER)
    } else {
        1.0
    }
}

/// Weight of a word the text writes as one for two of the query's (`wire tapped`,
/// "wiretapped") for each of the two: together, one word's.
pub const JOINED_WEIGHT: f32 = 0.5;
/// Weight of a word near in meaning to a word of the query (`firearms` for `guns`,
/// [`Related`]), relative to the word itself, times their cosine (0.55-0.9): a passage
/// that answers in other words ranks below one holding the query's own. Chosen among
/// 0.6-1.2 on the judged sets (tests/queries.rs): 0.8-1.0 gave the same figures, with
/// questions asked in other words at a mean MRR of 0.408 where they were at 0.368
/// without; of the other queries only the recaps' questions as paragraphs moved (MRR
/// 0.75 to 0.81; docs/performance.md).
pub const RELATED_WEIGHT: f32 = 0.8;
/// At most this many words near in meaning stand in for one word of the query: the
/// nearest the index holds.
const RELATED_MAX: usize = 4;
/// Words a query's neighbouring words may stand apart by, beyond the query's own gap.
const PROXIMITY_SLOP: u32 = 1;
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
    /// What the scores of `query` are to be multiplied by (see [`Part`]).
    pub scale: f32,
    pub matcher: Matcher,
    /// Neighbouring words of the query as phrases over the claim text: a claim that
    /// matches one earns its score times [`PROXIMITY_WEIGHT`]. Empty for paragraphs, whose
    /// query holds them as clauses.
    pub together: Vec<Box<dyn Query>>,
    /// Each word of the query a claim may hold, with its weight in the share of the query
    /// a claim holds ([`COVERAGE_POWER`]). Empty for paragraphs: [`ParagraphQuery`] works
    /// the share out as it scores.
    pub covered: Vec<(Box<dyn Query>, f32)>,
    /// Each word of the query the index does not hold, with the near spellings (index
    /// terms) searched in its place, so that the user can be told.
    pub respelled: Vec<(String, Vec<String>)>,
}

/// A clause of the top-level query: a query and the weight it counts with.
///
/// The weight is kept apart until the query is assembled because tantivy skips blocks
/// that cannot reach the top k (block-max WAND) for a term query on its own and for a union
/// of several terms, but not for a boosted term or a union of one. So a query that comes
/// down to one weighted term runs bare, and its weight scales the scores afterwards: the
/// same scores, and the same ranks.
struct Part {
    occur: TOccur,
    query: Box<dyn Query>,
    weight: f32,
}

/// One way a clause can match: terms at relative positions, with a weight.
struct Alternative {
    terms: Vec<(usize, String)>,
    weight: f32,
    /// A near spelling of a word the index does not hold.
    near: bool,
}

/// Builds the plan for `parsed`. Fails when no clause leaves anything to search for.
pub fn plan(
    parsed: &ParsedQuery,
    analyzer: &mut TextAnalyzer,
    (searcher, statistics): (&Searcher, &ClaimStatistics),
    fields: &Fields,
    unit: UnitKind,
) -> Result<Plan> {
    let (body, section) = (fields.claim_body, fields.claim_section);
    let claims = statistics.claims();
    let mut parts: Vec<Part> = Vec::new();
    let mut paragraph_clauses: Vec<ParagraphClause> = Vec::new();
    let mut patterns = Vec::new();
    let mut positive = false;
    let mut covered: Vec<(Box<dyn Query>, f32)> = Vec::new();
    let mut respelled: Vec<(String, Vec<String>)> = Vec::new();
    // Per clause in query order, its one word when it can stand next to its neighbours,
    // with whether it is a function word.
    let mut words: Vec<Option<(String, bool)>> = Vec::new();
    let mut all = Vec::with_capacity(parsed.clauses.len());
    let question = parsed.is_question();
    // A word the query repeats counts once (`choi choi`, `Choi choi` are `choi`), and its
    // neighbours are those of its first place.
    let mut clauses: Vec<Clause> = Vec::with_capacity(parsed.clauses.len());
    for clause in &parsed.clauses {
        let same = |c: &Clause| {
            (c.occur, c.phrase) == (clause.occur, clause.phrase)
                && c.text.to_lowercase() == clause.text.to_lowercase()
        };
        if !clauses.iter().any(same) {
            clauses.push(clause.clone());
        }
    }
    for clause in &clauses {
        let alternatives = alternatives(clause, question, analyzer, searcher, (body, section))?;
        words.push(match alternatives.first().map(|a| a.terms.as_slice()) {
            Some([(_, one)]) if clause.occur != Occur::MustNot && !clause.phrase => {
                let written = clause.text.trim_matches(|c: char| !c.is_alphanumeric());
                Some((one.clone(), crate::analysis::is_function_word(one, written)))
            }
            _ => None,
        });
        all.push(alternatives);
    }
    joined_neighbours(&clauses, &words, &mut all, analyzer, searcher, body)?;
    for (clause, alternatives) in clauses.iter().zip(all) {
        let near: Vec<String> = alternatives
            .iter()
            .filter(|a| a.near)
            .flat_map(|a| a.terms.iter().map(|(_, t)| t.clone()))
            .collect();
        if !near.is_empty() {
            respelled.push((clause.text.clone(), near));
        }
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
                    [(_, one)] => Pattern::Any([one.clone()].into_iter().collect()),
                    many => Pattern::Phrase(many.to_vec()),
                });
            }
        }
        let mut per_alt: Vec<Part> = Vec::new();
        let mut claim_alts: Vec<ClaimAlternative> = Vec::new();
        let mut holds: Vec<Box<dyn Query>> = Vec::new();
        let mut rarity: f32 = 0.0;
        for (group, (field, field_weight)) in [(body, 1.0), (section, SECTION_WEIGHT)]
            .into_iter()
            .enumerate()
        {
            // A word no heading has cannot match there; leaving it out spares every
            // matching claim a union.
            let mut present = Vec::new();
            for alt in &alternatives {
                let n = rarest(searcher, field, alt)?;
                if n == 0 {
                    continue;
                }
                present.push(alt);
                if occur != TOccur::MustNot {
                    if unit == UnitKind::Claim {
                        holds.push(alt_query(field, alt));
                    }
                    let idf = idf(n, claims);
                    rarity = rarity.max(alt.weight * field_weight * idf);
                }
            }
            if unit == UnitKind::Paragraph {
                for alt in present {
                    let weight = alt.weight * field_weight;
                    claim_alts.push(match alt.terms.as_slice() {
                        [(_, one)] => {
                            ClaimAlternative::Term(Term::from_field_text(field, one), weight, group)
                        }
                        _ => {
                            ClaimAlternative::Query(weighted(alt_query(field, alt), weight), group)
                        }
                    });
                }
            } else if let [alt] = present.as_slice() {
                per_alt.push(Part {
                    occur: TOccur::Should,
                    query: alt_query(field, alt),
                    weight: alt.weight * field_weight,
                });
            } else if !present.is_empty() {
                let best = present
                    .iter()
                    .map(|alt| weighted(alt_query(field, alt), alt.weight))
                    .collect();
                per_alt.push(Part {
                    occur: TOccur::Should,
                    query: Box::new(DisjunctionMaxQuery::new(best)),
                    weight: field_weight,
                });
            }
        }
        if !holds.is_empty() {
            let any = holds.into_iter().map(|q| (TOccur::Should, q)).collect();
            covered.push((Box::new(BooleanQuery::new(any)), rarity));
        }
        if unit == UnitKind::Paragraph {
            paragraph_clauses.push(ParagraphClause {
                occur,
                alternatives: claim_alts,
                rarity,
            });
        } else if occur == TOccur::Should || per_alt.len() == 1 {
            // Optional words join the top level as they are: scores add up the same, and a
            // flat union of terms lets tantivy skip blocks that cannot reach the top k
            // (block-max WAND), which a union nested in a union does not.
            parts.extend(per_alt.into_iter().map(|p| Part { occur, ..p }));
        } else {
            parts.push(Part {
                occur,
                query: union(per_alt),
                weight: 1.0,
            });
        }
    }
    if !positive {
        let long_word = |c: &Clause| {
            c.text
                .split_whitespace()
                .any(|w| w.len() > crate::analysis::MAX_TOKEN_BYTES)
        };
        let why = if parsed.clauses.is_empty() {
            "nothing to search for".to_owned()
        } else if parsed
            .clauses
            .iter()
            .any(|c| c.occur != Occur::MustNot && long_word(c))
        {
            format!(
                "no searchable words: words longer than {} bytes are not indexed",
                crate::analysis::MAX_TOKEN_BYTES
            )
        } else if parsed.clauses.iter().any(|c| c.occur != Occur::MustNot) {
            "no searchable words (only punctuation?)".to_owned()
        } else {
            "only exclusions; add a word to search for".to_owned()
        };
        return Err(Error::Query(why));
    }
    if unit == UnitKind::Paragraph {
        // Neighbouring words standing together in one of a paragraph's claims earn it what
        // they earn the claim, as clauses of their own that hold no share of the query.
        for (first, second, gap) in neighbours(&words) {
            let near = vec![
                (0, Term::from_field_text(body, &first)),
                (gap, Term::from_field_text(body, &second)),
            ];
            paragraph_clauses.push(ParagraphClause {
                occur: TOccur::Should,
                alternatives: vec![ClaimAlternative::Near(
                    near,
                    PROXIMITY_SLOP,
                    PROXIMITY_WEIGHT,
                    0,
                )],
                rarity: 0.0,
            });
        }
        return Ok(Plan {
            query: Box::new(ParagraphQuery::new(
                fields.kind_term(UnitKind::Paragraph.as_str()),
                paragraph_clauses,
            )),
            scale: 1.0,
            matcher: Matcher::new(patterns),
            together: Vec::new(),
            covered: Vec::new(),
            respelled,
        });
    }
    let together = neighbours(&words)
        .into_iter()
        .map(|(first, second, gap)| {
            Box::new(PhraseQuery::new_with_offset_and_slop(
                vec![
                    (0, Term::from_field_text(body, &first)),
                    (gap, Term::from_field_text(body, &second)),
                ],
                PROXIMITY_SLOP,
            )) as Box<dyn Query>
        })
        .collect();
    // An exclusion left alone (its query's other words occur nowhere) must still exclude.
    let (query, scale) = match parts.pop() {
        Some(lone) if parts.is_empty() && lone.occur != TOccur::MustNot => {
            (lone.query, lone.weight)
        }
        last => {
            parts.extend(last);
            (union(parts), 1.0)
        }
    };
    Ok(Plan {
        query,
        scale,
        matcher: Matcher::new(patterns),
        together,
        covered,
        respelled,
    })
}

/// The pairs of the query's neighbouring content words, with how far apart the query puts
/// them: (first, second, gap). Function words between two content words are skipped (the
/// gap counts them); a clause that is no single word (a phrase, an exclusion) breaks the
/// chain.
fn neighbours(words: &[Option<(String, bool)>]) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let mut last: Option<(usize, &str)> = None;
    for (i, w) in words.iter().enumerate() {
        match w {
            None => last = None,
            Some((_, true)) => {}
            Some((term, false)) => {
                if let Some((at, prev)) = last {
                    out.push((prev.to_owned(), term.clone(), i - at));
                }
                last = Some((i, term));
            }
        }
    }
    out
}

/// The parts as one boolean query (an empty one matches nothing).
fn union(parts: Vec<Part>) -> Box<dyn Query> {
    let clauses = parts
        .into_iter()
        .map(|p| (p.occur, weighted(p.query, p.weight)))
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

fn weighted(q: Box<dyn Query>, weight: f32) -> Box<dyn Query> {
    if weight == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, weight))
    }
}

/// BM25's idf of a term held by `n` of `records` records (tantivy's formula; its own
/// function is private to it).
fn idf(n: u64, records: u64) -> f32 {
    let (n, records) = (n as f32, records.max(n) as f32);
    (1.0 + (records - n + 0.5) / (n + 0.5)).ln()
}

/// How many records of `field` hold the rarest term of `alt`: 0 when a term of it occurs
/// nowhere, so that `alt` cannot match there.
fn rarest(searcher: &Searcher, field: Field, alt: &Alternative) -> Result<u64> {
    let mut fewest = u64::MAX;
    for (_, t) in &alt.terms {
        fewest = fewest.min(searcher.doc_freq(&Term::from_field_text(field, t))?);
        if fewest == 0 {
            break;
        }
    }
    Ok(fewest)
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
    question: bool,
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
    let span = parts.len();
    let compound = span > 1 && toks.iter().any(|t| t.position_length == span);
    // A phrase scores the sum of its words' weights; a hyphenated name's parts are one
    // word, so its phrase counts as their mean (`Ok-ju` weighs as much as `bodyguard` would
    // at the same rarity, not twice as much).
    let function_word = !clause.phrase
        && span == 1
        && crate::analysis::is_function_word(
            &parts[0].text,
            &clause.text[parts[0].offset_from..parts[0].offset_to],
        );
    let weight = if compound {
        1.0 / span as f32
    } else if function_word {
        FUNCTION_WORD_WEIGHT
    } else {
        1.0
    };
    let mut out = vec![Alternative {
        terms,
        weight,
        near: false,
    }];
    for joined in toks
        .iter()
        .filter(|t| t.position_length == span && span > 1)
    {
        out.push(Alternative {
            terms: vec![(0, joined.text.clone())],
            weight: 1.0,
            near: false,
        });
    }
    // A misspelt word, or a hyphenated name misspelt in a part (`Myung-sik`), through its
    // joined form.
    let single = (span == 1).then(|| parts[0].text.clone());
    let joined = toks
        .iter()
        .find(|t| compound && t.position_length == span)
        .map(|t| t.text.clone());
    if let Some(term) = single
        .or(joined)
        .filter(|_| clause.occur != Occur::MustNot && !clause.phrase)
    {
        let letters = clause.text.chars().filter(|c| c.is_alphabetic()).count();
        let term = &term;
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
                    near: true,
                });
            }
        }
    }
    // A question may be answered in other words (`guns`: "firearms").
    if question && span == 1 && !function_word && clause.occur != Occur::MustNot && !clause.phrase {
        let mut found = 0;
        for &(term, cos) in Related::get().of(&parts[0].text) {
            if found == RELATED_MAX {
                break;
            }
            if searcher.doc_freq(&Term::from_field_text(body, term))? > 0 {
                found += 1;
                out.push(Alternative {
                    terms: vec![(0, term.to_owned())],
                    weight: RELATED_WEIGHT * cos,
                    near: false,
                });
            }
        }
    }
    Ok(out)
}

/// Two neighbouring words of the query that the text writes as one (`wire tapped`,
/// "wiretapped"): when the joined word is in the index, each of the two words may also
/// match it, at half weight, so the joined word counts as one word holding both. Their
/// near spellings are then dropped: the word was found.
fn joined_neighbours(
    clauses: &[Clause],
    words: &[Option<(String, bool)>],
    all: &mut [Vec<Alternative>],
    analyzer: &mut TextAnalyzer,
    searcher: &Searcher,
    body: Field,
) -> Result<()> {
    // A clause that is one word, not a function word (see `words` in `plan`).
    let content = |i: usize| matches!(words[i], Some((_, false)));
    for i in 1..clauses.len() {
        let (a, b) = (&clauses[i - 1], &clauses[i]);
        if !content(i - 1) || !content(i) {
            continue;
        }
        let toks = tokens(analyzer, &format!("{}{}", a.text, b.text));
        let [joined] = toks.as_slice() else { continue };
        if searcher.doc_freq(&Term::from_field_text(body, &joined.text))? == 0 {
            continue;
        }
        for k in [i - 1, i] {
            // Found as written, if joined: near spellings would only add noise.
            all[k].retain(|alt| !alt.near);
            all[k].push(Alternative {
                terms: vec![(0, joined.text.clone())],
                weight: JOINED_WEIGHT,
                near: false,
            });
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_is_the_share_of_rarity_held() {
        assert_eq!(coverage(3.0, 3.0), 1.0);
        assert_eq!(coverage(0.0, 0.0), 1.0);
        // Missing a common word costs little, missing a rare one a lot.
        let (rare, common) = (5.0, 0.5);
        assert!(coverage(rare, rare + common) > 0.9);
        assert!(coverage(common, rare + common) < 0.1);
        // Never more than all of it (rounding in a sum taken in another order).
        assert_eq!(coverage(3.0001, 3.0), 1.0);
    }

    #[test]
    fn neighbours_skip_function_words_and_break_at_phrases() {
        let w = |t: &str, stop: bool| Some((t.to_owned(), stop));
        let words = [
            w("pool", false),
            w("of", true),
            w("blood", false),
            None,
            w("bath", false),
        ];
        assert_eq!(neighbours(&words), vec![("pool".into(), "blood".into(), 2)]);
    }
}
