//! Paragraph search on the claims' postings: a paragraph matches a clause when one of its
//! claims does. Paragraphs index no words of their own, so the index holds each word's
//! postings once, not once for claims and again for paragraphs.
//!
//! This relies on the order in which ingest writes a document's records
//! ([`Fields::document_records`](crate::index::schema::Fields::document_records)): a
//! paragraph's claims come right before it, in one segment, with nothing in between. So
//! the paragraph of a claim is the first paragraph record after it, and the claims of a
//! paragraph are the claims between it and the paragraph before it. Paragraph records are
//! found through the postings of their `kind` term ([`Paragraphs`]).
//!
//! Each clause is lifted to paragraphs on its own, so `+kill +choi` finds a paragraph
//! whose first sentence says `kill` and whose second says `Choi`, and `-bathtub` rules out
//! a paragraph if any of its sentences says `bathtub`. A phrase must still sit within one
//! sentence.
//!
//! A paragraph scores, per clause, as its best claim, raised for each further claim that
//! matches the way BM25 raises a repeated word ([`paragraph_score`]); the clauses' scores
//! add up, times the share of the query the paragraph holds
//! ([`COVERAGE_POWER`](super::plan::COVERAGE_POWER)). That share is at most 1, so the
//! ceilings below stay ceilings.
//!
//! ## Skipping what cannot make the top k
//!
//! A common word matches most claims, and scoring them all is most of the cost of a
//! search. When tantivy collects the top k it passes the score to beat, and
//! [`ParagraphScorer::next_above`] uses it the way Lucene's MaxScore does:
//! - each clause has a ceiling: `(K1 + 1)` times its best possible claim score;
//! - optional clauses whose ceilings together cannot beat the threshold only add to the
//!   score of paragraphs the other clauses find (they are never walked on their own);
//! - before a paragraph's claims are scored, its ceiling is worked out from the term's
//!   block maximum (what tantivy's block-max WAND uses) and the number of its claims from
//!   the first that matches, and the paragraph is passed over when that cannot beat the
//!   threshold.
//!
//! The pruned and the plain walks give the same top k (tested in `tests/paragraphs.rs`).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{
    Bm25Weight, BoostQuery, EnableScoring, Explanation, Occur, PhraseQuery, Query, Scorer, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

/// BM25's term-frequency saturation, applied to the number of matching claims.
const K1: Score = 1.2;

/// Ceilings are raised by this fraction before they are compared with a threshold, so
/// that rounding in a sum taken in another order never passes over a paragraph that
/// would make it.
const SLACK: Score = 1e-4;

/// The score of a paragraph whose best claim scores `best` and in which `claims` claims
/// match: `best` for one claim, approaching `(K1 + 1) * best` as more match.
pub fn paragraph_score(best: Score, claims: u32) -> Score {
    let n = claims as Score;
    best * (K1 + 1.0) * n / (K1 + n)
}

/// One clause of a paragraph query: the ways a claim can match it.
#[derive(Clone, Debug)]
pub struct ParagraphClause {
    pub occur: Occur,
    /// A claim's score for the clause is the sum, over groups (the text, the heading), of
    /// the best alternative of the group it matches.
    pub alternatives: Vec<Alternative>,
    /// The clause's weight in the share of the query a paragraph holds.
    pub rarity: Score,
}

/// One way a claim can match a clause, and its group (alternatives of one group are one
/// word matched in different ways: a claim counts the best of them).
#[derive(Debug)]
pub enum Alternative {
    /// A word in a claim field, with the weight its score is multiplied by.
    Term(Term, Score, usize),
    /// Any other query on claim records (a phrase, say), with its weight applied.
    Query(Box<dyn Query>, usize),
    /// Words near each other in a claim (at their offsets, within `slop` more words), with
    /// the weight its score is multiplied by. Unlike a phrase as [`Alternative::Query`], its
    /// best score is known, so a clause of it can be passed over when it cannot lift a
    /// paragraph into the top k.
    Near(Vec<(usize, Term)>, u32, Score, usize),
}

impl Clone for Alternative {
    fn clone(&self) -> Self {
        match self {
            Alternative::Term(t, w, g) => Alternative::Term(t.clone(), *w, *g),
            Alternative::Query(q, g) => Alternative::Query(q.box_clone(), *g),
            Alternative::Near(t, slop, w, g) => Alternative::Near(t.clone(), *slop, *w, *g),
        }
    }
}

/// Matches the paragraphs whose claims satisfy the clauses: every `Must` clause, no
/// `MustNot` clause and, without `Must` clauses, at least one `Should` clause.
#[derive(Clone, Debug)]
pub struct ParagraphQuery {
    /// The term every paragraph record has (its kind).
    paragraphs: Term,
    clauses: Vec<ParagraphClause>,
}

impl ParagraphQuery {
    pub fn new(paragraphs: Term, clauses: Vec<ParagraphClause>) -> ParagraphQuery {
        ParagraphQuery {
            paragraphs,
            clauses,
        }
    }
}

impl Query for ParagraphQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let mut clauses = Vec::with_capacity(self.clauses.len());
        for c in &self.clauses {
            let mut weights = Vec::with_capacity(c.alternatives.len());
            for alt in &c.alternatives {
                weights.push(match alt {
                    Alternative::Term(term, weight, group) => {
                        let bm25 = match scoring {
                            EnableScoring::Enabled {
                                statistics_provider,
                                ..
                            } => Bm25Weight::for_terms(
                                statistics_provider,
                                std::slice::from_ref(term),
                            )?
                            .boost_by(*weight),
                            // Scores are not asked for; any weight will do.
                            EnableScoring::Disabled { .. } => {
                                Bm25Weight::for_one_term_without_explain(1, 2, 1.0)
                            }
                        };
                        (AltWeight::Term(term.clone(), bm25), *group)
                    }
                    Alternative::Query(q, group) => (
                        AltWeight::Query(q.weight(scoring)?, Score::INFINITY),
                        *group,
                    ),
                    Alternative::Near(terms, slop, weight, group) => {
                        let phrase = PhraseQuery::new_with_offset_and_slop(terms.clone(), *slop);
                        let query = BoostQuery::new(Box::new(phrase), *weight);
                        // tantivy scores a phrase by BM25 over its terms together, with the
                        // phrase's count as the frequency: at most this.
                        let ceiling = match scoring {
                            EnableScoring::Enabled {
                                statistics_provider,
                                ..
                            } => {
                                let words: Vec<Term> = terms.iter().map(|t| t.1.clone()).collect();
                                Bm25Weight::for_terms(statistics_provider, &words)?
                                    .boost_by(*weight)
                                    .max_score()
                            }
                            EnableScoring::Disabled { .. } => Score::INFINITY,
                        };
                        (AltWeight::Query(query.weight(scoring)?, ceiling), *group)
                    }
                });
            }
            clauses.push(ClauseWeight {
                occur: c.occur,
                alts: weights,
                rarity: c.rarity,
            });
        }
        Ok(Box::new(ParagraphWeight {
            paragraphs: self.paragraphs.clone(),
            clauses,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for alt in self.clauses.iter().flat_map(|c| &c.alternatives) {
            match alt {
                Alternative::Term(t, _, _) => visitor(t, false),
                Alternative::Query(q, _) => q.query_terms(visitor),
                Alternative::Near(terms, ..) => terms.iter().for_each(|t| visitor(&t.1, true)),
            }
        }
    }
}

enum AltWeight {
    Term(Term, Bm25Weight),
    /// With the best score a claim can have (infinite when unknown).
    Query(Box<dyn Weight>, Score),
}

struct ParagraphWeight {
    paragraphs: Term,
    clauses: Vec<ClauseWeight>,
}

/// A clause ready to score: its alternatives' weights with their groups, and its rarity.
struct ClauseWeight {
    occur: Occur,
    alts: Vec<(AltWeight, usize)>,
    rarity: Score,
}

impl ParagraphWeight {
    /// A scorer that has not yet moved to its first paragraph.
    fn unstarted(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<ParagraphScorer> {
        let mut clauses = Vec::with_capacity(self.clauses.len());
        // Every word of the query counts in the share, those this segment lacks too.
        let rarity = self
            .clauses
            .iter()
            .filter(|c| c.occur != Occur::MustNot)
            .map(|c| c.rarity)
            .sum();
        for ClauseWeight {
            occur,
            alts: weights,
            rarity: held,
        } in &self.clauses
        {
            let mut alts = Vec::with_capacity(weights.len());
            let mut groups = Vec::with_capacity(weights.len());
            for (w, group) in weights {
                let before = alts.len();
                match w {
                    AltWeight::Term(term, bm25) => {
                        let postings = reader
                            .inverted_index(term.field())?
                            .read_block_postings(term, IndexRecordOption::WithFreqs)?;
                        // A word this segment lacks matches no claim of it.
                        if let Some(postings) = postings {
                            let fieldnorms =
                                match reader.fieldnorms_readers().get_field(term.field())? {
                                    Some(norms) => norms,
                                    None => FieldNormReader::constant(reader.max_doc(), 1),
                                };
                            alts.push(Alt::Term(Box::new(TermClaims {
                                postings,
                                cur: 0,
                                fieldnorms,
                                bm25: bm25.boost_by(boost),
                            })));
                        }
                    }
                    AltWeight::Query(w, ceiling) => {
                        alts.push(Alt::Other(w.scorer(reader, boost)?, ceiling * boost));
                    }
                }
                if alts.len() > before {
                    groups.push(*group);
                }
            }
            let paragraphs = Paragraphs::open(reader, &self.paragraphs)?;
            clauses.push(Clause::new(*occur, alts, groups, *held, paragraphs));
        }
        let paragraphs = Paragraphs::open(reader, &self.paragraphs)?;
        Ok(ParagraphScorer::new(clauses, paragraphs, rarity))
    }
}

impl Weight for ParagraphWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorer = self.unstarted(reader, boost)?;
        scorer.next_above(Score::MIN);
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "paragraph {doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "per clause, best claim raised for each further matching claim; clauses add up",
            scorer.score(),
        ))
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut scorer = self.unstarted(reader, 1.0)?;
        let mut threshold = threshold;
        while scorer.next_above(threshold) != TERMINATED {
            threshold = callback(scorer.doc, scorer.score);
        }
        Ok(())
    }
}

/// The paragraph records of a segment, in order, read from the postings of their kind
/// term: where a claim's paragraph is, and where that paragraph's claims begin.
struct Paragraphs {
    postings: BlockSegmentPostings,
    /// Where the current paragraph is in the loaded block.
    cur: usize,
    /// The paragraph before the current one.
    prev: Option<DocId>,
}

/// A paragraph and where its claims may begin: every claim in `start..paragraph` is one of
/// its claims (the records there that are not claims match no clause).
#[derive(Clone, Copy, Debug)]
struct Located {
    start: DocId,
    paragraph: DocId,
}

impl Paragraphs {
    fn open(reader: &SegmentReader, term: &Term) -> tantivy::Result<Paragraphs> {
        let postings = reader
            .inverted_index(term.field())?
            .read_block_postings(term, IndexRecordOption::Basic)?
            .unwrap_or_else(BlockSegmentPostings::empty);
        Ok(Paragraphs {
            postings,
            cur: 0,
            prev: None,
        })
    }

    /// The first paragraph at or after `doc` (`TERMINATED` for none). The cursor only moves
    /// forward: `doc` must come after the paragraph before the last one located.
    fn locate(&mut self, doc: DocId) -> Located {
        loop {
            let docs = self.postings.docs();
            let Some(&last) = docs.last() else {
                return self.located(TERMINATED);
            };
            if last >= doc {
                while docs[self.cur] < doc {
                    self.prev = Some(docs[self.cur]);
                    self.cur += 1;
                }
                return self.located(docs[self.cur]);
            }
            self.prev = Some(last);
            self.postings.advance();
            self.cur = 0;
        }
    }

    fn located(&self, paragraph: DocId) -> Located {
        Located {
            start: self.prev.map_or(0, |p| p + 1),
            paragraph,
        }
    }
}

/// A word's claims, read block by block so that a block's best score is known before its
/// claims are scored. (Tantivy's own term scorer keeps where its blocks end to itself.)
struct TermClaims {
    postings: BlockSegmentPostings,
    /// Where the current claim is in the loaded block.
    cur: usize,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
}

impl TermClaims {
    fn doc(&self) -> DocId {
        self.postings
            .docs()
            .get(self.cur)
            .copied()
            .unwrap_or(TERMINATED)
    }

    fn advance(&mut self) {
        self.cur += 1;
        if self.cur >= self.postings.docs().len() && !self.postings.docs().is_empty() {
            self.postings.advance();
            self.cur = 0;
        }
    }

    fn seek(&mut self, target: DocId) {
        let docs = self.postings.docs();
        if docs.last().is_some_and(|&last| last >= target) {
            self.cur += docs[self.cur..].partition_point(|&d| d < target);
        } else {
            self.cur = self.postings.seek(target);
        }
    }

    fn score(&self) -> Score {
        self.score_at(self.cur, self.doc())
    }

    /// The score of `doc`, the claim at `i` in the loaded block.
    fn score_at(&self, i: usize, doc: DocId) -> Score {
        let norm = self.fieldnorms.fieldnorm_id(doc);
        self.bm25.score(norm, self.postings.freq(i))
    }

    /// Scores the claims before `end` and moves past them: the best score and how many.
    /// The loop of [`Clause::take`] for a clause that is one word.
    fn take_before(&mut self, end: DocId) -> (Score, u32) {
        let (mut best, mut n): (Score, u32) = (0.0, 0);
        loop {
            let docs = self.postings.docs();
            if docs.is_empty() {
                return (best, n);
            }
            while let Some(&doc) = docs.get(self.cur) {
                if doc >= end {
                    return (best, n);
                }
                best = best.max(self.score_at(self.cur, doc));
                n += 1;
                self.cur += 1;
            }
            self.postings.advance();
            self.cur = 0;
        }
    }
}

/// One alternative of a clause, walking the claims it matches.
enum Alt {
    Term(Box<TermClaims>),
    /// With the best score a claim can have.
    Other(Box<dyn Scorer>, Score),
}

impl Alt {
    fn doc(&self) -> DocId {
        match self {
            Alt::Term(t) => t.doc(),
            Alt::Other(s, _) => s.doc(),
        }
    }

    fn advance(&mut self) {
        match self {
            Alt::Term(t) => t.advance(),
            Alt::Other(s, _) => {
                s.advance();
            }
        }
    }

    /// Moves to the first claim at or after `target`, if not there yet.
    fn seek(&mut self, target: DocId) {
        if self.doc() >= target {
            return;
        }
        match self {
            Alt::Term(t) => t.seek(target),
            Alt::Other(s, _) => {
                s.seek(target);
            }
        }
    }

    fn score(&mut self) -> Score {
        match self {
            Alt::Term(t) => t.score(),
            Alt::Other(s, _) => s.score(),
        }
    }

    /// The best score any claim can have (infinite when unknown, as for a phrase).
    fn max(&self) -> Score {
        match self {
            Alt::Term(t) => t.bm25.max_score(),
            Alt::Other(_, ceiling) => *ceiling,
        }
    }

    /// The best score of a claim from the current one up to `end` (exclusive).
    fn ceiling_before(&mut self, end: DocId) -> Score {
        match self {
            // A single segment's block maxima are exact; with several they may fall a
            // little short, as they do for tantivy's own block-max WAND.
            Alt::Term(t) if t.postings.docs().last().is_some_and(|&l| l + 1 >= end) => {
                t.postings.block_max_score(&t.fieldnorms, &t.bm25)
            }
            other => other.max(),
        }
    }
}

/// One clause's walk over the claims, paragraph by paragraph.
struct Clause {
    occur: Occur,
    alts: Vec<Alt>,
    /// Each alternative's group: a claim scores the best alternative of each group.
    groups: Vec<usize>,
    /// Per group, the best score of the claim being scored.
    best_of: Vec<Score>,
    /// The best score the clause can give any paragraph.
    ceiling: Score,
    /// Its weight in the share of the query a paragraph holds.
    rarity: Score,
    paragraphs: Paragraphs,
    /// The claim the clause is at and its paragraph, once worked out.
    at: Option<(DocId, Located)>,
}

impl Clause {
    fn new(
        occur: Occur,
        alts: Vec<Alt>,
        groups: Vec<usize>,
        rarity: Score,
        paragraphs: Paragraphs,
    ) -> Clause {
        // The sum of all the alternatives' best scores is more than any claim can have.
        let claim: Score = alts.iter().map(Alt::max).sum();
        let best_of = vec![0.0; groups.iter().max().map_or(0, |g| g + 1)];
        Clause {
            occur,
            alts,
            groups,
            best_of,
            ceiling: claim * (K1 + 1.0),
            rarity,
            paragraphs,
            at: None,
        }
    }

    /// The paragraph of the claim the clause is at.
    fn position(&mut self) -> (DocId, Located) {
        let claim = self.claim();
        match self.at {
            Some(at) if at.0 == claim => at,
            _ if claim == TERMINATED => {
                let end = Located {
                    start: TERMINATED,
                    paragraph: TERMINATED,
                };
                (claim, end)
            }
            _ => {
                let at = (claim, self.paragraphs.locate(claim));
                self.at = Some(at);
                at
            }
        }
    }

    /// The next claim that matches, or `TERMINATED`.
    fn claim(&self) -> DocId {
        self.alts.iter().map(Alt::doc).min().unwrap_or(TERMINATED)
    }

    /// Moves past the claims before `target`.
    fn skip_to(&mut self, target: DocId) {
        for a in &mut self.alts {
            a.seek(target);
        }
    }

    /// The most the claims before `paragraph`, from `first` on, can give.
    fn ceiling_at(&mut self, first: DocId, paragraph: DocId) -> Score {
        let mut best = 0.0;
        for a in &mut self.alts {
            if a.doc() < paragraph {
                best += a.ceiling_before(paragraph);
            }
        }
        paragraph_score(best, paragraph - first)
    }

    /// Scores the matching claims before `paragraph` and moves past them (0 for none).
    fn take(&mut self, paragraph: DocId) -> Score {
        let (best, n) = match self.alts.as_mut_slice() {
            [Alt::Term(term)] => term.take_before(paragraph),
            _ => self.take_union(paragraph),
        };
        if n == 0 {
            0.0
        } else {
            paragraph_score(best, n)
        }
    }

    /// Scores the claims before `end` that any alternative matches, and moves past them:
    /// the best score (a claim scores, per group, the best alternative it matches) and how
    /// many.
    fn take_union(&mut self, end: DocId) -> (Score, u32) {
        let (mut best, mut n): (Score, u32) = (0.0, 0);
        loop {
            let claim = self.claim();
            if claim >= end {
                return (best, n);
            }
            self.best_of.iter_mut().for_each(|b| *b = 0.0);
            for (a, &g) in self.alts.iter_mut().zip(&self.groups) {
                if a.doc() == claim {
                    self.best_of[g] = self.best_of[g].max(a.score());
                    a.advance();
                }
            }
            let score: Score = self.best_of.iter().sum();
            best = best.max(score);
            n += 1;
        }
    }
}

/// Walks the paragraphs of a segment that a [`ParagraphQuery`] matches.
pub struct ParagraphScorer {
    /// `Must` clauses, then `Should` clauses by rising ceiling, then `MustNot` clauses.
    clauses: Vec<Clause>,
    must: usize,
    should: usize,
    /// `ceilings[k]`: the sum of the ceilings of the first `k` `Should` clauses.
    ceilings: Vec<Score>,
    /// What each clause gives the paragraph at hand. They are added up in clause order
    /// whichever clauses were scored first, so that a score does not depend on pruning.
    parts: Vec<Score>,
    /// For [`DocSet::seek`]: where the claims of a paragraph at or after a target begin.
    paragraphs: Paragraphs,
    /// Nothing can match: a required clause has no alternative, or no clause can match.
    empty: bool,
    /// The rarity of all the query's words, held or not.
    rarity: Score,
    doc: DocId,
    score: Score,
}

impl ParagraphScorer {
    fn new(clauses: Vec<Clause>, paragraphs: Paragraphs, rarity: Score) -> Self {
        let empty = clauses
            .iter()
            .any(|c| c.occur == Occur::Must && c.alts.is_empty())
            || clauses
                .iter()
                .all(|c| c.occur == Occur::MustNot || c.alts.is_empty());
        let (mut must, mut should, mut must_not) = (Vec::new(), Vec::new(), Vec::new());
        for c in clauses.into_iter().filter(|c| !c.alts.is_empty()) {
            match c.occur {
                Occur::Must => must.push(c),
                Occur::Should => should.push(c),
                Occur::MustNot => must_not.push(c),
            }
        }
        should.sort_by(|a, b| a.ceiling.total_cmp(&b.ceiling));
        let ceilings = std::iter::once(0.0)
            .chain(should.iter().scan(0.0, |sum, c| {
                *sum += c.ceiling;
                Some(*sum)
            }))
            .collect();
        let (n_must, n_should) = (must.len(), should.len());
        ParagraphScorer {
            parts: vec![0.0; n_must + n_should],
            clauses: must.into_iter().chain(should).chain(must_not).collect(),
            must: n_must,
            should: n_should,
            ceilings,
            paragraphs,
            empty,
            rarity,
            doc: 0,
            score: 0.0,
        }
    }

    /// Moves to the next matching paragraph that scores above `min`, or to `TERMINATED`.
    pub fn next_above(&mut self, min: Score) -> DocId {
        let found = if self.empty {
            None
        } else if self.must > 0 {
            self.next_with_required(min)
        } else {
            self.next_optional(min)
        };
        (self.doc, self.score) = found.unwrap_or((TERMINATED, 0.0));
        self.doc
    }

    /// With `Must` clauses: they lead, in step, and the `Should` clauses only add.
    fn next_with_required(&mut self, min: Score) -> Option<(DocId, Score)> {
        loop {
            let at = self.align_required()?;
            let p = at.paragraph;
            let mut ceiling = self.ceilings[self.should];
            for c in &mut self.clauses[..self.must] {
                let (first, _) = c.position();
                ceiling += c.ceiling_at(first, p);
            }
            if !beats(ceiling, min) || self.excluded(at) {
                for c in &mut self.clauses[..self.must] {
                    c.skip_to(p);
                }
                continue;
            }
            self.parts.fill(0.0);
            for (c, part) in self.clauses[..self.must].iter_mut().zip(&mut self.parts) {
                *part = c.take(p);
            }
            let score = self.add_optional(self.should, min, at);
            if score > min {
                return Some((p, score));
            }
        }
    }

    /// Moves the `Must` clauses to the first paragraph they all match.
    fn align_required(&mut self) -> Option<Located> {
        let mut at = Located {
            start: 0,
            paragraph: 0,
        };
        let (mut agreed, mut i) = (0, 0);
        while agreed < self.must {
            let c = &mut self.clauses[i];
            let (_, mut here) = c.position();
            if here.paragraph < at.paragraph {
                c.skip_to(at.start);
                here = c.position().1;
            }
            if here.paragraph == TERMINATED {
                return None;
            }
            if here.paragraph > at.paragraph {
                at = here;
                agreed = 1;
            } else {
                agreed += 1;
            }
            i = (i + 1) % self.must;
        }
        Some(at)
    }

    /// Without `Must` clauses: the clauses whose ceilings could together beat `min` lead,
    /// and the rest only add to the paragraphs these find.
    fn next_optional(&mut self, min: Score) -> Option<(DocId, Score)> {
        // The first `adders` clauses (the lowest ceilings) cannot beat `min` on their own.
        let mut adders = 0;
        while adders < self.should && !beats(self.ceilings[adders + 1], min) {
            adders += 1;
        }
        let leaders = self.must + adders..self.must + self.should;
        loop {
            let at = self.clauses[leaders.clone()]
                .iter_mut()
                .map(|c| c.position().1)
                .min_by_key(|at| at.paragraph)?;
            let p = at.paragraph;
            if p == TERMINATED {
                return None;
            }
            let mut ceiling = self.ceilings[adders];
            for c in &mut self.clauses[leaders.clone()] {
                let (first, here) = c.position();
                if here.paragraph == p {
                    ceiling += c.ceiling_at(first, p);
                }
            }
            let pass = !beats(ceiling, min) || self.excluded(at);
            self.parts.fill(0.0);
            for i in leaders.clone() {
                let c = &mut self.clauses[i];
                if c.position().1.paragraph == p {
                    if pass {
                        c.skip_to(p);
                    } else {
                        self.parts[i] = c.take(p);
                    }
                }
            }
            if pass {
                continue;
            }
            let score = self.add_optional(adders, min, at);
            if score > min {
                return Some((p, score));
            }
        }
    }

    /// Adds what the first `k` `Should` clauses give the paragraph `at` to what the other
    /// clauses gave it, highest ceiling first, and stops when even their ceilings could not
    /// lift the score above `min`. Returns the score, times the share of the query held.
    fn add_optional(&mut self, k: usize, min: Score, at: Located) -> Score {
        let mut score: Score = self.parts.iter().sum();
        for j in (0..k).rev() {
            if !beats(score + self.ceilings[j + 1], min) {
                return score;
            }
            let c = &mut self.clauses[self.must + j];
            c.skip_to(at.start);
            let part = c.take(at.paragraph);
            self.parts[self.must + j] = part;
            score += part;
        }
        let held = self
            .parts
            .iter()
            .zip(&self.clauses)
            .filter(|(part, _)| **part > 0.0)
            .map(|(_, c)| c.rarity)
            .sum();
        self.parts.iter().sum::<Score>() * super::plan::coverage(held, self.rarity)
    }

    /// Whether a `MustNot` clause matches a claim of the paragraph `at`.
    fn excluded(&mut self, at: Located) -> bool {
        let from = self.must + self.should;
        self.clauses[from..].iter_mut().any(|c| {
            c.skip_to(at.start);
            c.claim() < at.paragraph
        })
    }
}

/// Whether a score of at most `ceiling` could beat `min` (see [`SLACK`]).
fn beats(ceiling: Score, min: Score) -> bool {
    ceiling * (1.0 + SLACK) > min
}

impl DocSet for ParagraphScorer {
    fn advance(&mut self) -> DocId {
        self.next_above(Score::MIN)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        // The paragraph at or after `target` may have claims before it.
        let start = self.paragraphs.locate(target).start;
        for c in &mut self.clauses {
            c.skip_to(start);
        }
        self.next_above(Score::MIN)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.clauses[..self.must + self.should]
            .iter()
            .flat_map(|c| &c.alts)
            .map(|a| match a {
                Alt::Term(t) => t.postings.doc_freq(),
                Alt::Other(s, _) => s.size_hint(),
            })
            .max()
            .unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.clauses[..self.must + self.should]
            .iter()
            .flat_map(|c| &c.alts)
            .map(|a| match a {
                Alt::Term(t) => t.postings.doc_freq() as u64,
                Alt::Other(s, _) => s.cost(),
            })
            .sum()
    }
}

impl Scorer for ParagraphScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_claim_scores_as_itself_and_more_claims_raise_it_less_and_less() {
        assert_eq!(paragraph_score(2.0, 1), 2.0);
        let gains: Vec<Score> = (1..6)
            .map(|n| paragraph_score(1.0, n + 1) - paragraph_score(1.0, n))
            .collect();
        assert!(gains.iter().all(|&g| g > 0.0));
        assert!(gains.windows(2).all(|w| w[1] < w[0]));
        assert!(paragraph_score(1.0, 1000) < K1 + 1.0);
    }
}
