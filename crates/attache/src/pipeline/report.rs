//! The run report: what an ingest read, stored, skipped and why.

use std::collections::BTreeMap;
use std::fmt;

use attache_model::cpu;
use serde::Serialize;

/// Counters of one ingest run. Keys of the maps are stable snake-case reasons.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Report {
    /// Items read from the sources (WARC records, files, URLs).
    pub read: u64,
    /// Articles stored (new).
    pub articles: u64,
    /// Articles whose page changed since an earlier run, replaced.
    pub updated: u64,
    /// Pages that are not articles, by reason.
    pub not_articles: BTreeMap<String, u64>,
    /// Records skipped before extraction, by reason (`not_html`, `http_status`...).
    pub skipped: BTreeMap<String, u64>,
    /// Duplicates, by kind: `already_stored` (same page, same text), `same_outlet_copy`
    /// (remembered as an alias), `cross_outlet_exact` and `cross_outlet_near` (stored, flagged,
    /// counted as corroboration).
    pub duplicates: BTreeMap<String, u64>,
    /// Records committed by an earlier run and not read again.
    pub already_ingested: u64,
    /// Events stored.
    pub events: u64,
    /// Stories started.
    pub new_stories: u64,
    /// Errors, by kind (`extract_error`, `fetch_timeout`, `warc_corrupt_gzip`...).
    pub errors: BTreeMap<String, u64>,
    /// Wall time in seconds.
    pub seconds: f64,
    /// Articles (new and updated) per second of wall time.
    pub articles_per_second: f64,
    /// Peak resident memory of the process in MiB (Linux; 0 elsewhere).
    pub peak_rss_mib: f64,
    /// CPU time of the process (user + system, all threads) in seconds (Linux; 0 elsewhere).
    /// On a shared machine this, not wall time, tells what the run cost.
    pub cpu_seconds: f64,
    /// Articles (new and updated) per CPU-second: times the cores available, the rate a
    /// machine of its own would reach when every core is busy.
    pub articles_per_cpu_second: f64,
}

impl Report {
    pub(crate) fn bump(map: &mut BTreeMap<String, u64>, key: &str) {
        *map.entry(key.to_string()).or_insert(0) += 1;
    }

    /// Finish the timing figures.
    pub fn finish(&mut self, seconds: f64) {
        self.seconds = seconds;
        self.articles_per_second = if seconds > 0.0 {
            (self.articles + self.updated) as f64 / seconds
        } else {
            0.0
        };
        self.peak_rss_mib = cpu::peak_rss_mib().unwrap_or(0.0);
        self.cpu_seconds = cpu::cpu_seconds().unwrap_or(0.0);
        self.articles_per_cpu_second = if self.cpu_seconds > 0.0 {
            (self.articles + self.updated) as f64 / self.cpu_seconds
        } else {
            0.0
        };
    }
}

fn write_map(f: &mut fmt::Formatter<'_>, label: &str, map: &BTreeMap<String, u64>) -> fmt::Result {
    let total: u64 = map.values().sum();
    write!(f, "  {label:<18} {total}")?;
    if !map.is_empty() {
        let parts: Vec<String> = map.iter().map(|(k, v)| format!("{k} {v}")).collect();
        write!(f, "  ({})", parts.join(", "))?;
    }
    writeln!(f)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "ingest report")?;
        writeln!(f, "  {:<18} {}", "read", self.read)?;
        writeln!(f, "  {:<18} {}", "articles stored", self.articles)?;
        writeln!(f, "  {:<18} {}", "articles updated", self.updated)?;
        write_map(f, "not articles", &self.not_articles)?;
        write_map(f, "skipped", &self.skipped)?;
        write_map(f, "duplicates", &self.duplicates)?;
        writeln!(f, "  {:<18} {}", "already ingested", self.already_ingested)?;
        writeln!(f, "  {:<18} {}", "events", self.events)?;
        writeln!(f, "  {:<18} {}", "new stories", self.new_stories)?;
        write_map(f, "errors", &self.errors)?;
        writeln!(
            f,
            "  {:<18} {:.1} s, {:.0} articles/s, {:.1} CPU-s ({:.0} articles per CPU-s), peak RSS {:.0} MiB",
            "time",
            self.seconds,
            self.articles_per_second,
            self.cpu_seconds,
            self.articles_per_cpu_second,
            self.peak_rss_mib
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_human_report_lists_reasons_with_their_counts() {
        let mut r = Report::default();
        Report::bump(&mut r.skipped, "not_html");
        Report::bump(&mut r.skipped, "not_html");
        Report::bump(&mut r.errors, "warc_corrupt_gzip");
        r.finish(2.0);
        let text = r.to_string();
        assert!(
            text.contains("skipped            2  (not_html 2)"),
            "{text}"
        );
        assert!(text.contains("warc_corrupt_gzip 1"), "{text}");
    }
}
