//! `rashomon serve`: the index, read-only, over HTTP.
//!
//! - [`Server`] binds, and runs a few worker threads that take requests from `tiny_http`.
//! - [`State`] holds the open index and opens it again when an ingest commits (each
//!   request sees one commit, never a half-written state).
//! - [`respond`] turns a method and a URL into a [`Reply`]; it knows nothing of sockets, so
//!   the routes are tested without a network.
//! - [`pages`] writes the HTML; the CSS and the little JavaScript are compiled in.
//!
//! Routes: `/` (the works), `/search`, `/compare`, `/work/ID` (accounts side by side),
//! `/doc?path=` (a document's text by line), and `/api/search`, `/api/diff`,
//! `/api/compare`, which write the JSON Lines of the CLI's `--json`.

mod pages;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use crate::compare::sources::{CompareOptions, DiffOptions, compare_sources, select};
use crate::compare::{Account, DiffKind, SHOWN_CONFIDENCE, WorkAlignment, align_work};
use crate::corpus::UnitKind;
use crate::error::{Error, Result};
use crate::index::IndexHandle;
use crate::output::json;
use crate::search::{SearchOptions, respelled_note, search, search_with_highlighter};

/// What a request may ask for, at most. A request's work is bounded by these and by the
/// size of the index.
pub mod limits {
    /// Bytes of a query (`q`).
    pub const QUERY_BYTES: usize = 1000;
    /// Bytes of a whole URL.
    pub const URL_BYTES: usize = 8192;
    /// Hits or differences one request returns (`limit`).
    pub const LIMIT: usize = 200;
    /// Passages per source for `compare` (`per_source`).
    pub const PER_SOURCE: usize = 20;
    /// Hits a page shows when it is not told.
    pub const DEFAULT_LIMIT: usize = 20;
}

/// Worker threads answering requests: enough that a slow page does not hold up the
/// others on a small machine.
const WORKERS: usize = 4;

/// Works whose side-by-side alignment is kept in memory (aligned on first view).
const CACHED_WORKS: usize = 16;

/// One HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

const HTML: &str = "text/html; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";
const JSON_LINES: &str = "application/x-ndjson; charset=utf-8";

impl Reply {
    fn html(status: u16, body: String) -> Reply {
        Reply {
            status,
            content_type: HTML,
            body: body.into_bytes(),
        }
    }

    /// A plain-text error (`status` 4xx or 5xx).
    fn plain(status: u16, message: impl Into<String>) -> Reply {
        let mut body = message.into();
        body.push('\n');
        Reply {
            status,
            content_type: TEXT,
            body: body.into_bytes(),
        }
    }

    fn json_lines(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Reply {
        let mut body = Vec::new();
        match write(&mut body) {
            Ok(()) => Reply {
                status: 200,
                content_type: JSON_LINES,
                body,
            },
            Err(e) => Reply::plain(500, format!("writing the answer: {e}")),
        }
    }

    fn from_error(err: &Error) -> Reply {
        match err {
            Error::Usage(m) => Reply::plain(400, m.clone()),
            Error::Query(_) | Error::NoSuchDocument { .. } => Reply::plain(400, err.to_string()),
            Error::NoIndex { .. } | Error::Unbuilt { .. } | Error::Version { .. } => {
                Reply::plain(503, err.to_string())
            }
            e => Reply::plain(500, e.to_string()),
        }
    }
}

/// The index as requests see it: the last commit opened, opened again when `meta.json`
/// changes (an ingest committed). A commit that cannot be opened leaves the last good
/// one serving.
pub struct State {
    dir: PathBuf,
    open: Mutex<Option<(Stamp, Arc<IndexHandle>)>>,
    works: Mutex<HashMap<(u64, String), Arc<AlignedWork>>>,
}

/// What tells one commit from the next: `meta.json`'s modification time and length.
type Stamp = (Option<SystemTime>, u64);

fn stamp(dir: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(dir.join("meta.json")).ok()?;
    Some((m.modified().ok(), m.len()))
}

/// A work's accounts and their alignment, for its side-by-side page.
pub struct AlignedWork {
    pub id: String,
    pub accounts: Vec<Account>,
    pub alignment: WorkAlignment,
}

impl State {
    pub fn new(dir: &Path) -> State {
        State {
            dir: dir.to_path_buf(),
            open: Mutex::new(None),
            works: Mutex::new(HashMap::new()),
        }
    }

    /// The index at its last commit.
    fn handle(&self) -> Result<Arc<IndexHandle>> {
        let now = stamp(&self.dir);
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((seen, handle)) = &*open
            && now.as_ref() == Some(seen)
        {
            return Ok(handle.clone());
        }
        match IndexHandle::open(&self.dir) {
            Ok(handle) => {
                let handle = Arc::new(handle);
                if let Some(now) = now {
                    *open = Some((now, handle.clone()));
                }
                Ok(handle)
            }
            // Mid-commit or damaged: the last good commit goes on serving.
            Err(e) => match &*open {
                Some((_, handle)) => Ok(handle.clone()),
                None => Err(e),
            },
        }
    }

    /// The accounts of work `id` aligned, from the cache or aligned now.
    fn aligned(&self, handle: &IndexHandle, id: &str) -> Result<Option<Arc<AlignedWork>>> {
        let generation = handle.searcher().generation().generation_id();
        let key = (generation, id.to_owned());
        if let Some(w) = self
            .works
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Ok(Some(w.clone()));
        }
        let mut lookup = handle.lookup();
        let Some(work) = lookup.works()?.into_iter().find(|w| w.id == id) else {
            return Ok(None);
        };
        let mut accounts = Vec::new();
        for path in &work.documents {
            if let Some(doc) = lookup.document(path)? {
                accounts.push(lookup.account(&doc)?);
            }
        }
        let alignment = align_work(id, &accounts);
        let aligned = Arc::new(AlignedWork {
            id: id.to_owned(),
            accounts,
            alignment,
        });
        let mut cache = self.works.lock().unwrap_or_else(PoisonError::into_inner);
        cache.retain(|k, _| k.0 == generation);
        if cache.len() >= CACHED_WORKS {
            cache.clear();
        }
        cache.insert(key, aligned.clone());
        Ok(Some(aligned))
    }
}

/// The query parameters of a request, decoded.
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(query: &str) -> Params {
        Params(
            form_urlencoded::parse(query.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The query `q`, required and bounded.
    fn query(&self) -> Result<String> {
        let q = self.get("q").unwrap_or_default().trim();
        if q.is_empty() {
            return Err(Error::Usage("the query `q` is empty".into()));
        }
        if q.len() > limits::QUERY_BYTES {
            return Err(Error::Usage(format!(
                "the query is {} bytes; queries are limited to {} bytes",
                q.len(),
                limits::QUERY_BYTES
            )));
        }
        Ok(q.to_owned())
    }

    /// A whole number `key` in `1..=max`, `default` when absent.
    fn number(&self, key: &str, default: usize, max: usize) -> Result<usize> {
        match self.get(key) {
            None | Some("") => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(Error::Usage(format!(
                    "`{key}` must be a whole number from 1 to {max}, not {v:?}"
                ))),
            },
        }
    }

    /// A score `key` from 0 to 1, `default` when absent.
    fn score(&self, key: &str, default: f32) -> Result<f32> {
        match self.get(key) {
            None | Some("") => Ok(default),
            Some(v) => match v.parse::<f32>() {
                Ok(s) if (0.0..=1.0).contains(&s) => Ok(s),
                _ => Err(Error::Usage(format!(
                    "`{key}` is a score from 0 to 1, not {v:?}"
                ))),
            },
        }
    }

    fn unit(&self) -> Result<UnitKind> {
        match self.get("unit") {
            None | Some("") | Some("claim") => Ok(UnitKind::Claim),
            Some("paragraph") => Ok(UnitKind::Paragraph),
            Some(v) => Err(Error::Usage(format!(
                "`unit` is claim or paragraph, not {v:?}"
            ))),
        }
    }

    fn search(&self) -> Result<SearchOptions> {
        Ok(SearchOptions {
            query: self.query()?,
            unit: self.unit()?,
            limit: self.number("limit", limits::DEFAULT_LIMIT, limits::LIMIT)?,
            docs: self.all("doc"),
        })
    }

    fn compare(&self) -> Result<CompareOptions> {
        Ok(CompareOptions {
            query: self.query()?,
            per_source: self.number("per_source", 3, limits::PER_SOURCE)?,
            docs: self.all("doc"),
        })
    }

    fn diff(&self) -> Result<DiffOptions> {
        let kind = match self.get("kind") {
            None | Some("") => None,
            Some("name_variant" | "name-variant") => Some(DiffKind::NameVariant),
            Some("count") => Some(DiffKind::Count),
            Some("detail") => Some(DiffKind::Detail),
            Some("only_in" | "only-in") => Some(DiffKind::OnlyIn),
            Some(v) => {
                return Err(Error::Usage(format!(
                    "`kind` is name_variant, count, detail or only_in, not {v:?}"
                )));
            }
        };
        Ok(DiffOptions {
            docs: self.all("doc"),
            kind,
            min_score: self.score("min_score", 0.0)?,
            limit: self.number("limit", limits::DEFAULT_LIMIT, limits::LIMIT)?,
        })
    }
}

/// Answers one request. Only `GET` and `HEAD` are served (the index is read-only).
pub fn respond(state: &State, method: &str, url: &str) -> Reply {
    if method != "GET" && method != "HEAD" {
        return Reply::plain(
            405,
            format!("{method} is not served; the index is read-only"),
        );
    }
    if url.len() > limits::URL_BYTES {
        return Reply::plain(414, format!("the URL is over {} bytes", limits::URL_BYTES));
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let params = Params::parse(query);
    let reply = match route(state, path, &params) {
        Ok(reply) => reply,
        Err(e) => Reply::from_error(&e),
    };
    // A page's error is a page, with the reason and the search box; the API's stays plain
    // text for scripts.
    if reply.status >= 400 && reply.content_type == TEXT && !path.starts_with("/api/") {
        let message = String::from_utf8_lossy(&reply.body).trim().to_owned();
        let query = params.get("q").unwrap_or_default();
        return Reply::html(reply.status, pages::error(reply.status, &message, query));
    }
    reply
}

fn route(state: &State, path: &str, params: &Params) -> Result<Reply> {
    match path {
        "/page.css" => {
            return Ok(Reply {
                status: 200,
                content_type: "text/css; charset=utf-8",
                body: pages::CSS.as_bytes().to_vec(),
            });
        }
        "/page.js" => {
            return Ok(Reply {
                status: 200,
                content_type: "text/javascript; charset=utf-8",
                body: pages::JS.as_bytes().to_vec(),
            });
        }
        _ => {}
    }
    let known = matches!(
        path,
        "/" | "/search" | "/compare" | "/doc" | "/api/search" | "/api/diff" | "/api/compare"
    ) || path.starts_with("/work/");
    if !known {
        return Ok(Reply::plain(404, format!("no page at {path}")));
    }
    let handle = state.handle()?;
    Ok(match path {
        "/" => Reply::html(200, pages::home(&handle)?),
        "/search" => {
            let opts = params.search()?;
            let (hits, highlighter) = search_with_highlighter(&handle, &opts)?;
            let note = respelled_note(highlighter.respelled());
            Reply::html(200, pages::search(&opts, &hits, note.as_deref()))
        }
        "/compare" => {
            let opts = params.compare()?;
            let comparison = compare_sources(&handle, &opts)?;
            Reply::html(200, pages::compare(&opts, &comparison))
        }
        "/doc" => {
            let path = params
                .get("path")
                .ok_or_else(|| Error::Usage("`path` names the document".into()))?;
            let mut lookup = handle.lookup();
            match lookup.document(path)? {
                Some(doc) => {
                    let text = lookup.whole_text(&doc.path)?;
                    Reply::html(200, pages::document(&doc.path, &text))
                }
                None => Reply::plain(404, format!("no document {path:?} in the index")),
            }
        }
        "/api/search" => {
            let hits = search(&handle, &params.search()?)?;
            Reply::json_lines(|out| json::write_lines(out, &hits))
        }
        "/api/diff" => {
            let diffs = select(&handle, &params.diff()?)?;
            Reply::json_lines(|out| json::write_lines(out, &diffs))
        }
        "/api/compare" => {
            let c = compare_sources(&handle, &params.compare()?)?;
            Reply::json_lines(|out| {
                json::write_lines(out, &c.sources)?;
                json::write_lines(out, &c.differences)
            })
        }
        work => {
            let id = percent_decoded(&work["/work/".len()..]);
            match state.aligned(&handle, &id)? {
                Some(w) => {
                    let min_score = params.score("min_score", SHOWN_CONFIDENCE)?;
                    let only_differ = params.get("only") == Some("differ");
                    Reply::html(200, pages::work(&w, only_differ, min_score))
                }
                None => Reply::plain(404, format!("no work {id:?}; `/` lists the works")),
            }
        }
    })
}

fn percent_decoded(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// A bound server: where it listens, and its state.
pub struct Server {
    http: tiny_http::Server,
    state: Arc<State>,
}

impl Server {
    /// Binds to `addr` to serve the index in `dir`. The index need not exist yet: pages
    /// answer 503 until an ingest builds it.
    pub fn bind(dir: &Path, addr: &str) -> Result<Server> {
        let http = tiny_http::Server::http(addr)
            .map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?;
        Ok(Server {
            http,
            state: Arc::new(State::new(dir)),
        })
    }

    /// The address it listens on (with the port chosen, for port 0).
    pub fn addr(&self) -> Option<SocketAddr> {
        self.http.server_addr().to_ip()
    }

    /// Answers requests until the process ends.
    pub fn run(self) {
        let http = Arc::new(self.http);
        std::thread::scope(|scope| {
            for _ in 0..WORKERS {
                let (http, state) = (http.clone(), self.state.clone());
                scope.spawn(move || {
                    while let Ok(request) = http.recv() {
                        answer(&state, request);
                    }
                });
            }
        });
    }
}

/// Answers `request`; a panic while answering is a 500, never the end of the server.
fn answer(state: &State, request: tiny_http::Request) {
    let method = request.method().as_str().to_owned();
    let url = request.url().to_owned();
    let reply = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        respond(state, &method, &url)
    }))
    .unwrap_or_else(|_| Reply::plain(500, "internal error while answering this request"));
    let header = tiny_http::Header::from_bytes(&b"Content-Type"[..], reply.content_type.as_bytes())
        .expect("a valid header");
    let mut response = tiny_http::Response::from_data(reply.body)
        .with_status_code(reply.status)
        .with_header(header);
    if reply.content_type == HTML {
        let csp = tiny_http::Header::from_bytes(
            &b"Content-Security-Policy"[..],
            &b"default-src 'self'"[..],
        )
        .expect("a valid header");
        response = response.with_header(csp);
    }
    // The client may be gone; nothing to do about it.
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(state: &State, method: &str, url: &str) -> (u16, String) {
        let r = respond(state, method, url);
        (r.status, String::from_utf8(r.body).unwrap())
    }

    #[test]
    fn requests_that_cannot_be_answered_get_a_4xx_or_503_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let state = State::new(dir.path());
        // No index yet: a page says so, assets and unknown paths do not need one.
        let (code, body) = status(&state, "GET", "/");
        assert_eq!(code, 503, "{body}");
        assert_eq!(status(&state, "GET", "/page.css").0, 200);
        assert_eq!(status(&state, "GET", "/nowhere").0, 404);
        assert_eq!(status(&state, "POST", "/search?q=x").0, 405);
        let long = format!("/search?q={}", "a".repeat(limits::URL_BYTES));
        assert_eq!(status(&state, "GET", &long).0, 414);
    }

    #[test]
    fn parameters_are_decoded_and_checked() {
        let p = Params::parse("q=Chef+Choi%21&limit=5&doc=a&doc=b&unit=paragraph");
        let opts = p.search().unwrap();
        assert_eq!(opts.query, "Chef Choi!");
        assert_eq!((opts.limit, opts.unit), (5, UnitKind::Paragraph));
        assert_eq!(opts.docs, ["a", "b"]);
        assert_eq!(
            Params::parse("q=x").search().unwrap().limit,
            limits::DEFAULT_LIMIT
        );
        for bad in [
            "q=",
            "q=%20%20",
            "q=x&limit=0",
            "q=x&limit=201",
            "q=x&limit=-1",
            "q=x&limit=abc",
            "q=x&unit=word",
        ] {
            assert!(
                matches!(Params::parse(bad).search(), Err(Error::Usage(_))),
                "{bad}"
            );
        }
        let long = format!("q={}", "a".repeat(limits::QUERY_BYTES + 1));
        assert!(Params::parse(&long).search().is_err());
        assert!(Params::parse("kind=detail&min_score=0.5").diff().is_ok());
        for bad in ["kind=x", "min_score=2", "min_score=NaN", "min_score=-0.1"] {
            assert!(Params::parse(bad).diff().is_err(), "{bad}");
        }
        assert!(Params::parse("q=x&per_source=21").compare().is_err());
        // Bytes that are not UTF-8 are replaced, never a panic.
        assert_eq!(Params::parse("q=%FF%FE").get("q"), Some("\u{FFFD}\u{FFFD}"));
    }
}
