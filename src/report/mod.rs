//! Reporters: one file per output format. Reporters only render; they never
//! parse documents again.

mod human;
mod json;
mod jsonl;

use std::io::{self, Write};

pub use human::{HumanOptions, render_diagnostic};
pub use json::{JsonDiagnostic, JsonFile, JsonRange, JsonReport, to_json_diagnostic};

use crate::check::FileReport;
use crate::cli::OutputFormat;
use crate::diagnostic::Severity;

/// Counts over a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files linted.
    pub files: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
    /// Findings by severity.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
    /// Findings dropped by suppression comments.
    pub suppressed: usize,
}

impl Summary {
    /// Counts the findings of `reports`.
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for report in reports {
            summary.suppressed += report.suppressed;
            if !report.diagnostics.is_empty() {
                summary.files_with_findings += 1;
            }
            for d in &report.diagnostics {
                match d.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
            }
        }
        summary
    }
}

/// Writes `reports` in `format` to `out`.
pub fn write(
    format: OutputFormat,
    reports: &[FileReport],
    out: &mut dyn Write,
    human: &HumanOptions,
) -> io::Result<()> {
    let summary = Summary::of(reports);
    match format {
        OutputFormat::Human => human::write(reports, &summary, out, human),
        OutputFormat::Json => json::write(reports, &summary, out),
        OutputFormat::Jsonl => jsonl::write(reports, out),
    }
}

/// `--statistics`: findings per rule, most frequent first, then the summary line.
pub fn statistics(reports: &[FileReport]) -> String {
    let mut counts: std::collections::BTreeMap<(&str, Severity), usize> = Default::default();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        *counts.entry((d.rule.as_str(), d.severity)).or_insert(0) += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = String::new();
    for ((rule, severity), n) in rows {
        out.push_str(&format!("{n:>6}  {:<8} {rule}\n", severity.as_str()));
    }
    out.push_str(&human::summary_line(&Summary::of(reports)));
    out.push('\n');
    out
}
