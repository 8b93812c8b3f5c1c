//! The HTML pages of `rashomon serve`. Plain server-rendered HTML: every mark is an element
//! in the page (`<mark>` for the query's words, `<mark class="differs">` for the words
//! where accounts differ), styled to be seen without colour too, and the page works with
//! its script off. The script only adds keys and a filter.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::AlignedWork;
use crate::compare::sources::{CompareOptions, Comparison, DiffOptions, select};
use crate::compare::{ClaimKey, DiffKind, Difference, SHOWN_CONFIDENCE, Side};
use crate::corpus::Span;
use crate::error::Result;
use crate::index::IndexHandle;
use crate::search::{Hit, SearchOptions};

pub const CSS: &str = include_str!("page.css");
pub const JS: &str = include_str!("page.js");

/// `s` with the characters HTML gives meaning to escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` encoded for a URL's query.
fn url(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A page around `body`.
fn layout(title: &str, query: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · rashomon</title>\n<link rel=\"stylesheet\" href=\"/page.css\">\n\
         <script src=\"/page.js\" defer></script>\n</head>\n<body>\n<header>\n\
         <a class=\"home\" href=\"/\">rashomon</a>\n\
         <form action=\"/search\" role=\"search\"><label for=\"q\">Search</label> \
         <input id=\"q\" name=\"q\" type=\"search\" value=\"{q}\" placeholder=\"a word, a name, a question\" accesskey=\"s\"> \
         <button>Search</button> <button formaction=\"/compare\">Compare sources</button></form>\n\
         </header>\n<main>\n{body}</main>\n\
         <footer>Keys: <kbd>/</kbd> search, <kbd>j</kbd> / <kbd>k</kbd> next and previous hit or difference.</footer>\n\
         </body>\n</html>\n",
        title = escape(title),
        q = escape(query),
    )
}

/// `text` with each span wrapped in `<mark>` of its class (`""` for none), the rest
/// escaped. Spans that overlap one before them, or fall off character boundaries, are
/// left out rather than break the page.
fn marked(text: &str, spans: &[(Span, &str)]) -> String {
    let mut spans: Vec<&(Span, &str)> = spans.iter().collect();
    spans.sort_by_key(|(s, _)| (s.start, s.end));
    let mut out = String::new();
    let mut pos = 0;
    for (span, class) in spans {
        let (Some(before), Some(inner)) =
            (text.get(pos..span.start), text.get(span.start..span.end))
        else {
            continue;
        };
        if span.start < pos || inner.is_empty() {
            continue;
        }
        out.push_str(&escape(before));
        match *class {
            "" => write!(out, "<mark>{}</mark>", escape(inner)),
            c => write!(out, "<mark class=\"{c}\">{}</mark>", escape(inner)),
        }
        .expect("writing to a String");
        pos = span.end;
    }
    out.push_str(&escape(text.get(pos..).unwrap_or_default()));
    out
}

/// Where a passage is in its file, as a link to that line.
fn place(path: &str, line: u64, section: Option<&str>) -> String {
    let section = section
        .map(|s| format!(" <span class=\"section\">§ {}</span>", escape(s)))
        .unwrap_or_default();
    format!(
        "<a class=\"place\" href=\"/doc?path={}#L{line}\">{}:{line}</a>{section}",
        url(path),
        escape(path)
    )
}

fn kind_label(kind: DiffKind) -> &'static str {
    match kind {
        DiffKind::NameVariant => "name variant",
        DiffKind::Count => "count",
        DiffKind::Detail => "detail",
        DiffKind::OnlyIn => "only in one account",
    }
}

/// The class of a difference's marks: `differs` and its kind, `weak` below the score from
/// which search shows it.
fn diff_class(kind: DiffKind, score: f32) -> String {
    let weak = if score < SHOWN_CONFIDENCE {
        " weak"
    } else {
        ""
    };
    format!("differs {}{weak}", kind.as_str())
}

/// The label of a difference: its kind, score and what it is about.
fn diff_label(d: &Difference) -> String {
    let about = if d.about.is_empty() {
        String::new()
    } else {
        format!(" <span class=\"about\">{}</span>", escape(&d.about))
    };
    format!(
        "<span class=\"kind {}\">{}</span> <span class=\"score\" title=\"the chance a careful reader agrees they differ\">{:.2}</span>{about}",
        d.kind.as_str(),
        kind_label(d.kind),
        d.score
    )
}

/// A page that says why a request could not be answered.
pub fn error(status: u16, message: &str, query: &str) -> String {
    let what = match status {
        404 => "Not found",
        400 | 414 => "Cannot answer that",
        503 => "No index to serve yet",
        _ => "Something went wrong",
    };
    let body = format!(
        "<h1>{what}</h1>\n<p class=\"error\">{}</p>\n<p><a href=\"/\">The works</a></p>\n",
        escape(message)
    );
    layout(what, query, &body)
}

/// Differences shown per work on `/`, at most.
const PREVIEW: usize = 3;

/// `/`: the works and their documents, each with its best differences, and the documents
/// alone.
pub fn home(handle: &IndexHandle) -> Result<String> {
    let listed = handle.grouping()?.listed();
    let docs: HashMap<String, crate::index::DocInfo> = handle
        .documents()?
        .into_iter()
        .map(|d| (d.path.clone(), d))
        .collect();
    let totals = handle.totals()?;
    let mut body = format!(
        "<h1>Works</h1>\n<p class=\"totals\">{} documents, {} paragraphs, {} claims.</p>\n",
        totals.documents, totals.paragraphs, totals.claims
    );
    let doc_item = |path: &str| {
        let counts = docs.get(path).map_or(String::new(), |d| {
            format!(
                " <span class=\"counts\">{} paragraphs, {} claims</span>",
                d.paragraphs, d.claims
            )
        });
        format!(
            "<li><a href=\"/doc?path={}\">{}</a>{counts}</li>",
            url(path),
            escape(path)
        )
    };
    let (works, alone): (Vec<_>, Vec<_>) = listed.iter().partition(|l| l.work.is_some());
    // The best differences of all works, read once; each work shows its first few.
    let differences = select(
        handle,
        &DiffOptions {
            min_score: SHOWN_CONFIDENCE,
            limit: (PREVIEW * works.len()).min(super::limits::LIMIT),
            ..DiffOptions::default()
        },
    )?;
    if works.is_empty() {
        body.push_str("<p>No two documents tell the same story yet: nothing to compare.</p>\n");
    }
    body.push_str("<ul class=\"works\">\n");
    for w in &works {
        let id = w.work.as_deref().unwrap_or_default();
        let how = match (&w.name, w.shared.is_empty()) {
            (Some(name), _) => format!("declared as {}", escape(name)),
            (None, false) => format!("they share {}", escape(&w.shared.join(", "))),
            (None, true) => w.how.clone(),
        };
        write!(
            body,
            "<li><a class=\"work\" href=\"/work/{}\">{}</a> <span class=\"how\">{} accounts; {how}</span>\n<ul>",
            url(id),
            escape(id),
            w.documents.len()
        )
        .expect("writing to a String");
        for d in &w.documents {
            body.push_str(&doc_item(d));
        }
        body.push_str("</ul>");
        let top: Vec<&Difference> = differences
            .iter()
            .filter(|d| d.work == id)
            .take(PREVIEW)
            .collect();
        if !top.is_empty() {
            write!(
                body,
                "<p class=\"preview\">Where they differ most (<a href=\"/work/{}\">all accounts side by side</a>):</p>\n<ol class=\"differences\">\n",
                url(id)
            )
            .expect("writing to a String");
            for d in top {
                body.push_str(&difference_html(d));
            }
            body.push_str("</ol>\n");
        }
        body.push_str("</li>\n");
    }
    body.push_str("</ul>\n");
    if !alone.is_empty() {
        body.push_str("<h2>Told by one document only</h2>\n<ul>");
        for l in alone {
            for d in &l.documents {
                body.push_str(&doc_item(d));
            }
        }
        body.push_str("</ul>\n");
    }
    Ok(layout("Works", "", &body))
}

/// One hit: where it is, its text with the query's words marked, and the counterparts in
/// other accounts that say something different.
fn hit_html(hit: &Hit) -> String {
    let spans: Vec<(Span, &str)> = hit.highlights.iter().map(|s| (*s, "")).collect();
    // A passage brought in by alignment (rank 0) has no score of its own.
    let score = match hit.rank {
        0 => "<span class=\"score\">aligned with another source’s answer</span>".to_owned(),
        _ => format!("<span class=\"score\">score {:.2}</span>", hit.score),
    };
    let mut out = format!(
        "<article class=\"hit\" tabindex=\"0\">\n<p class=\"where\">{} {score}</p>\n<p class=\"text\">{}</p>\n",
        place(&hit.path, hit.line, hit.section.as_deref()),
        marked(&hit.text, &spans)
    );
    if !hit.differs.is_empty() {
        out.push_str("<ul class=\"counterparts\">\n");
        for d in &hit.differs {
            let theirs: Vec<(Span, &str)> = term_spans(&d.text, &d.their_terms)
                .into_iter()
                .map(|s| (s, "differs"))
                .collect();
            writeln!(
                out,
                "<li><span class=\"ne\" aria-label=\"differs\">≠</span> <span class=\"kind {}\">{}</span> <span class=\"score\">{:.2}</span> {}<br>{}</li>",
                d.kind.as_str(),
                kind_label(d.kind),
                d.score,
                place(&d.path, d.line, d.section.as_deref()),
                marked(&d.text, &theirs)
            )
            .expect("writing to a String");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</article>\n");
    out
}

/// Where each of `terms` (words as written) first occurs in `text`.
fn term_spans(text: &str, terms: &[String]) -> Vec<Span> {
    let mut out: Vec<Span> = terms
        .iter()
        .filter(|t| !t.is_empty())
        .filter_map(|t| {
            text.find(t.as_str()).map(|start| Span {
                start,
                end: start + t.len(),
            })
        })
        .collect();
    out.sort_by_key(|s| s.start);
    out
}

/// `/search`: the ranked hits.
pub fn search(opts: &SearchOptions, hits: &[Hit], respelled: Option<&str>) -> String {
    let top = if hits.len() == opts.limit {
        "the best "
    } else {
        ""
    };
    let mut body = format!(
        "<h1>{top}{} {} for “{}”</h1>\n",
        hits.len(),
        if hits.len() == 1 { "hit" } else { "hits" },
        escape(&opts.query)
    );
    if let Some(note) = respelled {
        writeln!(body, "<p class=\"note\">{}</p>", escape(note)).expect("writing to a String");
    }
    if hits.is_empty() {
        body.push_str("<p>Nothing matches. Fewer or other words may find it; names within one typo are found.</p>\n");
    }
    for hit in hits {
        body.push_str(&hit_html(hit));
    }
    if hits.len() == opts.limit && opts.limit < super::limits::LIMIT {
        let more = (opts.limit * 2).min(super::limits::LIMIT);
        let unit = match opts.unit {
            crate::corpus::UnitKind::Paragraph => "&unit=paragraph",
            _ => "",
        };
        let docs: String = opts
            .docs
            .iter()
            .map(|d| format!("&doc={}", url(d)))
            .collect();
        writeln!(
            body,
            "<p class=\"more\"><a href=\"/search?q={}{unit}{docs}&limit={more}\">Show up to {more}</a></p>",
            url(&opts.query)
        )
        .expect("writing to a String");
    }
    layout(&format!("Search: {}", opts.query), &opts.query, &body)
}

/// `/compare`: each source's passages side by side, then where they differ.
pub fn compare(opts: &CompareOptions, c: &Comparison) -> String {
    let mut body = format!(
        "<h1>What each source says on “{}”</h1>\n",
        escape(&opts.query)
    );
    if c.sources.is_empty() {
        body.push_str("<p>No source speaks to this.</p>\n");
    }
    if !c.works.is_empty() {
        let works: Vec<String> = c
            .works
            .iter()
            .map(|w| format!("<a href=\"/work/{}\">{}</a>", url(w), escape(w)))
            .collect();
        writeln!(
            body,
            "<p class=\"about-works\">About {}</p>",
            works.join(", ")
        )
        .expect("writing to a String");
    }
    body.push_str("<div class=\"columns\">\n");
    for s in &c.sources {
        let work = match s.work.as_str() {
            "" => "told by no other document".to_owned(),
            w => format!("<a href=\"/work/{}\">{}</a>", url(w), escape(w)),
        };
        write!(
            body,
            "<section class=\"source\">\n<h2>{}</h2>\n<p class=\"work-of\">{work}</p>\n",
            escape(&s.path)
        )
        .expect("writing to a String");
        if !s.addresses {
            body.push_str(if s.passages.is_empty() {
                "<p class=\"note\">Does not address this.</p>\n"
            } else {
                "<p class=\"note\">None of its own passages matches; these are where the others’ answers align.</p>\n"
            });
        }
        for p in &s.passages {
            body.push_str(&hit_html(p));
        }
        body.push_str("</section>\n");
    }
    body.push_str("</div>\n");
    if c.differences.is_empty() && c.sources.len() > 1 {
        body.push_str(
            "<h2>Where they differ</h2>\n<p>Comparison found no difference among these passages.</p>\n",
        );
    }
    if !c.differences.is_empty() {
        body.push_str("<h2>Where they differ</h2>\n<ol class=\"differences\">\n");
        for d in &c.differences {
            body.push_str(&difference_html(d));
        }
        body.push_str("</ol>\n");
    }
    layout(&format!("Compare: {}", opts.query), &opts.query, &body)
}

fn side_html(s: &Side, class: &str) -> String {
    let spans: Vec<(Span, &str)> = s.highlights.iter().map(|h| (*h, class)).collect();
    format!(
        "<div class=\"side\"><p class=\"where\">{}</p><p class=\"text\">{}</p></div>",
        place(&s.path, s.line, s.section.as_deref()),
        marked(&s.text, &spans)
    )
}

fn difference_html(d: &Difference) -> String {
    let class = diff_class(d.kind, d.score);
    let right = d.right.as_ref().map_or(
        "<div class=\"side none\"><p class=\"text\">(no counterpart in the other accounts)</p></div>"
            .to_owned(),
        |r| side_html(r, &class),
    );
    format!(
        "<li class=\"difference\" tabindex=\"0\"><p class=\"label\">{}</p><div class=\"pair\">{}{right}</div></li>\n",
        diff_label(d),
        side_html(&d.left, &class)
    )
}

/// `/doc?path=`: a document's text, one numbered line each, so that a passage's `#Lnn`
/// link lands on its line.
pub fn document(path: &str, text: &str) -> String {
    let mut body = format!("<h1>{}</h1>\n<ol class=\"lines\">\n", escape(path));
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        writeln!(
            body,
            "<li id=\"L{n}\"><a href=\"#L{n}\">{n}</a> {}</li>",
            escape(line)
        )
        .expect("writing to a String");
    }
    body.push_str("</ol>\n");
    layout(path, "", &body)
}

/// The claims of each account that share a row of the side-by-side view.
type Row = Vec<Vec<usize>>;

/// The rows of a side-by-side view: the first account's claims in its order, each with the
/// claims of the other accounts that alignment paired with it on the chain that moves
/// forward in both; claims of the others with no such pair sit alone in a row, in their
/// own order, before the next pair.
pub fn rows(w: &AlignedWork) -> Vec<Row> {
    let n = w.accounts.len();
    let Some(first) = w.accounts.first() else {
        return Vec::new();
    };
    // anchors[k][p]: claims of account k paired, in order, with claim p of the first.
    let mut anchors: Vec<HashMap<usize, Vec<usize>>> = vec![HashMap::new(); n];
    for pair in &w.alignment.pairs {
        if pair.accounts.0 == 0 && pair.in_order {
            anchors[pair.accounts.1]
                .entry(pair.claims.0)
                .or_default()
                .push(pair.claims.1);
        }
    }
    let alone = |k: usize, q: usize| {
        let mut row: Row = vec![Vec::new(); n];
        row[k].push(q);
        row
    };
    let mut next = vec![0usize; n];
    let mut out = Vec::new();
    for p in 0..first.claims.len() {
        let mut row: Row = vec![Vec::new(); n];
        row[0].push(p);
        for k in 1..n {
            let mut here: Vec<usize> = anchors[k]
                .get(&p)
                .map(|qs| qs.iter().copied().filter(|&q| q >= next[k]).collect())
                .unwrap_or_default();
            here.sort_unstable();
            if let (Some(&lo), Some(&hi)) = (here.first(), here.last()) {
                out.extend((next[k]..lo).map(|q| alone(k, q)));
                next[k] = hi + 1;
                row[k] = here;
            }
        }
        out.push(row);
    }
    for (k, account) in w.accounts.iter().enumerate().skip(1) {
        out.extend((next[k]..account.claims.len()).map(|q| alone(k, q)));
    }
    out
}

/// `/work/ID`: the accounts side by side, aligned claim by claim, with what differs
/// marked and labelled: the differences scored at least `min_score`. With `only_differ`,
/// only the rows where something differs.
pub fn work(w: &AlignedWork, only_differ: bool, min_score: f32) -> String {
    let n = w.accounts.len();
    let key = |k: usize, c: usize| w.accounts[k].claims[c].key();
    let shown: Vec<&Difference> = w
        .alignment
        .differences
        .iter()
        .filter(|d| d.score >= min_score)
        .collect();
    // Marks per claim, from every difference shown that it is a side of.
    let mut marks: HashMap<ClaimKey, Vec<(Span, String)>> = HashMap::new();
    for d in &shown {
        let class = diff_class(d.kind, d.score);
        for side in std::iter::once(&d.left).chain(d.right.as_ref()) {
            let e = marks.entry(side.key()).or_default();
            e.extend(side.highlights.iter().map(|h| (*h, class.clone())));
        }
    }
    let all_shown = shown.len() == w.alignment.differences.len();
    let show_all = match all_shown {
        true => String::new(),
        false => format!(
            " <a href=\"?min_score=0{}\">Show all {}.</a>",
            if only_differ { "&only=differ" } else { "" },
            w.alignment.differences.len()
        ),
    };
    let keep_score = match min_score == 0.0 {
        true => "min_score=0",
        false => "",
    };
    let mut body = format!(
        "<h1>{}</h1>\n<p class=\"legend\">{n} accounts, aligned claim by claim in story order. \
         <mark class=\"differs detail\">Marked words</mark> differ between the accounts: the \
         {} differences scored at least {min_score:.2}, each labelled with its kind and score. \
         A score is the chance that a careful reader agrees the accounts differ there, \
         calibrated on labelled accounts: even the best-scored places are confirmed about two \
         times in five, so scores run up to about 0.4.{show_all} A claim alone in its row \
         was not paired, in story order, with a claim of the first account.</p>\n\
         <p class=\"filter\"><a href=\"?only=differ&{keep_score}\">Only where they differ</a> · <a href=\"?{keep_score}\">All claims</a></p>\n\
         <table class=\"side-by-side\">\n<thead><tr>",
        escape(&w.id),
        shown.len(),
    );
    for a in &w.accounts {
        write!(
            body,
            "<th scope=\"col\"><a href=\"/doc?path={}\">{}</a></th>",
            url(&a.path),
            escape(&a.path)
        )
        .expect("writing to a String");
    }
    body.push_str("</tr></thead>\n<tbody>\n");
    for row in rows(w) {
        let keys: HashSet<ClaimKey> = row
            .iter()
            .enumerate()
            .flat_map(|(k, cs)| cs.iter().map(move |&c| (k, c)))
            .map(|(k, c)| key(k, c))
            .collect();
        let here: Vec<&Difference> = shown
            .iter()
            .copied()
            .filter(|d| {
                keys.contains(&d.left.key())
                    || d.right.as_ref().is_some_and(|r| keys.contains(&r.key()))
            })
            .collect();
        if only_differ && here.is_empty() {
            continue;
        }
        let class = if here.is_empty() {
            "row"
        } else {
            "row has-diff"
        };
        write!(
            body,
            "<tr class=\"{class}\" tabindex=\"{}\">",
            if here.is_empty() { -1 } else { 0 }
        )
        .expect("writing to a String");
        for (k, claims) in row.iter().enumerate() {
            if claims.is_empty() {
                body.push_str("<td class=\"empty\"></td>");
                continue;
            }
            // Named in the cell too, for narrow screens where the columns stack.
            write!(
                body,
                "<td data-account=\"{}\">",
                escape(&w.accounts[k].path)
            )
            .expect("writing to a String");
            for &c in claims {
                let claim = &w.accounts[k].claims[c];
                let spans: Vec<(Span, &str)> = marks
                    .get(&claim.key())
                    .map(|m| m.iter().map(|(s, c)| (*s, c.as_str())).collect())
                    .unwrap_or_default();
                write!(
                    body,
                    "<p class=\"claim\"><a class=\"line\" href=\"/doc?path={}#L{line}\" title=\"{}:{line}\">line {line}</a> {}</p>",
                    url(&claim.path),
                    escape(&claim.path),
                    marked(&claim.text, &spans),
                    line = claim.line,
                )
                .expect("writing to a String");
            }
            body.push_str("</td>");
        }
        body.push_str("</tr>\n");
        if !here.is_empty() {
            write!(body, "<tr class=\"labels\"><td colspan=\"{n}\"><ul>")
                .expect("writing to a String");
            for d in here {
                // A side in another row (alignment paired it off the story's order) is
                // named with a link to its line.
                let elsewhere = std::iter::once(&d.left)
                    .chain(d.right.as_ref())
                    .find(|side| !keys.contains(&side.key()))
                    .map(|side| format!(" (with {})", place(&side.path, side.line, None)))
                    .unwrap_or_default();
                write!(body, "<li>{}{elsewhere}</li>", diff_label(d)).expect("writing to a String");
            }
            body.push_str("</ul></td></tr>\n");
        }
    }
    body.push_str("</tbody>\n</table>\n");
    layout(&w.id, "", &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{Account, Pairing, WorkAlignment};

    #[test]
    fn text_is_escaped_and_marks_survive_bad_spans() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        let span = |start, end| Span { start, end };
        let text = "in her <bathtub>";
        assert_eq!(
            marked(text, &[(span(7, 16), "differs")]),
            "in her <mark class=\"differs\">&lt;bathtub&gt;</mark>"
        );
        // Mid-character (0..4 ends inside é), overlapping, empty, reversed and
        // out-of-range spans are dropped.
        let odd = "café au lait";
        let spans = [
            (span(0, 4), ""),
            (span(2, 6), ""),
            (span(6, 6), ""),
            (span(9, 7), ""),
            (span(3, 4), ""),
            (span(10, 99), ""),
        ];
        assert_eq!(marked(odd, &spans), "ca<mark>fé </mark>au lait");
    }

    fn account(name: &str, claims: usize) -> Account {
        Account {
            path: name.to_owned(),
            name: name.to_owned(),
            claims: (0..claims)
                .map(|c| Side {
                    doc: name.to_owned(),
                    path: name.to_owned(),
                    section: None,
                    paragraph: 0,
                    claim: c as u64,
                    line: 1,
                    column: 1,
                    start: 0,
                    end: 0,
                    text: format!("{name} {c}"),
                    highlights: Vec::new(),
                    text_range: None,
                })
                .collect(),
        }
    }

    fn pair(accounts: (usize, usize), claims: (usize, usize), in_order: bool) -> Pairing {
        Pairing {
            accounts,
            claims,
            in_order,
        }
    }

    #[test]
    fn rows_follow_the_first_account_and_keep_every_claim_once() {
        // a: 4 claims; b: 5. a0-b1, a2-b3 and a2-b4 (one claim told in two) are in order;
        // a3-b0 is off the chain and does not move b's claim.
        let w = AlignedWork {
            id: "w".into(),
            accounts: vec![account("a", 4), account("b", 5)],
            alignment: WorkAlignment {
                differences: Vec::new(),
                pairs: vec![
                    pair((0, 1), (0, 1), true),
                    pair((0, 1), (2, 3), true),
                    pair((0, 1), (2, 4), true),
                    pair((0, 1), (3, 0), false),
                ],
            },
        };
        let expected: Vec<Row> = vec![
            vec![vec![], vec![0]],
            vec![vec![0], vec![1]],
            vec![vec![1], vec![]],
            vec![vec![], vec![2]],
            vec![vec![2], vec![3, 4]],
            vec![vec![3], vec![]],
        ];
        assert_eq!(rows(&w), expected);
        // Three accounts: the third's claims find their rows through the first.
        let w = AlignedWork {
            id: "w".into(),
            accounts: vec![account("a", 2), account("b", 1), account("c", 3)],
            alignment: WorkAlignment {
                differences: Vec::new(),
                pairs: vec![pair((0, 2), (1, 2), true), pair((1, 2), (0, 0), true)],
            },
        };
        let expected: Vec<Row> = vec![
            vec![vec![0], vec![], vec![]],
            vec![vec![], vec![], vec![0]],
            vec![vec![], vec![], vec![1]],
            vec![vec![1], vec![], vec![2]],
            vec![vec![], vec![0], vec![]],
        ];
        assert_eq!(rows(&w), expected);
    }
}
