//! The `check` command's work: find files, lint them in parallel, keep order.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::Diagnostic as MietteDiagnostic;
use thiserror::Error;

use crate::LintOptions;
use crate::atomic_write;
use crate::coverage::CoverageItem;
use crate::diagnostic::Diagnostic;
use crate::document::{DecodeError, Document, Format, Source};
use crate::feedback::{self, FeedbackError, FeedbackList};
use crate::fix;
use crate::ordered;
use crate::pack::PackSet;

/// File extensions linted when walking directories.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md"];

/// The findings for one document, with its source when there are findings or
/// coverage (reporters need the text to compute positions and excerpts).
#[derive(Debug)]
pub struct FileReport {
    /// Path as shown to the user.
    pub path: String,
    /// The decoded text, kept only when there are findings.
    pub source: Option<Source>,
    /// Findings sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Feedback coverage, when a coverage rule ran.
    pub coverage: Option<Vec<CoverageItem>>,
    /// What fixing did, when fixes were applied.
    pub fixes: Option<FixSummary>,
    /// Findings dropped by suppression comments.
    pub suppressed: usize,
    /// The fingerprints of `diagnostics`, once a baseline has taken some
    /// findings out: they are numbered among all the findings of the file,
    /// so they cannot be computed again from the ones left.
    pub fingerprints: Option<Vec<String>>,
}

impl FileReport {
    /// The fingerprint of each finding, in order (see [`crate::fingerprint`]);
    /// none without the source, which is kept whenever there are findings.
    pub fn fingerprints(&self) -> Vec<String> {
        if let Some(prints) = &self.fingerprints {
            return prints.clone();
        }
        let Some(source) = &self.source else {
            return Vec::new();
        };
        crate::fingerprint::fingerprints(
            &self.path,
            source.text(),
            self.diagnostics
                .iter()
                .map(|d| (d.rule.as_str(), &d.primary)),
        )
    }
}

/// A failure that stops the run (exit code 2).
#[derive(Debug, Error, MietteDiagnostic)]
pub enum CheckError {
    /// A path named on the command line does not exist.
    #[error("path `{path}` does not exist")]
    NotFound {
        /// The path.
        path: String,
    },
    /// A file or directory could not be read.
    #[error("cannot read `{path}`: {error}")]
    Read {
        /// The path.
        path: String,
        /// The I/O error.
        error: std::io::Error,
    },
    /// A file is not valid text.
    #[error("cannot read `{path}`: {error}")]
    Decode {
        /// The path.
        path: String,
        /// Why.
        error: DecodeError,
    },
    /// A feedback list is unreadable or defective.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Feedback(#[from] FeedbackError),
    /// A fixed file could not be written.
    #[error("cannot write `{path}`: {error}")]
    Write {
        /// The path.
        path: String,
        /// The I/O error.
        error: std::io::Error,
    },
    /// A file changed on disk while it was being fixed.
    #[error("`{path}` changed while it was being fixed; it was not written")]
    #[diagnostic(help("run again to fix the new contents"))]
    Changed {
        /// The path.
        path: String,
    },
    /// A file is larger than `--max-file-size`.
    #[error("`{path}` is {size} bytes, more than the limit of {limit} bytes")]
    #[diagnostic(help("raise the limit with --max-file-size, or leave the file out"))]
    TooLarge {
        /// The path.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

impl CheckError {
    /// Whether this error concerns one file only (read, decode, size), so
    /// that a file found while walking is skipped rather than the run stopped.
    pub fn is_about_one_file(&self) -> bool {
        matches!(
            self,
            CheckError::Read { .. } | CheckError::Decode { .. } | CheckError::TooLarge { .. }
        )
    }
}

/// A file found to lint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    /// Its path.
    pub path: PathBuf,
    /// Named on the command line (its errors stop the run) rather than found
    /// while walking a directory (its errors only skip it).
    pub named: bool,
}

/// A file or directory left out of the run, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Path as shown to the user.
    pub path: String,
    /// Why, in one line.
    pub reason: String,
}

/// The files to lint: named files as they are, directories walked recursively
/// (honouring `.gitignore`, `.ignore` and hidden files, not following links)
/// for `extensions`. Sorted and without duplicates. What cannot be walked is
/// skipped with a reason; a named path that does not exist is an error.
pub fn discover(
    paths: &[PathBuf],
    extensions: &[String],
) -> Result<(Vec<Found>, Vec<Skipped>), CheckError> {
    let mut files: Vec<Found> = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|source| {
            let broken_link = std::fs::symlink_metadata(path).is_ok();
            if source.kind() == std::io::ErrorKind::NotFound && !broken_link {
                CheckError::NotFound {
                    path: display_path(path),
                }
            } else {
                CheckError::Read {
                    path: display_path(path),
                    error: if broken_link {
                        std::io::Error::new(source.kind(), "broken symbolic link")
                    } else {
                        source
                    },
                }
            }
        })?;
        if !metadata.is_dir() {
            files.push(Found {
                path: path.clone(),
                named: true,
            });
            continue;
        }
        let walker = ignore::WalkBuilder::new(path).require_git(false).build();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    skipped.push(Skipped {
                        path: display_path(path),
                        reason: error.to_string(),
                    });
                    continue;
                }
            };
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            let wanted = entry
                .path()
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)));
            if is_file && wanted {
                files.push(Found {
                    path: entry.into_path(),
                    named: false,
                });
            }
        }
    }
    files.sort();
    // A file both named and found while walking counts as named.
    files.dedup_by(|later, earlier| {
        let same = later.path == earlier.path;
        if same {
            earlier.named |= later.named;
        }
        same
    });
    Ok((files, skipped))
}

/// A path as shown in reports: without a leading `./`, with `/` separators.
pub fn display_path(path: &Path) -> String {
    let shown = path.strip_prefix(".").unwrap_or(path);
    let shown = if shown.as_os_str().is_empty() {
        path
    } else {
        shown
    };
    shown.to_string_lossy().replace('\\', "/")
}

/// What `check` does with the fixes findings carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    /// Report findings only.
    #[default]
    Off,
    /// Apply the fixes and write each changed file back, atomically.
    Write,
    /// Apply the fixes in memory and keep a unified diff.
    Diff,
    /// Apply the fixes in memory and keep the fixed text (for `--stdin`).
    Text,
}

/// What fixing did to one document.
#[derive(Debug, Default)]
pub struct FixSummary {
    /// Fixes applied.
    pub applied: usize,
    /// Fixable findings left (their fixes conflicted with others).
    pub unapplied: usize,
    /// Whether the text changed.
    pub changed: bool,
    /// Unified diff from the original text, in [`FixMode::Diff`], when changed.
    pub diff: Option<String>,
    /// The fixed document in its original encoding (BOM included when the
    /// input had one), in [`FixMode::Text`], and in [`FixMode::Write`] until
    /// written.
    pub bytes: Option<Vec<u8>>,
}

/// Lints document bytes named `name` (format from the name's extension),
/// fixing them first unless `mode` is [`FixMode::Off`].
pub fn lint_bytes(
    name: &str,
    bytes: Vec<u8>,
    packs: &PackSet,
    options: &LintOptions,
    mode: FixMode,
) -> Result<FileReport, CheckError> {
    let source = Source::from_bytes_in(name, bytes, options.encoding).map_err(|source| {
        CheckError::Decode {
            path: name.to_owned(),
            error: source,
        }
    })?;
    let doc = Document::parse(source, Format::from_path(Path::new(name)));
    let with_list;
    let options = match feedback_for(Path::new(name), &doc, options)? {
        Some(list) => {
            with_list = LintOptions {
                feedback: Some(list),
                ..options.clone()
            };
            &with_list
        }
        None => options,
    };
    if mode == FixMode::Off {
        let linted = crate::lint_document(&doc, packs, options);
        return Ok(report(name, doc, linted, None));
    }
    let original = doc.text().to_owned();
    let fixed = fix::fix_document(doc, packs, options);
    let mut summary = FixSummary {
        applied: fixed.applied,
        unapplied: fixed.unapplied,
        ..FixSummary::default()
    };
    let new_text = fixed.document.text();
    summary.changed = new_text != original;
    match mode {
        FixMode::Diff if summary.changed => {
            summary.diff = Some(
                similar::TextDiff::from_lines(original.as_str(), new_text)
                    .unified_diff()
                    .context_radius(3)
                    .header(
                        &format!("a/{}", name.trim_start_matches('/')),
                        &format!("b/{}", name.trim_start_matches('/')),
                    )
                    .to_string(),
            );
        }
        // Standard input always gets the document back; a file only when changed.
        // Fixed text is written back as it was read (encoding, BOM).
        FixMode::Text => summary.bytes = Some(fixed.document.source().encode(new_text)),
        FixMode::Write if summary.changed => {
            summary.bytes = Some(fixed.document.source().encode(new_text));
        }
        _ => {}
    }
    Ok(report(name, fixed.document, fixed.linted, Some(summary)))
}

fn report(
    name: &str,
    doc: Document,
    linted: crate::Linted,
    fixes: Option<FixSummary>,
) -> FileReport {
    let keep_source =
        !linted.diagnostics.is_empty() || linted.coverage.as_ref().is_some_and(|c| !c.is_empty());
    FileReport {
        path: name.to_owned(),
        source: keep_source.then(|| doc.into_source()),
        diagnostics: linted.diagnostics,
        coverage: linted.coverage,
        fixes,
        suppressed: linted.suppressed,
        fingerprints: None,
    }
}

/// The feedback list of a document, first found: `--feedback`, the sidecar
/// `NAME.feedback.yaml`, front matter `feedback:`. `None` leaves the packs' list.
fn feedback_for(
    path: &Path,
    doc: &Document,
    options: &LintOptions,
) -> Result<Option<Arc<FeedbackList>>, CheckError> {
    if let Some(list) = &options.feedback {
        return Ok(Some(list.clone()));
    }
    if let Some(sidecar) = feedback::sidecar_path(path, options.feedback_pattern.as_deref())
        && sidecar.is_file()
    {
        return Ok(Some(Arc::new(FeedbackList::load(&sidecar)?)));
    }
    let front = FeedbackList::from_front_matter(doc).map_err(FeedbackError::Invalid)?;
    Ok(front.map(Arc::new))
}

/// Reads and lints one file; in [`FixMode::Write`], writes the fixed text
/// back, unless the file changed in the meantime.
pub fn lint_file(
    path: &Path,
    packs: &PackSet,
    options: &LintOptions,
    mode: FixMode,
) -> Result<FileReport, CheckError> {
    let name = display_path(path);
    let read = |path: &Path| {
        std::fs::read(path).map_err(|source| CheckError::Read {
            path: name.clone(),
            error: source,
        })
    };
    if let Some(limit) = options.max_file_size {
        let size = std::fs::metadata(path)
            .map_err(|error| CheckError::Read {
                path: name.clone(),
                error,
            })?
            .len();
        if size > limit {
            return Err(CheckError::TooLarge {
                path: name,
                size,
                limit,
            });
        }
    }
    let bytes = read(path)?;
    let fingerprint = (mode == FixMode::Write).then(|| fingerprint(&bytes));
    let mut report = lint_bytes(&name, bytes, packs, options, mode)?;
    if let Some(fixes) = &mut report.fixes
        && mode == FixMode::Write
        && let Some(bytes) = fixes.bytes.take()
    {
        if fingerprint != Some(self::fingerprint(&read(path)?)) {
            return Err(CheckError::Changed { path: name });
        }
        atomic_write::replace_file(path, &bytes).map_err(|error| CheckError::Write {
            path: name.clone(),
            error,
        })?;
    }
    Ok(report)
}

fn fingerprint(bytes: &[u8]) -> (usize, u64) {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    (bytes.len(), hasher.finish())
}

/// One file to lint, with the packs and options that apply to it.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    /// The file.
    pub path: &'a Path,
    /// Whether it was named on the command line (see [`Found::named`]).
    pub named: bool,
    /// Its packs.
    pub packs: &'a PackSet,
    /// Its options.
    pub options: &'a LintOptions,
}

/// What became of one file.
pub type Outcome = Result<FileReport, Skipped>;

/// Lints files on `threads` threads (see [`ordered::thread_count`]) and hands
/// each outcome to `sink` in the order of `jobs`, so that the output does not
/// depend on the number of threads. Output is written while files are linted,
/// and each report is dropped once `sink` has seen it, so memory does not grow
/// with the number of files. A file found while walking
/// that cannot be read or decoded is skipped; any other error (or one about a
/// named file) stops the run.
pub fn lint_jobs_each<E: From<CheckError>>(
    jobs: &[Job<'_>],
    mode: FixMode,
    threads: usize,
    progress: &(dyn Fn() + Sync),
    mut sink: impl FnMut(Outcome) -> Result<(), E>,
) -> Result<(), E> {
    let lint = |job: &Job<'_>| {
        let report = lint_file(job.path, job.packs, job.options, mode);
        progress();
        match report {
            Err(error) if !job.named && error.is_about_one_file() => Ok(Err(Skipped {
                path: display_path(job.path),
                reason: error.to_string(),
            })),
            other => other.map(Ok),
        }
    };
    // Each worker can be this many files ahead of the output.
    let window = threads.max(1) * 16;
    ordered::for_each_in_order(jobs, threads, window, lint, |outcome| sink(outcome?))
}
