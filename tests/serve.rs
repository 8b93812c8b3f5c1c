//! `rashomon serve`, through the binary and real HTTP: every route and its status codes,
//! the JSON API against the CLI's `--json`, hostile query parameters, serving through an
//! ingest, and the pages in a real browser (headless Chromium).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{JsonHit, Sandbox};

/// A running `rashomon serve` on a free port of the loopback; killed when dropped.
struct Served {
    child: Child,
    addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(sb: &Sandbox) -> Served {
    let mut child = sb
        .cmd(&["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start rashomon serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .and_then(|a| a.strip_suffix('/'))
        .unwrap_or_else(|| panic!("first line names the address: {line:?}"))
        .to_owned();
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    Served { child, addr }
}

/// A response: status, Content-Type, body.
struct Response {
    status: u16,
    content_type: String,
    body: String,
}

impl Served {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// One request over a fresh connection, read to its end.
    fn request(&self, method: &str, target: &str) -> Response {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read the response");
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").expect("a head and a body");
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status code");
        let content_type = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-type: ")
                    .map(str::to_owned)
            })
            .unwrap_or_default();
        Response {
            status,
            content_type,
            body: body.to_owned(),
        }
    }

    fn get(&self, target: &str) -> Response {
        self.request("GET", target)
    }

    fn get_ok(&self, target: &str) -> String {
        let r = self.get(target);
        assert_eq!(r.status, 200, "GET {target}: {}", r.body);
        r.body
    }
}

/// The work id of the shipped recaps.
fn recap_work(sb: &Sandbox) -> String {
    sb.works()[0].work.clone().expect("the recaps are one work")
}

#[test]
fn every_route_answers_with_its_status() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let s = serve(&sb);
    let work = recap_work(&sb);

    let home = s.get_ok("/");
    assert!(home.contains(&format!("href=\"/work/{work}\"")), "{home}");
    assert!(home.contains("000_8bf98b6dfac8ce34.txt") && home.contains("<form action=\"/search\""));
    // The front page already shows where the recaps differ most, side by side.
    assert!(
        home.contains("<mark class=\"differs name_variant\">Chef</mark>"),
        "{home}"
    );
    assert!(home.contains("<mark class=\"differs detail\">body in her bathtub</mark>"));

    // Search: the query's words in <mark>, the counterpart's differing words marked.
    let search = s.get_ok("/search?q=bathtub");
    assert!(search.contains("<mark>bathtub</mark>"), "{search}");
    assert!(
        search.contains("<mark class=\"differs\">immersed in a pool of blood"),
        "{search}"
    );
    assert!(search.contains("href=\"/doc?path=corpus%2F000_8bf98b6dfac8ce34.txt#L7\""));
    let paragraphs = s.get_ok("/search?q=Chef+Choi&unit=paragraph&limit=3");
    assert_eq!(paragraphs.matches("<article class=\"hit\"").count(), 3);
    assert!(s.get_ok("/search?q=xylophone").contains("0 hits"));
    // A misspelt word is searched by its near spellings, and the page says so.
    let respelled = s.get_ok("/search?q=Lamborgini");
    assert!(
        respelled.contains("no &quot;Lamborgini&quot; in the index; matched lamborghini"),
        "{respelled}"
    );
    assert!(
        !s.get_ok("/search?q=Lamborghini")
            .contains("in the index; matched")
    );
    // A full page of hits says it is the best of more, and offers more.
    let some = s.get_ok("/search?q=Choi&limit=5");
    assert!(some.contains("the best 5 hits") && some.contains("limit=10\">Show up to 10"));
    // What a user types is text, never markup.
    let hostile = s.get_ok("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E+Choi");
    assert!(!hostile.contains("<script>alert") && hostile.contains("&lt;script&gt;"));

    let compare = s.get_ok("/compare?q=how+did+Min-hee+die");
    assert!(compare.contains("Where they differ") && compare.contains("bathtub"));
    assert_eq!(compare.matches("<section class=\"source\">").count(), 2);

    // The work side by side: both accounts, the bathtub and the pool of blood marked.
    let page = s.get_ok(&format!("/work/{work}"));
    assert_eq!(page.matches("<th scope=\"col\">").count(), 2);
    assert!(
        page.contains("<mark class=\"differs detail\">body in her bathtub</mark>"),
        "{page}"
    );
    assert!(page.contains("<mark class=\"differs detail\">immersed in a pool of blood"));
    assert!(page.contains("<mark class=\"differs name_variant\">Chef</mark>"));
    let differing = s.get_ok(&format!("/work/{work}?only=differ"));
    assert!(differing.matches("<tr class=\"row").count() < page.matches("<tr class=\"row").count());
    assert!(differing.contains("bathtub"));
    let all = s.get_ok(&format!("/work/{work}?min_score=0"));
    assert!(
        all.matches("<mark class=\"differs").count()
            > page.matches("<mark class=\"differs").count()
    );

    let doc = s.get_ok("/doc?path=corpus/000_8bf98b6dfac8ce34.txt");
    assert!(doc.contains("<li id=\"L7\">") && doc.contains("bathtub"));

    let css = s.get("/page.css");
    assert_eq!(
        (css.status, css.content_type.as_str()),
        (200, "text/css; charset=utf-8")
    );
    assert!(s.get_ok("/page.js").contains("only-differ"));

    for (target, status) in [
        ("/nowhere", 404),
        ("/work/no-such-work", 404),
        ("/doc?path=corpus/missing.txt", 404),
        ("/doc", 400),
        ("/search", 400),
        ("/search?q=", 400),
        ("/search?q=x&limit=0", 400),
        ("/search?q=x&limit=9999", 400),
        ("/search?q=x&unit=word", 400),
        ("/compare?q=x&per_source=x", 400),
        ("/api/diff?kind=typo", 400),
        ("/api/diff?min_score=7", 400),
        ("/api/diff?doc=000", 400),
        (&format!("/work/{work}?min_score=x"), 400),
    ] {
        let r = s.get(target);
        assert_eq!(r.status, status, "GET {target}: {}", r.body);
        // A page's error is a page with the reason and the search box; the API's is
        // plain text.
        match target.starts_with("/api/") {
            true => assert!(r.content_type.starts_with("text/plain"), "{target}"),
            false => {
                assert!(r.content_type.starts_with("text/html"), "{target}");
                assert!(r.body.contains("<p class=\"error\">") && r.body.contains("name=\"q\""));
            }
        }
        assert!(!r.body.trim().is_empty(), "{target} says why");
    }
    assert_eq!(s.request("POST", "/search?q=x").status, 405);
    assert_eq!(s.request("DELETE", "/").status, 405);
    let long = format!("/search?q={}", "a".repeat(2000));
    assert_eq!(s.get(&long).status, 400);
}

#[test]
fn the_api_writes_what_the_cli_writes() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let s = serve(&sb);
    let api = s.get("/api/search?q=Chef+Choi&limit=5");
    assert!(api.content_type.starts_with("application/x-ndjson"));
    let (cli, _) = sb.run_ok(&["search", "--json", "--limit", "5", "Chef Choi"], 0);
    assert_eq!(api.body, cli);
    for line in api.body.lines() {
        let _: JsonHit = serde_json::from_str(line).expect("the documented hit format");
    }
    let (cli, _) = sb.run_ok(&["diff", "--json", "--limit", "7", "--kind", "detail"], 0);
    assert_eq!(s.get_ok("/api/diff?limit=7&kind=detail"), cli);
    let (cli, _) = sb.run_ok(&["compare", "--json", "how did Min-hee die"], 0);
    assert_eq!(s.get_ok("/api/compare?q=how+did+Min-hee+die"), cli);
    assert_eq!(s.get_ok("/api/search?q=xylophone"), "");
}

/// A small deterministic generator for hostile parameters (xorshift).
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A percent-encoded value of random bytes, query syntax and long runs.
    fn value(&mut self) -> String {
        const PIECES: &[&str] = &[
            "\"", "-", "+", "doc:", "*", "~", "(", ")", "%", "&", "=", "Choi", "Min-hee", "", " ",
            "\u{0}", "é", "🎬", "\u{202e}", "AND", "OR", "NOT", "title:", "^2", "\\", "/", "?",
        ];
        let mut out = Vec::new();
        for _ in 0..self.next() % 12 {
            match self.next() % 4 {
                0 => out.extend((0..self.next() % 6).map(|_| self.next() as u8)),
                1 => out.extend(std::iter::repeat_n(b'x', (self.next() % 300) as usize)),
                _ => out.extend(PIECES[(self.next() % PIECES.len() as u64) as usize].bytes()),
            }
        }
        out.iter().map(|b| format!("%{b:02X}")).collect()
    }
}

#[test]
fn hostile_parameters_never_break_the_server() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let s = serve(&sb);
    let work = recap_work(&sb);
    let routes = [
        "/search",
        "/compare",
        "/api/search",
        "/api/compare",
        "/api/diff",
        "/doc",
        "/",
    ];
    let keys = [
        "q",
        "limit",
        "unit",
        "doc",
        "kind",
        "min_score",
        "per_source",
        "path",
        "only",
    ];
    let mut noise = Noise(0x9e37_79b9_7f4a_7c15);
    for i in 0..300 {
        let route = match i % 8 {
            7 => format!("/work/{work}"),
            r => routes[r % routes.len()].to_owned(),
        };
        let params: Vec<String> = (0..1 + noise.next() % 4)
            .map(|_| {
                let key = keys[(noise.next() % keys.len() as u64) as usize];
                format!("{key}={}", noise.value())
            })
            .collect();
        let target = format!("{route}?{}", params.join("&"));
        let r = s.get(&target);
        assert!(
            matches!(r.status, 200 | 400 | 404 | 414),
            "GET {target}: {} {}",
            r.status,
            r.body
        );
    }
    // Still serving.
    assert!(
        s.get_ok("/search?q=bathtub")
            .contains("<mark>bathtub</mark>")
    );
}

#[test]
fn it_serves_through_an_ingest_and_then_shows_the_new_commit() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let s = serve(&sb);
    assert_eq!(s.get_ok("/api/search?q=zeppelin"), "");
    sb.write(
        "corpus/extra.txt",
        b"A zeppelin drifts over the harbour while the band plays.\n",
    );
    // Requests go on while the ingest writes; each sees one whole commit.
    let mut ingest = sb.cmd(&["ingest"]).stdout(Stdio::null()).spawn().unwrap();
    loop {
        let r = s.get("/api/search?q=bathtub");
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.body.contains("bathtub"));
        if ingest.try_wait().unwrap().is_some() {
            break;
        }
    }
    assert!(ingest.wait().unwrap().success());
    let after = s.get_ok("/api/search?q=zeppelin");
    assert!(after.contains("extra.txt"), "{after}");
    assert!(s.get_ok("/").contains("extra.txt"));
}

#[test]
fn an_address_in_use_is_a_clear_error() {
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let s = serve(&sb);
    let (_, err) = sb.run_ok(&["serve", "--addr", &s.addr], 2);
    assert!(err.contains("cannot listen on"), "{err}");
    let (_, err) = sb.run_ok(&["serve", "--addr", "not an address"], 2);
    assert!(err.contains("cannot listen on"), "{err}");
}

/// Headless Chromium, when there is one: Debian's `chromium-headless-shell` or `chromium`.
fn browser() -> Option<PathBuf> {
    let names = ["chromium-headless-shell", "chromium", "chromium-browser"];
    let path = std::env::var_os("PATH").unwrap_or_default();
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

fn chromium(browser: &PathBuf, profile: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("run the browser");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The pages in a real browser: the DOM after the script ran, and a screenshot of the
/// work's side-by-side page (written to target/serve-work.png to look at).
#[test]
fn the_pages_render_in_a_real_browser() {
    let Some(browser) = browser() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but no headless Chromium was found; .ci/run installs chromium-headless-shell"
        );
        eprintln!("skipped: no headless Chromium (apt-get install chromium-headless-shell)");
        return;
    };
    let sb = Sandbox::with_shipped_corpus();
    sb.ingest(&[]);
    let s = serve(&sb);
    let work = recap_work(&sb);
    let profile = tempfile::tempdir().unwrap();
    let dom = |path: &str| chromium(&browser, profile.path(), &["--dump-dom", &s.url(path)]);

    let home = dom("/");
    assert!(
        home.contains("data-script=\"ready\""),
        "the script ran: {home}"
    );
    assert!(home.contains(&format!("/work/{work}")));

    let search = dom("/search?q=bathtub");
    assert!(search.contains("<mark>bathtub</mark>"), "{search}");
    assert!(search.contains("<mark class=\"differs\">immersed in a pool of blood"));

    let page = dom(&format!("/work/{work}"));
    assert!(page.contains("data-script=\"ready\""));
    assert!(page.contains("<mark class=\"differs detail\">body in her bathtub</mark>"));
    assert!(page.contains("<mark class=\"differs detail\">immersed in a pool of blood"));
    // The script put in the filter box and counted the rows that differ.
    assert!(page.contains("id=\"only-differ\""), "{page}");
    let differing: usize = page
        .split("data-differing=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|n| n.parse().ok())
        .expect("the table's differing rows counted");
    assert!(differing >= 5, "{differing}");

    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-work.png");
    let _ = std::fs::remove_file(&shot);
    chromium(
        &browser,
        profile.path(),
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600",
            &s.url(&format!("/work/{work}")),
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
    eprintln!("screenshot: {}", shot.display());
}
