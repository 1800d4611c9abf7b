//! Where input documents come from: files, folders, `.gz` files and standard input.
//!
//! Listing never fails as a whole: a path that cannot be read becomes an input whose `read`
//! reports the problem, so one bad item is reported and the others go on.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

/// One document to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk (`.gz` files are decompressed when read).
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// A path that could not be listed, with the reason.
    Unreadable(PathBuf, String),
}

impl Input {
    /// The name used in output records and error messages.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) | Input::Unreadable(p, _) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }

    /// Read the document and extract its article (the step `extract`, `actors` and `code`
    /// share); errors name no input, callers prefix [`Input::name`].
    pub fn extract(
        &self,
        url: Option<&str>,
        settings: &attache_extract::Settings,
    ) -> anyhow::Result<attache_model::Extraction> {
        let bytes = self.read(settings.max_bytes)?;
        Ok(attache_extract::extract(&bytes, url, settings)?)
    }

    /// Read the whole document, decompressing gzip, refusing more than `max_bytes`.
    pub fn read(&self, max_bytes: usize) -> anyhow::Result<Vec<u8>> {
        match self {
            Input::Unreadable(_, why) => bail!("{why}"),
            Input::Stdin => read_capped(std::io::stdin().lock(), max_bytes),
            Input::File(path) => {
                let file = std::fs::File::open(path).context("cannot open")?;
                let raw = read_capped(file, max_bytes)?;
                if is_gzip(path, &raw) {
                    // Over the cap once decompressed (a gzip bomb) is a size problem, not
                    // damage: say so, and keep "corrupt" for streams that do not decode.
                    read_capped(flate2::read::MultiGzDecoder::new(&raw[..]), max_bytes).map_err(
                        |e| {
                            if e.downcast_ref::<OverCap>().is_some() {
                                anyhow::anyhow!(
                                    "decompressed input is larger than the size cap of {} MB \
                                     (raise it with --max-mb)",
                                    max_bytes / (1024 * 1024)
                                )
                            } else {
                                e.context("cannot decompress (corrupt or truncated gzip)")
                            }
                        },
                    )
                } else {
                    Ok(raw)
                }
            }
        }
    }
}

/// Gzip is recognised by its magic bytes, so a misnamed file still reads right.
fn is_gzip(path: &Path, bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
        || (path.extension().is_some_and(|e| e == "gz") && bytes.is_empty())
}

/// Read at most `max_bytes`; more is an error that names the limit (reading one byte past the
/// limit tells a too-large input apart from one of exactly the limit).
fn read_capped(reader: impl Read, max_bytes: usize) -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    reader
        .take(limit)
        .read_to_end(&mut buf)
        .context("cannot read")?;
    if buf.len() > max_bytes {
        return Err(OverCap { max_bytes }.into());
    }
    Ok(buf)
}

/// An input over the size cap (told apart from damage by type, not by message).
#[derive(Debug)]
struct OverCap {
    max_bytes: usize,
}

impl std::fmt::Display for OverCap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "input is larger than the size cap of {} MB (raise it with --max-mb)",
            self.max_bytes / (1024 * 1024)
        )
    }
}

impl std::error::Error for OverCap {}

/// The exit code of a run over several inputs: 1 when any input failed, so scripts notice,
/// while every other input was still processed.
pub fn exit_code(failures: usize) -> std::process::ExitCode {
    if failures == 0 {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::from(1)
    }
}

/// Expand the command-line paths into inputs: folders recursively (sorted, hidden entries
/// skipped), `-` and an empty list as standard input.
pub fn list(paths: &[PathBuf]) -> Vec<Input> {
    if paths.is_empty() {
        return vec![Input::Stdin];
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, &mut inputs);
        } else if path.exists() {
            inputs.push(Input::File(path.clone()));
        } else {
            inputs.push(Input::Unreadable(
                path.clone(),
                "no such file or folder".into(),
            ));
        }
    }
    inputs
}

fn walk(dir: &Path, inputs: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            inputs.push(Input::Unreadable(
                dir.to_path_buf(),
                format!("cannot list folder: {err}"),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, inputs);
        } else {
            inputs.push(Input::File(path));
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)] // test set-up that fails should stop the test
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn reading_past_the_cap_is_an_error_naming_the_cap() {
        let err = read_capped(&[0u8; 2048 * 1024][..], 1024 * 1024).unwrap_err();
        assert!(format!("{err}").contains("size cap of 1 MB"), "{err}");
    }

    /// Issue 15: a gzip bomb said "corrupt or truncated gzip" though only its size was over
    /// the cap; a damaged stream still says corrupt.
    #[test]
    fn a_gzip_bomb_is_over_the_cap_and_a_damaged_gzip_is_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let bomb = dir.path().join("bomb.html.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b' '; 3 * 1024 * 1024]).unwrap();
        std::fs::write(&bomb, enc.finish().unwrap()).unwrap();
        let err = format!("{:#}", Input::File(bomb).read(1024 * 1024).unwrap_err());
        assert!(err.contains("size cap of 1 MB"), "{err}");
        assert!(!err.contains("corrupt"), "{err}");
        let broken = dir.path().join("broken.html.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"<p>hello there, this is a page</p>")
            .unwrap();
        let mut bytes = enc.finish().unwrap();
        bytes.truncate(bytes.len() / 2);
        std::fs::write(&broken, bytes).unwrap();
        let err = format!("{:#}", Input::File(broken).read(1024 * 1024).unwrap_err());
        assert!(err.contains("corrupt or truncated gzip"), "{err}");
    }

    #[test]
    fn gzip_files_are_decompressed_by_magic_bytes() {
        let dir = std::env::temp_dir().join(format!("attache-inputs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("page.html");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"<p>hello</p>").unwrap();
        std::fs::write(&path, enc.finish().unwrap()).unwrap();
        let bytes = Input::File(path).read(1024).unwrap();
        assert_eq!(bytes, b"<p>hello</p>");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn truncated_gzip_is_an_error_not_a_panic() {
        let dir = std::env::temp_dir().join(format!("attache-inputs-trunc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("page.html.gz");
        std::fs::write(&path, [0x1f, 0x8b, 8, 0, 0, 0]).unwrap();
        assert!(Input::File(path).read(1024).is_err());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn missing_paths_become_unreadable_inputs_and_the_rest_go_on() {
        let inputs = list(&[PathBuf::from("/no/such/file"), PathBuf::from("-")]);
        assert!(matches!(inputs[0], Input::Unreadable(..)));
        assert_eq!(inputs[1], Input::Stdin);
    }
}
