//! The one write endpoint: `POST /api/ingest {"url": "https://..."}` queues the page for
//! `attache ingest`, run as a child process against the same store (so fetching keeps all of
//! ingest's politeness and refusals: robots.txt, size caps, no private addresses).
//!
//! It is off unless the server was started with a token (`ATTACHE_TOKEN`), and then needs
//! `Authorization: Bearer TOKEN`. One job runs at a time; the last [`MAX_JOBS`] are kept for
//! `GET /api/ingest/{job}`.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;

use super::error::ApiError;
use super::security::has_token;
use super::AppState;

/// Jobs remembered for status requests.
pub const MAX_JOBS: usize = 100;

/// Jobs waiting at most (more are refused with 503 rather than queued without bound).
pub const MAX_QUEUED: usize = 20;

/// Longest an ingest of one URL may run before it is stopped.
pub const JOB_TIMEOUT: Duration = Duration::from_secs(300);

/// Longest URL accepted.
const MAX_URL_LEN: usize = 2048;

/// Bytes of the child's output kept with the job.
const OUTPUT_TAIL: usize = 4096;

/// What a client sends.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestRequest {
    /// The page to fetch and ingest (http or https).
    pub url: String,
}

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for the job before it.
    Queued,
    /// `attache ingest` is running.
    Running,
    /// It finished with success.
    Done,
    /// It failed (see `output`).
    Failed,
}

/// A job as reported.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    /// Job number.
    pub job: u64,
    /// The URL.
    pub url: String,
    /// Where it is.
    pub state: JobState,
    /// The command's exit code, when it ended.
    pub exit_code: Option<i32>,
    /// The end of what the command printed (its run report).
    pub output: String,
}

/// The job list and the runner.
pub struct Jobs {
    db: String,
    program: PathBuf,
    list: Arc<Mutex<VecDeque<Job>>>,
    next: Mutex<u64>,
    runner: Arc<Semaphore>,
}

impl Jobs {
    /// Jobs that run this very program (`attache ingest`) on `db`.
    pub fn new(db: String) -> Jobs {
        let program = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("attache"));
        Jobs {
            db,
            program,
            list: Arc::new(Mutex::new(VecDeque::new())),
            next: Mutex::new(1),
            runner: Arc::new(Semaphore::new(1)),
        }
    }

    fn update(list: &Mutex<VecDeque<Job>>, id: u64, f: impl FnOnce(&mut Job)) {
        let mut list = list.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(job) = list.iter_mut().find(|j| j.job == id) {
            f(job);
        }
    }

    fn queue(&self, url: String) -> Result<Job, ApiError> {
        let mut list = self.list.lock().unwrap_or_else(PoisonError::into_inner);
        let waiting = list.iter().filter(|j| j.state == JobState::Queued).count();
        if waiting >= MAX_QUEUED {
            return Err(ApiError::with_status(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("{waiting} ingest jobs are already waiting; try again later"),
            ));
        }
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        let job = Job {
            job: *next,
            url,
            state: JobState::Queued,
            exit_code: None,
            output: String::new(),
        };
        *next += 1;
        list.push_back(job.clone());
        while list.len() > MAX_JOBS {
            list.pop_front();
        }
        Ok(job)
    }

    fn start(&self, job: &Job) {
        let (list, runner) = (Arc::clone(&self.list), Arc::clone(&self.runner));
        let mut command = Command::new(&self.program);
        command
            .arg("ingest")
            .arg("--db")
            .arg(&self.db)
            .arg(&job.url)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let id = job.job;
        tokio::spawn(async move {
            let Ok(_permit) = runner.acquire_owned().await else {
                return;
            };
            Jobs::update(&list, id, |j| j.state = JobState::Running);
            let outcome = tokio::task::spawn_blocking(move || run_with_timeout(command)).await;
            let (state, code, output) = match outcome {
                Ok(Ok((code, output))) if code == Some(0) => (JobState::Done, code, output),
                Ok(Ok((code, output))) => (JobState::Failed, code, output),
                Ok(Err(message)) => (JobState::Failed, None, message),
                Err(e) => (JobState::Failed, None, format!("the job failed: {e}")),
            };
            Jobs::update(&list, id, |j| {
                j.state = state;
                j.exit_code = code;
                j.output = output;
            });
        });
    }

    fn get(&self, id: u64) -> Option<Job> {
        let list = self.list.lock().unwrap_or_else(PoisonError::into_inner);
        list.iter().find(|j| j.job == id).cloned()
    }
}

/// Run a command, killing it after [`JOB_TIMEOUT`]; its exit code and output tail.
fn run_with_timeout(mut command: Command) -> Result<(Option<i32>, String), String> {
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start attache ingest: {e}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > JOB_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("stopped after {} seconds", JOB_TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(format!("cannot wait for attache ingest: {e}")),
        }
    }
    let output = child
        .wait_with_output()
        .map_err(|e| format!("cannot read attache ingest's output: {e}"))?;
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    let cut = text.len().saturating_sub(OUTPUT_TAIL);
    let cut = (cut..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    Ok((output.status.code(), text[cut..].to_string()))
}

/// The write token check shared by the ingest endpoints.
fn authorise(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = state.settings().token.as_deref() else {
        return Err(ApiError::with_status(
            StatusCode::FORBIDDEN,
            "write endpoints are off: start attache serve with ATTACHE_TOKEN set to turn them on",
        ));
    };
    if has_token(token, headers) {
        Ok(())
    } else {
        Err(ApiError::with_status(
            StatusCode::UNAUTHORIZED,
            "this endpoint needs the header Authorization: Bearer <token>",
        ))
    }
}

/// Check a submitted URL: http(s), no spaces or control characters, bounded length.
pub fn check_url(url: &str) -> Result<String, ApiError> {
    let url = url.trim();
    let scheme_ok = url
        .get(..8)
        .is_some_and(|p| p.eq_ignore_ascii_case("https://"))
        || url
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("http://"));
    if !scheme_ok
        || url.len() > MAX_URL_LEN
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(ApiError::bad_request(format!(
            "url must be an http or https URL of at most {MAX_URL_LEN} bytes without spaces"
        )));
    }
    Ok(url.to_string())
}

/// `POST /api/ingest`.
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    authorise(&state, &headers)?;
    let request: IngestRequest = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!("the body must be JSON {{\"url\": \"...\"}}: {e}"))
    })?;
    let url = check_url(&request.url)?;
    let job = state.0.jobs.queue(url)?;
    state.0.jobs.start(&job);
    Ok((StatusCode::ACCEPTED, Json(job)).into_response())
}

/// `GET /api/ingest/{job}`.
pub async fn status(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(job): Path<String>,
) -> Result<Response, ApiError> {
    authorise(&state, &headers)?;
    let id: u64 = job
        .parse()
        .map_err(|_| ApiError::bad_request(format!("job must be a number, got {job:?}")))?;
    match state.0.jobs.get(id) {
        Some(job) => Ok(Json(job).into_response()),
        None => Err(ApiError::not_found(format!(
            "no ingest job {id} (only the last {MAX_JOBS} are kept)"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_web_urls_are_accepted() {
        assert!(check_url("https://example.org/news/1").is_ok());
        assert!(check_url(" HTTP://example.org/ ").is_ok());
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://a b",
            "ftp://x",
            "",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_queue_is_bounded() {
        let jobs = Jobs::new("x.db".to_string());
        for i in 0..MAX_QUEUED {
            assert!(jobs.queue(format!("https://e.org/{i}")).is_ok());
        }
        let refused = jobs.queue("https://e.org/late".into());
        assert_eq!(
            refused.err().map(|e| e.status),
            Some(StatusCode::SERVICE_UNAVAILABLE)
        );
    }
}
