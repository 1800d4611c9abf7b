//! What this process has cost so far: CPU time and peak memory, read from Linux `/proc`.
//!
//! Benchmarks and the ingest run report print rates per CPU-second because the machine is
//! shared: wall time says how busy the neighbours were, CPU time says what the work cost.
//! These are the only reads of the model crate; they touch the process's own counters, never
//! user input, and answer `None` where `/proc` is absent.

/// Clock ticks per second of `/proc/*/stat` times: `USER_HZ`, 100 on every Linux ABI.
const USER_HZ: f64 = 100.0;

/// User + system CPU time of this process (every thread), in seconds.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    cpu_seconds_of_stat(&stat)
}

/// The CPU time in one `/proc/PID/stat` line. The command name (field 2) may hold spaces and
/// parentheses, so fields are counted after its last `)`: utime and stime (fields 14 and 15)
/// are the 12th and 13th after it.
fn cpu_seconds_of_stat(stat: &str) -> Option<f64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) as f64 / USER_HZ)
}

/// Peak resident set size of this process (`VmHWM`), in MiB.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    peak_rss_mib_of_status(&status)
}

fn peak_rss_mib_of_status(status: &str) -> Option<f64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_is_read_after_a_command_name_holding_spaces_and_parentheses() {
        let stat = "4242 (my (odd) name) R 1 4242 4242 0 -1 4194304 500 0 0 0 250 30 0 0 \
                    20 0 3 0 100 1000000 200 18446744073709551615";
        assert_eq!(cpu_seconds_of_stat(stat), Some(2.8));
        assert_eq!(cpu_seconds_of_stat("4242 (cut short) R 1"), None);
    }

    #[test]
    fn peak_memory_is_the_high_water_mark_in_mib() {
        let status = "Name:\tattache\nVmPeak:\t 9000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t 100 kB\n";
        assert_eq!(peak_rss_mib_of_status(status), Some(200.0));
        assert_eq!(peak_rss_mib_of_status("Name:\tx\n"), None);
    }

    #[test]
    fn this_process_has_used_some_cpu_on_linux() {
        if !std::path::Path::new("/proc/self/stat").exists() {
            eprintln!("skipped: no /proc on this system");
            return;
        }
        assert!(cpu_seconds().is_some_and(|s| s >= 0.0));
        assert!(peak_rss_mib().is_some_and(|m| m > 0.0));
    }
}
