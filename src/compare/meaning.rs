//! The semantic layer: a vector for each word, so that comparison can tell words that
//! mean nearly the same (`wept` / `cried`, `city` / `town`) from words that do not
//! (`bakery` / `birthday`), and pair claims that tell one event in other words.
//!
//! The table (`data/meaning/`) is distilled once from the sentence model all-MiniLM-L6-v2
//! (Apache-2.0) by `scripts/distill.py`: one 256-dimensional unit vector per token of the
//! model's 30,522-token WordPiece vocabulary, stored as int8 in Model2Vec's layout
//! (`model.safetensors`, `tokenizer.json`, `config.json`), compiled into the binary.
//!
//! Words come from the one analyzer ([`crate::analysis`]): comparison's words are already
//! split, lower-cased and folded, so only WordPiece's last step is left, the longest-match
//! lookup of a word's pieces in the vocabulary ([`Meaning::pieces`]); a word's vector is the
//! mean of its pieces', scaled to unit length. (The model2vec-rs crate would do the same
//! through the `tokenizers` crate, which adds four minutes to a fresh build here.)

use std::cell::RefCell;
use std::sync::OnceLock;

use foldhash::HashMap;
use serde::Deserialize;

/// Dimensions of a vector.
pub const DIMS: usize = 256;

static MODEL: &[u8] = include_bytes!("../../data/meaning/model.safetensors");
static TOKENIZER: &[u8] = include_bytes!("../../data/meaning/tokenizer.json");

/// The word-vector table.
pub struct Meaning {
    /// Piece → row; continuation pieces are stored with their `##` prefix.
    vocab: HashMap<String, u32>,
    /// `rows × DIMS` int8 values; one scale for the whole table.
    table: Vec<i8>,
}

/// A unit vector, or all zeros for a word the table has nothing for.
pub type Vector = [f32; DIMS];

#[derive(Deserialize)]
struct Tokenizer {
    model: TokenizerModel,
}

#[derive(Deserialize)]
struct TokenizerModel {
    vocab: HashMap<String, u32>,
}

impl Meaning {
    /// The table compiled into the binary, loaded on first use.
    pub fn get() -> &'static Meaning {
        static LOADED: OnceLock<Meaning> = OnceLock::new();
        LOADED.get_or_init(|| {
            Meaning::from_bytes(MODEL, TOKENIZER).expect("the compiled-in table is well formed")
        })
    }

    /// A table from Model2Vec's files: `model.safetensors` (tensor `embeddings`, int8,
    /// `rows × DIMS`) and `tokenizer.json` (a WordPiece vocabulary).
    pub fn from_bytes(model: &[u8], tokenizer: &[u8]) -> Result<Meaning, String> {
        let tensors = safetensors::SafeTensors::deserialize(model).map_err(|e| e.to_string())?;
        let embeddings = tensors.tensor("embeddings").map_err(|e| e.to_string())?;
        if embeddings.dtype() != safetensors::Dtype::I8 || embeddings.shape().get(1) != Some(&DIMS)
        {
            return Err(format!(
                "embeddings are {:?} {:?}, not int8 × {DIMS}",
                embeddings.dtype(),
                embeddings.shape()
            ));
        }
        let table: Vec<i8> = embeddings.data().iter().map(|&b| b as i8).collect();
        let tokenizer: Tokenizer = serde_json::from_slice(tokenizer).map_err(|e| e.to_string())?;
        let rows = (table.len() / DIMS) as u32;
        if let Some((piece, _)) = tokenizer.model.vocab.iter().find(|(_, r)| **r >= rows) {
            return Err(format!("{piece:?} has no row in the table"));
        }
        Ok(Meaning {
            vocab: tokenizer.model.vocab,
            table,
        })
    }

    /// The rows of `word`'s WordPiece pieces, longest match first; `None` when some part
    /// of it has no piece (the model would read it as unknown).
    pub fn pieces(&self, word: &str) -> Option<Vec<u32>> {
        let mut out = Vec::new();
        let mut rest = word;
        let mut piece = String::new();
        while !rest.is_empty() {
            let found = rest
                .char_indices()
                .map(|(i, c)| i + c.len_utf8())
                .rev()
                .find_map(|end| {
                    piece.clear();
                    if rest.len() < word.len() {
                        piece.push_str("##");
                    }
                    piece.push_str(&rest[..end]);
                    self.vocab.get(&piece).map(|&row| (end, row))
                });
            let (end, row) = found?;
            out.push(row);
            rest = &rest[end..];
        }
        Some(out)
    }

    /// The vector of a word as the analyzer gives it (lower case, folded), or of a phrase
    /// of such words separated by spaces: the mean of its pieces' vectors, unit length.
    pub fn vector(&self, words: &str) -> Vector {
        let mut sum = [0.0f32; DIMS];
        for word in words.split_whitespace() {
            for row in self.pieces(word).into_iter().flatten() {
                let at = row as usize * DIMS;
                for (s, &v) in sum.iter_mut().zip(&self.table[at..at + DIMS]) {
                    *s += f32::from(v);
                }
            }
        }
        normalised(sum)
    }
}

/// Distinct words whose vectors a thread remembers ([`word_vector`]): 4 MiB of vectors. A
/// work's words are mostly the common words of every work, so a comparing thread meets
/// the same few thousand again and again; once the memo is full, new words are computed
/// each time they are met and not kept.
const VECTOR_MEMO_WORDS: usize = 4096;

thread_local! {
    /// Vectors of the compiled-in table already computed in this thread, by word.
    static VECTORS: RefCell<HashMap<String, Vector>> = RefCell::new(HashMap::default());
}

/// The compiled-in table's vector of `words` ([`Meaning::vector`]), remembered for the
/// next time this thread asks: each work compared looks up its words afresh, and finding
/// a word's pieces and summing them cost about a tenth of comparing (docs/performance.md).
pub fn word_vector(words: &str) -> Vector {
    VECTORS.with(|memo| {
        if let Some(v) = memo.borrow().get(words) {
            return *v;
        }
        let v = Meaning::get().vector(words);
        let mut memo = memo.borrow_mut();
        if memo.len() < VECTOR_MEMO_WORDS {
            memo.insert(words.to_owned(), v);
        }
        v
    })
}

/// `v` scaled to unit length (zeros stay zeros).
pub fn normalised(mut v: Vector) -> Vector {
    let norm = dot(&v, &v).sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

/// The dot product: the cosine of two unit vectors.
pub fn dot(a: &Vector, b: &Vector) -> f32 {
    // Eight running sums rather than one: a single sum must add in order, one product at
    // a time, while eight independent ones let the compiler use vector instructions
    // (comparison spends most of its time here).
    let mut sums = [0.0f32; 8];
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for ((s, x), y) in sums.iter_mut().zip(x).zip(y) {
            *s += x * y;
        }
    }
    sums.iter().sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cos(a: &str, b: &str) -> f32 {
        let m = Meaning::get();
        dot(&m.vector(a), &m.vector(b))
    }

    #[test]
    fn words_split_into_their_vocabulary_pieces() {
        let m = Meaning::get();
        let one = m.pieces("bathtub").unwrap();
        assert!(!one.is_empty());
        // A name the vocabulary lacks is read as pieces, as the model reads it.
        let name = m.pieces("myungshik").unwrap();
        assert!(name.len() > 1, "{name:?}");
        assert_eq!(m.pieces(""), Some(vec![]));
        // A character with no piece makes the word unknown.
        assert_eq!(m.pieces("\u{2603}"), None);
        assert_eq!(m.vector("\u{2603}"), [0.0; DIMS]);
    }

    #[test]
    fn vectors_are_unit_length() {
        let v = Meaning::get().vector("pool of blood");
        assert!((dot(&v, &v) - 1.0).abs() < 1e-4);
    }

    #[test]
    fn near_meanings_are_closer_than_unrelated_words() {
        // Pairs a reader calls the same thing, against pairs that have nothing in common.
        for (same, other) in [
            (("city", "town"), ("city", "birthday")),
            (("wept", "cried"), ("wept", "silver")),
            (("died", "dead"), ("died", "bakery")),
            (("weapon", "knife"), ("weapon", "daughter")),
        ] {
            let (s, o) = (cos(same.0, same.1), cos(other.0, other.1));
            assert!(s > o + 0.2, "{same:?} {s} vs {other:?} {o}");
        }
    }

    #[test]
    fn remembered_vectors_are_the_tables_own() {
        for word in ["bathtub", "pool of blood", "myungshik", "\u{2603}", ""] {
            let table = Meaning::get().vector(word);
            // Computed, then remembered: both times the table's vector.
            assert_eq!(word_vector(word), table);
            assert_eq!(word_vector(word), table);
        }
        let remembered = VECTORS.with(|memo| memo.borrow().contains_key("bathtub"));
        assert!(remembered);
    }

    #[test]
    fn a_bad_table_is_refused() {
        assert!(Meaning::from_bytes(b"garbage", TOKENIZER).is_err());
        assert!(Meaning::from_bytes(MODEL, b"{}").is_err());
    }
}
