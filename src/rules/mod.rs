//! Rule kinds. Each kind is one file with its YAML options, its compiler and
//! its checker; this module is the registry that names them.

pub mod contact_block;
pub mod required_sections;

use std::fmt::Debug;
use std::ops::Range;

use serde::{Deserialize, Deserializer};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, Source};
use crate::outline::{Outline, SectionSpec};
use crate::pack::{PackError, RuleMeta};

/// A compiled rule's checker. Checkers read the document and write findings;
/// they never read files or print.
pub trait Check: Send + Sync + Debug {
    /// Appends this rule's findings for one document.
    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Diagnostic>);

    /// Parts of the outline this rule declares (for scopes of other rules).
    fn section_specs(&self) -> &[SectionSpec] {
        &[]
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

    /// The pack's help override, or `default`.
    pub fn help_or(&self, default: impl Into<String>) -> String {
        self.rule.help.clone().unwrap_or_else(|| default.into())
    }
}

/// Names of every rule kind, for messages.
pub const KINDS: &[&str] = &["required_sections", "contact_block"];

/// The options of one rule, by kind.
#[derive(Debug)]
pub enum KindOptions {
    /// `required_sections`
    RequiredSections(required_sections::Options),
    /// `contact_block`
    ContactBlock(contact_block::Options),
}

impl KindOptions {
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
            _ => return Ok(None),
        }))
    }

    /// Validates the options and builds the checker; errors point into `source`.
    pub fn compile(self, source: &Source) -> Result<Box<dyn Check>, PackError> {
        Ok(match self {
            KindOptions::RequiredSections(options) => Box::new(options.compile(source)?),
            KindOptions::ContactBlock(options) => Box::new(options.compile(source)?),
        })
    }
}

/// Number of characters that are not white space.
pub fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}
