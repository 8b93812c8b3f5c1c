//! Query latency, measured in-process on the real search path (parse, rank, highlight,
//! `differs`), for `rashomon bench`. This module samples and summarises; the binary prints.
//! `benches/` holds the criterion benches that guard the code itself.

use std::time::Instant;

use serde::Serialize;

use crate::corpus::UnitKind;
use crate::error::{Error, Result};
use crate::index::IndexHandle;
use crate::search::{SearchOptions, search};

/// What to measure.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    pub queries: Vec<String>,
    /// Timed runs per query, after [`WARMUP_RUNS`] untimed ones.
    pub iterations: usize,
    pub unit: UnitKind,
    pub limit: usize,
}

/// Untimed runs of each query before timing: fill caches, page in the index.
pub const WARMUP_RUNS: usize = 3;

/// Latency of one query, in microseconds.
#[derive(Debug, Clone, Serialize)]
pub struct QueryStats {
    pub query: String,
    pub p50_us: f64,
    pub p95_us: f64,
    pub p99_us: f64,
    pub max_us: f64,
    pub qps: f64,
    pub hits: usize,
}

/// Latency over all queries, and what the index holds.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub summary: bool,
    pub queries: usize,
    pub iterations: usize,
    pub p50_us: f64,
    pub p95_us: f64,
    pub p99_us: f64,
    pub max_us: f64,
    pub qps: f64,
    pub documents: u64,
    pub units: usize,
    pub segments: usize,
    pub index_bytes: u64,
}

/// The value below which `p` (0..=1) of `sorted` lies (nearest rank).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn stats(query: String, mut samples: Vec<f64>, hits: usize) -> QueryStats {
    samples.sort_by(f64::total_cmp);
    let total: f64 = samples.iter().sum();
    QueryStats {
        query,
        p50_us: percentile(&samples, 0.50),
        p95_us: percentile(&samples, 0.95),
        p99_us: percentile(&samples, 0.99),
        max_us: samples.last().copied().unwrap_or_default(),
        qps: if total > 0.0 {
            samples.len() as f64 / (total / 1e6)
        } else {
            0.0
        },
        hits,
    }
}

/// Runs every query `iterations` times and reports per query and overall.
pub fn run(handle: &IndexHandle, opts: &BenchOptions) -> Result<(Vec<QueryStats>, Summary)> {
    if opts.iterations == 0 {
        return Err(Error::Usage("--iterations must be at least 1".into()));
    }
    if opts.queries.is_empty() {
        return Err(Error::Query(
            "no queries to time: the --queries file holds none, or the index has no passages to draw them from".into(),
        ));
    }
    let mut per_query = Vec::new();
    let mut all = Vec::new();
    for query in &opts.queries {
        let search_opts = SearchOptions {
            query: query.clone(),
            unit: opts.unit,
            limit: opts.limit,
            docs: Vec::new(),
        };
        let mut hits = 0;
        for _ in 0..WARMUP_RUNS {
            hits = search(handle, &search_opts)?.len();
        }
        let mut samples = Vec::with_capacity(opts.iterations);
        for _ in 0..opts.iterations {
            let started = Instant::now();
            let found = search(handle, &search_opts)?;
            samples.push(started.elapsed().as_secs_f64() * 1e6);
            std::hint::black_box(found);
        }
        all.extend_from_slice(&samples);
        per_query.push(stats(query.clone(), samples, hits));
    }
    let overall = stats(String::new(), all, 0);
    let totals = handle.totals()?;
    let summary = Summary {
        summary: true,
        queries: opts.queries.len(),
        iterations: opts.iterations,
        p50_us: overall.p50_us,
        p95_us: overall.p95_us,
        p99_us: overall.p99_us,
        max_us: overall.max_us,
        qps: overall.qps,
        documents: totals.documents,
        units: handle.count(opts.unit)?,
        segments: handle.index.searchable_segment_ids()?.len(),
        index_bytes: crate::index::verify::folder_bytes(&handle.dir),
    };
    Ok((per_query, summary))
}

/// A query set drawn from the corpus itself, so `bench` means something on any index:
/// words, pairs of words, three-word phrases and misspelt words from claims spread evenly
/// through the index.
pub fn default_queries(handle: &IndexHandle) -> Result<Vec<String>> {
    let mut lookup = handle.lookup();
    let docs = lookup.documents()?;
    let mut words: Vec<Vec<String>> = Vec::new();
    let step = (docs.len() / 8).max(1);
    for doc in docs.iter().step_by(step).take(8) {
        let text = lookup.whole_text(&doc.path)?;
        // From the middle of the document: body text, not its title.
        let mut middle = text.len() / 2;
        while !text.is_char_boundary(middle) {
            middle += 1;
        }
        let sentence: Vec<String> = text[middle..]
            .split(['.', '!', '?', '\n'])
            .skip(1)
            .map(|s| {
                s.split_whitespace()
                    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
            })
            .find(|ws| ws.iter().filter(|w| w.len() > 3).count() >= 3)
            .unwrap_or_default();
        if !sentence.is_empty() {
            words.push(sentence);
        }
    }
    let mut queries = Vec::new();
    for ws in &words {
        let content: Vec<&String> = ws.iter().filter(|w| w.len() > 3).collect();
        let longest = content
            .iter()
            .max_by_key(|w| w.len())
            .map(|w| w.to_string())
            .unwrap_or_default();
        queries.push(longest.clone());
        queries.push(format!("{} {}", content[0], content[content.len() - 1]));
        let at = ws.len().saturating_sub(3) / 2;
        queries.push(format!("\"{}\"", ws[at..(at + 3).min(ws.len())].join(" ")));
        if longest.chars().count() >= 6 {
            // Drop one letter: a typo the fuzzy matcher should forgive.
            let mut typo: Vec<char> = longest.chars().collect();
            typo.remove(typo.len() / 2);
            queries.push(typo.into_iter().collect());
        }
    }
    queries.sort();
    queries.dedup();
    Ok(queries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.50), 50.0);
        assert_eq!(percentile(&v, 0.95), 95.0);
        assert_eq!(percentile(&v, 0.99), 99.0);
        assert_eq!(percentile(&v, 1.0), 100.0);
        assert_eq!(percentile(&[7.0], 0.99), 7.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }
}
