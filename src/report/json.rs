//! `--format json`: one versioned document; field names never change within a version.

use std::io;

use serde::Serialize;
use serde_json::value::RawValue;

use super::Summary;
use crate::check::FileReport;
use crate::coverage::CoverageStatus;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Position, Source};

/// The JSON format's version.
pub const JSON_VERSION: u32 = 1;

/// The whole JSON report.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    /// Always [`JSON_VERSION`].
    pub version: u32,
    /// Which program wrote it.
    pub tool: JsonTool,
    /// One entry per linted file, in report order.
    pub files: Vec<JsonFile<'a>>,
    /// Totals.
    pub summary: JsonSummary,
}

/// Name and version of the program.
#[derive(Debug, Serialize)]
pub struct JsonTool {
    /// `noticelint`.
    pub name: &'static str,
    /// Crate version.
    pub version: &'static str,
}

/// Findings of one file.
#[derive(Debug, Serialize)]
pub struct JsonFile<'a> {
    /// Path as shown to the user.
    pub path: &'a str,
    /// Findings sorted by position.
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
    /// Feedback coverage, present when a coverage rule ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Vec<JsonCoverage<'a>>>,
}

/// One feedback item's coverage.
#[derive(Debug, Serialize)]
pub struct JsonCoverage<'a> {
    /// Item id, or the problem's label in the notice.
    pub item: &'a str,
    /// The problem's text.
    pub text: &'a str,
    /// `answered`, `unanswered` or `empty`.
    pub status: CoverageStatus,
    /// The section that matches it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<JsonRange>,
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    /// `pack/rule`.
    pub rule: &'a str,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// What is wrong.
    pub message: &'a str,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'a str>,
    /// Documentation link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// The primary span.
    pub range: JsonRange,
    /// Labelled spans: the primary label first (when it has text), then the others.
    pub labels: Vec<JsonLabel<'a>>,
    /// A mechanical correction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsonFix<'a>>,
}

/// A labelled span.
#[derive(Debug, Serialize)]
pub struct JsonLabel<'a> {
    /// The label text.
    pub message: &'a str,
    /// Its span.
    pub range: JsonRange,
}

/// A fix as edits.
#[derive(Debug, Serialize)]
pub struct JsonFix<'a> {
    /// Non-overlapping edits.
    pub edits: Vec<JsonEdit<'a>>,
}

/// One edit.
#[derive(Debug, Serialize)]
pub struct JsonEdit<'a> {
    /// What to replace.
    pub range: JsonRange,
    /// The new text.
    pub replacement: &'a str,
}

/// A half-open range of positions (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct JsonRange {
    /// First position.
    pub start: Position,
    /// Position after the last character.
    pub end: Position,
}

/// Totals of the run.
#[derive(Debug, Serialize)]
pub struct JsonSummary {
    /// Files linted.
    pub files: usize,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
    /// Findings dropped by suppression comments (not in `errors`, `warnings`
    /// or `infos`).
    pub suppressed: usize,
}

fn range(source: &Source, span: &std::ops::Range<usize>) -> JsonRange {
    JsonRange {
        start: source.position(span.start),
        end: source.position(span.end),
    }
}

/// Converts a finding, computing positions from its source.
pub fn to_json_diagnostic<'a>(source: &Source, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let primary = range(source, &d.primary);
    let mut labels = Vec::with_capacity(d.labels.len() + 1);
    if let Some(label) = &d.primary_label {
        labels.push(JsonLabel {
            message: label,
            range: primary,
        });
    }
    labels.extend(d.labels.iter().map(|l| JsonLabel {
        message: &l.message,
        range: range(source, &l.span),
    }));
    JsonDiagnostic {
        rule: &d.rule,
        severity: d.severity,
        message: &d.message,
        help: d.help.as_deref(),
        url: d.url.as_deref(),
        range: primary,
        labels,
        fix: d.fix.as_ref().map(|fix| JsonFix {
            edits: fix
                .edits
                .iter()
                .map(|e| JsonEdit {
                    range: range(source, &e.span),
                    replacement: &e.replacement,
                })
                .collect(),
        }),
    }
}

/// Coverage of a file report in JSON form.
pub(super) fn file_coverage(report: &FileReport) -> Option<Vec<JsonCoverage<'_>>> {
    let items = report.coverage.as_ref()?;
    Some(
        items
            .iter()
            .map(|c| JsonCoverage {
                item: &c.item,
                text: &c.text,
                status: c.status,
                section: c
                    .section
                    .as_ref()
                    .zip(report.source.as_ref())
                    .map(|(span, source)| range(source, span)),
            })
            .collect(),
    )
}

/// Diagnostics of a file report in JSON form.
pub(super) fn file_diagnostics(report: &FileReport) -> Vec<JsonDiagnostic<'_>> {
    match &report.source {
        Some(source) => report
            .diagnostics
            .iter()
            .map(|d| to_json_diagnostic(source, d))
            .collect(),
        None => Vec::new(),
    }
}

/// One file's entry, rendered at its place in the report (so that the file's
/// text need not be kept until the end of the run).
pub(super) fn fragment(report: &FileReport) -> io::Result<Box<RawValue>> {
    super::raw_json(
        &JsonFile {
            path: &report.path,
            diagnostics: file_diagnostics(report),
            coverage: file_coverage(report),
        },
        4,
    )
}

/// The report with an empty `files` array, which [`super::Stream`] fills.
pub(super) fn envelope(summary: &Summary) -> io::Result<String> {
    let report = JsonReport {
        version: JSON_VERSION,
        tool: JsonTool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        files: Vec::new(),
        summary: JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            suppressed: summary.suppressed,
        },
    };
    Ok(serde_json::to_string_pretty(&report)?)
}
