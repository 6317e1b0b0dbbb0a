//! Rule kinds. Each kind is one file with its YAML options, its compiler and
//! its checker; this module is the registry that names them.

pub mod anchor_date;
pub mod contact_block;
pub mod date_format;
pub mod date_order;
pub mod date_valid;
pub mod feedback_coverage;
pub mod numbering;
pub mod paired_punctuation;
pub mod pattern;
pub mod punctuation_width;
pub mod required_sections;
pub mod run_on;
pub mod sentence_end;
pub mod substitution;
pub mod totals;

use std::fmt::Debug;
use std::ops::Range;

use serde::{Deserialize, Deserializer};

use crate::anchors::{AnchorSpec, Anchors, SIGNATURE_DATE};
use crate::coverage::CoverageItem;
use crate::dates::DateExpr;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, Source};
use crate::feedback::FeedbackList;
use crate::outline::{Outline, SectionSpec};
use crate::pack::{PackError, RuleMeta};
use crate::problems::ProblemMemo;
use crate::scope::Reference;

/// A compiled rule's checker. Checkers read the document and write findings;
/// they never read files or print.
pub trait Check: Send + Sync + Debug {
    /// Appends this rule's findings for one document.
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings);

    /// Parts of the outline this rule declares (for scopes of other rules).
    fn section_specs(&self) -> &[SectionSpec] {
        &[]
    }

    /// Section ids and anchors this rule refers to, checked when the pack loads.
    fn references(&self) -> &[Reference] {
        &[]
    }
}

/// What rules report about one document.
#[derive(Debug, Default)]
pub struct Findings {
    /// Findings in the order rules emitted them.
    pub diagnostics: Vec<Diagnostic>,
    /// Feedback coverage, when a coverage rule ran.
    pub coverage: Option<Vec<CoverageItem>>,
}

impl Findings {
    /// Adds a finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Records coverage entries (several coverage rules add up).
    pub fn add_coverage(&mut self, items: Vec<CoverageItem>) {
        self.coverage.get_or_insert_with(Vec::new).extend(items);
    }
}

impl Extend<Diagnostic> for Findings {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.diagnostics.extend(iter);
    }
}

/// What a checker sees of the run.
#[derive(Debug)]
pub struct CheckContext<'a> {
    /// The document being linted.
    pub doc: &'a Document,
    /// Where the expected parts are.
    pub outline: &'a Outline,
    /// The rule's id and presentation.
    pub rule: &'a RuleMeta,
    /// Every date expression in the document's prose.
    pub dates: &'a [DateExpr],
    /// The document's anchors.
    pub anchors: &'a Anchors,
    /// The anchors packs define, for names and requirements.
    pub anchor_specs: &'a [AnchorSpec],
    /// The feedback items the notice must answer, when a list was given.
    pub feedback: Option<&'a FeedbackList>,
    /// The problems the notice lists, found once for all rules.
    pub problems: &'a ProblemMemo<'a>,
}

impl CheckContext<'_> {
    /// A finding of this rule at `span`, with the rule's severity and url.
    pub fn diagnostic(&self, message: impl Into<String>, span: Range<usize>) -> Diagnostic {
        let mut diagnostic = Diagnostic::new(
            self.rule.id.clone(),
            self.rule.severity.unwrap_or(Severity::Error),
            message,
            span,
        );
        diagnostic.url = self.rule.url.clone();
        diagnostic
    }

    /// The pack's message override, or `default`.
    pub fn message_or(&self, default: impl Into<String>) -> String {
        self.rule.message.clone().unwrap_or_else(|| default.into())
    }

    /// The definition of an anchor.
    pub fn anchor_spec(&self, id: &str) -> Option<&AnchorSpec> {
        self.anchor_specs.iter().find(|s| s.id == id)
    }

    /// The name of an anchor for messages (巡察反馈日期), or its id.
    pub fn anchor_name<'b>(&'b self, id: &'b str) -> &'b str {
        if id == SIGNATURE_DATE {
            return "成文日期";
        }
        self.anchor_spec(id).map_or(id, |s| s.name.as_str())
    }

    /// Adds a label "<anchor name>在此" at where anchor `id` is written, if it is.
    pub fn label_anchor(&self, diagnostic: Diagnostic, id: &str) -> Diagnostic {
        match self.anchors.get(id).and_then(|a| a.span.clone()) {
            Some(span) => diagnostic.with_label(span, format!("{}在此", self.anchor_name(id))),
            None => diagnostic,
        }
    }

    /// The pack's help override, or `default`.
    pub fn help_or(&self, default: impl Into<String>) -> String {
        self.rule.help.clone().unwrap_or_else(|| default.into())
    }
}

/// Names of every rule kind, for messages.
pub const KINDS: &[&str] = &[
    "required_sections",
    "contact_block",
    "date_order",
    "date_valid",
    "anchor_date",
    "feedback_coverage",
    "totals",
    "pattern",
    "substitution",
    "date_format",
    "numbering",
    "paired_punctuation",
    "punctuation_width",
    "sentence_end",
    "run_on",
];

/// The options of one rule, by kind.
#[derive(Debug)]
pub enum KindOptions {
    /// `required_sections`
    RequiredSections(required_sections::Options),
    /// `contact_block`
    ContactBlock(contact_block::Options),
    /// `date_order`
    DateOrder(date_order::Options),
    /// `date_valid`
    DateValid(date_valid::Options),
    /// `anchor_date`
    AnchorDate(anchor_date::Options),
    /// `feedback_coverage`
    FeedbackCoverage(feedback_coverage::Options),
    /// `totals`
    Totals(totals::Options),
    /// `pattern`
    Pattern(pattern::Options),
    /// `substitution`
    Substitution(substitution::Options),
    /// `date_format`
    DateFormat(date_format::Options),
    /// `numbering`
    Numbering(numbering::Options),
    /// `paired_punctuation`
    PairedPunctuation(paired_punctuation::Options),
    /// `punctuation_width`
    PunctuationWidth(punctuation_width::Options),
    /// `sentence_end`
    SentenceEnd(sentence_end::Options),
    /// `run_on`
    RunOn(run_on::Options),
}

impl KindOptions {
    /// About how long compiling the rule takes, in tenths of a millisecond,
    /// as measured for the built-in packs: regexes cost the most. Only the
    /// order matters: the loader compiles the longest first.
    pub fn compile_cost(&self) -> u32 {
        match self {
            KindOptions::ContactBlock(_) => 10,
            KindOptions::Totals(_) | KindOptions::Pattern(_) => 6,
            KindOptions::RequiredSections(_) | KindOptions::Substitution(_) => 4,
            KindOptions::FeedbackCoverage(_) | KindOptions::SentenceEnd(_) => 2,
            KindOptions::DateOrder(_)
            | KindOptions::DateValid(_)
            | KindOptions::AnchorDate(_)
            | KindOptions::DateFormat(_)
            | KindOptions::Numbering(_)
            | KindOptions::PairedPunctuation(_)
            | KindOptions::PunctuationWidth(_)
            | KindOptions::RunOn(_) => 0,
        }
    }

    /// Reads the options of `kind` from the rest of a rule mapping; `None` for
    /// an unknown kind.
    pub fn deserialize_for<'de, D: Deserializer<'de>>(
        kind: &str,
        options: D,
    ) -> Result<Option<Self>, D::Error> {
        Ok(Some(match kind {
            "required_sections" => {
                KindOptions::RequiredSections(Deserialize::deserialize(options)?)
            }
            "contact_block" => KindOptions::ContactBlock(Deserialize::deserialize(options)?),
            "date_order" => KindOptions::DateOrder(Deserialize::deserialize(options)?),
            "date_valid" => KindOptions::DateValid(Deserialize::deserialize(options)?),
            "anchor_date" => KindOptions::AnchorDate(Deserialize::deserialize(options)?),
            "feedback_coverage" => {
                KindOptions::FeedbackCoverage(Deserialize::deserialize(options)?)
            }
            "totals" => KindOptions::Totals(Deserialize::deserialize(options)?),
            "pattern" => KindOptions::Pattern(Deserialize::deserialize(options)?),
            "substitution" => KindOptions::Substitution(Deserialize::deserialize(options)?),
            "date_format" => KindOptions::DateFormat(Deserialize::deserialize(options)?),
            "numbering" => KindOptions::Numbering(Deserialize::deserialize(options)?),
            "paired_punctuation" => {
                KindOptions::PairedPunctuation(Deserialize::deserialize(options)?)
            }
            "punctuation_width" => {
                KindOptions::PunctuationWidth(Deserialize::deserialize(options)?)
            }
            "sentence_end" => KindOptions::SentenceEnd(Deserialize::deserialize(options)?),
            "run_on" => KindOptions::RunOn(Deserialize::deserialize(options)?),
            _ => return Ok(None),
        }))
    }

    /// Validates the options and builds the checker; errors point into `source`.
    /// `rule` is the span of the rule's mapping in the pack.
    pub fn compile(self, source: &Source, rule: Range<usize>) -> Result<Box<dyn Check>, PackError> {
        Ok(match self {
            KindOptions::RequiredSections(options) => Box::new(options.compile(source)?),
            KindOptions::ContactBlock(options) => Box::new(options.compile(source)?),
            KindOptions::DateOrder(options) => Box::new(options.compile(source, rule)?),
            KindOptions::DateValid(options) => Box::new(options.compile(source)?),
            KindOptions::AnchorDate(options) => Box::new(options.compile(source)?),
            KindOptions::FeedbackCoverage(options) => Box::new(options.compile(source)?),
            KindOptions::Totals(options) => Box::new(options.compile(source)?),
            KindOptions::Pattern(options) => Box::new(options.compile(source, rule)?),
            KindOptions::Substitution(options) => Box::new(options.compile(source)?),
            KindOptions::DateFormat(options) => Box::new(options.compile(source)?),
            KindOptions::Numbering(options) => Box::new(options.compile(source)?),
            KindOptions::PairedPunctuation(options) => Box::new(options.compile(source)?),
            KindOptions::PunctuationWidth(options) => Box::new(options.compile(source)?),
            KindOptions::SentenceEnd(options) => Box::new(options.compile(source)?),
            KindOptions::RunOn(options) => Box::new(options.compile(source)?),
        })
    }
}

/// Number of characters that are not white space.
pub fn visible_chars(text: &str) -> usize {
    visible_chars_up_to(text, usize::MAX)
}

/// [`visible_chars`], counting no further than `limit`: rules that only need
/// to know whether a section reaches a length stop there instead of counting
/// the whole of it.
pub fn visible_chars_up_to(text: &str, limit: usize) -> usize {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .take(limit)
        .count()
}

#[cfg(test)]
mod tests {
    use super::{visible_chars, visible_chars_up_to};

    #[test]
    fn visible_chars_counts_what_is_not_white_space() {
        // Counted another way: the characters of the white-space-separated words.
        let naive = |t: &str| {
            t.split_whitespace()
                .map(|w| w.chars().count())
                .sum::<usize>()
        };
        // Every white-space character, with neighbours that are not
        // (U+00A9 ©, U+1681, U+200B, U+3001 、).
        let spaces: String = ('\0'..=char::MAX).filter(|c| c.is_whitespace()).collect();
        let samples = [
            "",
            "整改情况：已完成。",
            " \t\r\n整改\u{3000}情况\u{3001}𠮷 ",
            "©\u{a0}\u{85}\u{1680}\u{1681}\u{2000}\u{200a}\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}“引号”—",
            spaces.as_str(),
        ];
        for text in samples {
            assert_eq!(visible_chars(text), naive(text), "{text:?}");
        }
        assert_eq!(visible_chars(" 整改\u{3000}情况 𠮷"), 5);
        assert_eq!(visible_chars_up_to(" 整改\u{3000}情况 𠮷", 3), 3);
        assert_eq!(visible_chars_up_to(" 整改\u{3000}情况 𠮷", 6), 5);
    }
}
