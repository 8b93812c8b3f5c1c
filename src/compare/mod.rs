//! Where the accounts differ: aligning the claims of documents about the same work and
//! naming what differs between aligned claims.
//!
//! Documents that tell the same story are accounts of one work ([`stories`]).
//! [`align_work`] takes the claims of every account of one work and returns ranked [`Difference`]s plus, for each
//! claim, the counterparts it has in the other accounts ([`Differ`]). Ingest runs it and
//! stores the result; search, `diff` and `compare` only read it. Text is seen through the
//! same analyzer as search ([`crate::analysis`]).

pub mod about;
pub mod align;
mod calibration;
pub mod describe;
pub mod meaning;
pub mod score;
pub mod senses;
pub mod sources;
pub mod stories;
pub mod tuning;
pub mod words;

use serde::{Deserialize, Serialize};

use crate::corpus::{Document, Span, UnitKind};
pub use score::Evidence;

pub use align::{align_work, align_work_with};
pub use tuning::Tuning;

/// Identifies the comparison method; stored with each commit, so an index whose stored
/// comparison came from another method is rebuilt. Bump it whenever results would change.
pub const COMPARE_VERSION: u32 = 35;

/// The score from which a difference is shown beside a search hit (a `≠` line). A score
/// is the chance that a careful reader agrees the accounts differ there ([`score`]), so the
/// line is drawn where a reader agrees about two times in five. Chosen with the curve of
/// compare version 19 (`scripts/calibrate.py` prints the count): from 0.4, 77 of the 334
/// differences of the labelled sets are shown, 45 of them labelled, 11 reporting a
/// labelled paraphrase; from 0.45, 69, 43 and 11; from 0.35, 93, 52 and 14. (With the
/// curve before, 0.3 drew the line at the strength 0.4 does now, less 4 differences.)
/// `diff` lists every difference unless told `--min-score`. Only differences scored at
/// least this are keyed by their claims in the index (`Fields::difference_record`): bump
/// [`COMPARE_VERSION`] when it changes.
pub const SHOWN_CONFIDENCE: f32 = 0.4;

/// What kind of difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    /// The same referent named differently (`Chef Choi` / `Pro Choi`).
    NameVariant,
    /// Aligned claims that give a different number or quantity (`two men` / `a man`).
    Count,
    /// Two aligned claims about the same event that differ on a specific.
    Detail,
    /// A claim in one account with no counterpart in the other.
    OnlyIn,
}

impl DiffKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DiffKind::NameVariant => "name_variant",
            DiffKind::Count => "count",
            DiffKind::Detail => "detail",
            DiffKind::OnlyIn => "only_in",
        }
    }
}

/// A claim as comparison sees it: where it is and what it says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    pub doc: String,
    pub path: String,
    pub section: Option<String>,
    pub paragraph: u64,
    pub claim: u64,
    pub line: u64,
    pub column: u64,
    /// Byte offsets of the claim in its file.
    pub start: u64,
    pub end: u64,
    pub text: String,
    /// Byte ranges within `text` of the words that differ (empty on input).
    pub highlights: Vec<Span>,
    /// Where `text` is in the document's decoded text, when known: the index stores this
    /// instead of the text.
    #[serde(skip)]
    pub text_range: Option<Span>,
}

/// One place where two accounts differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    pub kind: DiffKind,
    /// The chance that a careful reader agrees the accounts differ here, 0..1
    /// ([`score`]); comparable across kinds.
    pub score: f32,
    /// What differs, in a few words: `where: Min-hee, found`, `how many men`.
    pub about: String,
    pub work: String,
    pub left: Side,
    /// `None` for `only_in`: no other account of the work has a counterpart.
    pub right: Option<Side>,
    /// The differing words of each side, as written (runs of words joined into phrases),
    /// most telling first; but the side whose best is the less telling puts first what
    /// stands in the place of the other's best, and a count puts its numbers first, so that
    /// the first of each side say what replaces what.
    pub left_terms: Vec<String>,
    pub right_terms: Vec<String>,
    /// Content words both sides share, as one of them writes them.
    pub shared_terms: Vec<String>,
    /// What `score` was computed from (not stored in the index).
    #[serde(skip)]
    pub evidence: Evidence,
    /// The most telling differing word's kind, from which [`about`] names the role (not
    /// stored in the index: `about` is).
    #[serde(skip)]
    pub head: Option<about::Head>,
}

/// A counterpart of a claim in another account of the same work, with what differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Differ {
    pub kind: DiffKind,
    pub score: f32,
    /// What differs, in a few words (as in [`Difference`]).
    pub about: String,
    /// The id of the work both accounts belong to.
    pub work: String,
    pub doc: String,
    pub path: String,
    pub line: u64,
    pub column: u64,
    pub paragraph: u64,
    pub claim: u64,
    /// Byte offsets of the counterpart in its file.
    pub start: u64,
    pub end: u64,
    /// The counterpart's text.
    pub text: String,
    pub section: Option<String>,
    /// Words of this claim that the counterpart does not share, most telling first.
    pub these_terms: Vec<String>,
    /// The counterpart's words in their place, most telling first.
    pub their_terms: Vec<String>,
}

/// The claims of one account (document) of a work, in reading order.
#[derive(Debug, Clone)]
pub struct Account {
    pub path: String,
    pub name: String,
    pub claims: Vec<Side>,
}

/// Identifies a claim: (path, paragraph, claim).
pub type ClaimKey = (String, u64, u64);

/// Everything comparison found in one work.
#[derive(Debug, Clone, Default)]
pub struct WorkAlignment {
    /// All differences, best first.
    pub differences: Vec<Difference>,
    /// Every pair of claims alignment took to tell the same thing, whether or not they
    /// differ, by account pair then claim: what a side-by-side view lines up.
    pub pairs: Vec<Pairing>,
}

/// Two claims of two accounts of a work that alignment paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pairing {
    /// The accounts, as indices into the accounts aligned (the first is the lower).
    pub accounts: (usize, usize),
    /// The claims, as indices into each account's claims.
    pub claims: (usize, usize),
    /// Whether the pair is on the chain that moves forward in both accounts (the order in
    /// which both tell the story).
    pub in_order: bool,
}

impl Side {
    pub fn key(&self) -> ClaimKey {
        (self.path.clone(), self.paragraph, self.claim)
    }
}

impl Account {
    /// The claims of a segmented document.
    pub fn from_document(doc: &Document) -> Account {
        let claims = doc
            .units
            .iter()
            .filter(|u| u.kind == UnitKind::Claim)
            .map(|u| Side {
                doc: doc.name.clone(),
                path: doc.path.clone(),
                section: u.section.clone(),
                paragraph: u.paragraph.into(),
                claim: u.claim.unwrap_or_default().into(),
                line: u.line.into(),
                column: u.column.into(),
                start: u.file.start as u64,
                end: u.file.end as u64,
                text: doc.unit_text(u).to_owned(),
                highlights: Vec::new(),
                text_range: Some(Span::from(u.text.clone())),
            })
            .collect();
        Account {
            path: doc.path.clone(),
            name: doc.name.clone(),
            claims,
        }
    }
}
