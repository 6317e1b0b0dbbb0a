//! Baselines: the findings a repository already has, recorded once so that a
//! CI gate reports only new ones.
//!
//! Each entry is a finding's rule, path and [fingerprint](crate::fingerprint)
//! (the text around it, not its line), so that editing another paragraph does
//! not invalidate the baseline. The file is JSON:
//! `{"version": 1, "entries": [{"rule", "path", "fingerprint", "message"}]}`.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use miette::Diagnostic as MietteDiagnostic;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::check::FileReport;

/// Version of the baseline file format.
pub const BASELINE_VERSION: u32 = 1;

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Always [`BASELINE_VERSION`].
    pub version: u32,
    /// One entry per finding.
    pub entries: Vec<Entry>,
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// `pack/rule`.
    pub rule: String,
    /// Path as reported.
    pub path: String,
    /// See [`crate::fingerprint`].
    pub fingerprint: String,
    /// The message when recorded, for people reading the file.
    #[serde(default)]
    pub message: String,
}

/// A baseline that cannot be read or written (exit code 2).
#[derive(Debug, Error, MietteDiagnostic)]
pub enum BaselineError {
    /// The file could not be read or written.
    #[error("cannot {action} baseline `{path}`: {error}")]
    Io {
        /// `read` or `write`.
        action: &'static str,
        /// The path.
        path: String,
        /// The I/O error.
        error: std::io::Error,
    },
    /// The file is not a baseline.
    #[error("invalid baseline `{path}`: {message}")]
    #[diagnostic(help("write it again with --write-baseline"))]
    Invalid {
        /// The path.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// What applying a baseline did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings left out because the baseline has them.
    pub baselined: usize,
    /// Baseline entries no finding matched (fixed since, or changed).
    pub gone: usize,
}

impl Baseline {
    /// An empty baseline.
    pub fn new() -> Baseline {
        Baseline {
            version: BASELINE_VERSION,
            entries: Vec::new(),
        }
    }

    /// Records the findings of one file.
    pub fn record(&mut self, report: &FileReport) {
        for (d, print) in report.diagnostics.iter().zip(report.fingerprints()) {
            self.entries.push(Entry {
                rule: d.rule.clone(),
                path: report.path.clone(),
                fingerprint: print,
                message: d.message.clone(),
            });
        }
    }

    /// A matcher that removes recorded findings file by file.
    pub fn matcher(&self) -> Matcher {
        let mut left: HashMap<(String, String, String), usize> = HashMap::new();
        for e in &self.entries {
            *left
                .entry((e.rule.clone(), e.path.clone(), e.fingerprint.clone()))
                .or_insert(0) += 1;
        }
        Matcher { left, baselined: 0 }
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let name = crate::check::display_path(path);
        let bytes = std::fs::read(path).map_err(|error| BaselineError::Io {
            action: "read",
            path: name.clone(),
            error,
        })?;
        let baseline: Baseline =
            serde_json::from_slice(&bytes).map_err(|e| BaselineError::Invalid {
                path: name.clone(),
                message: e.to_string(),
            })?;
        if baseline.version != BASELINE_VERSION {
            return Err(BaselineError::Invalid {
                path: name,
                message: format!(
                    "version {} is not supported (expected {BASELINE_VERSION})",
                    baseline.version
                ),
            });
        }
        Ok(baseline)
    }

    /// Writes the baseline atomically (a temporary file renamed over `path`).
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let name = crate::check::display_path(path);
        let io = |error| BaselineError::Io {
            action: "write",
            path: name.clone(),
            error,
        };
        let mut json = serde_json::to_vec_pretty(self).map_err(|e| io(e.into()))?;
        json.push(b'\n');
        if path.exists() {
            return crate::atomic_write::replace_file(path, &json).map_err(io);
        }
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
        temp.write_all(&json).map_err(io)?;
        temp.as_file().sync_all().map_err(io)?;
        temp.persist(path).map_err(|e| io(e.error))?;
        Ok(())
    }
}

/// Applies a baseline to the files of a run, one after the other.
#[derive(Debug)]
pub struct Matcher {
    left: HashMap<(String, String, String), usize>,
    baselined: usize,
}

impl Matcher {
    /// Removes the recorded findings of one file.
    /// The fingerprints of the findings left are kept in the report.
    pub fn apply(&mut self, report: &mut FileReport) {
        let prints = report.fingerprints();
        let keep: Vec<bool> = prints
            .iter()
            .zip(&report.diagnostics)
            .map(|(print, d)| {
                let key = (d.rule.clone(), report.path.clone(), print.clone());
                match self.left.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect();
        let before = report.diagnostics.len();
        let mut kept = keep.iter();
        report.diagnostics.retain(|_| *kept.next().unwrap_or(&true));
        report.fingerprints = Some(
            prints
                .into_iter()
                .zip(&keep)
                .filter_map(|(print, &keep)| keep.then_some(print))
                .collect(),
        );
        self.baselined += before - report.diagnostics.len();
    }

    /// What was left out, and what of the baseline was not found.
    pub fn applied(&self) -> Applied {
        Applied {
            baselined: self.baselined,
            gone: self.left.values().sum(),
        }
    }
}
