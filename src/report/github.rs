//! `--format github`: GitHub Actions workflow commands, one annotation per
//! finding, and a Markdown summary of the run for `$GITHUB_STEP_SUMMARY`.
//!
//! `::error file=a.txt,line=3,endLine=3,col=5,endColumn=9,title=pack/rule::message`
//! (`warning`, and `notice` for infos). Columns count characters and the end
//! column is exclusive, as in the other formats; for a span over several lines
//! the columns are left out, as GitHub only places columns within one line.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::Summary;
use super::human::summary_line;
use crate::check::FileReport;
use crate::diagnostic::Severity;

/// Escapes the message of a workflow command exactly as GitHub's toolkit does
/// (`escapeData` in `@actions/core`): `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command exactly as GitHub's toolkit
/// does (`escapeProperty` in `@actions/core`): as [`escape_data`], plus `:`
/// and `,`, which separate properties.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Writes one workflow command per finding of one file.
pub(super) fn file(report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    let Some(source) = &report.source else {
        return Ok(());
    };
    let file = escape_property(&report.path);
    for d in &report.diagnostics {
        let start = source.position(d.primary.start);
        let end = source.position(d.primary.end);
        write!(
            out,
            "::{} file={file},line={},endLine={}",
            command(d.severity),
            start.line,
            end.line
        )?;
        if start.line == end.line {
            write!(out, ",col={},endColumn={}", start.column, end.column)?;
        }
        writeln!(
            out,
            ",title={}::{}",
            escape_property(&d.rule),
            escape_data(&d.message)
        )?;
    }
    Ok(())
}

/// Text safe inside a Markdown table cell: one line, no `|`, no markup.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\n' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[derive(Default)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Counts {
    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

/// The counts a job summary needs, gathered file by file.
#[derive(Default)]
pub struct StepSummary {
    summary: Summary,
    files: Vec<(String, Counts)>,
    rules: BTreeMap<String, (Counts, usize)>,
}

impl StepSummary {
    /// Counts one file's findings.
    pub fn add(&mut self, report: &FileReport) {
        self.summary.add(report);
        if report.diagnostics.is_empty() {
            return;
        }
        let mut counts = Counts::default();
        let mut seen: Vec<&str> = Vec::new();
        for d in &report.diagnostics {
            counts.add(d.severity);
            let (rule, files) = self.rules.entry(d.rule.clone()).or_default();
            rule.add(d.severity);
            if !seen.contains(&d.rule.as_str()) {
                seen.push(&d.rule);
                *files += 1;
            }
        }
        self.files.push((report.path.clone(), counts));
    }

    /// The Markdown: counts per severity, then a table of the files with
    /// findings and one of the findings per rule.
    pub fn render(&self) -> String {
        let summary = &self.summary;
        let mut md = String::new();
        let _ = writeln!(md, "## noticelint\n\n{}\n", summary_line(summary));
        let _ = writeln!(md, "| Severity | Findings |\n|---|---:|");
        let _ = writeln!(md, "| error | {} |", summary.errors);
        let _ = writeln!(md, "| warning | {} |", summary.warnings);
        let _ = writeln!(md, "| info | {} |", summary.infos);
        if self.files.is_empty() {
            return md;
        }
        let _ = writeln!(
            md,
            "\n### Files\n\n| File | Errors | Warnings | Infos |\n|---|---:|---:|---:|"
        );
        for (path, counts) in &self.files {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                cell(path),
                counts.errors,
                counts.warnings,
                counts.infos
            );
        }
        let _ = writeln!(
            md,
            "\n### Rules\n\n| Rule | Errors | Warnings | Infos | Files |\n|---|---:|---:|---:|---:|"
        );
        for (rule, (counts, files)) in &self.rules {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {files} |",
                cell(rule),
                counts.errors,
                counts.warnings,
                counts.infos
            );
        }
        md
    }
}

/// A Markdown summary of the run, for the job summary page
/// (`$GITHUB_STEP_SUMMARY`).
pub fn markdown_summary(reports: &[FileReport]) -> String {
    let mut step = StepSummary::default();
    for report in reports {
        step.add(report);
    }
    step.render()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_in_their_column() {
        assert_eq!(cell("a|b\nc_d"), "a\\|b c\\_d");
        assert_eq!(cell("<b>&"), "\\<b\\>&amp;");
    }
}
