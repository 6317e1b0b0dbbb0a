//! Reporters: one file per output format. Reporters only render; they never
//! parse documents again.

mod github;
mod human;
mod json;
mod jsonl;
mod junit;
mod rdjson;
mod sarif;

use std::io::{self, Write};

pub use github::{escape_data, escape_property, markdown_summary};
pub use human::{HumanOptions, render_diagnostic};
pub use json::{JsonDiagnostic, JsonFile, JsonRange, JsonReport, to_json_diagnostic};

use crate::check::FileReport;
use crate::cli::OutputFormat;
use crate::diagnostic::Severity;
use crate::pack::PackSet;

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

/// What a reporter knows about one rule of the run's packs, whether or not
/// it found anything (SARIF lists every rule in `tool.driver.rules`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    /// `pack/rule`.
    pub id: String,
    /// The rule kind, e.g. `contact_block`.
    pub kind: String,
    /// The configured severity; `None` when the rule is off.
    pub severity: Option<Severity>,
    /// What the rule checks, in one sentence.
    pub description: Option<String>,
    /// The pack's help text for the rule.
    pub help: Option<String>,
    /// Link to the rule's documentation.
    pub url: Option<String>,
}

impl RuleInfo {
    /// Every rule of `packs`, in load order (extended packs first), `off`
    /// rules included.
    pub fn from_packs(packs: &PackSet) -> Vec<RuleInfo> {
        packs
            .rules()
            .iter()
            .map(|rule| RuleInfo {
                id: rule.meta.id.clone(),
                kind: rule.meta.kind.clone(),
                severity: rule.meta.severity,
                description: rule.meta.description.clone(),
                help: rule.meta.help.clone(),
                url: rule.meta.url.clone(),
            })
            .collect()
    }
}

/// What reporters need besides the findings.
#[derive(Debug, Clone, Copy)]
pub struct ReportContext<'a> {
    /// Presentation choices of the human format.
    pub human: HumanOptions,
    /// The rules of the run's packs (for rule metadata in SARIF).
    pub rules: &'a [RuleInfo],
}

/// The project's page, when the manifest names one (`homepage`, then
/// `repository`); formats that link to the tool leave the link out otherwise.
fn project_url() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|url| !url.is_empty())
}

/// Writes `reports` in `format` to `out`.
pub fn write(
    format: OutputFormat,
    reports: &[FileReport],
    out: &mut dyn Write,
    cx: &ReportContext<'_>,
) -> io::Result<()> {
    let summary = Summary::of(reports);
    match format {
        OutputFormat::Human => human::write(reports, &summary, out, &cx.human),
        OutputFormat::Json => json::write(reports, &summary, out),
        OutputFormat::Jsonl => jsonl::write(reports, out),
        OutputFormat::Sarif => sarif::write(reports, cx.rules, out),
        OutputFormat::Github => github::write(reports, out),
        OutputFormat::Junit => junit::write(reports, out),
        OutputFormat::Rdjson => rdjson::write(reports, out),
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
