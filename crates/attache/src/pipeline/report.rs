//! The run report: what an ingest read, stored, skipped and why.

use std::collections::BTreeMap;
use std::fmt;

use attache_model::cpu;
use serde::Serialize;

/// Failed inputs listed by name in one run report, at most: enough for any real run, while a
/// hostile archive of a million damaged records still makes a report (and a stored run record)
/// of a few megabytes. The rest are counted in [`Report::failures_unlisted`] and still named on
/// stderr.
pub const MAX_LISTED_FAILURES: usize = 10_000;

/// One input that failed, named with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The input: a path, `path#record` (a WARC record), or a URL.
    pub input: String,
    /// The report key it is counted under in `errors` (`unreadable_input`, `fetch_timeout`...).
    pub kind: String,
    /// What was wrong, for a person.
    pub reason: String,
}

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
    /// (remembered as an alias), `same_outlet_copy_kept` (stored: the copy it repeats comes
    /// later by publication time and id, and the settle makes that one the alias),
    /// `cross_outlet_exact` and `cross_outlet_near` (stored, flagged, counted as
    /// corroboration).
    pub duplicates: BTreeMap<String, u64>,
    /// Records committed by an earlier run and not read again.
    pub already_ingested: u64,
    /// Events stored.
    pub events: u64,
    /// Stories started.
    pub new_stories: u64,
    /// Articles moved to another story when the stories were settled at the end of the run
    /// (see `pipeline::stories`): the writer's own assignment depends on the input order.
    pub settle_moved: u64,
    /// Articles the settle turned into aliases: same-outlet copies of an earlier article,
    /// stored because they were written before it or alongside it by another worker.
    pub settle_aliased: u64,
    /// Articles that settle replayed: those from the checkpoint at or before the earliest
    /// article written since the last settle (none when nothing was written).
    pub settle_replayed: u64,
    /// Wall time of that settle, in seconds.
    pub settle_seconds: f64,
    /// Errors, by kind (`extract_error`, `fetch_timeout`, `warc_corrupt_gzip`...).
    pub errors: BTreeMap<String, u64>,
    /// Every input that failed, in input order, each with its reason (at most
    /// [`MAX_LISTED_FAILURES`]). A failed input is never marked done: the next run tries it
    /// again.
    pub failures: Vec<Failure>,
    /// Failed inputs beyond [`MAX_LISTED_FAILURES`], counted but not listed.
    pub failures_unlisted: u64,
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

    /// Count a failed input under `errors` and list it.
    pub(crate) fn fail(&mut self, failure: Failure) {
        Report::bump(&mut self.errors, &failure.kind);
        if self.failures.len() < MAX_LISTED_FAILURES {
            self.failures.push(failure);
        } else {
            self.failures_unlisted += 1;
        }
    }

    /// Inputs that failed in this run.
    pub fn failed(&self) -> u64 {
        self.errors.values().sum()
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
        if self.settle_seconds > 0.0 {
            writeln!(
                f,
                "  {:<18} replayed {}, moved {}, made aliases {} ({:.2} s)",
                "settle",
                self.settle_replayed,
                self.settle_moved,
                self.settle_aliased,
                self.settle_seconds
            )?;
        }
        write_map(f, "errors", &self.errors)?;
        if !self.failures.is_empty() {
            writeln!(f, "  failed inputs (tried again by the next run):")?;
            for x in &self.failures {
                writeln!(f, "    {}: {} [{}]", x.input, x.reason, x.kind)?;
            }
            if self.failures_unlisted > 0 {
                writeln!(f, "    ... and {} more", self.failures_unlisted)?;
            }
        }
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
