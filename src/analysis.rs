//! The one text analyzer.
//!
//! Indexing, query parsing, highlighting and (later) comparison all see text through
//! [`analyzer`], so whatever matches is exactly what gets highlighted. This module owns
//! word splitting and normalisation; it knows nothing about documents or the index.
//!
//! The chain is: [`RecapTokenizer`] (words, apostrophes, hyphenated compounds) →
//! drop over-long tokens → lower case → fold accents to ASCII → English stemming.
//!
//! What the chain makes equivalent:
//! - case: `CHOI` = `choi`;
//! - apostrophes and quotes, curly or straight: `Choi’s` = `Choi's` = `Choi`, and quote marks
//!   around a word are not part of it (`‘Ballerina’` = `Ballerina`);
//! - hyphenated compounds: `Min-hee` is indexed as `min` `hee` (consecutive positions) and as
//!   the joined `minhee` (at the position of `min`), so `Min-hee`, `min hee` and `minhee` meet;
//! - accents: `crème` = `creme`;
//! - inflection: `kills` = `killed` = `killing` (Snowball English via rust-stemmers), and the
//!   irregular forms the stemmer cannot see: `found` = `find`, `met` = `meet`, `men` = `man`,
//!   `dead` = `death` = `die`, and older English forms: `spake` = `speak`, `shewed` = `show`
//!   ([`IRREGULAR`]).
//!
//! Stop words are kept, so phrases such as `"pool of blood"` match as written. Comparison
//! code skips them with [`is_stop_word`], which is defined on analyzed terms.

use std::cell::RefCell;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use foldhash::{HashMap, HashMapExt};
use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, Token, TokenFilter,
    TokenStream, Tokenizer,
};

/// Name under which the analyzer is registered with tantivy.
pub const ANALYZER_NAME: &str = "rashomon_en";

/// Identifies the analyzer's behaviour; stored in the index so that an index built with
/// different settings is detected. Bump it whenever tokens would change.
pub const ANALYZER_VERSION: &str = "rashomon_en/4: recap-words-without-markup, remove-long-64, lower, ascii-fold, own-terms, snowball-english";

/// Tokens longer than this many bytes (after joining a compound) are dropped: they are
/// almost always noise (URLs without spaces, base64) and would bloat the term dictionary.
pub const MAX_TOKEN_BYTES: usize = 64;

/// Builds the analyzer used everywhere.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RecapTokenizer)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES + 1))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(EnglishStemmer)
        .build()
}

/// Runs `text` through `analyzer` and collects the tokens (offsets are byte offsets into `text`).
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    analyzer
        .token_stream(text)
        .process(&mut |t: &Token| out.push(t.clone()));
    out
}

/// First letters (lower case ASCII) of the terms a caller looks for; see [`Initials::of`].
#[derive(Debug, Clone, PartialEq)]
pub struct Initials {
    ascii: [bool; 128],
}

impl Initials {
    /// The first letters of `terms` (analyzed terms), and of the irregular forms whose base
    /// starts with one of them (`went` may become `go`).
    pub fn of<'a>(terms: impl IntoIterator<Item = &'a str>) -> Initials {
        let mut ascii = [false; 128];
        for t in terms {
            if let Some(&b) = t.as_bytes().first().filter(|b| b.is_ascii()) {
                ascii[b as usize] = true;
            }
        }
        for (form, base) in IRREGULAR {
            if ascii[base.as_bytes()[0] as usize] {
                ascii[form.as_bytes()[0] as usize] = true;
            }
        }
        Initials { ascii }
    }

    /// Whether a word part starting with `c` may analyze to a term with one of these first
    /// letters. Anything not ASCII may: case mapping and folding can turn it into anything.
    fn admits(&self, c: char) -> bool {
        !c.is_ascii() || self.ascii[c.to_ascii_lowercase() as usize]
    }
}

/// Distinct words a [`WordAnalyzer`] remembers before it starts afresh, so one kept for a
/// whole ingest stays small.
const WORD_MEMO_WORDS: usize = 50_000;

/// The one analyzer applied to single words, remembering each distinct word's tokens: the
/// passages of one search repeat their names and words, so most words are looked up rather
/// than analyzed again.
pub struct WordAnalyzer {
    analyzer: TextAnalyzer,
    seen: hashbrown::HashMap<String, Vec<Token>>,
}

impl Default for WordAnalyzer {
    fn default() -> WordAnalyzer {
        WordAnalyzer::new(analyzer())
    }
}

impl WordAnalyzer {
    /// Wraps `analyzer`, which must be [`analyzer`].
    pub fn new(analyzer: TextAnalyzer) -> WordAnalyzer {
        WordAnalyzer {
            analyzer,
            seen: hashbrown::HashMap::new(),
        }
    }

    /// All the tokens of `text`, exactly as [`tokens`] gives them (texts, offsets and
    /// positions), each distinct word analyzed once.
    pub fn text_tokens(&mut self, text: &str) -> Vec<Token> {
        tokens_of_words(self, text, |_| true)
    }

    /// Calls `each` with every word of `text` in order: where it starts, and its tokens
    /// (offsets and positions relative to the word), as [`WordAnalyzer::text_tokens`]
    /// would place them. Nothing is copied.
    pub fn each_word(&mut self, text: &str, mut each: impl FnMut(usize, &[Token])) {
        for WordSpan { start, end, .. } in words(text) {
            each(start, self.tokens(&text[start..end]));
        }
    }

    /// The tokens of one word, with offsets and positions relative to the word.
    fn tokens(&mut self, word: &str) -> &[Token] {
        if self.seen.len() >= WORD_MEMO_WORDS && !self.seen.contains_key(word) {
            self.seen.clear();
        }
        // One lookup for a word already seen (most words).
        let analyzer = &mut self.analyzer;
        self.seen
            .entry_ref(word)
            .or_insert_with(|| tokens(analyzer, word))
    }
}

/// The tokens of `text` whose terms may start with one of `initials`, exactly as [`tokens`]
/// gives them (texts, offsets and positions); other tokens may be missing.
///
/// Lower-casing, folding and stemming keep a term's first letter (Snowball English only
/// rewrites endings), so a word none of whose parts starts with an initial cannot yield
/// such a term, and it is skipped without being analyzed. Each remaining word goes
/// through the analyzer on its own: the tokenizer treats words one by one, so its tokens
/// are the same as in context once moved to the word's place. This is what lets
/// highlighting run the one analyzer over only the words that can match.
pub fn tokens_starting_with(
    analyzer: &mut WordAnalyzer,
    text: &str,
    initials: &Initials,
) -> Vec<Token> {
    tokens_of_words(analyzer, text, |c| initials.admits(c))
}

/// The tokens of the words of `text` one of whose parts starts with a character that
/// `admits`, analyzed word by word and moved to the word's place.
fn tokens_of_words(
    analyzer: &mut WordAnalyzer,
    text: &str,
    admits: impl Fn(char) -> bool,
) -> Vec<Token> {
    let mut out = Vec::new();
    let mut position = 0;
    for WordSpan { start, end, plain } in words(text) {
        let word = &text[start..end];
        let (parts, admitted) = if plain {
            (1, admits(char::from(word.as_bytes()[0])))
        } else {
            parts_of(word).fold((0, false), |(parts, admitted), (from, _)| {
                let first = word[from..].chars().next();
                (parts + 1, admitted || first.is_some_and(&admits))
            })
        };
        if admitted {
            out.extend(analyzer.tokens(word).iter().map(|t| Token {
                offset_from: start + t.offset_from,
                offset_to: start + t.offset_to,
                position: position + t.position,
                ..t.clone()
            }));
        }
        position += parts;
    }
    out
}

/// True for characters that may sit inside a word between two letters or digits and that we
/// treat as apostrophes: `'`, `’`, `‘` (often typed for an apostrophe) and `ʼ`.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// True for characters that join the parts of a hyphenated compound (`Min-hee`).
/// Dashes used as punctuation (en and em dash) are not joiners.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Splits text into words. Letters and digits form words; an apostrophe or hyphen between two
/// word characters continues the word. Within a word:
/// - apostrophes are dropped and a trailing `'s` is removed (`Choi’s` → `Choi`,
///   `doesn’t` → `doesnt`);
/// - each hyphen-separated part is its own token, and a compound of several parts also yields
///   the parts joined, at the position of the first part.
///
/// Offsets always cover the word as written, including a removed `’s`, so a highlight
/// covers what the reader sees.
#[derive(Clone, Default)]
pub struct RecapTokenizer;

/// The tokens of one text, made as they are asked for: a plain word (most words) is written
/// into the one token the stream reuses, so tokenizing allocates nothing per word.
pub struct RecapTokenStream<'a> {
    text: &'a str,
    words: std::vec::IntoIter<WordSpan>,
    position: usize,
    /// The rest of the current word's tokens (a compound's), the next one last.
    pending: Vec<Token>,
    token: Token,
}

impl Tokenizer for RecapTokenizer {
    type TokenStream<'a> = RecapTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> RecapTokenStream<'a> {
        RecapTokenStream {
            text,
            words: words(text).into_iter(),
            position: 0,
            pending: Vec::new(),
            token: Token::default(),
        }
    }
}

impl TokenStream for RecapTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(next) = self.pending.pop() {
            self.token = next;
            return true;
        }
        for span in self.words.by_ref() {
            if span.plain {
                let token = &mut self.token;
                token.text.clear();
                token.text.push_str(&self.text[span.start..span.end]);
                token.offset_from = span.start;
                token.offset_to = span.end;
                token.position = self.position;
                token.position_length = 1;
                self.position += 1;
                return true;
            }
            push_word(self.text, span, &mut self.position, &mut self.pending);
            self.pending.reverse();
            if let Some(next) = self.pending.pop() {
                self.token = next;
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Where a word is in a text, and whether it is plain: only ASCII letters and digits, as
/// most words are. A plain word is one part with nothing to strip, and its one token is the
/// word itself.
#[derive(Debug, Clone, Copy, PartialEq)]
struct WordSpan {
    start: usize,
    end: usize,
    plain: bool,
}

/// The words in `text`: runs of alphanumerics, continued across a single
/// apostrophe or hyphen that has a word character on both sides; markup is not words
/// ([`markup_end`]).
fn words(text: &str) -> Vec<WordSpan> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 5);
    let mut i = 0;
    while i < bytes.len() {
        // Spaces and ASCII punctuation are skipped without decoding.
        let gap = |b: &u8| b.is_ascii() && !ASCII_WORD[*b as usize];
        if let Some(skip) = bytes[i..].iter().position(|b| !gap(b)) {
            i += skip;
        } else {
            break;
        }
        // Past the gap: an ASCII letter or digit, or a character to decode.
        let len = match bytes[i].is_ascii() {
            true => 1,
            false => match word_char(text, i) {
                (true, len) => len,
                (false, len) => {
                    i += len;
                    continue;
                }
            },
        };
        if let Some(past) = markup_end(bytes, i) {
            i = past;
            continue;
        }
        let start = i;
        let mut end = i + len;
        let mut plain = len == 1;
        loop {
            // The run of word characters; ASCII is classified without decoding.
            loop {
                end += bytes[end..]
                    .iter()
                    .position(|&b| !ASCII_WORD[b as usize])
                    .unwrap_or(bytes.len() - end);
                match bytes.get(end) {
                    Some(b) if !b.is_ascii() => match word_char(text, end) {
                        (true, len) => {
                            end += len;
                            plain = false;
                        }
                        (false, _) => break,
                    },
                    _ => break,
                }
            }
            let joiner = match bytes.get(end) {
                Some(b'\'' | b'-') => Some(1),
                Some(b) if !b.is_ascii() => joiner_len(text, end),
                _ => None,
            };
            match joiner {
                Some(len) if word_char(text, end + len).0 => {
                    end += len;
                    plain = false;
                }
                _ => break,
            }
        }
        out.push(WordSpan { start, end, plain });
        i = end;
    }
    out
}

/// Where markup that starts at the word character at byte `i` ends, when it does start
/// there: what a reader never reads as words of the text, though Markdown and HTML put it
/// in. That is a link's destination (`[text](url)`, the `url`), an HTML tag (`<br>`,
/// `<a href="...">`, `</p>`: the tag and its attributes), and a bare web address
/// (`https://...`, `www....`), each up to the white space or bracket that closes it.
/// Skipping it here, in the one analyzer, keeps it out of the index, the highlighting and
/// comparison alike, while the text and its byte offsets stay as the file has them.
fn markup_end(bytes: &[u8], i: usize) -> Option<usize> {
    let before = &bytes[..i];
    let until = |from: usize, stop: &dyn Fn(u8) -> bool| {
        from + bytes[from..]
            .iter()
            .position(|&b| stop(b))
            .unwrap_or(bytes.len() - from)
    };
    if before.ends_with(b"](") {
        return Some(until(i, &|b| b == b')' || b.is_ascii_whitespace()));
    }
    if before.ends_with(b"<") || before.ends_with(b"</") {
        // A tag: a name of ASCII letters and digits, then attributes up to `>` on the
        // same line. "<3" or "a < b" is no tag: there is no `>` closing it.
        let name_end = until(i, &|b| !b.is_ascii_alphanumeric());
        let is_tag = bytes[i].is_ascii_alphabetic()
            && matches!(bytes.get(name_end), Some(b'>' | b' ' | b'/' | b'\t'));
        let close = until(name_end, &|b| b == b'>' || b == b'\n' || b == b'<');
        if is_tag && bytes.get(close) == Some(&b'>') {
            return Some(close + 1);
        }
        return None;
    }
    let rest = &bytes[i..];
    let starts = |prefix: &[u8]| {
        rest.len() > prefix.len() && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    if starts(b"http://") || starts(b"https://") || starts(b"www.") {
        return Some(until(i, &|b| {
            b.is_ascii_whitespace() || matches!(b, b')' | b'>' | b']' | b'"')
        }));
    }
    None
}

/// Bytes that are ASCII letters and digits.
static ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Whether the character at byte `i` of `text` is a word character (a letter or digit),
/// and its length in bytes; `(false, 0)` past the end.
#[inline]
fn word_char(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes().get(i) {
        None => (false, 0),
        Some(b) if b.is_ascii() => (ASCII_WORD[*b as usize], 1),
        Some(_) => {
            let c = text[i..].chars().next().unwrap_or_default();
            (
                !is_general_punctuation(c) && c.is_alphanumeric(),
                c.len_utf8(),
            )
        }
    }
}

/// True for the Unicode block General Punctuation (curly quotes, dashes, ellipses, spaces),
/// common in recaps and none of it letters or digits: a range test, where
/// `char::is_alphanumeric` looks the character up in two tables.
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// The length of the apostrophe or hyphen at byte `i` of `text`, if there is one there.
fn joiner_len(text: &str, i: usize) -> Option<usize> {
    let c = text.get(i..)?.chars().next()?;
    (is_apostrophe(c) || is_hyphen(c)).then(|| c.len_utf8())
}

/// Emits the tokens for the word `text[start..end]`, one that is not plain (the stream
/// writes a plain word's one token itself).
///
/// A word has one position per part ([`parts_of`]).
fn push_word(text: &str, span: WordSpan, position: &mut usize, out: &mut Vec<Token>) {
    let WordSpan { start, end, .. } = span;
    let word = &text[start..end];
    let parts: Vec<(usize, usize, String)> = parts_of(word)
        .map(|(a, b)| (start + a, start + b, strip_apostrophes(&word[a..b])))
        .collect();
    let Some(first) = parts.first() else { return };
    let base = *position;
    let first_token = Token {
        offset_from: first.0,
        offset_to: first.1,
        position: base,
        text: first.2.clone(),
        position_length: 1,
    };
    out.push(first_token);
    if parts.len() > 1 {
        out.push(Token {
            offset_from: start,
            offset_to: end,
            position: base,
            text: parts.iter().map(|p| p.2.as_str()).collect(),
            position_length: parts.len(),
        });
    }
    for (k, (from, to, t)) in parts.iter().enumerate().skip(1) {
        out.push(Token {
            offset_from: *from,
            offset_to: *to,
            position: base + k,
            text: t.clone(),
            position_length: 1,
        });
    }
    *position = base + parts.len();
}

/// Byte ranges within `word` (a word from [`words`]) of its hyphen-separated parts that
/// give a token: not those left empty once apostrophes are stripped (`ʼs`, where `ʼ` is a
/// letter).
fn parts_of(word: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    word.split(is_hyphen)
        .filter(|part| !strips_to_nothing(part))
        .map(move |part| {
            // Hyphens differ in length, so each part's place is read off the slice itself.
            let at = part.as_ptr() as usize - word.as_ptr() as usize;
            (at, at + part.len())
        })
}

/// Endings after an apostrophe that are dropped: the possessive `'s` and the contracted
/// `'ll`, `'re`, `'ve`, `'d`, `'m` (`she’ll` is `she`, not `shell`). `n't` is kept
/// (`didn’t` → `didnt`): a negation is not the bare verb.
const CLITICS: &[&str] = &["s", "ll", "re", "ve", "d", "m"];

/// The pieces of `part` between apostrophes that stay in the word: all of them but a final
/// clitic (`Choi’s` keeps `Choi`; a lone `s` is kept).
fn kept_pieces(part: &str) -> impl Iterator<Item = &str> {
    let mut pieces = part.split(is_apostrophe);
    let last = pieces.next_back();
    let several = pieces.clone().next().is_some();
    let clitic = several && last.is_some_and(|p| CLITICS.iter().any(|c| p.eq_ignore_ascii_case(c)));
    pieces.chain(last.filter(|_| !clitic))
}

/// Whether [`strip_apostrophes`] leaves nothing of `part` (it is only apostrophes, or
/// apostrophes and a clitic), found without building the stripped text.
fn strips_to_nothing(part: &str) -> bool {
    kept_pieces(part).all(str::is_empty)
}

/// Removes apostrophes from one hyphen-free part, dropping a final clitic (`Choi’s`,
/// `it’s`, `they’re`) so the bare word remains.
fn strip_apostrophes(part: &str) -> String {
    if !part.contains(is_apostrophe) {
        return part.to_owned();
    }
    kept_pieces(part).collect()
}

/// Irregular forms mapped to the word the stemmer would give for the regular form:
/// past tenses and participles of common verbs, irregular plurals, and the die/dead/death
/// family (recaps say all three about the same event). Applied before stemming.
pub const IRREGULAR: &[(&str, &str)] = &[
    ("am", "be"),
    ("are", "be"),
    ("is", "be"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("did", "do"),
    ("does", "do"),
    ("done", "do"),
    ("had", "have"),
    ("has", "have"),
    ("went", "go"),
    ("gone", "go"),
    ("found", "find"),
    ("met", "meet"),
    ("took", "take"),
    ("taken", "take"),
    ("saw", "see"),
    ("seen", "see"),
    ("made", "make"),
    ("told", "tell"),
    ("said", "say"),
    ("brought", "bring"),
    ("thought", "think"),
    ("knew", "know"),
    ("known", "know"),
    ("gave", "give"),
    ("given", "give"),
    ("came", "come"),
    ("kept", "keep"),
    ("held", "hold"),
    ("began", "begin"),
    ("begun", "begin"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("felt", "feel"),
    ("got", "get"),
    ("gotten", "get"),
    ("ran", "run"),
    ("shot", "shoot"),
    ("stood", "stand"),
    ("sat", "sit"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("wrote", "write"),
    ("written", "write"),
    ("fought", "fight"),
    ("caught", "catch"),
    ("bought", "buy"),
    ("sold", "sell"),
    ("lost", "lose"),
    ("won", "win"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("drove", "drive"),
    ("driven", "drive"),
    ("woke", "wake"),
    ("woken", "wake"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("broke", "break"),
    ("broken", "break"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("led", "lead"),
    ("left", "leave"),
    ("paid", "pay"),
    ("sent", "send"),
    ("spent", "spend"),
    ("built", "build"),
    ("heard", "hear"),
    ("meant", "mean"),
    ("slept", "sleep"),
    ("taught", "teach"),
    ("understood", "understand"),
    ("became", "become"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("rode", "ride"),
    ("ridden", "ride"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("drank", "drink"),
    ("drunk", "drink"),
    ("ate", "eat"),
    ("eaten", "eat"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("hung", "hang"),
    ("lit", "light"),
    ("sought", "seek"),
    ("shook", "shake"),
    ("shaken", "shake"),
    ("struck", "strike"),
    ("wept", "weep"),
    ("bit", "bite"),
    ("bitten", "bite"),
    ("blew", "blow"),
    ("blown", "blow"),
    ("dealt", "deal"),
    ("fed", "feed"),
    ("fled", "flee"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("lent", "lend"),
    ("slid", "slide"),
    ("stuck", "stick"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("tore", "tear"),
    ("torn", "tear"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("feet", "foot"),
    ("teeth", "tooth"),
    ("mice", "mouse"),
    // Older English, as translations of old texts write it (`spake` / `spoke`).
    ("shown", "show"),
    ("spake", "speak"),
    ("shew", "show"),
    ("shewed", "show"),
    ("shewn", "show"),
    ("shewing", "show"),
    ("shews", "show"),
    ("saith", "say"),
    ("slew", "slay"),
    ("slain", "slay"),
    ("smote", "smite"),
    ("smitten", "smite"),
    ("dwelt", "dwell"),
    ("begat", "beget"),
    ("digged", "dig"),
    ("wrought", "work"),
    ("clave", "cleave"),
    ("trod", "tread"),
    ("trodden", "tread"),
    ("dead", "die"),
    ("death", "die"),
    ("deaths", "die"),
    ("died", "die"),
    ("dying", "die"),
    ("dies", "die"),
];

/// Words the Snowball stemmer joins to a function word's term though they are other words,
/// each with a term of its own, used as it is (not stemmed): without it a search for
/// `evening` finds and marks every `even`, `likely` every `like`, `beings` every `is` and
/// `was`. Found by analysing WordNet's lemmas and the words of the nlp-corpus sentences and
/// keeping those whose term is a stop term (see `docs/performance.md`, session 43); left
/// joined are the inflections of a function word's homograph (`liked`, `owned`, `backed`)
/// and adjectives whose adverb is a function word (`final` / `finally`, `sudden` /
/// `suddenly`), which search and comparison tell apart as written ([`is_function_word`]).
/// `quite` moves rather than `quit`, which has several forms. Each term starts with its
/// word's letter, as [`Initials::of`] assumes.
pub const OWN_TERMS: &[(&str, &str)] = &[
    ("beings", "beings"),
    ("evening", "evening"),
    ("evenings", "evening"),
    ("haste", "haste"),
    ("likely", "likely"),
    ("quite", "quite"),
    ("underlying", "underlying"),
    ("willing", "willing"),
    ("willingly", "willing"),
];

/// The term of its own that `word` (lower case, folded) has, if it is one of [`OWN_TERMS`].
fn own_term(word: &str) -> Option<&'static str> {
    OWN_TERMS
        .iter()
        .find_map(|&(form, term)| (form == word).then_some(term))
}

/// The irregular base of `word` (lower case, folded), if it has one.
pub fn irregular(word: &str) -> Option<&'static str> {
    static BASES: std::sync::OnceLock<foldhash::HashMap<&str, &str>> = std::sync::OnceLock::new();
    BASES
        .get_or_init(|| IRREGULAR.iter().copied().collect())
        .get(word)
        .copied()
}

/// English words that carry little content on their own, as written; see [`is_stop_word`]
/// and [`is_stop_surface`].
const STOP_WORDS: &str = "a an and are as at be been but by for from had has have he her hers \
    herself him himself his how i if in into is it its itself me my no nor not of off on once \
    only or our out over own she so some such than that the their theirs them themselves then \
    there these they this those through to too under until up very was we were what when where \
    which while who whom why will with would you your could should do does did doing can just \
    about after again against all any because before being below between both down during each \
    few further here more most other same also even still yet one enough soon really actually \
    probably perhaps maybe quite rather already finally suddenly immediately instantly just \
    simply much many lot lots like away back around upon onto toward towards within along \
    among didn't doesn't don't hadn't hasn't haven't isn't wasn't weren't \
    aren't can't couldn't wouldn't shouldn't won't \
    thee thou thy thine ye hast hath shall shalt wilt doth dost didst unto o \
    myself yourself yourselves ourselves thyself \
    whose whether though although since thus therefore wherefore hence \
    behold lo nay yea \
    am having yours ours ones others mostly";

/// The analyzed terms of [`STOP_WORDS`], sorted: a test checks that they are exactly what the
/// analyzer makes of those words, so they agree with it as if computed at start-up, without
/// the cost of analysing them in every process.
const STOP_TERMS: [&str; 183] = [
    "a", "about", "actual", "after", "again", "against", "all", "along", "alreadi", "also",
    "although", "among", "an", "and", "ani", "arent", "around", "as", "at", "away", "back", "be",
    "becaus", "befor", "behold", "below", "between", "both", "but", "by", "can", "cant", "could",
    "couldnt", "didnt", "didst", "do", "doesnt", "dont", "dost", "doth", "down", "dure", "each",
    "enough", "even", "few", "final", "for", "from", "further", "hadnt", "hasnt", "hast", "hath",
    "have", "havent", "he", "henc", "her", "here", "herself", "him", "himself", "his", "how", "i",
    "if", "immedi", "in", "instant", "into", "isnt", "it", "itself", "just", "like", "lo", "lot",
    "mani", "mayb", "me", "more", "most", "much", "my", "myself", "nay", "no", "nor", "not", "o",
    "of", "off", "on", "onc", "one", "onli", "onto", "or", "other", "our", "ourselv", "out",
    "over", "own", "perhap", "probabl", "quite", "rather", "realli", "same", "shall", "shalt",
    "she", "should", "shouldnt", "simpli", "sinc", "so", "some", "soon", "still", "such", "sudden",
    "than", "that", "the", "thee", "their", "them", "themselv", "then", "there", "therefor",
    "these", "they", "thi", "thine", "this", "those", "thou", "though", "through", "thus",
    "thyself", "to", "too", "toward", "under", "until", "unto", "up", "upon", "veri", "wasnt",
    "we", "werent", "what", "when", "where", "wherefor", "whether", "whi", "which", "while", "who",
    "whom", "whose", "will", "wilt", "with", "within", "wont", "would", "wouldnt", "ye", "yea",
    "yet", "you", "your", "yourself", "yourselv",
];

/// True for analyzed terms of common function words (`the`, `her`, `was`), which comparison
/// ignores. Defined on the analyzer's output (see [`STOP_TERMS`]).
pub fn is_stop_word(term: &str) -> bool {
    static STOPS: std::sync::OnceLock<foldhash::HashSet<&str>> = std::sync::OnceLock::new();
    STOPS
        .get_or_init(|| STOP_TERMS.into_iter().collect())
        .contains(term)
}

/// True for a word as written (`written`, whose analyzed term is `term`) that is one of the
/// function words [`STOP_WORDS`] lists: its term is a stop term and the word itself is on
/// the list, whatever its case and apostrophes, and with a contraction's ending left off
/// (`it’s`, `he'll`). A content word the stemmer happens to give a stop term is not one
/// (`final` is analyzed as `finally` is, `sudden` as `suddenly`, `liked` as `like`): the
/// index keeps both, and search and comparison weigh it as the content word it is.
pub fn is_function_word(term: &str, written: &str) -> bool {
    if !is_stop_word(term) {
        return false;
    }
    // Most are written in lower case, without an apostrophe: looked up as they are.
    if written.bytes().all(|b| b.is_ascii_lowercase()) {
        return is_stop_surface(written);
    }
    let mut word = written.replace(['’', '‘'], "'");
    word.make_ascii_lowercase();
    for ending in ["'s", "'ll", "'d", "'re", "'ve", "'m", "'"] {
        if let Some(kept) = word.strip_suffix(ending) {
            word.truncate(kept.len());
            break;
        }
    }
    is_stop_surface(&word)
}

/// True for a lower-cased word as written that is one of the function words [`STOP_WORDS`]
/// lists (`was`, `of`), for text read before analysis.
pub fn is_stop_surface(word: &str) -> bool {
    static STOPS: std::sync::OnceLock<foldhash::HashSet<&str>> = std::sync::OnceLock::new();
    STOPS
        .get_or_init(|| STOP_WORDS.split_whitespace().collect())
        .contains(word)
}

/// English stemming, applied after lower-casing and folding.
#[derive(Clone)]
pub struct EnglishStemmer;

impl TokenFilter for EnglishStemmer {
    type Tokenizer<T: Tokenizer> = EnglishStemmerWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> EnglishStemmerWrapper<T> {
        EnglishStemmerWrapper { inner: tokenizer }
    }
}

/// Distinct words whose stems a thread (and the process) remembers before it starts
/// afresh.
const STEM_MEMO_WORDS: usize = 50_000;

thread_local! {
    /// Stems already computed or looked up in this thread, by word. Recaps repeat their
    /// names and common words, and all the analyzers a thread uses (indexing, comparing,
    /// queries, highlighting) meet the same ones; stemming costs far more than a lookup.
    static STEMS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Stems any thread has computed, asked only when a thread's own memo has not got the
/// word, and only once [`share_stems`] was called: ingest's writing and comparing threads
/// analyse the same texts at about the same time, and each word is then stemmed about
/// once instead of once per thread. A process with one analysing thread (a search) skips
/// the lock.
static SHARED_STEMS: Mutex<Option<HashMap<String, String>>> = Mutex::new(None);
static SHARING: AtomicBool = AtomicBool::new(false);

/// Makes threads share the stems they compute from now on (see [`SHARED_STEMS`]).
pub fn share_stems() {
    SHARING.store(true, Ordering::Relaxed);
}

/// The stem of `word` (lower-cased and folded), from the shared memo or computed.
fn shared_stem(stemmer: &Stemmer, word: &str) -> String {
    let compute = || match own_term(word) {
        Some(term) => term.to_owned(),
        None => stemmer.stem(irregular(word).unwrap_or(word)).into_owned(),
    };
    if !SHARING.load(Ordering::Relaxed) {
        return compute();
    }
    // A poisoned lock only means another thread panicked; the memo itself is sound.
    let lock = || SHARED_STEMS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(stem) = lock().as_ref().and_then(|memo| memo.get(word)) {
        return stem.clone();
    }
    let stem = compute();
    let mut shared = lock();
    let memo = shared.get_or_insert_with(HashMap::new);
    if memo.len() >= STEM_MEMO_WORDS {
        memo.clear();
    }
    memo.insert(word.to_owned(), stem.clone());
    stem
}

#[derive(Clone)]
pub struct EnglishStemmerWrapper<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for EnglishStemmerWrapper<T> {
    type TokenStream<'a> = EnglishStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        EnglishStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

pub struct EnglishStemmerStream<S> {
    tail: S,
    stemmer: Stemmer,
}

impl<S: TokenStream> TokenStream for EnglishStemmerStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stemmer = &self.stemmer;
        STEMS.with_borrow_mut(|memo| {
            if let Some(stem) = memo.get(&token.text) {
                token.text.clone_from(stem);
                return;
            }
            let stem = shared_stem(stemmer, &token.text);
            if memo.len() >= STEM_MEMO_WORDS {
                memo.clear();
            }
            memo.insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        });
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokens(&mut analyzer(), text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    fn same(a: &str, b: &str) {
        assert_eq!(terms(a), terms(b), "{a:?} and {b:?} should analyze alike");
    }

    /// Markup is not words: link destinations, HTML tags and bare addresses; the link's
    /// text, a tag's content and comparisons that look like tags are.
    #[test]
    fn markup_is_not_words() {
        assert_eq!(
            terms("[Choi's men](https://x.org/choi) came"),
            vec!["choi", "man", "come"]
        );
        assert_eq!(terms("![poster](poster.jpg)"), vec!["poster"]);
        assert_eq!(
            terms("<p class=\"a\">Ok-ju</p><br/>wins"),
            vec!["ok", "okju", "ju", "win"]
        );
        assert_eq!(
            terms("see HTTPS://A.B/c or www.d.e, then"),
            vec!["see", "or", "then"]
        );
        assert_eq!(
            terms("1 <2 and 3> 0, a<b"),
            vec!["1", "2", "and", "3", "0", "a", "b"]
        );
        assert_eq!(
            terms("<unclosed tag\n> next"),
            vec!["unclos", "tag", "next"]
        );
        assert_eq!(terms("http alone"), vec!["http", "alon"]);
    }

    /// Stems come from the memo on a word's second sighting: they must be the same stems.
    #[test]
    fn remembered_stems_are_the_stems() {
        let text = "She was running; the runners ran. Running, she found the dead men.";
        let mut warm = analyzer();
        let first: Vec<String> = tokens(&mut warm, text)
            .into_iter()
            .map(|t| t.text)
            .collect();
        let again: Vec<String> = tokens(&mut warm, text)
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(first, again);
        assert_eq!(first, terms(text));
        assert!(first.contains(&"find".to_owned()) && first.contains(&"run".to_owned()));
    }

    /// Each of the own terms parts a word from the function word the stemmer alone would
    /// join it to, keeps its word's first letter, and is no stop term itself.
    #[test]
    fn own_terms_part_words_from_function_words() {
        let stemmer = Stemmer::create(Algorithm::English);
        for &(word, term) in OWN_TERMS {
            let joined = stemmer.stem(irregular(word).unwrap_or(word));
            assert!(
                is_stop_word(&joined) || word == "quite",
                "{word} needs no term"
            );
            assert_eq!(terms(word), vec![term]);
            assert!(!is_stop_word(term) || word == "quite", "{term}");
            assert_eq!(word.as_bytes()[0], term.as_bytes()[0], "{word}");
        }
        // `quite` moves, and with it `quit` is a content word's term again.
        assert!(!is_stop_word(&terms("quit")[0]));
        for (word, other) in [
            ("evening", "even"),
            ("likely", "like"),
            ("beings", "is"),
            ("quit", "quite"),
            ("haste", "hast"),
            ("willing", "will"),
            ("underlying", "under"),
        ] {
            assert_ne!(terms(word), terms(other), "{word} / {other}");
        }
        same("evening", "Evenings");
        same("willing", "willingly");
        same("quit", "quitting");
    }

    /// The stop terms are what the analyzer makes of the stop words, and sorted.
    #[test]
    fn stop_terms_are_the_stop_words_analyzed() {
        let mut analyzed = terms(STOP_WORDS);
        analyzed.sort();
        analyzed.dedup();
        assert_eq!(analyzed, STOP_TERMS);
        assert!(is_stop_word("the") && is_stop_word("be") && !is_stop_word("ballerina"));
    }

    /// A stem another thread computed and shared is the stem this thread would compute.
    #[test]
    fn shared_stems_are_the_stems() {
        let text = "Gangsters hunted the ballerina; her vengeance seemed unstoppable.";
        let alone = std::thread::spawn(move || terms(text)).join().unwrap();
        share_stems();
        let first = std::thread::spawn(move || terms(text)).join().unwrap();
        let second = std::thread::spawn(move || terms(text)).join().unwrap();
        assert_eq!(first, alone);
        assert_eq!(second, alone);
        let expected = [
            "gangster",
            "hunt",
            "the",
            "ballerina",
            "her",
            "vengeanc",
            "seem",
            "unstopp",
        ];
        assert_eq!(alone, expected);
    }

    /// Skipping words by their first letter must lose nothing: over the shipped recaps (and
    /// some awkward words), for every letter, each token whose term starts with it is found
    /// exactly as the full analysis gives it. This also checks that stemming and the
    /// irregular forms keep or announce a term's first letter.
    #[test]
    fn words_skipped_by_first_letter_hold_no_such_term() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut text = String::from(
            "Went gone dying Skies skis Ugly idly early only singly yelled Yvonne \
             Émile éclair ÆSIR İstanbul x-ray Min-hee’s re-enter 3-D 2023’s ’90s",
        );
        for entry in std::fs::read_dir(corpus).expect("corpus folder") {
            text.push_str(&std::fs::read_to_string(entry.expect("entry").path()).expect("recap"));
        }
        let all = tokens(&mut analyzer(), &text);
        let key = |t: &Token| (t.text.clone(), t.offset_from, t.position, t.position_length);
        for letter in ('a'..='z').chain('0'..='9') {
            let wanted = letter.to_string();
            let some: Vec<_> = tokens_starting_with(
                &mut WordAnalyzer::default(),
                &text,
                &Initials::of([wanted.as_str()]),
            )
            .iter()
            .map(key)
            .collect();
            let expected: Vec<_> = all
                .iter()
                .filter(|t| t.text.starts_with(letter))
                .map(key)
                .collect();
            let found: Vec<_> = some
                .iter()
                .filter(|t| t.0.starts_with(letter))
                .cloned()
                .collect();
            assert_eq!(found, expected, "terms starting with {letter}");
        }
    }

    #[test]
    fn strips_to_nothing_agrees_with_stripping() {
        for part in [
            "", "'", "''", "’s", "'s'", "s'", "a's", "'90s", "’ll", "o'", "'d'", "x'y", "'S", "ʼʼ",
            "it’s", "’’s", "s", "don't",
        ] {
            assert_eq!(
                strips_to_nothing(part),
                strip_apostrophes(part).is_empty(),
                "{part:?}"
            );
        }
    }

    #[test]
    fn general_punctuation_holds_no_word_characters() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(is_general_punctuation(c) && !c.is_alphanumeric(), "{c:?}");
        }
        assert!(!is_general_punctuation('\u{1FFF}') && !is_general_punctuation('\u{2070}'));
    }

    #[test]
    fn case_is_ignored() {
        same("CHEF CHOI", "chef choi");
    }

    #[test]
    fn apostrophes_and_possessives() {
        same("Choi’s", "Choi's");
        same("Choi’s", "Choi");
        same("‘Ballerina’", "Ballerina");
        same("Ballerina‘s", "ballerina");
        same("“Ballerina.”", "ballerina");
        same("doesn’t", "doesn't");
        same("she’ll", "she");
        same("they're", "they");
        assert_eq!(terms("didn’t"), vec!["didnt"]);
        assert_eq!(terms("girls’ night"), vec!["girl", "night"]);
    }

    #[test]
    fn hyphenated_names_give_parts_and_joined_form() {
        let toks = tokens(&mut analyzer(), "Min-hee’s house");
        let seen: Vec<(&str, usize, usize, usize)> = toks
            .iter()
            .map(|t| (t.text.as_str(), t.position, t.offset_from, t.offset_to))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("min", 0, 0, 3),
                ("minhe", 0, 0, 11),
                ("hee", 1, 4, 11),
                ("hous", 2, 12, 17)
            ]
        );
        assert_eq!(terms("minhee"), vec!["minhe"]);
        assert_eq!(terms("min hee"), vec!["min", "hee"]);
    }

    #[test]
    fn accents_fold() {
        same("crème brûlée", "creme brulee");
    }

    #[test]
    fn english_stemming() {
        same("kills", "kill");
        same("killed", "kill");
        same("killing", "kill");
    }

    #[test]
    fn irregular_forms_meet_their_base() {
        same("found", "find");
        same("She met him", "she meets him");
        same("men", "man");
        same("dead", "die");
        same("death", "dying");
        assert!(is_stop_word(&terms("was")[0]) && is_stop_word(&terms("her")[0]));
        assert!(!is_stop_word(&terms("bathtub")[0]));
    }

    #[test]
    fn a_function_word_is_one_as_written_not_by_its_stem() {
        let function = |word: &str| is_function_word(&terms(word)[0], word);
        for word in ["the", "Was", "didn’t", "it’s", "he'll", "am", "yours"] {
            assert!(function(word), "{word}");
        }
        // The stemmer gives these a stop word's term (`final`, `sudden`, `do`, `like`): as
        // written, they are content words.
        for word in ["final", "sudden", "done", "liked", "bathtub"] {
            assert!(!function(word), "{word}");
        }
    }

    #[test]
    fn stop_words_are_kept_with_positions() {
        let toks = tokens(&mut analyzer(), "pool of blood");
        let pos: Vec<usize> = toks.iter().map(|t| t.position).collect();
        assert_eq!(terms("pool of blood"), vec!["pool", "of", "blood"]);
        assert_eq!(pos, vec![0, 1, 2]);
    }

    #[test]
    fn punctuation_dashes_split_words() {
        assert_eq!(terms("life—and love"), vec!["life", "and", "love"]);
        assert_eq!(terms("-- - '' ’"), Vec::<String>::new());
    }

    #[test]
    fn offsets_point_at_the_written_word() {
        let text = "I saw “Choi’s” car.";
        for t in tokens(&mut analyzer(), text) {
            let written = &text[t.offset_from..t.offset_to];
            assert!(
                written.chars().next().unwrap().is_alphanumeric(),
                "{written}"
            );
        }
    }

    #[test]
    fn over_long_tokens_are_dropped() {
        let long = "x".repeat(MAX_TOKEN_BYTES + 1);
        assert_eq!(terms(&format!("a {long} b")), vec!["a", "b"]);
    }
}
