//! The query language, parsed leniently: any string is a valid query.
//!
//! - `word` — optional: ranks passages that contain it higher (BM25);
//! - `+word` — required; `-word` — excluded;
//! - `"a phrase"` (straight or curly quotes), also with `+` or `-`; an unclosed quote runs
//!   to the end of the query;
//! - `doc:NAME` — only documents matching NAME; `-doc:NAME` — not those.
//!
//! A lone `+` or `-` is ignored. Whether anything searchable is left is decided later, when
//! the words have been through the analyzer.

/// How a clause takes part in matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    Should,
    Must,
    MustNot,
}

/// A word or a phrase of the query, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub occur: Occur,
    pub text: String,
    pub phrase: bool,
}

/// A document filter from `doc:NAME`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocFilter {
    pub name: String,
    pub exclude: bool,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub clauses: Vec<Clause>,
    pub docs: Vec<DocFilter>,
}

/// Words a question starts with (`how did Saul die`, `is the film dubbed`).
const QUESTION_WORDS: &[&str] = &[
    "who", "whom", "whose", "what", "which", "when", "where", "why", "how", "did", "does", "do",
    "is", "are", "was", "were", "can", "could", "will", "would", "should", "has", "have", "had",
];

impl ParsedQuery {
    /// Whether the query reads as a question: it starts with a question word or ends with a
    /// question mark. A question is answered in words of the text's own choosing; a few
    /// remembered words are looked for as written.
    pub fn is_question(&self) -> bool {
        let first = self
            .clauses
            .first()
            .filter(|c| !c.phrase && c.occur == Occur::Should);
        let last = self.clauses.last().filter(|c| !c.phrase);
        first.is_some_and(|c| QUESTION_WORDS.contains(&c.text.to_lowercase().as_str()))
            || last.is_some_and(|c| c.text.ends_with('?'))
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

/// Parses a query string. Never fails.
pub fn parse(input: &str) -> ParsedQuery {
    let mut out = ParsedQuery::default();
    let mut rest = input.trim_start();
    while !rest.is_empty() {
        let mut occur = Occur::Should;
        if let Some(after) = rest.strip_prefix(['+', '-']) {
            if after.is_empty() || after.starts_with(char::is_whitespace) {
                rest = after.trim_start();
                continue;
            }
            occur = if rest.starts_with('+') {
                Occur::Must
            } else {
                Occur::MustNot
            };
            rest = after;
        }
        let (text, phrase, after) = take_item(rest);
        rest = after.trim_start();
        let doc_name = (!phrase)
            .then(|| {
                text.get(..4)
                    .filter(|p| p.eq_ignore_ascii_case("doc:"))
                    .map(|_| &text[4..])
            })
            .flatten();
        match doc_name {
            Some("") if rest.starts_with(is_quote) => {
                let (name, _, after) = take_item(rest);
                rest = after.trim_start();
                push_doc(&mut out, name, occur);
            }
            Some(name) => push_doc(&mut out, name, occur),
            None if !text.trim().is_empty() => out.clauses.push(Clause {
                occur,
                text: text.to_owned(),
                phrase,
            }),
            None => {}
        }
    }
    out
}

fn push_doc(out: &mut ParsedQuery, name: &str, occur: Occur) {
    if !name.is_empty() {
        out.docs.push(DocFilter {
            name: name.to_owned(),
            exclude: occur == Occur::MustNot,
        });
    }
}

/// Takes one word or quoted phrase from the start of `s`: (text, was quoted, rest).
fn take_item(s: &str) -> (&str, bool, &str) {
    if let Some(q) = s.chars().next().filter(|&c| is_quote(c)) {
        let body = &s[q.len_utf8()..];
        return match body.find(is_quote) {
            Some(end) => {
                let close = body[end..].chars().next().map_or(1, char::len_utf8);
                (&body[..end], true, &body[end + close..])
            }
            None => (body, true, ""),
        };
    }
    let end = s
        .find(|c: char| c.is_whitespace() || is_quote(c))
        .unwrap_or(s.len());
    (&s[..end], false, &s[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(q: &str) -> Vec<(Occur, &str, bool)> {
        // Leak is fine in tests: keeps the helper simple.
        let parsed: &'static ParsedQuery = Box::leak(Box::new(parse(q)));
        parsed
            .clauses
            .iter()
            .map(|c| (c.occur, c.text.as_str(), c.phrase))
            .collect()
    }

    #[test]
    fn words_phrases_and_operators() {
        assert_eq!(
            clauses(r#"chef +choi -pro "pool of blood" -“wrist cut”"#),
            vec![
                (Occur::Should, "chef", false),
                (Occur::Must, "choi", false),
                (Occur::MustNot, "pro", false),
                (Occur::Should, "pool of blood", true),
                (Occur::MustNot, "wrist cut", true),
            ]
        );
    }

    #[test]
    fn hyphens_inside_words_are_not_operators() {
        assert_eq!(
            clauses("Min-hee -Ok-ju"),
            vec![
                (Occur::Should, "Min-hee", false),
                (Occur::MustNot, "Ok-ju", false)
            ]
        );
    }

    #[test]
    fn questions_are_told_from_remembered_words() {
        for q in [
            "how did Saul die",
            "Who killed Choi",
            "doc:a why",
            "Choi's guns?",
        ] {
            assert!(parse(q).is_question(), "{q}");
        }
        for q in [
            "kill choi",
            "\"how\" it ends",
            "+who",
            "guns",
            "",
            "-how sad",
        ] {
            assert!(!parse(q).is_question(), "{q}");
        }
    }

    #[test]
    fn doc_filters() {
        let q = parse(r#"choi doc:003 -doc:"000_8bf98b6dfac8ce34.txt""#);
        assert_eq!(q.clauses.len(), 1);
        assert_eq!(
            q.docs,
            vec![
                DocFilter {
                    name: "003".into(),
                    exclude: false
                },
                DocFilter {
                    name: "000_8bf98b6dfac8ce34.txt".into(),
                    exclude: true
                },
            ]
        );
    }

    #[test]
    fn malformed_input_is_parsed_leniently() {
        assert_eq!(
            clauses(r#""unclosed phrase"#),
            vec![(Occur::Should, "unclosed phrase", true)]
        );
        assert_eq!(
            clauses("- + -- \"\" “”"),
            vec![(Occur::MustNot, "-", false)]
        );
        assert!(clauses("").is_empty());
        assert_eq!(
            clauses("a\"b"),
            vec![(Occur::Should, "a", false), (Occur::Should, "b", true)]
        );
        assert!(parse("doc:").docs.is_empty());
    }
}
