//! Shared test fixtures: a sandbox folder with its own corpus and index, a way to run the
//! binary there with a cleared environment, and the JSON hit format, pinned with
//! `deny_unknown_fields` so any change to it fails the tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_rashomon");

pub fn shipped_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonSpan {
    pub start: usize,
    pub end: usize,
}

/// The documented JSON Lines hit format.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonHit {
    pub rank: usize,
    pub score: f64,
    pub doc: String,
    pub path: String,
    pub unit: String,
    pub section: Option<String>,
    pub paragraph: u64,
    pub claim: Option<u64>,
    pub line: u64,
    pub column: u64,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub highlights: Vec<JsonSpan>,
    pub section_highlights: Vec<JsonSpan>,
    pub fragments: Vec<JsonSpan>,
    pub differs: Vec<JsonDiffer>,
}

/// A counterpart in another account, as listed in a hit's `differs`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonDiffer {
    pub kind: String,
    pub score: f64,
    pub about: String,
    pub work: String,
    pub doc: String,
    pub path: String,
    pub section: Option<String>,
    pub line: u64,
    pub column: u64,
    pub paragraph: u64,
    pub claim: u64,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub these_terms: Vec<String>,
    pub their_terms: Vec<String>,
}

/// One side of a difference, as `diff --json` writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonSide {
    pub doc: String,
    pub path: String,
    pub section: Option<String>,
    pub paragraph: u64,
    pub claim: u64,
    pub line: u64,
    pub column: u64,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub highlights: Vec<JsonSpan>,
}

/// A difference, as `diff --json` writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonDifference {
    pub kind: String,
    pub score: f64,
    pub about: String,
    pub work: String,
    pub left: JsonSide,
    pub right: Option<JsonSide>,
    pub left_terms: Vec<String>,
    pub right_terms: Vec<String>,
    pub shared_terms: Vec<String>,
}

/// A work, or a document alone, as `works --json` writes it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct JsonWork {
    pub work: Option<String>,
    pub documents: Vec<String>,
    pub how: String,
    pub name: Option<String>,
    #[serde(default)]
    pub shared: Vec<String>,
}

/// Parses JSON Lines strictly.
pub fn json_lines<T: serde::de::DeserializeOwned>(stdout: &str) -> Vec<T> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect()
}

impl JsonHit {
    /// The highlighted words, as written.
    pub fn marked(&self) -> Vec<&str> {
        self.highlights
            .iter()
            .map(|s| &self.text[s.start..s.end])
            .collect()
    }
}

/// A folder to run rashomon in, deleted when dropped.
pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn empty() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A sandbox whose `corpus/` is a copy of the shipped corpus.
    pub fn with_shipped_corpus() -> Sandbox {
        let sb = Sandbox::empty();
        for entry in std::fs::read_dir(shipped_corpus()).unwrap() {
            let entry = entry.unwrap();
            sb.write(
                &format!("corpus/{}", entry.file_name().to_string_lossy()),
                &std::fs::read(entry.path()).unwrap(),
            );
        }
        sb
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    /// Writes `files` recap-like files of about `size` bytes each under `dir`, with a
    /// paragraph break every eight sentences. They all mention "harbour".
    pub fn write_recaps(&self, dir: &str, files: usize, size: usize) {
        let sentence = "Ok-ju follows Choi through the harbour while the rain keeps falling. ";
        for i in 0..files {
            let mut text = format!("Recap {i} of {dir}\n\n");
            for n in 0.. {
                if text.len() >= size {
                    break;
                }
                text.push_str(sentence);
                if n % 8 == 7 {
                    text.push_str("\n\n");
                }
            }
            self.write(&format!("{dir}/recap_{i:04}.txt"), text.as_bytes());
        }
    }

    /// The binary, run in the sandbox with a cleared environment.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run rashomon")
    }

    /// Runs and asserts the exit code, returning (stdout, stderr).
    pub fn run_ok(&self, args: &[&str], code: i32) -> (String, String) {
        let out = self.run(args);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(code),
            "rashomon {args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "panic: {stderr}");
        (stdout, stderr)
    }

    pub fn ingest(&self, paths: &[&str]) -> String {
        let mut args = vec!["ingest"];
        args.extend_from_slice(paths);
        self.run_ok(&args, 0).0
    }

    /// `search --json` with the given extra arguments; asserts exit 0 or 1.
    pub fn search(&self, query: &str, extra: &[&str]) -> Vec<JsonHit> {
        let mut args = vec!["search", "--json", "--limit", "1000"];
        args.extend_from_slice(extra);
        args.push("--");
        args.push(query);
        let out = self.run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        assert!(
            code == Some(0) || code == Some(1),
            "search {query:?} exited {code:?}: {stderr}"
        );
        let hits: Vec<JsonHit> = String::from_utf8(out.stdout)
            .expect("utf-8 output")
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
            .collect();
        assert_eq!(
            code == Some(0),
            !hits.is_empty(),
            "exit code must say whether anything was found"
        );
        hits
    }

    /// The texts of the hits of a search.
    /// What `works --json` lists.
    pub fn works(&self) -> Vec<JsonWork> {
        let (out, _) = self.run_ok(&["works", "--json"], 0);
        json_lines(&out)
    }

    /// The id of the work the document at `path` belongs to, if it belongs to one.
    pub fn work_of(&self, path: &str) -> Option<String> {
        self.works()
            .into_iter()
            .find(|w| w.documents.iter().any(|d| d == path))
            .and_then(|w| w.work)
    }

    /// The ids of all works.
    pub fn work_ids(&self) -> Vec<String> {
        self.works().into_iter().filter_map(|w| w.work).collect()
    }

    pub fn texts(&self, query: &str, extra: &[&str]) -> Vec<String> {
        self.search(query, extra)
            .into_iter()
            .map(|h| h.text)
            .collect()
    }
}
