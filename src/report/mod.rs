//! Reporters: one file per output format. Reporters only render; they never
//! parse documents again.

mod github;
mod human;
mod json;
mod jsonl;
mod junit;
mod rdjson;
mod sarif;

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;

pub use github::{StepSummary, escape_data, escape_property, markdown_summary};
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
    /// Counts one more file.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.suppressed += report.suppressed;
        if !report.diagnostics.is_empty() {
            self.files_with_findings += 1;
        }
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
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

/// A JSON value rendered pretty for a place `indent` spaces deep in a pretty
/// document: once rendered, a file's entry no longer needs the file's text.
/// JSON strings hold no raw line breaks, so indenting each line is safe.
pub(crate) fn raw_json(value: &impl Serialize, indent: usize) -> io::Result<Box<RawValue>> {
    let text = serde_json::to_string_pretty(value)?;
    let text = text.replace('\n', &format!("\n{}", " ".repeat(indent)));
    RawValue::from_string(text).map_err(io::Error::other)
}

/// A report being written file by file, in order, so that no document is
/// kept once reported. JSON, SARIF and rdjson are written as they go; JUnit,
/// whose header needs the totals, keeps each file's rendered test case.
pub struct Stream<'a> {
    cx: &'a ReportContext<'a>,
    summary: Summary,
    state: State,
}

enum State {
    Human,
    Jsonl,
    Json(ArrayStream),
    Sarif(ArrayStream, HashMap<String, usize>),
    Github(StepSummary),
    Junit(Vec<String>, usize),
    Rdjson(ArrayStream),
    Statistics(BTreeMap<(String, Severity), usize>),
}

/// One array of a pretty JSON document, written element by element: the
/// document is rendered with the array empty, written up to the array, and
/// the rest is written at the end. The output is what rendering the whole
/// document at once would give.
struct ArrayStream {
    /// The document with an empty array: `"key": []`.
    envelope: String,
    marker: &'static str,
    /// Spaces before an element and before the closing bracket.
    element_indent: usize,
    close_indent: usize,
    started: bool,
    count: usize,
}

impl ArrayStream {
    fn new(envelope: String, marker: &'static str, element_indent: usize) -> ArrayStream {
        ArrayStream {
            envelope,
            marker,
            element_indent,
            close_indent: element_indent - 2,
            started: false,
            count: 0,
        }
    }

    /// Index of the `]` of the empty array in `doc`.
    fn close_at(doc: &str, marker: &str) -> io::Result<usize> {
        doc.find(marker)
            .map(|at| at + marker.len() - 1)
            .ok_or_else(|| io::Error::other(format!("no {marker} in the report envelope")))
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            let at = Self::close_at(&self.envelope, self.marker)?;
            out.write_all(&self.envelope.as_bytes()[..at])?;
            self.started = true;
        }
        Ok(())
    }

    fn element(&mut self, element: &str, out: &mut dyn Write) -> io::Result<()> {
        self.start(out)?;
        let separator = if self.count == 0 { "" } else { "," };
        write!(out, "{separator}\n{}", " ".repeat(self.element_indent))?;
        out.write_all(element.as_bytes())?;
        self.count += 1;
        Ok(())
    }

    /// Writes the rest of the document; `envelope` replaces the one given at
    /// the start when what follows the array depends on the whole run.
    fn finish(mut self, envelope: Option<String>, out: &mut dyn Write) -> io::Result<()> {
        self.start(out)?;
        if self.count > 0 {
            write!(out, "\n{}", " ".repeat(self.close_indent))?;
        }
        let doc = envelope.unwrap_or(self.envelope);
        let at = Self::close_at(&doc, self.marker)?;
        out.write_all(&doc.as_bytes()[at..])?;
        writeln!(out)
    }
}

impl<'a> Stream<'a> {
    /// A report in `format`; with `statistics`, counts per rule instead.
    pub fn new(
        format: OutputFormat,
        statistics: bool,
        cx: &'a ReportContext<'a>,
    ) -> io::Result<Stream<'a>> {
        let state = match format {
            _ if statistics => State::Statistics(BTreeMap::new()),
            OutputFormat::Human => State::Human,
            OutputFormat::Jsonl => State::Jsonl,
            OutputFormat::Json => State::Json(ArrayStream::new(
                json::envelope(&Summary::default())?,
                "\"files\": []",
                4,
            )),
            OutputFormat::Sarif => State::Sarif(
                ArrayStream::new(sarif::envelope(cx.rules)?, "\"results\": []", 8),
                sarif::rule_index(cx.rules),
            ),
            OutputFormat::Github => State::Github(StepSummary::default()),
            OutputFormat::Junit => State::Junit(Vec::new(), 0),
            OutputFormat::Rdjson => State::Rdjson(ArrayStream::new(
                rdjson::envelope()?,
                "\"diagnostics\": []",
                4,
            )),
        };
        Ok(Stream {
            cx,
            summary: Summary::default(),
            state,
        })
    }

    /// Reports one file (the next in order).
    pub fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.summary.add(report);
        match &mut self.state {
            State::Human => human::file(report, out, &self.cx.human),
            State::Jsonl => jsonl::file(report, out),
            State::Json(files) => files.element(json::fragment(report)?.get(), out),
            State::Sarif(results, index) => {
                for result in sarif::fragments(report, index)? {
                    results.element(result.get(), out)?;
                }
                Ok(())
            }
            State::Github(step) => {
                step.add(report);
                github::file(report, out)
            }
            State::Junit(cases, failures) => {
                let (case, fails) = junit::case(report);
                cases.push(case);
                *failures += usize::from(fails);
                Ok(())
            }
            State::Rdjson(diagnostics) => {
                for diagnostic in rdjson::fragments(report)? {
                    diagnostics.element(diagnostic.get(), out)?;
                }
                Ok(())
            }
            State::Statistics(counts) => {
                for d in &report.diagnostics {
                    *counts.entry((d.rule.clone(), d.severity)).or_insert(0) += 1;
                }
                Ok(())
            }
        }
    }

    /// The job summary, for `--format github`.
    pub fn step_summary(&self) -> Option<String> {
        match &self.state {
            State::Github(step) => Some(step.render()),
            _ => None,
        }
    }

    /// Ends the report.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        match self.state {
            State::Human => human::finish(&self.summary, out),
            State::Jsonl | State::Github(_) => Ok(()),
            State::Json(files) => files.finish(Some(json::envelope(&self.summary)?), out),
            State::Sarif(results, _) => results.finish(None, out),
            State::Junit(cases, failures) => junit::finish(&cases, failures, out),
            State::Rdjson(diagnostics) => diagnostics.finish(None, out),
            State::Statistics(counts) => {
                let mut rows: Vec<_> = counts.into_iter().collect();
                rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                for ((rule, severity), n) in rows {
                    writeln!(out, "{n:>6}  {:<8} {rule}", severity.as_str())?;
                }
                human::finish(&self.summary, out)
            }
        }
    }
}

/// Writes `reports` in `format` to `out`.
pub fn write(
    format: OutputFormat,
    reports: &[FileReport],
    out: &mut dyn Write,
    cx: &ReportContext<'_>,
) -> io::Result<()> {
    let mut stream = Stream::new(format, false, cx)?;
    for report in reports {
        stream.file(report, out)?;
    }
    stream.finish(out)
}

/// `1 finding`, `2 findings`, `3 fixes`, `2 baseline entries`: a count and an
/// English noun, for the lines the CLI writes.
pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else if let Some(stem) = word.strip_suffix('y') {
        format!("{count} {stem}ies")
    } else if word.ends_with(['s', 'x']) || word.ends_with("ch") || word.ends_with("sh") {
        format!("{count} {word}es")
    } else {
        format!("{count} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn plural_of_the_cli_nouns() {
        assert_eq!(plural(1, "finding"), "1 finding");
        assert_eq!(plural(0, "finding"), "0 findings");
        assert_eq!(plural(2, "baseline entry"), "2 baseline entries");
        assert_eq!(plural(3, "fix"), "3 fixes");
        assert_eq!(plural(1, "fix"), "1 fix");
        assert_eq!(plural(2, "info"), "2 infos");
    }
}
