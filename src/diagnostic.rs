//! Findings as plain data: what rules produce and reporters render.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered from least to most serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A remark that never fails a run.
    Info,
    /// A probable problem; fails a run only beyond `--max-warnings`.
    Warning,
    /// A definite problem; fails the run.
    Error,
}

impl Severity {
    /// The lowercase name used in packs and in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary span with its own message ("反馈日期在此").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Byte range in the decoded document text.
    pub span: Range<usize>,
    /// What this span shows.
    pub message: String,
}

/// One text replacement of a [`Fix`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range to replace.
    pub span: Range<usize>,
    /// The new text.
    pub replacement: String,
}

/// A mechanical correction: edits that are applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Non-overlapping edits, sorted by start.
    pub edits: Vec<Edit>,
}

/// `span`, or the empty span at its start when it is reversed, which is a
/// bug of the rule that made it (caught by the tests in debug builds).
fn in_order(span: Range<usize>) -> Range<usize> {
    debug_assert!(span.start <= span.end, "reversed span {span:?}");
    span.start..span.end.max(span.start)
}

/// One finding of one rule in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// `pack/rule`, e.g. `xuncha-zhenggai/contact-block`.
    pub rule: String,
    /// Effective severity after pack and configuration.
    pub severity: Severity,
    /// What is wrong, in the pack's language.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Where to read more about the rule.
    pub url: Option<String>,
    /// The characters at fault, or for something missing, an empty range where it belongs.
    pub primary: Range<usize>,
    /// Short text shown under the primary span.
    pub primary_label: Option<String>,
    /// Related places.
    pub labels: Vec<Label>,
    /// A mechanical correction, when one is safe.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding with only its rule, severity, message and primary span set.
    ///
    /// Spans are kept in order (`start <= end`) here, so that no report has
    /// to guard against a reversed one.
    pub fn new(
        rule: impl Into<String>,
        severity: Severity,
        message: impl Into<String>,
        primary: Range<usize>,
    ) -> Self {
        Diagnostic {
            rule: rule.into(),
            severity,
            message: message.into(),
            help: None,
            url: None,
            primary: in_order(primary),
            primary_label: None,
            labels: Vec::new(),
            fix: None,
        }
    }

    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the text shown under the primary span.
    pub fn with_primary_label(mut self, label: impl Into<String>) -> Self {
        self.primary_label = Some(label.into());
        self
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span: in_order(span),
            message: message.into(),
        });
        self
    }

    /// The order in which findings are reported: by position, then rule.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.primary.start, self.primary.end, self.rule.as_str())
    }
}
