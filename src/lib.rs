//! noticelint: a linter for draft official notices.
//!
//! Rule packs (YAML) describe what a compliant notice contains; [`lint`] checks a
//! parsed [`Document`] against a compiled [`PackSet`] and returns findings with
//! exact byte spans. Reporters in [`report`] turn findings into text or JSON.
//!
//! ```
//! use noticelint::{Document, Format, PackRef, PackSet, Source, lint};
//!
//! let packs = PackSet::load(&[PackRef::Builtin("xuncha-zhenggai".into())]).unwrap();
//! let doc = Document::parse(Source::new("draft.txt", "一、组织\n"), Format::Text);
//! let findings = lint(&doc, &packs);
//! assert!(findings.iter().any(|d| d.rule == "xuncha-zhenggai/contact-block"));
//! ```

pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod document;
pub mod excerpt;
pub mod outline;
pub mod pack;
pub mod report;
pub mod rules;

pub use diagnostic::{Diagnostic, Edit, Fix, Label, Severity};
pub use document::{Document, Format, Source};
pub use pack::{PackRef, PackSet};

use outline::Outline;
use rules::CheckContext;

/// Runs every enabled rule of `packs` on `doc`; findings sorted by position.
pub fn lint(doc: &Document, packs: &PackSet) -> Vec<Diagnostic> {
    let outline = Outline::resolve(doc, packs.sections());
    let mut out = Vec::new();
    for rule in packs.rules() {
        if rule.meta.severity.is_none() {
            continue;
        }
        let cx = CheckContext {
            doc,
            outline: &outline,
            rule: &rule.meta,
        };
        rule.check.check(&cx, &mut out);
    }
    // Stable: findings at one place keep the order their rule emitted them in.
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// Lints plain `text` with a pack made of the given `rules:` YAML list.
    pub fn lint_with_rule(rules_yaml: &str, text: &str) -> Vec<Diagnostic> {
        let yaml = format!("pack: test\nrules:{rules_yaml}");
        let packs = PackSet::load_str("test.yaml", &yaml).unwrap_or_else(|e| panic!("{e:?}"));
        let doc = Document::parse(Source::new("t.txt", text), Format::Text);
        lint(&doc, &packs)
    }
}
