//! noticelint: a linter for draft official notices.
//!
//! Rule packs (YAML) describe what a compliant notice contains; [`lint`] checks a
//! parsed [`Document`] against a compiled [`PackSet`] and returns findings with
//! exact byte spans. Suppression comments in the document ([`suppression`])
//! silence findings. Reporters in [`report`] turn findings into text, JSON and
//! the CI formats (SARIF, GitHub workflow commands, JUnit XML, reviewdog rdjson).
//!
//! ```
//! use noticelint::{Document, Format, PackRef, PackSet, Source, lint};
//!
//! let packs = PackSet::load(&[PackRef::Builtin("xuncha-zhenggai".into())]).unwrap();
//! let doc = Document::parse(Source::new("draft.txt", "一、组织\n"), Format::Text);
//! let findings = lint(&doc, &packs);
//! assert!(findings.iter().any(|d| d.rule == "xuncha-zhenggai/contact-block"));
//! ```

pub mod anchors;
pub mod atomic_write;
pub mod baseline;
pub mod check;
pub mod cli;
pub mod config;
pub mod coverage;
pub mod dates;
pub mod diagnostic;
pub mod document;
pub mod excerpt;
pub mod feedback;
pub mod fingerprint;
pub mod fix;
pub mod ordered;
pub mod outline;
pub mod pack;
pub mod plan;
pub mod problems;
pub mod report;
pub mod rules;
pub mod scope;
pub mod similarity;
pub mod suppression;

pub use diagnostic::{Diagnostic, Edit, Fix, Label, Severity};
pub use document::{Document, Format, Source};
pub use pack::{PackRef, PackSet};

use std::sync::Arc;

use anchors::Anchors;
use coverage::CoverageItem;
use feedback::FeedbackList;
use outline::Outline;
use rules::{CheckContext, Findings};

/// Per-run inputs besides the packs.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// Anchor values given on the command line (`--anchor NAME=DATE`); they win
    /// over what the document says.
    pub anchors: Vec<(String, dates::Interval)>,
    /// The feedback list for this document (`--feedback`, sidecar or front
    /// matter); the packs' list is used when there is none.
    pub feedback: Option<Arc<FeedbackList>>,
    /// Sidecar feedback list next to each document; `{stem}` is its name
    /// without extension. `None`: `{stem}.feedback.yaml`.
    pub feedback_pattern: Option<String>,
    /// Severities set by the configuration, in order (later ones win).
    pub rules: Vec<config::RuleSetting>,
    /// The documents' encoding (`--encoding`); `None` detects it.
    pub encoding: Option<document::TextEncoding>,
    /// Files larger than this many bytes are not read (`--max-file-size`).
    pub max_file_size: Option<u64>,
}

/// Everything the rules found in one document.
#[derive(Debug, Default)]
pub struct Linted {
    /// Findings sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Feedback coverage, when a coverage rule ran.
    pub coverage: Option<Vec<CoverageItem>>,
    /// Findings dropped by suppression comments (see [`suppression`]).
    pub suppressed: usize,
}

/// Runs every enabled rule of `packs` on `doc`; findings sorted by position.
pub fn lint(doc: &Document, packs: &PackSet) -> Vec<Diagnostic> {
    lint_with(doc, packs, &LintOptions::default())
}

/// [`lint`] with per-run options.
pub fn lint_with(doc: &Document, packs: &PackSet, options: &LintOptions) -> Vec<Diagnostic> {
    lint_document(doc, packs, options).diagnostics
}

/// Runs every enabled rule; findings sorted by position, plus coverage.
///
/// Suppression comments in the document are applied here, so that every
/// caller (check, `--fix`, stdin, the library) gets them: suppressed findings
/// (and their fixes) are dropped and counted, and findings about the
/// directives themselves (`noticelint/…`) are added.
pub fn lint_document(doc: &Document, packs: &PackSet, options: &LintOptions) -> Linted {
    let outline = Outline::resolve(doc, packs.sections());
    // Dates are read once per document, from prose only (not code blocks).
    let blocks = doc.blocks();
    let dates: Vec<dates::DateExpr> = dates::extract(doc.text())
        .into_iter()
        .filter(|d| {
            let i = blocks.partition_point(|b| b.range.end <= d.span.start);
            blocks
                .get(i)
                .is_some_and(|b| b.range.start <= d.span.start && d.span.end <= b.range.end)
        })
        .collect();
    let mut overrides = front_matter_anchors(doc);
    overrides.extend(options.anchors.iter().cloned());
    let anchors = Anchors::resolve(doc, &dates, packs.anchors(), &overrides);
    let feedback = options.feedback.as_deref().or(packs.feedback());
    let problems = problems::ProblemMemo::new(doc);
    // The severity of each rule in this run: the configuration's, or the pack's.
    // Suppression needs them too, to know which rules are off.
    let severities: Vec<Option<diagnostic::Severity>> = packs
        .rules()
        .iter()
        .map(|rule| {
            options
                .rules
                .iter()
                .rev()
                .find(|s| s.applies_to(&rule.meta.id))
                .map_or(rule.meta.severity, |s| s.severity)
        })
        .collect();
    let mut out = Findings::default();
    for (rule, &severity) in packs.rules().iter().zip(&severities) {
        if severity.is_none() {
            continue;
        }
        let adjusted;
        let meta = if severity == rule.meta.severity {
            &rule.meta
        } else {
            adjusted = pack::RuleMeta {
                severity,
                ..rule.meta.clone()
            };
            &adjusted
        };
        let cx = CheckContext {
            doc,
            outline: &outline,
            rule: meta,
            dates: &dates,
            anchors: &anchors,
            anchor_specs: packs.anchors(),
            feedback,
            problems: &problems,
        };
        rule.check.check(&cx, &mut out);
    }
    let mut outcome = suppression::apply(doc, packs, &severities, out.diagnostics);
    // Stable: findings at one place keep the order their rule emitted them in.
    outcome
        .diagnostics
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Linted {
        diagnostics: outcome.diagnostics,
        coverage: out.coverage,
        suppressed: outcome.suppressed,
    }
}

/// Anchors set in Markdown front matter: `anchors: {feedback_date: 2023-02-10}`.
/// Front matter that is not such a mapping is ignored here.
fn front_matter_anchors(doc: &Document) -> Vec<(String, dates::Interval)> {
    #[derive(serde::Deserialize)]
    struct FrontMatter {
        #[serde(default)]
        anchors: std::collections::BTreeMap<String, String>,
    }
    let Some(range) = doc.front_matter() else {
        return Vec::new();
    };
    // Within the same limits as packs: front matter may hold an alias bomb.
    let Ok(front) = pack::yaml::from_str::<FrontMatter>(doc.slice(range)) else {
        return Vec::new();
    };
    front
        .anchors
        .into_iter()
        .filter_map(|(name, value)| {
            let interval = *dates::parse_one(&value, None)?.interval()?;
            Some((name, interval))
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// Lints plain `text` with a pack made of the given `rules:` YAML list.
    pub fn lint_with_rule(rules_yaml: &str, text: &str) -> Vec<Diagnostic> {
        lint_with_pack(&format!("pack: test\nrules:{rules_yaml}"), text)
    }

    /// Findings of [`lint_with_rule`] as (text under the span, message, first
    /// fix replacement).
    pub fn found_with_rule(rules_yaml: &str, text: &str) -> Vec<(String, String, Option<String>)> {
        lint_with_rule(rules_yaml, text)
            .into_iter()
            .map(|d| {
                (
                    text[d.primary.clone()].to_owned(),
                    d.message,
                    d.fix.map(|f| f.edits[0].replacement.clone()),
                )
            })
            .collect()
    }

    /// Lints plain `text` with a whole pack given as YAML.
    pub fn lint_with_pack(pack_yaml: &str, text: &str) -> Vec<Diagnostic> {
        let packs = PackSet::load_str("test.yaml", pack_yaml).unwrap_or_else(|e| panic!("{e:?}"));
        let doc = Document::parse(Source::new("t.txt", text), Format::Text);
        lint(&doc, &packs)
    }
}
