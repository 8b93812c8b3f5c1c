//! Comparison quality on labelled sets of text nobody on the project wrote
//! (tests/fixtures/differences/): the shipped recaps, Samuel-Kings against Chronicles,
//! Kings against Isaiah and Jeremiah, as a control two translations of the same chapters,
//! and a holdout of four more Samuel-Kings / Chronicles parallels, labelled after the
//! method was set and never tuned on. Each set was labelled by a reader who did not see
//! rashomon's output: the
//! places the accounts differ (`differences`) and places where they say the same thing in
//! other words (`not_differences`).
//!
//! Per work, differences are ranked as `rashomon diff` ranks them. The table printed:
//! - P@10, P@20: the share of a work's top 10 (20) that match a labelled difference,
//!   averaged over works (a work reporting fewer counts what it reports). Labellers listed
//!   at most six `only_in` items per work, so this undercounts.
//! - AUC: over all the differences of a set, the chance that a labelled one is ranked
//!   above one not labelled (0.5 is chance): the order of the whole list.
//! - R@20 paired: the share of labelled paired differences (name_variant, count, detail:
//!   both sides given) found, both sides, within the top 20 of their work.
//! - para: the share of labelled non-differences reported at all, and above the `≠`
//!   threshold of search hits.
//!
//! A difference matches a label (or reports a paraphrase) when its claims hold the
//! labelled words and it marks, as differing, a word inside them on one side at least: a
//! pair reported for what differs elsewhere in it does not report this. (Until compare
//! version 5 the claims alone counted, which took a pair differing on one thing as
//! reporting every paraphrase in it: K-C paraphrases reported 0.55, shown 0.24, where
//! marked words give 0.39 and 0.14; precision and recall were the same either way.)
//! A name variant is reported once per work; it matches a name-variant label whose words
//! hold its two names, in whichever claims ([`names_the_same`]).
//! - again: the share of each work's top 20 that repeats what a difference ranked above it
//!   says (the same words marked in the same claim on one side).
//! - reliability: for bands of score, how many differences and the share of them labelled;
//!   a score is meant as the chance that a reader agrees, so the share should be about the
//!   band's scores (pooled over the sets, asserted).
//!
//! With `TUNING='{"field": value, ...}'`, the sets are compared with those fields of
//! [`Tuning`] changed: a trial of a tuning value needs no change to the source.
//!
//! With `CALIBRATE=FILE`, the evidence of every difference is written to FILE (JSON Lines)
//! with its label, for `scripts/calibrate.py` to fit the score on.

mod common;

use std::path::{Path, PathBuf};

use rashomon::analysis::WordAnalyzer;
use rashomon::compare::{
    Account, DiffKind, Difference, SHOWN_CONFIDENCE, Side, Tuning, WorkAlignment, align_work_with,
};
use rashomon::corpus::Document;
use serde::Deserialize;

#[derive(Deserialize)]
struct Set {
    works: Vec<Work>,
}

#[derive(Deserialize)]
struct Work {
    id: String,
    documents: [String; 2],
    differences: Vec<Label>,
    not_differences: Vec<NotLabel>,
}

#[derive(Deserialize)]
struct Label {
    id: String,
    kind: DiffKind,
    also: Vec<DiffKind>,
    a: Option<String>,
    b: Option<String>,
    /// What the labeller said the difference is about (`where Choi summoned Min-hee`).
    #[serde(default)]
    about: String,
}

#[derive(Deserialize)]
struct NotLabel {
    id: String,
    a: String,
    b: String,
}

const SETS: [&str; 5] = [
    "recaps",
    "kings-chronicles",
    "kings-prophets",
    "translations",
    // Labelled after the method of compare version 5 was set, and never tuned on: how it
    // does on parallels it has not seen.
    HOLDOUT,
];

const HOLDOUT: &str = "kings-chronicles-holdout";

fn folder(set: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/differences")
        .join(set)
}

fn load(set: &str) -> Set {
    let text = std::fs::read_to_string(folder(set).join("labels.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The documents of a set are in its folder, but for the recaps, which are the shipped ones.
fn account(set: &str, name: &str) -> Account {
    let path = if set == "recaps" {
        common::shipped_corpus().join(name)
    } else {
        folder(set).join(name)
    };
    let bytes = std::fs::read(path).unwrap();
    let doc =
        Document::from_bytes(format!("{set}/{name}"), name.into(), set.into(), &bytes).unwrap();
    Account::from_document(&doc)
}

fn compared(set: &str, work: &Work) -> Vec<Difference> {
    aligned(set, work).1.differences
}

fn aligned(set: &str, work: &Work) -> (Vec<Account>, WorkAlignment) {
    let accounts: Vec<Account> = work.documents.iter().map(|d| account(set, d)).collect();
    let alignment = align_work_with(&mut WordAnalyzer::default(), &tuning(), &work.id, &accounts);
    (accounts, alignment)
}

/// The tuning values compared with: the shipped ones, or, for a trial, those `TUNING` sets
/// (JSON naming the fields of [`Tuning`] to change: `TUNING='{"close_frame": 0.7}'`).
fn tuning() -> Tuning {
    match std::env::var("TUNING") {
        Ok(json) => serde_json::from_str(&json).expect("TUNING is a JSON object of Tuning fields"),
        Err(_) => Tuning::default(),
    }
}

/// Why a paired label is not in the top 20 (for `SHOW`): whether alignment paired the
/// claims holding its two sides, and where a difference matching it ranks.
fn why_missed(work: &Work, label: &Label, accounts: &[Account], al: &WorkAlignment) -> String {
    let find = |acc: &Account, part: &Option<String>| {
        acc.claims
            .iter()
            .position(|c| holds(Some(c.text.as_str()), part))
    };
    let (Some(a), Some(b)) = (find(&accounts[0], &label.a), find(&accounts[1], &label.b)) else {
        return "a side is in no claim".into();
    };
    let paired: Vec<String> = al
        .pairs
        .iter()
        .filter(|p| p.claims.0 == a || p.claims.1 == b)
        .map(|p| {
            format!(
                "{}-{}{}",
                p.claims.0,
                p.claims.1,
                if p.in_order { "*" } else { "" }
            )
        })
        .collect();
    let rank = al.differences.iter().position(|d| matches(work, label, d));
    let touching: Vec<String> = al
        .differences
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            let (l, r) = sides(work, d);
            holds(l, &label.a) || holds(r, &label.b)
        })
        .map(|(i, d)| {
            format!(
                "#{i} {} {:?}|{:?}",
                d.kind.as_str(),
                d.left_terms,
                d.right_terms
            )
        })
        .collect();
    format!(
        "claims {a}-{b}; pairs with either: {paired:?}; reported at {rank:?}; near: {touching:?}"
    )
}

/// A difference's claims as (document a's, document b's).
fn sides<'d>(work: &Work, d: &'d Difference) -> (Option<&'d str>, Option<&'d str>) {
    let left = Some(d.left.text.as_str());
    let right = d.right.as_ref().map(|r| r.text.as_str());
    if d.left.doc == work.documents[0] {
        (left, right)
    } else {
        (right, left)
    }
}

fn holds(text: Option<&str>, part: &Option<String>) -> bool {
    match (text, part) {
        (Some(t), Some(p)) => t.contains(p.as_str()),
        _ => false,
    }
}

fn is_paired(label: &Label) -> bool {
    label.a.is_some() && label.b.is_some()
}

/// A difference's claims as (document a's, document b's), whole.
fn claims<'d>(work: &Work, d: &'d Difference) -> (Option<&'d Side>, Option<&'d Side>) {
    if d.left.doc == work.documents[0] {
        (Some(&d.left), d.right.as_ref())
    } else {
        (d.right.as_ref(), Some(&d.left))
    }
}

/// Whether the difference marks a word of `part` in `side`: one of its differing words
/// overlaps where `part` is in the claim.
fn marks(side: Option<&Side>, part: &Option<String>) -> bool {
    let (Some(side), Some(part)) = (side, part) else {
        return false;
    };
    side.text.match_indices(part.as_str()).any(|(at, p)| {
        side.highlights
            .iter()
            .any(|h| h.start < at + p.len() && at < h.end)
    })
}

/// Whether `d` reports `label`: a kind the label allows, the labelled words in the claims
/// on each side the label names (a paired label needs both sides), and a differing word
/// marked inside the labelled words of one side at least (a pair that differs elsewhere
/// does not report this difference). A paired label the labeller allowed as `only_in`
/// (one account gives a specific the other leaves vague) is also reported by an `only_in`
/// that marks its side; recall of paired differences still needs both sides.
fn matches(work: &Work, label: &Label, d: &Difference) -> bool {
    if names_the_same(work, label, d) {
        return true;
    }
    let kind_ok = label.kind == d.kind || label.also.contains(&d.kind);
    let (a, b) = sides(work, d);
    let a_ok = label.a.is_none() || holds(a, &label.a);
    let b_ok = label.b.is_none() || holds(b, &label.b);
    let (ca, cb) = claims(work, d);
    let marked = marks(ca, &label.a) || marks(cb, &label.b);
    let one_sided = d.kind == DiffKind::OnlyIn && label.kind != DiffKind::OnlyIn;
    kind_ok && marked && (one_sided || (a_ok && b_ok))
}

/// Whether name variant `d` gives the two names of a labelled name variant, in whichever
/// claims: a name variant is reported once per work, where the names first differ, and
/// stands for every place either name is written, while a labeller marks one of them
/// (`Shebnah` / `Shebna` in one verse of several).
fn names_the_same(work: &Work, label: &Label, d: &Difference) -> bool {
    let allowed =
        label.kind == DiffKind::NameVariant || label.also.contains(&DiffKind::NameVariant);
    let (Some(la), Some(lb)) = (&label.a, &label.b) else {
        return false;
    };
    let (ta, tb) = if d.left.doc == work.documents[0] {
        (&d.left_terms, &d.right_terms)
    } else {
        (&d.right_terms, &d.left_terms)
    };
    let within = |names: &[String], labelled: &str| {
        !names.is_empty() && names.iter().all(|n| labelled.contains(n.as_str()))
    };
    allowed && d.kind == DiffKind::NameVariant && within(ta, la) && within(tb, lb)
}

/// Whether `d` reports a labelled non-difference: both its claims (or one of them alone)
/// hold the paraphrase, and a differing word is marked inside it on one side at least.
fn reports(work: &Work, not: &NotLabel, d: &Difference) -> bool {
    let (a, b) = sides(work, d);
    let (na, nb) = (Some(not.a.clone()), Some(not.b.clone()));
    let (in_a, in_b) = (holds(a, &na), holds(b, &nb));
    let (ca, cb) = claims(work, d);
    let marked = marks(ca, &na) || marks(cb, &nb);
    marked
        && match d.right {
            Some(_) => in_a && in_b,
            None => in_a || in_b,
        }
}

fn labelled<'w>(work: &'w Work, d: &Difference) -> Option<&'w str> {
    work.differences
        .iter()
        .find(|l| matches(work, l, d))
        .map(|l| l.id.as_str())
}

fn precision(work: &Work, diffs: &[Difference], k: usize) -> Option<f64> {
    let top = &diffs[..k.min(diffs.len())];
    (!top.is_empty()).then(|| {
        top.iter().filter(|d| labelled(work, d).is_some()).count() as f64 / top.len() as f64
    })
}

/// How many of `diffs` say again what one ranked above them says: the same words marked in
/// the same claim on one side (the same places, not only the same text). One account's
/// claim joined to several of the other's is where this comes from: its own words are one
/// difference, not one per counterpart.
fn repeats(diffs: &[Difference]) -> usize {
    let mut seen = std::collections::HashSet::new();
    let mut n = 0;
    for d in diffs {
        let keys: Vec<_> = std::iter::once(&d.left)
            .chain(d.right.as_ref())
            .filter(|side| !side.highlights.is_empty())
            .map(|side| {
                let marked: Vec<(usize, usize)> =
                    side.highlights.iter().map(|h| (h.start, h.end)).collect();
                (side.doc.clone(), side.start, marked)
            })
            .collect();
        if keys.iter().any(|k| seen.contains(k)) {
            n += 1;
        }
        seen.extend(keys);
    }
    n
}

/// Figures of one set.
#[derive(Default, Debug)]
struct Figures {
    p10: Vec<f64>,
    p20: Vec<f64>,
    paired: usize,
    paired_found: usize,
    /// Of the top 20 of each work, how many were counted, and how many say again what one
    /// ranked above them says (see [`repeats`]).
    top: usize,
    repeats: usize,
    nots: usize,
    nots_reported: usize,
    nots_shown: usize,
    /// Per band of score (tenths): (differences, labelled ones, sum of their scores).
    bands: [(usize, usize, f64); 10],
    /// Every difference's strength (the order of `diff`) and whether it is labelled.
    ranked: Vec<(f32, bool)>,
    /// Of the paired differences found whose label's `about` asks a question (`where`,
    /// `who`, `how many`), how many the difference's `about` asks too.
    asked: usize,
    agreed: usize,
}

/// The question an `about` starts with (`where Choi summoned Min-hee`, `how many: men`,
/// `what happened: ...`), if it starts with one.
fn question(about: &str) -> Option<&'static str> {
    let mut words = about
        .split(|c: char| c.is_whitespace() || c == ':')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    Some(match words.next()?.as_str() {
        "who" | "whom" | "whose" => "who",
        "where" => "where",
        "when" => "when",
        "how" => match words.next().as_deref() {
            Some("many") => "how many",
            Some("much") => "how much",
            _ => "how",
        },
        "what" | "which" => "what",
        _ => return None,
    })
}

/// The chance that a labelled difference of a set is ranked above one not labelled (ties
/// count half; 0.5 is chance): how well the whole list is ordered, where P@10 and P@20 see
/// its top.
fn auc(ranked: &[(f32, bool)]) -> f64 {
    let (pos, neg): (Vec<&(f32, bool)>, Vec<_>) = ranked.iter().partition(|r| r.1);
    let pairs = (pos.len() * neg.len()).max(1) as f64;
    let above: f64 = pos
        .iter()
        .flat_map(|p| neg.iter().map(move |n| (p.0, n.0)))
        .map(|(p, n)| match p.total_cmp(&n) {
            std::cmp::Ordering::Greater => 1.0,
            std::cmp::Ordering::Equal => 0.5,
            std::cmp::Ordering::Less => 0.0,
        })
        .sum();
    above / pairs
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        f64::NAN
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

/// The lines `scripts/calibrate.py` reads for one work: one naming its paired labels, then
/// one per difference with its features and whether (and which) label it matches.
fn evidence_lines(set: &str, work: &Work, diffs: &[Difference]) -> Vec<serde_json::Value> {
    let paired: Vec<&str> = work
        .differences
        .iter()
        .filter(|l| is_paired(l))
        .map(|l| l.id.as_str())
        .collect();
    let mut lines = vec![serde_json::json!({"set": set, "work": work.id, "paired": paired})];
    for d in diffs {
        let label = labelled(work, d);
        let paired_label = work
            .differences
            .iter()
            .find(|l| is_paired(l) && d.right.is_some() && matches(work, l, d))
            .map(|l| l.id.as_str());
        lines.push(serde_json::json!({
            "set": set,
            "work": work.id,
            "kind": d.kind.as_str(),
            "score": d.score,
            "strength": d.evidence.strength(),
            "label": u8::from(label.is_some()),
            "matches": paired_label,
            "paraphrase": work.not_differences.iter().any(|n| reports(work, n, d)),
            "left_terms": d.left_terms,
            "right_terms": d.right_terms,
            "features": d.evidence,
        }));
    }
    lines
}

fn measure(set: &str, show: bool) -> Figures {
    let mut f = Figures::default();
    let calibrate = std::env::var_os("CALIBRATE");
    for work in load(set).works {
        let (accounts, alignment) = aligned(set, &work);
        let diffs = &alignment.differences;
        // The holdout stays out of the fit, so that its figures stay unseen.
        if let Some(path) = calibrate.as_ref().filter(|_| set != HOLDOUT) {
            use std::io::Write;
            let mut out = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .unwrap();
            for line in evidence_lines(set, &work, diffs) {
                writeln!(out, "{line}").unwrap();
            }
        }
        if show {
            eprintln!("== {set}/{}: {} differences", work.id, diffs.len());
            for (i, d) in diffs.iter().take(20).enumerate() {
                let (a, b) = sides(&work, d);
                eprintln!(
                    "{i:2} {:.2} {:12} {:24} {:?} | {:?}\n      a: {}\n      b: {}",
                    d.score,
                    d.kind.as_str(),
                    labelled(&work, d).unwrap_or("-"),
                    d.left_terms,
                    d.right_terms,
                    a.unwrap_or("-"),
                    b.unwrap_or("-")
                );
            }
        }
        f.p10.extend(precision(&work, diffs, 10));
        f.p20.extend(precision(&work, diffs, 20));
        let top = &diffs[..20.min(diffs.len())];
        f.top += top.len();
        f.repeats += repeats(top);
        for label in work.differences.iter().filter(|l| is_paired(l)) {
            f.paired += 1;
            let hit = top
                .iter()
                .find(|d| d.right.is_some() && matches(&work, label, d));
            let found = hit.is_some();
            f.paired_found += usize::from(found);
            // A label may ask two questions (`when or where the three came`, `what was
            // fastened, and where`).
            let alternative = [" or ", ", and "]
                .iter()
                .find_map(|joint| label.about.split_once(joint))
                .map(|(_, rest)| rest);
            if let (Some(d), Some(asked)) = (hit, question(&label.about)) {
                let ours = question(&d.about);
                let agrees =
                    ours == Some(asked) || ours.is_some() && ours == alternative.and_then(question);
                f.asked += 1;
                f.agreed += usize::from(agrees);
                if show && !agrees {
                    eprintln!(
                        "   about {}: {:?} / labelled {:?}",
                        label.id, d.about, label.about
                    );
                }
            }
            if show && !found {
                let why = why_missed(&work, label, &accounts, &alignment);
                eprintln!("   missed {}: {why}", label.id);
            }
        }
        for not in &work.not_differences {
            f.nots += 1;
            let hit = diffs.iter().find(|d| reports(&work, not, d));
            f.nots_reported += usize::from(hit.is_some());
            let shown = hit.is_some_and(|d| d.right.is_some() && d.score >= SHOWN_CONFIDENCE);
            f.nots_shown += usize::from(shown);
            if let (true, Some(d)) = (show && shown, hit) {
                eprintln!(
                    "   paraphrase shown: {} ({:.2} {} {:?} | {:?})",
                    not.id,
                    d.score,
                    d.kind.as_str(),
                    d.left_terms,
                    d.right_terms
                );
            }
        }
        for d in diffs {
            let labelled = labelled(&work, d).is_some();
            f.ranked.push((d.evidence.strength(), labelled));
            let band = &mut f.bands[((d.score * 10.0) as usize).min(9)];
            band.0 += 1;
            band.1 += usize::from(labelled);
            band.2 += f64::from(d.score);
        }
    }
    f
}

fn ratio(n: usize, of: usize) -> f64 {
    n as f64 / of.max(1) as f64
}

#[test]
fn labelled_sets_precision_recall_and_reliability() {
    let mut all = Vec::new();
    eprintln!(
        "{:18} {:>5} {:>5} {:>5} {:>11} {:>16} {:>5}  reliability (score band: differences, share labelled)",
        "set", "P@10", "P@20", "AUC", "R@20 paired", "para rep/shown", "again"
    );
    for set in SETS {
        let f = measure(set, std::env::var_os("SHOW").is_some());
        let bands: Vec<String> = f
            .bands
            .iter()
            .enumerate()
            .filter(|(_, (n, _, _))| *n > 0)
            .map(|(i, (n, l, _))| format!("{:.1}-: {n} {:.2}", i as f64 / 10.0, ratio(*l, *n)))
            .collect();
        eprintln!(
            "{set:18} {:5.2} {:5.2} {:5.2} {:5.2} ({:2}/{:2}) {:5.2}/{:.2} ({}) {:5.2}  {}",
            mean(&f.p10),
            mean(&f.p20),
            auc(&f.ranked),
            ratio(f.paired_found, f.paired),
            f.paired_found,
            f.paired,
            ratio(f.nots_reported, f.nots),
            ratio(f.nots_shown, f.nots),
            f.nots,
            ratio(f.repeats, f.top),
            bands.join(", ")
        );
        all.push((set, f));
    }
    for (set, f) in &all {
        eprintln!(
            "{set}: about asks the labelled question for {} of {} paired differences found",
            f.agreed, f.asked
        );
    }
    // Calibration, pooled: in each band the share labelled is near the mean score, and
    // over all bands the gap, weighted by differences, is small.
    let mut pooled = [(0usize, 0usize, 0.0f64); 10];
    for (_, f) in &all {
        for (p, b) in pooled.iter_mut().zip(&f.bands) {
            (p.0, p.1, p.2) = (p.0 + b.0, p.1 + b.1, p.2 + b.2);
        }
    }
    let total: usize = pooled.iter().map(|b| b.0).sum();
    let gap: f64 = pooled
        .iter()
        .filter(|b| b.0 > 0)
        .map(|&(n, l, s)| (ratio(l, n) - s / n as f64).abs() * n as f64)
        .sum::<f64>()
        / total.max(1) as f64;
    eprintln!("calibration: mean gap between share labelled and score, pooled: {gap:.3}");
    assert!(gap <= 0.1, "calibration gap {gap}");
    // Floors: what the method reached, less a margin of about 0.05; raise them as it
    // improves (P@10, R@20 paired, most paraphrases shown). Last raised at compare version
    // 22 (the paraphrase ones; shown then: recaps 0.00, Samuel-Kings / Chronicles 0.07,
    // Kings / prophets 0.02, holdout 0.07, control 0.08) and 26 (the holdout's P@10 and
    // R@20, then 0.61 and 0.74) and 31 (recall of Samuel-Kings / Chronicles, Kings /
    // prophets and the holdout, then 0.82, 0.67 and 0.83; Kings / prophets' P@10, 0.53)
    // and 35 (Kings / prophets' P@10 and R@20, then 0.60 and 0.70).
    // The control reports few real differences: its figure is the paraphrase one.
    for (set, f) in &all {
        let (p10, r20, para) = match *set {
            "recaps" => (0.6, 0.3, 0.05),
            "kings-chronicles" => (0.5, 0.77, 0.1),
            "kings-prophets" => (0.55, 0.65, 0.05),
            "kings-chronicles-holdout" => (0.55, 0.78, 0.1),
            _ => (0.0, 0.0, 0.1),
        };
        assert!(mean(&f.p10) >= p10, "{set} precision@10");
        assert!(ratio(f.paired_found, f.paired) >= r20, "{set} recall@20");
        assert!(
            ratio(f.nots_shown, f.nots) <= para,
            "{set} paraphrase shown"
        );
        // A claim joined to several tells its own words once (none at compare version 10,
        // 0.07-0.12 of the Bible sets' top 20s before).
        assert!(
            ratio(f.repeats, f.top) <= 0.05,
            "{set} repeated differences"
        );
    }
}

fn recaps() -> (Work, Vec<Difference>) {
    let work = load("recaps").works.remove(0);
    let diffs = compared("recaps", &work);
    (work, diffs)
}

#[test]
fn both_known_examples_are_at_the_top() {
    let (work, diffs) = recaps();
    for id in ["villain-name", "body-found"] {
        let label = work.differences.iter().find(|l| l.id == id).unwrap();
        let rank = diffs.iter().position(|d| matches(&work, label, d));
        assert!(rank.is_some_and(|r| r < 3), "{id} at rank {rank:?}");
    }
    let chef = diffs
        .iter()
        .find(|d| d.kind == DiffKind::NameVariant)
        .unwrap();
    assert_eq!(
        (chef.left_terms.as_slice(), chef.right_terms.as_slice()),
        (
            &["Chef Choi".to_string()][..],
            &["Pro Choi".to_string()][..]
        )
    );
    let bath = diffs
        .iter()
        .find(|d| d.left.text.contains("bathtub") && d.kind == DiffKind::Detail)
        .unwrap();
    assert!(
        bath.left_terms.iter().any(|t| t.contains("bathtub")),
        "{:?}",
        bath.left_terms
    );
    assert!(
        bath.right_terms.iter().any(|t| t.contains("pool of blood")),
        "{:?}",
        bath.right_terms
    );
}

#[test]
fn case_and_punctuation_variants_are_not_name_variants() {
    let (_, diffs) = recaps();
    let folded = |terms: &[String]| -> String {
        terms
            .concat()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    for d in diffs.iter().filter(|d| d.kind == DiffKind::NameVariant) {
        assert_ne!(folded(&d.left_terms), folded(&d.right_terms), "{d:?}");
    }
}

/// Two claims paired by meaning alone (they share no word) have no place where they differ:
/// no difference but a name variant comes of them, in any labelled set. The recaps had one,
/// `done the same thing with hundreds of girls` / `beat up multiple men twice her size`,
/// reported as a count.
#[test]
fn claims_sharing_no_word_name_no_difference() {
    for set in SETS {
        for work in load(set).works {
            for d in compared(set, &work) {
                let unframed = d.right.is_some() && d.shared_terms.is_empty();
                assert!(
                    !unframed || d.kind == DiffKind::NameVariant,
                    "{set}: {d:#?}"
                );
            }
        }
    }
}
