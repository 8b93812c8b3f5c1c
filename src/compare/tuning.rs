//! The tuning values of comparison (alignment and the naming of differences), in one
//! place, each with where it came from. Figures behind them are in docs/performance.md.

use serde::Deserialize;

/// The tuning values of [`super::align`]. `Tuning::default()` is what ships; a test or a
/// trial can change one field and compare (`Tuning { close_frame: 0.7, ..Tuning::default() }`,
/// or `TUNING='{"close_frame": 0.7}'` for the labelled sets of `tests/differences.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Tuning {
    /// Semantic similarity of two claims (the cosine of their meaning vectors) at or below
    /// which they have nothing in common: claims of unrelated events in the labelled sets
    /// score about this much (tests/differences.rs).
    pub meaning_floor: f32,
    /// How much the semantic similarity, rescaled from [`Tuning::meaning_floor`]..1 to 0..1, counts
    /// against word overlap: a claim pair is as similar as the larger of the two.
    pub meaning_weight: f32,
    /// Claims of the other account looked at for their meaning alone, around the same relative
    /// place in the story: the best of them by meaning join the word-overlap candidates.
    pub meaning_candidates: usize,
    /// The share of the other account, either side of the same relative place, searched for
    /// [`Tuning::meaning_candidates`] (at least [`Tuning::meaning_window_min`] claims).
    pub meaning_window: f32,
    /// See [`Tuning::meaning_window`].
    pub meaning_window_min: usize,
    /// Two differing words whose vectors are at least this close mean the same for a reader
    /// (`city` / `town` 0.69, `wept` / `cried` 0.62) unless they are names or numbers; words of
    /// one kind that differ stay below (`silver` / `gold` 0.57, `king` / `queen` 0.55).
    pub same_word: f32,
    /// Aligned pairs in which one account must write a word where the other writes another for
    /// the two to count as that account's way of writing (see `align::substitutions`): the King
    /// James text's `host` for the WEB's `army` is seen 3 times in one chapter of the control
    /// set, chance pairings of two differing words at most twice.
    pub substitution_pairs: usize,
    /// Word overlap of a candidate from which a claim is not also given candidates by meaning:
    /// it has a counterpart in the same words. Skipping the search by meaning then took about
    /// a tenth off comparing the generated corpus (docs/performance.md) and changed nothing in
    /// the labelled sets (nor did 0.3).
    pub strong_words: f32,
    /// Two differing names of an aligned pair spelt at least this alike (1 less the edits
    /// between them over the longer's length) are one name spelt two ways: `Shebnah` /
    /// `Shebna` 0.86, `Shobach` / `Shophach` 0.75, `Hiram` / `Huram` 0.8, `almug` / `algum`
    /// 0.6; names of different people of one story mostly stay below (`Joab` / `Abner` 0.0,
    /// `Saul` / `David` 0.2); two names one edit apart stay above (`Ahab` / `Ahaz` 0.75,
    /// two kings), typed a name variant though they are two people.
    pub spelling_similarity: f64,
    /// Candidates taken from the inverted index per claim.
    pub candidates: usize,
    /// Minimum combined score for two claims to be counterparts.
    pub align_threshold: f32,
    /// Minimum word overlap (cosine) for two claims to be counterparts at all.
    pub min_cosine: f32,
    /// Word overlap that makes two claims counterparts when each is the other's best match...
    pub mutual_cosine: f32,
    /// ...and when only one is the other's best.
    pub strong_cosine: f32,
    /// Weight of the neighbouring claims' similarity (the better of the claims just before
    /// both and just after both: one strong anchor is enough to carry its neighbour).
    pub w_neighbours: f32,
    /// Weight of the paragraphs' similarity.
    pub w_paragraph: f32,
    /// Weight of being at the same relative place in the story.
    pub w_order: f32,
    /// Extra weight of a name (a word only ever written capitalised) in similarity and salience.
    pub name_boost: f32,
    /// Salience of a differing word that the other account does use elsewhere.
    pub shared_vocabulary: f32,
    /// A common word is how a paraphrase differs, not what an account says: a word more
    /// familiar in ordinary English ([`Senses::familiarity`](super::senses::Senses::familiarity)) than [`Tuning::familiar_knee`] loses up
    /// to [`Tuning::familiar_weight`] of its salience, on a line from the knee to the most familiar
    /// (`see` keeps 0.1 of it, `now` 0.3, `house` 0.55; `blood`, `cattle`, `census` lose
    /// little or nothing). Chosen among knees 0.4-0.6 and weights 0.7-1.0 on the labelled
    /// sets: paraphrases reported fell from 0.59 to 0.55 (Samuel-Kings/Chronicles) and 0.56 to
    /// 0.49 (Kings/prophets), precision at 10 rose 0.03-0.10, one paired difference of 45 was
    /// lost. A knee of 0 (every familiar word loses some) pushed `body in her bathtub` out of
    /// the recaps' top 5.
    pub familiar_knee: f32,
    /// See [`Tuning::familiar_knee`].
    pub familiar_weight: f32,
    /// How much a differing word's kind ([`WordKind`](super::senses::WordKind), from WordNet) counts in its salience,
    /// against 1 for a word for a person, place, thing, time or amount (and 1.2 for a name):
    /// accounts of one event word it with other verbs, modifiers and abstract nouns
    /// (`relented` / `repented`, `perversely` / `wickedly`, `kindness` / `mercy`), and differ
    /// on who, where and what (`bathtub` / `pool`, `horsemen` / `footmen`). Chosen on the
    /// labelled sets among 0.6-1.0 for abstract nouns, 0.5-0.6 for verbs and 0.3-0.4 for
    /// modifiers: with these, paraphrases of the translation control shown beside hits fell
    /// from 0.33 to 0.15 while recall of paired differences held or rose (docs/performance.md,
    /// "Word kinds"). Words WordNet lacks keep the suffix guess of `align::word_class`.
    pub kind_abstract: f32,
    /// See [`Tuning::kind_abstract`].
    pub kind_verb: f32,
    /// See [`Tuning::kind_abstract`].
    pub kind_modifier: f32,
    /// A pair at least this close (see `align::closeness`) is told in nearly the same words, and a
    /// concrete word one side has in place of another is a difference however common it is
    /// (see `align::Stats::salience`). The median aligned pair of the Samuel-Kings / Chronicles
    /// set is 0.62-0.95 close, of the translation control 0.69-0.89, of the recaps 0.33.
    /// Chosen among 0.5-0.8: 0.6 took the Kings / prophets set's paired differences in the
    /// top 20 from 14 to 22 of 33; 0.5 cost precision, 0.7 and above found fewer.
    pub close_frame: f32,
    /// A pair less close than this (see `align::closeness`) is told loosely, as recaps
    /// tell the same scene: a pair's differences are then only what the two sides say in
    /// the same place, between the same shared words; what one side adds where the other
    /// says nothing is told besides (`align::detail`). The recaps' median pair is 0.33
    /// close, Samuel-Kings / Chronicles' 0.62-0.95. With 0.3, 0.4 or 0.5, labelled
    /// paraphrases of the recaps shown beside hits fell from 0.10 to 0.05 (the diary found
    /// in a cupboard / in a drawer, `procured` / `check the entries`), and every other
    /// figure of the labelled sets stayed the same (session 39, docs/performance.md).
    /// Splitting such a pair into a difference per place instead, as close pairs are, took
    /// that share to 0 but cut one labelled difference into two lesser ones (`anger burned`
    /// / `Satan stood` and `Go, count` / `census`) and lost three paired differences of
    /// Samuel-Kings / Chronicles. Applied to claims with several counterparts as well (at
    /// first it was to single pairs only), it took the recaps' paraphrases reported from
    /// 0.67 to 0.62 (`communicated the same thing to his boss` / `teams up with a
    /// pharmacist` left the top 20) and the holdout from 0.58 / 0.57 to 0.59 / 0.58 at 10 /
    /// 20, nothing else moving. A pair at least this close has its names apart from
    /// the rest of a change (`align::names_apart`; before, only pairs at least
    /// [`Tuning::close_frame`] close did): Samuel-Kings / Chronicles found one more paired
    /// difference (`Nacon` / `Chidon's`, 34 to 35 of 45), precision at 10 rose from 0.54
    /// to 0.56, and the other sets did not change.
    pub loose_frame: f32,
    /// Two accounts whose median aligned pair is less close than this (see
    /// `align::closeness`) tell the whole story loosely, as two recaps do, and every pair
    /// of theirs not told in nearly the same words is read as told loosely (see
    /// [`Tuning::loose_frame`]): a pair of theirs that happens to share more words is no
    /// more a parallel. The shipped recaps' median pair is 0.35 close; the Samuel-Kings /
    /// Chronicles and Kings / prophets works' 0.61-1.0, the holdout's 0.8-1.0.
    pub loose_work: f32,
    /// Each side of a detail must say something this specific (see `align::specificity`).
    pub min_specificity: f32,
    /// A change whose two sides are both less specific than [`Tuning::min_specificity`]
    /// is still reported, faint (`Evidence::faint`), when one of them is at least this
    /// specific. Tried on the labelled sets (session 41; P@20 / AUC / R@20, Samuel-Kings /
    /// Chronicles, Kings / prophets, holdout): 0.0: .48/.69/.82, .44/.71/.64, .54/.67/.83;
    /// 0.1: .48/.69/.82, .44/.71/.64, .57/.61/.83; 0.2: .50/.68/.82, .44/.70/.64,
    /// .57/.61/.83; 0.3: .49/.69/.82, .44/.70/.64, .57/.61/.83. Without faint changes:
    /// .51/.68/.80, .43/.69/.61, .59/.57/.74.
    pub faint_specificity: f32,
    /// How specific a change of person is (`he` / `they`, `your throne` / `his throne`, in a
    /// pair told in nearly the same words; see `align::gaps::pronoun_changes`): the specificity its
    /// detail is scored with, below a differing concrete word (about 1), since a pronoun says
    /// who only through the sentence before it. At 0.6 such details scored 0.32, above the
    /// `≠` threshold of hits, and three labelled paraphrases were shown (`buy your threshing
    /// floor` / `sell me`); 0.3 and 0.4 keep them under it with the same figures otherwise.
    pub pronoun_specificity: f32,
    /// A claim joined to several of the other account's reports each word none of them says
    /// once, with the counterpart whose shared words stand nearest it, but only when that
    /// one is nearer by at least this many words than the claim's best counterpart (the
    /// pair in the story's order, then the better score); otherwise with the best. With 1 (the
    /// nearest always), words went to a counterpart sharing only a common word nearby, and
    /// Samuel-Kings / Chronicles lost two paired differences (35 to 33); with the best always,
    /// they lost one and the holdout one; with 4, the holdout one. 2 and 3 lose only one of
    /// Kings / prophets (`Hear Yahweh's word` / `... of Yahweh of Armies`, where the verse is
    /// split), and 3 shows one more labelled paraphrase (docs/performance.md, session 38).
    /// The holdout's figures were seen in this choice.
    pub nearest_margin: usize,
    /// A word one side adds where the other says nothing is told by the other account in
    /// another sentence, and is no difference, when that account writes it within this
    /// many claims of the counterpart: in a claim whose own counterparts lack it (`Yahweh
    /// loved Israel forever`, which Chronicles says in the claim before), or beside
    /// the same word (`his three sons`, told by both a verse earlier; see
    /// `align::told_nearby`). Chosen among 1-3 on the labelled sets (session 39,
    /// docs/performance.md): with 2, precision at 10 rose from 0.52 to 0.54
    /// (Samuel-Kings / Chronicles) and 0.43 to 0.47 (Kings / prophets), at 20 from 0.45 to
    /// 0.49 and 0.40 to 0.43, paraphrases reported fell from 0.31 to 0.27 and (holdout)
    /// 0.24 to 0.20, and no paired difference was lost; 1 did less, 3 the same. Any
    /// occurrence nearby (without either condition) lost three paired differences (`the
    /// city` / `the land` when the next verse names another land). The holdout's figures
    /// were seen in this choice.
    pub nearby_claims: usize,
    /// A name must occur in at least this many claims of the work to have variants.
    pub name_min_claims: usize,
    /// Name variants are compared between at most this many accounts per name, so a name that
    /// every document of a large work mentions stays cheap.
    pub name_max_accounts: usize,
    /// Postings longer than this share of an account's claims are skipped when finding
    /// candidates: such words say little about which claim is the counterpart.
    pub common_share: f32,
}

impl Default for Tuning {
    fn default() -> Tuning {
        Tuning {
            meaning_floor: 0.35,
            meaning_weight: 0.6,
            meaning_candidates: 4,
            meaning_window: 0.2,
            meaning_window_min: 12,
            same_word: 0.6,
            substitution_pairs: 3,
            strong_words: 0.5,
            spelling_similarity: 0.6,
            candidates: 8,
            align_threshold: 0.28,
            min_cosine: 0.04,
            mutual_cosine: 0.1,
            strong_cosine: 0.2,
            w_neighbours: 0.6,
            w_paragraph: 0.3,
            w_order: 0.1,
            name_boost: 1.5,
            shared_vocabulary: 0.3,
            familiar_knee: 0.5,
            familiar_weight: 0.9,
            kind_abstract: 0.8,
            kind_verb: 0.5,
            kind_modifier: 0.4,
            close_frame: 0.6,
            loose_frame: 0.4,
            loose_work: 0.5,
            min_specificity: 0.55,
            faint_specificity: 0.2,
            pronoun_specificity: 0.4,
            nearby_claims: 2,
            name_min_claims: 3,
            name_max_accounts: 32,
            nearest_margin: 2,
            common_share: 0.25,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_and_floors_are_in_range() {
        let t = Tuning::default();
        for share in [
            t.meaning_floor,
            t.meaning_weight,
            t.meaning_window,
            t.same_word,
            t.strong_words,
            t.align_threshold,
            t.min_cosine,
            t.mutual_cosine,
            t.strong_cosine,
            t.familiar_knee,
            t.familiar_weight,
            t.kind_abstract,
            t.kind_verb,
            t.kind_modifier,
            t.close_frame,
            t.loose_frame,
            t.loose_work,
            t.min_specificity,
            t.pronoun_specificity,
            t.common_share,
        ] {
            assert!((0.0..=1.0).contains(&share), "{t:?}");
        }
        // A pair each claim of which is the other's best needs less overlap than one that is not.
        assert!(t.mutual_cosine < t.strong_cosine);
        assert!(t.min_cosine < t.mutual_cosine);
        assert!(t.loose_frame < t.close_frame);
        assert!((0.0..1.0).contains(&t.spelling_similarity));
        assert!(t.candidates > 0 && t.meaning_candidates > 0 && t.substitution_pairs > 1);
    }
}
