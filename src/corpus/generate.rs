//! A reproducible, recap-like corpus of any size, for scale tests and benches.
//!
//! Works of several accounts each (one folder per work). Every work has its own cast and
//! story; each account retells it in order with its own paragraphs and headings, and now
//! and then names a different place or object, skips a sentence, or adds one of its own:
//! the kinds of difference rashomon looks for. The same options and seed always write the
//! same bytes.

use std::io;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    /// Total claims to aim for (rounded up to whole works).
    pub claims: usize,
    pub accounts_per_work: usize,
    pub claims_per_account: usize,
    pub seed: u64,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            claims: 10_000,
            accounts_per_work: 3,
            claims_per_account: 60,
            seed: 42,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generated {
    pub works: usize,
    pub documents: usize,
    pub claims: usize,
    pub bytes: u64,
}

/// A small deterministic generator (a 64-bit LCG); no outside randomness.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "sa", "to", "vi", "nor", "el", "da", "qu", "ix", "ber", "an", "so",
    "ul", "ta", "gor", "fi", "me", "ash", "ro", "pe", "lin", "zu", "ha", "ob", "tri", "ne", "cal",
];
const VERBS: &[&str] = &[
    "finds",
    "hides",
    "follows",
    "meets",
    "questions",
    "warns",
    "chases",
    "leaves",
    "burns",
    "steals",
    "buries",
    "opens",
    "sells",
    "tracks",
    "betrays",
    "rescues",
    "poisons",
    "photographs",
    "hears",
    "abandons",
];
const LINKS: &[&str] = &[
    "while",
    "because",
    "before",
    "after",
    "although",
    "as soon as",
    "until",
    "since",
];

/// `n` distinct made-up words of 2 to 4 syllables.
fn words(rng: &mut Rng, n: usize) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    while out.len() < n {
        let len = 2 + rng.below(3);
        out.insert(
            (0..len)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect::<String>(),
        );
    }
    let mut v: Vec<String> = out.into_iter().collect();
    // Shuffle so that vocabulary order does not follow the alphabet.
    for i in (1..v.len()).rev() {
        v.swap(i, rng.below(i + 1));
    }
    v
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Writes the corpus under `dir` (one folder per work) and says what it wrote.
pub fn generate(dir: &Path, opts: &GenerateOptions) -> io::Result<Generated> {
    let mut rng = Rng(opts.seed);
    let nouns = words(&mut rng, 3000);
    let rare = words(&mut rng, 2000);
    let per_work = opts.accounts_per_work.max(1) * opts.claims_per_account.max(1);
    let works = opts.claims.div_ceil(per_work).max(1);
    let mut out = Generated::default();
    for w in 0..works {
        let cast: Vec<String> = (0..5).map(|_| capitalised(rng.pick(&nouns))).collect();
        let titles = ["Detective", "Captain", "Doctor", "Officer", "Chef"];
        let story: Vec<[usize; 6]> = (0..opts.claims_per_account)
            .map(|_| {
                [
                    rng.below(5),
                    rng.below(VERBS.len()),
                    rng.below(nouns.len()),
                    rng.below(nouns.len()),
                    rng.below(LINKS.len()),
                    rng.below(nouns.len()),
                ]
            })
            .collect();
        let folder = dir.join(format!("work{w:05}"));
        std::fs::create_dir_all(&folder)?;
        for a in 0..opts.accounts_per_work {
            let mut text = format!("Recap {a} of {}\n\n", capitalised(&nouns[w % nouns.len()]));
            let mut in_paragraph = 0;
            let mut paragraphs = 0;
            for (i, &[who, verb, object, place, link, clause]) in story.iter().enumerate() {
                if rng.below(20) == 0 {
                    continue; // this account skips a sentence
                }
                let object = if rng.below(8) == 0 {
                    rng.pick(&rare).to_owned()
                } else {
                    nouns[object].clone()
                };
                let title = if i == 0 || rng.below(6) == 0 {
                    format!("{} ", titles[(who + a * (w % 2)) % titles.len()])
                } else {
                    String::new()
                };
                text.push_str(&format!(
                    "{title}{} {} the {object} near the {} {} the {} returns. ",
                    cast[who], VERBS[verb], nouns[place], LINKS[link], nouns[clause]
                ));
                out.claims += 1;
                if rng.below(25) == 0 {
                    text.push_str(&format!(
                        "Only this account mentions the {}. ",
                        rng.pick(&rare)
                    ));
                    out.claims += 1;
                }
                in_paragraph += 1;
                if in_paragraph >= 5 + rng.below(3) {
                    text.push_str("\n\n");
                    in_paragraph = 0;
                    paragraphs += 1;
                    if paragraphs % 3 == 0 {
                        text.push_str(&format!("What happens to the {}?\n\n", rng.pick(&nouns)));
                    }
                }
            }
            text.push('\n');
            std::fs::write(folder.join(format!("account{a}.txt")), &text)?;
            out.documents += 1;
            out.bytes += text.len() as u64;
        }
        out.works += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_and_about_the_claims_asked() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let opts = GenerateOptions {
            claims: 2_000,
            ..GenerateOptions::default()
        };
        let ga = generate(a.path(), &opts).unwrap();
        let gb = generate(b.path(), &opts).unwrap();
        assert_eq!(ga, gb);
        assert_eq!(ga.works, 12);
        assert!((1_800..2_300).contains(&ga.claims), "{ga:?}");
        let read = |d: &Path| std::fs::read(d.join("work00003/account1.txt")).unwrap();
        assert_eq!(read(a.path()), read(b.path()));
    }
}
